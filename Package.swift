// swift-tools-version:6.2
import PackageDescription

// Strict memory safety checking (SE-0458): the compiler names every use of an unsafe construct.
// LinearProgramming is the one layer that may use them (it calls GLPK through pointers) and marks
// each with `unsafe`; in every other target an unsafe construct is an error, so it cannot creep in
// (SourceRulesTests checks the same rule on the sources' text).
let checkedUnsafe: [SwiftSetting] = [.strictMemorySafety()]
let noUnsafe: [SwiftSetting] = [.strictMemorySafety(), .treatWarning("StrictMemorySafety", as: .error)]

// Layers, one direction of dependency (DESIGN.md section 6):
// CGLPK -> LinearProgramming -> CapacityAllocation -> Reporting -> ivp.
let package = Package(
    name: "ivp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ivp", targets: ["ivp"]),
        .executable(name: "ivp-serve", targets: ["ivp-serve"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "CapacityAllocation", targets: ["CapacityAllocation"]),
        .library(name: "Reporting", targets: ["Reporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        .target(name: "LinearProgramming", dependencies: ["CGLPK"], swiftSettings: checkedUnsafe),
        .target(
            name: "CapacityAllocation",
            dependencies: ["LinearProgramming", .product(name: "Yams", package: "Yams")],
            swiftSettings: noUnsafe
        ),
        .target(name: "Reporting", dependencies: ["CapacityAllocation"], swiftSettings: noUnsafe),
        // `ivp serve`: the live what-if page and its JSON API. Hummingbird stays in this target so
        // the domain (CapacityAllocation) and the reports (Reporting) never depend on a server.
        .target(
            name: "Server",
            dependencies: [
                "CapacityAllocation", "Reporting", "LinearProgramming",
                .product(name: "Hummingbird", package: "hummingbird"),
                // Reads a what-if file back (restoring a dropped session).
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ivp",
            dependencies: [
                "CapacityAllocation", "Reporting", "LinearProgramming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The server as its own executable: `ivp` builds without SwiftNIO and Hummingbird (the
        // quick start's release build), and `ivp serve` starts `ivp-serve` from the same folder.
        .executableTarget(
            name: "ivp-serve",
            dependencies: [
                "LinearProgramming", "CapacityAllocation", "Reporting", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "CapacityAllocationTests", dependencies: ["CapacityAllocation"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "CapacityAllocation"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [],
            resources: [.copy("Golden")]
        ),
    ]
)

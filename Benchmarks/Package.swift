// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in a sibling package so that they never slow the main build or CI.
let package = Package(
    name: "IVPBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ivp", path: "..")],
    targets: [
        .executableTarget(
            name: "IVPBenchmarks",
            dependencies: [
                .product(name: "CapacityAllocation", package: "ivp"),
                .product(name: "Reporting", package: "ivp"),
                .product(name: "LinearProgramming", package: "ivp"),
            ]
        ),
    ]
)

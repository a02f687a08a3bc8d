import Foundation
import Testing

/// The layering rules of the sources, checked on the files themselves: the C library and unsafe
/// pointers stay in LinearProgramming, the only layer that talks to GLPK.
@Suite struct SourceRulesTests {
    static let sources = CLI.repository.appendingPathComponent("Sources")

    /// Every Swift file under Sources, as a path relative to Sources and its text.
    static func swiftFiles() throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(sources.standardizedFileURL.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Lines that import CGLPK or name an unsafe pointer API (`Unsafe…`, `withUnsafe…`,
    /// `unsafeBitCast`, `Unmanaged`, `OpaquePointer`), outside LinearProgramming.
    static func violations(in files: [(path: String, text: String)]) -> [String] {
        let patterns = ["import CGLPK", "Unsafe", "withUnsafe", "unsafeBitCast", "unsafeDowncast", "Unmanaged", "OpaquePointer",
                        "unsafeUninitializedCapacity", "@_silgen_name"]
        var found: [String] = []
        for file in files where !file.path.hasPrefix("LinearProgramming/") && !file.path.hasPrefix("CGLPK/") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                if let pattern = patterns.first(where: { code.contains($0) }) {
                    found.append("Sources/\(file.path):\(number + 1): \(pattern)")
                }
            }
        }
        return found
    }

    @Test func onlyLinearProgrammingImportsCGLPKOrUsesUnsafePointers() throws {
        let files = try Self.swiftFiles()
        #expect(files.contains { $0.path == "LinearProgramming/GLPK/GLPKProblem.swift" && $0.text.contains("import CGLPK") })
        #expect(Self.violations(in: files) == [])
    }

    /// The check itself finds what it is for (so an empty list above means something).
    @Test func theCheckFindsAViolation() {
        let files = [("Reporting/Bad.swift", "import CGLPK\nlet x = 1 // Unsafe in a comment is fine\nwithUnsafeBytes(of: 1) { _ in }"),
                     ("LinearProgramming/Fine.swift", "import CGLPK\nUnsafeMutablePointer<Int>.allocate(capacity: 1)")]
        #expect(Self.violations(in: files) == ["Sources/Reporting/Bad.swift:1: import CGLPK",
                                                "Sources/Reporting/Bad.swift:3: Unsafe"])
    }
}

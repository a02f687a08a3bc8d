import Foundation
import Testing

/// Runs the built `ivp` binary, as a user would, and compares output with golden files.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The `ivp` binary beside this test bundle (swift build --build-tests builds both into one folder).
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("ivp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/ivp")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `ivp` with `arguments` in the repository folder.
    static func run(_ arguments: [String], in directory: URL = repository, executable: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large report cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Drops what changes from run to run (solve times), so reports compare byte for byte.
    static func normalised(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("Rekentijd: ") || line.hasPrefix("Solve time: ") { return "<solve time>" }
            if line.contains("\"solve_seconds\"") { return "  \"solve_seconds\" : <seconds>," }
            return String(line)
        }.joined(separator: "\n")
    }

    /// Compares `text` with the golden file `name`; with IVP_RECORD=1 in the environment it
    /// (re)writes the golden file instead, on purpose, never silently.
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(name)
        let actual = normalised(text)
        if ProcessInfo.processInfo.environment["IVP_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let detail = first.map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" }
                ?? "lengths differ: \(expectedLines.count) vs \(actualLines.count) lines"
            Issue.record("\(name) differs from its golden file (IVP_RECORD=1 re-records it): \(detail)", sourceLocation: sourceLocation)
        }
    }
}

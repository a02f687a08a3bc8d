import Foundation
import Testing

/// Reproducers of issue 15 through the built binary: unwritable output, signals, batch resume,
/// bad options and input, each with its exact exit code and message.
@Suite struct HardeningCLITests {
    static let bundled = "Scenarios/gooi-en-vechtstreek-2023.yaml"

    /// A fresh folder, removed when the test ends.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-hardening-\(UUID().uuidString)")
        var path: String { url.path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
    }

    /// Runs `ivp` through /bin/sh with shell redirections (`>/dev/full`, `>&-`) after `arguments`.
    static func shell(_ arguments: [String], redirect: String) throws -> CLI.Output {
        let quoted = ([CLI.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try CLI.run(["-c", "exec \(quoted) \(redirect)"], executable: URL(fileURLWithPath: "/bin/sh"))
    }

    // MARK: Unwritable output (item 2)

    @Test func anOutputFileOnAFullDiskIsAnErrorNotACrash() throws {
        for arguments in [["solve", Self.bundled], ["export", Self.bundled, "--format", "lp"], ["generate"]] {
            let output = try CLI.run(arguments + ["--output", "/dev/full"])
            #expect(output.status == 1, "\(arguments)")
            #expect(output.stderr == "ivp: /dev/full: cannot write: No space left on device\n", "\(arguments)")
        }
    }

    @Test func aFullOrClosedStandardOutputIsAnError() throws {
        for arguments in [["solve", Self.bundled], ["validate", Self.bundled]] {
            let full = try Self.shell(arguments, redirect: ">/dev/full")
            #expect(full.status == 1)
            #expect(full.stderr == "ivp: cannot write to standard output: No space left on device\n")
            let closed = try Self.shell(arguments, redirect: ">&-")
            #expect(closed.status == 1)
            #expect(closed.stderr == "ivp: cannot write to standard output: it is closed\n")
        }
    }

    @Test func aFullOrClosedStandardErrorKeepsTheExitCode() throws {
        let full = try Self.shell(["solve", "missing.yaml"], redirect: "2>/dev/full")
        #expect(full.status == 2)
        #expect(full.stderr.isEmpty && full.stdout.isEmpty)
        let closed = try Self.shell(["solve", "missing.yaml"], redirect: "2>&-")
        #expect(closed.status == 2)
    }

    @Test func aReaderThatWentAwayIsAnErrorNotASignal() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["generate", "--scale", "nation"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        try out.fileHandleForReading.close()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: stderr, as: UTF8.self) == "ivp: cannot write to standard output: Broken pipe\n")
    }

    // MARK: Signals (item 6)

    @Test func sigtermDuringSolveRemovesTheTemporaryFileAndExits143() throws {
        let folder = try Folder()
        let scenario = folder.url.appendingPathComponent("big.yaml").path
        #expect(try CLI.run(["generate", "--municipalities", "2000", "--output", scenario]).status == 0)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["solve", scenario, "--format", "json", "--output", folder.url.appendingPathComponent("out.json").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["big.yaml"])
    }

    // MARK: Batch (items 1, 6, 9)

    @Test func batchIsolatesAnAliasBombAndResumes() throws {
        let folder = try Folder()
        let scenarios = folder.url.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        for seed in 1...2 {
            #expect(try CLI.run(["generate", "--municipalities", "3", "--seed", "\(seed)",
                                 "--output", scenarios.appendingPathComponent("good-\(seed).yaml").path]).status == 0)
        }
        let bomb = (["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
            + (1...9).map { "a\($0): &a\($0) [\(Array(repeating: "*a\($0 - 1)", count: 9).joined(separator: ", "))]" })
            .joined(separator: "\n")
        try folder.write("scenarios/bomb.yaml", bomb)

        let first = try CLI.run(["batch", "scenarios", "--output", "out"], in: folder.url)
        #expect(first.status == 2)
        let out = folder.url.appendingPathComponent("out")
        let summary = try String(contentsOf: out.appendingPathComponent("summary.jsonl"), encoding: .utf8)
        #expect(summary.split(separator: "\n").count == 3)
        #expect(summary.contains("\"scenario\":\"scenarios/bomb.yaml\",\"status\":\"invalid\""))
        #expect(summary.contains("too many aliases (9 of &a0)"))

        // As if killed: good-1 complete (its report changed to see that it is kept), good-2 without
        // its marker, a temporary file left behind.
        let good1 = out.appendingPathComponent("scenarios__good-1_yaml")
        let good2 = out.appendingPathComponent("scenarios__good-2_yaml")
        try "kept".write(to: good1.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: good2.appendingPathComponent(".complete"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("summary.jsonl"))
        let stale = good2.appendingPathComponent(".report.md.\(UUID().uuidString).tmp")
        try "half".write(to: stale, atomically: true, encoding: .utf8)

        let resumed = try CLI.run(["batch", "scenarios", "--output", "out", "--resume"], in: folder.url)
        #expect(resumed.status == 2)
        #expect(try String(contentsOf: good1.appendingPathComponent("report.md"), encoding: .utf8) == "kept")
        #expect(FileManager.default.fileExists(atPath: good2.appendingPathComponent(".complete").path))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        let rebuilt = try String(contentsOf: out.appendingPathComponent("summary.jsonl"), encoding: .utf8)
        #expect(rebuilt.split(separator: "\n").map { $0.components(separatedBy: "\"status\":")[1].prefix(9) }
            == ["\"invalid\"", "\"optimal\"", "\"optimal\""])
    }

    @Test func batchOutputNamingAFileIsAnInputError() throws {
        let output = try CLI.run(["batch", Self.bundled, "--output", Self.bundled])
        #expect(output.status == 2)
        #expect(output.stderr == "ivp: --output \(Self.bundled): is a file; batch writes a folder of results there\n")
    }

    // MARK: Input (items 3, 8, 9)

    @Test func evaluateRefusesHoursBeyondTheScenariosCapacity() throws {
        let folder = try Folder()
        let csv = try folder.write("allocation.csv", """
            pool,theme,municipality,hours
            gooi-noord-basis,maatschappelijke-onrust,gooise-meren,1e308
            gooi-noord-basis,maatschappelijke-onrust,huizen,1e308

            """)
        let output = try CLI.run(["evaluate", Self.bundled, "--allocation", csv, "--format", "json"])
        #expect(output.status == 2)
        let message = "hours: '1e308' hours is more than 1000 times what all pools of the scenario have together (517850 hours)"
        #expect(output.stderr == "\(csv):2: \(message)\n\(csv):3: \(message)\n")
        #expect(output.stdout.isEmpty)
    }

    @Test func extendsOfANonScenarioSaysSoWithoutQuotingIt() throws {
        let folder = try Folder()
        let whatIf = try folder.write("what-if.yaml", "extends: /etc/passwd\n")
        let output = try CLI.run(["validate", whatIf])
        #expect(output.status == 2)
        #expect(output.stderr == "\(whatIf):1: extends: cannot extend '/etc/passwd': not a scenario (a YAML or JSON mapping with a `name`)\n")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["solve", Self.bundled, "--mip-gap", "2"], "Error: --mip-gap must be at least 0 and below 1"),
            (["sweep", Self.bundled, "--vary", "reserve", "--values", ""], "Error: --values must list at least one number, e.g. 0,0.05,0.1"),
            (["sweep", Self.bundled, "--vary", "reserve", "--from", "0.3", "--to", "0", "--steps", "3"],
             "Error: --from must be below --to (for values in another order, give --values)"),
        ]
        for (arguments, message) in cases {
            let output = try CLI.run(arguments)
            #expect(output.status == 64, "\(arguments)")
            #expect(output.stderr.hasPrefix(message + "\n"), "\(output.stderr)")
        }
    }

    @Test func compareListsTheErrorsOfABaseOnce() throws {
        let folder = try Folder()
        let base = try folder.write("base.yaml", "name: X\nreserve: 5\n")
        let whatIf = try folder.write("what-if.yaml", "extends: base.yaml\nname: Y\n")
        let output = try CLI.run(["compare", base, whatIf])
        #expect(output.status == 2)
        #expect(output.stderr == "\(base):2: reserve: 5 is outside [0, 1)\n")
    }

    // MARK: Keep it that way

    /// Mutated what-ifs through the binary: never GLPK's output on standard output, never a crash,
    /// only exit codes 0, 2, 3 or 4, and every line on standard error names the file.
    @Test func mutatedScenariosThroughTheBinaryPrintNothingButTheirResult() throws {
        let folder = try Folder()
        let scenarios = CLI.repository.appendingPathComponent("Scenarios")
        let base = try String(contentsOf: scenarios.appendingPathComponent("gooi-en-vechtstreek-2023.yaml"), encoding: .utf8)
        let whatIf = try String(contentsOf: scenarios.appendingPathComponent("gooi-zuid-capaciteit-min-10.yaml"), encoding: .utf8)
        try folder.write("gooi-en-vechtstreek-2023.yaml", base)
        var state: UInt64 = 0x15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["0", "-1", "1e308", ".nan", "999999999", "0.5", "*a", "!foo ", "[", "\n", "id: x"]
        var statuses: [Int32: Int] = [:]
        for index in 0..<16 {
            var characters = Array(whatIf)
            for _ in 0..<(1 + next(2)) {
                let position = next(characters.count)
                characters.replaceSubrange(position..<min(characters.count, position + next(3)), with: Array(pieces[next(pieces.count)]))
            }
            let file = try folder.write("case-\(index).yaml", String(characters))
            let output = try CLI.run(["solve", file, "--output", folder.url.appendingPathComponent("out.md").path])
            statuses[output.status, default: 0] += 1
            #expect([0, 2, 3, 4].contains(output.status), "case \(index): \(output.status) \(output.stderr)")
            #expect(output.stdout.isEmpty, "case \(index) printed: \(output.stdout.prefix(300))")
            for line in output.stderr.split(separator: "\n") {
                #expect(line.hasPrefix(file) || line.hasPrefix(folder.path), "case \(index): \(line)")
            }
        }
        // Both outcomes happen, or the test proves little.
        #expect(statuses[2, default: 0] > 0 && statuses[0, default: 0] + statuses[3, default: 0] > 0, "\(statuses)")
    }
}

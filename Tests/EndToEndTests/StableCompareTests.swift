import Foundation
import Testing

/// The stable what-if checked against an independent solver: `Tools/reference/reference_model.py`
/// (scipy/HiGHS) solves each bundled what-if, holds its optimum to the stages' tolerance and
/// minimises the total absolute change from `ivp solve BASE --format csv`; compare's `hours_moved`
/// must be that least possible distance.
@Suite struct StableCompareTests {
    static let base = "Scenarios/gooi-en-vechtstreek-2023.yaml"

    @Test(arguments: ["Scenarios/gooi-zuid-capaciteit-min-10.yaml", "Scenarios/crisis-opvang.yaml"])
    func hoursMovedIsTheLeastPossible(whatIf: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-stable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("base.csv").path
        #expect(try CLI.run(["solve", Self.base, "--format", "csv", "--output", csv]).status == 0)

        let compare = try CLI.run(["compare", Self.base, whatIf, "--format", "json"])
        #expect(compare.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        let moved = try #require(scenarios.last?["hours_moved"] as? Double)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Tools/reference/reference_model.py", whatIf, "--closest-to", csv]
        process.currentDirectoryURL = CLI.repository
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the reference model needs python3 with numpy, scipy and PyYAML (scripts/setup)")
        let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let least = try #require(reference["hours_moved"] as? Double)
        #expect(abs(moved - least) <= 1e-6 * max(1, least), "\(whatIf): ivp \(moved), reference \(least)")

        // Without the stable choice the raw optimum is at least as far from the base.
        let raw = try CLI.run(["compare", Self.base, whatIf, "--format", "json", "--no-stable"])
        let rawJSON = try #require(try JSONSerialization.jsonObject(with: Data(raw.stdout.utf8)) as? [String: Any])
        let rawMoved = try #require((rawJSON["scenarios"] as? [[String: Any]])?.last?["hours_moved"] as? Double)
        #expect(rawMoved >= least - 1e-6 * least)
        #expect(rawJSON["stable"] as? Bool == false && json["stable"] as? Bool == true)
    }
}

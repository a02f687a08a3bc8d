import Foundation
import Testing

/// `ivp batch` and `ivp generate` through the built binary: isolation of failures, shards, merge.
@Suite struct BatchTests {
    /// A fresh folder with three good generated scenarios, one invalid and one infeasible file.
    private func makeScenarios() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-batch-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("more"), withIntermediateDirectories: true)
        for seed in 1...3 {
            let output = try CLI.run(["generate", "--municipalities", "4", "--seed", "\(seed)",
                                      "--output", folder.appendingPathComponent("good-\(seed).yaml").path])
            #expect(output.status == 0, "\(output.stderr)")
        }
        try "name: broken\nthemes: 3\n".write(to: folder.appendingPathComponent("more/invalid.yml"), atomically: true, encoding: .utf8)
        // The bundled over-committed scenario extends the base one: copy both.
        let scenarios = CLI.repository.appendingPathComponent("Scenarios")
        for name in ["gooi-en-vechtstreek-2023.yaml", "gooi-en-vechtstreek-overvraagd.yaml"] {
            try FileManager.default.copyItem(at: scenarios.appendingPathComponent(name),
                                             to: folder.appendingPathComponent("more/\(name)"))
        }
        try "not a scenario".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        return root
    }

    private func summaryRows(_ folder: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: folder.appendingPathComponent("summary.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func batchIsolatesInvalidAndInfeasibleScenarios() throws {
        let root = try makeScenarios()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try CLI.run(["batch", "scenarios", "--output", "out", "--jobs", "2"], in: root)
        // An invalid scenario outranks an infeasible one in the exit code.
        #expect(output.status == 2, "\(output.stderr)")
        let rows = try summaryRows(root.appendingPathComponent("out"))
        let statuses = Dictionary(uniqueKeysWithValues: rows.map { ($0["scenario"] as! String, $0["status"] as! String) })
        #expect(rows.map { $0["scenario"] as! String } == [
            "scenarios/good-1.yaml", "scenarios/good-2.yaml", "scenarios/good-3.yaml",
            "scenarios/more/gooi-en-vechtstreek-2023.yaml", "scenarios/more/gooi-en-vechtstreek-overvraagd.yaml",
            "scenarios/more/invalid.yml",
        ])
        #expect(statuses["scenarios/good-1.yaml"] == "optimal")
        #expect(statuses["scenarios/more/gooi-en-vechtstreek-overvraagd.yaml"] == "infeasible")
        #expect(statuses["scenarios/more/invalid.yml"] == "invalid")
        let invalid = try #require(rows.first { $0["status"] as? String == "invalid" })
        #expect((invalid["error"] as? String)?.contains("themes") == true)
        let out = root.appendingPathComponent("out")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("scenarios__good-1_yaml/report.json").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("scenarios__good-1_yaml/report.md").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("scenarios__more__invalid_yml/errors.txt").path))
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("scenario,status,objective,attainment,seconds,error\n"))

        // Only the infeasible one left: exit code 3. Same inputs, same summary apart from timings.
        let again = try CLI.run(["batch", "scenarios/more/gooi-en-vechtstreek-overvraagd.yaml", "scenarios/good-1.yaml",
                                 "--output", "again"], in: root)
        #expect(again.status == 3)
        let serial = try CLI.run(["batch", "scenarios", "--output", "serial", "--jobs", "1"], in: root)
        #expect(serial.status == 2)
        func withoutTimes(_ folder: String) throws -> [String] {
            try summaryRows(root.appendingPathComponent(folder)).map { row in
                var row = row
                row["seconds"] = nil
                return String(decoding: try JSONSerialization.data(withJSONObject: row, options: .sortedKeys), as: UTF8.self)
            }
        }
        #expect(try withoutTimes("out") == withoutTimes("serial"))
        let parallelReport = try String(contentsOf: out.appendingPathComponent("scenarios__good-2_yaml/report.md"), encoding: .utf8)
        let serialReport = try String(contentsOf: root.appendingPathComponent("serial/scenarios__good-2_yaml/report.md"), encoding: .utf8)
        #expect(CLI.normalised(parallelReport) == CLI.normalised(serialReport))
    }

    @Test func shardsCoverEveryScenarioExactlyOnceAndMerge() throws {
        let root = try makeScenarios()
        defer { try? FileManager.default.removeItem(at: root) }
        let all = try CLI.run(["batch", "scenarios", "--output", "all", "--format", "csv"], in: root)
        #expect(all.status == 2)
        let expected = try summaryRows(root.appendingPathComponent("all")).map { $0["scenario"] as! String }
        #expect(expected.count == 6)
        var seen: [String] = []
        for shard in 1...4 {
            let output = try CLI.run(["batch", "scenarios", "--output", "shard-\(shard)", "--shard", "\(shard)/4",
                                      "--format", "csv"], in: root)
            #expect([0, 2, 3].contains(output.status), "\(output.stderr)")
            seen += try summaryRows(root.appendingPathComponent("shard-\(shard)")).map { $0["scenario"] as! String }
        }
        #expect(seen.sorted() == expected.sorted())
        #expect(Set(seen).count == seen.count)

        let merged = try CLI.run(["batch", "--merge", "shard-1", "shard-2", "shard-3", "shard-4", "--output", "merged"], in: root)
        #expect(merged.status == 2)
        let mergedRows = try summaryRows(root.appendingPathComponent("merged"))
        #expect(mergedRows.map { $0["scenario"] as! String } == expected)
        #expect(mergedRows.map { $0["status"] as! String } == (try summaryRows(root.appendingPathComponent("all"))).map { $0["status"] as! String })
        let csv = try String(contentsOf: root.appendingPathComponent("merged/summary.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 7)
    }

    @Test func badShardIsAUsageError() throws {
        let output = try CLI.run(["batch", "Scenarios", "--output", "/tmp/never", "--shard", "5/4"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--shard"))
    }

    @Test func generateIsDeterministicAndValid() throws {
        let first = try CLI.run(["generate", "--scale", "district", "--seed", "9"])
        let second = try CLI.run(["generate", "--scale", "district", "--seed", "9"])
        let other = try CLI.run(["generate", "--scale", "district", "--seed", "10"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-generated-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try first.stdout.write(to: file, atomically: true, encoding: .utf8)
        let validate = try CLI.run(["validate", file.path])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("8 municipalities"))
    }
}

import Foundation
import Testing

/// `ivp risk` through the binary: the same report whatever --threads, a sharded run merged back
/// byte for byte, the seed as the only source of chance, and refused merges with their messages.
@Suite struct RiskCLITests {
    static let scenario = """
        name: Crisis
        hours_per_fte: 1000
        reserve: 0.2
        base_teams: [{id: team}]
        municipalities: [{id: town, base_team: team, population: 10000}, {id: village, base_team: team, population: 4000}]
        pools: [{id: pool, at: team, kind: general, fte: 2, claimed_hours: 0}]
        themes:
          - {id: a, level: local, adopted_by: [team], kinds: {general: 1}, weight: 2, need: {per_1000_inhabitants: 100}}
          - {id: b, level: local, adopted_by: [team], kinds: {general: 1}, need: {by_municipality: {town: 1000, village: 400}}, minimum: 0.3}
        uncertainty:
          - {parameter: pools.pool.fte, distribution: triangular, low: 1.6, mode: 2, high: 2.1}
          - {parameter: pools.pool.claimed_hours, distribution: discrete, values: [0, 900], probabilities: [0.8, 0.2], group: crisis}
          - {parameter: themes.b.need.by_municipality.town, distribution: uniform, low: 1000, high: 2500, group: crisis}

        """

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-risk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try scenario.write(to: folder.appendingPathComponent("crisis.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func threadsShardsAndSeeds() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("crisis.yaml").path
        let one = try CLI.run(["risk", file, "--samples", "60", "--seed", "7", "--format", "json", "--threads", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try CLI.run(["risk", file, "--samples", "60", "--seed", "7", "--format", "json", "--threads", "2"])
        #expect(two.stdout == one.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(json["samples"] as? Int == 60)
        #expect(json["seed"] as? Int == 7)
        #expect((json["promises"] as? [Any])?.count == 2)

        // Three shards of 20 (the second starts inside the first chunk of 25), merged.
        var parts: [String] = []
        for shard in 1...3 {
            let part = folder.appendingPathComponent("part-\(shard).json").path
            let run = try CLI.run(["risk", file, "--samples", "60", "--seed", "7", "--shard", "\(shard)/3", "--output", part])
            #expect(run.status == 0, "\(run.stderr)")
            parts.append(part)
        }
        let merged = try CLI.run(["risk", "--merge"] + parts.reversed() + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == one.stdout)
        for format in ["markdown", "html"] {
            let whole = try CLI.run(["risk", file, "--samples", "60", "--seed", "7", "--format", format, "--lang", "en"])
            let combined = try CLI.run(["risk", "--merge"] + parts + ["--format", format, "--lang", "en"])
            #expect(whole.status == 0 && combined.stdout == whole.stdout)
        }

        // The seed is the only source of chance.
        let again = try CLI.run(["risk", file, "--samples", "60", "--seed", "7", "--format", "json"])
        #expect(again.stdout == one.stdout)
        let other = try CLI.run(["risk", file, "--samples", "60", "--seed", "8", "--format", "json"])
        #expect(other.status == 0 && other.stdout != one.stdout)

        // Refused merges.
        let missing = try CLI.run(["risk", "--merge", parts[0], parts[1]])
        #expect(missing.status == 2)
        #expect(missing.stderr == "ivp: --merge: missing shard 3/3 of the run\n")
        let twice = try CLI.run(["risk", "--merge", parts[0], parts[0], parts[1], parts[2]])
        #expect(twice.stderr == "ivp: --merge: shard 1/3 is given twice: \(parts[0]) and \(parts[0])\n")
        let otherSeed = folder.appendingPathComponent("seed-8.json").path
        #expect(try CLI.run(["risk", file, "--samples", "60", "--seed", "8", "--shard", "3/3", "--output", otherSeed]).status == 0)
        let mixed = try CLI.run(["risk", "--merge", parts[0], parts[1], otherSeed])
        #expect(mixed.status == 2)
        #expect(mixed.stderr == "ivp: --merge: \(otherSeed) and \(parts[0]) are parts of different runs: seed 8 against 7\n")
        let fewer = folder.appendingPathComponent("fewer.json").path
        #expect(try CLI.run(["risk", file, "--samples", "50", "--seed", "7", "--shard", "3/3", "--output", fewer]).status == 0)
        #expect(try CLI.run(["risk", "--merge", parts[0], parts[1], fewer]).stderr
                == "ivp: --merge: \(fewer) and \(parts[0]) are parts of different runs: samples 50 against 60\n")
        let notAPart = try CLI.run(["risk", "--merge", file])
        #expect(notAPart.stderr == "ivp: --merge: \(file): not a partial result of ivp risk (write one with --shard K/N --output PART)\n")
    }

    @Test func badInputIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("crisis.yaml").path
        let none = try CLI.run(["risk", "Scenarios/gooi-en-vechtstreek-2023.yaml", "--samples", "5"])
        #expect(none.status == 2)
        #expect(none.stderr.hasSuffix("Scenarios/gooi-en-vechtstreek-2023.yaml: the scenario has no `uncertainty` entries, so there is nothing to sample (docs/scenario-format.md)\n"))
        #expect(try CLI.run(["risk", file]).stderr.contains("give the number of samples with --samples N"))
        #expect(try CLI.run(["risk", file, "--samples", "5", "--shard", "4/3"]).stderr
                .contains("--shard must be K/N with 1 ≤ K ≤ N (e.g. 3/10), found '4/3'"))
        #expect(try CLI.run(["risk", file, "--samples", "2", "--shard", "1/3"]).stderr.contains("more shards than samples (2)"))
        let seed = try CLI.run(["risk", file, "--samples", "5", "--seed=-1"])
        #expect(seed.status == 64 && seed.stderr.contains("--seed must be between 0 and 9007199254740991"))
        #expect(try CLI.run(["risk", file, "--samples", "5", "--format", "csv"]).stderr
                .contains("--format csv is not available for risk (markdown, json or html)"))
    }

    /// A plan given as a CSV is the one tested: the optimum written by solve gives the same report.
    @Test func allocationFromCSV() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("crisis.yaml").path
        let csv = folder.appendingPathComponent("plan.csv").path
        #expect(try CLI.run(["solve", file, "--format", "csv", "--output", csv]).status == 0)
        let fromCSV = try CLI.run(["risk", file, "--samples", "30", "--allocation", csv, "--format", "json"])
        #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(fromCSV.stdout.utf8)) as? [String: Any])
        #expect(json["plan"] as? String == csv)
        let optimum = try #require(try JSONSerialization.jsonObject(with: Data(
            try CLI.run(["risk", file, "--samples", "30", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let a = try #require(json["objective"] as? [String: Double]), b = try #require(optimum["objective"] as? [String: Double])
        #expect(abs(a["mean"]! - b["mean"]!) < 1e-3)
    }
}

import Foundation
import Testing

/// `ivp solve --robust` and `ivp export --robust` through the binary, on the one-pool crisis of
/// RobustTests with its two-point distribution written as the file's `uncertainty`.
@Suite struct RobustCLITests {
    static let scenario = """
        name: Een pool, een crisis
        hours_per_fte: 1000
        reserve: 0.1
        units: [{id: u, name: U}]
        districts: [{id: d, name: D, unit: u}]
        base_teams: [{id: b, name: B, district: d}]
        municipalities: [{id: a, name: A, base_team: b}]
        pools:
          - {id: p, name: P, at: b, kind: general, fte: 1}
        themes:
          - {id: t, name: T, level: local, adopted_by: [a], kinds: {general: 1}, need: {by_municipality: {a: 2000}}}
        uncertainty:
          - {parameter: pools.p.claimed_hours, distribution: discrete, values: [0, 300], probabilities: [0.4, 0.6]}

        """

    static func file() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("crisis.yaml").path
        try scenario.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    /// With q the share of crisis years among the samples (seed 3 draws 25 crises in 40 years:
    /// RobustTests.seedThreeDrawsTwentyFiveCrises) and κ = 2: a normal year gives 1,000 − R, a crisis 100 + 2R up to R = 300, so for
    /// q > 1/3 the reserve is 300 and every year gives 700 (E = P10 = 700). The mean year claims 300q,
    /// so R_EV = 300q, worth (1 − q)(1,000 − 300q) + q(100 + 600q) on the samples; VSS is 700 minus
    /// that. Knowing each year: (1 − q) 1,000 + q 700, so EVPI = 300 (1 − q). As written: 700
    /// against 900 with the file's 10%.
    @Test func robustReserveThroughTheCommand() throws {
        let (folder, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["solve", path, "--robust", "--samples", "40", "--seed", "3", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let q = 25.0 / 40 // so R_EV = 187.5, worth 0.375 · 812.5 + 0.625 · 475 = 601.5625; VSS 98.4375; EVPI 112.5
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let robust = try #require(json["robust"] as? [String: Any])
        func number(_ key: String) -> Double { robust[key] as? Double ?? .nan }
        let reserves = try #require(robust["reserves"] as? [[String: Any]])
        #expect(reserves.count == 1 && reserves[0]["pool"] as? String == "p")
        #expect(abs((reserves[0]["reserve"] as? Double ?? 0) - 300) < 1e-6)
        #expect(abs((reserves[0]["file_reserve"] as? Double ?? 0) - 100) < 1e-6)
        #expect(robust["samples"] as? Int == 40 && robust["seed"] as? Int == 3)
        #expect(abs(number("expected_objective") - 700) < 1e-6)
        let evPlan = (1 - q) * (1000 - 300 * q) + q * (100 + 600 * q)
        #expect(abs(number("expected_value_plan_objective") - evPlan) < 1e-6)
        #expect(abs(number("vss") - (700 - evPlan)) < 1e-6)
        #expect(abs(number("evpi") - 300 * (1 - q)) < 1e-6)
        let normal = try #require(robust["normal_year"] as? [String: Any])
        #expect(abs((normal["value"] as? Double ?? 0) - 700) < 1e-6)
        #expect(abs((normal["given_up"] as? Double ?? 0) - 200) < 1e-6)

        let english = try CLI.run(["solve", path, "--robust", "--samples", "40", "--seed", "3", "--lang", "en"])
        #expect(english.stdout.contains("| p | 1,000 | 100 | 300 | 30.0% | +200 |"))
        #expect(english.stdout.contains("In a normal year (the scenario as written) the robust reserve gives 700, against 900"))
        let dutch = try CLI.run(["solve", path, "--robust", "--samples", "40", "--seed", "3", "--format", "html"])
        #expect(dutch.stdout.contains("<h1>Robuuste reserve: Een pool, een crisis</h1>"))
    }

    /// The extensive form written by export has the reserve column and one block per year; glpsol's
    /// optimum of it is checked in Benchmarks/robust.py. Bad combinations are refused.
    @Test func exportAndRefusals() throws {
        let (folder, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try CLI.run(["export", path, "--robust", "--samples", "3", "--format", "lp"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("reserve(p)"))
        #expect(export.stdout.contains("s3_plan(p)"))
        let csv = try CLI.run(["solve", path, "--robust", "--format", "csv"])
        #expect(csv.status == 64 && csv.stderr.contains("--robust writes markdown, json or html, not csv"))
        let alone = try CLI.run(["solve", path, "--samples", "5"])
        #expect(alone.status == 64 && alone.stderr.contains("--samples, --seed and --risk-aversion go with --robust"))
        let averse = try CLI.run(["solve", path, "--robust", "--risk-aversion", "1.5"])
        #expect(averse.status == 64 && averse.stderr.contains("--risk-aversion must be between 0 and 1"))
        let plain = try CLI.run(["solve", "Scenarios/gooi-en-vechtstreek-2023.yaml", "--robust"])
        #expect(plain.status == 2 && plain.stderr.contains("--robust needs an `uncertainty` list in the scenario"))
    }
}

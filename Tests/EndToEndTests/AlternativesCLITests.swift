import Foundation
import Testing

/// `ivp alternatives` as a user runs it: exit codes, and the hand-worked ranges of
/// Tests/CapacityAllocationTests/AlternativesTests.swift (a's least hours within 1%: 384).
@Suite struct AlternativesCLITests {
    static let scenario = """
        name: Room around the optimum
        hours_per_fte: 1000
        base_teams: [{id: b, name: B}]
        municipalities:
          - {id: a, name: A, base_team: b}
          - {id: c, name: C, base_team: b}
        pools:
          - {id: p, name: P, at: b, kind: general, fte: 1}
        themes:
          - id: t
            name: T
            level: local
            adopted_by: [a, c]
            kinds: {general: 1}
            returns: [{share: 0.5, value: 1.0}, {share: 0.5, value: 0.5}]
            need: {by_municipality: {a: 600, c: 600}}
        """

    @Test func handWorkedRangesAsCSVAndJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-alt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("room.yaml").path
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let csv = try CLI.run(["alternatives", path, "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "kind,id,min_hours,max_hours,optimum_hours")
        let a = try #require(lines.first { $0.hasPrefix("municipality,a,") }).split(separator: ",")
        #expect(abs(Double(a[2])! - 384) < 1e-6)
        #expect(abs(Double(a[3])! - 600) < 1e-6)
        let ten = try CLI.run(["alternatives", path, "--within", "0.1", "--format", "json", "--lang", "en"])
        #expect(ten.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ten.stdout.utf8)) as? [String: Any])
        let ranges = try #require(json["ranges"] as? [[String: Any]])
        let theme = try #require(ranges.first { $0["kind"] as? String == "theme" })
        #expect(abs((theme["min_hours"] as? Double ?? 0) - 840) < 1e-6)
        #expect(json["within"] as? Double == 0.1)
        #expect(abs((json["objective"] as? Double ?? 0) - 800) < 1e-6)
    }

    @Test func exitCodes() throws {
        let base = "Scenarios/gooi-en-vechtstreek-2023.yaml"
        for bad in [["--within", "0"], ["--within", "1"], ["--within", "-0.1"], ["--count", "21"], ["--count", "-1"]] {
            let run = try CLI.run(["alternatives", base] + bad)
            #expect(run.status == 64, "\(bad)")
            #expect(run.stderr.contains(bad[0]))
        }
        let infeasible = try CLI.run(["alternatives", "Scenarios/gooi-en-vechtstreek-overvraagd.yaml", "--lang", "en"])
        #expect(infeasible.status == 3)
        #expect(infeasible.stdout.contains("Why it does not fit"))
        let html = try CLI.run(["alternatives", base, "--format", "html", "--count", "1", "--lang", "en"])
        #expect(html.status == 0)
        #expect(html.stdout.contains(#"id="range-chart""#))
    }
}

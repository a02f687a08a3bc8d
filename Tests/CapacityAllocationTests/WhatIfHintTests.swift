import CapacityAllocation
import Foundation
import Testing

/// What-ifs that catch typos: an entry of a what-if whose id matches nothing in the base and lacks
/// the fields of a new entry is named as a likely typo, with the nearest id of the base.
@Suite struct WhatIfHintTests {
    static let base = """
        name: Basis
        hours_per_fte: 100
        units: [{id: u, name: U}]
        districts: [{id: d, name: D, unit: u}]
        base_teams: [{id: b, name: B, district: d}]
        municipalities: [{id: a, name: A, base_team: b}]
        pools:
          - {id: districtsrecherche, name: Recherche, at: d, kind: investigation, fte: 5}
          - {id: p1, name: P1, at: b, kind: general, fte: 5}
        themes:
          - {id: t, name: T, level: local, adopted_by: [a], kinds: {general: 1}, need: {by_municipality: {a: 100}}}
        """

    private func problems(_ whatIf: String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-hints-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.base.write(to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("what-if.yaml").path
        try whatIf.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioLoader.load(path: path)
            return []
        } catch {
            return error.diagnostics.map { "\($0.line.map(String.init) ?? "-"): \($0.path): \($0.message)" }
        }
    }

    @Test func aMisspelledPoolGetsTheNearestID() throws {
        #expect(try problems("extends: base.yaml\nname: W\npools: [{id: districtrecherche, fte: 4}]\n")
                == ["3: pools[0].id: no pool `districtrecherche` in the base; did you mean `districtsrecherche`?"])
    }

    @Test func anIDInTheWrongCaseGetsTheSameHint() throws {
        #expect(try problems("extends: base.yaml\nname: W\npools: [{id: P1, fte: 4}]\n")
                == ["3: pools[0].id: no pool `P1` in the base; did you mean `p1`? (ids are lowercase)"])
    }

    @Test func aNewEntryWithoutItsFieldsAndNoNearIDSaysWhatANewOneNeeds() throws {
        #expect(try problems("extends: base.yaml\nname: W\nthemes: [{id: jeugd, weight: 2}]\n")
                == ["3: themes[0].id: no theme `jeugd` in the base (a new theme needs `level`, `adopted_by`, `kinds`, `need`)"])
    }

    @Test func aMissingBaseIsNamedWithTheFullPathTried() throws {
        let found = try problems("extends: nothere.yaml\nname: W\n")
        #expect(found.count == 1 && found[0].hasPrefix("1: extends: cannot extend 'nothere.yaml': the file /"))
        #expect(found[0].hasSuffix("/nothere.yaml does not exist"))
    }

    /// A theme of kind `cyber` in a district with no cyber pool: a warning, and it still solves.
    @Test func aThemeNoPoolCanReachIsAWarning() throws {
        let text = Self.base.replacingOccurrences(of: "kinds: {general: 1}", with: "kinds: {cyber: 1}")
        let scenario = try ScenarioLoader.load(text: text, name: "cyber.yaml")
        #expect(scenario.warnings.map(\.message) == ["warning: no pool of kind cyber can reach the municipalities of t; it gets no hours"])
        let result = try Allocator.solve(scenario)
        #expect(result.status == .optimal && result.warnings.count == 1)
    }
}

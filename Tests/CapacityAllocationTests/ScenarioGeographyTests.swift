import Foundation
import Testing
@testable import CapacityAllocation

/// `cbs_code` and `neighbours: borders` in a scenario (DESIGN.md 3 and 4.2 (5)).
@Suite struct ScenarioGeographyTests {
    /// Three Gooi municipalities; line 10 is Blaricum, line 11 Laren, line 12 Huizen, line 13 `neighbours`.
    static func scenario(blaricum: String = ", cbs_code: GM0376", larenPopulation: Int = 11440,
                         neighbours: String = "borders") -> String {
        """
        name: Gooi Noord
        hours_per_fte: 1350
        units:
          - {id: mn, name: Midden-Nederland}
        districts:
          - {id: gooi, name: Gooi en Vechtstreek, unit: mn}
        base_teams:
          - {id: noord, name: Gooi Noord, district: gooi}
        municipalities:
          - {id: blaricum, name: Blaricum, base_team: noord, population: 12725\(blaricum)}
          - {id: laren, name: Laren, base_team: noord, population: \(larenPopulation), cbs_code: GM0417}
          - {id: huizen, name: Huizen, base_team: noord, population: 41205, cbs_code: GM0406}
        neighbours: \(neighbours)
        pools:
          - {id: basis, name: Basis, at: noord, kind: general, fte: 10}
        themes:
          - {id: drugs, name: Drugs, level: district, adopted_by: [gooi], kinds: {general: 1}, need: {per_1000_inhabitants: 100}, max_gap: 0.1}
        """
    }

    @Test func bordersGiveTheRealLandBordersAmongTheFilesMunicipalities() throws {
        let scenario = try ScenarioLoader.load(text: Self.scenario(), name: "gooi.yaml")
        #expect(scenario.node("laren")?.cbsCode == "GM0417")
        // Laren and Huizen touch at a point only: not neighbours.
        #expect(scenario.neighbours.map { "\($0.0)-\($0.1)" } == ["blaricum-laren", "blaricum-huizen"])
        #expect(scenario.displacementPairs.count == 2)
        #expect(scenario.warnings.isEmpty)
    }

    @Test func anUnknownCodeIsAnErrorWithFileLineAndPath() {
        #expect {
            _ = try ScenarioLoader.load(text: Self.scenario(blaricum: ", cbs_code: GM9999"), name: "gooi.yaml")
        } throws: { error in
            let diagnostics = (error as? ScenarioError)?.diagnostics ?? []
            return diagnostics.contains { $0.file == "gooi.yaml" && $0.line == 10 && $0.path == "municipalities[0].cbs_code"
                && $0.message.contains("unknown CBS code 'GM9999'") }
        }
    }

    @Test func aRepeatedCodeIsAnError() {
        #expect {
            _ = try ScenarioLoader.load(text: Self.scenario(blaricum: ", cbs_code: GM0417"), name: "gooi.yaml")
        } throws: { error in
            (error as? ScenarioError)?.diagnostics.contains { $0.path == "municipalities[1].cbs_code" && $0.message.contains("also used at municipalities[0]") } ?? false
        }
    }

    @Test func bordersNeedACodeForEveryMunicipality() {
        #expect {
            _ = try ScenarioLoader.load(text: Self.scenario(blaricum: ""), name: "gooi.yaml")
        } throws: { error in
            (error as? ScenarioError)?.diagnostics.contains { $0.path == "neighbours" && $0.line == 13 && $0.message.contains("blaricum has none") } ?? false
        }
    }

    @Test func aPopulationFarFromTheCBSFigureIsAWarningNotAnError() throws {
        // Laren had 11,439 inhabitants on 1 January 2024; 13,000 is 14% more.
        let scenario = try ScenarioLoader.load(text: Self.scenario(larenPopulation: 13000), name: "gooi.yaml")
        let warning = try #require(scenario.warnings.first)
        #expect(scenario.warnings.count == 1)
        #expect(warning.path == "municipalities[1].population" && warning.line == 11)
        #expect(warning.message.contains("14% above the CBS figure for GM0417 Laren (NH.) on 1 January 2024 (11439)"))
        // A few inhabitants apart (another CBS table) is fine.
        #expect(try ScenarioLoader.load(text: Self.scenario(larenPopulation: 11000), name: "gooi.yaml").warnings.isEmpty)
    }

    @Test func explicitNeighboursStillWorkBesideCodes() throws {
        let scenario = try ScenarioLoader.load(text: Self.scenario(neighbours: "[[laren, huizen]]"), name: "gooi.yaml")
        #expect(scenario.neighbours.map { "\($0.0)-\($0.1)" } == ["laren-huizen"])
        #expect(!scenario.neighboursFromBorders)
    }

    @Test func theBundledGooiScenarioUsesItsRealBorders() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path
        let scenario = try ScenarioLoader.load(path: path)
        #expect(scenario.municipalities.allSatisfy { $0.cbsCode != nil })
        #expect(scenario.warnings.isEmpty)
        let pairs = Set(scenario.neighbours.map { [$0.0, $0.1].sorted().joined(separator: "-") })
        #expect(pairs == ["blaricum-huizen", "blaricum-laren", "hilversum-huizen", "hilversum-wijdemeren",
                          "gooise-meren-hilversum", "gooise-meren-huizen", "hilversum-laren"])
    }
}

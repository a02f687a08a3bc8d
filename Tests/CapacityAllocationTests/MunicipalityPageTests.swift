import Foundation
import Testing
@testable import CapacityAllocation

/// The page per municipality of the bundled Gooi scenario, with figures checked by hand against
/// `ivp solve --format json`.
@Suite struct MunicipalityPageTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path

    static func larenPage() throws -> (MunicipalityPage, AllocationResult, Scenario) {
        let scenario = try ScenarioLoader.load(path: path)
        let result = try Allocator.solve(scenario)
        let pages = MunicipalityPage.pages(result, scenario)
        #expect(pages.map(\.id) == ["hilversum", "wijdemeren", "gooise-meren", "huizen", "blaricum", "laren"])
        return (try #require(pages.first { $0.id == "laren" }), result, scenario)
    }

    @Test func larensCommunityOfficerNormHoldsAndBinds() throws {
        let (page, _, _) = try Self.larenPage()
        let norm = try #require(page.promises.first { $0.kind == .presence })
        #expect(norm.capacityKind == "community")
        // 194.4 hours per 1,000 inhabitants x 11,440 inhabitants = 2,223.936 hours; the JSON gives
        // Laren exactly 2,223.936 hours of gooi-noord-wijkagenten.
        #expect(abs(norm.bound - 2223.936) < 1e-6)
        #expect(abs(norm.actual - 2223.936) < 1e-3)
        #expect(norm.holds && norm.binds)
        #expect(page.promises.first?.kind == .presence)
    }

    @Test func larensHoursPerThousandAgainstTheDistrict() throws {
        let (page, _, _) = try Self.larenPage()
        // JSON: municipalities[laren].hours = 13,418.395; 13,418.395 / 11,440 x 1,000 = 1,172.94.
        #expect(abs(page.hours - 13418.395) < 0.01)
        let own = try #require(page.hoursPerThousand), district = try #require(page.areaHoursPerThousand)
        #expect(abs(own - 1172.94) < 0.01)
        // The district: 293,098.5 allocated hours over 244,757 inhabitants = 1,197.51 per 1,000.
        #expect(abs(district - 1197.51) < 0.01)
        #expect(page.areaName == "District Gooi en Vechtstreek")
        #expect(page.cbsCode == "GM0417" && page.population == 11440)
        #expect(abs(page.themes.reduce(0) { $0 + $1.hours } - page.hours) < 1e-6)
        #expect(abs(page.pools.reduce(0) { $0 + $1.hours } - page.hours) < 1e-6)
    }

    @Test func larensDisplacementBoundsAreWithItsRealNeighbours() throws {
        let (page, result, _) = try Self.larenPage()
        let bounds = page.promises.filter { $0.kind == .displacement }
        // Laren borders Blaricum and Hilversum; two themes have a max_gap.
        #expect(Set(bounds.compactMap(\.neighbour)) == ["blaricum", "hilversum"])
        #expect(bounds.allSatisfy { $0.holds })
        // The bound on ondermijning with Hilversum binds in the result (a nonzero dual): Laren 65%,
        // Hilversum 80%, exactly the 15-point gap.
        let binding = try #require(bounds.first { $0.theme == "ondermijning" && $0.neighbour == "hilversum" })
        #expect(binding.binds && binding.costPerUnit != nil)
        #expect(result.binding.contains { $0.kind == .displacement && Set($0.entities) == ["ondermijning", "hilversum", "laren"] })
        // What it gives up: its shortfalls, most hours missing first.
        #expect(!page.shortfalls.isEmpty && page.shortfalls.allSatisfy { $0.municipality == "laren" })
    }

    @Test func theMapDrawsEveryMunicipalityAndListsThoseWithoutACode() throws {
        let (_, result, scenario) = try Self.larenPage()
        let map = try #require(MunicipalityMap.attainment(result, scenario))
        #expect(map.shapes.map(\.id) == result.municipalities.map(\.id))
        #expect(map.unmapped.isEmpty)
        #expect(map.shapes.allSatisfy { $0.valueClass != nil && $0.rings.allSatisfy { $0.count >= 4 } })
        #expect(map.classes.count <= 5)
        var withoutCode = scenario
        withoutCode.nodes = scenario.nodes.map { node in
            var node = node
            if node.id == "laren" { node.cbsCode = nil }
            return node
        }
        let partial = try #require(MunicipalityMap.attainment(result, withoutCode))
        #expect(partial.shapes.count == 5)
        #expect(partial.unmapped.map(\.id) == ["laren"])
    }

    @Test func classesAreWholePercentagePointsAndCoverEveryValue() {
        let classes = MunicipalityMap.classes(for: [0.812, 0.887, 0.86])
        #expect(classes.count == 4)
        #expect(abs(classes[0].lower - 0.81) < 1e-9 && abs(classes[3].upper - 0.89) < 1e-9)
        #expect(MunicipalityMap.classes(for: [0.5]).count == 1)
    }
}

import Foundation
import Testing
@testable import CapacityAllocation

/// The maps' figures: legend classes worked out by hand, binding borders between exactly the
/// right pair on the boundary the two share, and municipalities without a code listed.
@Suite struct MunicipalityMapTests {
    /// Blaricum and Laren (neighbours sharing a boundary arc) and Huizen, which touches Laren at a
    /// point only; `huizen` can go without its code.
    static func scenario(huizenCode: String = ", cbs_code: GM0406") throws -> Scenario {
        try ScenarioLoader.load(text: """
            name: Gooi Noord
            hours_per_fte: 1350
            districts:
              - {id: gooi, name: Gooi en Vechtstreek}
            base_teams:
              - {id: noord, name: Gooi Noord, district: gooi}
            municipalities:
              - {id: blaricum, name: Blaricum, base_team: noord, population: 12725, cbs_code: GM0376}
              - {id: laren, name: Laren, base_team: noord, population: 11440, cbs_code: GM0417}
              - {id: huizen, name: Huizen, base_team: noord, population: 41205\(huizenCode)}
            neighbours: [[blaricum, laren], [blaricum, huizen]]
            pools:
              - {id: basis, name: Basis, at: noord, kind: general, fte: 10}
            themes:
              - {id: drugs, name: Drugs, level: district, adopted_by: [gooi], kinds: {general: 1}, need: {per_1000_inhabitants: 100}, max_gap: 0.1}
            """, name: "gooi.yaml")
    }

    @Test func aTwoMunicipalityMapOfHoursPerThousandHasRoundBreaks() throws {
        let scenario = try Self.scenario()
        let map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", 312.5), ("laren", "Laren", 487)],
                                                    measure: .hoursPerThousand, scenarios: [scenario]))
        // Range 174.5 / 5 = 34.9, rounded up to the round width 50; from 300 (312.5 rounded
        // down) to 500 (487 rounded up): four classes.
        #expect(map.classes.map { [$0.lower, $0.upper] } == [[300, 350], [350, 400], [400, 450], [450, 500]])
        #expect(map.shapes.map(\.valueClass) == [0, 3])
        #expect(map.shapes.map(\.id) == ["blaricum", "laren"] && map.unmapped.isEmpty)
    }

    @Test func aChangeMapIsDivergingAroundNoChange() throws {
        let scenario = try Self.scenario()
        let map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", -1234), ("laren", "Laren", 560), ("huizen", "Huizen", 0.3)],
                                                    measure: .hoursChange, scenarios: [scenario]))
        // Largest change 1,234 / 4 = 308.5, rounded up to 500: three classes below 0 (to −1,500),
        // the class of no change (|0.3| < half an hour), two above (560 needs 500 to 1,000).
        #expect(map.classes.map { [$0.lower, $0.upper] } == [[-1500, -1000], [-1000, -500], [-500, 0], [0, 0], [0, 500], [500, 1000]])
        #expect(map.shapes.map(\.valueClass) == [0, 5, 3])
        // −700 lies in −1,000 to −500; −500 on a break goes to the class nearer to zero's end.
        #expect(MunicipalityMap.classIndex(of: -700, in: map.classes, measure: .hoursChange) == 1)
        #expect(MunicipalityMap.classIndex(of: 499, in: map.classes, measure: .hoursChange) == 4)
        #expect(MunicipalityMap.divergingClasses(for: [0.2, -0.4], zero: 0.5).map { [$0.lower, $0.upper] } == [[0, 0]])
    }

    @Test func aBindingBoundIsDrawnOnTheBorderOfExactlyItsPair() throws {
        let scenario = try Self.scenario()
        var map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", 0.5), ("laren", "Laren", 0.4), ("huizen", "Huizen", 0.45)],
                                                    measure: .attainment, scenarios: [scenario]))
        map.addBorders([BindingPromise(kind: .displacement, entities: ["drugs", "laren", "blaricum"], bound: 0.1, costPerUnit: 0.25),
                        BindingPromise(kind: .minimum, entities: ["drugs", "huizen"], bound: 100, costPerUnit: 1)], scenario)
        #expect(map.borders.count == 1 && map.unmappedBorders.isEmpty)
        let border = try #require(map.borders.first)
        #expect([border.theme, border.first, border.second, border.themeName, border.firstName] == ["drugs", "laren", "blaricum", "Drugs", "Laren"])
        #expect(border.gap == 0.1 && border.costPerUnit == 0.25)
        // Drawn on the boundary they share: every point lies on both outlines, none on Huizen's
        // except where the three meet.
        let points = { (id: String) in Set(map.shapes.first { $0.id == id }!.rings.flatMap { $0 }.map { "\($0.x),\($0.y)" }) }
        let drawn = Set(border.lines.flatMap { $0 }.map { "\($0.x),\($0.y)" })
        #expect(!border.lines.isEmpty && border.connector.isEmpty)
        #expect(drawn.count >= 3)
        #expect(drawn.isSubset(of: points("laren")) && drawn.isSubset(of: points("blaricum")))
        #expect(drawn.intersection(points("huizen")).count <= 2)
    }

    @Test func aBoundWithAMunicipalityOffTheMapIsListedNotDropped() throws {
        let scenario = try Self.scenario(huizenCode: "")
        var map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", 0.5), ("laren", "Laren", 0.4), ("huizen", "Huizen", 0.45)],
                                                    measure: .attainment, scenarios: [scenario]))
        #expect(map.unmapped == [MunicipalityMap.Unmapped(id: "huizen", name: "Huizen", value: 0.45)])
        map.addBorders([BindingPromise(kind: .displacement, entities: ["drugs", "huizen", "blaricum"], bound: 0.1, costPerUnit: 0.5)], scenario)
        #expect(map.borders.isEmpty)
        #expect(map.unmappedBorders.map { [$0.first, $0.second, $0.firstName, $0.secondName] } == [["huizen", "blaricum", "Huizen", "Blaricum"]])
    }

    @Test func theGooiMapsDrawTheBindingBoundsOfTheSolve() throws {
        let (_, result, scenario) = try MunicipalityPageTests.larenPage()
        let map = try #require(MunicipalityMap.attainment(result, scenario))
        let binding = result.binding.filter { $0.kind == .displacement }.map { $0.entities.joined(separator: " ") }
        #expect(binding.contains("ondermijning hilversum laren"))
        #expect(map.borders.map { "\($0.theme) \($0.first) \($0.second)" } == binding)
        // Hilversum and Laren share a stretch of border; Hilversum and Huizen touch along less than
        // the 8 pixels drawn as a line at this scale, so a ring marks where they touch.
        #expect(map.borders.first { $0.theme == "ondermijning" && $0.first == "hilversum" && $0.second == "laren" }?.lines.isEmpty == false)
        let huizen = try #require(map.borders.first { Set([$0.first, $0.second]) == ["hilversum", "huizen"] })
        #expect(huizen.lines.isEmpty && huizen.marker != nil && huizen.connector.isEmpty)
        // Hours per 1,000: Laren 13,418.40 hours over 11,440 inhabitants = 1,172.94 (MunicipalityPageTests).
        let maps = MunicipalityMap.solveMaps(result, scenario)
        let hours = try #require(maps.first)
        #expect(hours.measure == .hoursPerThousand)
        #expect(abs((hours.shapes.first { $0.id == "laren" }?.value ?? 0) - 1172.94) < 0.01)
        // One small map per theme with a need, each with every municipality, on the fixed 20-point classes.
        let themes = maps.dropFirst()
        #expect(themes.count == result.themes.filter { $0.need > 0 }.count)
        #expect(themes.allSatisfy { $0.shapes.count == 6 && $0.classes.count == 5 })
        let ondermijning = try #require(themes.first { $0.measure == .coverage(theme: "ondermijning") })
        #expect(ondermijning.borders.contains { $0.first == "hilversum" && $0.second == "laren" })
    }

    @Test func roundWidths() {
        #expect(MunicipalityMap.roundUp(34.9) == 50)
        #expect(MunicipalityMap.roundUp(411.3) == 500)
        #expect(MunicipalityMap.roundUp(2.1) == 2.5)
        #expect(MunicipalityMap.roundUp(0.013) == 0.02)
        #expect(MunicipalityMap.roundUp(100) == 100)
    }
}

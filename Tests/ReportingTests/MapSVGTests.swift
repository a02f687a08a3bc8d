@testable import CapacityAllocation
import Foundation
import Testing
@testable import Reporting

/// The maps as drawn: legend labels with their unit, the binding bound on the border of exactly
/// its pair, the municipality without a code beside the map, both languages.
@Suite struct MapSVGTests {
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

    func legendLabels(_ svg: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<text class="legend-label"[^>]*>([^<]*)</text>"#)
        return pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { String(svg[Range($0.range(at: 1), in: svg)!]) }
    }

    @Test func aTwoMunicipalityMapHasItsLegendBreaksWithTheUnit() throws {
        let map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", 312.5), ("laren", "Laren", 487)],
                                                    measure: .hoursPerThousand, scenarios: [try Self.scenario()]))
        let dutch = MapSVG.svg(map, Phrases(.nl), id: "m")
        #expect(legendLabels(dutch) == ["300–350", "350–400", "400–450", "450–500"])
        #expect(dutch.contains(#">Uren per 1.000 inwoners</text>"#))
        #expect(dutch.contains("<title>Blaricum: 313 uur per 1.000 inwoners</title>"))
        #expect(dutch.contains(#">Bron: CBS, Kadaster (PDOK)</text>"#))
        // Viridis, light to dark: Blaricum in the lowest class, Laren in the highest of four.
        #expect(dutch.contains(#"data-municipality="blaricum" data-cbs-code="GM0376""#))
        #expect(dutch.components(separatedBy: ##"fill="#FDE725""##).count == 3) // Blaricum and its legend swatch
        #expect(dutch.components(separatedBy: ##"fill="#440154""##).count == 3)
        let english = MapSVG.svg(map, Phrases(.en), id: "m")
        #expect(english.contains(#">Hours per 1,000 inhabitants</text>"#) && english.contains(#">Source: CBS, Kadaster (PDOK)</text>"#))
    }

    @Test func aChangeMapLabelsItsClassesWithSigns() throws {
        let map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", -1234), ("laren", "Laren", 560), ("huizen", "Huizen", 0)],
                                                    measure: .hoursChange, scenarios: [try Self.scenario()]))
        let svg = MapSVG.svg(map, Phrases(.nl), id: "m")
        #expect(legendLabels(svg) == ["−1.500 tot −1.000", "−1.000 tot −500", "−500 tot 0", "geen verandering", "0 tot +500", "+500 tot +1.000"])
        // The figure on each municipality, so no change rests on colour alone.
        #expect(svg.contains(#">−1.234</text>"#) && svg.contains(#">+560</text>"#) && svg.contains(#">0</text>"#))
        #expect(svg.contains(##"fill="#E08214""##) && svg.contains(##"fill="#92C5DE""##) && svg.contains(##"fill="#E6E6E6""##))
    }

    @Test func aBindingBoundIsDrawnBetweenExactlyItsPairAndNamedBesideTheMap() throws {
        let scenario = try Self.scenario()
        var map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", 0.5), ("laren", "Laren", 0.4), ("huizen", "Huizen", 0.45)],
                                                    measure: .attainment, scenarios: [scenario]))
        map.addBorders([BindingPromise(kind: .displacement, entities: ["drugs", "laren", "blaricum"], bound: 0.1, costPerUnit: 0.25)], scenario)
        let lines = MapSVG.figure(map, Phrases(.nl), id: "map-attainment").joined(separator: "\n")
        #expect(lines.components(separatedBy: #"<g class="border binding""#).count == 2)
        #expect(lines.contains(#"<g class="border binding" data-theme="drugs" data-municipalities="laren blaricum">"#))
        #expect(lines.contains("<title>Waterbedgrens voor Drugs: Laren en Blaricum verschillen hoogstens 10 procentpunt in dekking, en dat bindt</title>"))
        #expect(lines.contains(#"<p class="map-borders">Bindende waterbedgrenzen: Laren–Blaricum (Drugs, hoogstens 10 procentpunt).</p>"#))
        #expect(lines.contains(#">bindende waterbedgrens</text>"#), "the legend explains the line")
    }

    @Test func aMunicipalityWithoutACodeIsListedBesideTheMap() throws {
        let map = try #require(MunicipalityMap.make([("blaricum", "Blaricum", 0.5), ("laren", "Laren", 0.4), ("huizen", "Huizen", 0.4512)],
                                                    measure: .attainment, scenarios: [try Self.scenario(huizenCode: "")]))
        let dutch = MapSVG.figure(map, Phrases(.nl), id: "m").joined(separator: "\n")
        #expect(!dutch.contains(#"data-municipality="huizen""#))
        #expect(dutch.contains(#"<p class="unmapped">Niet op de kaart (geen CBS-code in het scenario): Huizen (45,1%)</p>"#))
        let english = MapSVG.figure(map, Phrases(.en), id: "m").joined(separator: "\n")
        #expect(english.contains(#"<p class="unmapped">Not on the map (no CBS code in the scenario): Huizen (45.1%)</p>"#))
    }

    @Test func smallMultiplesShareOneLegendAndHatchWhereThereIsNoNeed() throws {
        let scenario = try Self.scenario()
        let maps = try ["drugs", "jeugd"].enumerated().map { index, theme in
            try #require(MunicipalityMap.make([("blaricum", "Blaricum", 0.9), ("laren", "Laren", index == 0 ? 0.1 : nil)],
                                              measure: .coverage(theme: theme), scenarios: [scenario], width: 256))
        }
        let svg = MapSVG.smallMultiples(maps, Phrases(.nl), id: "map-themes") { $0 == "drugs" ? "Drugs" : "Jeugd" }
        #expect(legendLabels(svg) == ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%", "geen behoefte"])
        #expect(svg.components(separatedBy: #"<g class="panel""#).count == 3)
        #expect(svg.contains(#"fill="url(#map-themes-none)""#))
        #expect(svg.components(separatedBy: #"data-municipality="laren""#).count == 3)
    }
}

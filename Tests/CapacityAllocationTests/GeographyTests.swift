import Foundation
import Testing
@testable import CapacityAllocation

/// The geography compiled into ivp (Tools/geography/build.py), checked against figures in the
/// public data's README and against each other.
@Suite struct GeographyTests {
    let geography = Geography.shared
    /// The six municipalities of Gooi en Vechtstreek.
    static let gooi = ["GM0376", "GM0417", "GM0406", "GM1942", "GM0402", "GM1696"]

    @Test func holdsEveryMunicipalityOf2024WithTheCBSTotal() {
        #expect(geography.municipalities.count == 342)
        #expect(Set(geography.municipalities.map(\.code)).count == 342)
        // The national CBS figure for 1 January 2024.
        #expect(geography.municipalities.reduce(0) { $0 + $1.population } == 17_942_942)
        #expect(geography.units.count == 10)
        #expect(geography.creditDutch == "Bron: CBS, Kadaster (PDOK)")
    }

    @Test func larenHasItsCBSPopulationAndUnit() throws {
        let laren = try #require(geography.municipality("GM0417"))
        #expect(laren.name == "Laren (NH.)")
        #expect(laren.population == 11_439)
        #expect(laren.unit == "RE03")
        #expect(geography.units["RE03"] == "Midden-Nederland")
        #expect(geography.municipality("GM0402")?.population == 94_435)
    }

    /// From gemeente_2024_buren.csv (arcs) and the extra file (Hilversum-Laren 3.47 km; the
    /// point contacts Blaricum-Hilversum and Huizen-Laren, 0.0 km, are not borders).
    @Test func theSixGooiMunicipalitiesHaveSevenLandBorders() {
        let pairs = Set(geography.landBorders(among: Self.gooi).map { [$0.0, $0.1].sorted().joined(separator: "-") })
        #expect(pairs == ["GM0376-GM0406", "GM0376-GM0417", "GM0402-GM0406", "GM0402-GM1696", "GM0402-GM1942",
                          "GM0406-GM1942", "GM0402-GM0417"])
    }

    @Test func neighboursAreSymmetricAndRingsClose() {
        var pairs = 0
        for municipality in geography.municipalities {
            for neighbour in municipality.neighbours {
                #expect(geography.municipality(neighbour)?.neighbours.contains(municipality.code) == true,
                        "\(municipality.code) - \(neighbour)")
                pairs += 1
            }
            let polygons = geography.polygons(of: municipality.code)
            #expect(!polygons.isEmpty)
            for ring in polygons.flatMap({ $0 }) {
                #expect(ring.count >= 4 && ring.first == ring.last, "\(municipality.code)")
            }
            // Every point lies in the Netherlands' bounding box.
            let points = polygons.flatMap { $0.flatMap { $0 } }
            #expect(points.allSatisfy { (3.3...7.3).contains($0.longitude) && (50.7...53.6).contains($0.latitude) })
        }
        // 823 pairs sharing an arc and 25 touching along at least 0.5 km.
        #expect(pairs == 2 * 848)
    }

    @Test func neighboursShareTheSameBorderPoints() throws {
        // Blaricum and Huizen share arcs: some points of one outline are points of the other.
        let blaricum = Set(geography.polygons(of: "GM0376").flatMap { $0.flatMap { $0 } }.map { "\($0.longitude),\($0.latitude)" })
        let huizen = Set(geography.polygons(of: "GM0406").flatMap { $0.flatMap { $0 } }.map { "\($0.longitude),\($0.latitude)" })
        #expect(blaricum.intersection(huizen).count >= 2)
    }
}

import Foundation

/// A choropleth of a scenario's municipalities: their real outlines projected into a drawing
/// area, each with a value and the class of the legend it falls in. Municipalities without a CBS
/// code cannot be drawn and are listed in `unmapped`, never dropped. The report writers only draw it.
public struct MunicipalityMap: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
    }

    public struct Shape: Sendable, Equatable {
        /// The scenario's id of the municipality.
        public var id: String
        public var name: String
        public var code: String
        /// Every ring of every polygon (outer rings and holes; draw with the even-odd rule).
        public var rings: [[Point]]
        public var label: Point
        public var value: Double?
        /// Index into `classes`, nil without a value.
        public var valueClass: Int?
    }

    public struct Unmapped: Sendable, Equatable {
        public var id: String
        public var name: String
        public var value: Double?
    }

    /// A class of the legend: values from `lower` up to and including `upper`.
    public struct ValueClass: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
    }

    public var width: Double
    public var height: Double
    public var shapes: [Shape]
    public var unmapped: [Unmapped]
    public var classes: [ValueClass]

    /// The attainment of every municipality of the result on the map, or nil when none of the
    /// scenario's municipalities has a CBS code (or the solve found no allocation).
    public static func attainment(_ result: AllocationResult, _ scenario: Scenario, width: Double = 560,
                                  geography: Geography = .shared) -> MunicipalityMap? {
        guard result.objective != nil else { return nil }
        let values = result.municipalities.map { ($0.id, $0.name, $0.ideal > 0 ? $0.attainment : nil) }
        return make(values, scenario, width: width, geography: geography)
    }

    /// A map of `values` (scenario id, name, value); nil when no municipality has a CBS code.
    public static func make(_ values: [(id: String, name: String, value: Double?)], _ scenario: Scenario,
                            width: Double = 560, geography: Geography = .shared) -> MunicipalityMap? {
        var located: [(id: String, name: String, code: String, value: Double?)] = []
        var unmapped: [Unmapped] = []
        for entry in values {
            if let code = scenario.node(entry.id)?.cbsCode, geography.municipality(code) != nil {
                located.append((entry.id, entry.name, code, entry.value))
            } else {
                unmapped.append(Unmapped(id: entry.id, name: entry.name, value: entry.value))
            }
        }
        guard !located.isEmpty else { return nil }

        // An equirectangular projection around the middle latitude: over the Netherlands (about
        // 3 degrees of latitude) it distorts areas by a few percent, which a choropleth tolerates.
        let outlines = located.map { geography.polygons(of: $0.code).flatMap { $0 } }
        let allPoints = outlines.flatMap { $0.flatMap { $0 } }
        let minLatitude = allPoints.map(\.latitude).min()!, maxLatitude = allPoints.map(\.latitude).max()!
        let minLongitude = allPoints.map(\.longitude).min()!, maxLongitude = allPoints.map(\.longitude).max()!
        let stretch = cos((minLatitude + maxLatitude) / 2 * .pi / 180)
        let margin = 8.0
        let spanX = max((maxLongitude - minLongitude) * stretch, 1e-9), spanY = max(maxLatitude - minLatitude, 1e-9)
        // Keep very tall areas (a long strip of municipalities) from making a page-high map.
        let scale = min((width - 2 * margin) / spanX, (width * 1.3 - 2 * margin) / spanY)
        func project(_ point: GeoPoint) -> Point {
            Point(x: ((margin + (point.longitude - minLongitude) * stretch * scale) * 10).rounded() / 10,
                  y: ((margin + (maxLatitude - point.latitude) * scale) * 10).rounded() / 10)
        }
        let classes = Self.classes(for: located.compactMap(\.value) + unmapped.compactMap(\.value))
        let shapes = zip(located, outlines).map { entry, rings in
            Shape(id: entry.id, name: entry.name, code: entry.code, rings: rings.map { $0.map(project) },
                  label: project(geography.municipality(entry.code)!.label), value: entry.value,
                  valueClass: entry.value.map { value in classes.lastIndex { value >= $0.lower - 1e-12 } ?? 0 })
        }
        let height = ((spanY * scale + 2 * margin) * 10).rounded() / 10
        return MunicipalityMap(width: width, height: height, shapes: shapes, unmapped: unmapped, classes: classes)
    }

    /// Up to five classes of equal width, a whole number of percentage points, from the lowest
    /// value rounded down to the highest rounded up: the map shows the differences between these
    /// municipalities (often a few points apart) rather than one colour for all.
    static func classes(for values: [Double]) -> [ValueClass] {
        guard let lowest = values.min(), let highest = values.max() else { return [] }
        let step = 0.01
        let lower = (lowest / step).rounded(.down) * step
        var upper = (highest / step).rounded(.up) * step
        if upper <= lower + 1e-12 { upper = lower + step }
        let width = max(step, ((upper - lower) / 5 / step).rounded(.up) * step)
        let count = max(1, Int(((upper - lower) / width - 1e-9).rounded(.up)))
        return (0..<count).map { index in
            ValueClass(lower: lower + Double(index) * width, upper: lower + Double(index + 1) * width)
        }
    }
}

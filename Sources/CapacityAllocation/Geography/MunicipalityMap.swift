import Foundation

/// A choropleth of a scenario's municipalities: their real outlines projected into a drawing
/// area, each with a value and the class of the legend it falls in, and the displacement bounds
/// that bind drawn on the borders they concern. Municipalities without a CBS code cannot be drawn
/// and are listed in `unmapped`, never dropped. Every value and class is set here (from result
/// values); the report writers only draw it (Reporting/MapSVG.swift).
public struct MunicipalityMap: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
    }

    /// What the map shows, which decides its scale, its legend's unit and its words.
    public enum Measure: Sendable, Equatable {
        /// V_m / I_m, a share; sequential, classes of whole percentage points.
        case attainment
        /// Raw hours per 1,000 inhabitants; sequential.
        case hoursPerThousand
        /// The coverage share of one theme (id); sequential, fixed classes of 20 points so that
        /// the small multiples of all themes share one legend.
        case coverage(theme: String)
        /// The change in raw hours against a base (compare, sweep); diverging around 0.
        case hoursChange
        /// The given allocation's attainment minus the optimum's, a share (evaluate); diverging.
        case attainmentGap

        public var isDiverging: Bool {
            switch self {
            case .hoursChange, .attainmentGap: true
            case .attainment, .hoursPerThousand, .coverage: false
            }
        }

        /// A change smaller than this is no change: half an hour (the compare report's rounding,
        /// `Comparison.tolerance`) or a twentieth of a percentage point.
        public var zeroTolerance: Double {
            switch self {
            case .hoursChange: 0.5
            case .attainmentGap: 0.0005
            case .attainment, .hoursPerThousand, .coverage: 0
            }
        }
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

    /// A class of the legend: values from `lower` up to and including `upper`. On a diverging
    /// map the class with `lower == upper == 0` holds the municipalities without a change.
    public struct ValueClass: Sendable, Equatable {
        public var lower: Double
        public var upper: Double

        public var isNoChange: Bool { lower == 0 && upper == 0 }
    }

    /// A displacement bound (`max_gap`) that binds at the optimum (a row with a nonzero dual),
    /// drawn on the border the two municipalities share.
    public struct Border: Sendable, Equatable {
        public var theme: String
        public var themeName: String
        /// The municipality with the higher coverage share first, as the row reads.
        public var first: String
        public var second: String
        public var firstName: String
        public var secondName: String
        /// The largest allowed gap, a share of need.
        public var gap: Double
        /// Value lost per percentage point of the gap.
        public var costPerUnit: Double
        /// The shared boundary as polylines; empty when it is too short to see (then `marker`)
        /// or when the simplified outlines share none of it (then `connector`).
        public var lines: [[Point]]
        /// Where neighbours touch along only a few pixels: a ring is drawn there.
        public var marker: Point? = nil
        /// A line between the two labels, for neighbours whose simplified outlines do not touch.
        public var connector: [Point]
    }

    public var measure: Measure
    public var width: Double
    public var height: Double
    public var shapes: [Shape]
    public var unmapped: [Unmapped]
    public var classes: [ValueClass]
    public var borders: [Border] = []
    /// Binding bounds between municipalities of which at least one is not on the map: listed, never dropped.
    public var unmappedBorders: [Border] = []

    // MARK: Maps of a solve

    /// The attainment of every municipality of the result on the map, with the displacement
    /// bounds that bind on their borders; nil when none of the scenario's municipalities has a
    /// CBS code (or the solve found no allocation).
    public static func attainment(_ result: AllocationResult, _ scenario: Scenario, width: Double = 560,
                                  geography: Geography = .shared) -> MunicipalityMap? {
        guard result.objective != nil else { return nil }
        let values = result.municipalities.map { ($0.id, $0.name, $0.ideal > 0 ? $0.attainment : nil) }
        guard var map = make(values, scenario, width: width, geography: geography) else { return nil }
        map.addBorders(result.binding, scenario, geography: geography)
        return map
    }

    /// A map of `values` (scenario id, name, value); nil when no municipality has a CBS code.
    public static func make(_ values: [(id: String, name: String, value: Double?)], _ scenario: Scenario,
                            width: Double = 560, geography: Geography = .shared) -> MunicipalityMap? {
        make(values, measure: .attainment, scenarios: [scenario], width: width, geography: geography)
    }

    /// A map of `values` measured as `measure`; a municipality's code is looked up in the
    /// scenarios in order (a what-if may add one to its base). Nil when none has a CBS code.
    public static func make(_ values: [(id: String, name: String, value: Double?)], measure: Measure, scenarios: [Scenario],
                            width: Double = 560, geography: Geography = .shared) -> MunicipalityMap? {
        var located: [(id: String, name: String, code: String, value: Double?)] = []
        var unmapped: [Unmapped] = []
        for entry in values {
            let code = scenarios.lazy.compactMap { $0.node(entry.id)?.cbsCode }.first
            if let code, geography.municipality(code) != nil {
                located.append((entry.id, entry.name, code, entry.value))
            } else {
                unmapped.append(Unmapped(id: entry.id, name: entry.name, value: entry.value))
            }
        }
        guard !located.isEmpty else { return nil }

        // An equirectangular projection around the middle latitude: over the Netherlands (about
        // 3 degrees of latitude) it distorts areas by a few percent, which a choropleth tolerates.
        let outlines = located.map { geography.polygons(of: $0.code).flatMap { $0 } }
        let projection = Projection(outlines.flatMap { $0.flatMap { $0 } }, width: width)
        let all = located.compactMap(\.value) + unmapped.compactMap(\.value)
        let classes = classes(for: all, measure: measure)
        let shapes = zip(located, outlines).map { entry, rings in
            Shape(id: entry.id, name: entry.name, code: entry.code, rings: rings.map { $0.map(projection.point) },
                  label: projection.point(geography.municipality(entry.code)!.label), value: entry.value,
                  valueClass: entry.value.map { classIndex(of: $0, in: classes, measure: measure) })
        }
        return MunicipalityMap(measure: measure, width: width, height: projection.height, shapes: shapes, unmapped: unmapped,
                               classes: classes)
    }

    /// Draws on the map every displacement bound among `promises` (the solved model's binding
    /// rows); bounds whose municipalities are not both on the map go to `unmappedBorders`.
    public mutating func addBorders(_ promises: [BindingPromise], _ scenario: Scenario, geography: Geography = .shared) {
        let byId = Dictionary(shapes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let displacement = promises.filter { $0.kind == .displacement && $0.entities.count == 3 }
        guard !displacement.isEmpty else { return }
        // The projection `make` used: the same outlines give the same points.
        let projection = Projection(shapes.flatMap { shape in geography.polygons(of: shape.code).flatMap { $0 }.flatMap { $0 } },
                                    width: width)
        for promise in displacement {
            let (theme, first, second) = (promise.entities[0], promise.entities[1], promise.entities[2])
            let themeName = scenario.themes.first { $0.id == theme }?.name ?? theme
            func name(_ id: String) -> String { byId[id]?.name ?? unmapped.first { $0.id == id }?.name ?? scenario.node(id)?.name ?? id }
            guard let a = byId[first], let b = byId[second] else {
                unmappedBorders.append(Border(theme: theme, themeName: themeName, first: first, second: second,
                                              firstName: name(first), secondName: name(second), gap: promise.bound,
                                              costPerUnit: promise.costPerUnit, lines: [], connector: []))
                continue
            }
            let outlines = [a.code, b.code].map { geography.polygons(of: $0).flatMap { $0 } }
            var lines = Self.sharedLines(outlines[0], outlines[1]).map { $0.map(projection.point) }
            // Neighbours that touch along less than a few pixels get a ring where they touch;
            // those whose simplified outlines do not touch at all, a dotted line between labels.
            let length = lines.reduce(0) { total, line in
                total + zip(line, line.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
            }
            var marker: Point?
            if length < Self.shortestBorderDrawn, let line = lines.first {
                marker = Point(x: ((line.first!.x + line.last!.x) / 2 * 10).rounded() / 10,
                               y: ((line.first!.y + line.last!.y) / 2 * 10).rounded() / 10)
                lines = []
            }
            borders.append(Border(theme: theme, themeName: themeName, first: first, second: second, firstName: a.name,
                                  secondName: b.name, gap: promise.bound, costPerUnit: promise.costPerUnit, lines: lines,
                                  marker: marker, connector: lines.isEmpty && marker == nil ? [a.label, b.label] : []))
        }
    }

    /// A shared boundary shorter than this (in pixels) is not drawn as a border line.
    static let shortestBorderDrawn = 8.0

    /// The boundary two outlines share: the segments both have (neighbours share the very same
    /// points, `Geography.polygons`), chained into polylines.
    static func sharedLines(_ first: [[GeoPoint]], _ second: [[GeoPoint]]) -> [[GeoPoint]] {
        struct Key: Hashable {
            var a: Double, b: Double, c: Double, d: Double
            init(_ p: GeoPoint, _ q: GeoPoint) {
                // Unordered: a segment is shared whichever way each ring runs.
                if (p.longitude, p.latitude) <= (q.longitude, q.latitude) {
                    (a, b, c, d) = (p.longitude, p.latitude, q.longitude, q.latitude)
                } else {
                    (a, b, c, d) = (q.longitude, q.latitude, p.longitude, p.latitude)
                }
            }
        }
        var other = Set<Key>()
        for ring in second { for (p, q) in zip(ring, ring.dropFirst()) { other.insert(Key(p, q)) } }
        var lines: [[GeoPoint]] = []
        for ring in first {
            let segments = Array(zip(ring, ring.dropFirst()))
            let shared = segments.map { other.contains(Key($0.0, $0.1)) }
            guard shared.contains(true) else { continue }
            guard let start = shared.firstIndex(of: false) else {
                lines.append(ring) // an enclave: its whole outline is the border
                continue
            }
            // From a segment that is not shared, so that no stretch is cut at the ring's start.
            var current: [GeoPoint] = []
            for offset in 0..<segments.count {
                let index = (start + offset) % segments.count
                if shared[index] {
                    if current.isEmpty { current = [segments[index].0] }
                    current.append(segments[index].1)
                } else if !current.isEmpty {
                    lines.append(current)
                    current = []
                }
            }
            if !current.isEmpty { lines.append(current) }
        }
        return lines
    }

    // MARK: Classes

    /// The legend's classes for `values` of `measure`.
    public static func classes(for values: [Double], measure: Measure) -> [ValueClass] {
        switch measure {
        case .attainment: classes(for: values)
        case .coverage: (0..<5).map { ValueClass(lower: Double($0) * 0.2, upper: Double($0 + 1) * 0.2) }
        case .hoursPerThousand: niceClasses(for: values)
        case .hoursChange, .attainmentGap: divergingClasses(for: values, zero: measure.zeroTolerance)
        }
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

    /// At most five classes whose width is a round number (1, 2, 2.5 or 5 times a power of ten)
    /// and whose breaks are its multiples, from below the lowest value to above the highest.
    static func niceClasses(for values: [Double]) -> [ValueClass] {
        guard let lowest = values.min(), let highest = values.max() else { return [] }
        var step = roundUp(max(highest - lowest, 1e-9) / 5)
        var lower = (lowest / step).rounded(.down) * step
        var upper = (highest / step).rounded(.up) * step
        if upper <= lower { upper = lower + step }
        // Rounding both ends outwards can need a sixth class: one step larger then.
        while ((upper - lower) / step).rounded() > 5 {
            step = roundUp(step * 1.0001)
            lower = (lowest / step).rounded(.down) * step
            upper = max((highest / step).rounded(.up) * step, lower + step)
        }
        let count = Int(((upper - lower) / step).rounded())
        return (0..<count).map { ValueClass(lower: lower + Double($0) * step, upper: lower + Double($0 + 1) * step) }
    }

    /// Classes symmetric around 0 of a round width, at most four on each side, only on the sides
    /// that occur, with the class of no change (|value| < `zero`) between them.
    static func divergingClasses(for values: [Double], zero: Double) -> [ValueClass] {
        let changes = values.filter { abs($0) >= zero }
        let noChange = ValueClass(lower: 0, upper: 0)
        guard let largest = changes.map(abs).max() else { return [noChange] }
        let step = roundUp(largest / 4)
        let below = Int((-(changes.min()!) / step - 1e-9).rounded(.up)), above = Int((changes.max()! / step - 1e-9).rounded(.up))
        var classes: [ValueClass] = []
        for index in stride(from: below, to: 0, by: -1) {
            classes.append(ValueClass(lower: -Double(index) * step, upper: -Double(index - 1) * step))
        }
        classes.append(noChange)
        for index in stride(from: 1, through: above, by: 1) {
            classes.append(ValueClass(lower: Double(index - 1) * step, upper: Double(index) * step))
        }
        return classes
    }

    /// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `value` (> 0).
    static func roundUp(_ value: Double) -> Double {
        let power = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= value * (1 - 1e-12) { return factor * power }
        return 10 * power
    }

    static func classIndex(of value: Double, in classes: [ValueClass], measure: Measure) -> Int {
        if measure.isDiverging {
            if abs(value) < measure.zeroTolerance { return classes.firstIndex { $0.isNoChange } ?? 0 }
            let index = classes.firstIndex { valueClass in
                !valueClass.isNoChange && (value < 0) == (valueClass.upper <= 0)
                    && value >= valueClass.lower - 1e-9 && value <= valueClass.upper + 1e-9
            }
            return index ?? (value < 0 ? 0 : classes.count - 1)
        }
        return classes.lastIndex { value >= $0.lower - 1e-12 } ?? 0
    }
}

/// The equirectangular projection of a set of points into a drawing `width` wide, rounded to a
/// tenth of a pixel (shared borders project to the very same points).
private struct Projection {
    let minLongitude: Double, maxLatitude: Double, stretch: Double, scale: Double, height: Double
    static let margin = 8.0

    init(_ points: [GeoPoint], width: Double) {
        let minLatitude = points.map(\.latitude).min() ?? 0, maxLatitude = points.map(\.latitude).max() ?? 0
        let minLongitude = points.map(\.longitude).min() ?? 0, maxLongitude = points.map(\.longitude).max() ?? 0
        let stretch = cos((minLatitude + maxLatitude) / 2 * .pi / 180)
        let spanX = max((maxLongitude - minLongitude) * stretch, 1e-9), spanY = max(maxLatitude - minLatitude, 1e-9)
        // Keep very tall areas (a long strip of municipalities) from making a page-high map.
        let scale = min((width - 2 * Self.margin) / spanX, (width * 1.3 - 2 * Self.margin) / spanY)
        self.minLongitude = minLongitude
        self.maxLatitude = maxLatitude
        self.stretch = stretch
        self.scale = scale
        height = ((spanY * scale + 2 * Self.margin) * 10).rounded() / 10
    }

    func point(_ point: GeoPoint) -> MunicipalityMap.Point {
        MunicipalityMap.Point(x: ((Self.margin + (point.longitude - minLongitude) * stretch * scale) * 10).rounded() / 10,
                              y: ((Self.margin + (maxLatitude - point.latitude) * scale) * 10).rounded() / 10)
    }
}

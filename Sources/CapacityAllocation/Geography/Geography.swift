import Foundation

/// A point in degrees (WGS84).
public struct GeoPoint: Sendable, Equatable {
    public var longitude: Double
    public var latitude: Double
    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// The 342 Dutch municipalities of 2024: CBS code, name, population on 1 January 2024, police
/// regional unit, a simplified outline and the land neighbours. Built from the public CBS/PDOK data
/// by `Tools/geography/build.py` into `GeographyData.swift`, so that the binary carries it and needs
/// no data folder or resource bundle at run time. Wherever it is shown: "Bron: CBS, Kadaster (PDOK)".
public struct Geography: Sendable {
    public struct Municipality: Sendable {
        /// CBS code, e.g. `GM0402`.
        public var code: String
        public var name: String
        /// Inhabitants on 1 January 2024 (CBS).
        public var population: Int
        /// Police regional unit code, e.g. `RE03`.
        public var unit: String
        /// CBS codes of the municipalities it borders on land: those sharing a boundary arc and
        /// those touching along at least `Geography.minimumExtraBorderKm` (DESIGN.md 4.2 (5)).
        public var neighbours: [String]
        /// A point inside the largest part of the municipality, to put its name on.
        public var label: GeoPoint
        /// Polygons, each an outer ring and then its holes, as signed arc indexes (TopoJSON: ~k is
        /// arc k reversed).
        fileprivate var outline: [[[Int]]]
    }

    public let municipalities: [Municipality]
    /// Unit code to name (`RE03`: `Midden-Nederland`).
    public let units: [String: String]
    /// The credit line, in Dutch and English.
    public let creditDutch: String
    public let creditEnglish: String
    /// Douglas-Peucker tolerance of the outlines, in grid steps of about 0.001 degree.
    public let tolerance: Double
    public let minimumExtraBorderKm: Double
    private let arcs: [[GeoPoint]]
    private let index: [String: Int]

    /// The geography compiled into the program, decoded on first use.
    public static let shared: Geography = {
        do {
            return try Geography(json: Data(Geography.json.utf8))
        } catch {
            // The data is generated and checked by the tests; a failure here is a build defect.
            fatalError("the built-in geography (GeographyData.swift) cannot be read: \(error)")
        }
    }()

    /// Starts decoding `shared` on another thread (once), for a loader that has seen a scenario
    /// ask for it (`cbs_code`, `neighbours: borders`): it is then decoded while the YAML is parsed.
    static func prepare() {
        DispatchQueue.global(qos: .userInitiated).async { _ = Geography.shared }
    }

    public func municipality(_ code: String) -> Municipality? { index[code].map { municipalities[$0] } }

    /// The outline of a municipality: polygons, each an outer ring followed by its holes, every
    /// ring closed (last point equal to the first). Neighbours share the very same border points.
    public func polygons(of code: String) -> [[[GeoPoint]]] {
        guard let municipality = municipality(code) else { return [] }
        return municipality.outline.map { polygon in polygon.map(ring) }
    }

    private func ring(_ arcIndexes: [Int]) -> [GeoPoint] {
        var points: [GeoPoint] = []
        for signed in arcIndexes {
            let arc = signed >= 0 ? arcs[signed] : arcs[~signed].reversed()
            points.append(contentsOf: points.isEmpty ? arc[...] : arc.dropFirst())
        }
        return points
    }

    /// The land borders among `codes`: every pair of them that are neighbours, each pair once, in
    /// the order of `codes` (the first of a pair comes first in `codes`).
    public func landBorders(among codes: [String]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (position, first) in codes.enumerated() {
            guard let neighbours = municipality(first)?.neighbours else { continue }
            for second in codes[(position + 1)...] where neighbours.contains(second) {
                pairs.append((first, second))
            }
        }
        return pairs
    }

    // MARK: Decoding

    private struct File: Decodable {
        struct Credit: Decodable {
            var nl: String
            var en: String
        }
        struct Entry: Decodable {
            var code: String
            var name: String
            var population: Int
            var unit: String
            var neighbours: [String]
            var label: [Double]
            var outline: [[[Int]]]
        }
        var credit: Credit
        var scale: [Double]
        var translate: [Double]
        var tolerance: Double
        var minimumExtraBorderKm: Double
        var units: [String: String]
        var arcs: [[Int]]
        var municipalities: [Entry]
    }

    init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        let (scaleX, scaleY) = (file.scale[0], file.scale[1])
        let (translateX, translateY) = (file.translate[0], file.translate[1])
        // The grid of the TopoJSON quantisation: degrees = grid · scale + translate.
        func point(_ x: Double, _ y: Double) -> GeoPoint {
            GeoPoint(longitude: x * scaleX + translateX, latitude: y * scaleY + translateY)
        }
        arcs = file.arcs.map { flat in
            stride(from: 0, to: flat.count - 1, by: 2).map { point(Double(flat[$0]), Double(flat[$0 + 1])) }
        }
        municipalities = file.municipalities.map { entry in
            Municipality(code: entry.code, name: entry.name, population: entry.population, unit: entry.unit,
                         neighbours: entry.neighbours, label: point(entry.label[0], entry.label[1]), outline: entry.outline)
        }
        units = file.units
        creditDutch = file.credit.nl
        creditEnglish = file.credit.en
        tolerance = file.tolerance
        minimumExtraBorderKm = file.minimumExtraBorderKm
        index = Dictionary(municipalities.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

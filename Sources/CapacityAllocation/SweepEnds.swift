/// Raw hours of one municipality at a sweep's first and last point, from those points' results
/// (the allocations the sweep shows there): the map of the change between the ends draws these.
public struct SweepMunicipalityHours: Sendable, Codable, Equatable {
    public var id: String
    /// Nil when that point has no allocation (infeasible).
    public var first: Double?
    public var last: Double?

    /// Every municipality of `scenario`, in its order, with its hours in `first` and `last`.
    static func ends(_ first: AllocationResult, _ last: AllocationResult, _ scenario: Scenario) -> [SweepMunicipalityHours] {
        func hours(_ result: AllocationResult) -> [String: Double]? {
            guard result.objective != nil else { return nil }
            return Dictionary(result.municipalities.map { ($0.id, $0.hours) }, uniquingKeysWith: { a, _ in a })
        }
        let before = hours(first), after = hours(last)
        return scenario.municipalities.map { node in
            SweepMunicipalityHours(id: node.id, first: before.map { $0[node.id] ?? 0 }, last: after.map { $0[node.id] ?? 0 })
        }
    }
}

extension SweepMunicipalityHours {
    enum CodingKeys: String, CodingKey { case id, first, last }

    /// Every key, with `null` for an end without an allocation.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(first, forKey: .first)
        try container.encode(last, forKey: .last)
    }
}

/// Raw hours per municipality at the first and the last point of a sweep that have an allocation
/// (the allocations the sweep shows there): the sweep's map draws the change between them.
public struct SweepEnds: Sendable, Codable, Equatable {
    public struct Municipality: Sendable, Codable, Equatable {
        public var id: String
        public var first: Double
        public var last: Double
    }

    /// The parameter's value at the two ends.
    public var first: Double
    public var last: Double
    /// Every municipality of the scenario, in its order.
    public var municipalities: [Municipality]

    /// Nil unless `first` and `last` are two points with an allocation.
    static func make(_ first: (parameter: Double, result: AllocationResult)?, _ last: (parameter: Double, result: AllocationResult)?,
                     _ scenario: Scenario) -> SweepEnds? {
        guard let first, let last, first.result.objective != nil, last.result.objective != nil, first.parameter != last.parameter
        else { return nil }
        func hours(_ result: AllocationResult) -> [String: Double] {
            Dictionary(result.municipalities.map { ($0.id, $0.hours) }, uniquingKeysWith: { a, _ in a })
        }
        let before = hours(first.result), after = hours(last.result)
        return SweepEnds(first: first.parameter, last: last.parameter, municipalities: scenario.municipalities.map { node in
            Municipality(id: node.id, first: before[node.id] ?? 0, last: after[node.id] ?? 0)
        })
    }
}

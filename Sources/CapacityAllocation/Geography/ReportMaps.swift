/// The maps of each report, built from result values: solve (hours per 1,000 inhabitants and the
/// coverage of every theme, besides `MunicipalityMap.attainment`), compare (the change in hours
/// per what-if), sweep (the change in hours between its ends) and evaluate (the given allocation's
/// attainment against the optimum's). Each is nil (or empty) when no municipality has a CBS code.
extension MunicipalityMap {
    /// The theme maps are drawn as small multiples up to this many municipalities; beyond, each
    /// would be too small to read (the coverage chart and tables still give every figure).
    public static let smallMultiplesUpTo = 60

    /// The further maps of the solve report: hours per 1,000 inhabitants, then one small map per
    /// theme with a need (up to `smallMultiplesUpTo` municipalities).
    public static func solveMaps(_ result: AllocationResult, _ scenario: Scenario, geography: Geography = .shared) -> [MunicipalityMap] {
        guard result.objective != nil else { return [] }
        var maps: [MunicipalityMap] = []
        if let hours = hoursPerThousand(result, scenario, geography: geography) { maps.append(hours) }
        maps += themeCoverage(result, scenario, geography: geography)
        return maps
    }

    /// Raw hours per 1,000 inhabitants; a municipality without a population has no value.
    public static func hoursPerThousand(_ result: AllocationResult, _ scenario: Scenario, width: Double = 560,
                                        geography: Geography = .shared) -> MunicipalityMap? {
        guard result.objective != nil else { return nil }
        let values = result.municipalities.map { line -> (id: String, name: String, value: Double?) in
            let population = scenario.node(line.id)?.population ?? 0
            return (line.id, line.name, population > 0 ? line.hours / population * 1000 : nil)
        }
        return make(values, measure: .hoursPerThousand, scenarios: [scenario], width: width, geography: geography)
    }

    /// The coverage share of each theme with a need, one small map each, in the result's order;
    /// a municipality without a need for the theme has no value.
    public static func themeCoverage(_ result: AllocationResult, _ scenario: Scenario, width: Double = 256,
                                     geography: Geography = .shared) -> [MunicipalityMap] {
        guard result.objective != nil, result.municipalities.count <= smallMultiplesUpTo else { return [] }
        var share: [String: Double] = [:]
        for line in result.coverage where line.need > 0 { share["\(line.theme)|\(line.municipality)"] = line.share }
        return result.themes.filter { $0.need > 0 }.compactMap { theme in
            let values = result.municipalities.map { ($0.id, $0.name, share["\(theme.id)|\($0.id)"]) }
            var map = make(values, measure: .coverage(theme: theme.id), scenarios: [scenario], width: width, geography: geography)
            // The displacement bounds of this theme that bind, on its own map.
            map?.addBorders(result.binding.filter { $0.entities.first == theme.id }, scenario, geography: geography)
            return map
        }
    }

    /// The change in raw hours per municipality of one what-if against the base: the stable
    /// difference's shifts (a municipality not among them kept its hours: a change of 0).
    /// `scenarios`: the what-if, then its base (for the codes).
    public static func hoursChange(_ difference: ScenarioDifference, scenarios: [Scenario], names: [String: String],
                                   width: Double = 560, geography: Geography = .shared) -> MunicipalityMap? {
        let change = Dictionary(difference.municipalities.map { ($0.id, $0.change) }, uniquingKeysWith: { a, _ in a })
        var ids: [String] = []
        for scenario in scenarios.reversed() {
            for node in scenario.municipalities where !ids.contains(node.id) { ids.append(node.id) }
        }
        for shift in difference.municipalities where !ids.contains(shift.id) { ids.append(shift.id) }
        let values = ids.map { id in (id, names[id] ?? id, Optional(change[id] ?? 0)) }
        return make(values, measure: .hoursChange, scenarios: scenarios, width: width, geography: geography)
    }

    /// The change in raw hours per municipality from the sweep's first point with an allocation
    /// to its last; nil without two such points.
    public static func sweepChange(_ sweep: SweepResult, _ scenario: Scenario, width: Double = 560,
                                   geography: Geography = .shared) -> MunicipalityMap? {
        guard let ends = sweep.ends else { return nil }
        let values = ends.municipalities.map { line in (line.id, sweep.names[line.id] ?? line.id, Optional(line.last - line.first)) }
        return make(values, measure: .hoursChange, scenarios: [scenario], width: width, geography: geography)
    }

    /// The given allocation's attainment minus the optimum's per municipality, (V_m − V*_m) / I_m;
    /// nil without an optimum, or when every municipality gets what the optimum gives it (the
    /// report says the allocation is optimal). A municipality without need has no value.
    public static func evaluation(_ result: EvaluationResult, _ scenario: Scenario, width: Double = 560,
                                  geography: Geography = .shared) -> MunicipalityMap? {
        guard result.optimum != nil else { return nil }
        let values = result.municipalities.map { line -> (id: String, name: String, value: Double?) in
            guard line.ideal > 0, let optimum = line.optimum else { return (line.id, line.name, nil) }
            return (line.id, line.name, (line.value - optimum) / line.ideal)
        }
        guard values.contains(where: { abs($0.value ?? 0) >= Measure.attainmentGap.zeroTolerance }) else { return nil }
        return make(values, measure: .attainmentGap, scenarios: [scenario], width: width, geography: geography)
    }
}

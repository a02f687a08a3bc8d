/// One number of a scenario addressed by ids, for sweeps: `reserve`, `hours_per_fte`,
/// `level_weights.local`, `pools.ID.fte` (also hours_per_fte, availability, claimed_hours, reserve,
/// mutual_aid.max_share, mutual_aid.efficiency), `themes.ID.weight` (also minimum, max_gap,
/// joint_efficiency, min_effort, severity.MUNICIPALITY, need.per_1000_inhabitants,
/// need.by_municipality.MUNICIPALITY), `municipalities.ID.population`,
/// `presence.KIND.hours_per_1000_inhabitants`, `selection.max_per_municipality`.
public struct ScenarioParameter: Sendable, CustomStringConvertible {
    public let key: String
    private let target: Target

    private enum Target: Sendable {
        case reserve, hoursPerFTE
        case levelWeight(ThemeLevel)
        case pool(Int, PoolField)
        case theme(Int, ThemeField)
        case population(Int)
        case presence(String)
        case maxSelected
    }

    private enum PoolField: String, Sendable, CaseIterable {
        case fte, hoursPerFTE = "hours_per_fte", availability, claimedHours = "claimed_hours", reserve
        case aidShare = "mutual_aid.max_share", aidEfficiency = "mutual_aid.efficiency"
    }

    private enum ThemeField: Sendable {
        case weight, minimum, maxGap, jointEfficiency, minEffort
        case severity(String)
        /// The rate of a `need: {per_1000_inhabitants: r}`.
        case needRate
        /// One municipality's hours of a `need: {by_municipality: …}`.
        case needOf(String)
    }

    public var description: String { key }

    /// The theme whose minimum or displacement rows a sweep of this parameter changes.
    public var minimumTheme: String? { if case .theme(_, .minimum) = target { return themeID } else { return nil } }
    public var displacementTheme: String? { if case .theme(_, .maxGap) = target { return themeID } else { return nil } }
    private let themeID: String?

    /// Parses `key` against `scenario`; the error says which part is unknown and what is allowed.
    public init(_ key: String, in scenario: Scenario) throws(ParameterError) {
        self.key = key
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var theme: String?
        switch parts.first {
        case "reserve" where parts.count == 1: target = .reserve
        case "hours_per_fte" where parts.count == 1: target = .hoursPerFTE
        case "level_weights" where parts.count == 2:
            guard let level = ThemeLevel(rawValue: parts[1]) else {
                throw ParameterError(key: key, "unknown level '\(parts[1])' (national, regional, district, base_team, local)")
            }
            target = .levelWeight(level)
        case "pools" where parts.count >= 3:
            guard let index = scenario.pools.firstIndex(where: { $0.id == parts[1] }) else {
                throw ParameterError(key: key, "no pool '\(parts[1])'")
            }
            let fieldName = parts[2...].joined(separator: ".")
            guard let field = PoolField(rawValue: fieldName) else {
                throw ParameterError(key: key, "a pool's '\(fieldName)' cannot be varied (\(PoolField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if field == .aidShare || field == .aidEfficiency, scenario.pools[index].mutualAid == nil {
                throw ParameterError(key: key, "pool '\(parts[1])' has no mutual_aid")
            }
            target = .pool(index, field)
        case "themes" where parts.count >= 3:
            guard let index = scenario.themes.firstIndex(where: { $0.id == parts[1] }) else {
                throw ParameterError(key: key, "no theme '\(parts[1])'")
            }
            theme = parts[1]
            switch (parts[2], parts.count) {
            case ("weight", 3): target = .theme(index, .weight)
            case ("minimum", 3): target = .theme(index, .minimum)
            case ("max_gap", 3): target = .theme(index, .maxGap)
            case ("joint_efficiency", 3): target = .theme(index, .jointEfficiency)
            case ("min_effort", 3): target = .theme(index, .minEffort)
            case ("severity", 4):
                guard scenario.node(parts[3])?.kind == .municipality else {
                    throw ParameterError(key: key, "no municipality '\(parts[3])'")
                }
                target = .theme(index, .severity(parts[3]))
            case ("need", 4) where parts[3] == "per_1000_inhabitants":
                guard case .perThousandInhabitants = scenario.themes[index].need else {
                    throw ParameterError(key: key, "theme '\(parts[1])' gives its need by_municipality, not per_1000_inhabitants")
                }
                target = .theme(index, .needRate)
            case ("need", 5) where parts[3] == "by_municipality":
                guard case .byMunicipality(let needs) = scenario.themes[index].need else {
                    throw ParameterError(key: key, "theme '\(parts[1])' gives its need per_1000_inhabitants, not by_municipality")
                }
                guard scenario.node(parts[4])?.kind == .municipality else {
                    throw ParameterError(key: key, "no municipality '\(parts[4])'")
                }
                guard needs[parts[4]] != nil else {
                    throw ParameterError(key: key, "theme '\(parts[1])' gives no need for '\(parts[4])'")
                }
                target = .theme(index, .needOf(parts[4]))
            default:
                throw ParameterError(key: key, "a theme's '\(parts[2...].joined(separator: "."))' cannot be varied (weight, minimum, max_gap, joint_efficiency, min_effort, severity.MUNICIPALITY, need.per_1000_inhabitants, need.by_municipality.MUNICIPALITY)")
            }
        case "municipalities" where parts.count == 3 && parts[2] == "population":
            guard let index = scenario.nodes.firstIndex(where: { $0.id == parts[1] && $0.kind == .municipality }) else {
                throw ParameterError(key: key, "no municipality '\(parts[1])'")
            }
            target = .population(index)
        case "presence" where parts.count == 3 && parts[2] == "hours_per_1000_inhabitants":
            guard scenario.presence.contains(where: { $0.kind == parts[1] }) else {
                throw ParameterError(key: key, "no presence rule for kind '\(parts[1])'")
            }
            target = .presence(parts[1])
        case "selection" where parts.count == 2 && parts[1] == "max_per_municipality":
            target = .maxSelected
        default:
            throw ParameterError(key: key, "unknown parameter (e.g. reserve, level_weights.local, pools.ID.fte, themes.ID.weight, themes.ID.minimum, themes.ID.max_gap)")
        }
        themeID = theme
    }

    /// Whether the parameter is a fact of the year that `uncertainty` may draw: a pool's capacity
    /// (fte, hours_per_fte, availability, claimed_hours), a theme's need or a population. The
    /// others are choices of the plan (reserve, weights, minimums), not uncertain inputs.
    public var canBeUncertain: Bool {
        switch target {
        case .pool(_, let field): [.fte, .hoursPerFTE, .availability, .claimedHours].contains(field)
        case .theme(_, .needRate), .theme(_, .needOf): true
        case .population: true
        default: false
        }
    }

    /// For a pool's capacity field: the pool's index and the field's name (`fte`, `hours_per_fte`,
    /// `availability`, `claimed_hours`), so that the worst capacity can be checked over all entries.
    public var poolCapacityField: (pool: Int, field: String)? {
        if case .pool(let index, let field) = target, [.fte, .hoursPerFTE, .availability, .claimedHours].contains(field) {
            return (index, field.rawValue)
        }
        return nil
    }

    /// Whether the parameter is a theme's need or a population (what the need is computed from).
    public var isNeed: Bool {
        switch target {
        case .theme(_, .needRate), .theme(_, .needOf), .population: true
        default: false
        }
    }

    /// The value of the parameter in `scenario`, if it has one (an absent max_gap has none).
    public func value(in scenario: Scenario) -> Double? {
        switch target {
        case .reserve: return scenario.pools.first(where: \.usesDefaultReserve)?.reserve
        case .hoursPerFTE: return scenario.pools.first(where: \.usesDefaultHoursPerFTE)?.hoursPerFTE
        case .levelWeight(let level): return scenario.levelWeight(level)
        case .pool(let index, let field):
            let pool = scenario.pools[index]
            switch field {
            case .fte: return pool.fte
            case .hoursPerFTE: return pool.hoursPerFTE
            case .availability: return pool.availability
            case .claimedHours: return pool.claimedHours
            case .reserve: return pool.reserve
            case .aidShare: return pool.mutualAid?.maxShare
            case .aidEfficiency: return pool.mutualAid?.efficiency
            }
        case .theme(let index, let field):
            let theme = scenario.themes[index]
            switch field {
            case .weight: return theme.weight
            case .minimum: return theme.minimum
            case .maxGap: return theme.maxGap
            case .jointEfficiency: return theme.jointEfficiency
            case .minEffort: return theme.minEffort
            case .severity(let municipality): return theme.severity[municipality] ?? 1
            case .needRate:
                if case .perThousandInhabitants(let rate) = theme.need { return rate }
                return nil
            case .needOf(let municipality):
                if case .byMunicipality(let needs) = theme.need { return needs[municipality] }
                return nil
            }
        case .population(let index): return scenario.nodes[index].population
        case .presence(let kind): return scenario.presence.first { $0.kind == kind }?.hoursPerThousandInhabitants
        case .maxSelected: return scenario.maxSelectedPerMunicipality.map(Double.init)
        }
    }

    /// `scenario` with the parameter set to `value`, checked against the same ranges as a file.
    public func applied(_ value: Double, to scenario: Scenario) throws(ParameterError) -> Scenario {
        guard value.isFinite else { throw ParameterError(key: key, "\(value) is not a finite number") }
        func inRange(_ low: Double, _ high: Double, closedHigh: Bool = true, _ text: String) throws(ParameterError) {
            if value < low || value > high || (!closedHigh && value == high) {
                throw ParameterError(key: key, "\(FieldReader.format(value)) is outside \(text)")
            }
        }
        var result = scenario
        switch target {
        case .reserve:
            try inRange(0, 1, closedHigh: false, "[0, 1)")
            for index in result.pools.indices where result.pools[index].usesDefaultReserve { result.pools[index].reserve = value }
        case .hoursPerFTE:
            try inRange(0, .infinity, "[0, ∞)")
            for index in result.pools.indices where result.pools[index].usesDefaultHoursPerFTE { result.pools[index].hoursPerFTE = value }
        case .levelWeight(let level):
            try inRange(0, .infinity, "[0, ∞)")
            result.levelWeights[level] = value
        case .pool(let index, let field):
            switch field {
            case .fte: try inRange(0, .infinity, "[0, ∞)"); result.pools[index].fte = value
            case .hoursPerFTE: try inRange(0, .infinity, "[0, ∞)"); result.pools[index].hoursPerFTE = value
            case .availability: try inRange(0, 1, "[0, 1]"); result.pools[index].availability = value
            case .claimedHours: try inRange(0, .infinity, "[0, ∞)"); result.pools[index].claimedHours = value
            case .reserve: try inRange(0, 1, closedHigh: false, "[0, 1)"); result.pools[index].reserve = value
            case .aidShare: try inRange(0, 1, "[0, 1]"); result.pools[index].mutualAid?.maxShare = value
            case .aidEfficiency: try inRange(0, .infinity, "[0, ∞)"); result.pools[index].mutualAid?.efficiency = value
            }
            if result.pools[index].capacity < 0 {
                throw ParameterError(key: key, "at \(FieldReader.format(value)) the pool's capacity after claimed hours is negative")
            }
        case .theme(let index, let field):
            switch field {
            case .weight: try inRange(0, .infinity, "[0, ∞)"); result.themes[index].weight = value
            case .minimum: try inRange(0, 1, "[0, 1]"); result.themes[index].minimum = value
            case .maxGap: try inRange(0, .infinity, "[0, ∞)"); result.themes[index].maxGap = value
            case .jointEfficiency: try inRange(0, .infinity, "[0, ∞)"); result.themes[index].jointEfficiency = value
            case .minEffort: try inRange(0, 1, "[0, 1]"); result.themes[index].minEffort = value
            case .severity(let municipality): try inRange(0, .infinity, "[0, ∞)"); result.themes[index].severity[municipality] = value
            case .needRate: try inRange(0, .infinity, "[0, ∞)"); result.themes[index].need = .perThousandInhabitants(value)
            case .needOf(let municipality):
                try inRange(0, .infinity, "[0, ∞)")
                if case .byMunicipality(var needs) = result.themes[index].need {
                    needs[municipality] = value
                    result.themes[index].need = .byMunicipality(needs)
                }
            }
        case .population(let index):
            try inRange(0, .infinity, "[0, ∞)")
            result.setPopulation(of: index, value)
        case .presence(let kind):
            try inRange(0, .infinity, "[0, ∞)")
            for index in result.presence.indices where result.presence[index].kind == kind {
                result.presence[index].hoursPerThousandInhabitants = value
            }
        case .maxSelected:
            try inRange(0, 1e6, "[0, 1000000]")
            guard value == value.rounded() else { throw ParameterError(key: key, "expected a whole number, found \(value)") }
            result.maxSelectedPerMunicipality = Int(value)
        }
        return result
    }
}

/// A sweep or what-if parameter that cannot be used.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String
    init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }
    public var description: String { "--vary \(key): \(message)" }
}

/// The figures the reports print that are not stored in a result but follow from it: the hours
/// matrix, the shortfalls in the order of value lost, the binding minimums per theme, the pool
/// where one more FTE brings most, a sweep's slopes, the total gain of an evaluation's moves and
/// a what-if's shifts per theme. Computed here, once, so that no report writer computes a figure
/// (and the Markdown, HTML and live reports cannot disagree on one).
///
/// None of these is encoded: the JSON contract holds the values they are made from.

/// Hours per theme and municipality, summed over pools.
public struct HoursMatrix: Sendable {
    private var hours: [String: [String: Double]] = [:]

    init(_ lines: [AllocationLine]) {
        for line in lines { hours[line.theme, default: [:]][line.municipality, default: 0] += line.hours }
    }

    /// The hours `theme` gets in `municipality` from every pool (0 when none).
    public func hours(theme: String, municipality: String) -> Double { hours[theme]?[municipality] ?? 0 }
}

/// Every binding minimum of one theme: one sentence in the report instead of one per municipality.
public struct MinimumGroup: Sendable {
    public var theme: String
    /// The municipalities where the minimum binds, in the order of the result.
    public var municipalities: [String]
    /// The minimums' hours together.
    public var hours: Double
    /// The lowest and highest marginal value (cost per hour) among them.
    public var lowestCost: Double
    public var highestCost: Double
}

extension AllocationResult {
    /// Hours per theme and municipality.
    public var hoursMatrix: HoursMatrix { HoursMatrix(allocations) }

    /// The shortfalls with the most value lost first (ties in the order the model gave them):
    /// the order in which every report lists what is not covered.
    public var shortfallsByLoss: [Shortfall] {
        var lost: [String: Double] = [:]
        for line in coverage { lost["\(line.theme)|\(line.municipality)"] = line.ideal - line.value }
        let keyed = shortfalls.enumerated().map { offset, shortfall in
            (lost: lost["\(shortfall.theme)|\(shortfall.municipality)"] ?? 0, offset: offset, shortfall: shortfall)
        }
        return keyed.sorted { $0.lost != $1.lost ? $0.lost > $1.lost : $0.offset < $1.offset }.map(\.shortfall)
    }

    /// How many shortfalls get no hours at all (less than half an hour, which prints as 0).
    public var shortfallsWithoutHours: Int { shortfalls.filter { $0.covered <= 0.5 }.count }

    /// The pool where one more FTE brings most (re-solved, `fte_gain`), when one brings anything.
    public var bestFTEPool: PoolResult? {
        pools.filter { ($0.fteGain ?? 0) > 0 }.max { ($0.fteGain ?? 0) < ($1.fteGain ?? 0) }
    }

    /// The binding minimums grouped per theme, in the order their themes first bind.
    public var minimumGroups: [MinimumGroup] {
        var groups: [String: [BindingPromise]] = [:]
        var order: [String] = []
        for promise in binding where promise.kind == .minimum {
            if groups[promise.entities[0]] == nil { order.append(promise.entities[0]) }
            groups[promise.entities[0], default: []].append(promise)
        }
        return order.map { theme in
            let group = groups[theme] ?? []
            let costs = group.map(\.costPerUnit)
            return MinimumGroup(theme: theme, municipalities: group.map { $0.entities[1] }, hours: group.reduce(0) { $0 + $1.bound },
                                lowestCost: costs.min() ?? 0, highestCost: costs.max() ?? 0)
        }
    }

    /// The binding promises other than minimums, in the order of the result.
    public var otherBinding: [BindingPromise] { binding.filter { $0.kind != .minimum } }

    /// The pools whose flexibility reserve keeps hours free that would be worth something.
    public var valuedReserves: [PoolResult] { pools.filter { $0.reserve > 0 && $0.hourValue > 0 } }

    /// A change of value as a change of the attainment (a share of the ideal); nil without an ideal.
    public func attainmentPoints(_ value: Double) -> Double? { ideal > 0 ? value / ideal : nil }

    /// The highest weight of any theme: the weight of the councils' priorities. A theme weighted
    /// lower was given less on purpose.
    public var priorityWeight: Double { themes.map(\.weight).max() ?? 0 }

    /// Whether a shortfall is the councils' choice rather than a lack of capacity: its theme is
    /// weighted below the priorities, or (select mode) the municipality did not choose it.
    public func isChoice(_ shortfall: Shortfall) -> Bool {
        if shortfall.reason == .notSelected { return true }
        guard let theme = themes.first(where: { $0.id == shortfall.theme }) else { return false }
        return theme.weight < priorityWeight
    }

    /// The themes the councils chose to give less, in the order of the scenario: weighted below
    /// the priorities (with the theme's hours and coverage over the whole area), or candidates
    /// some municipalities did not choose (with those municipalities).
    public var choices: [ThemeChoice] {
        let short = Set(shortfalls.map(\.theme))
        return themes.compactMap { theme -> ThemeChoice? in
            guard short.contains(theme.id) else { return nil }
            if theme.weight < priorityWeight {
                return ThemeChoice(theme: theme.id, reason: .lowerWeight, core: theme.core, weight: theme.weight,
                                   municipalities: [], hours: theme.hours, share: theme.share)
            }
            let notChosen = shortfalls.filter { $0.theme == theme.id && $0.reason == .notSelected }
            guard !notChosen.isEmpty else { return nil }
            let matrix = hoursMatrix
            let need = notChosen.reduce(0) { $0 + $1.need }, covered = notChosen.reduce(0) { $0 + $1.covered }
            return ThemeChoice(theme: theme.id, reason: .notChosen, core: theme.core, weight: theme.weight,
                               municipalities: notChosen.map(\.municipality),
                               hours: notChosen.reduce(0) { $0 + matrix.hours(theme: theme.id, municipality: $1.municipality) },
                               share: need > 0 ? covered / need : 0)
        }
    }

    /// The shortfalls that are not a choice (`isChoice`), most value lost first: what the
    /// priorities give up for lack of capacity or because of a promise.
    public var priorityShortfallsByLoss: [Shortfall] { shortfallsByLoss.filter { !isChoice($0) } }

    /// The share of need covered for `theme` in `municipality` (0 when there is no such line).
    public func coverageShare(theme: String, municipality: String?) -> Double {
        coverage.first { $0.theme == theme && $0.municipality == municipality }?.share ?? 0
    }
}

/// A theme the councils chose to give less than its need (AllocationResult.choices).
public struct ThemeChoice: Sendable {
    public enum Reason: Sendable {
        /// Weighted below the priorities: every municipality gives it less on purpose.
        case lowerWeight
        /// A candidate that `municipalities` did not choose as a local priority (select mode).
        case notChosen
    }
    public var theme: String
    public var reason: Reason
    public var core: Bool
    public var weight: Double
    /// For `notChosen`: the municipalities that did not choose it.
    public var municipalities: [String]
    /// The hours it gets (over the whole area, or over `municipalities`) and the share of its need covered.
    public var hours: Double
    public var share: Double
}

extension Shortfall {
    /// The share of the need covered (0 without need).
    public var share: Double { need > 0 ? covered / need : 0 }
}

extension PoolResult {
    /// The hours the pool has after its reserve: what it allocates and what it leaves unused.
    public var allocatable: Double { allocated + unused }

    /// How many hours fewer (`lower`) and more (`upper`) the pool could have while its value per
    /// hour stays `hourValue` (nil where the range has no end).
    public var hourValueHolds: ValueRange? {
        hourValueRange.map { range in
            ValueRange(lower: range.lower.map { max(0, allocatable - $0) }, upper: range.upper.map { max(0, $0 - allocatable) })
        }
    }
}

extension SweepResult {
    /// The change of value per unit of the parameter from the point before, per point (nil for
    /// the first point, next to an infeasible one, or where the parameter does not change).
    public var slopes: [Double?] {
        points.indices.map { index in
            guard index > 0, let a = points[index - 1].objective, let b = points[index].objective,
                  points[index].parameter != points[index - 1].parameter else { return nil }
            return (b - a) / (points[index].parameter - points[index - 1].parameter)
        }
    }
}

extension EvaluationResult {
    /// What all the moves gain together, done in their order.
    public var movesGain: Double { moves.reduce(0) { $0 + $1.gain } }
}

/// Shifts of hours of one theme across municipalities, as a what-if's headline names them.
public struct ThemeShift: Sendable {
    public var theme: String
    /// The shifts' hours together (each counted as a positive amount).
    public var hours: Double
    /// Per municipality, in the order of the shifts: its id and hours (positive).
    public var municipalities: [(id: String, hours: Double)]
}

extension ScenarioDifference {
    /// The largest `losses` cells that lose hours and `gains` cells that gain, each grouped by
    /// theme so a headline names a theme once ("Ondermijning 17.642 uur (Gooise Meren 12.755, …)").
    public func headlineShifts(losses: Int, gains: Int) -> (losses: [ThemeShift], gains: [ThemeShift]) {
        func grouped(_ cells: [CellShift]) -> [ThemeShift] {
            var order: [String] = []
            var byTheme: [String: [CellShift]] = [:]
            for cell in cells {
                if byTheme[cell.theme] == nil { order.append(cell.theme) }
                byTheme[cell.theme, default: []].append(cell)
            }
            return order.map { theme in
                let group = byTheme[theme] ?? []
                return ThemeShift(theme: theme, hours: group.reduce(0) { $0 + abs($1.change) },
                                  municipalities: group.map { ($0.municipality, abs($0.change)) })
            }
        }
        return (grouped(Array(cells.filter { $0.change < 0 }.prefix(losses))), grouped(Array(cells.filter { $0.change > 0 }.prefix(gains))))
    }
}

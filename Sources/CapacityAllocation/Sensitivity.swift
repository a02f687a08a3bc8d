import LinearProgramming

/// Sensitivity ranges from the optimal basis (DESIGN.md 4.4): how far a pool's capacity can move
/// before its hour value changes (and what an hour is worth beyond that), and how far a theme's
/// weight can move before the allocation changes.
enum Sensitivity {
    /// Re-solving above each pool's range costs two warm simplex calls per pool (at region size a
    /// third of the solve time). Above this many columns the value beyond a range is found only
    /// where the range ends at the pool's own capacity: there it is the hour value itself (the
    /// value of one more hour), elsewhere it is only shown next to the range.
    static let beyondValueColumnLimit = 5_000

    /// Each theme's weight range costs a pass over every row and column of the model (a btran and
    /// the reduced costs), so all of them together grow with themes × model size: quadratic in the
    /// file for scenarios of many small themes (10,000 one-cell themes: 10 s of a 12 s solve). Above
    /// this much work (themes × (rows + columns)) the ranges are left out; the reports then show
    /// the weights without them. The national scenario needs about 2 · 10^6.
    static let weightRangeWorkLimit = 50_000_000

    /// What ranging finds for one pool: the range of its allocatable hours over which its hour
    /// value holds, and the value of an hour beyond that range where it was re-solved.
    struct PoolRange: Sendable {
        var range: ValueRange?
        var beyond: Double?
        /// The range ends at the pool's own hours: its hour value is then the one just beyond.
        var endsAtCapacity = false
    }

    /// `hourValueRange` (in allocatable hours) and `hourValueBeyond` of every pool, in pool order.
    static func poolRanges(formulation: Formulation, problem: any SolverProblem) -> [PoolRange] {
        let scenarioPools = formulation.scenario.pools
        let rows = scenarioPools.indices.map { formulation.capacityRows[$0] }
        let intervals = problem.rightHandSideRanges(of: rows)
        var ranges = [PoolRange](repeating: PoolRange(), count: scenarioPools.count)
        var beyond: [(pool: Int, upper: Double)] = []
        for index in scenarioPools.indices {
            guard let interval = intervals[index] else { continue }
            let lower = interval.lowerBound > -1e300 ? interval.lowerBound : nil
            let upper = interval.upperBound < 1e300 ? interval.upperBound : nil
            ranges[index].range = ValueRange(lower: lower.map { $0 < 1e-9 ? 0 : $0 }, upper: upper)
            guard let upper else { continue }
            let allocatable = scenarioPools[index].allocatable
            let atTheEnd = upper - allocatable <= 1e-9 * max(1, abs(allocatable))
            guard atTheEnd || formulation.program.variables.count <= beyondValueColumnLimit else { continue }
            beyond.append((index, upper))
        }
        // One hour past the end of each range (or a relative step on very large pools).
        let duals = problem.duals(withUpperBounds: beyond.map { (rows[$0.pool], $0.upper + max(1, 1e-6 * abs($0.upper))) })
        for ((index, upper), dual) in zip(beyond, duals) {
            guard let dual else { continue }
            ranges[index].beyond = abs(dual) < 1e-9 ? 0 : dual
            // At the very end of its range the dual is the value of the last hour, not of one
            // more: the hour value is then the one just beyond (a right derivative).
            let allocatable = scenarioPools[index].allocatable
            ranges[index].endsAtCapacity = upper - allocatable <= 1e-9 * max(1, abs(allocatable))
        }
        return ranges
    }

    /// Puts what `poolRanges` found into the pools' results.
    static func apply(_ ranges: [PoolRange], to pools: inout [PoolResult], formulation: Formulation) {
        let scenarioPools = formulation.scenario.pools
        for (index, found) in zip(pools.indices, ranges) {
            pools[index].hourValueRange = found.range
            guard let value = found.beyond else { continue }
            pools[index].hourValueBeyond = value
            if found.endsAtCapacity {
                pools[index].hourValue = value
                pools[index].fteValue = value * scenarioPools[index].hoursPerExtraFTE
            }
        }
    }

    /// The interval of each theme's weight over which the optimal basis, and so the allocation,
    /// stays the same (only for an objective that is V itself: weighted mode).
    /// `weightRange` of every theme, in theme order (nil where there is none).
    static func themeWeightRanges(formulation: Formulation, problem: any SolverProblem) -> [ValueRange?] {
        let scenario = formulation.scenario
        var weightRanges = [ValueRange?](repeating: nil, count: scenario.themes.count)
        let size = formulation.program.variables.count + formulation.program.constraints.count
        guard scenario.themes.count * size <= weightRangeWorkLimit else { return weightRanges }
        // dV/dweight of each theme: every segment of the theme's cells, at its weight without the theme's own weight.
        let directions = scenario.themes.indices.map { themeIndex -> [Variable: Double] in
            let theme = scenario.themes[themeIndex]
            var direction: [Variable: Double] = [:]
            for cellIndex in formulation.cellsByTheme[themeIndex] ?? [] {
                let cell = formulation.cells[cellIndex]
                let perWeight = scenario.levelWeight(theme.level) * (theme.severity[cell.municipality] ?? 1)
                for (segment, variable) in zip(theme.returns, cell.segments) where perWeight * segment.value != 0 {
                    direction[variable] = perWeight * segment.value
                }
            }
            return direction
        }
        let asked = directions.indices.filter { !directions[$0].isEmpty }
        let ranges = problem.objectiveParameterRanges(asked.map { directions[$0] })
        // Round-off below 1e-12 is noise: a lower end of 5e-17 is 0.
        func tidy(_ value: Double) -> Double { abs(value) < 1e-12 ? 0 : value }
        for (themeIndex, range) in zip(asked, ranges) {
            guard let range else { continue }
            let theme = scenario.themes[themeIndex]
            weightRanges[themeIndex] = ValueRange(lower: range.lower.map { tidy(max(0, theme.weight + $0)) },
                                                  upper: range.upper.map { tidy(theme.weight + $0) })
        }
        return weightRanges
    }
}

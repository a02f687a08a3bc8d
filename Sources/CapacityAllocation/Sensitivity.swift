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

    /// Fills `hourValueRange` (in allocatable hours) and `hourValueBeyond` of every pool.
    static func poolRanges(_ pools: inout [PoolResult], formulation: Formulation, problem: any SolverProblem) {
        let scenarioPools = formulation.scenario.pools
        let rows = pools.indices.map { formulation.capacityRows[$0] }
        let intervals = problem.rightHandSideRanges(of: rows)
        var beyond: [(pool: Int, upper: Double)] = []
        for index in pools.indices {
            guard let interval = intervals[index] else { continue }
            let lower = interval.lowerBound > -1e300 ? interval.lowerBound : nil
            let upper = interval.upperBound < 1e300 ? interval.upperBound : nil
            pools[index].hourValueRange = ValueRange(lower: lower.map { $0 < 1e-9 ? 0 : $0 }, upper: upper)
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
            let value = abs(dual) < 1e-9 ? 0 : dual
            pools[index].hourValueBeyond = value
            // At the very end of its range the dual is the value of the last hour, not of one
            // more: the hour value is then the one just beyond (a right derivative).
            let allocatable = scenarioPools[index].allocatable
            if upper - allocatable <= 1e-9 * max(1, abs(allocatable)) {
                pools[index].hourValue = value
                pools[index].fteValue = value * scenarioPools[index].hoursPerExtraFTE
            }
        }
    }

    /// The interval of each theme's weight over which the optimal basis, and so the allocation,
    /// stays the same (only for an objective that is V itself: weighted mode).
    static func themeWeightRanges(_ themes: inout [ThemeResult], formulation: Formulation, problem: any SolverProblem) {
        let scenario = formulation.scenario
        let size = formulation.program.variables.count + formulation.program.constraints.count
        guard scenario.themes.count * size <= weightRangeWorkLimit else { return }
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
            themes[themeIndex].weightRange = ValueRange(lower: range.lower.map { tidy(max(0, theme.weight + $0)) },
                                                        upper: range.upper.map { tidy(theme.weight + $0) })
        }
    }
}

import LinearProgramming

/// Reads allocation, coverage, values, duals and reduced costs off a solution and turns them into
/// an `AllocationResult` with its explanations.
struct ResultBuilder {
    let formulation: Formulation
    let outcome: Allocator.StagedSolution
    let mode: SolveMode
    /// Ranging re-solves the kept problem; sweeps and evaluations that only need values skip it.
    var withSensitivity = true
    /// The allocation to show when it is not the solution itself (the stable choice among the
    /// optima): every figure of hours, coverage and value is read off these, while the objective,
    /// duals and ranges stay the optimum's.
    var allocationValues: [Double]? = nil

    private var scenario: Scenario { formulation.scenario }
    private var solution: Solution { outcome.solution }
    /// Below this many hours a number is solver noise.
    static let hourTolerance = 1e-6
    static let dualTolerance = 1e-9

    /// The result. With sensitivity, the ranges are read off the kept problem on this thread (a
    /// GLPK problem stays on the thread that made it) while the rest of the result is built on
    /// another; `alongside` is given that rest there as soon as it is built (its allocation, coverage
    /// and shortfall lists are final: ranging changes only pools and themes), so a report can start
    /// on the lists while the ranges are still being read.
    func build(alongside: (@Sendable (AllocationResult) -> Void)? = nil) -> AllocationResult {
        guard withSensitivity, let problem = outcome.problem, solution.status == .optimal, !solution.duals.isEmpty else {
            let result = buildWithoutRanges()
            alongside?(result)
            return result
        }
        let rest = Detached(ResultBuilder(
            formulation: formulation,
            outcome: Allocator.StagedSolution(solution: solution, problem: nil, stages: outcome.stages,
                                              minAttainment: outcome.minAttainment, selectedCells: outcome.selectedCells),
            mode: mode, withSensitivity: false, allocationValues: allocationValues))
        let built = ValueOnAnotherThread {
            let result = rest.builder.buildWithoutRanges()
            alongside?(result)
            return result
        }
        let weightRanges = mode == .weighted ? Sensitivity.themeWeightRanges(formulation: formulation, problem: problem) : nil
        let poolRanges = Sensitivity.poolRanges(formulation: formulation, problem: problem)
        var result = built.value
        if let weightRanges {
            for (index, range) in zip(result.themes.indices, weightRanges) { result.themes[index].weightRange = range }
        }
        Sensitivity.apply(poolRanges, to: &result.pools, formulation: formulation)
        return result
    }

    /// A builder without a kept problem, which reads only values, so it may cross to another thread.
    private struct Detached: @unchecked Sendable {
        let builder: ResultBuilder
        init(_ builder: ResultBuilder) { self.builder = builder }
    }

    /// Everything but the ranges.
    private func buildWithoutRanges() -> AllocationResult {
        let pools = scenario.pools
        var names: [String: String] = [:]
        for node in scenario.nodes { names[node.id] = node.name }
        for pool in pools { names[pool.id] = pool.name }
        for theme in scenario.themes { names[theme.id] = theme.name }
        let manifest = Manifest(
            inputs: scenario.sources.map { Manifest.Input(path: $0.path, sha256: $0.sha256) },
            ivpVersion: IVP.version, glpkVersion: GLPK.version)
        let status = AllocationStatus(solution.status)
        let capacity = pools.reduce(0) { $0 + $1.capacity }
        let reserve = pools.reduce(0) { $0 + $1.reserve * $1.capacity }
        var result = AllocationResult(
            scenario: scenario.name, description: scenario.description, mode: mode, status: status, message: nil,
            objective: nil, ideal: formulation.ideal, attainment: nil, capacity: capacity, allocated: 0,
            reserve: reserve, unused: capacity - reserve, pools: [], allocations: [], coverage: [], municipalities: [],
            themes: [], binding: [], shortfalls: [], stages: mode == .lexicographic ? outcome.stages : nil,
            minAttainment: nil, selected: nil, diagnosis: nil, reserveRelief: nil, bestBound: solution.bestBound, gap: solution.gap,
            method: solution.method.rawValue, solveSeconds: solution.seconds, manifest: manifest, names: names,
            warnings: scenario.warnings.map(\.description))
        guard solution.hasSolution else {
            result.pools = pools.map { pool in
                PoolResult(id: pool.id, name: pool.name, kind: pool.kind, capacity: pool.capacity, allocated: 0,
                           reserve: pool.reserve * pool.capacity, unused: pool.allocatable, mutualAid: 0, hourValue: 0,
                           fteValue: 0, hourValueRange: nil)
            }
            return result
        }

        let objective = clean(formulation.value.evaluate(solution.values))
        let values = allocationValues ?? solution.values
        result.objective = objective
        result.attainment = formulation.ideal > 0 ? objective / formulation.ideal : nil
        if mode == .maxmin { result.minAttainment = outcome.minAttainment }

        // Pools.
        var allocatedPerPool = [Double](repeating: 0, count: pools.count)
        var awayPerPool = allocatedPerPool
        for assignment in formulation.assignments {
            let hours = max(0, values[assignment.variable.index])
            allocatedPerPool[assignment.pool] += hours
            if assignment.away { awayPerPool[assignment.pool] += hours }
        }
        result.pools = pools.enumerated().map { index, pool in
            let allocated = clean(allocatedPerPool[index])
            let hourValue = clean(solution.dual(formulation.capacityRows[index]), tolerance: Self.dualTolerance)
            return PoolResult(id: pool.id, name: pool.name, kind: pool.kind, capacity: pool.capacity, allocated: allocated,
                              reserve: pool.reserve * pool.capacity, unused: max(0, clean(pool.allocatable - allocated)),
                              mutualAid: clean(awayPerPool[index]), hourValue: hourValue,
                              fteValue: hourValue * pool.hoursPerExtraFTE, hourValueRange: nil)
        }
        result.allocated = result.pools.reduce(0) { $0 + $1.allocated }
        result.unused = result.pools.reduce(0) { $0 + $1.unused }

        // Allocation lines, in pool, theme, municipality order.
        let municipalityOrder = Dictionary(scenario.municipalities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [(key: [Int], line: AllocationLine)] = []
        var hoursPerCell = [Double](repeating: 0, count: formulation.cells.count)
        for assignment in formulation.assignments {
            let hours = values[assignment.variable.index]
            guard hours > Self.hourTolerance else { continue }
            let cell = formulation.cells[assignment.cell]
            hoursPerCell[assignment.cell] += hours
            lines.append(([assignment.pool, cell.theme, municipalityOrder[cell.municipality] ?? 0],
                          AllocationLine(pool: pools[assignment.pool].id, theme: scenario.themes[cell.theme].id,
                                         municipality: cell.municipality, hours: hours,
                                         effectiveHours: hours * assignment.efficiency)))
        }
        result.allocations = lines.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.line)

        // Coverage, per municipality and per theme.
        var municipalityTotals: [String: (value: Double, ideal: Double, hours: Double)] = [:]
        var themeTotals: [Int: (need: Double, covered: Double, hours: Double, value: Double, ideal: Double)] = [:]
        for (index, cell) in formulation.cells.enumerated() {
            let covered = clean(max(0, cell.coverage.evaluate(values)))
            let value = clean(cell.value.evaluate(values))
            let theme = scenario.themes[cell.theme]
            result.coverage.append(CoverageLine(theme: theme.id, municipality: cell.municipality, need: cell.need,
                                                covered: covered, share: cell.need > 0 ? covered / cell.need : 0,
                                                value: value, ideal: cell.ideal))
            var municipality = municipalityTotals[cell.municipality] ?? (0, 0, 0)
            municipality.value += value
            municipality.ideal += cell.ideal
            municipality.hours += hoursPerCell[index]
            municipalityTotals[cell.municipality] = municipality
            var totals = themeTotals[cell.theme] ?? (0, 0, 0, 0, 0)
            totals.need += cell.need
            totals.covered += covered
            totals.hours += hoursPerCell[index]
            totals.value += value
            totals.ideal += cell.ideal
            themeTotals[cell.theme] = totals
        }
        result.municipalities = scenario.municipalities.map { municipality in
            let totals = municipalityTotals[municipality.id] ?? (0, 0, 0)
            return MunicipalityResult(id: municipality.id, name: municipality.name, value: totals.value, ideal: totals.ideal,
                                      attainment: totals.ideal > 0 ? totals.value / totals.ideal : 0, hours: clean(totals.hours))
        }
        result.themes = scenario.themes.enumerated().map { index, theme in
            let totals = themeTotals[index] ?? (0, 0, 0, 0, 0)
            return ThemeResult(id: theme.id, name: theme.name, level: theme.level, core: theme.core, weight: theme.weight,
                               weightRange: nil, need: totals.need,
                               covered: totals.covered, share: totals.need > 0 ? totals.covered / totals.need : 0,
                               hours: clean(totals.hours), value: totals.value, ideal: totals.ideal)
        }
        if let selectedCells = outcome.selectedCells {
            result.selected = selections(selectedCells, values: values)
        }
        if !solution.duals.isEmpty {
            result.binding = bindingPromises()
            result.shortfalls = shortfalls(values: values)
        }
        return result
    }

    private func clean(_ value: Double, tolerance: Double = ResultBuilder.hourTolerance) -> Double {
        abs(value) < tolerance ? 0 : value
    }

    // MARK: Promises

    private func bindingPromises() -> [BindingPromise] {
        Self.bindingPromises(formulation, duals: solution.duals)
    }

    /// The promises (rows other than link and capacity) whose dual is not zero, most costly first.
    static func bindingPromises(_ formulation: Formulation, duals: [Double]) -> [BindingPromise] {
        var promises: [BindingPromise] = []
        let scenario = formulation.scenario
        let pools = scenario.pools, themes = scenario.themes
        for (index, row) in formulation.rows.enumerated() {
            let dual = duals[index]
            guard abs(dual) > Self.dualTolerance else { continue }
            let definition = formulation.program.constraints[index]
            switch row {
            case .link, .capacity:
                continue
            case .minimum(let cell):
                // A minimum of 0 (a row kept for a sweep) promises nothing.
                guard (definition.lower ?? 0) > 0 else { continue }
                let cellInfo = formulation.cells[cell]
                promises.append(BindingPromise(kind: .minimum, entities: [themes[cellInfo.theme].id, cellInfo.municipality],
                                               bound: definition.lower ?? 0, costPerUnit: -dual))
            case .displacement(let theme, let from, let to):
                promises.append(BindingPromise(kind: .displacement, entities: [themes[theme].id, from, to],
                                               bound: definition.upper ?? 0, costPerUnit: dual / 100))
            case .mutualAid(let pool):
                promises.append(BindingPromise(kind: .mutualAid, entities: [pools[pool].id],
                                               bound: definition.upper ?? 0, costPerUnit: dual))
            case .poolLimit(let pool, let limit):
                promises.append(BindingPromise(kind: .poolLimit, entities: [pools[pool].id] + pools[pool].limits[limit].themes,
                                               bound: definition.upper ?? 0, costPerUnit: dual))
            case .presence(let rule, let municipality):
                promises.append(BindingPromise(kind: .presence, entities: [scenario.presence[rule].kind, municipality],
                                               bound: definition.lower ?? 0, costPerUnit: -dual))
            }
        }
        return promises.sorted { $0.costPerUnit * max(1, $0.bound) > $1.costPerUnit * max(1, $1.bound) }
    }

    // MARK: Shortfalls

    /// The rows besides capacity and mutual aid that an hour of a pool uses, found once: its limit
    /// rows (with their themes) and the presence rows of its kind per municipality.
    struct PoolRows {
        var limits: [Int: [(row: Int, themes: [String])]] = [:]
        var presence: [String: [Int]] = [:]

        init(_ formulation: Formulation) {
            let scenario = formulation.scenario
            for (index, row) in formulation.rows.enumerated() {
                switch row {
                case .poolLimit(let pool, let limit):
                    limits[pool, default: []].append((index, scenario.pools[pool].limits[limit].themes))
                case .presence(let rule, let municipality):
                    presence["\(scenario.presence[rule].kind)|\(municipality)", default: []].append(index)
                default:
                    continue
                }
            }
        }
    }

    /// The opportunity cost of one hour of an assignment's pool: the duals of every row other than
    /// the link that the hour uses (capacity, mutual aid, limits, presence).
    private func opportunityCost(_ assignment: Formulation.Assignment, _ theme: Theme, municipality: String,
                                 rows: PoolRows) -> Double {
        var cost = solution.dual(formulation.capacityRows[assignment.pool])
        if assignment.away, let row = formulation.mutualAidRows[assignment.pool] { cost += solution.dual(row) }
        for limit in rows.limits[assignment.pool] ?? [] where limit.themes.contains(theme.id) {
            cost += solution.duals[limit.row]
        }
        for row in rows.presence["\(scenario.pools[assignment.pool].kind)|\(municipality)"] ?? [] {
            cost += solution.duals[row]
        }
        return cost
    }

    private func shortfalls(values: [Double]) -> [Shortfall] {
        var result: [Shortfall] = []
        let themes = scenario.themes
        // Displacement rows move the value of an effective hour in a cell: an hour in `from` tightens
        // a binding row (costs its dual / need), an hour in `to` relaxes it (gains the same).
        var bindingGaps: [String: String] = [:]
        var gapAdjustment: [String: Double] = [:]
        let poolRows = PoolRows(formulation)
        var cellIndex: [String: Int] = [:]
        for (index, cell) in formulation.cells.enumerated() { cellIndex["\(cell.theme)|\(cell.municipality)"] = index }
        for (index, row) in formulation.rows.enumerated() {
            guard case .displacement(let theme, let from, let to) = row else { continue }
            let dual = solution.duals[index]
            guard abs(dual) > Self.dualTolerance else { continue }
            bindingGaps["\(theme)|\(from)"] = to
            if let from = cellIndex["\(theme)|\(from)"] {
                gapAdjustment["\(theme)|\(formulation.cells[from].municipality)", default: 0] -= dual / formulation.cells[from].need
            }
            if let to = cellIndex["\(theme)|\(to)"] {
                gapAdjustment["\(theme)|\(formulation.cells[to].municipality)", default: 0] += dual / formulation.cells[to].need
            }
        }
        let chosen = outcome.selectedCells.map(Set.init)
        for (cellIndex, cell) in formulation.cells.enumerated() {
            let covered = clean(cell.coverage.evaluate(values))
            guard covered < cell.need - Self.hourTolerance * max(1, cell.need) else { continue }
            let theme = themes[cell.theme]
            var shortfall = Shortfall(theme: theme.id, municipality: cell.municipality, need: cell.need,
                                      covered: max(0, covered), reason: .tie)
            // The segment the next effective hour falls in.
            var segmentValue = theme.returns.last?.value ?? 0
            for (segmentIndex, segment) in theme.returns.enumerated()
            where values[cell.segments[segmentIndex].index] < segment.share * cell.need - Self.hourTolerance {
                segmentValue = segment.value
                break
            }
            if segmentValue < (theme.returns.first?.value ?? 0) { shortfall.segmentValue = segmentValue }
            let adjustment = gapAdjustment["\(cell.theme)|\(cell.municipality)"] ?? 0
            if cell.assignments.isEmpty {
                shortfall.reason = .noCapacity
            } else if let chosen, theme.candidate, !chosen.contains(cellIndex) {
                shortfall.reason = .notSelected
            } else if cell.weight * segmentValue + adjustment <= 0 && bindingGaps["\(cell.theme)|\(cell.municipality)"] == nil {
                shortfall.reason = .noValue
            } else {
                var best: (pool: Int, cost: Double, here: Double, efficiency: Double)?
                for index in cell.assignments {
                    let assignment = formulation.assignments[index]
                    let cost = opportunityCost(assignment, theme, municipality: cell.municipality, rows: poolRows)
                    let here = assignment.efficiency * (cell.weight * segmentValue + adjustment)
                    if best == nil || here - cost > best!.here - best!.cost {
                        best = (assignment.pool, cost, here, assignment.efficiency)
                    }
                }
                if let best {
                    shortfall.pool = scenario.pools[best.pool].id
                    shortfall.valueElsewhere = best.cost
                    shortfall.valueHere = best.here
                    let perUnitWeight = best.efficiency * (cell.weight / max(theme.weight, 1e-300)) * segmentValue
                    if best.cost - best.here > Self.dualTolerance, theme.weight > 0, perUnitWeight > 0 {
                        shortfall.weightIncrease = (best.cost - best.here) / perUnitWeight
                    }
                }
                if let neighbour = bindingGaps["\(cell.theme)|\(cell.municipality)"] {
                    shortfall.reason = .displacement
                    shortfall.neighbour = neighbour
                } else if let best, best.cost - best.here > Self.dualTolerance {
                    shortfall.reason = .outvalued
                } else {
                    shortfall.reason = .tie
                }
            }
            result.append(shortfall)
        }
        return result
    }

    // MARK: Selection

    private func selections(_ chosen: [Int], values: [Double]) -> [SelectionResult] {
        let themes = scenario.themes
        let chosenSet = Set(chosen)
        var result: [SelectionResult] = []
        for municipality in scenario.municipalities {
            let cells = formulation.cellsByMunicipality[municipality.id] ?? []
            let candidates = cells.filter { themes[formulation.cells[$0].theme].candidate }
            guard !candidates.isEmpty else { continue }
            let picked = candidates.filter { chosenSet.contains($0) }
            let others = candidates.filter { !chosenSet.contains($0) }
            // The best alternative: the unchosen candidate with the highest ideal value (what it would
            // bring if fully covered).
            let alternative = others.max { formulation.cells[$0].ideal < formulation.cells[$1].ideal }
            result.append(SelectionResult(
                municipality: municipality.id,
                themes: picked.map { themes[formulation.cells[$0].theme].id },
                values: picked.map { formulation.cells[$0].value.evaluate(values) },
                bestAlternative: alternative.map { themes[formulation.cells[$0].theme].id },
                bestAlternativeValue: alternative.map { formulation.cells[$0].ideal }))
        }
        return result
    }
}

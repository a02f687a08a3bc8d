import LinearProgramming

/// The "what if" figures a report leads with, each re-solved rather than extrapolated from a dual
/// (a dual is the value of the next hour only, and holds over its range): one more FTE per pool
/// (`fte_gain`), every pool's allocatable hours 10% lower (`capacity_cut`), and the smallest cut
/// that breaks the plan (`breaking_cut_share`) with the promises that then break.
enum Headlines {
    /// The share of the capacity cut a report leads with.
    static let cutShare = 0.1

    static func fill(_ result: inout AllocationResult, from model: SolvedModel, budget: TimeBudget? = nil) throws {
        let budget = budget ?? model.budget
        guard let objective = result.objective else { return }
        func change(_ value: Double) -> Double {
            let difference = value - objective
            return abs(difference) < 1e-9 * max(1, abs(objective)) ? 0 : difference
        }
        let gains = try model.resolvedObjectives(result.pools.indices.map { .oneMoreFTE(pool: $0) }, budget: budget)
        for (index, resolved) in zip(result.pools.indices, gains) {
            result.pools[index].fteGain = resolved.objective.map(change)
        }
        let kept = model.options.mode == .weighted ? model.outcome.problem : nil
        let breaking = try breakingCut(model.model, from: kept, threads: model.options.threads, budget: budget)
        result.breakingCutShare = breaking?.share
        result.breakingPromises = breaking?.promises
        let hours = cutShare * model.scenario.pools.reduce(0) { $0 + max(0, $1.allocatable) }
        if let breaking, breaking.share < cutShare {
            // Known without solving: the cut is larger than the one that breaks the plan.
            result.capacityCut = CapacityCut(share: cutShare, hours: hours, status: .infeasible, objectiveChange: nil)
        } else {
            let resolved = try model.resolvedObjective(.capacityCut(share: cutShare), budget: budget)
            result.capacityCut = CapacityCut(share: cutShare, hours: hours, status: AllocationStatus(resolved.status),
                                             objectiveChange: resolved.objective.map(change))
        }
    }

    /// The largest share s of every pool's allocatable hours that can be cut with every promise
    /// kept: maximise s subject to the model's rows with each capacity row at (1 − s) times its
    /// bound. One LP, with an s of its own for each independent part of the model (so the parts
    /// stay apart); the plan breaks at the smallest of them. Nil when even a cut of everything
    /// keeps every promise (no floors). With `kept`, the solved problem of this formulation, that
    /// LP starts from its optimal basis (every s at 0 keeps it feasible), else it is solved cold.
    /// `partRows` packs small parts of a coupled model together as `Decomposition` does (a
    /// test keeps tiny parts apart with 1).
    static func breakingCut(_ formulation: Formulation, from kept: (any SolverProblem)? = nil, threads: Int?,
                            budget: TimeBudget, partRows: Int = 250) throws -> (share: Double, promises: [BindingPromise])? {
        let relaxed = Decomposition(formulation.program, minimumRows: partRows, relaxing: formulation.program.linkingRows)
        if !relaxed.couplingRows.isEmpty,
           let coupled = try coupledBreakingCut(formulation, parts: relaxed, from: kept, threads: threads, budget: budget) {
            return coupled.share.map { ($0, coupled.promises) }
        }
        // Without rows that cross, the relaxed parts are the model's independent parts.
        var program = formulation.program
        let decomposition = relaxed.couplingRows.isEmpty ? relaxed : Decomposition(program, minimumRows: partRows)
        guard let shares = addShares(to: &program, formulation, parts: decomposition) else { return nil }
        let options = SolverOptions(method: .automatic, timeLimit: budget.remaining)
        let solution: Solution
        if let kept, kept.program.constraints.count == formulation.program.constraints.count,
           kept.program.variables.count == formulation.program.variables.count {
            solution = try kept.solveRelated(program, options: options)
        } else {
            solution = try SolverProblems.make(program, threads: threads).solve(options)
        }
        guard solution.status == .optimal, solution.hasSolution else { return nil }
        let values = shares.map { solution.value($0) }
        guard let smallest = values.indices.min(by: { values[$0] < values[$1] }), values[smallest] < 1 - 1e-9 else {
            return nil
        }
        // The promises of the breaking part that hold the cut back: the rows with a dual there.
        var duals = [Double](repeating: 0, count: formulation.program.constraints.count)
        for row in decomposition.blocks[smallest].constraints where row < duals.count && !solution.duals.isEmpty {
            duals[row] = solution.duals[row]
        }
        return (rounded(values[smallest]), promises(formulation, duals: duals))
    }

    /// The cut's LP from the model's: a share s of its own (0 to 1) for each part, each capacity
    /// row at (1 − s) times its allocatable hours, the sum of the shares maximised. Nil when a
    /// capacity row lies in no part (a coupling row).
    private static func addShares(to program: inout LinearProgram, _ formulation: Formulation, parts: Decomposition) -> [Variable]? {
        var shares: [Variable] = []
        var objective = LinearExpression()
        for index in parts.blocks.indices {
            let share = program.addVariable("cut(\(index + 1))", lower: 0, upper: 1)
            shares.append(share)
            objective.add(share, 1)
        }
        for (pool, row) in formulation.capacityRows.enumerated() {
            let allocatable = max(0, formulation.scenario.pools[pool].allocatable)
            guard allocatable > 0 else { continue }
            let block = parts.locate(row).block
            guard block >= 0 else { return nil }
            var expression = program.constraints[row.index].expression
            expression.add(shares[block], allocatable)
            program.replaceExpression(of: row, with: expression)
        }
        program.objective = objective
        program.sense = .maximize
        return shares
    }

    /// The breaking share to 12 decimals: the last digits depend on the simplex's path (a warm
    /// start from the plan's basis or a cold solve reach the same optimum to about 1e-15, not to
    /// the last bit).
    private static func rounded(_ share: Double) -> Double { (max(0, share) * 1e12).rounded() / 1e12 }

    /// The promises that hold the cut back: the rows with a dual, without a cost (the cut's LP
    /// has no value of its own).
    private static func promises(_ formulation: Formulation, duals: [Double]) -> [BindingPromise] {
        ResultBuilder.bindingPromises(formulation, duals: duals).map { promise in
            var promise = promise
            promise.costPerUnit = 0
            return promise
        }
    }

    /// The breaking cut of a model whose police units are joined by a few rows (displacement
    /// bounds across a unit border): one share per unit, the shares of units that the joining
    /// rows connect held equal by rows of their own, marked as linking rows. So the LP is
    /// solved as the model is (`CoupledProblem`): the units apart, each its own largest cut, in
    /// parallel, and then the whole from their bases, mending only the joining rows. Nil when a
    /// capacity row is itself a joining row (then the one-share LP is solved); `share` nil when
    /// no cut breaks the plan.
    private static func coupledBreakingCut(_ formulation: Formulation, parts: Decomposition, from kept: (any SolverProblem)?,
                                           threads: Int?, budget: TimeBudget) throws -> (share: Double?, promises: [BindingPromise])? {
        var program = formulation.program
        let rows = program.constraints.count
        // The groups of units the joining rows connect.
        var group = Array(parts.blocks.indices)
        func root(_ block: Int) -> Int {
            var block = block
            while group[block] != block { block = group[block] }
            return block
        }
        for row in parts.couplingRows {
            let blocks = Set(program.constraints[row].expression.terms.keys.map { parts.locate($0).block })
            guard let first = blocks.min() else { continue }
            for block in blocks { group[root(block)] = root(first) }
        }
        guard let shares = addShares(to: &program, formulation, parts: parts) else { return nil }
        for block in parts.blocks.indices where root(block) != block {
            var expression = LinearExpression(shares[block])
            expression.add(shares[root(block)], -1)
            program.linkingRows.insert(program.addConstraint("same cut(\(block + 1))", expression, lower: 0, upper: 0))
        }
        // From the plan's parts' bases when the kept problem is coupled (shares at 0 keep them
        // feasible), else cold.
        let options = SolverOptions(method: .automatic, timeLimit: budget.remaining)
        let solution = try (kept as? CoupledProblem).map { try $0.solveRelatedPartsFirst(program, options: options) }
            ?? SolverProblems.make(program, threads: threads).solve(options)
        guard solution.status == .optimal, solution.hasSolution, solution.duals.count >= rows else { return (nil, []) }
        let values = parts.blocks.indices.map { solution.value(shares[$0]) }
        guard let smallest = values.indices.min(by: { values[$0] < values[$1] }), values[smallest] < 1 - 1e-9 else {
            return (nil, [])
        }
        // The promises of the breaking group that hold the cut back: its rows with a dual there.
        let breaking = root(smallest)
        var duals = [Double](repeating: 0, count: rows)
        for block in parts.blocks.indices where root(block) == breaking {
            for row in parts.blocks[block].constraints { duals[row] = solution.duals[row] }
        }
        for row in parts.couplingRows {
            guard let column = program.constraints[row].expression.terms.keys.min(), root(parts.locate(column).block) == breaking
            else { continue }
            duals[row] = solution.duals[row]
        }
        return (rounded(values[smallest]), promises(formulation, duals: duals))
    }
}

extension AllocationStatus {
    init(_ status: SolutionStatus) {
        switch status {
        case .optimal: self = .optimal
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .timeLimit: self = .timeLimit
        }
    }
}

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
        for index in result.pools.indices {
            let resolved = try model.resolvedObjective(.oneMoreFTE(pool: index), budget: budget)
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
    static func breakingCut(_ formulation: Formulation, from kept: (any SolverProblem)? = nil, threads: Int?,
                            budget: TimeBudget) throws -> (share: Double, promises: [BindingPromise])? {
        var program = formulation.program
        let decomposition = Decomposition(program)
        var shares: [Variable] = []
        var objective = LinearExpression()
        for index in decomposition.blocks.indices {
            let share = program.addVariable("cut(\(index + 1))", lower: 0, upper: 1)
            shares.append(share)
            objective.add(share, 1)
        }
        for (pool, row) in formulation.capacityRows.enumerated() {
            let allocatable = max(0, formulation.scenario.pools[pool].allocatable)
            guard allocatable > 0 else { continue }
            var expression = program.constraints[row.index].expression
            expression.add(shares[decomposition.locate(row).block], allocatable)
            program.replaceExpression(of: row, with: expression)
        }
        program.objective = objective
        program.sense = .maximize
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
        let promises = ResultBuilder.bindingPromises(formulation, duals: duals).map { promise in
            var promise = promise
            promise.costPerUnit = 0
            return promise
        }
        // To 12 decimals: the last digits depend on the simplex's path (a warm start from the plan's
        // basis or a cold solve reach the same optimum to about 1e-15, not to the last bit).
        return ((max(0, values[smallest]) * 1e12).rounded() / 1e12, promises)
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

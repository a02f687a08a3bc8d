import Foundation
import LinearProgramming

/// One solved scenario: the formulation, the solution of its mode and the kept, warm-startable
/// solver problem. Results, explanations, sensitivity, diagnosis, the headline re-solves, the
/// stable choice among optima, evaluate, compare and sweep all read this one value, so a scenario
/// is built and solved once per run. One time budget (`AllocationOptions.timeLimit`) covers every
/// stage and re-solve of it.
///
/// The kept problem belongs to the thread that made the model (GLPK keeps its state per thread,
/// DESIGN.md 6): use a `SolvedModel` on one thread.
public final class SolvedModel {
    public let scenario: Scenario
    public let options: AllocationOptions
    /// The scenario's own model, without the rows of a solve mode: what diagnosis, cuts and the
    /// stable choice start from.
    public let model: Formulation
    /// The model with the rows of its solve mode, as last solved.
    public private(set) var formulation: Formulation
    let outcome: Allocator.StagedSolution
    let budget: TimeBudget
    let started: Date

    /// Builds and solves `scenario`. `forceMinimumRows` and `forceDisplacementRows` keep rows of
    /// those themes even where they bind nothing, so that a sweep over them only changes bounds.
    public convenience init(_ scenario: Scenario, options: AllocationOptions = AllocationOptions(),
                            forceMinimumRows: Set<String> = [], forceDisplacementRows: Set<String> = []) throws {
        try self.init(Formulation(scenario, forceMinimumRows: forceMinimumRows, forceDisplacementRows: forceDisplacementRows),
                      options: options)
    }

    /// Solves a formulation already built (when something else, a CSV to read, needs it first).
    public init(_ model: Formulation, options: AllocationOptions = AllocationOptions()) throws {
        started = Date()
        scenario = model.scenario
        self.options = options
        budget = TimeBudget(limit: options.timeLimit)
        self.model = model
        var formulation = model
        outcome = try Allocator.solveMode(&formulation, options: options, budget: budget)
        self.formulation = formulation
        warmStarted = false
    }

    private init(_ scenario: Scenario, options: AllocationOptions, model: Formulation, outcome: Allocator.StagedSolution,
                 started: Date) {
        self.scenario = scenario
        self.options = options
        self.model = model
        formulation = model
        self.outcome = outcome
        self.started = started
        budget = TimeBudget(limit: options.timeLimit)
        warmStarted = true
    }

    /// Whether this model was re-solved from another one's basis.
    public let warmStarted: Bool
    /// Simplex iterations of the last solve.
    public var iterations: Int { outcome.solution.iterations }

    /// The model of `variant`, a scenario that differs from this one in numbers only. In weighted
    /// mode, when the variant's program has the same rows, columns and coefficients, it takes over
    /// this model's kept problem, changes its bounds and objective and re-solves from the optimal
    /// basis with the dual simplex (a warm start); this model must not be used after that. Else,
    /// and in the other modes, the variant is solved from scratch.
    public func resolved(as variant: Scenario, forceMinimumRows: Set<String> = [],
                         forceDisplacementRows: Set<String> = []) throws -> SolvedModel {
        let start = Date()
        if options.mode == .weighted, let problem = outcome.problem {
            let variantModel = Formulation(variant, forceMinimumRows: forceMinimumRows, forceDisplacementRows: forceDisplacementRows)
            if try Sweep.update(problem, to: variantModel.program) {
                let solution = try problem.solve(SolverOptions(method: .dual, timeLimit: options.timeLimit))
                return SolvedModel(variant, options: options, model: variantModel,
                                   outcome: Allocator.StagedSolution(solution: solution, problem: problem, stages: []),
                                   started: start)
            }
        }
        return try SolvedModel(variant, options: options, forceMinimumRows: forceMinimumRows,
                               forceDisplacementRows: forceDisplacementRows)
    }

    /// Every variable's value in the allocation the last `result` showed (the stable choice when it
    /// had a reference): what evaluate moves towards, read here rather than back from the result.
    public private(set) var shownValues: [Double]?

    /// Whether the solve found a usable allocation.
    public var hasSolution: Bool { outcome.solution.hasSolution }
    public var status: SolutionStatus { outcome.solution.status }

    /// V of the solution (the `objective` of every report), nil without one.
    public private(set) lazy var objective: Double? = hasSolution ? formulation.value.evaluate(outcome.solution.values) : nil

    /// The result of this solve. `reference` asks for the stable choice: among the allocations
    /// that keep this solve's optimum, the one closest to the reference allocation (DESIGN.md 4.5).
    /// `warm`, in a live session, makes that choice with the session's warm stable LP (its own
    /// reference is the one used). `alongside` is given the result before its ranges and headlines,
    /// on another thread, while the ranges are read (`ResultBuilder.build`): its allocation,
    /// coverage and shortfall lists are already those of the result returned.
    public func result(headlines: Bool = false, closestTo reference: AllocationReference? = nil,
                       sensitivity: Bool = true, warm: WarmStableChoice? = nil,
                       alongside: (@Sendable (AllocationResult) -> Void)? = nil) throws -> AllocationResult {
        var choice: StableChoice.Outcome?
        var rawMoved: Double?
        let reference = warm?.reference ?? reference
        if let reference, hasSolution {
            if let warm, reference.stable {
                choice = try warm.closest(in: self)
            } else if reference.stable {
                choice = try StableChoice.closest(to: reference, in: self)
            } else {
                rawMoved = StableChoice.hoursMoved(outcome.solution.values, from: reference, formulation: formulation)
            }
        }
        shownValues = hasSolution ? (choice?.values ?? outcome.solution.values) : nil
        var result = ResultBuilder(formulation: formulation, outcome: outcome, mode: options.mode,
                                   withSensitivity: sensitivity, allocationValues: choice?.values).build(alongside: alongside)
        if let reference, hasSolution {
            result.choice = AllocationChoice(reference: reference.label, kind: reference.kind, stable: reference.stable,
                                             hoursMoved: choice?.hoursMoved ?? rawMoved ?? 0)
        }
        if result.status == .infeasible {
            let diagnosis = try InfeasibilityDiagnosis.diagnose(model, options: options,
                                                                start: options.mode == .weighted ? outcome.problem : nil)
            result.diagnosis = diagnosis.lines
            result.reserveRelief = diagnosis.reserveRelief
        }
        if headlines, result.status == .optimal, !budget.isSpent {
            try Headlines.fill(&result, from: self)
        }
        result.solveSeconds = Date().timeIntervalSince(started)
        return result
    }

    /// Fills the exact headline figures of `result` (this model's result, made without them):
    /// what a live session computes after it has answered a change. `timeLimit` is a budget of its
    /// own, since the model's may be spent by then.
    public func fillHeadlines(_ result: inout AllocationResult, timeLimit: Double?) throws {
        guard result.status == .optimal, result.objective != nil else { return }
        try Headlines.fill(&result, from: self, budget: TimeBudget(limit: timeLimit))
    }

    // MARK: Re-solves

    /// V after solving the same mode with the changed scenario: a warm re-solve of the kept
    /// problem in weighted mode (bounds only; they are put back afterwards), a solve from scratch
    /// in the staged and mixed-integer modes. Nil when the changed scenario has no solution.
    func resolvedObjective(_ changes: ScenarioChange, budget: TimeBudget? = nil) throws -> (status: SolutionStatus, objective: Double?) {
        let budget = budget ?? self.budget
        if options.mode == .weighted, let problem = outcome.problem {
            // Most changes keep the optimal basis optimal: the new optimum is then read off it
            // (what the dual simplex would return after zero pivots); else a warm re-solve. V is
            // the objective in weighted mode.
            let moved = try problem.objective(withUpperBounds: changes.rowUppers(in: model).map { ($0.0, $0.1) },
                                              valuesOf: [], timeLimit: budget.remaining)
            return (moved.status, moved.objective)
        }
        var changedOptions = options
        changedOptions.headlines = false
        changedOptions.timeLimit = budget.remaining
        let other = try SolvedModel(changes.applied(to: scenario), options: changedOptions)
        return (other.status, other.status == .optimal ? other.objective : nil)
    }

    /// `resolvedObjective` for each change; in weighted mode the kept problem answers them
    /// together (`SolverProblem.objectives`: the parts of a national model at once).
    func resolvedObjectives(_ changes: [ScenarioChange], budget: TimeBudget? = nil) throws
        -> [(status: SolutionStatus, objective: Double?)] {
        let budget = budget ?? self.budget
        guard options.mode == .weighted, let problem = outcome.problem else {
            return try changes.map { try resolvedObjective($0, budget: budget) }
        }
        let questions = changes.map { change in change.rowUppers(in: model).map { (constraint: $0.0, upper: $0.1) } }
        return try problem.objectives(withUpperBounds: questions, timeLimit: budget.remaining).map { ($0.status, $0.objective) }
    }
}

/// A change of capacity that the headline figures re-solve: one more FTE in a pool, or every
/// pool's allocatable hours cut by a share.
enum ScenarioChange {
    case oneMoreFTE(pool: Int)
    case capacityCut(share: Double)

    /// The scenario with the change made.
    func applied(to scenario: Scenario) -> Scenario {
        var changed = scenario
        switch self {
        case .oneMoreFTE(let pool):
            changed.pools[pool].fte += 1
        case .capacityCut(let share):
            // (1 − r') C = (1 − share)(1 − r) C: the cut as a larger reserve, the same LP.
            for index in changed.pools.indices {
                changed.pools[index].reserve = 1 - (1 - share) * (1 - changed.pools[index].reserve)
                changed.pools[index].usesDefaultReserve = false
            }
        }
        return changed
    }

    /// The rows whose upper bound the change moves, with their new bound (the pools' capacity,
    /// mutual-aid and limit rows, which are the only rows built from C_p).
    func rowUppers(in formulation: Formulation) -> [(Constraint, Double)] {
        let pools = formulation.scenario.pools
        switch self {
        case .oneMoreFTE(let index):
            var pool = pools[index]
            pool.fte += 1
            return rows(of: index, pool, formulation)
        case .capacityCut(let share):
            return pools.indices.map { (formulation.capacityRows[$0], (1 - share) * pools[$0].allocatable) }
        }
    }

    private func rows(of index: Int, _ pool: Pool, _ formulation: Formulation) -> [(Constraint, Double)] {
        var result: [(Constraint, Double)] = [(formulation.capacityRows[index], pool.allocatable)]
        if let aid = pool.mutualAid, let row = formulation.mutualAidRows[index] {
            result.append((row, aid.maxShare * pool.capacity))
        }
        for (row, kind) in formulation.rows.enumerated() {
            if case .poolLimit(let limitPool, let limit) = kind, limitPool == index {
                result.append((Constraint(index: row), pool.limits[limit].maxShare * pool.capacity))
            }
        }
        return result
    }
}

import Foundation
import LinearProgramming

public enum IVP {
    public static let version = "0.1.0"
}

/// Options for one solve.
public struct AllocationOptions: Sendable {
    public var mode: SolveMode
    public var method: SolverMethod
    public var timeLimit: Double?
    public var mipGap: Double
    /// Threads for the independent parts of a model (nil: one per core). A batch that already
    /// solves scenarios in parallel asks for one.
    public var threads: Int?
    /// Whether a solve also re-solves the headline figures (`fte_gain`, `capacity_cut`,
    /// `breaking_cut_share`). Compare, sweep and evaluate solve without them.
    public var headlines: Bool

    public init(mode: SolveMode = .weighted, method: SolverMethod = .automatic, timeLimit: Double? = nil,
                mipGap: Double = 1e-9, threads: Int? = nil, headlines: Bool = true) {
        self.threads = threads
        self.headlines = headlines
        self.mode = mode
        self.method = method
        self.timeLimit = timeLimit
        self.mipGap = mipGap
    }
}

/// One time limit for every stage and re-solve of a run: each solve gets what is left of it.
struct TimeBudget: Sendable {
    let deadline: Date?
    init(limit: Double?) { deadline = limit.map { Date().addingTimeInterval($0) } }
    /// Seconds left (at least a millisecond, since GLPK takes 0 as "no limit"); nil for no limit.
    var remaining: Double? { deadline.map { max(0.001, $0.timeIntervalSinceNow) } }
    var isSpent: Bool { deadline.map { $0.timeIntervalSinceNow <= 0 } ?? false }
}

/// Solves a scenario in one of the modes of DESIGN.md 4.3 and reads the answer off the solution.
public enum Allocator {
    /// Relative tolerance with which earlier stages are held (DESIGN.md 4.3).
    static let stageTolerance = 1e-7

    /// Solves `scenario` and reads the result off the solution, with the exact headline figures
    /// (re-solved: one more FTE per pool, a 10% cut, the cut that breaks the plan) unless
    /// `options.headlines` is off. `SolvedModel` keeps the solved problem for more questions.
    public static func solve(_ scenario: Scenario, options: AllocationOptions = AllocationOptions()) throws -> AllocationResult {
        try SolvedModel(scenario, options: options).result(headlines: options.headlines)
    }

    /// Solves the formulation in the options' mode; mode rows are added to `formulation`.
    static func solveMode(_ formulation: inout Formulation, options: AllocationOptions, budget: TimeBudget) throws -> StagedSolution {
        if !InfeasibilityDiagnosis.obviousConflicts(formulation).isEmpty {
            // A floor larger than all the capacity that can serve it: no need to solve to know.
            let empty = Solution(status: .infeasible, objective: .nan, values: [], activities: [], duals: [],
                                 reducedCosts: [], hasSolution: false, method: options.method)
            return StagedSolution(solution: empty, problem: nil, stages: [])
        }
        switch options.mode {
        case .weighted:
            return try solveStages(&formulation, stages: [("value", formulation.value)], options: options, budget: budget)
        case .lexicographic:
            return try solveStages(&formulation, stages: lexicographicGroups(formulation), options: options, budget: budget)
        case .maxmin:
            return try solveMaxmin(&formulation, options: options, budget: budget)
        case .select:
            return try solveSelect(&formulation, options: options, budget: budget)
        }
    }

    /// The solution of the last stage, with the problem kept for duals and ranging.
    struct StagedSolution {
        var solution: Solution
        var problem: (any SolverProblem)?
        var stages: [StageResult]
        var minAttainment: Double?
        var selectedCells: [Int]?
    }

    /// Groups of lexicographic mode: core themes, then the rest by level; empty groups skipped.
    static func lexicographicGroups(_ formulation: Formulation) -> [(String, LinearExpression)] {
        let themes = formulation.scenario.themes
        var groups: [(String, LinearExpression)] = []
        func group(_ name: String, _ include: (Theme) -> Bool) {
            // A group is empty when none of its themes exists; a theme without need still makes a
            // stage (with value 0), so the stages follow the scenario's themes, not its data.
            guard themes.contains(where: include) else { return }
            var expression = LinearExpression()
            for cell in formulation.cells where include(themes[cell.theme]) { expression.add(cell.value) }
            groups.append((name, expression))
        }
        group("core") { $0.core }
        for level in ThemeLevel.allCases { group(level.rawValue) { !$0.core && $0.level == level } }
        return groups
    }

    /// Maximises each stage's objective in turn, holding every earlier one at its optimum.
    static func solveStages(_ formulation: inout Formulation, stages: [(String, LinearExpression)],
                            options: AllocationOptions, budget: TimeBudget) throws -> StagedSolution {
        var results: [StageResult] = []
        var last: (Solution, any SolverProblem)?
        let stageList = stages.isEmpty ? [("value", formulation.value)] : stages
        for (index, (group, objective)) in stageList.enumerated() {
            formulation.program.objective = objective
            let problem = try SolverProblems.make(formulation.program, threads: options.threads)
            let solution = try problem.solve(solverOptions(options, budget: budget))
            last = (solution, problem)
            // A later stage only adds a row that the previous optimum keeps (up to the tolerance):
            // "infeasible" there is the solver's numerics, never the scenario's.
            if index > 0 && (solution.status == .infeasible || solution.status == .unbounded) {
                throw SolverError("numerical trouble: stage \(group) was reported \(solution.status.rawValue) although the stage before it was solved")
            }
            guard solution.status == .optimal else { break }
            results.append(StageResult(group: group, objective: solution.objective))
            if index < stageList.count - 1 {
                let optimum = solution.objective
                formulation.addModeRow("stage(\(group))", objective, lower: optimum - stageTolerance * max(1, abs(optimum)))
            }
        }
        formulation.program.objective = formulation.value
        return StagedSolution(solution: last!.0, problem: last!.1,
                              stages: options.mode == .lexicographic ? results : [])
    }

    static func solveMaxmin(_ formulation: inout Formulation, options: AllocationOptions, budget: TimeBudget) throws -> StagedSolution {
        let z = formulation.program.addVariable("z", lower: nil, upper: nil)
        var any = false
        for municipality in formulation.scenario.municipalities {
            let ideal = formulation.ideal(of: municipality.id)
            guard ideal > 0 else { continue }
            // z ≤ V_m / I_m, written as (I_m z − V_m) / s ≤ 0 with s the row's largest coefficient:
            // dividing by a tiny ideal (a municipality of one inhabitant) would put coefficients
            // of 1e9 beside ones of 1e-9 in one row, and the simplex then misreads the row.
            let value = formulation.value(of: municipality.id)
            let scale = max(ideal, value.terms.values.reduce(0) { max($0, abs($1)) })
            var expression = LinearExpression(z, ideal / scale)
            expression.add(value, times: -1 / scale)
            formulation.addModeRow("fair(\(municipality.id))", expression, upper: 0)
            any = true
        }
        if !any {
            // No municipality has an ideal value: there is no attainment to maximise.
            formulation.program.setBounds(of: z, lower: 0, upper: 0)
            let outcome = try solveStages(&formulation, stages: [("value", formulation.value)], options: options, budget: budget)
            return StagedSolution(solution: outcome.solution, problem: outcome.problem, stages: [])
        }
        // Maximise z times the total ideal value: the same optimum, but one hour's effect on z is
        // about 1/ideal, and with z's own coefficient 1 the simplex saw those reduced costs as
        // zero (below its 1e-7 tolerance) and stopped 4e-5 short of the best z on a region.
        formulation.program.objective = LinearExpression(z, max(1, formulation.ideal))
        let first = try GLPKProblem(formulation.program)
        let stage1 = try first.solve(solverOptions(options, budget: budget))
        if stage1.status == .infeasible || stage1.status == .unbounded {
            // z is free and only bounded by the fair rows, so stage 1 is infeasible exactly when the
            // scenario is. Check that with the weighted model; a contradiction is the solver's numerics.
            var plain = formulation.program
            plain.objective = formulation.value
            plain.setBounds(of: z, lower: 0, upper: 0)
            let check = try SolverProblems.make(plain, threads: options.threads).solve(solverOptions(options, budget: budget))
            if check.status == .optimal {
                throw SolverError("numerical trouble: the fair stage was reported \(stage1.status.rawValue) although the scenario is feasible")
            }
        }
        guard stage1.status == .optimal else {
            formulation.program.objective = formulation.value
            return StagedSolution(solution: stage1, problem: first, stages: [])
        }
        let best = stage1.value(z)
        formulation.program.setBounds(of: z, lower: best - stageTolerance, upper: nil)
        formulation.program.objective = formulation.value
        let second = try GLPKProblem(formulation.program)
        let stage2 = try second.solve(solverOptions(options, budget: budget))
        return StagedSolution(solution: stage2, problem: second, stages: [], minAttainment: best)
    }

    static func solveSelect(_ formulation: inout Formulation, options: AllocationOptions, budget: TimeBudget) throws -> StagedSolution {
        let scenario = formulation.scenario
        var choices: [(cell: Int, variable: Variable)] = []
        var perMunicipality: [String: LinearExpression] = [:]
        for (index, cell) in formulation.cells.enumerated() where scenario.themes[cell.theme].candidate {
            let theme = scenario.themes[cell.theme]
            let u = formulation.program.addBinary("u(\(theme.id),\(cell.municipality))")
            choices.append((index, u))
            var upper = cell.coverage
            upper.add(u, -cell.need)
            formulation.addModeRow("chosen(\(theme.id),\(cell.municipality))", upper, upper: 0)
            if theme.minEffort > 0 {
                var lower = cell.coverage
                lower.add(u, -theme.minEffort * cell.need)
                formulation.addModeRow("effort(\(theme.id),\(cell.municipality))", lower, lower: 0)
            }
            perMunicipality[cell.municipality, default: LinearExpression()].add(u, 1)
        }
        if let limit = scenario.maxSelectedPerMunicipality {
            for municipality in scenario.municipalities {
                guard let expression = perMunicipality[municipality.id] else { continue }
                formulation.addModeRow("select(\(municipality.id))", expression, upper: Double(limit))
            }
        }
        formulation.program.objective = formulation.value
        let problem = try SolverProblems.make(formulation.program, threads: options.threads)
        let mip = try problem.solve(solverOptions(options, budget: budget))
        guard mip.hasSolution else { return StagedSolution(solution: mip, problem: nil, stages: []) }
        let chosen = choices.filter { mip.value($0.variable) > 0.5 }.map(\.cell)
        // Duals for the chosen set: fix every choice and solve the LP that remains.
        var fixed = formulation.program
        for (_, variable) in choices {
            let on = mip.value(variable) > 0.5 ? 1.0 : 0.0
            fixed.setBounds(of: variable, lower: on, upper: on)
            fixed.setInteger(variable, false)
        }
        let lpProblem = try SolverProblems.make(fixed, threads: options.threads)
        var lp = try lpProblem.solve(SolverOptions(method: .dual, timeLimit: budget.remaining))
        guard lp.status == .optimal else { return StagedSolution(solution: mip, problem: nil, stages: [], selectedCells: chosen) }
        // Keep the MIP's status, bound and gap with the LP's duals.
        lp.status = mip.status
        lp.bestBound = mip.bestBound
        lp.gap = mip.gap
        lp.method = .branchAndCut
        return StagedSolution(solution: lp, problem: lpProblem, stages: [], selectedCells: chosen)
    }

    static func solverOptions(_ options: AllocationOptions, budget: TimeBudget) -> SolverOptions {
        SolverOptions(method: options.method, presolve: false, timeLimit: budget.remaining, mipGap: options.mipGap)
    }
}

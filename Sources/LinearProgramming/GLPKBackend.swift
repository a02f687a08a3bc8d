import CGLPK
import Foundation

/// GLPK's terminal output is routed here and dropped, so it can never corrupt a report written
/// to stdout (glp_term_hook, GLPK manual section 6.1.4). The hook is per thread, like all of
/// GLPK's state in Debian's build, so every entry point installs it.
private let silentTerminal: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { _, _ in 1 }

public enum GLPK {
    /// The linked library's version, e.g. "5.0" (glp_version).
    public static var version: String { String(cString: glp_version()) }

    /// Solves `program` on the calling thread and frees every GLPK object before returning.
    public static func solve(_ program: LinearProgram, options: SolverOptions = SolverOptions()) throws -> Solution {
        let problem = try GLPKProblem(program)
        return try problem.solve(options)
    }

    /// Releases GLPK's per-thread environment; a worker thread that used GLPK calls this before it
    /// ends (glp_free_env). Every problem made on the thread must have been deleted first.
    public static func freeThreadEnvironment() {
        _ = glp_free_env()
    }

    /// Writes `program` in CPLEX LP or free MPS format, as GLPK writes it.
    public static func export(_ program: LinearProgram, format: ExportFormat) throws -> String {
        try GLPKProblem(program).export(format)
    }
}

public enum ExportFormat: String, Sendable, CaseIterable { case lp, mps }

/// One GLPK problem object, built from a `LinearProgram`. It belongs to the thread that made it:
/// create, use and drop it on one thread. It keeps its basis between solves, so a changed bound or
/// coefficient followed by `solve` re-starts from the previous optimum (a warm start).
public final class GLPKProblem: SolverProblem {
    private let problem: OpaquePointer
    public private(set) var program: LinearProgram
    private var hasBasis = false

    public init(_ program: LinearProgram) throws {
        try program.validate()
        guard program.variables.count < Int(Int32.max), program.constraints.count < Int(Int32.max) else {
            throw ModelError.tooLarge("\(program.variables.count) variables, \(program.constraints.count) rows")
        }
        glp_term_hook(silentTerminal, nil)
        self.program = program
        problem = glp_create_prob()
        glp_set_obj_dir(problem, program.sense == .maximize ? GLP_MAX : GLP_MIN)
        if !program.variables.isEmpty { glp_add_cols(problem, Int32(program.variables.count)) }
        if !program.constraints.isEmpty { glp_add_rows(problem, Int32(program.constraints.count)) }
        for (index, variable) in program.variables.enumerated() {
            let column = Int32(index + 1)
            GLPKProblem.setColumnBounds(problem, column, variable.lower, variable.upper)
            if variable.isInteger {
                glp_set_col_kind(problem, column, (variable.lower == 0 && variable.upper == 1) ? GLP_BV : GLP_IV)
            }
        }
        glp_set_obj_coef(problem, 0, program.objective.constant)
        for (variable, coefficient) in program.objective.sortedTerms {
            glp_set_obj_coef(problem, Int32(variable.index + 1), coefficient)
        }
        // The whole matrix in one call; index 0 of each array is unused (GLPK counts from 1).
        var rowIndices: [Int32] = [0], columnIndices: [Int32] = [0], entries: [Double] = [0]
        for (index, constraint) in program.constraints.enumerated() {
            let row = Int32(index + 1)
            GLPKProblem.setRowBounds(problem, row, constraint.lower, constraint.upper)
            for (variable, coefficient) in constraint.expression.sortedTerms {
                rowIndices.append(row)
                columnIndices.append(Int32(variable.index + 1))
                entries.append(coefficient)
            }
        }
        guard entries.count - 1 < Int(Int32.max) else {
            glp_delete_prob(problem)
            throw ModelError.tooLarge("\(entries.count - 1) non-zeros")
        }
        if entries.count > 1 {
            glp_load_matrix(problem, Int32(entries.count - 1), rowIndices, columnIndices, entries)
        }
    }

    deinit {
        glp_delete_prob(problem)
    }

    /// Names matter only in an exported model, so they are given to GLPK then: at national size
    /// making 50,000 safe, unique names is a tenth of building the problem.
    private var hasNames = false

    private func setNames() {
        guard !hasNames else { return }
        hasNames = true
        glp_set_prob_name(problem, GLPKProblem.safeName(program.name))
        glp_set_obj_name(problem, "value")
        var usedNames = Set<String>()
        for (index, variable) in program.variables.enumerated() {
            glp_set_col_name(problem, Int32(index + 1), GLPKProblem.uniqueName(variable.name, "x\(index + 1)", &usedNames))
        }
        for (index, constraint) in program.constraints.enumerated() {
            glp_set_row_name(problem, Int32(index + 1), GLPKProblem.uniqueName(constraint.name, "r\(index + 1)", &usedNames))
        }
    }

    // MARK: Changes for warm starts

    /// Changes the bounds of a constraint; the basis is kept for the next `solve`.
    public func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) throws {
        try checkFinite(lower, upper, "constraint \(constraint.index)")
        guard constraint.index >= 0, constraint.index < program.constraints.count else {
            throw ModelError.tooLarge("constraint \(constraint.index) does not exist")
        }
        program.setBounds(of: constraint, lower: lower, upper: upper)
        GLPKProblem.setRowBounds(problem, Int32(constraint.index + 1), lower, upper)
    }

    /// Changes the bounds of a variable; the basis is kept for the next `solve`.
    public func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws {
        try checkFinite(lower, upper, "variable \(variable.index)")
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "bounds")
        }
        program.setBounds(of: variable, lower: lower, upper: upper)
        GLPKProblem.setColumnBounds(problem, Int32(variable.index + 1), lower, upper)
    }

    /// Changes one objective coefficient; the basis is kept for the next `solve`.
    public func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws {
        guard coefficient.isFinite else { throw ModelError.nonFinite("objective coefficient") }
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "objective")
        }
        var objective = program.objective
        objective.add(variable, coefficient - (objective.terms[variable] ?? 0))
        program.objective = objective
        glp_set_obj_coef(problem, Int32(variable.index + 1), coefficient)
    }

    private func checkFinite(_ lower: Double?, _ upper: Double?, _ what: String) throws {
        if let lower, !lower.isFinite { throw ModelError.nonFinite("lower bound of \(what)") }
        if let upper, !upper.isFinite { throw ModelError.nonFinite("upper bound of \(what)") }
        if let lower, let upper, lower > upper { throw ModelError.emptyBounds(what) }
    }

    // MARK: Solving

    /// Solves the problem with the given options. An LP uses the simplex method (or the interior
    /// point); a program with integer variables solves its relaxation and then branch-and-cut.
    public func solve(_ options: SolverOptions) throws -> Solution {
        glp_term_hook(silentTerminal, nil)
        let start = Date()
        let iterationsBefore = Int(glp_get_it_cnt(problem))
        var solution: Solution
        if program.hasIntegerVariables {
            solution = try solveMIP(options)
        } else {
            switch resolvedMethod(options.method) {
            case .interior:
                solution = try solveInterior(options)
            case .crossover:
                solution = try solveCrossover(options)
            case .primal, .dual, .automatic, .branchAndCut:
                solution = try solveSimplex(options)
            }
        }
        solution.seconds = Date().timeIntervalSince(start)
        // GLPK counts iterations over the problem's life; report this solve's own.
        solution.iterations = max(0, Int(glp_get_it_cnt(problem)) - iterationsBefore)
        return solution
    }

    /// Models with at least this many rows are solved cold by the crossover when the method is
    /// `automatic`. Measured on generated scenarios of this family (Benchmarks/RESULTS.md), in
    /// process: at 275 rows the dual simplex and the crossover both take about 0.01 s; at 1,131
    /// rows (a police unit) the dual simplex takes 0.11 s and the crossover 0.05 s (interior point
    /// 0.04 s, simplex on the rest 0.006 s); at 1,299 rows (a region) 0.13 s against 0.065 s.
    public static let crossoverRows = 500

    /// The method `solve` uses for `method` on this problem. `automatic` is the dual simplex for
    /// small models and whenever a basis is kept (a warm start, which only the simplex can use),
    /// and the crossover for a larger model solved cold. Every method but `interior` ends with an
    /// optimal basis, so `rightHandSideRange` and `objectiveParameterRange` work after it; the
    /// interior point alone gives duals (glp_ipt_row_dual) but no basis.
    public func resolvedMethod(_ method: SolverMethod) -> SolverMethod {
        guard method == .automatic else { return method }
        if hasBasis || program.hasIntegerVariables { return .dual }
        return program.constraints.count >= GLPKProblem.crossoverRows ? .crossover : .dual
    }

    private func simplexParameters(_ options: SolverOptions, method: SolverMethod) -> glp_smcp {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = method == .primal ? GLP_PRIMAL : GLP_DUALP
        // The long-step ("flip") ratio test of the dual simplex is faster at every size measured
        // (glpsol --flip: 19 s against 5.5 s at nation size, 0.42 s against 0.14 s at region size;
        // GLPK manual section 2.8.1, r_test). The primal simplex only has Harris' test.
        parameters.r_test = method != .primal ? GLP_RT_FLIP : GLP_RT_HAR
        // The presolver discards the basis; a warm start needs it kept.
        parameters.presolve = (options.presolve && !hasBasis) ? GLP_ON : GLP_OFF
        if let limit = options.timeLimit { parameters.tm_lim = GLPKProblem.milliseconds(limit) }
        return parameters
    }

    private static func milliseconds(_ seconds: Double) -> Int32 {
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return Int32(min(seconds * 1000, Double(Int32.max)).rounded(.up))
    }

    private func solveSimplex(_ options: SolverOptions) throws -> Solution {
        // Only a simplex method reaches here: `interior` lands here as its fallback.
        let method: SolverMethod = resolvedMethod(options.method) == .primal ? .primal : .dual
        if !hasBasis {
            glp_scale_prob(problem, GLP_SF_AUTO)
            glp_adv_basis(problem, 0)
        }
        var parameters = simplexParameters(options, method: method)
        let code = simplexFromKeptBasis(&parameters)
        hasBasis = true
        return try simplexResult(code, method: method)
    }

    /// glp_simplex from the current basis; if that basis is unusable (singular or ill-conditioned),
    /// once more from a fresh advanced basis (GLPK manual section 2.8.1).
    private func simplexFromKeptBasis(_ parameters: inout glp_smcp) -> Int32 {
        let code = glp_simplex(problem, &parameters)
        guard code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND else { return code }
        glp_adv_basis(problem, 0)
        return glp_simplex(problem, &parameters)
    }

    /// Maps glp_simplex's return code and the solution status to a `Solution` (GLPK manual
    /// section 2.8.1; every code is named, none falls through to a default).
    private func simplexResult(_ code: Int32, method: SolverMethod) throws -> Solution {
        let iterations = Int(glp_get_it_cnt(problem))
        switch code {
        case 0:
            break
        case GLP_ENOPFS:
            hasBasis = false
            return emptySolution(.infeasible, method: method, iterations: iterations)
        case GLP_ENODFS:
            hasBasis = false
            return emptySolution(.unbounded, method: method, iterations: iterations)
        case GLP_ETMLIM, GLP_EITLIM:
            let feasible = glp_get_prim_stat(problem) == GLP_FEAS
            var solution = basicSolution(status: .timeLimit, method: method, iterations: iterations)
            solution.hasSolution = feasible
            return solution
        case GLP_EBADB:
            throw SolverError("GLPK: the initial basis is invalid")
        case GLP_ESING:
            throw SolverError("GLPK: the basis matrix is singular")
        case GLP_ECOND:
            throw SolverError("GLPK: the basis matrix is ill-conditioned")
        case GLP_EBOUND:
            throw SolverError("GLPK: a double-bounded variable has incorrect bounds")
        case GLP_EFAIL:
            throw SolverError("GLPK: the simplex solver failed (numerical difficulties)")
        case GLP_EOBJLL, GLP_EOBJUL:
            throw SolverError("GLPK: the objective reached its limit")
        default:
            throw SolverError("GLPK: glp_simplex returned the unknown code \(code)")
        }
        let status = glp_get_status(problem)
        switch status {
        case GLP_OPT:
            return basicSolution(status: .optimal, method: method, iterations: iterations)
        case GLP_NOFEAS, GLP_INFEAS:
            return emptySolution(.infeasible, method: method, iterations: iterations)
        case GLP_UNBND:
            return emptySolution(.unbounded, method: method, iterations: iterations)
        case GLP_FEAS:
            // Primal feasible but not proven optimal: the dual is infeasible, so the objective is
            // unbounded (the simplex only stops here when it has proven that).
            return emptySolution(.unbounded, method: method, iterations: iterations)
        case GLP_UNDEF:
            throw SolverError("GLPK: the simplex ended without a defined solution")
        default:
            throw SolverError("GLPK: unknown solution status \(status)")
        }
    }

    private func basicSolution(status: SolutionStatus, method: SolverMethod, iterations: Int) -> Solution {
        let columns = program.variables.count, rows = program.constraints.count
        var values = [Double](repeating: 0, count: columns), reducedCosts = values
        var activities = [Double](repeating: 0, count: rows), duals = activities
        for index in 0..<columns {
            values[index] = glp_get_col_prim(problem, Int32(index + 1))
            reducedCosts[index] = glp_get_col_dual(problem, Int32(index + 1))
        }
        for index in 0..<rows {
            activities[index] = glp_get_row_prim(problem, Int32(index + 1))
            duals[index] = glp_get_row_dual(problem, Int32(index + 1))
        }
        return Solution(status: status, objective: glp_get_obj_val(problem), values: values,
                        activities: activities, duals: duals, reducedCosts: reducedCosts,
                        hasSolution: true, method: method, iterations: iterations)
    }

    private func emptySolution(_ status: SolutionStatus, method: SolverMethod, iterations: Int) -> Solution {
        Solution(status: status, objective: .nan, values: [], activities: [], duals: [], reducedCosts: [],
                 hasSolution: false, method: method, iterations: iterations)
    }

    private func solveInterior(_ options: SolverOptions) throws -> Solution {
        var parameters = glp_iptcp()
        glp_init_iptcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        let code = glp_interior(problem, &parameters)
        // The interior point fails on some problems of this family (GLP_EINSTAB on 7 of 200
        // perturbed region-size models; also GLP_ENOCVG, GLP_EFAIL, GLP_EFAIL on an empty
        // problem): fall back to the dual simplex, which always ends (GLPK manual section 2.9.1).
        var fallback = options
        fallback.method = .dual
        guard code == 0 else { return try solveSimplex(fallback) }
        switch glp_ipt_status(problem) {
        case GLP_OPT:
            let columns = program.variables.count, rows = program.constraints.count
            var values = [Double](repeating: 0, count: columns), reducedCosts = values
            var activities = [Double](repeating: 0, count: rows), duals = activities
            for index in 0..<columns {
                values[index] = glp_ipt_col_prim(problem, Int32(index + 1))
                reducedCosts[index] = glp_ipt_col_dual(problem, Int32(index + 1))
            }
            for index in 0..<rows {
                activities[index] = glp_ipt_row_prim(problem, Int32(index + 1))
                duals[index] = glp_ipt_row_dual(problem, Int32(index + 1))
            }
            return Solution(status: .optimal, objective: glp_ipt_obj_val(problem), values: values,
                            activities: activities, duals: duals, reducedCosts: reducedCosts,
                            hasSolution: true, method: .interior, iterations: 0)
        case GLP_NOFEAS, GLP_INFEAS, GLP_UNDEF:
            // The interior point cannot tell infeasible from unbounded: let the simplex decide.
            return try solveSimplex(fallback)
        default:
            return try solveSimplex(fallback)
        }
    }

    // MARK: Crossover

    /// The interior point, then an optimal basis. GLPK has no crossover of its own; this one uses
    /// strict complementarity: a column whose reduced cost in the interior solution is clearly not
    /// zero sits at its bound in every optimal solution, and so does a row with a clearly non-zero
    /// dual. Those are fixed at that bound; the simplex on what remains (a few hundred pivots where
    /// the whole took a thousand) gives a basis, and after the bounds are put back a warm dual
    /// simplex on the original problem proves it optimal or finishes the job. So the answer is
    /// always the simplex's own optimum: the heuristic only chooses where it starts. If the
    /// interior point fails, or the restricted problem is not solved, the dual simplex starts cold.
    private func solveCrossover(_ options: SolverOptions) throws -> Solution {
        var cold = options
        cold.method = .dual
        var parameters = glp_iptcp()
        glp_init_iptcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        // Scaled first, for both methods (the interior point is also a little faster scaled).
        glp_scale_prob(problem, GLP_SF_AUTO)
        guard glp_interior(problem, &parameters) == 0, glp_ipt_status(problem) == GLP_OPT else {
            return try solveSimplex(cold)
        }
        // "Clearly not zero" relative to the objective's coefficients, which set the duals' scale.
        let largest = program.objective.terms.values.reduce(0) { max($0, abs($1)) }
        let tolerance = 1e-4 * max(1, largest)
        let sign: Double = program.sense == .maximize ? 1 : -1
        /// The bound a variable with this (maximising) reduced cost sits at in every optimum, if clearly one.
        func clearBound(_ d: Double, _ lower: Double?, _ upper: Double?) -> (value: Double, atUpper: Bool)? {
            guard lower != upper else { return nil }
            if d < -tolerance, let lower { return (lower, false) }
            if d > tolerance, let upper { return (upper, true) }
            return nil
        }
        // For every fixed column or row: whether it sits at its upper bound.
        var fixedColumns: [(index: Int, atUpper: Bool)] = [], fixedRows: [(index: Int, atUpper: Bool)] = []
        for (index, definition) in program.variables.enumerated() {
            let column = Int32(index + 1)
            guard let bound = clearBound(sign * glp_ipt_col_dual(problem, column), definition.lower, definition.upper) else { continue }
            glp_set_col_bnds(problem, column, GLP_FX, bound.value, bound.value)
            fixedColumns.append((index, bound.atUpper))
        }
        for (index, definition) in program.constraints.enumerated() {
            let row = Int32(index + 1)
            guard let bound = clearBound(sign * glp_ipt_row_dual(problem, row), definition.lower, definition.upper) else { continue }
            glp_set_row_bnds(problem, row, GLP_FX, bound.value, bound.value)
            fixedRows.append((index, bound.atUpper))
        }
        glp_adv_basis(problem, 0)
        var simplex = simplexParameters(cold, method: .dual)
        simplex.presolve = GLP_OFF
        let restricted = glp_simplex(problem, &simplex) == 0 && glp_get_status(problem) == GLP_OPT
        // The original bounds again; a fixed variable left non-basic goes to the bound it was fixed at.
        for (index, atUpper) in fixedColumns {
            let column = Int32(index + 1)
            GLPKProblem.setColumnBounds(problem, column, program.variables[index].lower, program.variables[index].upper)
            if restricted, glp_get_col_stat(problem, column) != GLP_BS { glp_set_col_stat(problem, column, atUpper ? GLP_NU : GLP_NL) }
        }
        for (index, atUpper) in fixedRows {
            let row = Int32(index + 1)
            GLPKProblem.setRowBounds(problem, row, program.constraints[index].lower, program.constraints[index].upper)
            if restricted, glp_get_row_stat(problem, row) != GLP_BS { glp_set_row_stat(problem, row, atUpper ? GLP_NU : GLP_NL) }
        }
        if !restricted { glp_adv_basis(problem, 0) }
        hasBasis = true
        return try simplexResult(simplexFromKeptBasis(&simplex), method: .crossover)
    }

    // MARK: Mixed-integer

    private final class SearchProgress {
        var bestBound: Double?
    }

    private static let recordBound: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
        guard let tree, let info else { return }
        let progress = Unmanaged<SearchProgress>.fromOpaque(info).takeUnretainedValue()
        let node = glp_ios_best_node(tree)
        if node != 0 { progress.bestBound = glp_ios_node_bound(tree, node) }
    }

    private func solveMIP(_ options: SolverOptions) throws -> Solution {
        let start = Date()
        // The relaxation first, by the simplex, as glp_intopt requires without its presolver.
        var relaxation = try solveSimplex(SolverOptions(method: .dual, presolve: false,
                                                       timeLimit: options.timeLimit))
        if relaxation.status != .optimal {
            if relaxation.status == .timeLimit { relaxation.hasSolution = false }
            relaxation.method = .branchAndCut
            relaxation.duals = []
            relaxation.reducedCosts = []
            return relaxation
        }
        let relaxationBound = relaxation.objective
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.mip_gap = options.mipGap
        parameters.gmi_cuts = GLP_ON
        parameters.mir_cuts = GLP_ON
        parameters.cov_cuts = GLP_ON
        parameters.clq_cuts = GLP_ON
        if let limit = options.timeLimit {
            parameters.tm_lim = GLPKProblem.milliseconds(max(0.001, limit - Date().timeIntervalSince(start)))
        }
        let progress = SearchProgress()
        parameters.cb_func = GLPKProblem.recordBound
        parameters.cb_info = Unmanaged.passUnretained(progress).toOpaque()
        let code = withExtendedLifetime(progress) { glp_intopt(problem, &parameters) }
        let timedOut: Bool
        switch code {
        case 0, GLP_EMIPGAP: timedOut = false
        case GLP_ETMLIM, GLP_ESTOP: timedOut = true
        case GLP_ENOPFS:
            return emptySolution(.infeasible, method: .branchAndCut, iterations: 0)
        case GLP_ENODFS:
            return emptySolution(.unbounded, method: .branchAndCut, iterations: 0)
        case GLP_EBOUND:
            throw SolverError("GLPK: an integer variable has incorrect bounds")
        case GLP_EROOT:
            throw SolverError("GLPK: no optimal basis for the relaxation")
        case GLP_EFAIL:
            throw SolverError("GLPK: branch-and-cut failed")
        default:
            throw SolverError("GLPK: glp_intopt returned the unknown code \(code)")
        }
        let mipStatus = glp_mip_status(problem)
        let found = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        if !found && !timedOut {
            return emptySolution(.infeasible, method: .branchAndCut, iterations: 0)
        }
        let columns = program.variables.count, rows = program.constraints.count
        var values = [Double](repeating: 0, count: columns)
        var activities = [Double](repeating: 0, count: rows)
        if found {
            for index in 0..<columns { values[index] = glp_mip_col_val(problem, Int32(index + 1)) }
            for index in 0..<rows { activities[index] = glp_mip_row_val(problem, Int32(index + 1)) }
        }
        let objective = found ? glp_mip_obj_val(problem) : .nan
        let status: SolutionStatus = (timedOut && mipStatus != GLP_OPT) ? .timeLimit : .optimal
        // Before the search has a node, GLPK reports ±DBL_MAX as the bound: the relaxation is the bound then.
        var bound = progress.bestBound.flatMap { abs($0) < 1e300 ? $0 : nil } ?? relaxationBound
        if status == .optimal && found { bound = objective }
        let gap = found ? abs(bound - objective) / max(1e-10, abs(objective)) : nil
        return Solution(status: status, objective: objective, values: values, activities: activities,
                        duals: [], reducedCosts: [], bestBound: bound, gap: gap, hasSolution: found,
                        method: .branchAndCut, iterations: Int(glp_get_it_cnt(problem)))
    }

    // MARK: Sensitivity

    /// The interval of a constraint's right-hand side over which the current optimal basis stays
    /// optimal, so its dual value holds (glp_analyze_bound, GLPK manual section 2.12.2). Nil when
    /// the row is basic (not binding; its dual is 0 from its activity up) or no basis exists.
    public func rightHandSideRange(of constraint: Constraint) -> ClosedRange<Double>? {
        guard hasBasis, glp_bf_exists(problem) != 0 || glp_factorize(problem) == 0 else { return nil }
        let row = Int32(constraint.index + 1)
        guard glp_get_status(problem) == GLP_OPT, glp_get_row_stat(problem, row) != GLP_BS else { return nil }
        var low = 0.0, high = 0.0
        var lowVariable: Int32 = 0, highVariable: Int32 = 0
        glp_analyze_bound(problem, row, &low, &lowVariable, &high, &highVariable)
        guard low <= high else { return nil }
        return low...high
    }

    public func rightHandSideRanges(of constraints: [Constraint]) -> [ClosedRange<Double>?] {
        constraints.map { rightHandSideRange(of: $0) }
    }

    /// For each change in turn: moves the row's upper bound, re-solves warm with the dual simplex
    /// (long-step ratio test), reads that row's dual, then puts the bound back and re-solves, so
    /// the optimal basis is there again for the next question. Only the one dual is read, not the
    /// whole solution: at national size that is most of the cost of a re-solve.
    public func duals(withUpperBounds changes: [(constraint: Constraint, upper: Double)]) -> [Double?] {
        guard hasBasis, glp_get_status(problem) == GLP_OPT else { return changes.map { _ in nil } }
        glp_term_hook(silentTerminal, nil)
        var parameters = simplexParameters(SolverOptions(method: .dual), method: .dual)
        parameters.presolve = GLP_OFF
        return changes.map { change in
            let index = change.constraint.index
            guard index >= 0, index < program.constraints.count, change.upper.isFinite else { return nil }
            let row = Int32(index + 1)
            let definition = program.constraints[index]
            if let lower = definition.lower, change.upper < lower { return nil }
            GLPKProblem.setRowBounds(problem, row, definition.lower, change.upper)
            var dual: Double?
            if glp_simplex(problem, &parameters) == 0, glp_get_status(problem) == GLP_OPT {
                dual = glp_get_row_dual(problem, row)
            }
            GLPKProblem.setRowBounds(problem, row, definition.lower, definition.upper)
            if glp_simplex(problem, &parameters) != 0 || glp_get_status(problem) != GLP_OPT {
                // Not back at the optimum (numerical trouble): start from a fresh basis once.
                glp_adv_basis(problem, 0)
                _ = glp_simplex(problem, &parameters)
            }
            return dual
        }
    }

    /// For each expression in turn: the objective becomes the expression, minimised and then
    /// maximised by the primal simplex from the basis before (only the objective changed, so that
    /// basis is still primal feasible and the simplex goes on from it: a warm start). Only the
    /// objective value is read, not the whole solution. At the end the objective and its direction
    /// are put back and the problem re-solved warm, so the optimum is there again.
    public func extremes(of expressions: [LinearExpression], timeLimit: Double?) -> [(min: Double, max: Double)?] {
        guard !expressions.isEmpty else { return [] }
        glp_term_hook(silentTerminal, nil)
        let deadline = timeLimit.map { Date().addingTimeInterval($0) }
        func remaining() -> Double? { deadline.map { max(0.001, $0.timeIntervalSinceNow) } }
        if !hasBasis { _ = try? solve(SolverOptions(method: .dual, timeLimit: remaining())) }
        let original = program.objective
        let direction = glp_get_obj_dir(problem)
        let columns = program.variables.count
        var parameters = simplexParameters(SolverOptions(method: .primal), method: .primal)
        parameters.presolve = GLP_OFF
        func setCoefficients(_ expression: LinearExpression, zero: Bool) {
            for (variable, coefficient) in expression.terms where variable.index >= 0 && variable.index < columns {
                glp_set_obj_coef(problem, Int32(variable.index + 1), zero ? 0 : coefficient)
            }
        }
        setCoefficients(original, zero: true)
        glp_set_obj_coef(problem, 0, 0)
        var results: [(min: Double, max: Double)?] = []
        for expression in expressions {
            guard expression.terms.values.allSatisfy(\.isFinite) else {
                results.append(nil)
                continue
            }
            setCoefficients(expression, zero: false)
            var ends: [Double] = []
            for sense in [GLP_MIN, GLP_MAX] {
                glp_set_obj_dir(problem, sense)
                if let limit = remaining() { parameters.tm_lim = GLPKProblem.milliseconds(limit) }
                if simplexFromKeptBasis(&parameters) == 0, glp_get_status(problem) == GLP_OPT {
                    ends.append(glp_get_obj_val(problem) + expression.constant)
                }
            }
            results.append(ends.count == 2 ? (ends[0], ends[1]) : nil)
            setCoefficients(expression, zero: true)
        }
        setCoefficients(original, zero: false)
        glp_set_obj_coef(problem, 0, original.constant)
        glp_set_obj_dir(problem, direction)
        if let limit = remaining() { parameters.tm_lim = GLPKProblem.milliseconds(limit) }
        if simplexFromKeptBasis(&parameters) != 0 || glp_get_status(problem) != GLP_OPT {
            glp_adv_basis(problem, 0)
            _ = glp_simplex(problem, &parameters)
        }
        return results
    }

    /// The interval of t over which the current optimal basis stays optimal when the objective
    /// c becomes c + t · `direction` (t = 0 is the current objective). Reduced costs are linear in
    /// c for a fixed basis, so it takes the reduced costs g of `direction` alone under the same
    /// basis and finds the t at which the first non-basic variable's reduced cost d + t·g changes
    /// sign. With the basis matrix B of (I | −A) (GLPK manual section 4.1), π solves Bᵀπ = c_B
    /// (glp_btran), and a row's auxiliary variable has g = −π_i, a column g = c_j + a_jᵀπ.
    /// Nil ends are unbounded; nil as a whole when there is no optimal basis.
    public func objectiveParameterRange(_ direction: [Variable: Double]) -> (lower: Double?, upper: Double?)? {
        guard hasBasis, glp_get_status(problem) == GLP_OPT else { return nil }
        guard glp_bf_exists(problem) != 0 || glp_factorize(problem) == 0 else { return nil }
        let columns = program.variables.count, rows = program.constraints.count
        var pi = [Double](repeating: 0, count: rows + 1)
        for position in stride(from: 1, through: rows, by: 1) {
            let head = Int(glp_get_bhead(problem, Int32(position)))
            if head > rows { pi[position] = direction[Variable(index: head - rows - 1)] ?? 0 }
        }
        if rows > 0 { glp_btran(problem, &pi) }
        var slope = [Double](repeating: 0, count: rows + columns)
        for row in 0..<rows { slope[row] = -pi[row + 1] }
        for (variable, coefficient) in direction { slope[rows + variable.index] = coefficient }
        for (row, constraint) in program.constraints.enumerated() where pi[row + 1] != 0 {
            let multiplier = pi[row + 1]
            for (variable, coefficient) in constraint.expression.terms {
                slope[rows + variable.index] += coefficient * multiplier
            }
        }
        let statuses = (0..<rows).map { glp_get_row_stat(problem, Int32($0 + 1)) }
            + (0..<columns).map { glp_get_col_stat(problem, Int32($0 + 1)) }
        let current = (0..<rows).map { glp_get_row_dual(problem, Int32($0 + 1)) }
            + (0..<columns).map { glp_get_col_dual(problem, Int32($0 + 1)) }
        let sign: Double = program.sense == .maximize ? 1 : -1
        var lower = -Double.infinity, upper = Double.infinity
        for index in statuses.indices {
            // At optimum (maximising): a variable at its lower bound has d ≤ 0, at its upper d ≥ 0.
            let d = sign * current[index], g = sign * slope[index]
            guard abs(g) > 1e-12 else { continue }
            switch statuses[index] {
            case GLP_NL:
                let t = -min(d, 0) / g
                if g > 0 { upper = min(upper, t) } else { lower = max(lower, t) }
            case GLP_NU:
                let t = -max(d, 0) / g
                if g < 0 { upper = min(upper, t) } else { lower = max(lower, t) }
            case GLP_NF:
                lower = max(lower, 0)
                upper = min(upper, 0)
            default:
                continue
            }
        }
        return (lower.isFinite ? lower : nil, upper.isFinite ? upper : nil)
    }

    // MARK: Export

    /// The model as GLPK writes it: CPLEX LP or free MPS (glp_write_lp, glp_write_mps).
    public func export(_ format: ExportFormat) throws -> String {
        glp_term_hook(silentTerminal, nil)
        setNames()
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ivp-export-\(UUID().uuidString).\(format.rawValue)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let code: Int32
        switch format {
        case .lp: code = glp_write_lp(problem, nil, path)
        case .mps: code = glp_write_mps(problem, GLP_MPS_FILE, nil, path)
        }
        guard code == 0, var text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SolverError("GLPK could not write the model as \(format.rawValue)")
        }
        if format == .mps {
            // Free MPS has no standard place for the direction (GLPK rejects OBJSENSE), so say it
            // in a comment line; solvers read MPS as minimisation unless told (glpsol --max).
            let sense = program.sense == .maximize ? "maximize (glpsol --max)" : "minimize"
            text = "* Sense:      \(sense)\n" + text
        }
        return text
    }

    // MARK: Helpers

    private static func setColumnBounds(_ problem: OpaquePointer, _ column: Int32, _ lower: Double?, _ upper: Double?) {
        let (type, low, high) = boundType(lower, upper)
        glp_set_col_bnds(problem, column, type, low, high)
    }

    private static func setRowBounds(_ problem: OpaquePointer, _ row: Int32, _ lower: Double?, _ upper: Double?) {
        let (type, low, high) = boundType(lower, upper)
        glp_set_row_bnds(problem, row, type, low, high)
    }

    private static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let low?, nil): return (GLP_LO, low, 0)
        case (nil, let high?): return (GLP_UP, 0, high)
        case (let low?, let high?): return (low == high ? GLP_FX : GLP_DB, low, high)
        }
    }

    /// GLPK names may hold at most 255 printable characters and, to stay readable in the LP
    /// format, only letters, digits and a few symbols; anything else becomes `_`.
    static func safeName(_ name: String) -> String {
        // Byte by byte: this runs once per row and column, so it must be cheap at national size.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(name.utf8.count, 201))
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: ","):
                bytes.append(byte)
            case 0x80...0xBF:
                continue // a continuation byte of a character already replaced
            default:
                bytes.append(UInt8(ascii: "_"))
            }
        }
        if bytes.isEmpty { bytes = [UInt8(ascii: "_")] }
        if let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: ".") {
            bytes.insert(UInt8(ascii: "_"), at: 0)
        }
        if bytes.count > 200 { bytes = Array(bytes.prefix(200)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func uniqueName(_ name: String, _ fallback: String, _ used: inout Set<String>) -> String {
        var candidate = safeName(name)
        if used.contains(candidate) { candidate = safeName("\(candidate.prefix(180))_\(fallback)") }
        if used.contains(candidate) { candidate = fallback }
        used.insert(candidate)
        return candidate
    }
}

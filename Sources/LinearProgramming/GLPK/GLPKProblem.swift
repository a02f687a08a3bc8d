import CGLPK
import Foundation

/// One GLPK problem object, built from a `LinearProgram`. It belongs to the thread that made it:
/// create, use and drop it on one thread. It keeps its basis between solves, so a changed bound or
/// coefficient followed by `solve` re-starts from the previous optimum (a warm start).
///
/// This file builds the problem and changes it in place; the methods are apart: the simplex
/// (GLPKProblem+Simplex), the interior point and the crossover (+InteriorPoint), branch-and-cut
/// (+MIP), sensitivity ranges (+Ranging), the LP and MPS files (+Export), the kept basis put to
/// work (+Basis), rows added (+Rows) and re-solves in a few pivots on GLPK's factorization (+DualSteps).
@safe public final class GLPKProblem: SolverProblem {
    /// The glp_prob; only this type and its extensions (the GLPK folder) see it.
    let problem: OpaquePointer
    public internal(set) var program: LinearProgram
    /// Whether GLPK holds a basis of this problem, so the next simplex starts warm from it.
    var hasBasis = false
    /// Names matter only in an exported model, so they are given to GLPK then (see `setNames`).
    var hasNames = false
    /// Whether a bound or an objective coefficient changed since the last `solve`, so that GLPK's
    /// basic solution no longer belongs to the problem as it is (see `changesKeepingBasis`).
    var changedSinceSolve = false {
        didSet { optimumSnapshot = nil }
    }
    /// Whether GLPK's scale factors are those glp_scale_prob(GLP_SF_AUTO) gives the matrix as it
    /// is (or were set from a problem's that were), so `start(from:)` need not scale it again. The
    /// factors depend on the coefficients only, not on bounds or the objective: a change of
    /// coefficients or rows clears this. Scaling the real nation's whole takes 0.2 to 0.3 s.
    var scaledMatrix = false
    /// What the dual steps (+DualSteps) read of GLPK's optimal basis, and A by column for them.
    var optimumSnapshot: OptimumSnapshot?
    var rowMatrix: RowMatrix?
    var dualScratch = DualScratch()
    /// Whether a column is integer, read once: the columns never change after `init` (rows may
    /// be added), and the dual steps ask it at every question.
    let hasIntegerColumns: Bool

    public convenience init(_ program: LinearProgram) throws {
        try GLPKProblem.check(program)
        self.init(checked: program)
    }

    /// Whether GLPK can take `program`: valid, and small enough for its 32-bit indexes.
    static func check(_ program: LinearProgram) throws {
        try program.validate()
        guard program.variables.count < Int(Int32.max), program.constraints.count < Int(Int32.max) else {
            throw ModelError.tooLarge("\(program.variables.count) variables, \(program.constraints.count) rows")
        }
        let entries = program.constraints.reduce(0) { $0 + $1.expression.terms.count }
        guard entries < Int(Int32.max) else { throw ModelError.tooLarge("\(entries) non-zeros") }
    }

    /// The problem of a program that passed `check`.
    init(checked program: LinearProgram) {
        GLPK.silenceTerminal()
        self.program = program
        hasIntegerColumns = program.hasIntegerVariables
        unsafe problem = unsafe glp_create_prob()
        unsafe glp_set_obj_dir(problem, program.sense == .maximize ? GLP_MAX : GLP_MIN)
        if !program.variables.isEmpty { unsafe glp_add_cols(problem, Int32(program.variables.count)) }
        if !program.constraints.isEmpty { unsafe glp_add_rows(problem, Int32(program.constraints.count)) }
        for (index, variable) in program.variables.enumerated() {
            let column = GLPKIndex.oneBased(index)
            unsafe GLPKProblem.setColumnBounds(problem, column, variable.lower, variable.upper)
            if variable.isInteger {
                unsafe glp_set_col_kind(problem, column, (variable.lower == 0 && variable.upper == 1) ? GLP_BV : GLP_IV)
            }
        }
        unsafe glp_set_obj_coef(problem, 0, program.objective.constant)
        for (variable, coefficient) in program.objective.sortedTerms {
            unsafe glp_set_obj_coef(problem, GLPKIndex.oneBased(variable.index), coefficient)
        }
        // The whole matrix in one call.
        var rowIndices: [Int32] = [], columnIndices: [Int32] = [], entries: [Double] = []
        for (index, constraint) in program.constraints.enumerated() {
            let row = GLPKIndex.oneBased(index)
            unsafe GLPKProblem.setRowBounds(problem, row, constraint.lower, constraint.upper)
            for (variable, coefficient) in constraint.expression.sortedTerms {
                rowIndices.append(row)
                columnIndices.append(GLPKIndex.oneBased(variable.index))
                entries.append(coefficient)
            }
        }
        if !entries.isEmpty {
            unsafe glp_load_matrix(problem, Int32(entries.count), GLPKIndex.array(rowIndices), GLPKIndex.array(columnIndices),
                            GLPKIndex.array(entries))
        }
    }

    deinit {
        unsafe glp_delete_prob(problem)
    }

    // MARK: Changes for warm starts

    /// Changes the bounds of a constraint; the basis is kept for the next `solve`.
    public func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) throws {
        try GLPKProblem.checkFinite(lower, upper, "constraint \(constraint.index)")
        guard constraint.index >= 0, constraint.index < program.constraints.count else {
            throw ModelError.unknownConstraint(constraint.index, in: "bounds")
        }
        program.setBounds(of: constraint, lower: lower, upper: upper)
        changedSinceSolve = true
        unsafe GLPKProblem.setRowBounds(problem, GLPKIndex.oneBased(constraint.index), lower, upper)
    }

    /// Changes the bounds of a variable; the basis is kept for the next `solve`.
    public func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws {
        try GLPKProblem.checkFinite(lower, upper, "variable \(variable.index)")
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "bounds")
        }
        program.setBounds(of: variable, lower: lower, upper: upper)
        changedSinceSolve = true
        unsafe GLPKProblem.setColumnBounds(problem, GLPKIndex.oneBased(variable.index), lower, upper)
    }

    /// Changes one objective coefficient; the basis is kept for the next `solve`.
    public func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws {
        guard coefficient.isFinite else { throw ModelError.nonFinite("objective coefficient") }
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "objective")
        }
        // In place: a copy of the objective per call would make a change of many coefficients quadratic.
        program.objective.add(variable, coefficient - (program.objective.terms[variable] ?? 0))
        changedSinceSolve = true
        unsafe glp_set_obj_coef(problem, GLPKIndex.oneBased(variable.index), coefficient)
    }

    /// Replaces a constraint's coefficients (glp_set_mat_row; its bounds stay). The basis's
    /// statuses are kept, so the next simplex starts from them (GLPK factorizes the changed basis).
    public func setCoefficients(of constraint: Constraint, _ expression: LinearExpression) throws {
        guard constraint.index >= 0, constraint.index < program.constraints.count else {
            throw ModelError.unknownConstraint(constraint.index, in: "coefficients")
        }
        for (variable, coefficient) in expression.terms {
            guard variable.index >= 0, variable.index < program.variables.count else {
                throw ModelError.unknownVariable(variable.index, in: program.constraints[constraint.index].name)
            }
            guard coefficient.isFinite else { throw ModelError.nonFinite("coefficient in constraint \(program.constraints[constraint.index].name)") }
        }
        var clean = expression
        clean.constant = 0
        program.replaceExpression(of: constraint, with: clean)
        changedSinceSolve = true
        scaledMatrix = false
        rowMatrix = nil
        let terms = clean.sortedTerms
        unsafe glp_set_mat_row(problem, GLPKIndex.oneBased(constraint.index), Int32(terms.count),
                               GLPKIndex.array(terms.map { GLPKIndex.oneBased($0.variable.index) }), GLPKIndex.array(terms.map(\.coefficient)))
    }

    static func checkFinite(_ lower: Double?, _ upper: Double?, _ what: String) throws {
        if let lower, !lower.isFinite { throw ModelError.nonFinite("lower bound of \(what)") }
        if let upper, !upper.isFinite { throw ModelError.nonFinite("upper bound of \(what)") }
        if let lower, let upper, lower > upper { throw ModelError.emptyBounds(what) }
    }

    // MARK: Solving

    /// Solves the problem with the given options. An LP uses the simplex method (or the interior
    /// point); a program with integer variables solves its relaxation and then branch-and-cut.
    public func solve(_ options: SolverOptions) throws -> Solution {
        GLPK.silenceTerminal()
        let start = Date()
        let iterationsBefore = unsafe Int(glp_get_it_cnt(problem))
        var solution: Solution
        if hasIntegerColumns {
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
        changedSinceSolve = false
        // GLPK counts iterations over the problem's life; report this solve's own.
        solution.iterations = unsafe max(0, Int(glp_get_it_cnt(problem)) - iterationsBefore)
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
        if hasBasis || hasIntegerColumns { return .dual }
        return program.constraints.count >= GLPKProblem.crossoverRows ? .crossover : .dual
    }

    // MARK: Bounds

    static func setColumnBounds(_ problem: OpaquePointer, _ column: Int32, _ lower: Double?, _ upper: Double?) {
        let (type, low, high) = boundType(lower, upper)
        unsafe glp_set_col_bnds(problem, column, type, low, high)
    }

    static func setRowBounds(_ problem: OpaquePointer, _ row: Int32, _ lower: Double?, _ upper: Double?) {
        let (type, low, high) = boundType(lower, upper)
        unsafe glp_set_row_bnds(problem, row, type, low, high)
    }

    private static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let low?, nil): return (GLP_LO, low, 0)
        case (nil, let high?): return (GLP_UP, 0, high)
        case (let low?, let high?): return (low == high ? GLP_FX : GLP_DB, low, high)
        }
    }
}

import CGLPK
import Foundation

/// The optimal basis put to work without a cold solve (GLPK manual sections 2.6 and 4.1): read off
/// and set on another problem (the coupled solve starts the whole from its parts' bases), a related
/// program solved from it, and the optimum after moved bounds read off it when it stays optimal.
extension GLPKProblem {
    /// The status of every row's auxiliary variable and every column: GLP_BS, GLP_NL, GLP_NU,
    /// GLP_NF or GLP_NS.
    struct BasisStatuses: Sendable {
        var rows: [Int32]
        var columns: [Int32]
        /// The scale factors of the problem the statuses were read off (GLPK's r_ii and s_jj, one
        /// per row and column), when asked for: a problem with the same matrix started from them
        /// is scaled with them instead of scaling itself again.
        var scales: (rows: [Double], columns: [Double])? = nil
    }

    /// The optimum GLPK holds, when it belongs to the problem as it is: objective, column values
    /// and row duals.
    func currentOptimum() -> (objective: Double, values: [Double], duals: [Double])? {
        restoreOptimum()
        guard hasBasis, !changedSinceSolve, unsafe glp_get_status(problem) == GLP_OPT else { return nil }
        return unsafe (glp_get_obj_val(problem),
                       GLPKIndex.values(count: program.variables.count) { unsafe glp_get_col_prim(problem, $0) },
                       GLPKIndex.values(count: program.constraints.count) { unsafe glp_get_row_dual(problem, $0) })
    }

    /// After bounds moved and were put back without a solve (`objective(…, restoring: false)`), or
    /// any change not yet solved: the warm dual simplex back to the optimum, before anything
    /// reads the basis.
    func restoreOptimum() {
        guard hasBasis, changedSinceSolve else { return }
        _ = try? solve(SolverOptions(method: .dual))
    }

    /// Scales the problem as a cold simplex does (GLP_SF_AUTO), unless its scale factors are
    /// already those of its matrix as it is: `CoupledProblem` does this while its parts are being
    /// solved, so the start after them need not.
    func scale() {
        guard !scaledMatrix else { return }
        unsafe glp_scale_prob(problem, GLP_SF_AUTO)
        scaledMatrix = true
    }

    /// The status of a basic row or column.
    static let basicStatus = GLP_BS

    /// With `scales`, the scale factors too (for a copy of this problem, `start(from:)`).
    func basisStatuses(withScales: Bool = false) -> BasisStatuses {
        BasisStatuses(rows: (0..<program.constraints.count).map { unsafe glp_get_row_stat(problem, GLPKIndex.oneBased($0)) },
                      columns: (0..<program.variables.count).map { unsafe glp_get_col_stat(problem, GLPKIndex.oneBased($0)) },
                      scales: withScales && scaledMatrix ? scaleFactors() : nil)
    }

    /// Sets GLPK's scale factors, one per row and column.
    private func setScales(rows: [Double], columns: [Double]) {
        for (index, factor) in rows.enumerated() { unsafe glp_set_rii(problem, GLPKIndex.oneBased(index), factor) }
        for (index, factor) in columns.enumerated() { unsafe glp_set_sjj(problem, GLPKIndex.oneBased(index), factor) }
        scaledMatrix = true
    }

    /// GLPK's r_ii and s_jj.
    private func scaleFactors() -> (rows: [Double], columns: [Double]) {
        (GLPKIndex.values(count: program.constraints.count) { unsafe glp_get_rii(problem, $0) },
         GLPKIndex.values(count: program.variables.count) { unsafe glp_get_sjj(problem, $0) })
    }

    /// The next simplex starts from `statuses` (one per row and column of this problem), on the
    /// problem scaled as a cold simplex scales it: a problem not scaled yet takes the factors
    /// `statuses` carries (read off a problem with the same matrix, so the ones GLPK would compute),
    /// else GLPK scales it; a problem already scaled keeps its factors.
    func start(from statuses: BasisStatuses) {
        // GLPK aborts on a factor that is not positive: such factors are not taken.
        if !scaledMatrix, let scales = statuses.scales, scales.rows.count == program.constraints.count,
           scales.columns.count == program.variables.count,
           (scales.rows + scales.columns).allSatisfy({ $0 > 0 && $0.isFinite }) {
            setScales(rows: scales.rows, columns: scales.columns)
        } else {
            scale()
        }
        for (index, status) in statuses.rows.enumerated() { unsafe glp_set_row_stat(problem, GLPKIndex.oneBased(index), status) }
        for (index, status) in statuses.columns.enumerated() { unsafe glp_set_col_stat(problem, GLPKIndex.oneBased(index), status) }
        hasBasis = true
        changedSinceSolve = true
    }

    /// The optimum of `related`, a program with this one's rows and columns in the same order
    /// (their bounds and the objective may differ) and possibly more columns after them, solved by
    /// the primal simplex from this problem's basis, the new columns starting non-basic at a bound.
    /// When only the objective changed and the new columns start at 0, that basis is primal
    /// feasible and the simplex goes on from it (a warm start). This problem is not changed; the
    /// related one is made and deleted here, on the calling thread.
    public func solveRelated(_ related: LinearProgram, options: SolverOptions) throws -> Solution {
        let columns = program.variables.count
        guard related.constraints.count == program.constraints.count, related.variables.count >= columns else {
            throw SolverError("a related program must keep the rows and columns of the program it starts from")
        }
        restoreOptimum()
        guard hasBasis else { return try GLPKProblem(related).solve(options) }
        var statuses = basisStatuses()
        for definition in related.variables[columns...] {
            statuses.columns.append(definition.lower != nil ? GLP_NL : definition.upper != nil ? GLP_NU : GLP_NF)
        }
        let copy = try GLPKProblem(related)
        copy.start(from: statuses)
        var primal = options
        primal.method = .primal
        return try copy.solve(primal)
    }

    /// How every column's value changes when the given rows' upper bounds move, if the optimal
    /// basis stays optimal. A moved bound of a non-basic row moves the basic variables by −B⁻¹Δ
    /// (one FTRAN with the basis matrix of (I | −A)); the reduced costs do not depend on bounds,
    /// so when every basic variable stays within its (new) bounds the basis is still optimal and
    /// the changes are exact: what the dual simplex would return after zero pivots. Nil when a
    /// basic variable leaves its bounds (the caller re-solves), when the problem changed since its
    /// last solve, or without an optimal basis. GLPK's problem is left as it was.
    public func changesKeepingBasis(withUpperBounds changes: [(constraint: Constraint, upper: Double)])
        -> [(variable: Variable, change: Double)]? {
        guard let optimum = dualSteps(withUpperBounds: changes, pivotLimit: 0) else { return nil }
        let rows = program.constraints.count
        return optimum.changes.sorted { $0.key < $1.key }.compactMap { k, change in
            k >= rows && change != 0 ? (Variable(index: k - rows), change) : nil
        }
    }

    /// The optimal objective once the given rows' upper bounds move, with the values of
    /// `columns` there. Read off the basis when it stays optimal (`changesKeepingBasis`), else by the dual
    /// simplex from it; the bounds are then put back and the optimum restored, so the problem is
    /// as it was (up to the choice among optimal bases) for the next question. Without
    /// `restoring`, the optimum is restored only when something next reads the basis
    /// (`restoreOptimum`): a series of questions then costs one simplex call each.
    public func objective(withUpperBounds changes: [(constraint: Constraint, upper: Double)], valuesOf columns: [Variable],
                          timeLimit: Double?) throws -> MovedOptimum {
        try objective(withUpperBounds: changes, valuesOf: columns, timeLimit: timeLimit, restoring: true)
    }

    func objective(withUpperBounds changes: [(constraint: Constraint, upper: Double)], valuesOf columns: [Variable],
                   timeLimit: Double?, restoring: Bool) throws -> MovedOptimum {
        for change in changes {
            guard change.constraint.index >= 0, change.constraint.index < program.constraints.count else {
                throw ModelError.unknownConstraint(change.constraint.index, in: "bounds")
            }
            guard change.upper.isFinite else { throw ModelError.nonFinite("upper bound of constraint \(change.constraint.index)") }
        }
        for column in columns where column.index < 0 || column.index >= program.variables.count {
            throw ModelError.unknownVariable(column.index, in: "values")
        }
        func values() -> [Double] { columns.map { unsafe glp_get_col_prim(problem, GLPKIndex.oneBased($0.index)) } }
        // Most questions need no pivot or a few: taken on GLPK's factorization (+DualSteps).
        if let stepped = dualSteps(withUpperBounds: changes) {
            let rows = program.constraints.count
            return MovedOptimum(status: .optimal, objective: stepped.objective,
                                values: zip(columns, values()).map { $1 + (stepped.changes[rows + $0.index] ?? 0) })
        }
        if !hasBasis { _ = try solve(SolverOptions(method: .dual, timeLimit: timeLimit)) }
        GLPK.silenceTerminal()
        var parameters = simplexParameters(SolverOptions(method: .dual, timeLimit: timeLimit), method: .dual)
        parameters.presolve = GLP_OFF
        for change in changes {
            let definition = program.constraints[change.constraint.index]
            if let lower = definition.lower, change.upper < lower {
                return MovedOptimum(status: .infeasible, objective: nil, values: [])
            }
            unsafe GLPKProblem.setRowBounds(problem, GLPKIndex.oneBased(change.constraint.index), definition.lower, change.upper)
        }
        let code = simplexFromKeptBasis(&parameters)
        let status = unsafe glp_get_status(problem)
        var answer: MovedOptimum
        switch code {
        case 0 where status == GLP_OPT:
            answer = unsafe MovedOptimum(status: .optimal, objective: glp_get_obj_val(problem), values: values())
        case 0 where status == GLP_NOFEAS || status == GLP_INFEAS, GLP_ENOPFS:
            answer = MovedOptimum(status: .infeasible, objective: nil, values: [])
        case 0 where status == GLP_UNBND, GLP_ENODFS:
            answer = MovedOptimum(status: .unbounded, objective: nil, values: [])
        case GLP_ETMLIM, GLP_EITLIM:
            answer = MovedOptimum(status: .timeLimit, objective: nil, values: [])
        default:
            answer = MovedOptimum(status: .timeLimit, objective: nil, values: [])
        }
        for change in changes {
            let definition = program.constraints[change.constraint.index]
            unsafe GLPKProblem.setRowBounds(problem, GLPKIndex.oneBased(change.constraint.index), definition.lower, definition.upper)
        }
        parameters.tm_lim = Int32.max
        if !restoring {
            changedSinceSolve = true
        } else if unsafe simplexFromKeptBasis(&parameters) != 0 || glp_get_status(problem) != GLP_OPT {
            // Not back at the optimum (numerical trouble): start from a fresh basis once.
            unsafe glp_adv_basis(problem, 0)
            _ = unsafe glp_simplex(problem, &parameters)
            changedSinceSolve = false
        } else {
            changedSinceSolve = false
        }
        if code != 0 && code != GLP_ENOPFS && code != GLP_ENODFS && code != GLP_ETMLIM && code != GLP_EITLIM {
            throw SolverError("GLPK: the dual simplex from the optimal basis failed (code \(code))")
        }
        return answer
    }
}

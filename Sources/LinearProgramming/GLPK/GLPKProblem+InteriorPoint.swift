import CGLPK
import Foundation

/// The interior point (glp_interior, GLPK manual section 2.9.1), alone or followed by our
/// crossover to an optimal basis.
extension GLPKProblem {
    func solveInterior(_ options: SolverOptions) throws -> Solution {
        var parameters = glp_iptcp()
        unsafe glp_init_iptcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        let code = unsafe glp_interior(problem, &parameters)
        // The interior point fails on some problems of this family (GLP_EINSTAB on 7 of 200
        // perturbed region-size models; also GLP_ENOCVG, GLP_EFAIL, GLP_EFAIL on an empty
        // problem): fall back to the dual simplex, which always ends (GLPK manual section 2.9.1).
        var fallback = options
        fallback.method = .dual
        guard code == 0 else { return try solveSimplex(fallback) }
        switch unsafe glp_ipt_status(problem) {
        case GLP_OPT:
            let columns = program.variables.count, rows = program.constraints.count
            return unsafe Solution(status: .optimal, objective: glp_ipt_obj_val(problem),
                            values: GLPKIndex.values(count: columns) { unsafe glp_ipt_col_prim(problem, $0) },
                            activities: GLPKIndex.values(count: rows) { unsafe glp_ipt_row_prim(problem, $0) },
                            duals: GLPKIndex.values(count: rows) { unsafe glp_ipt_row_dual(problem, $0) },
                            reducedCosts: GLPKIndex.values(count: columns) { unsafe glp_ipt_col_dual(problem, $0) },
                            hasSolution: true, method: .interior, iterations: 0)
        case GLP_NOFEAS, GLP_INFEAS, GLP_UNDEF:
            // The interior point cannot tell infeasible from unbounded: let the simplex decide.
            return try solveSimplex(fallback)
        default:
            return try solveSimplex(fallback)
        }
    }

    /// The interior point, then an optimal basis. GLPK has no crossover of its own; this one uses
    /// strict complementarity: a column whose reduced cost in the interior solution is clearly not
    /// zero sits at its bound in every optimal solution, and so does a row with a clearly non-zero
    /// dual. Those are fixed at that bound; the simplex on what remains (a few hundred pivots where
    /// the whole took a thousand) gives a basis, and after the bounds are put back a warm dual
    /// simplex on the original problem proves it optimal or finishes the job. So the answer is
    /// always the simplex's own optimum: the heuristic only chooses where it starts. If the
    /// interior point fails, or the restricted problem is not solved, the dual simplex starts cold.
    func solveCrossover(_ options: SolverOptions) throws -> Solution {
        var cold = options
        cold.method = .dual
        var parameters = glp_iptcp()
        unsafe glp_init_iptcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        // Scaled first, for both methods (the interior point is also a little faster scaled).
        scale()
        guard unsafe glp_interior(problem, &parameters) == 0, unsafe glp_ipt_status(problem) == GLP_OPT else {
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
            let column = GLPKIndex.oneBased(index)
            guard let bound = unsafe clearBound(sign * glp_ipt_col_dual(problem, column), definition.lower, definition.upper) else { continue }
            unsafe glp_set_col_bnds(problem, column, GLP_FX, bound.value, bound.value)
            fixedColumns.append((index, bound.atUpper))
        }
        for (index, definition) in program.constraints.enumerated() {
            let row = GLPKIndex.oneBased(index)
            guard let bound = unsafe clearBound(sign * glp_ipt_row_dual(problem, row), definition.lower, definition.upper) else { continue }
            unsafe glp_set_row_bnds(problem, row, GLP_FX, bound.value, bound.value)
            fixedRows.append((index, bound.atUpper))
        }
        unsafe glp_adv_basis(problem, 0)
        var simplex = simplexParameters(cold, method: .dual)
        simplex.presolve = GLP_OFF
        let restricted = unsafe glp_simplex(problem, &simplex) == 0 && glp_get_status(problem) == GLP_OPT
        // The original bounds again; a fixed variable left non-basic goes to the bound it was fixed at.
        for (index, atUpper) in fixedColumns {
            let column = GLPKIndex.oneBased(index)
            unsafe GLPKProblem.setColumnBounds(problem, column, program.variables[index].lower, program.variables[index].upper)
            if restricted, unsafe glp_get_col_stat(problem, column) != GLP_BS { unsafe glp_set_col_stat(problem, column, atUpper ? GLP_NU : GLP_NL) }
        }
        for (index, atUpper) in fixedRows {
            let row = GLPKIndex.oneBased(index)
            unsafe GLPKProblem.setRowBounds(problem, row, program.constraints[index].lower, program.constraints[index].upper)
            if restricted, unsafe glp_get_row_stat(problem, row) != GLP_BS { unsafe glp_set_row_stat(problem, row, atUpper ? GLP_NU : GLP_NL) }
        }
        if !restricted { unsafe glp_adv_basis(problem, 0) }
        hasBasis = true
        return try simplexResult(simplexFromKeptBasis(&simplex), method: .crossover)
    }

}

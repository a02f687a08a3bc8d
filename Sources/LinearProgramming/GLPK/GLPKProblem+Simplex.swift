import CGLPK
import Foundation

/// The primal and the dual simplex (glp_simplex, GLPK manual section 2.8.1), cold or warm from
/// the basis kept, and the solution read off the basis.
extension GLPKProblem {
    func simplexParameters(_ options: SolverOptions, method: SolverMethod) -> glp_smcp {
        var parameters = glp_smcp()
        unsafe glp_init_smcp(&parameters)
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

    static func milliseconds(_ seconds: Double) -> Int32 {
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return Int32(min(seconds * 1000, Double(Int32.max)).rounded(.up))
    }

    func solveSimplex(_ options: SolverOptions) throws -> Solution {
        // Only a simplex method reaches here: `interior` lands here as its fallback.
        let method: SolverMethod = resolvedMethod(options.method) == .primal ? .primal : .dual
        if !hasBasis {
            scale()
            unsafe glp_adv_basis(problem, 0)
        }
        var parameters = simplexParameters(options, method: method)
        let code = simplexFromKeptBasis(&parameters)
        hasBasis = true
        return try simplexResult(code, method: method)
    }

    /// glp_simplex from the current basis; if that basis is unusable (singular or ill-conditioned),
    /// once more from a fresh advanced basis (GLPK manual section 2.8.1).
    func simplexFromKeptBasis(_ parameters: inout glp_smcp) -> Int32 {
        optimumSnapshot = nil
        let code = unsafe glp_simplex(problem, &parameters)
        guard code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND else { return code }
        unsafe glp_adv_basis(problem, 0)
        return unsafe glp_simplex(problem, &parameters)
    }

    /// Maps glp_simplex's return code and the solution status to a `Solution` (GLPK manual
    /// section 2.8.1; every code is named, none falls through to a default).
    func simplexResult(_ code: Int32, method: SolverMethod) throws -> Solution {
        let iterations = unsafe Int(glp_get_it_cnt(problem))
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
            let feasible = unsafe glp_get_prim_stat(problem) == GLP_FEAS
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
        let status = unsafe glp_get_status(problem)
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

    func basicSolution(status: SolutionStatus, method: SolverMethod, iterations: Int) -> Solution {
        let columns = program.variables.count, rows = program.constraints.count
        return unsafe Solution(status: status, objective: glp_get_obj_val(problem),
                        values: GLPKIndex.values(count: columns) { unsafe glp_get_col_prim(problem, $0) },
                        activities: GLPKIndex.values(count: rows) { unsafe glp_get_row_prim(problem, $0) },
                        duals: GLPKIndex.values(count: rows) { unsafe glp_get_row_dual(problem, $0) },
                        reducedCosts: GLPKIndex.values(count: columns) { unsafe glp_get_col_dual(problem, $0) },
                        hasSolution: true, method: method, iterations: iterations)
    }

    func emptySolution(_ status: SolutionStatus, method: SolverMethod, iterations: Int) -> Solution {
        Solution(status: status, objective: .nan, values: [], activities: [], duals: [], reducedCosts: [],
                 hasSolution: false, method: method, iterations: iterations)
    }

}

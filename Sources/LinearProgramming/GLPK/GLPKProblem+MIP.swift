import CGLPK
import Foundation

/// Branch-and-cut for a program with integer variables (glp_intopt, GLPK manual section 2.10).
extension GLPKProblem {
    private final class SearchProgress {
        var bestBound: Double?
    }

    private static let recordBound: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
        guard let tree = unsafe tree, let info = unsafe info else { return }
        let progress = unsafe Unmanaged<SearchProgress>.fromOpaque(info).takeUnretainedValue()
        let node = unsafe glp_ios_best_node(tree)
        if node != 0 { progress.bestBound = unsafe glp_ios_node_bound(tree, node) }
    }

    func solveMIP(_ options: SolverOptions) throws -> Solution {
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
        var parameters = unsafe glp_iocp()
        unsafe glp_init_iocp(&parameters)
        unsafe parameters.msg_lev = GLP_MSG_OFF
        unsafe parameters.presolve = GLP_OFF
        unsafe parameters.mip_gap = options.mipGap
        unsafe parameters.gmi_cuts = GLP_ON
        unsafe parameters.mir_cuts = GLP_ON
        unsafe parameters.cov_cuts = GLP_ON
        unsafe parameters.clq_cuts = GLP_ON
        if let limit = options.timeLimit {
            unsafe parameters.tm_lim = GLPKProblem.milliseconds(max(0.001, limit - Date().timeIntervalSince(start)))
        }
        let progress = SearchProgress()
        unsafe parameters.cb_func = unsafe GLPKProblem.recordBound
        unsafe parameters.cb_info = unsafe Unmanaged.passUnretained(progress).toOpaque()
        let code = withExtendedLifetime(progress) { unsafe glp_intopt(problem, &parameters) }
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
        let mipStatus = unsafe glp_mip_status(problem)
        let found = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        if !found && !timedOut {
            return emptySolution(.infeasible, method: .branchAndCut, iterations: 0)
        }
        let columns = program.variables.count, rows = program.constraints.count
        let values = found ? GLPKIndex.values(count: columns) { unsafe glp_mip_col_val(problem, $0) }
            : [Double](repeating: 0, count: columns)
        let activities = found ? GLPKIndex.values(count: rows) { unsafe glp_mip_row_val(problem, $0) }
            : [Double](repeating: 0, count: rows)
        let objective = unsafe found ? glp_mip_obj_val(problem) : .nan
        let status: SolutionStatus = (timedOut && mipStatus != GLP_OPT) ? .timeLimit : .optimal
        // Before the search has a node, GLPK reports ±DBL_MAX as the bound: the relaxation is the bound then.
        var bound = progress.bestBound.flatMap { abs($0) < 1e300 ? $0 : nil } ?? relaxationBound
        if status == .optimal && found { bound = objective }
        let gap = found ? abs(bound - objective) / max(1e-10, abs(objective)) : nil
        return unsafe Solution(status: status, objective: objective, values: values, activities: activities,
                        duals: [], reducedCosts: [], bestBound: bound, gap: gap, hasSolution: found,
                        method: .branchAndCut, iterations: Int(glp_get_it_cnt(problem)))
    }

}

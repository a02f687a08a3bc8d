import CGLPK
import Foundation

/// Sensitivity analysis on the optimal basis: right-hand side ranges, re-solved duals, the extremes
/// of expressions over the feasible set and objective ranges (GLPK manual sections 2.12 and 4.1).
extension GLPKProblem {
    /// The interval of a constraint's right-hand side over which the current optimal basis stays
    /// optimal, so its dual value holds (glp_analyze_bound, GLPK manual section 2.12.2). Nil when
    /// the row is basic (not binding; its dual is 0 from its activity up) or no basis exists.
    public func rightHandSideRange(of constraint: Constraint) -> ClosedRange<Double>? {
        restoreOptimum()
        guard hasBasis, unsafe glp_bf_exists(problem) != 0 || glp_factorize(problem) == 0 else { return nil }
        let row = GLPKIndex.oneBased(constraint.index)
        guard unsafe glp_get_status(problem) == GLP_OPT, unsafe glp_get_row_stat(problem, row) != GLP_BS else { return nil }
        var low = 0.0, high = 0.0
        var lowVariable: Int32 = 0, highVariable: Int32 = 0
        unsafe glp_analyze_bound(problem, row, &low, &lowVariable, &high, &highVariable)
        guard low <= high else { return nil }
        return low...high
    }

    public func rightHandSideRanges(of constraints: [Constraint]) -> [ClosedRange<Double>?] {
        constraints.map { rightHandSideRange(of: $0) }
    }

    /// For each change in turn: the row's dual once its upper bound moves. Most are read after a
    /// few dual simplex steps taken on GLPK's factorization (`dualSteps`), which leave the problem
    /// as it is. Otherwise GLPK moves the bound, re-solves warm with the dual simplex (long-step
    /// ratio test), the dual is read, and the bound is put back and the problem re-solved, so the
    /// optimal basis is there again for the next question.
    public func duals(withUpperBounds changes: [(constraint: Constraint, upper: Double)]) -> [Double?] {
        restoreOptimum()
        guard hasBasis, unsafe glp_get_status(problem) == GLP_OPT else { return changes.map { _ in nil } }
        GLPK.silenceTerminal()
        var parameters = simplexParameters(SolverOptions(method: .dual), method: .dual)
        parameters.presolve = GLP_OFF
        return changes.map { change in
            let index = change.constraint.index
            guard index >= 0, index < program.constraints.count, change.upper.isFinite else { return nil }
            let row = GLPKIndex.oneBased(index)
            let definition = program.constraints[index]
            if let lower = definition.lower, change.upper < lower { return nil }
            if let stepped = dualSteps(withUpperBounds: [change]), let dual = stepped.rowDuals[index] { return dual }
            optimumSnapshot = nil
            unsafe GLPKProblem.setRowBounds(problem, row, definition.lower, change.upper)
            var dual: Double?
            if unsafe glp_simplex(problem, &parameters) == 0, unsafe glp_get_status(problem) == GLP_OPT {
                dual = unsafe glp_get_row_dual(problem, row)
            }
            unsafe GLPKProblem.setRowBounds(problem, row, definition.lower, definition.upper)
            if unsafe glp_simplex(problem, &parameters) != 0 || glp_get_status(problem) != GLP_OPT {
                // Not back at the optimum (numerical trouble): start from a fresh basis once.
                unsafe glp_adv_basis(problem, 0)
                _ = unsafe glp_simplex(problem, &parameters)
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
        restoreOptimum()
        GLPK.silenceTerminal()
        let deadline = timeLimit.map { Date().addingTimeInterval($0) }
        func remaining() -> Double? { deadline.map { max(0.001, $0.timeIntervalSinceNow) } }
        if !hasBasis { _ = try? solve(SolverOptions(method: .dual, timeLimit: remaining())) }
        let original = program.objective
        let direction = unsafe glp_get_obj_dir(problem)
        let columns = program.variables.count
        var parameters = simplexParameters(SolverOptions(method: .primal), method: .primal)
        parameters.presolve = GLP_OFF
        func setCoefficients(_ expression: LinearExpression, zero: Bool) {
            for (variable, coefficient) in expression.terms where variable.index >= 0 && variable.index < columns {
                unsafe glp_set_obj_coef(problem, GLPKIndex.oneBased(variable.index), zero ? 0 : coefficient)
            }
        }
        setCoefficients(original, zero: true)
        unsafe glp_set_obj_coef(problem, 0, 0)
        var results: [(min: Double, max: Double)?] = []
        for expression in expressions {
            guard expression.terms.values.allSatisfy(\.isFinite) else {
                results.append(nil)
                continue
            }
            setCoefficients(expression, zero: false)
            var ends: [Double] = []
            for sense in [GLP_MIN, GLP_MAX] {
                unsafe glp_set_obj_dir(problem, sense)
                if let limit = remaining() { parameters.tm_lim = GLPKProblem.milliseconds(limit) }
                if simplexFromKeptBasis(&parameters) == 0, unsafe glp_get_status(problem) == GLP_OPT {
                    unsafe ends.append(glp_get_obj_val(problem) + expression.constant)
                }
            }
            results.append(ends.count == 2 ? (ends[0], ends[1]) : nil)
            setCoefficients(expression, zero: true)
        }
        setCoefficients(original, zero: false)
        unsafe glp_set_obj_coef(problem, 0, original.constant)
        unsafe glp_set_obj_dir(problem, direction)
        if let limit = remaining() { parameters.tm_lim = GLPKProblem.milliseconds(limit) }
        if unsafe simplexFromKeptBasis(&parameters) != 0 || glp_get_status(problem) != GLP_OPT {
            unsafe glp_adv_basis(problem, 0)
            _ = unsafe glp_simplex(problem, &parameters)
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
        objectiveParameterRanges([direction])[0]
    }

    /// `objectiveParameterRange` for each direction; the basis, its statuses and reduced costs
    /// and A by row are read once for all of them (the weight of every theme: 20 directions on
    /// the real nation, each of which read 56,000 statuses and duals again).
    public func objectiveParameterRanges(_ directions: [[Variable: Double]]) -> [(lower: Double?, upper: Double?)?] {
        restoreOptimum()
        guard hasBasis, unsafe glp_get_status(problem) == GLP_OPT,
              unsafe glp_bf_exists(problem) != 0 || glp_factorize(problem) == 0 else { return directions.map { _ in nil } }
        let columns = program.variables.count, rows = program.constraints.count
        // The basic variable at each position of the basis (glp_get_bhead numbers the rows'
        // auxiliary variables 1...rows and the columns after them).
        let heads = (0..<rows).map { unsafe GLPKIndex.zeroBased(glp_get_bhead(problem, GLPKIndex.oneBased($0))) }
        let statuses = (0..<rows).map { unsafe glp_get_row_stat(problem, GLPKIndex.oneBased($0)) }
            + (0..<columns).map { unsafe glp_get_col_stat(problem, GLPKIndex.oneBased($0)) }
        let current = GLPKIndex.values(count: rows) { unsafe glp_get_row_dual(problem, $0) }
            + GLPKIndex.values(count: columns) { unsafe glp_get_col_dual(problem, $0) }
        let matrix = matrixByRow()
        let sign: Double = program.sense == .maximize ? 1 : -1
        return directions.map { direction in
            let basicCosts = heads.map { head in head >= rows ? direction[Variable(index: head - rows)] ?? 0 : 0 }
            var solved = GLPKIndex.array(basicCosts)
            if rows > 0 { unsafe glp_btran(problem, &solved) }
            let pi = GLPKIndex.values(of: solved)
            var slope = [Double](repeating: 0, count: rows + columns)
            for row in 0..<rows { slope[row] = -pi[row] }
            for (variable, coefficient) in direction { slope[rows + variable.index] = coefficient }
            for row in 0..<rows where pi[row] != 0 {
                let multiplier = pi[row]
                for entry in matrix.start[row]..<matrix.start[row + 1] {
                    slope[rows + matrix.column[entry]] += matrix.value[entry] * multiplier
                }
            }
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
    }

}

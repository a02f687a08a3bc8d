import CGLPK

/// The optimum after a few moved bounds, by the dual simplex run here on GLPK's factorization of
/// the optimal basis, without touching GLPK's problem.
///
/// A glp_simplex call costs far more than its pivots on a large model: it copies the whole
/// problem into its working form and computes every reduced cost before it starts (about 18 ms
/// at 11,564 rows, measured, for a re-solve of one or two pivots). The headline questions move
/// the upper bound of a pool's few rows and most need zero to a handful of pivots. So the steps
/// are taken here: the basis matrix B of the columns of (I | −A) (GLPK manual 2.6, glp_ftran,
/// glp_btran) stays factorized as GLPK left it, and each pivot adds an elementary "eta" matrix
/// to it (the product form of the inverse). A pivot costs one BTRAN, one pass over the matrix
/// for the pivot row and one FTRAN.
///
/// The steps are those of the textbook dual simplex with bounded variables, in GLPK's terms
/// (the rows' auxiliary variables x_R = A x_S, every variable at a bound or basic, z = Σ d_k x_k
/// over the non-basic ones): a basic variable out of its bounds leaves at the bound it broke, the
/// entering variable is chosen by Harris' two-pass ratio test on the reduced costs, which keeps
/// the basis dual feasible. When no basic variable is out of its bounds the basis is optimal: the
/// answer is exactly the optimum the dual simplex would reach. Any doubt (too many pivots, a
/// pivot that does not check out, no entering candidate) gives nil, and the caller asks GLPK.
extension GLPKProblem {
    /// What the steps read of GLPK's optimal basis: kept while the basis is GLPK's last optimum.
    struct OptimumSnapshot {
        /// glp_get_it_cnt when it was read: a simplex that pivoted since makes it stale.
        let iterations: Int32
        /// The variable (rows first, then columns) basic at each position of the basis.
        let head: [Int]
        let status: [Int32]
        let value: [Double]
        let reducedCost: [Double]
        let lower: [Double]
        let upper: [Double]
        let objective: Double
    }

    /// The constraint matrix A by row (as GLPK holds it, unscaled): the pivot row is ρᵀA over
    /// the rows where ρ is not zero.
    struct RowMatrix {
        let start: [Int]
        let column: [Int]
        let value: [Double]
    }

    /// The most pivots taken here before GLPK is asked instead.
    static let dualStepLimit = 40

    private func snapshot() -> OptimumSnapshot? {
        let iterations = unsafe glp_get_it_cnt(problem)
        if let optimumSnapshot, optimumSnapshot.iterations == iterations { return optimumSnapshot }
        let rows = program.constraints.count, columns = program.variables.count
        var head = [Int](repeating: 0, count: rows)
        for position in 0..<rows {
            head[position] = unsafe GLPKIndex.zeroBased(glp_get_bhead(problem, GLPKIndex.oneBased(position)))
        }
        var status = [Int32](repeating: 0, count: rows + columns)
        var value = [Double](repeating: 0, count: rows + columns)
        var reducedCost = [Double](repeating: 0, count: rows + columns)
        var lower = [Double](repeating: -.infinity, count: rows + columns)
        var upper = [Double](repeating: .infinity, count: rows + columns)
        for row in 0..<rows {
            let number = GLPKIndex.oneBased(row)
            unsafe status[row] = glp_get_row_stat(problem, number)
            unsafe value[row] = glp_get_row_prim(problem, number)
            unsafe reducedCost[row] = glp_get_row_dual(problem, number)
            let definition = program.constraints[row]
            if let bound = definition.lower { lower[row] = bound }
            if let bound = definition.upper { upper[row] = bound }
        }
        for column in 0..<columns {
            let number = GLPKIndex.oneBased(column)
            unsafe status[rows + column] = glp_get_col_stat(problem, number)
            unsafe value[rows + column] = glp_get_col_prim(problem, number)
            unsafe reducedCost[rows + column] = glp_get_col_dual(problem, number)
            let definition = program.variables[column]
            if let bound = definition.lower { lower[rows + column] = bound }
            if let bound = definition.upper { upper[rows + column] = bound }
        }
        let taken = unsafe OptimumSnapshot(iterations: iterations, head: head, status: status, value: value,
                                           reducedCost: reducedCost, lower: lower, upper: upper,
                                           objective: glp_get_obj_val(problem))
        optimumSnapshot = taken
        return taken
    }

    func matrixByRow() -> RowMatrix {
        if let rowMatrix { return rowMatrix }
        let rows = program.constraints.count
        var start = [Int](repeating: 0, count: rows + 1)
        var columnIndex: [Int] = [], values: [Double] = []
        let most = program.variables.count + 1
        var indices = [Int32](repeating: 0, count: most), entries = [Double](repeating: 0, count: most)
        for row in 0..<rows {
            let count = unsafe Int(glp_get_mat_row(problem, GLPKIndex.oneBased(row), &indices, &entries))
            if count > 0 {
                for entry in 1...count {
                    columnIndex.append(GLPKIndex.zeroBased(indices[entry]))
                    values.append(entries[entry])
                }
            }
            start[row + 1] = columnIndex.count
        }
        let matrix = RowMatrix(start: start, column: columnIndex, value: values)
        rowMatrix = matrix
        return matrix
    }

    /// Dense work arrays for the steps, all zero between questions (each question puts back
    /// the entries it touched), so a question costs what its pivots touch.
    struct DualScratch {
        var xChange: [Double] = [], dChange: [Double] = [], alpha: [Double] = []
        var status: [Int32] = []
        /// Whether an index is in xTouched, alphaTouched: each is listed once.
        var xListed: [Bool] = [], alphaListed: [Bool] = []
        var xTouched: [Int] = [], dTouched: [Int] = [], statusTouched: [Int] = [], alphaTouched: [Int] = []

        mutating func fit(_ total: Int) {
            guard xChange.count != total else { return }
            xChange = [Double](repeating: 0, count: total)
            dChange = xChange
            alpha = xChange
            status = [Int32](repeating: 0, count: total)
            xListed = [Bool](repeating: false, count: total)
            alphaListed = xListed
        }

        mutating func clear() {
            for k in xTouched { (xChange[k], xListed[k]) = (0, false) }
            for k in dTouched { dChange[k] = 0 }
            for k in statusTouched { status[k] = 0 }
            for k in alphaTouched { (alpha[k], alphaListed[k]) = (0, false) }
            xTouched.removeAll(keepingCapacity: true)
            dTouched.removeAll(keepingCapacity: true)
            statusTouched.removeAll(keepingCapacity: true)
            alphaTouched.removeAll(keepingCapacity: true)
        }
    }

    /// The optimum with the given rows' upper bounds moved, the variables whose value moves
    /// there (rows first, then columns: index → change) and the moved rows' duals there (0 for a
    /// basic row, as glp_get_row_dual gives them), reached in at most `pivotLimit` dual simplex
    /// pivots from the optimal basis; nil when that does not settle it (see the type's comment).
    /// GLPK's problem is not changed.
    func dualSteps(withUpperBounds changes: [(constraint: Constraint, upper: Double)], pivotLimit: Int = GLPKProblem.dualStepLimit)
        -> (objective: Double, changes: [Int: Double], rowDuals: [Int: Double])? {
        guard hasBasis, !changedSinceSolve, !hasIntegerColumns,
              unsafe glp_get_status(problem) == GLP_OPT else { return nil }
        let rows = program.constraints.count
        guard rows > 0, unsafe glp_bf_exists(problem) != 0 || glp_factorize(problem) == 0,
              let start = snapshot() else { return nil }
        let total = rows + program.variables.count
        var work = dualScratch
        dualScratch = DualScratch()
        work.fit(total)
        defer {
            work.clear()
            dualScratch = work
        }
        // The state is the snapshot with what changed on top.
        var headChanged: [Int: Int] = [:], upperChanged: [Int: Double] = [:]
        func x(_ k: Int) -> Double { start.value[k] + work.xChange[k] }
        func moveX(_ k: Int, by change: Double) {
            if !work.xListed[k] {
                work.xListed[k] = true
                work.xTouched.append(k)
            }
            work.xChange[k] += change
        }
        func d(_ k: Int) -> Double { start.reducedCost[k] + work.dChange[k] }
        func setD(_ k: Int, _ value: Double) {
            if work.dChange[k] == 0 { work.dTouched.append(k) }
            work.dChange[k] = value - start.reducedCost[k]
        }
        func status(_ k: Int) -> Int32 { work.status[k] != 0 ? work.status[k] : start.status[k] }
        func setStatus(_ k: Int, _ value: Int32) {
            if work.status[k] == 0 { work.statusTouched.append(k) }
            work.status[k] = value
        }
        func head(_ position: Int) -> Int { headChanged[position] ?? start.head[position] }
        func upper(_ k: Int) -> Double { upperChanged[k] ?? start.upper[k] }
        let lower = start.lower
        /// The positions whose variable moved or whose bounds moved: the only ones that can
        /// have left their bounds.
        var touched = Set<Int>()
        // The moved bounds: a row at its upper bound moves with it, and the basic variables by
        // −B⁻¹Δ (one FTRAN).
        var moved = [Double](repeating: 0, count: rows + 1)
        var anyMove = false
        var basicRows = Set<Int>()
        for change in changes {
            let row = change.constraint.index
            guard row >= 0, row < rows, change.upper.isFinite, change.upper >= lower[row] else { return nil }
            switch start.status[row] {
            case GLP_BS:
                basicRows.insert(row)
            case GLP_NL:
                break
            case GLP_NU:
                let shift = change.upper - x(row)
                moved[row + 1] += shift
                anyMove = anyMove || shift != 0
                moveX(row, by: shift)
            default:
                // A fixed or free row would change its type: GLPK's to handle.
                guard change.upper == start.upper[row] else { return nil }
            }
            upperChanged[row] = change.upper
        }
        if !basicRows.isEmpty {
            for position in 0..<rows where basicRows.contains(start.head[position]) { touched.insert(position) }
        }
        var etas: [(position: Int, pivot: Double, column: [(Int, Double)])] = []
        /// B⁻¹ v for the current basis: GLPK's FTRAN with the first basis, then every eta in turn.
        func ftran(_ vector: inout [Double]) {
            unsafe glp_ftran(problem, &vector)
            for eta in etas {
                let scaled = vector[eta.position + 1] / eta.pivot
                guard scaled != 0 else { continue }
                for (position, entry) in eta.column where position != eta.position { vector[position + 1] -= entry * scaled }
                vector[eta.position + 1] = scaled
            }
        }
        /// B⁻ᵀ v: every eta transposed, last first, then GLPK's BTRAN.
        func btran(_ vector: inout [Double]) {
            for eta in etas.reversed() {
                var sum = vector[eta.position + 1]
                for (position, entry) in eta.column where position != eta.position { sum -= entry * vector[position + 1] }
                vector[eta.position + 1] = sum / eta.pivot
            }
            unsafe glp_btran(problem, &vector)
        }
        if anyMove {
            ftran(&moved)
            for position in 0..<rows where moved[position + 1] != 0 {
                moveX(start.head[position], by: -moved[position + 1])
                touched.insert(position)
            }
        }
        // A basic variable may sit just outside a bound in GLPK's optimum (within GLPK's own
        // tolerance): only a breach beyond that and beyond 1e-9 relative counts.
        func allowed(_ k: Int, _ bound: Double) -> Double {
            max(0, lower[k] - start.value[k], start.value[k] - start.upper[k]) + 1e-9 * max(1, abs(bound))
        }
        var rho: [Double] = [], w: [Double] = []
        var indices: [Int32] = [], entries: [Double] = []
        for _ in 0...pivotLimit {
            // The leaving variable: the basic one furthest outside its bounds.
            var leaving = -1, worst = 0.0, target = 0.0
            for position in touched.sorted() {
                let variable = head(position), value = x(variable)
                let below = lower[variable] - value, above = value - upper(variable)
                if below > allowed(variable, lower[variable]), below > worst {
                    (leaving, worst, target) = (position, below, lower[variable])
                } else if above > allowed(variable, upper(variable)), above > worst {
                    (leaving, worst, target) = (position, above, upper(variable))
                }
            }
            guard leaving >= 0 else {
                var objective = start.objective
                var result: [Int: Double] = [:]
                for k in work.xTouched.sorted() where work.xChange[k] != 0 {
                    result[k] = work.xChange[k]
                    if k >= rows { objective += (program.objective.terms[Variable(index: k - rows)] ?? 0) * work.xChange[k] }
                }
                var duals: [Int: Double] = [:]
                for change in changes { duals[change.constraint.index] = status(change.constraint.index) == GLP_BS ? 0 : d(change.constraint.index) }
                return (objective, result, duals)
            }
            guard etas.count < pivotLimit else { return nil }
            if rho.isEmpty {
                rho = [Double](repeating: 0, count: rows + 1)
                w = rho
                indices = [Int32](repeating: 0, count: rows + 1)
                entries = rho
            }
            let matrix = matrixByRow()
            let variable = head(leaving)
            let increase = x(variable) < target
            // The pivot row: α_k = ρᵀ a_k with ρ = B⁻ᵀ e_r, a_k the column of (I | −A).
            for index in rho.indices { rho[index] = 0 }
            rho[leaving + 1] = 1
            btran(&rho)
            for k in work.alphaTouched { (work.alpha[k], work.alphaListed[k]) = (0, false) }
            work.alphaTouched.removeAll(keepingCapacity: true)
            func addAlpha(_ k: Int, _ value: Double) {
                if !work.alphaListed[k] {
                    work.alphaListed[k] = true
                    work.alphaTouched.append(k)
                }
                work.alpha[k] += value
            }
            for row in 0..<rows where rho[row + 1] != 0 {
                let weight = rho[row + 1]
                addAlpha(row, weight)
                for entry in matrix.start[row]..<matrix.start[row + 1] {
                    addAlpha(rows + matrix.column[entry], -weight * matrix.value[entry])
                }
            }
            // x_r = −Σ α_k x_k: a non-basic variable that can move so that x_r moves towards
            // `target`; its reduced cost's slack before it changes sign bounds the step.
            // Harris' two passes: the largest step that breaks no reduced cost by more than 1e-9,
            // then among the candidates within it the largest pivot (ties by index).
            var bound = Double.infinity
            func room(_ k: Int) -> Double? {
                let value = work.alpha[k]
                guard abs(value) > 1e-9 else { return nil }
                let a = increase ? value : -value
                switch status(k) {
                case GLP_NL: return a < 0 ? max(0, -d(k)) : nil
                case GLP_NU: return a > 0 ? max(0, d(k)) : nil
                case GLP_NF: return abs(d(k))
                default: return nil
                }
            }
            for k in work.alphaTouched {
                if let room = room(k) { bound = min(bound, (room + 1e-9) / abs(work.alpha[k])) }
            }
            guard bound.isFinite else { return nil }
            var entering = -1, largest = 0.0
            for k in work.alphaTouched {
                guard let room = room(k) else { continue }
                let size = abs(work.alpha[k])
                if room / size <= bound, size > largest || (size == largest && k < entering) { (entering, largest) = (k, size) }
            }
            guard entering >= 0 else { return nil }
            let pivotAlpha = work.alpha[entering]
            // The entering column through the current basis; its pivot entry must agree with α.
            for index in w.indices { w[index] = 0 }
            if entering < rows {
                w[entering + 1] = 1
            } else {
                let count = unsafe Int(glp_get_mat_col(problem, GLPKIndex.oneBased(entering - rows), &indices, &entries))
                if count > 0 {
                    for entry in 1...count { w[Int(indices[entry])] = -entries[entry] }
                }
            }
            ftran(&w)
            let pivot = w[leaving + 1]
            guard abs(pivot) > 1e-9, abs(pivot - pivotAlpha) <= 1e-7 * max(1, abs(pivot)) else { return nil }
            // Reduced costs: d_k −= t α_k, t = d_q / α_q (the entering one's sign-clean cost).
            let enteringStatus = status(entering)
            let cost = enteringStatus == GLP_NL ? min(0, d(entering)) : enteringStatus == GLP_NU ? max(0, d(entering)) : 0
            let t = cost / pivotAlpha
            if t != 0 {
                for k in work.alphaTouched where status(k) != GLP_BS { setD(k, d(k) - t * work.alpha[k]) }
            }
            // Primal: the entering variable moves until the leaving one reaches its target.
            let step = (target - x(variable)) / -pivot
            var column: [(Int, Double)] = []
            for position in 0..<rows where w[position + 1] != 0 {
                column.append((position, w[position + 1]))
                moveX(head(position), by: -w[position + 1] * step)
                touched.insert(position)
            }
            moveX(entering, by: step)
            moveX(variable, by: target - x(variable))
            setD(entering, 0)
            setD(variable, -t)
            setStatus(entering, GLP_BS)
            setStatus(variable, lower[variable] == upper(variable) ? GLP_NS : (target == lower[variable] ? GLP_NL : GLP_NU))
            headChanged[leaving] = entering
            etas.append((leaving, pivot, column))
        }
        return nil
    }
}

import CGLPK

/// Rows added to a problem already made (glp_add_rows and glp_set_mat_row, GLPK manual section
/// 2.2): a cutting-plane method's master grows by its cuts without being rebuilt, and keeps its
/// basis. GLPK makes every new row's auxiliary variable basic, so the kept basis stays a basis and
/// stays dual feasible (a basic variable has no reduced cost); only the new rows may be violated,
/// which is what the dual simplex repairs from there (`SolverMethod.dual`).
extension GLPKProblem {
    /// One row to add: `lower ≤ expression ≤ upper` (nil is infinite), as `LinearProgram.addConstraint`
    /// takes it; the expression's constant moves to the bounds.
    public struct NewRow: Sendable {
        public var name: String
        public var expression: LinearExpression
        public var lower: Double?
        public var upper: Double?

        public init(_ name: String, _ expression: LinearExpression, lower: Double? = nil, upper: Double? = nil) {
            self.name = name
            self.expression = expression
            self.lower = lower
            self.upper = upper
        }
    }

    /// Appends `rows` to the problem and to `program`, and returns their constraints in order.
    /// Every row is checked before any is added (finite bounds and coefficients, lower ≤ upper,
    /// variables of this problem), so a refused call leaves the problem as it was. The basis is
    /// kept: the next `solve` with the dual simplex starts from it.
    @discardableResult
    public func addRows(_ rows: [NewRow]) throws -> [Constraint] {
        var checked = program
        var added: [Constraint] = []
        for row in rows {
            added.append(checked.addConstraint(row.name, row.expression, lower: row.lower, upper: row.upper))
        }
        let first = program.constraints.count
        for constraint in checked.constraints[first...] {
            let what = "constraint \(constraint.name)"
            if let lower = constraint.lower, !lower.isFinite { throw ModelError.nonFinite("lower bound of \(what)") }
            if let upper = constraint.upper, !upper.isFinite { throw ModelError.nonFinite("upper bound of \(what)") }
            if let lower = constraint.lower, let upper = constraint.upper, lower > upper {
                throw ModelError.emptyBounds("\(what): \(lower) > \(upper)")
            }
            for (variable, coefficient) in constraint.expression.terms {
                guard variable.index >= 0, variable.index < checked.variables.count else {
                    throw ModelError.unknownVariable(variable.index, in: constraint.name)
                }
                guard coefficient.isFinite else { throw ModelError.nonFinite("coefficient in \(what)") }
            }
        }
        guard checked.constraints.count < Int(Int32.max) else {
            throw ModelError.tooLarge("\(checked.constraints.count) rows")
        }
        guard !rows.isEmpty else { return [] }
        program = checked
        unsafe glp_add_rows(problem, Int32(rows.count))
        for constraint in added {
            let definition = program.constraints[constraint.index]
            let row = GLPKIndex.oneBased(constraint.index)
            unsafe GLPKProblem.setRowBounds(problem, row, definition.lower, definition.upper)
            let terms = definition.expression.sortedTerms.filter { $0.1 != 0 }
            let columns = GLPKIndex.array(terms.map { GLPKIndex.oneBased($0.0.index) })
            let values = GLPKIndex.array(terms.map(\.1))
            unsafe glp_set_mat_row(problem, row, Int32(terms.count), columns, values)
        }
        // An exported model names every row: the next export names the new ones too.
        hasNames = false
        // GLPK's basic solution is no longer that of the problem as it is, nor its scaling.
        changedSinceSolve = true
        scaledMatrix = false
        rowMatrix = nil
        return added
    }
}

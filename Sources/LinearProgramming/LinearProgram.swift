/// The direction of optimisation.
public enum OptimizationSense: Sendable { case minimize, maximize }

/// A domain-free linear or mixed-integer program: variables with bounds, linear constraints with
/// bounds, and a linear objective. It is a plain value; a backend (`GLPKProblem`, in the GLPK folder) solves it.
/// Infinite bounds are `nil`; every number is checked to be finite before a solver sees it.
public struct LinearProgram: Sendable {
    public struct VariableDefinition: Sendable {
        public var name: String
        public var lower: Double?
        public var upper: Double?
        public var isInteger: Bool
    }

    public struct ConstraintDefinition: Sendable {
        public var name: String
        public var expression: LinearExpression
        public var lower: Double?
        public var upper: Double?
    }

    public private(set) var variables: [VariableDefinition] = []
    public private(set) var constraints: [ConstraintDefinition] = []
    public var objective = LinearExpression()
    public var sense: OptimizationSense = .maximize
    public var name: String
    /// Rows that may join parts of the model that are otherwise independent (in this project the
    /// displacement rows between neighbouring municipalities, which cross police units where units
    /// border). Only a hint for the solver (`SolverProblems.make`): when few of them cross, the
    /// parts are solved apart first and the whole is finished from their bases. It changes no
    /// optimum.
    public var linkingRows: Set<Constraint> = []

    public init(name: String = "model") { self.name = name }

    public var hasIntegerVariables: Bool { variables.contains { $0.isInteger } }

    /// Adds a variable with the given bounds (`nil` is infinite).
    @discardableResult
    public mutating func addVariable(_ name: String, lower: Double? = 0, upper: Double? = nil,
                                     integer: Bool = false) -> Variable {
        variables.append(VariableDefinition(name: name, lower: lower, upper: upper, isInteger: integer))
        return Variable(index: variables.count - 1)
    }

    /// Adds a binary variable.
    @discardableResult
    public mutating func addBinary(_ name: String) -> Variable {
        addVariable(name, lower: 0, upper: 1, integer: true)
    }

    /// Adds `lower ≤ expression ≤ upper`; the expression's constant moves to the bounds.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ expression: LinearExpression,
                                       lower: Double? = nil, upper: Double? = nil) -> Constraint {
        var expression = expression
        let constant = expression.constant
        expression.constant = 0
        constraints.append(ConstraintDefinition(
            name: name, expression: expression,
            lower: lower.map { $0 - constant }, upper: upper.map { $0 - constant }))
        return Constraint(index: constraints.count - 1)
    }

    public mutating func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) {
        constraints[constraint.index].lower = lower
        constraints[constraint.index].upper = upper
    }

    public mutating func setBounds(of variable: Variable, lower: Double?, upper: Double?) {
        variables[variable.index].lower = lower
        variables[variable.index].upper = upper
    }

    /// Replaces the expression of a constraint (its bounds stay as they are).
    public mutating func replaceExpression(of constraint: Constraint, with expression: LinearExpression) {
        constraints[constraint.index].expression = expression
    }

    public mutating func setInteger(_ variable: Variable, _ isInteger: Bool) {
        variables[variable.index].isInteger = isInteger
    }

    public func definition(of variable: Variable) -> VariableDefinition { variables[variable.index] }
    public func definition(of constraint: Constraint) -> ConstraintDefinition { constraints[constraint.index] }

    /// Checks every number and index, so that no invalid call can reach the solver (GLPK aborts
    /// the process on an index out of range and treats NaN bounds as valid).
    public func validate() throws(ModelError) {
        func check(_ value: Double?, _ what: @autoclosure () -> String) throws(ModelError) {
            if let value, !value.isFinite { throw ModelError.nonFinite(what()) }
        }
        for (index, variable) in variables.enumerated() {
            try check(variable.lower, "lower bound of variable \(variable.name)")
            try check(variable.upper, "upper bound of variable \(variable.name)")
            if let lower = variable.lower, let upper = variable.upper, lower > upper {
                throw ModelError.emptyBounds("variable \(variable.name) (\(index + 1)): \(lower) > \(upper)")
            }
        }
        for constraint in constraints {
            try check(constraint.lower, "lower bound of constraint \(constraint.name)")
            try check(constraint.upper, "upper bound of constraint \(constraint.name)")
            if let lower = constraint.lower, let upper = constraint.upper, lower > upper {
                throw ModelError.emptyBounds("constraint \(constraint.name): \(lower) > \(upper)")
            }
            for (variable, coefficient) in constraint.expression.terms {
                guard variable.index >= 0, variable.index < variables.count else {
                    throw ModelError.unknownVariable(variable.index, in: constraint.name)
                }
                try check(coefficient, "coefficient in constraint \(constraint.name)")
            }
        }
        for (variable, coefficient) in objective.terms {
            guard variable.index >= 0, variable.index < variables.count else {
                throw ModelError.unknownVariable(variable.index, in: "objective")
            }
            try check(coefficient, "objective coefficient of \(variables[variable.index].name)")
        }
        try check(objective.constant, "objective constant")
    }
}

/// A model that cannot be handed to a solver.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    case nonFinite(String)
    case emptyBounds(String)
    case unknownVariable(Int, in: String)
    case unknownConstraint(Int, in: String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .nonFinite(let what): "the \(what) is not a finite number"
        case .emptyBounds(let what): "empty bounds on \(what)"
        case .unknownVariable(let index, let name): "variable \(index) in \(name) does not exist"
        case .unknownConstraint(let index, let name): "constraint \(index) in \(name) does not exist"
        case .tooLarge(let what): "the model is too large: \(what)"
        }
    }
}

/// What a solve found. Kept apart from "did the call work": an infeasible model is a result,
/// a backend failure is a thrown `SolverError`.
public enum SolutionStatus: String, Sendable, Equatable {
    case optimal
    case infeasible
    case unbounded
    /// Stopped by the time limit; `values` hold the best solution found, if any.
    case timeLimit = "time_limit"
}

/// The solution of a `LinearProgram`, indexed like its variables and constraints.
public struct Solution: Sendable {
    public var status: SolutionStatus
    /// Objective value of the returned point (the best one found when stopped early).
    public var objective: Double
    public var values: [Double]
    /// Activity (value of the expression) of every constraint.
    public var activities: [Double]
    /// Dual value of every constraint: the change of the objective per unit increase of the
    /// binding bound (empty for a MIP).
    public var duals: [Double]
    /// Reduced cost of every variable (empty for a MIP).
    public var reducedCosts: [Double]
    /// For a MIP stopped early: the best bound and the relative gap.
    public var bestBound: Double?
    public var gap: Double?
    /// Whether `values` hold a usable point (false when infeasible, or stopped before finding one).
    public var hasSolution: Bool
    /// Which method produced the solution, for reports and benchmarks.
    public var method: SolverMethod
    public var iterations: Int
    public var seconds: Double

    public init(status: SolutionStatus, objective: Double, values: [Double], activities: [Double],
                duals: [Double], reducedCosts: [Double], bestBound: Double? = nil, gap: Double? = nil,
                hasSolution: Bool, method: SolverMethod, iterations: Int = 0, seconds: Double = 0) {
        self.status = status
        self.objective = objective
        self.values = values
        self.activities = activities
        self.duals = duals
        self.reducedCosts = reducedCosts
        self.bestBound = bestBound
        self.gap = gap
        self.hasSolution = hasSolution
        self.method = method
        self.iterations = iterations
        self.seconds = seconds
    }

    public func value(_ variable: Variable) -> Double { values[variable.index] }
    public func value(_ expression: LinearExpression) -> Double { expression.evaluate(values) }
    public func activity(_ constraint: Constraint) -> Double { activities[constraint.index] }
    public func dual(_ constraint: Constraint) -> Double { duals.isEmpty ? 0 : duals[constraint.index] }
    public func reducedCost(_ variable: Variable) -> Double {
        reducedCosts.isEmpty ? 0 : reducedCosts[variable.index]
    }
}

/// How to solve an LP.
public enum SolverMethod: String, Sendable, CaseIterable {
    /// Chosen from the model's size (see `GLPKProblem.resolvedMethod`): the dual simplex below
    /// `GLPKProblem.crossoverRows` rows or with a kept basis, the crossover above. For a model
    /// made of independent parts (`Decomposition`) the size is that of each part.
    case automatic
    case primal
    case dual
    /// GLPK's interior point (glp_interior). Duals come from the interior solution; there is no
    /// basis, so no ranging. Falls back to the dual simplex when it fails.
    case interior
    /// The interior point, then an optimal basis from its solution (see
    /// `GLPKProblem.solveCrossover`): the interior point's speed with the simplex's duals and ranges.
    case crossover
    /// Branch-and-cut for a MIP.
    case branchAndCut = "branch-and-cut"
}

public struct SolverOptions: Sendable {
    public var method: SolverMethod
    public var presolve: Bool
    /// Wall-clock limit in seconds; nil is none.
    public var timeLimit: Double?
    /// Relative MIP gap at which branch-and-cut stops.
    public var mipGap: Double

    public init(method: SolverMethod = .automatic, presolve: Bool = false, timeLimit: Double? = nil,
                mipGap: Double = 1e-9) {
        self.method = method
        self.presolve = presolve
        self.timeLimit = timeLimit
        self.mipGap = mipGap
    }
}

/// A failure of the solver itself (not an infeasible or unbounded model).
public struct SolverError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The optimum of a problem with some bounds moved (`SolverProblem.objective(withUpperBounds:)`):
/// its status, objective (nil unless optimal) and the values of the columns asked for (empty
/// unless optimal).
public struct MovedOptimum: Sendable, Equatable {
    public var status: SolutionStatus
    public var objective: Double?
    public var values: [Double]
}

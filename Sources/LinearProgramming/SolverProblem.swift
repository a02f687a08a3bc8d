import Foundation

/// A program loaded into the solver and kept after its solve, for re-solves and sensitivity
/// analysis: one GLPK problem (`GLPKProblem`) or the independent parts of one
/// (`PartitionedProblem`). Made, used and dropped by one thread.
public protocol SolverProblem: AnyObject {
    var program: LinearProgram { get }
    func solve(_ options: SolverOptions) throws -> Solution
    /// The interval of a row's right-hand side over which the optimal basis stays optimal; nil
    /// when the row is not binding or there is no basis.
    func rightHandSideRanges(of constraints: [Constraint]) -> [ClosedRange<Double>?]
    /// The interval of t over which the optimal basis stays optimal with objective c + t·direction.
    func objectiveParameterRange(_ direction: [Variable: Double]) -> (lower: Double?, upper: Double?)?
    /// The dual of each row once its upper bound is moved to the given value, by a warm dual
    /// simplex; every bound is put back and the optimum restored. Nil where that is not optimal.
    func duals(withUpperBounds changes: [(constraint: Constraint, upper: Double)]) -> [Double?]
    /// Changes a row's or a column's bounds, or an objective coefficient, in place: the basis is
    /// kept, so the next `solve` starts from the previous optimum (a warm start).
    func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) throws
    func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws
    func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws
    /// For each expression, its least and its greatest value over the feasible set: the objective
    /// is replaced by the expression, minimised and then maximised by the primal simplex from the
    /// basis before (a warm start: the basis stays primal feasible when only the objective
    /// changes); at the end the objective is put back and re-solved warm. Nil where a solve does
    /// not end optimal (time limit, numerical trouble). `timeLimit` bounds the whole call.
    func extremes(of expressions: [LinearExpression], timeLimit: Double?) -> [(min: Double, max: Double)?]
}

/// Makes the problem object for a program: its independent parts apart when it has at least two
/// of a useful size (see `Decomposition`), solved on up to `threads` threads; else one GLPK problem.
public enum SolverProblems {
    public static func make(_ program: LinearProgram, threads: Int? = nil) throws -> any SolverProblem {
        let decomposition = Decomposition(program)
        guard decomposition.blocks.count > 1 else { return try GLPKProblem(program) }
        return try PartitionedProblem(program, decomposition: decomposition, threads: threads)
    }

    /// Threads used when none are asked for: one per core.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

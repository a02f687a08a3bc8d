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
    /// `objectiveParameterRange` for each direction, on the same basis.
    func objectiveParameterRanges(_ directions: [[Variable: Double]]) -> [(lower: Double?, upper: Double?)?]
    /// The dual of each row once its upper bound is moved to the given value, by a warm dual
    /// simplex; every bound is put back and the optimum restored. Nil where that is not optimal.
    func duals(withUpperBounds changes: [(constraint: Constraint, upper: Double)]) -> [Double?]
    /// Changes a row's or a column's bounds, or an objective coefficient, in place: the basis is
    /// kept, so the next `solve` starts from the previous optimum (a warm start).
    func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) throws
    func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws
    func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws
    /// Replaces a row's coefficients (its bounds stay); the basis's statuses are kept.
    func setCoefficients(of constraint: Constraint, _ expression: LinearExpression) throws
    /// For each expression, its least and its greatest value over the feasible set: the objective
    /// is replaced by the expression, minimised and then maximised by the primal simplex from the
    /// basis before (a warm start: the basis stays primal feasible when only the objective
    /// changes); at the end the objective is put back and re-solved warm. Nil where a solve does
    /// not end optimal (time limit, numerical trouble). `timeLimit` bounds the whole call.
    func extremes(of expressions: [LinearExpression], timeLimit: Double?) -> [(min: Double, max: Double)?]
    /// How every column's value changes when the given rows' upper bounds move, read off the
    /// optimal basis when it stays optimal (no simplex call, nothing changed); nil when it does
    /// not (then re-solve). See `GLPKProblem.changesKeepingBasis`.
    func changesKeepingBasis(withUpperBounds changes: [(constraint: Constraint, upper: Double)])
        -> [(variable: Variable, change: Double)]?
    /// The optimum of a related program, with this program's rows and columns in the same order
    /// and new columns after them (each in the rows of one independent part), solved warm from
    /// this problem's basis by the primal simplex. This problem is not changed.
    func solveRelated(_ related: LinearProgram, options: SolverOptions) throws -> Solution
    /// The optimal objective once the given rows' upper bounds move, and the values of `columns`
    /// there; the problem is then as it was (bounds put back, optimum restored). Read off the
    /// basis where it stays optimal, else re-solved warm (see `GLPKProblem.objective`).
    func objective(withUpperBounds changes: [(constraint: Constraint, upper: Double)], valuesOf columns: [Variable],
                   timeLimit: Double?) throws -> MovedOptimum
    /// `objective(withUpperBounds:valuesOf: [], timeLimit:)` for each question (a list of moved
    /// upper bounds); the same answers as asking them one by one. A problem of independent parts
    /// answers the questions of different parts at once, each part on its own thread.
    func objectives(withUpperBounds questions: [[(constraint: Constraint, upper: Double)]], timeLimit: Double?) throws
        -> [MovedOptimum]
}

extension SolverProblem {
    /// One by one.
    public func objectiveParameterRanges(_ directions: [[Variable: Double]]) -> [(lower: Double?, upper: Double?)?] {
        directions.map { objectiveParameterRange($0) }
    }

    /// One by one, each within what is left of `timeLimit` (seconds for all the questions).
    public func objectives(withUpperBounds questions: [[(constraint: Constraint, upper: Double)]], timeLimit: Double?) throws
        -> [MovedOptimum] {
        let start = Date()
        return try questions.map {
            try objective(withUpperBounds: $0, valuesOf: [], timeLimit: SolverProblems.remaining(of: timeLimit, since: start))
        }
    }
}

/// Makes the problem object for a program: its independent parts apart when it has at least two
/// of a useful size (see `Decomposition`), solved on up to `threads` threads; else one GLPK problem.
public enum SolverProblems {
    /// What is left of a time limit of several solves started at `start` (at least a millisecond,
    /// so that a solve still starts and reports its time limit); nil for no limit.
    static func remaining(of timeLimit: Double?, since start: Date) -> Double? {
        timeLimit.map { max(0.001, $0 - Date().timeIntervalSince(start)) }
    }

    ///
    /// When the program's `linkingRows` join parts that are otherwise independent, and those that
    /// cross are few (at most `couplingShare` of the rows), it is a `CoupledProblem`: the parts
    /// are solved apart first and the whole is finished from their bases.
    public static func make(_ program: LinearProgram, threads: Int? = nil) throws -> any SolverProblem {
        let decomposition = Decomposition(program, relaxing: program.linkingRows)
        guard decomposition.blocks.count > 1 else { return try GLPKProblem(program) }
        guard !decomposition.couplingRows.isEmpty else {
            return try PartitionedProblem(program, decomposition: decomposition, threads: threads)
        }
        guard !program.hasIntegerVariables,
              Double(decomposition.couplingRows.count) <= couplingShare * Double(program.constraints.count) else {
            return try GLPKProblem(program)
        }
        return try CoupledProblem(program, parts: decomposition, threads: threads)
    }

    /// The largest share of coupling rows for which the parts are solved first. The real nation
    /// has 254 among 11,565 rows (2%).
    public static let couplingShare = 0.1

    /// Threads used when none are asked for: one per core.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

import LinearProgramming
import Testing

/// Objective ranging on a problem solved by hand:
/// max 3x + 2y  s.t.  x + y ≤ 4,  x ≤ 3,  x, y ≥ 0.
/// Optimum x = 3, y = 1 (value 11); basis {x, y}.
/// - x's coefficient 3 + t: the basis stays optimal while 3 + t ≥ 2 (x is still the better use of
///   the shared row): t ≥ −1, no upper limit.
/// - y's coefficient 2 + t: optimal while 0 ≤ 2 + t ≤ 3: −2 ≤ t ≤ 1.
/// - both scaled together, c = (3, 2)(1 + t): optimal while 1 + t ≥ 0: t ≥ −1.
@Suite struct RangingTests {
    func solved() throws -> (GLPKProblem, Variable, Variable) {
        var program = LinearProgram()
        let x = program.addVariable("x"), y = program.addVariable("y")
        var both = LinearExpression(x, 1)
        both.add(y, 1)
        program.addConstraint("share", both, upper: 4)
        program.addConstraint("xcap", LinearExpression(x, 1), upper: 3)
        var objective = LinearExpression(x, 3)
        objective.add(y, 2)
        program.objective = objective
        let problem = try GLPKProblem(program)
        let solution = try problem.solve(SolverOptions(method: .dual))
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 11) < 1e-9)
        return (problem, x, y)
    }

    @Test func rangeOfOneCoefficient() throws {
        let (problem, x, y) = try solved()
        let rangeX = try #require(problem.objectiveParameterRange([x: 1]))
        #expect(abs((rangeX.lower ?? .nan) + 1) < 1e-9)
        #expect(rangeX.upper == nil)
        let rangeY = try #require(problem.objectiveParameterRange([y: 1]))
        #expect(abs((rangeY.lower ?? .nan) + 2) < 1e-9)
        #expect(abs((rangeY.upper ?? .nan) - 1) < 1e-9)
    }

    /// Several directions on one basis: the ranges one by one above, in the order asked.
    @Test func rangesOfSeveralDirectionsAtOnce() throws {
        let (problem, x, y) = try solved()
        let ranges = problem.objectiveParameterRanges([[y: 1], [x: 1], [x: 3, y: 2]])
        #expect(ranges.count == 3)
        #expect(ranges[0].map { abs(($0.lower ?? .nan) + 2) < 1e-9 && abs(($0.upper ?? .nan) - 1) < 1e-9 } == true)
        #expect(ranges[1].map { abs(($0.lower ?? .nan) + 1) < 1e-9 && $0.upper == nil } == true)
        #expect(ranges[2].map { abs(($0.lower ?? .nan) + 1) < 1e-9 && $0.upper == nil } == true)
    }

    @Test func rangeOfAScaledObjectiveAndTheSolutionIsKept() throws {
        let (problem, x, y) = try solved()
        let range = try #require(problem.objectiveParameterRange([x: 3, y: 2]))
        #expect(abs((range.lower ?? .nan) + 1) < 1e-9)
        #expect(range.upper == nil)
        // Ranging leaves the problem as it was: the next solve starts from the same optimum.
        let again = try problem.solve(SolverOptions(method: .dual))
        #expect(abs(again.objective - 11) < 1e-9)
        #expect(again.iterations == 0)
    }

    /// The crossover (interior point, then a basis) ends at the same optimum with a basis: the same
    /// duals and the same ranges as the dual simplex.
    @Test func crossoverLeavesAnOptimalBasisForRanging() throws {
        var program = LinearProgram()
        let x = program.addVariable("x"), y = program.addVariable("y")
        let share = program.addConstraint("share", LinearExpression([x: 1, y: 1]), upper: 4)
        let xcap = program.addConstraint("xcap", LinearExpression(x, 1), upper: 3)
        program.objective = LinearExpression([x: 3, y: 2])
        let problem = try GLPKProblem(program)
        let solution = try problem.solve(SolverOptions(method: .crossover))
        #expect(solution.status == .optimal)
        #expect(solution.method == .crossover)
        #expect(abs(solution.objective - 11) < 1e-9)
        #expect(abs(solution.dual(share) - 2) < 1e-9)
        #expect(abs(solution.dual(xcap) - 1) < 1e-9)
        // share: y = b − 3 ≥ 0 from 3 up; xcap: x = b ≤ 4 and y = 4 − b ≥ 0, so 0 ≤ b ≤ 4.
        let range = try #require(problem.rightHandSideRange(of: xcap))
        #expect(abs(range.lowerBound) < 1e-9 && abs(range.upperBound - 4) < 1e-9)
        let weight = try #require(problem.objectiveParameterRange([y: 1]))
        #expect(abs((weight.lower ?? .nan) + 2) < 1e-9)
        #expect(abs((weight.upper ?? .nan) - 1) < 1e-9)
    }

    /// When the interior point has no optimum the crossover hands over to the dual simplex, which
    /// tells infeasible from unbounded.
    @Test func crossoverFallsBackToTheSimplexWithoutAnOptimum() throws {
        var infeasible = LinearProgram()
        let x = infeasible.addVariable("x", lower: 0, upper: 1)
        infeasible.addConstraint("low", LinearExpression(x, 1), lower: 2)
        infeasible.objective = LinearExpression(x, 1)
        #expect(try GLPK.solve(infeasible, options: SolverOptions(method: .crossover)).status == .infeasible)

        var unbounded = LinearProgram()
        let a = unbounded.addVariable("a"), b = unbounded.addVariable("b")
        unbounded.addConstraint("diff", LinearExpression([a: 1, b: -1]), upper: 1)
        unbounded.objective = LinearExpression([a: 1, b: 1])
        #expect(try GLPK.solve(unbounded, options: SolverOptions(method: .crossover)).status == .unbounded)
    }
}

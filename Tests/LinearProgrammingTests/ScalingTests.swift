import Testing
@testable import LinearProgramming

/// GLPK scales a problem once while its coefficients stay the same (`GLPKProblem.scaledMatrix`):
/// the factors depend on the matrix only, so a start after moved bounds keeps them, and a copy of
/// the problem takes them with its basis instead of scaling itself (0.2 s on the real nation).
///
///   maximise x + y
///   a: x + 2y ≤ 4
///   b: 3x + y ≤ 6,  x, y ≥ 0
///
/// By hand: the corners are (0, 0), (2, 0), (0, 2) and where a and b meet: x = 4 − 2y, so
/// 3(4 − 2y) + y = 6, y = 1.2, x = 1.6: x + y = 2.8, the optimum.
@Suite struct ScalingTests {
    private static func program() -> (LinearProgram, Constraint) {
        var program = LinearProgram(name: "scaling")
        let x = program.addVariable("x"), y = program.addVariable("y")
        let a = program.addConstraint("a", LinearExpression([x: 1, y: 2]), upper: 4)
        program.addConstraint("b", LinearExpression([x: 3, y: 1]), upper: 6)
        program.objective = LinearExpression([x: 1, y: 1])
        program.sense = .maximize
        return (program, a)
    }

    @Test func aProblemIsScaledOnceWhileItsCoefficientsStayTheSame() throws {
        let (program, a) = Self.program()
        let problem = try GLPKProblem(program)
        #expect(!problem.scaledMatrix)
        let first = try problem.solve(SolverOptions(method: .dual))
        #expect(first.status == .optimal && abs(first.objective - 2.8) < 1e-9)
        #expect(problem.scaledMatrix)
        let statuses = problem.basisStatuses(withScales: true)
        let scales = try #require(statuses.scales)
        #expect(scales.rows.count == 2 && scales.columns.count == 2)

        // A moved bound leaves the matrix, and so the factors, as they are.
        try problem.setBounds(of: a, lower: nil, upper: 5)
        problem.start(from: statuses)
        #expect(problem.scaledMatrix)
        #expect(problem.basisStatuses(withScales: true).scales?.rows == scales.rows)

        // A copy started from the statuses takes the factors and is optimal without a pivot.
        let copy = try GLPKProblem(program)
        copy.start(from: statuses)
        #expect(copy.scaledMatrix)
        #expect(copy.basisStatuses(withScales: true).scales?.columns == scales.columns)
        let again = try copy.solve(SolverOptions(method: .dual))
        #expect(again.status == .optimal && abs(again.objective - 2.8) < 1e-9 && again.iterations == 0)

        // New coefficients need new factors, which the next start computes. a becomes x + y ≤ 5
        // (its bound moved above): with b, y = 5 − x needs 3x + 5 − x ≤ 6, x ≤ 0.5, so x + y = 5.
        try problem.setCoefficients(of: a, LinearExpression([Variable(index: 0): 1, Variable(index: 1): 1]))
        #expect(!problem.scaledMatrix)
        problem.start(from: problem.basisStatuses())
        #expect(problem.scaledMatrix)
        let changed = try problem.solve(SolverOptions(method: .dual))
        #expect(changed.status == .optimal && abs(changed.objective - 5) < 1e-9)
    }

    /// A factor that is not positive would abort GLPK (glp_set_rii): such factors are not taken,
    /// and the problem scales itself; the optimum is still 2.8.
    @Test func factorsThatAreNotPositiveAreNotTaken() throws {
        let (program, _) = Self.program()
        let problem = try GLPKProblem(program)
        var statuses = problem.basisStatuses()
        statuses.scales = (rows: [0, 1], columns: [1, .nan])
        problem.start(from: statuses)
        #expect(problem.scaledMatrix)
        let solution = try problem.solve(SolverOptions(method: .dual))
        #expect(solution.status == .optimal && abs(solution.objective - 2.8) < 1e-9)
    }
}

@testable import LinearProgramming
import Testing

/// Two parts joined by one coupling row, worked by hand:
/// max 3 x1 + x2  s.t. cap1: x1 ≤ 10, cap2: x2 ≤ 4, gap: x1 − x2 ≤ 2 (the linking row), x ≥ 0.
/// Apart, the parts take x1 = 10, x2 = 4 (34), which breaks gap (6 > 2). The whole: x2 = 4 and
/// x1 = x2 + 2 = 6, so 3·6 + 4 = 22; duals gap 3 (x1's), cap2 1 + 3 = 4, cap1 0.
@Suite struct CoupledProblemTests {
    struct Example {
        var program = LinearProgram()
        let x1, x2: Variable
        let cap1, cap2, gap: Constraint

        init() {
            x1 = program.addVariable("x1")
            x2 = program.addVariable("x2")
            cap1 = program.addConstraint("cap1", LinearExpression(x1, 1), upper: 10)
            cap2 = program.addConstraint("cap2", LinearExpression(x2, 1), upper: 4)
            gap = program.addConstraint("gap", LinearExpression([x1: 1, x2: -1]), upper: 2)
            program.linkingRows = [gap]
            program.objective = LinearExpression([x1: 3, x2: 1])
        }

        /// The parts kept apart however small they are.
        func coupled() throws -> CoupledProblem {
            let parts = Decomposition(program, minimumRows: 1, relaxing: program.linkingRows)
            return try CoupledProblem(program, parts: parts, threads: 2)
        }
    }

    @Test func theRelaxedPartsLeaveTheCouplingRowOut() {
        let example = Example()
        let parts = Decomposition(example.program, minimumRows: 1, relaxing: example.program.linkingRows)
        #expect(parts.blocks.count == 2)
        #expect(parts.couplingRows == [example.gap.index])
    }

    /// A partitioned problem could not change or range a row in no part: it refuses such parts.
    @Test func aPartitionedProblemRefusesCouplingRows() {
        let example = Example()
        let parts = Decomposition(example.program, minimumRows: 1, relaxing: example.program.linkingRows)
        #expect(throws: SolverError("the parts of a partitioned problem must be independent: 1 row(s) join two of them")) {
            try PartitionedProblem(example.program, decomposition: parts)
        }
    }

    @Test func theCoupledSolveReachesTheWholesOptimum() throws {
        let example = Example()
        let solution = try example.coupled().solve(SolverOptions())
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 22) < 1e-9)
        #expect(abs(solution.value(example.x1) - 6) < 1e-9)
        #expect(abs(solution.value(example.x2) - 4) < 1e-9)
        #expect(abs(solution.dual(example.gap) - 3) < 1e-9)
        #expect(abs(solution.dual(example.cap2) - 4) < 1e-9)
    }

    /// A related program solved from the first solve's part bases: a new column y ∈ [0, 1] worth 5
    /// that takes 2 of cap1 (x1 + 2 y ≤ 10). Apart, part 1 keeps x1 = 10, y = 0 (30 beats
    /// 3·8 + 5 = 29); the whole has x1 = 6 (gap), so y = 1 fits (6 + 2 ≤ 10): 18 + 4 + 5 = 27.
    /// The first problem stays at 22.
    @Test func aRelatedProgramStartsFromThePartsBases() throws {
        var example = Example()
        let coupled = try example.coupled()
        _ = try coupled.solve(SolverOptions())
        let y = example.program.addVariable("y", lower: 0, upper: 1)
        example.program.replaceExpression(of: example.cap1, with: LinearExpression([example.x1: 1, y: 2]))
        example.program.objective = LinearExpression([example.x1: 3, example.x2: 1, y: 5])
        let parts = Decomposition(example.program, minimumRows: 1, relaxing: example.program.linkingRows)
        let related = try coupled.solveRelatedPartsFirst(example.program, options: SolverOptions(), parts: parts)
        #expect(related.status == .optimal)
        // The parts went on by the primal simplex from their bases (cold they take the dual).
        #expect(related.method == .primal)
        #expect(abs(related.objective - 27) < 1e-9)
        #expect(abs(related.value(y) - 1) < 1e-9)
        #expect(abs(related.value(example.x1) - 6) < 1e-9)
        let again = try coupled.solve(SolverOptions())
        #expect(abs(again.objective - 22) < 1e-9)
    }

    /// Questions asked together get the answers asked one by one. By hand: cap2 to 5 gives
    /// x = (7, 5), 26; cap1 to 8 leaves (6, 4), 22; cap2 to 9 gives x2 = 9, x1 = 10 (cap1; gap
    /// 1 ≤ 2), 39; cap1 to 5 gives (5, 4), 19; both cap1 to 5 and cap2 to 9 (two parts) give
    /// x1 = 5, x2 = 9, 24.
    @Test func questionsAskedTogetherGetTheAnswersOneByOne() throws {
        let example = Example()
        let questions: [[(constraint: Constraint, upper: Double)]] = [
            [(example.cap2, 5)], [(example.cap1, 8)], [(example.cap2, 9)], [(example.cap1, 5)], [(example.cap1, 5), (example.cap2, 9)],
        ]
        let together = try example.coupled()
        _ = try together.solve(SolverOptions())
        let batch = try together.objectives(withUpperBounds: questions, timeLimit: nil)
        let single = try example.coupled()
        _ = try single.solve(SolverOptions())
        let oneByOne = try questions.map { try single.objective(withUpperBounds: $0, valuesOf: [], timeLimit: nil) }
        for (answer, expected) in zip(batch, [26.0, 22, 39, 19, 24]) {
            #expect(answer.status == .optimal && abs((answer.objective ?? .nan) - expected) < 1e-9)
        }
        #expect(zip(batch, oneByOne).allSatisfy { abs(($0.objective ?? .nan) - ($1.objective ?? .nan)) < 1e-9 })
        // The problem is at its optimum afterwards.
        #expect(abs(try together.solve(SolverOptions()).objective - 22) < 1e-9)
    }

    /// The same questions twice, with the questions left to the whole shared with a copy of it
    /// from the first one on: the answers by hand above, with one thread and with two.
    @Test(arguments: [1, 2])
    func questionsSharedWithACopyOfTheWholeGetTheSameAnswers(threads: Int) throws {
        let example = Example()
        let questions: [[(constraint: Constraint, upper: Double)]] = [
            [(example.cap2, 5)], [(example.cap1, 8)], [(example.cap2, 9)], [(example.cap1, 5)], [(example.cap1, 5), (example.cap2, 9)],
        ]
        let problem = try CoupledProblem(example.program, parts: Decomposition(example.program, minimumRows: 1, relaxing: example.program.linkingRows),
                                         threads: threads)
        problem.copyFrom = 1
        _ = try problem.solve(SolverOptions())
        let answers = try problem.objectives(withUpperBounds: questions + questions, timeLimit: nil)
        #expect(answers.map(\.status) == Array(repeating: .optimal, count: 10))
        #expect(zip(answers.map { $0.objective ?? .nan }, [26.0, 22, 39, 19, 24, 26, 22, 39, 19, 24]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(problem.askedOfCopies > 0)
        #expect(abs(try problem.solve(SolverOptions()).objective - 22) < 1e-9)
    }

    /// Independent parts (no gap row): max 3 x1 + x2 with x1 ≤ 10, x2 ≤ 4 is 34. cap1 to 12 is
    /// 40, cap2 to 1 is 31 (each part alone, on its own thread), both at once 37.
    @Test func independentPartsAnswerTheirQuestionsAtOnce() throws {
        var program = LinearProgram()
        let x1 = program.addVariable("x1"), x2 = program.addVariable("x2")
        let cap1 = program.addConstraint("cap1", LinearExpression(x1, 1), upper: 10)
        let cap2 = program.addConstraint("cap2", LinearExpression(x2, 1), upper: 4)
        program.objective = LinearExpression([x1: 3, x2: 1])
        let problem = try PartitionedProblem(program, decomposition: Decomposition(program, minimumRows: 1), threads: 2)
        #expect(abs(try problem.solve(SolverOptions()).objective - 34) < 1e-9)
        let answers = try problem.objectives(withUpperBounds: [[(cap1, 12)], [(cap2, 1)], [(cap1, 12), (cap2, 1)]], timeLimit: nil)
        #expect(answers.map(\.status) == [.optimal, .optimal, .optimal])
        #expect(zip(answers.map { $0.objective ?? .nan }, [40.0, 31, 37]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// cap2 to 5 keeps the basis {x1, x2, cap1's slack}: x2 and x1 both rise by 1 (gap binds),
    /// cap1's activity 7 ≤ 10. cap2 to 9 would need x1 = 11 > 10: the basis does not hold.
    @Test func movedBoundsReadOffTheBasisWhenItHolds() throws {
        let example = Example()
        let problem = try GLPKProblem(example.program)
        _ = try problem.solve(SolverOptions(method: .dual))
        let moved = try #require(problem.changesKeepingBasis(withUpperBounds: [(example.cap2, 5)]))
            .sorted { $0.variable < $1.variable }
        #expect(moved.map(\.variable) == [example.x1, example.x2])
        #expect(moved.allSatisfy { abs($0.change - 1) < 1e-9 })
        #expect(problem.changesKeepingBasis(withUpperBounds: [(example.cap2, 9)]) == nil)
    }

    /// cap2 to 5: x = (7, 5), 26. cap2 to 9: x1 = 10 (cap1), x2 = 9, 39. Each answer leaves the
    /// problem at its own optimum (22), for the coupled problem and for the plain one.
    @Test func theOptimumAfterMovedBoundsIsTheResolvedOne() throws {
        let example = Example()
        let problems: [any SolverProblem] = [try example.coupled(), try GLPKProblem(example.program)]
        for problem in problems {
            _ = try problem.solve(SolverOptions())
            for (upper, expected) in [(5.0, 26.0), (9.0, 39.0), (5.0, 26.0)] {
                let answer = try problem.objective(withUpperBounds: [(example.cap2, upper)], valuesOf: [example.x1],
                                                   timeLimit: nil)
                #expect(answer.status == .optimal)
                #expect(abs((answer.objective ?? 0) - expected) < 1e-9)
                #expect(abs((answer.values.first ?? 0) - (expected - upper) / 3) < 1e-9)
            }
            let again = try problem.solve(SolverOptions(method: .dual))
            #expect(abs(again.objective - 22) < 1e-9)
        }
    }

    /// gap becomes x1 − 2 x2 ≤ 2: x1 ≤ 2 + 2·4 = 10 = cap1, so both parts reach their own caps:
    /// 3·10 + 4 = 34, re-solved from the kept basis.
    @Test func newRowCoefficientsAreSolvedFromTheKeptBasis() throws {
        let example = Example()
        let problems: [any SolverProblem] = [try example.coupled(), try GLPKProblem(example.program)]
        for problem in problems {
            _ = try problem.solve(SolverOptions())
            try problem.setCoefficients(of: example.gap, LinearExpression([example.x1: 1, example.x2: -2]))
            let solution = try problem.solve(SolverOptions())
            #expect(abs(solution.objective - 34) < 1e-9)
            #expect(abs(solution.value(example.x1) - 10) < 1e-9)
        }
    }

    /// A question that moves both parts, and that the steps on the whole cannot settle, goes
    /// through the parts first. With a floor x1 ≥ 3 in part 1, cap1 to 9 and cap2 to 0.5 leave
    /// x1 ≤ x2 + 2 ≤ 2.5 < 3: infeasible, though each part alone is feasible (x1 = 9, x2 = 0.5).
    /// Afterwards the problem is back at its optimum (22) and answers the next question (cap2 to
    /// 5: 26) as before.
    @Test func aQuestionOnBothPartsGoesThroughTheParts() throws {
        var example = Example()
        _ = example.program.addConstraint("floor1", LinearExpression(example.x1, 1), lower: 3)
        let problem = try example.coupled()
        #expect(problem.parts.blocks.count == 2)
        _ = try problem.solve(SolverOptions())
        let answer = try problem.objective(withUpperBounds: [(example.cap1, 9), (example.cap2, 0.5)], valuesOf: [], timeLimit: nil)
        #expect(answer.status == .infeasible)
        let next = try problem.objective(withUpperBounds: [(example.cap2, 5)], valuesOf: [], timeLimit: nil)
        #expect(abs((next.objective ?? 0) - 26) < 1e-9)
        let again = try problem.solve(SolverOptions(method: .dual))
        #expect(abs(again.objective - 22) < 1e-9)
    }
}

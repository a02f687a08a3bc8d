import LinearProgramming
import Testing

/// Two independent problems in one program, rows and columns interleaved, worked by hand:
/// - A: max 3x + 2y  s.t. share: x + y ≤ 4, xcap: x ≤ 3. Optimum x = 3, y = 1 (11);
///   duals share 2, xcap 1 (x's 3 − y's 2).
/// - B: max 5u + v  s.t. mix: u + 2v ≤ 6, ucap: u ≤ 2. Optimum u = 2, v = 2 (12);
///   duals mix 0.5 (v's 1 over its 2), ucap 4.5 (5 − 0.5).
/// - w ∈ [0, 7] with objective 1 is in no row: 7. The objective's constant is 1.
/// The whole: 11 + 12 + 7 + 1 = 31.
@Suite struct DecompositionTests {
    struct Example {
        var program = LinearProgram()
        var x, u, w, y, v: Variable
        var share, mix, xcap, ucap: Constraint

        init() {
            x = program.addVariable("x")
            u = program.addVariable("u")
            w = program.addVariable("w", lower: 0, upper: 7)
            y = program.addVariable("y")
            v = program.addVariable("v")
            share = program.addConstraint("share", LinearExpression([x: 1, y: 1]), upper: 4)
            mix = program.addConstraint("mix", LinearExpression([u: 1, v: 2]), upper: 6)
            xcap = program.addConstraint("xcap", LinearExpression(x, 1), upper: 3)
            ucap = program.addConstraint("ucap", LinearExpression(u, 1), upper: 2)
            program.objective = LinearExpression([x: 3, y: 2, u: 5, v: 1, w: 1], constant: 1)
        }

        /// The parts kept apart however small they are.
        func partitioned(threads: Int) throws -> PartitionedProblem {
            try PartitionedProblem(program, decomposition: Decomposition(program, minimumRows: 1), threads: threads)
        }
    }

    @Test func findsTheIndependentPartsInOrderOfTheirFirstRow() {
        let example = Example()
        let decomposition = Decomposition(example.program, minimumRows: 1)
        #expect(decomposition.blocks.map(\.constraints) == [[0, 2], [1, 3]])
        // w is in no row: it joins the first part.
        #expect(decomposition.blocks.map(\.variables) == [[0, 2, 3], [1, 4]])
        #expect(decomposition.locate(example.ucap) == (1, Constraint(index: 1)) as (Int, Constraint))
        #expect(decomposition.locate(example.y) == (0, Variable(index: 2)) as (Int, Variable))
        let part = decomposition.program(1, of: example.program)
        #expect(part.constraints.map(\.name) == ["mix", "ucap"])
        #expect(part.constraints[0].expression == LinearExpression([Variable(index: 0): 1, Variable(index: 1): 2]))
        #expect(part.objective == LinearExpression([Variable(index: 0): 5, Variable(index: 1): 1]))
    }

    @Test func smallPartsArePackedTogetherAndThenSolvedAsOne() throws {
        let example = Example()
        // Parts of 2 rows each stay in one block until it has `minimumRows`.
        #expect(Decomposition(example.program, minimumRows: 4).blocks.count == 1)
        #expect(Decomposition(example.program, minimumRows: 2).blocks.count == 2)
        #expect(try SolverProblems.make(example.program) is GLPKProblem)
    }

    @Test(arguments: [1, 2])
    func solvesThePartsApartToTheOptimumOfTheWhole(threads: Int) throws {
        let example = Example()
        let problem = try example.partitioned(threads: threads)
        let solution = try problem.solve(SolverOptions(method: .dual))
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 31) < 1e-9)
        let values = [example.x, example.u, example.w, example.y, example.v].map { solution.value($0) }
        #expect(zip(values, [3, 2, 7, 1, 2]).allSatisfy { abs($0 - $1) < 1e-9 })
        let duals = [example.share, example.mix, example.xcap, example.ucap].map { solution.dual($0) }
        #expect(zip(duals, [2, 0.5, 1, 4.5]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(abs(solution.activity(example.mix) - 6) < 1e-9)
        // The same as one GLPK problem of the whole.
        let whole = try GLPK.solve(example.program, options: SolverOptions(method: .dual))
        #expect(abs(whole.objective - solution.objective) < 1e-9)
    }

    @Test(arguments: [1, 2])
    func rangesComeFromThePartThatHoldsTheRow(threads: Int) throws {
        let example = Example()
        let problem = try example.partitioned(threads: threads)
        _ = try problem.solve(SolverOptions(method: .dual))
        // share: y = b − 3 stays ≥ 0 from b = 3 up; ucap: v = (6 − b)/2 ≥ 0 and u = b ≥ 0.
        let ranges = problem.rightHandSideRanges(of: [example.share, example.ucap])
        #expect(ranges[0].map { abs($0.lowerBound - 3) < 1e-9 && $0.upperBound > 1e300 } == true)
        #expect(ranges[1].map { abs($0.lowerBound) < 1e-9 && abs($0.upperBound - 6) < 1e-9 } == true)
        // Beyond 6, mix alone limits u (u = 6, v = 0): one more hour of ucap is worth nothing.
        // Within the range, share's dual stays 2.
        let beyond = problem.duals(withUpperBounds: [(example.ucap, 7), (example.share, 5)])
        #expect(beyond.count == 2)
        #expect(beyond[0].map { abs($0) < 1e-9 } == true)
        #expect(beyond[1].map { abs($0 - 2) < 1e-9 } == true)
        // The bounds are back and so is the optimum: a new solve needs no pivot.
        let again = try problem.solve(SolverOptions(method: .dual))
        #expect(abs(again.objective - 31) < 1e-9)
        #expect(again.iterations == 0)
    }

    @Test(arguments: [1, 2])
    func objectiveRangesCombineEveryPartTheDirectionTouches(threads: Int) throws {
        let example = Example()
        let problem = try example.partitioned(threads: threads)
        _ = try problem.solve(SolverOptions(method: .dual))
        // x: 3 + t stays above y's 2 for t ≥ −1; u: 5 + t stays above mix's 0.5 for t ≥ −4.5.
        let first = try #require(problem.objectiveParameterRange([example.x: 1, example.u: 1]))
        #expect(first.lower.map { abs($0 + 1) < 1e-9 } == true)
        #expect(first.upper == nil)
        // y: 0 ≤ 2 + t ≤ 3 gives −2 ≤ t ≤ 1; v: mix's dual (1 + t)/2 ≥ 0 and ucap's
        // 5 − (1 + t)/2 ≥ 0 give −1 ≤ t ≤ 9. Together −1 ≤ t ≤ 1.
        let second = try #require(problem.objectiveParameterRange([example.y: 1, example.v: 1]))
        #expect(second.lower.map { abs($0 + 1) < 1e-9 } == true)
        #expect(second.upper.map { abs($0 - 1) < 1e-9 } == true)
    }

    /// With two threads the parts' problems are made by the first solve, each by the thread
    /// that claims it; a change asked for before then must reach them.
    @Test func changesBeforeTheFirstSolveReachThePartsMadeByIt() throws {
        let example = Example()
        let problem = try example.partitioned(threads: 2)
        // share ≤ 2: A is x = 2, y = 0 (6); w's objective 2: 14. 6 + 12 + 14 + 1 = 33.
        try problem.setBounds(of: example.share, lower: nil, upper: 2)
        try problem.setObjectiveCoefficient(of: example.w, 2)
        // A bound that is not a number is refused at once, as the parts' problems would refuse it.
        #expect(throws: ModelError.self) { try problem.setBounds(of: example.mix, lower: nil, upper: .nan) }
        let solution = try problem.solve(SolverOptions(method: .dual))
        #expect(abs(solution.objective - 33) < 1e-9)
        #expect(abs(solution.value(example.x) - 2) < 1e-9)
    }

    /// A question before any solve makes the parts (no basis yet: no range); the solve after it
    /// uses them.
    @Test func aQuestionBeforeTheFirstSolveMakesThePartsWithoutAnAnswer() throws {
        let example = Example()
        let problem = try example.partitioned(threads: 2)
        #expect(problem.rightHandSideRanges(of: [example.share, example.mix]).allSatisfy { $0 == nil })
        #expect(abs(try problem.solve(SolverOptions(method: .dual)).objective - 31) < 1e-9)
        #expect(problem.rightHandSideRanges(of: [example.share])[0].map { abs($0.lowerBound - 3) < 1e-9 } == true)
    }

    @Test func anInfeasiblePartMakesTheWholeInfeasible() throws {
        var example = Example()
        // v ≥ 5 needs u ≤ 6 − 10 < 0.
        example.program.addConstraint("vmin", LinearExpression(example.v, 1), lower: 5)
        let problem = try example.partitioned(threads: 2)
        let solution = try problem.solve(SolverOptions(method: .dual))
        #expect(solution.status == .infeasible)
        #expect(!solution.hasSolution)
        #expect(solution.values.isEmpty)
    }

    @Test func integerPartsAddTheirBounds() throws {
        var example = Example()
        // u integer with u ≤ 2.5: u = 2, v = 2 in B (the relaxation has u = 2.5, v = 1.75: 14.25).
        example.program.setInteger(example.u, true)
        example.program.setBounds(of: example.ucap, lower: nil, upper: 2.5)
        let problem = try example.partitioned(threads: 2)
        let solution = try problem.solve(SolverOptions())
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 31) < 1e-9)
        #expect(solution.bestBound.map { abs($0 - solution.objective) < 1e-9 } == true)
        #expect(solution.gap.map { $0 < 1e-9 } == true)
    }
}

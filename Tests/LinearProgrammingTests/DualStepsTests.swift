@testable import LinearProgramming
import Testing

/// The dual simplex steps taken on GLPK's factorization (GLPKProblem+DualSteps), worked by hand on
/// max 3 x1 + x2  s.t. cap1: x1 ≤ 10, cap2: x2 ≤ 4, gap: x1 − x2 ≤ 2, sum: x1 + x2 ≤ 12, x ≥ 0.
/// Optimum x = (6, 4), 22: cap2 and gap bind (duals 4 and 3), x1, x2 and the rows cap1 and sum
/// are basic.
@Suite struct DualStepsTests {
    struct Example {
        var program = LinearProgram()
        let x1, x2: Variable
        let cap1, cap2, gap, sum: Constraint

        init(floor: Double? = nil) {
            x1 = program.addVariable("x1")
            x2 = program.addVariable("x2")
            cap1 = program.addConstraint("cap1", LinearExpression(x1, 1), upper: 10)
            cap2 = program.addConstraint("cap2", LinearExpression(x2, 1), upper: 4)
            gap = program.addConstraint("gap", LinearExpression([x1: 1, x2: -1]), upper: 2)
            sum = program.addConstraint("sum", LinearExpression([x1: 1, x2: 1]), lower: floor, upper: 12)
            program.objective = LinearExpression([x1: 3, x2: 1])
        }

        func solved() throws -> GLPKProblem {
            let problem = try GLPKProblem(program)
            let solution = try problem.solve(SolverOptions(method: .dual))
            #expect(abs(solution.objective - 22) < 1e-9)
            return problem
        }
    }

    /// cap2 to 5 keeps the basis: x2 = 5 and x1 = 7 (gap binds), sum 12 ≤ 12: 26, no pivot.
    @Test func aMoveThatKeepsTheBasisNeedsNoPivot() throws {
        let example = Example()
        let problem = try example.solved()
        let answer = try #require(problem.dualSteps(withUpperBounds: [(example.cap2, 5)], pivotLimit: 0))
        #expect(abs(answer.objective - 26) < 1e-9)
        let rows = example.program.constraints.count
        #expect(abs((answer.changes[rows + example.x1.index] ?? 0) - 1) < 1e-9)
        #expect(abs((answer.changes[rows + example.x2.index] ?? 0) - 1) < 1e-9)
    }

    /// cap2 to 9: at the same basis x2 = 9 and x1 = 11, which breaks cap1 (11 > 10) and sum
    /// (20 > 12). The optimum of the moved LP has gap and sum binding: x1 − x2 = 2, x1 + x2 = 12,
    /// so x = (7, 5), 26, with duals sum 2 and gap 1 (3 = 1 + 2 for x1, 1 = −1 + 2 for x2). The
    /// steps reach it; without pivots they cannot, and say so.
    @Test func aMoveThatBreaksTheBasisIsPivotedToTheOptimum() throws {
        let example = Example()
        let problem = try example.solved()
        #expect(problem.dualSteps(withUpperBounds: [(example.cap2, 9)], pivotLimit: 0) == nil)
        let answer = try #require(problem.dualSteps(withUpperBounds: [(example.cap2, 9)]))
        #expect(abs(answer.objective - 26) < 1e-9)
        let rows = example.program.constraints.count
        #expect(abs((answer.changes[rows + example.x1.index] ?? 0) - 1) < 1e-9)
        #expect(abs((answer.changes[rows + example.x2.index] ?? 0) - 1) < 1e-9)
        // The same through the public question, which takes the steps first.
        let public_ = try problem.objective(withUpperBounds: [(example.cap2, 9)], valuesOf: [example.x1, example.x2], timeLimit: nil)
        #expect(public_.status == .optimal && abs((public_.objective ?? 0) - 26) < 1e-9)
        #expect(zip(public_.values, [7.0, 5.0]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// gap to 5: at the basis x = (9, 4) breaks sum (13 > 12). The optimum has gap and sum binding:
    /// x1 − x2 = 5, x1 + x2 = 12, x = (8.5, 3.5), 29 (cap2 at 4 gives (8, 4), 28; cap1 needs x2 = 2
    /// and gap 8 > 5). Duals there: 3 = y_gap + y_sum and 1 = −y_gap + y_sum, so gap's is 1 (it
    /// was 3). cap2 to 9 leaves cap2 basic (x2 = 5 < 9): its dual there is 0. `duals` reads both
    /// off the steps.
    @Test func theMovedRowsDualIsReadAfterTheSteps() throws {
        let example = Example()
        let problem = try example.solved()
        let gap = try #require(problem.dualSteps(withUpperBounds: [(example.gap, 5)]))
        #expect(abs(gap.objective - 29) < 1e-9)
        #expect(abs((gap.rowDuals[example.gap.index] ?? .nan) - 1) < 1e-9)
        let cap2 = try #require(problem.dualSteps(withUpperBounds: [(example.cap2, 9)]))
        #expect(cap2.rowDuals[example.cap2.index] == 0)
        let duals = problem.duals(withUpperBounds: [(example.gap, 5), (example.cap2, 9), (example.gap, 3)])
        #expect(duals.count == 3)
        #expect(abs((duals[0] ?? .nan) - 1) < 1e-9)
        #expect(duals[1] == 0)
        // gap to 3 keeps the basis (x = (7, 4), sum 11): the dual stays 3.
        #expect(abs((duals[2] ?? .nan) - 3) < 1e-9)
    }

    /// Two moves at once, cap2 to 9 and sum to 16. The corners: gap and sum give x = (9, 7),
    /// 3·9 + 7 = 34; cap2 and sum give (7, 9), 30; cap1 with gap needs sum 18 > 16 and cap1
    /// with sum breaks gap (10 − 6 > 2). So 34.
    @Test func movesOfTwoRowsAreTakenTogether() throws {
        let example = Example()
        let problem = try example.solved()
        let answer = try #require(problem.dualSteps(withUpperBounds: [(example.cap2, 9), (example.sum, 16)]))
        #expect(abs(answer.objective - 34) < 1e-9)
    }

    /// With a floor 9 ≤ sum the optimum is still (6, 4), 22 (sum 10). cap2 to 3 leaves x2 ≤ 3,
    /// x1 ≤ x2 + 2 ≤ 5 and sum ≤ 8 < 9: infeasible. At the basis sum = gap + 2·cap2 (the rows'
    /// values), both at their upper bounds, so no non-basic variable can raise sum: the steps
    /// find no entering variable and leave the verdict to GLPK.
    @Test func anInfeasibleMoveIsLeftToGLPK() throws {
        let example = Example(floor: 9)
        let problem = try example.solved()
        #expect(problem.dualSteps(withUpperBounds: [(example.cap2, 3)]) == nil)
        let answer = try problem.objective(withUpperBounds: [(example.cap2, 3)], valuesOf: [], timeLimit: nil)
        #expect(answer.status == .infeasible)
    }

    /// The steps leave GLPK's problem as it was: its optimum is still 22 and solving again
    /// takes no pivot.
    @Test func theProblemIsLeftAtItsOptimum() throws {
        let example = Example()
        let problem = try example.solved()
        for upper in [9.0, 5.0, 9.0, 4.5] { _ = problem.dualSteps(withUpperBounds: [(example.cap2, upper)]) }
        let again = try problem.solve(SolverOptions(method: .dual))
        #expect(abs(again.objective - 22) < 1e-9)
        #expect(again.iterations == 0)
    }

    /// Against a fresh solve of the moved program, on 80 random programs (small integer data,
    /// so ties and degenerate bases are common) with floors that a move can make infeasible: each
    /// answer the steps give is the fresh optimum (1e-7 relative), and they never answer a move
    /// that is infeasible. Many answers need pivots (the same question with no pivot allowed has
    /// none).
    @Test func stepsAgreeWithAFreshSolveOnRandomPrograms() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
        var answered = 0, pivoted = 0, infeasible = 0
        for _ in 0..<80 {
            var program = LinearProgram()
            let columns = (0..<next(4...9)).map { program.addVariable("x\($0)", lower: 0, upper: next(0...3) == 0 ? Double(next(2...9)) : nil) }
            var rows: [Constraint] = []
            for row in 0..<next(4...8) {
                var expression = LinearExpression()
                for column in columns where next(0...2) > 0 { expression.add(column, Double(next(1...3))) }
                if expression.terms.isEmpty { expression.add(columns[row % columns.count], 1) }
                let floor: Double? = next(0...2) == 0 ? Double(next(3...10)) : nil
                rows.append(program.addConstraint("r\(row)", expression, lower: floor, upper: Double(next(12...30))))
            }
            program.objective = LinearExpression(Dictionary(uniqueKeysWithValues: columns.map { ($0, Double(next(1...5))) }))
            let problem = try GLPKProblem(program)
            guard try problem.solve(SolverOptions(method: .dual)).status == .optimal else { continue }
            for _ in 0..<6 {
                var changes: [(constraint: Constraint, upper: Double)] = []
                for row in Set((0..<next(1...2)).map { _ in rows[next(0...(rows.count - 1))] }) {
                    let definition = program.constraints[row.index]
                    let upper = max(definition.lower ?? 0, (definition.upper ?? 0) * Double(next(1...17)) / 10)
                    changes.append((row, upper))
                }
                var moved = program
                for change in changes { moved.setBounds(of: change.constraint, lower: moved.constraints[change.constraint.index].lower, upper: change.upper) }
                let fresh = try GLPKProblem(moved).solve(SolverOptions(method: .dual))
                let steps = problem.dualSteps(withUpperBounds: changes)
                if fresh.status == .infeasible {
                    infeasible += 1
                    #expect(steps == nil, "the steps answered an infeasible move")
                }
                guard let steps else { continue }
                #expect(fresh.status == .optimal)
                #expect(abs(steps.objective - fresh.objective) <= 1e-7 * max(1, abs(fresh.objective)),
                        "steps \(steps.objective) against a fresh solve \(fresh.objective)")
                answered += 1
                if problem.dualSteps(withUpperBounds: changes, pivotLimit: 0) == nil { pivoted += 1 }
            }
        }
        #expect(answered > 250)
        #expect(pivoted > 40)
        #expect(infeasible > 5)
    }
}

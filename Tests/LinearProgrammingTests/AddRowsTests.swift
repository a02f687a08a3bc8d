import Foundation
import Testing
@testable import LinearProgramming

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) < tolerance }

/// `GLPKProblem.addRows`: rows added to a solved problem, re-solved warm by the dual simplex.
///
///   maximise 3x + 2y
///   budget:  x + y ≤ 4
///   0 ≤ x ≤ 3, y ≥ 0
///
/// By hand: x earns more per unit of budget, so x = 3 (its bound) and y = 1: 11.
@Suite struct AddRowsTests {
    private static func problem() throws -> (GLPKProblem, Variable, Variable, Constraint) {
        var program = LinearProgram(name: "rows")
        let x = program.addVariable("x", lower: 0, upper: 3)
        let y = program.addVariable("y")
        var budget = LinearExpression(x)
        budget.add(y, 1)
        let row = program.addConstraint("budget", budget, upper: 4)
        var objective = LinearExpression(x, 3)
        objective.add(y, 2)
        program.objective = objective
        program.sense = .maximize
        return (try GLPKProblem(program), x, y, row)
    }

    /// Adding balance: x − y ≤ 1 cuts (3, 1) off (3 − 1 = 2). With budget and balance both tight,
    /// x + y = 4 and x − y = 1 give x = 2.5, y = 1.5: 7.5 + 3 = 10.5. Duals from (3, 2) =
    /// π_b (1, 1) + π_l (1, −1): π_b = 2.5, π_l = 0.5. From the kept basis {y} (x at its bound)
    /// with balance's slack basic and too high, the dual simplex needs one pivot: x enters.
    ///
    /// Then cap: y ≤ 1 and, in the same call, floor: x ≥ 0.5 (not binding). With y ≤ 1, balance
    /// gives x ≤ 2 and the objective 3x + 2y rises in both: x = 2, y = 1: 8. Budget is slack (3 < 4);
    /// (3, 2) = π_l (1, −1) + π_c (0, 1): π_l = 3, π_c = 5.
    @Test func rowsAddedToASolvedProblemAreSolvedWarm() throws {
        let (problem, x, y, budget) = try Self.problem()
        let first = try problem.solve(SolverOptions(method: .dual))
        #expect(first.status == .optimal && close(first.objective, 11))

        var balanceRow = LinearExpression(x)
        balanceRow.add(y, -1)
        let added = try problem.addRows([GLPKProblem.NewRow("balance", balanceRow, upper: 1)])
        #expect(added.map(\.index) == [1])
        #expect(problem.program.constraints.map(\.name) == ["budget", "balance"])
        let second = try problem.solve(SolverOptions(method: .dual))
        #expect(second.status == .optimal && close(second.objective, 10.5))
        #expect(close(second.value(x), 2.5) && close(second.value(y), 1.5))
        #expect(close(second.dual(budget), 2.5) && close(second.dual(added[0]), 0.5))
        #expect(second.iterations == 1)

        // The constant of an expression moves to the bounds, as in LinearProgram.addConstraint:
        // y + 2 ≤ 3 is y ≤ 1.
        let more = try problem.addRows([GLPKProblem.NewRow("cap", LinearExpression([y: 1], constant: 2), upper: 3),
                                        GLPKProblem.NewRow("floor", LinearExpression(x), lower: 0.5)])
        #expect(more.map(\.index) == [2, 3])
        #expect(problem.program.constraints[2].upper == 1)
        let third = try problem.solve(SolverOptions(method: .dual))
        #expect(third.status == .optimal && close(third.objective, 8))
        #expect(close(third.value(x), 2) && close(third.value(y), 1))
        #expect(close(third.dual(budget), 0) && close(third.dual(added[0]), 3) && close(third.dual(more[0]), 5))
        #expect(close(third.activity(more[1]), 2))
    }

    /// A call with one bad row adds none of its rows: the problem and its optimum stay as they were.
    @Test func aRefusedCallAddsNothing() throws {
        let (problem, x, _, _) = try Self.problem()
        let good = GLPKProblem.NewRow("good", LinearExpression(x), upper: 1)
        #expect(throws: ModelError.unknownVariable(5, in: "bad")) {
            try problem.addRows([good, GLPKProblem.NewRow("bad", LinearExpression(Variable(index: 5)), upper: 1)])
        }
        #expect(throws: ModelError.emptyBounds("constraint empty: 2.0 > 1.0")) {
            try problem.addRows([good, GLPKProblem.NewRow("empty", LinearExpression(x), lower: 2, upper: 1)])
        }
        #expect(throws: ModelError.nonFinite("upper bound of constraint infinite")) {
            try problem.addRows([GLPKProblem.NewRow("infinite", LinearExpression(x), upper: .infinity)])
        }
        #expect(problem.program.constraints.count == 1)
        let solution = try problem.solve(SolverOptions(method: .dual))
        #expect(solution.status == .optimal && close(solution.objective, 11))
    }

    /// An exported model names the added rows as well.
    @Test func anExportNamesTheAddedRows() throws {
        let (problem, x, _, _) = try Self.problem()
        _ = try problem.export(.lp)
        try problem.addRows([GLPKProblem.NewRow("late", LinearExpression(x), upper: 2)])
        let text = try problem.export(.lp)
        #expect(text.contains(" late: + x <= 2"))
    }
}

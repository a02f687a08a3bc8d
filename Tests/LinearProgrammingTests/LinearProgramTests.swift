import Foundation
import Testing
@testable import LinearProgramming

/// Known-answer LPs solved through GLPK. Every optimum, primal value, dual and reduced cost below is
/// derived by hand in the comment above its test.

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { abs(a - b) < tolerance }

/// The reference LP used by several tests:
///
///   maximise 3x + 2y + z
///   budget:  x +  y + z ≤ 4
///   mix:     x + 2y     ≤ 13
///   0 ≤ x ≤ 3, y ≥ 0, z ≥ 0
///
/// By hand: per unit of `budget`, x earns 3, y earns 2 and z earns 1, so x goes to its upper bound 3,
/// y takes the rest of the budget (y = 1) and z stays 0. `mix` = 3 + 2 = 5 < 13 is slack.
/// Objective 3·3 + 2·1 = 11.
/// Duals: y is basic, so its reduced cost 2 − π_budget · 1 − π_mix · 2 = 0 with π_mix = 0 (slack row)
/// gives π_budget = 2, π_mix = 0.
/// Reduced costs d_j = c_j − Σ_i π_i a_ij: x: 3 − 2 = 1 (> 0, right at its upper bound),
/// y: 0 (basic), z: 1 − 2 = −1 (< 0, right at its lower bound 0).
private struct ReferenceLP {
    var program = LinearProgram(name: "reference")
    let x: Variable, y: Variable, z: Variable
    let budget: Constraint, mix: Constraint

    init() {
        x = program.addVariable("x", lower: 0, upper: 3)
        y = program.addVariable("y")
        z = program.addVariable("z")
        var budgetRow = LinearExpression(x)
        budgetRow.add(y, 1)
        budgetRow.add(z, 1)
        budget = program.addConstraint("budget", budgetRow, upper: 4)
        var mixRow = LinearExpression(x)
        mixRow.add(y, 2)
        mix = program.addConstraint("mix", mixRow, upper: 13)
        var objective = LinearExpression(x, 3)
        objective.add(y, 2)
        objective.add(z, 1)
        program.objective = objective
        program.sense = .maximize
    }
}

@Suite struct LinearProgramTests {
    @Test func maximisationWithOneBindingAndOneSlackRow() throws {
        let lp = ReferenceLP()
        let solution = try GLPK.solve(lp.program)
        #expect(solution.status == .optimal)
        #expect(solution.hasSolution)
        #expect(close(solution.objective, 11))
        #expect(close(solution.value(lp.x), 3))
        #expect(close(solution.value(lp.y), 1))
        #expect(close(solution.value(lp.z), 0))
        #expect(close(solution.activity(lp.budget), 4))
        #expect(close(solution.activity(lp.mix), 5))
        #expect(close(solution.dual(lp.budget), 2))
        #expect(close(solution.dual(lp.mix), 0))
        #expect(close(solution.reducedCost(lp.x), 1))
        #expect(close(solution.reducedCost(lp.y), 0))
        #expect(close(solution.reducedCost(lp.z), -1))
    }

    /// x + y ≤ 1 and x ≥ 2 (as a row) with x, y ≥ 0 cannot both hold.
    @Test func infeasibleProgram() throws {
        var program = LinearProgram(name: "infeasible")
        let x = program.addVariable("x")
        let y = program.addVariable("y")
        var sum = LinearExpression(x)
        sum.add(y, 1)
        program.addConstraint("sum", sum, upper: 1)
        program.addConstraint("floor", LinearExpression(x), lower: 2)
        program.objective = sum
        for method in [SolverMethod.automatic, .primal, .dual] {
            let solution = try GLPK.solve(program, options: SolverOptions(method: method))
            #expect(solution.status == .infeasible, "method \(method)")
            #expect(!solution.hasSolution)
        }
    }

    /// maximise x + y with x − y ≤ 1, x, y ≥ 0: the ray x = y = t is feasible for every t and its
    /// objective 2t grows without bound.
    @Test func unboundedProgram() throws {
        var program = LinearProgram(name: "unbounded")
        let x = program.addVariable("x")
        let y = program.addVariable("y")
        var difference = LinearExpression(x)
        difference.add(y, -1)
        program.addConstraint("difference", difference, upper: 1)
        var objective = LinearExpression(x)
        objective.add(y, 1)
        program.objective = objective
        program.sense = .maximize
        for method in [SolverMethod.automatic, .primal, .dual] {
            let solution = try GLPK.solve(program, options: SolverOptions(method: method))
            #expect(solution.status == .unbounded, "method \(method)")
            #expect(!solution.hasSolution)
        }
    }

    /// minimise 2x + 3y with total: x + y = 5 and cap: x ≤ 3, x, y ≥ 0.
    /// x is cheaper, so x = 3 (cap binds) and y = 2: objective 6 + 6 = 12.
    /// Duals (minimisation, change of the objective per unit of the right-hand side):
    /// total = 5 → 6 puts the extra unit on y: +3, so π_total = 3;
    /// cap = 3 → 4 moves one unit from y to x: 2 − 3 = −1, so π_cap = −1.
    /// Check: reduced cost of x = 2 − 3 − (−1) = 0, of y = 3 − 3 = 0 (both basic).
    @Test func equalityRow() throws {
        var program = LinearProgram(name: "equality")
        let x = program.addVariable("x")
        let y = program.addVariable("y")
        var sum = LinearExpression(x)
        sum.add(y, 1)
        let total = program.addConstraint("total", sum, lower: 5, upper: 5)
        let cap = program.addConstraint("cap", LinearExpression(x), upper: 3)
        var objective = LinearExpression(x, 2)
        objective.add(y, 3)
        program.objective = objective
        program.sense = .minimize
        let solution = try GLPK.solve(program)
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 12))
        #expect(close(solution.value(x), 3))
        #expect(close(solution.value(y), 2))
        #expect(close(solution.activity(total), 5))
        #expect(close(solution.dual(total), 3))
        #expect(close(solution.dual(cap), -1))
    }

    /// A constant in an expression moves to the bounds: x + 10 ≤ 14 is x ≤ 4; maximise x + 1 → 5
    /// (the objective constant is reported in the objective).
    @Test func constantsMoveToBounds() throws {
        var program = LinearProgram(name: "constants")
        let x = program.addVariable("x")
        program.addConstraint("shifted", LinearExpression([x: 1], constant: 10), upper: 14)
        program.objective = LinearExpression([x: 1], constant: 1)
        let solution = try GLPK.solve(program)
        #expect(solution.status == .optimal)
        #expect(close(solution.value(x), 4))
        #expect(close(solution.objective, 5))
    }

    /// Knapsack: maximise 5a + 4b + 3c with 2a + 3b + c ≤ 5, a, b, c binary.
    /// Enumeration: {a,b} weight 5 value 9; {a,c} 3, 8; {b,c} 4, 7; {a,b,c} 6 > 5 infeasible;
    /// singletons ≤ 5. Integer optimum 9 with a = b = 1, c = 0.
    /// (The LP relaxation takes c (ratio 3), a (2.5), then b = 2/3: 8 + 8/3 = 10.67, so the integer
    /// answer really comes from branch-and-cut.)
    @Test func smallKnapsackMIP() throws {
        var program = LinearProgram(name: "knapsack")
        let a = program.addBinary("a")
        let b = program.addBinary("b")
        let c = program.addBinary("c")
        var weight = LinearExpression(a, 2)
        weight.add(b, 3)
        weight.add(c, 1)
        let capacity = program.addConstraint("capacity", weight, upper: 5)
        var objective = LinearExpression(a, 5)
        objective.add(b, 4)
        objective.add(c, 3)
        program.objective = objective
        program.sense = .maximize
        #expect(program.hasIntegerVariables)
        let solution = try GLPK.solve(program)
        #expect(solution.status == .optimal)
        #expect(solution.method == .branchAndCut)
        #expect(close(solution.objective, 9))
        #expect(close(solution.value(a), 1))
        #expect(close(solution.value(b), 1))
        #expect(close(solution.value(c), 0))
        #expect(close(solution.activity(capacity), 5))
        #expect(solution.bestBound.map { close($0, 9) } == true)
        #expect(solution.gap.map { $0 < 1e-9 } == true)
        #expect(solution.duals.isEmpty)
    }

    /// A general integer variable: maximise 5x + 4y, 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ≥ 0 integer.
    /// The LP optimum is (3, 1.5) with 21; integer points: (4, 0) → 20, (3, 1) → 19, (2, 2) → 18,
    /// (0, 3) → 12; (4, 0) is best: 20.
    @Test func generalIntegerMIP() throws {
        var program = LinearProgram(name: "integer")
        let x = program.addVariable("x", lower: 0, upper: nil, integer: true)
        let y = program.addVariable("y", lower: 0, upper: nil, integer: true)
        var first = LinearExpression(x, 6)
        first.add(y, 4)
        program.addConstraint("first", first, upper: 24)
        var second = LinearExpression(x, 1)
        second.add(y, 2)
        program.addConstraint("second", second, upper: 6)
        var objective = LinearExpression(x, 5)
        objective.add(y, 4)
        program.objective = objective
        let solution = try GLPK.solve(program)
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 20))
        #expect(close(solution.value(x), 4))
        #expect(close(solution.value(y), 0))
    }

    /// The reference LP (optimum 11, see `ReferenceLP`) gives the same answer by every method.
    @Test(arguments: [SolverMethod.primal, .dual, .interior, .automatic])
    func sameOptimumByEveryMethod(method: SolverMethod) throws {
        let lp = ReferenceLP()
        let solution = try GLPK.solve(lp.program, options: SolverOptions(method: method))
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 11))
        #expect(close(solution.value(lp.x), 3))
        #expect(close(solution.value(lp.y), 1))
        #expect(close(solution.value(lp.z), 0))
        #expect(close(solution.dual(lp.budget), 2))
        #expect(close(solution.dual(lp.mix), 0))
    }

    /// Presolve on gives the same optimum.
    @Test func presolveGivesTheSameOptimum() throws {
        let lp = ReferenceLP()
        let solution = try GLPK.solve(lp.program, options: SolverOptions(method: .dual, presolve: true))
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 11))
    }

    /// Warm start on the reference LP (x ≤ 3 stays):
    /// - budget ≤ 5: the basis {y} stays optimal: x = 3, y = 2, mix = 3 + 4 = 7 ≤ 13; objective 9 + 4 = 13.
    /// - budget ≤ 10: y = 7 would make mix = 17 > 13, so mix binds too: x = 3, x + 2y = 13 → y = 5,
    ///   x + y + z = 10 → z = 2; objective 9 + 10 + 2 = 21. Duals with y, z basic: z: 1 − π_b = 0 →
    ///   π_budget = 1; y: 2 − π_b − 2π_m = 0 → π_mix = 0.5; x: 3 − 1 − 0.5 = 1.5 > 0 at its upper
    ///   bound, so this basis is optimal.
    /// - budget ≤ 2: only x fits: x = 2, y = z = 0; objective 6, π_budget = 3 (x basic).
    @Test func warmStartAfterChangingARowBound() throws {
        let lp = ReferenceLP()
        let problem = try GLPKProblem(lp.program)
        let first = try problem.solve(SolverOptions())
        #expect(close(first.objective, 11))

        try problem.setBounds(of: lp.budget, lower: nil, upper: 5)
        let second = try problem.solve(SolverOptions())
        #expect(second.status == .optimal)
        #expect(close(second.objective, 13))
        #expect(close(second.value(lp.y), 2))
        #expect(close(second.dual(lp.budget), 2))

        try problem.setBounds(of: lp.budget, lower: nil, upper: 10)
        let third = try problem.solve(SolverOptions())
        #expect(third.status == .optimal)
        #expect(close(third.objective, 21))
        #expect(close(third.value(lp.x), 3))
        #expect(close(third.value(lp.y), 5))
        #expect(close(third.value(lp.z), 2))
        #expect(close(third.dual(lp.budget), 1))
        #expect(close(third.dual(lp.mix), 0.5))
        #expect(close(third.reducedCost(lp.x), 1.5))

        try problem.setBounds(of: lp.budget, lower: nil, upper: 2)
        let fourth = try problem.solve(SolverOptions(method: .primal))
        #expect(fourth.status == .optimal)
        #expect(close(fourth.objective, 6))
        #expect(close(fourth.value(lp.x), 2))
        #expect(close(fourth.dual(lp.budget), 3))
        #expect(problem.program.definition(of: lp.budget).upper == 2)
    }

    /// Warm start after a variable bound and an objective coefficient change.
    /// - x ≤ 1 (budget ≤ 4): x = 1, y = 3, mix = 7; objective 3 + 6 = 9.
    /// - then the coefficient of z becomes 5 (> 2 of y, > 3 of x): z takes the whole budget,
    ///   x = y = 0, z = 4; objective 20.
    @Test func warmStartAfterVariableBoundAndObjectiveChange() throws {
        let lp = ReferenceLP()
        let problem = try GLPKProblem(lp.program)
        _ = try problem.solve(SolverOptions())
        try problem.setBounds(of: lp.x, lower: 0, upper: 1)
        let second = try problem.solve(SolverOptions())
        #expect(close(second.objective, 9))
        #expect(close(second.value(lp.y), 3))
        try problem.setObjectiveCoefficient(of: lp.z, 5)
        let third = try problem.solve(SolverOptions())
        #expect(close(third.objective, 20))
        #expect(close(third.value(lp.z), 4))
        #expect(close(third.value(lp.x), 0))
    }

    /// Ranging of `budget` (binding, dual 2) in the reference LP: with right-hand side b and the same
    /// basis, x = 3 (at its bound), y = b − 3 and mix = 3 + 2(b − 3). The basis stays primal feasible
    /// while y ≥ 0 (b ≥ 3) and mix ≤ 13 (b ≤ 8): the range is [3, 8].
    /// `mix` is slack (basic), so it has no range.
    @Test func rightHandSideRangeOfABindingRow() throws {
        let lp = ReferenceLP()
        let problem = try GLPKProblem(lp.program)
        #expect(problem.rightHandSideRange(of: lp.budget) == nil) // no basis yet
        let solution = try problem.solve(SolverOptions())
        #expect(close(solution.objective, 11))
        let range = try #require(problem.rightHandSideRange(of: lp.budget))
        #expect(close(range.lowerBound, 3))
        #expect(close(range.upperBound, 8))
        #expect(problem.rightHandSideRange(of: lp.mix) == nil)
    }

    @Test func nonFiniteNumbersAreRejectedBeforeGLPK() throws {
        // A NaN bound on a variable.
        var nanBound = LinearProgram()
        nanBound.addVariable("x", lower: .nan, upper: 1)
        #expect(throws: ModelError.self) { try GLPK.solve(nanBound) }
        #expect(throws: ModelError.self) { try nanBound.validate() }

        // An infinite upper bound on a constraint (use nil for "no bound").
        var infiniteRow = LinearProgram()
        let x = infiniteRow.addVariable("x")
        infiniteRow.addConstraint("row", LinearExpression(x), upper: .infinity)
        #expect(throws: ModelError.self) { try GLPK.solve(infiniteRow) }

        // An infinite coefficient in a constraint.
        var infiniteCoefficient = LinearProgram()
        let y = infiniteCoefficient.addVariable("y")
        infiniteCoefficient.addConstraint("row", LinearExpression(y, .infinity), upper: 1)
        do {
            _ = try GLPK.solve(infiniteCoefficient)
            Issue.record("an infinite coefficient was accepted")
        } catch let error as ModelError {
            guard case .nonFinite = error else { Issue.record("wrong error \(error)"); return }
        }

        // A NaN objective coefficient and a NaN objective constant.
        var nanObjective = LinearProgram()
        let z = nanObjective.addVariable("z", lower: 0, upper: 1)
        nanObjective.objective = LinearExpression(z, .nan)
        #expect(throws: ModelError.self) { try GLPK.solve(nanObjective) }
        var nanConstant = LinearProgram()
        let w = nanConstant.addVariable("w", lower: 0, upper: 1)
        nanConstant.objective = LinearExpression([w: 1], constant: .nan)
        #expect(throws: ModelError.self) { try GLPK.solve(nanConstant) }

        // Export checks too.
        #expect(throws: ModelError.self) { try GLPK.export(infiniteCoefficient, format: .lp) }

        // Changes on a live problem are checked as well.
        let lp = ReferenceLP()
        let problem = try GLPKProblem(lp.program)
        #expect(throws: ModelError.self) { try problem.setBounds(of: lp.budget, lower: nil, upper: .infinity) }
        #expect(throws: ModelError.self) { try problem.setBounds(of: lp.x, lower: -.infinity, upper: nil) }
        #expect(throws: ModelError.self) { try problem.setObjectiveCoefficient(of: lp.x, .nan) }
        // A variable or row that does not exist.
        #expect(throws: ModelError.unknownVariable(17, in: "bounds")) {
            try problem.setBounds(of: Variable(index: 17), lower: 0, upper: 1)
        }
        #expect(throws: ModelError.unknownConstraint(17, in: "bounds")) {
            try problem.setBounds(of: Constraint(index: 17), lower: 0, upper: 1)
        }
        #expect(ModelError.unknownConstraint(17, in: "bounds").description == "constraint 17 in bounds does not exist")
        // The problem still solves as before.
        #expect(close(try problem.solve(SolverOptions()).objective, 11))
    }

    @Test func unknownVariableInARowIsRejected() throws {
        var program = LinearProgram()
        program.addVariable("x")
        program.addConstraint("row", LinearExpression(Variable(index: 5)), upper: 1)
        #expect(throws: ModelError.unknownVariable(5, in: "row")) { try GLPK.solve(program) }
    }

    @Test func lowerAboveUpperIsRejected() throws {
        var variableBounds = LinearProgram()
        variableBounds.addVariable("x", lower: 2, upper: 1)
        do {
            _ = try GLPK.solve(variableBounds)
            Issue.record("empty variable bounds were accepted")
        } catch let error as ModelError {
            guard case .emptyBounds = error else { Issue.record("wrong error \(error)"); return }
        }

        var rowBounds = LinearProgram()
        let x = rowBounds.addVariable("x")
        rowBounds.addConstraint("row", LinearExpression(x), lower: 5, upper: 1)
        do {
            _ = try GLPK.solve(rowBounds)
            Issue.record("empty row bounds were accepted")
        } catch let error as ModelError {
            guard case .emptyBounds = error else { Issue.record("wrong error \(error)"); return }
        }

        let lp = ReferenceLP()
        let problem = try GLPKProblem(lp.program)
        #expect(throws: ModelError.self) { try problem.setBounds(of: lp.budget, lower: 5, upper: 4) }
        #expect(throws: ModelError.self) { try problem.setBounds(of: lp.y, lower: 1, upper: 0) }

        // Equal bounds are a fixed value, not an error: y fixed at 0.5 → x = 3, budget 3.5 ≤ 4, the
        // last 0.5 goes to z: 9 + 1 + 0.5 = 10.5.
        try problem.setBounds(of: lp.y, lower: 0.5, upper: 0.5)
        let fixed = try problem.solve(SolverOptions())
        #expect(close(fixed.objective, 10.5))
        #expect(close(fixed.value(lp.z), 0.5))
    }

    /// Export of the reference LP: the LP and MPS texts name its rows and columns, and glpsol,
    /// reading either text, finds the same optimum 11.
    @Test func exportToLPAndMPS() throws {
        let lp = ReferenceLP()
        let lpText = try GLPK.export(lp.program, format: .lp)
        #expect(lpText.contains("budget"))
        #expect(lpText.contains("mix"))
        #expect(lpText.lowercased().contains("maximize"))
        let mpsText = try GLPK.export(lp.program, format: .mps)
        #expect(mpsText.contains("ROWS"))
        #expect(mpsText.contains("COLUMNS"))
        #expect(mpsText.contains("budget"))
        #expect(mpsText.contains("mix"))

        for (format, text) in [("lp", lpText), ("mps", mpsText)] {
            guard let objective = try glpsolObjective(text, format: format) else { return } // glpsol missing
            #expect(close(objective, 11), "glpsol --\(format == "lp" ? "lp" : "freemps")")
        }
    }

    /// Names with spaces, non-ASCII letters, operators, a leading digit, duplicates, an empty name
    /// and a very long name are sanitised: GLPK does not abort, the model solves, and its exports
    /// are readable by glpsol with the same optimum.
    ///   maximise a + 2b with a + b ≤ 3, b ≤ 1 → b = 1, a = 2, objective 4.
    @Test func oddNamesAreSanitised() throws {
        var program = LinearProgram(name: "Gooi & Vechtstreek: scénario 1/2")
        let a = program.addVariable("x(pool one, thème \"é\")")
        let b = program.addVariable("")
        var sum = LinearExpression(a)
        sum.add(b, 1)
        program.addConstraint("3 rows: a+b <= 3 \\ Ω", sum, upper: 3)
        program.addConstraint("3 rows: a+b <= 3 \\ Ω", LinearExpression(b), upper: 1) // duplicate name
        program.addConstraint(String(repeating: "long-name ", count: 60), LinearExpression(a), upper: 100)
        var objective = LinearExpression(a)
        objective.add(b, 2)
        program.objective = objective
        let solution = try GLPK.solve(program)
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 4))
        #expect(close(solution.value(a), 2))
        #expect(close(solution.value(b), 1))

        let safe = GLPKProblem.safeName("3 rows: a+b <= 3 \\ Ω")
        #expect(!safe.contains(" ") && !safe.contains("Ω") && !safe.contains(":"))
        #expect(!(safe.first?.isNumber ?? true))
        #expect(GLPKProblem.safeName(String(repeating: "n", count: 1000)).count <= 255)
        #expect(GLPKProblem.safeName("") == "_")

        let lpText = try GLPK.export(program, format: .lp)
        let mpsText = try GLPK.export(program, format: .mps)
        #expect(!lpText.contains("Ω") && !lpText.contains("é"))
        #expect(!mpsText.contains("Ω") && !mpsText.contains("é"))
        for (format, text) in [("lp", lpText), ("mps", mpsText)] {
            guard let objective = try glpsolObjective(text, format: format) else { return }
            #expect(close(objective, 4), "glpsol \(format)")
        }
    }
}

/// Solves `text` with glpsol and returns the objective it reports; nil when glpsol is not installed.
private func glpsolObjective(_ text: String, format: String) throws -> Double? {
    let glpsol = "/usr/bin/glpsol"
    guard FileManager.default.isExecutableFile(atPath: glpsol) else { return nil }
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ivp-lp-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("model.\(format)")
    let output = directory.appendingPathComponent("out.txt")
    try text.write(to: model, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: glpsol)
    // Free MPS has no objective sense (GLPK writes no OBJSENSE section and glpsol minimises by
    // default), so the sense is given on the command line; the LP format states it itself.
    process.arguments = (format == "lp" ? ["--lp"] : ["--max", "--freemps"]) + [model.path, "-o", output.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "glpsol failed on the \(format) export")
    let report = try String(contentsOf: output, encoding: .utf8)
    // "Objective:  value = 11 (MAXimum)"
    guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
          let equals = line.firstIndex(of: "=") else {
        Issue.record("no objective line in glpsol's output:\n\(report)")
        return .nan
    }
    let rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    let number = rest.split(separator: " ").first.map(String.init) ?? ""
    return Double(number) ?? .nan
}

import Foundation
import LinearProgramming
import Testing
@testable import CapacityAllocation

/// One pool p of 1,000 h (hours_per_fte 1000, 1 FTE, no reserve) at base team b serves two
/// municipalities a and c. One theme t (weight 1, efficiency 1) needs 600 h in each, with the curve
/// [{share 0.5, value 1}, {share 0.5, value 0.5}]: the first 300 h of each municipality are worth 1
/// an hour, the next 300 h 0.5.
///
/// Optimum: both first segments (600 h, value 600), the last 400 h in second segments (0.5 each,
/// 200): V* = 800, for every split with a and c both between 400 and 600 h.
///
/// Least hours for a (at most 600 h per municipality: coverage never exceeds the need, so c ≤ 600):
/// with a ≤ 400, c = 600 (value 450) and a between 300 and 400 is worth 300 + 0.5 (a − 300), so
/// V = 600 + 0.5 a; below 300 h, V = a + 450.
/// - within 1% (V ≥ 792): 600 + 0.5 a ≥ 792 → a ≥ 384. Range a: [384, 600]; c the same.
/// - within 10% (V ≥ 720): 600 + 0.5 a ≥ 720 → a ≥ 240, below 300, so a + 450 ≥ 720 → a ≥ 270.
///   Range a: [270, 600].
/// Theme t (total hours T ≤ 1000): the best value of T hours (T ≥ 600) is 600 + 0.5 (T − 600).
/// - within 1%: T ≥ 984; within 10%: T ≥ 840. The most is 1000 (all of p).
private let handWorked = """
    name: Room around the optimum
    hours_per_fte: 1000
    base_teams: [{id: b, name: B}]
    municipalities:
      - {id: a, name: A, base_team: b}
      - {id: c, name: C, base_team: b}
    pools:
      - {id: p, name: P, at: b, kind: general, fte: 1}
    themes:
      - id: t
        name: T
        level: local
        adopted_by: [a, c]
        kinds: {general: 1}
        returns: [{share: 0.5, value: 1.0}, {share: 0.5, value: 0.5}]
        need: {by_municipality: {a: 600, c: 600}}
    """

private func range(_ result: AlternativesResult, _ kind: HoursRange.Kind, _ id: String) -> HoursRange? {
    result.ranges.first { $0.kind == kind && $0.id == id }
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct AlternativesTests {
    @Test func handWorkedRangesAtOneAndTenPercent() throws {
        let scenario = try ScenarioLoader.load(text: handWorked, name: "room.yaml")
        for mode in [SolveMode.weighted, .lexicographic, .maxmin] {
            let model = try SolvedModel(scenario, options: AllocationOptions(mode: mode, headlines: false))
            let one = try Alternatives.explore(model, within: 0.01, count: 2)
            #expect(close(one.objective, 800))
            if mode == .weighted {
                // The other modes hold their own objectives: in maxmin z* = attainment of both
                // municipalities, which pins the split; checked below in weighted mode only.
                #expect(close(range(one, .municipality, "a")?.minHours, 384))
                #expect(close(range(one, .municipality, "a")?.maxHours, 600))
                #expect(close(range(one, .municipality, "c")?.minHours, 384))
                #expect(close(range(one, .theme, "t")?.minHours, 984))
                #expect(close(range(one, .theme, "t")?.maxHours, 1000))
                let ten = try Alternatives.explore(model, within: 0.1, count: 0)
                #expect(close(range(ten, .municipality, "a")?.minHours, 270))
                #expect(close(range(ten, .municipality, "a")?.maxHours, 600))
                #expect(close(range(ten, .theme, "t")?.minHours, 840))
                #expect(ten.alternatives.isEmpty)
            }
            if mode == .lexicographic {
                // One stage (the local themes): the same as weighted.
                #expect(close(range(one, .municipality, "a")?.minHours, 384))
                #expect(close(range(one, .theme, "t")?.minHours, 984))
            }
            for alternative in one.alternatives {
                #expect(alternative.objective >= 0.99 * 800 - 1e-6)
                #expect(alternative.hoursMoved > 1)
            }
        }
    }

    /// maxmin: z* = 800 / 900 (both municipalities at the same attainment: a = c = 500 h is the
    /// only fair split, V_m = 300 + 100 = 400 of I_m = 450). Within 10%: attainment ≥ 0.8, so
    /// V_m ≥ 360, i.e. 300 + 0.5 (a − 300) ≥ 360 → a ≥ 420; then c ≤ 580 and V ≥ 720 holds.
    /// Range a: [420, 580].
    @Test func maxminHoldsTheFairFloor() throws {
        let scenario = try ScenarioLoader.load(text: handWorked, name: "room.yaml")
        let model = try SolvedModel(scenario, options: AllocationOptions(mode: .maxmin, headlines: false))
        let ten = try Alternatives.explore(model, within: 0.1, count: 0)
        #expect(close(range(ten, .municipality, "a")?.minHours, 420))
        #expect(close(range(ten, .municipality, "a")?.maxHours, 580))
    }

    /// The least and most hours of `expression` over the scenario's rows and V ≥ (1 − s) V*, each
    /// from a fresh LP solved cold.
    private func direct(_ formulation: Formulation, _ expression: LinearExpression, bound: Double) throws -> (Double, Double) {
        var program = formulation.program
        program.addConstraint("hold", formulation.value, lower: bound)
        program.objective = expression
        program.sense = .minimize
        let low = try GLPK.solve(program, options: SolverOptions(method: .dual))
        program.sense = .maximize
        let high = try GLPK.solve(program, options: SolverOptions(method: .dual))
        #expect(low.status == .optimal && high.status == .optimal)
        return (low.objective, high.objective)
    }

    private func municipalityHours(_ formulation: Formulation, _ id: String) -> LinearExpression {
        var expression = LinearExpression()
        for cell in formulation.cellsByMunicipality[id] ?? [] {
            for index in formulation.cells[cell].assignments { expression.add(formulation.assignments[index].variable, 1) }
        }
        return expression
    }

    /// On the bundled scenario: every municipality's warm range equals min and max solved directly
    /// (two municipalities from fresh LPs); every alternative keeps the value within the share and
    /// differs from the optimum.
    @Test func bundledScenarioWarmRangesEqualDirectSolves() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path
        let scenario = try ScenarioLoader.load(path: path)
        let model = try SolvedModel(scenario, options: AllocationOptions(headlines: false))
        let share = 0.01
        let result = try Alternatives.explore(model, within: share, count: 3)
        let optimum = try #require(model.objective)
        let formulation = Formulation(scenario)
        let municipalities = result.ranges.filter { $0.kind == .municipality }
        #expect(municipalities.count == scenario.municipalities.count)
        for range in municipalities.prefix(2) {
            let (low, high) = try direct(formulation, municipalityHours(formulation, range.id), bound: optimum - share * abs(optimum))
            #expect(close(range.minHours, low), "\(range.id) min \(range.minHours) against \(low)")
            #expect(close(range.maxHours, high), "\(range.id) max \(range.maxHours) against \(high)")
        }
        for range in result.ranges {
            #expect(range.minHours <= range.optimumHours + 1e-6 && range.optimumHours <= range.maxHours + 1e-6)
        }
        #expect(result.alternatives.count >= 1)
        for alternative in result.alternatives {
            #expect(alternative.objective >= (1 - share) * optimum - 1e-6 * optimum)
            #expect(alternative.hoursMoved > 1)
            #expect(!alternative.shifts.isEmpty)
        }
    }

    /// A scenario of two police units (independent parts): the per-part LPs, solved in parallel,
    /// give the ranges of the coupled LP solved directly.
    @Test func partsInParallelEqualDirectSolves() throws {
        let scenario = try ScenarioLoader.load(text: ScenarioGenerator(municipalities: 70, seed: 3).yaml(), name: "two-units.yaml")
        let model = try SolvedModel(scenario, options: AllocationOptions(threads: 2, headlines: false))
        let formulation = Formulation(scenario)
        #expect(Decomposition(formulation.program).blocks.count > 1)
        let share = 0.02
        let result = try Alternatives.explore(model, within: share, count: 0)
        let optimum = try #require(model.objective)
        let municipalities = result.ranges.filter { $0.kind == .municipality }
        for range in [municipalities.first!, municipalities.last!] {
            let (low, high) = try direct(formulation, municipalityHours(formulation, range.id), bound: optimum - share * abs(optimum))
            #expect(close(range.minHours, low), "\(range.id) min \(range.minHours) against \(low)")
            #expect(close(range.maxHours, high), "\(range.id) max \(range.maxHours) against \(high)")
        }
        let theme = try #require(result.ranges.first { $0.kind == .theme })
        var expression = LinearExpression()
        let index = scenario.themes.firstIndex { $0.id == theme.id }!
        for cell in formulation.cellsByTheme[index] ?? [] {
            for assignment in formulation.cells[cell].assignments { expression.add(formulation.assignments[assignment].variable, 1) }
        }
        let (low, high) = try direct(formulation, expression, bound: optimum - share * abs(optimum))
        #expect(close(theme.minHours, low) && close(theme.maxHours, high))
    }
}

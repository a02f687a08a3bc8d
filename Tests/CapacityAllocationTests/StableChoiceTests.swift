import CapacityAllocation
import Foundation
import LinearProgramming
import Testing

/// Two pools of the same kind in one municipality, two themes of equal weight and need: every
/// split of the hours over the themes is optimal (V = the hours there are, one value per hour).
private func twoPools(p1: Double) -> String {
    """
    name: Twee even goede pools
    hours_per_fte: 100
    units: [{id: u, name: U}]
    districts: [{id: d, name: D, unit: u}]
    base_teams: [{id: b, name: B, district: d}]
    municipalities: [{id: a, name: A, base_team: b}]
    pools:
      - {id: p1, name: P1, at: b, kind: general, fte: \(p1)}
      - {id: p2, name: P2, at: b, kind: general, fte: 5}
    themes:
      - {id: t1, name: T1, level: local, adopted_by: [a], kinds: {general: 1}, need: {by_municipality: {a: 1000}}}
      - {id: t2, name: T2, level: local, adopted_by: [a], kinds: {general: 1}, need: {by_municipality: {a: 1000}}}
    """
}

private func line(_ pool: String, _ theme: String, _ hours: Double) -> AllocationLine {
    AllocationLine(pool: pool, theme: theme, municipality: "a", hours: hours, effectiveHours: hours)
}

@Suite struct StableChoiceTests {
    /// This year's plan puts both pools on t2 (500 h each). Next year p1 has 400 h: V* = 900, and
    /// any split of 400 + 500 h over t1 and t2 is optimal. The least change from the plan is p1
    /// giving up 100 h of t2: 100 hours moved, t2 keeps 900 h. GLPK's raw optimum puts p1 on t1
    /// (its first column): 400 h there and 500 h fewer on t2 for p1, 900 hours moved, of which
    /// 800 are a reshuffle between equally good allocations, not something the cut caused.
    @Test func theRawOptimumJumpsAndTheStableOneDoesNot() throws {
        let cut = try ScenarioLoader.load(text: twoPools(p1: 4), name: "cut.yaml")
        let plan = [line("p1", "t2", 500), line("p2", "t2", 500)]
        let model = try SolvedModel(cut, options: AllocationOptions(headlines: false))
        let raw = try model.result(closestTo: AllocationReference(label: "plan.csv", kind: .allocation, lines: plan, stable: false))
        let stable = try model.result(closestTo: AllocationReference(label: "plan.csv", kind: .allocation, lines: plan))
        #expect(abs((raw.objective ?? .nan) - 900) < 1e-9 && abs((stable.objective ?? .nan) - 900) < 1e-9)
        #expect(abs((raw.choice?.hoursMoved ?? .nan) - 900) < 1e-6)
        #expect(raw.allocations.map { [$0.pool, $0.theme] } == [["p1", "t1"], ["p2", "t2"]])
        #expect(abs((stable.choice?.hoursMoved ?? .nan) - 100) < 1e-6)
        #expect(stable.allocations.map { [$0.pool, $0.theme] } == [["p1", "t2"], ["p2", "t2"]])
        #expect(abs((stable.allocations.first?.hours ?? .nan) - 400) < 1e-6)
        #expect(stable.choice?.stable == true && raw.choice?.stable == false)
    }

    /// The warm stable choice of a live session (ivp serve) is the LP of `closest`, kept: it
    /// moves exactly the hours `closest` moves, state after state. Plan: both pools on t2 (500 h
    /// each). p1 at 400 h: p1 gives up 100 h of t2, 100 moved. p1 at 300 h: 200 moved (bounds
    /// only: re-solved warm). Then t1's weight 2: every hour on t1 is the one optimum (V = 2 × 800),
    /// so p1 300 h and p2 500 h move to t1 and both plan cells empty: 300 + 500 + 500 + 500 =
    /// 1,800, less what the hold's relative tolerance 1e-7 (1.6e-4 of V = 1,600) lets it keep:
    /// each hour p1 keeps on t2 costs 1 value and moves 2 hours fewer, so 1,800 − 3.2e-4 (the
    /// objective's coefficients changed, so the hold row takes the new ones in place and the LP is
    /// re-solved warm, not built again).
    @Test func theWarmChoiceMovesWhatTheColdOneMoves() throws {
        let cut = try ScenarioLoader.load(text: twoPools(p1: 4), name: "cut.yaml")
        let reference = AllocationReference(label: "plan.csv", kind: .allocation,
                                            lines: [line("p1", "t2", 500), line("p2", "t2", 500)])
        let warm = WarmStableChoice(reference: reference)
        var model = try SolvedModel(cut, options: AllocationOptions(headlines: false))
        var scenario = cut
        for (step, expected) in [100.0, 200, 1800 - 3.2e-4].enumerated() {
            if step == 1 { scenario.pools[0].fte = 3 }
            if step == 2 { scenario.themes[0].weight = 2 }
            if step > 0 { model = try model.resolved(as: scenario) }
            #expect(step == 0 || model.warmStarted)
            let shown = try model.result(warm: warm)
            #expect(warm.builtAnew == (step == 0), "step \(step)")
            #expect(abs((shown.choice?.hoursMoved ?? .nan) - expected) < 1e-6, "\(expected)")
            let cold = try model.result(closestTo: reference)
            #expect(abs((cold.choice?.hoursMoved ?? .nan) - expected) < 1e-6, "\(expected)")
            #expect(shown.objective == cold.objective)
        }
    }

    /// A cell of the reference that the scenario does not have (a pool removed) moves in full.
    @Test func cellsMissingOnOneSideCountAsMoved() throws {
        let cut = try ScenarioLoader.load(text: twoPools(p1: 5), name: "same.yaml")
        let plan = [line("p1", "t1", 500), line("p2", "t2", 500), line("gone", "t1", 70)]
        let result = try SolvedModel(cut, options: AllocationOptions(headlines: false))
            .result(closestTo: AllocationReference(label: "plan.csv", kind: .allocation, lines: plan))
        // The plan itself is optimal (V = 1,000); only the 70 h of the removed pool move.
        #expect(abs((result.choice?.hoursMoved ?? .nan) - 70) < 1e-6)
    }

    /// In compare, each what-if is measured against the base's own optimum; here the cut of p1
    /// moves exactly the 100 h it has fewer, with or without the stable choice (the solver's raw
    /// optimum happens to keep p1 on t1 in both).
    @Test func compareReportsHoursMoved() throws {
        let base = try ScenarioLoader.load(text: twoPools(p1: 5), name: "base.yaml")
        let cut = try ScenarioLoader.load(text: twoPools(p1: 4), name: "cut.yaml")
        let comparison = try Comparison.compare(base: ("base.yaml", base), others: [("cut.yaml", cut)])
        #expect(comparison.stable)
        #expect(comparison.scenarios[0].hoursMoved == nil)
        #expect(abs((comparison.scenarios[1].hoursMoved ?? .nan) - 100) < 1e-6)
    }
}

import CapacityAllocation
import Foundation
import LinearProgramming
import Testing

private let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios")

/// One pool p of 1 FTE × 1,000 h in municipality a (C = 1,000 h), reserve 0.1 in the file; one
/// theme t needs 2,000 h at weight 1 (one segment, value 1 per hour), so every hour worked is worth 1.
/// The crisis raises p's claimed hours from 0 to 300 (C^s = 700).
private let onePool = """
    name: Een pool, een crisis
    hours_per_fte: 1000
    reserve: 0.1
    units: [{id: u, name: U}]
    districts: [{id: d, name: D, unit: u}]
    base_teams: [{id: b, name: B, district: d}]
    municipalities: [{id: a, name: A, base_team: b}]
    pools:
      - {id: p, name: P, at: b, kind: general, fte: 1}
    themes:
      - {id: t, name: T, level: local, adopted_by: [a], kinds: {general: 1}, need: {by_municipality: {a: 2000}}}
    """

private func year(_ scenario: Scenario, claimed: Double) -> Scenario {
    var year = scenario
    year.pools[0].claimedHours = claimed
    return year
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct RobustTests {
    /// Worked by hand. ω (the most value an hour adds) is 1, so a planned hour cut costs κ = 2ω = 2
    /// on top of its value; the reserve R lies in [0, 1,000].
    /// - normal year (p = 0.4, C^s = 1,000): x ≤ 1,000 and x ≤ 1,000 − R, no loss: Q_n = 1,000 − R.
    /// - crisis (p = 0.6, C^s = 700): x ≤ 700, x ≤ 1,000 − R, cut k ≥ 300 − R:
    ///   Q_c = min(700, 1,000 − R) − 2 (300 − R)⁺ = 100 + 2R for R ≤ 300, 1,000 − R above.
    /// - E(R) = 0.4 (1,000 − R) + 0.6 Q_c = 460 + 0.8 R on [0, 300], 1,000 − R above: R* = 300, E = 700.
    /// - The file's reserve (10%: 100 h): E = 460 + 80 = 540.
    /// - Expected-value plan: the mean year has claimed hours 0.6 · 300 = 180 (C = 820):
    ///   Q(R) = min(820, 1,000 − R) − 2 (180 − R)⁺ = 460 + 2R up to R = 180, 1,000 − R above: R_EV = 180.
    ///   On the two years: 0.4 · 820 + 0.6 · (100 + 360) = 328 + 276 = 604. VSS = 700 − 604 = 96.
    /// - Perfect information: normal max_R (1,000 − R) = 1,000 at R = 0; crisis max_R Q_c = 700 at
    ///   R = 300; mean 0.4 · 1,000 + 0.6 · 700 = 820. EVPI = 820 − 700 = 120.
    /// - Normal year (the scenario as written): 1,000 − 300 = 700 against the deterministic optimum
    ///   with the file's 10% reserve, 900: the robust plan gives up 200.
    /// - Q is 700 in both years: mean, P10, P50, P90 and CVaR all 700; no hours cut (R covers the loss).
    @Test func twoPointCrisisWorkedByHand() throws {
        let scenario = try ScenarioLoader.load(text: onePool, name: "crisis.yaml")
        let result = try RobustAnalysis.run(scenario, samples: [year(scenario, claimed: 0), year(scenario, claimed: 300)],
                                            probabilities: [0.4, 0.6], meanYear: year(scenario, claimed: 180), seed: nil,
                                            options: RobustOptions())
        #expect(close(result.cutCost, 2) && close(result.shortfallPenalty, 500))
        #expect(close(result.reserves.first?.reserve, 300))
        #expect(close(result.reserves.first?.fileReserve, 100))
        #expect(close(result.objective, 700))
        #expect(close(result.expectedObjective, 700))
        #expect(close(result.fileExpectedObjective, 540))
        #expect(close(result.expectedValuePlanObjective, 604))
        #expect(close(result.vss, 96))
        #expect(close(result.perfectInformationObjective, 820))
        #expect(close(result.evpi, 120))
        #expect(close(result.normalYearValue, 700))
        #expect(close(result.deterministicObjective, 900))
        #expect(close(result.distribution.p10, 700) && close(result.distribution.p90, 700) && close(result.cvar, 700))
        #expect(close(result.expectedCutHours, 0) && close(result.expectedShortfallHours, 0))
    }

    /// The same pool with a crisis of probability 0.25: E(R) = 0.75 (1,000 − R) + 0.25 (100 + 2R) =
    /// 775 − 0.25 R on [0, 300], so the risk-neutral reserve is 0 (E = 775; the crisis year gives 100,
    /// with 300 planned hours cut). With A = 0.5 and α = 0.1 the worst 10% of years is the crisis, so
    /// CVaR = Q_c = 100 + 2R on [0, 300] and the objective 0.5 (775 − 0.25 R) + 0.5 (100 + 2R) =
    /// 437.5 + 0.875 R rises to R = 300: 700 (above 300 both years give 1,000 − R). E[Q] there is 700.
    /// The mean year (claimed 75) gives R_EV = 75 (Q = 775 + 2R up to 75), worth
    /// 0.75 · 925 + 0.25 · (700 − 2 · 225) = 693.75 + 62.5 = 756.25 on the two years:
    /// VSS = 775 − 756.25 = 18.75 risk-neutral, 700 − 756.25 = −56.25 risk-averse (the floor costs
    /// expected value). Perfect information: 0.75 · 1,000 + 0.25 · 700 = 925: EVPI 150 and 225.
    @Test func riskAversionLiftsTheTail() throws {
        let scenario = try ScenarioLoader.load(text: onePool, name: "crisis.yaml")
        let years = [year(scenario, claimed: 0), year(scenario, claimed: 300)]
        let neutral = try RobustAnalysis.run(scenario, samples: years, probabilities: [0.75, 0.25],
                                             meanYear: year(scenario, claimed: 75), seed: nil, options: RobustOptions())
        #expect(close(neutral.reserves.first?.reserve, 0))
        #expect(close(neutral.objective, 775))
        #expect(close(neutral.distribution.p10, 100) && close(neutral.expectedCutHours, 0.25 * 300))
        #expect(close(neutral.vss, 18.75) && close(neutral.evpi, 150))
        let averse = try RobustAnalysis.run(scenario, samples: years, probabilities: [0.75, 0.25],
                                            meanYear: year(scenario, claimed: 75), seed: nil,
                                            options: RobustOptions(riskAversion: 0.5))
        #expect(close(averse.reserves.first?.reserve, 300))
        #expect(close(averse.objective, 700) && close(averse.expectedObjective, 700) && close(averse.cvar, 700))
        #expect(close(averse.vss, -56.25) && close(averse.evpi, 225))
    }

    /// The sampled years behind RobustCLITests: the two-point crisis of probability 0.6 drawn
    /// with seed 3 gives 25 crisis years of 40.
    @Test func seedThreeDrawsTwentyFiveCrises() throws {
        var scenario = try ScenarioLoader.load(text: onePool, name: "crisis.yaml")
        scenario.uncertainty = [UncertainInput(parameter: try ScenarioParameter("pools.p.claimed_hours", in: scenario),
                                               distribution: .discrete(values: [0, 300], probabilities: [0.4, 0.6]))]
        let sampler = UncertaintySampler(scenario, seed: 3)
        #expect((0..<40).filter { sampler.values($0)[0] == 300 }.count == 25)
    }

    /// The decomposition reaches the optimum of the extensive form solved whole (within 1e-6
    /// relative), on the bundled Gooi scenario with eight years that change claimed hours,
    /// availability and FTE of its pools by fixed amounts, risk-neutral and with CVaR.
    @Test(arguments: [0.0, 0.3])
    func decompositionMatchesTheExtensiveForm(riskAversion: Double) throws {
        let scenario = try ScenarioLoader.load(path: scenarios.appendingPathComponent("gooi-en-vechtstreek-2023.yaml").path)
        var samples: [Scenario] = []
        for index in 0..<8 {
            var sample = scenario
            for pool in sample.pools.indices {
                let shift = Double((index * 7 + pool * 3) % 11) / 10 // 0.0 … 1.0, a fixed pattern
                sample.pools[pool].claimedHours += shift * 0.25 * max(0, scenario.pools[pool].capacity)
                sample.pools[pool].availability = min(1, sample.pools[pool].availability * (0.95 + 0.01 * Double(index % 6)))
            }
            samples.append(sample)
        }
        let options = RobustOptions(riskAversion: riskAversion)
        let builder = RobustBlockBuilder(nominal: scenario, options: options)
        let solver = try RobustSolver(builder: builder, samples: samples)
        let decomposed = try solver.solve(from: scenario.pools.map { $0.reserve * $0.capacity })
        let whole = try builder.extensiveForm(samples, probabilities: Array(repeating: 1.0 / 8, count: 8))
        let direct = try GLPK.solve(whole.program, options: SolverOptions(method: .dual))
        #expect(direct.status == .optimal)
        #expect(abs(decomposed.best.objective - direct.objective) <= 1e-6 * abs(direct.objective))
        // The reserves of the decomposition, put into the extensive form, give its optimum back.
        var fixed = whole.program
        for (column, reserve) in zip(whole.reserves, decomposed.best.reserves) { fixed.setBounds(of: column, lower: reserve, upper: reserve) }
        let check = try GLPK.solve(fixed, options: SolverOptions(method: .dual))
        #expect(abs(check.objective - direct.objective) <= 1e-6 * abs(direct.objective))
    }
}

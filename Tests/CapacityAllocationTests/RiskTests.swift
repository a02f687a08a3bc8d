import Foundation
import Testing
@testable import CapacityAllocation

/// `ivp risk` on scenarios small enough to work out by hand: a two-point crisis whose recourse is
/// computed on paper, and a uniform capacity whose probability of keeping a minimum has a closed form.
@Suite struct RiskTests {
    static func plan(_ text: String) throws -> RiskAnalysis.Plan {
        let scenario = try ScenarioLoader.load(text: text, name: "risk.yaml")
        var options = AllocationOptions()
        options.headlines = false
        return try #require(try RiskAnalysis.Plan.optimum(of: SolvedModel(scenario, options: options)))
    }

    /// One pool: 1 FTE × 1000 h, reserve 0.2, so 800 allocatable. Theme a (weight 2) and theme b
    /// (weight 1, minimum 0.3 of its need) in one town, both needing 1000 hours. The optimum puts
    /// the 300 hours of b's minimum on b and the other 500 on a: V = 2 · 500 + 300 = 1300.
    /// The crisis (probability 0.2) claims 600 hours and doubles b's need:
    /// - a normal year: C = 1000 ≥ 800 planned, the plan stands; the 200 released hours are not
    ///   spent on value alone (κ = 2ω = 4 per hour > 2). V = 1300, I = 2·1000 + 1000 = 3000.
    /// - a crisis year: C = 1000 − 600 = 400 and b's minimum is 0.3 · 2000 = 600. Every hour goes
    ///   to b (a shortfall costs μ = 500 ω / η = 1000 an hour): x_b = 400, 100 added to b and 500
    ///   taken from a; b is 200 hours short. V = 400, I = 2·1000 + 2000 = 4000.
    static let crisis = """
        name: Crisis
        hours_per_fte: 1000
        reserve: 0.2
        base_teams: [{id: team}]
        municipalities: [{id: town, base_team: team, population: 10000}]
        pools: [{id: pool, at: team, kind: general, fte: 1, claimed_hours: 0}]
        themes:
          - {id: a, level: local, adopted_by: [town], kinds: {general: 1}, weight: 2, need: {by_municipality: {town: 1000}}}
          - {id: b, level: local, adopted_by: [town], kinds: {general: 1}, need: {by_municipality: {town: 1000}}, minimum: 0.3}
        uncertainty:
          - {parameter: pools.pool.claimed_hours, distribution: discrete, values: [0, 600], probabilities: [0.8, 0.2], group: crisis}
          - {parameter: themes.b.need.by_municipality.town, distribution: discrete, values: [1000, 2000], probabilities: [0.8, 0.2], group: crisis}

        """

    @Test func twoPointCrisisWorkedOutByHand() throws {
        let plan = try Self.plan(Self.crisis)
        #expect(plan.hours == [500, 300])
        let header = try RiskAnalysis.header(plan, seed: 11, samples: 200)
        #expect(abs(header.planObjective - 1300) < 1e-6)
        #expect(header.movePenalty == 4)
        #expect(header.shortfallPenalty == 1000)
        #expect(header.promises == [RecoursePromise(constraint: "minimum", entities: ["b", "town"])])
        let samples = try RiskAnalysis.samples(plan, seed: 11, range: 0..<200)
        let sampler = UncertaintySampler(plan.formulation.scenario, seed: 11)
        var crises = 0
        for sample in samples {
            let inCrisis = sampler.values(sample.index) == [600, 2000]
            if inCrisis {
                crises += 1
                #expect(abs(sample.objective - 400) < 1e-6)
                #expect(sample.ideal == 4000)
                #expect(sample.brokenPromises == [0])
                #expect(abs(sample.shortfallHours[0] - 200) < 1e-6)
                #expect(abs(sample.addedHours[0] - 100) < 1e-6)
                #expect(abs(sample.takenHours[0] - 500) < 1e-6)
            } else {
                #expect(sampler.values(sample.index) == [0, 1000])
                #expect(abs(sample.objective - 1300) < 1e-6)
                #expect(sample.ideal == 3000)
                #expect(sample.brokenPromises.isEmpty)
                #expect(sample.addedHours == [0] && sample.takenHours == [0])
            }
        }
        // About one year in five is a crisis (200 draws: 40 ± 2 · 5.7).
        #expect((29...51).contains(crises))
        let result = RiskResult(header: header, samples: samples)
        let share = Double(crises) / 200
        #expect(abs(result.promises[0].probabilityHeld - (1 - share)) < 1e-12)
        #expect(abs(result.promises[0].expectedShortfallHours - 200 * share) < 1e-6)
        #expect(abs(result.objective.mean - (1300 * (1 - share) + 400 * share)) < 1e-6)
        // More than 10% of the years are crises, so P10 is a crisis year; P50 and P90 are normal.
        #expect(abs(result.objective.p10 - 400) < 1e-6)
        #expect(abs(result.objective.p90 - 1300) < 1e-6)
        #expect(abs(result.attainment.p90 - 1300.0 / 3000) < 1e-9)
        #expect(abs(result.pools[0].expectedAddedHours - 100 * share) < 1e-6)
        #expect(result.pools[0].probabilityAdded == share)
        // The plan leaves 200 hours free (the reserve); a crisis year leaves none: it uses all 200.
        #expect(result.pools[0].reserveHours == 200)
        #expect(abs(result.pools[0].expectedReserveUsedHours - 200 * share) < 1e-6)
        #expect(result.pools[0].probabilityReserveUsed == share)
    }

    /// One pool of fte ~ uniform(0.5, 1.5) × 1000 h, reserve 0.1, one theme needing 1000 hours with
    /// a minimum of 0.8. The plan is 900 hours (all that may be allocated). A year of capacity
    /// C = 1000 f keeps min(900, C) hours, so the minimum (800) holds when f ≥ 0.8:
    ///     P(held) = (1.5 − 0.8) / (1.5 − 0.5) = 0.7,
    ///     E[shortfall] = ∫_0.5^0.8 (800 − 1000 f) df = [800 f − 500 f²]_0.5^0.8 = 320 − 275 = 45 hours,
    /// and E[shortfall²] = ∫_0^300 g² dg / 1000 = 9000, so its standard deviation is √(9000 − 45²) = 83.5.
    /// With N = 2000 samples the estimates have standard errors √(0.7 · 0.3 / 2000) = 0.0102 and
    /// 83.5 / √2000 = 1.87 hours: the test allows four of them (0.041 and 7.5 hours).
    @Test func uniformCapacityMatchesTheClosedForm() throws {
        let plan = try Self.plan("""
            name: Uniform
            hours_per_fte: 1000
            reserve: 0.1
            base_teams: [{id: team}]
            municipalities: [{id: town, base_team: team, population: 10000}]
            pools: [{id: pool, at: team, kind: general, fte: 1}]
            themes:
              - {id: t, level: local, adopted_by: [town], kinds: {general: 1}, need: {by_municipality: {town: 1000}}, minimum: 0.8}
            uncertainty:
              - {parameter: pools.pool.fte, distribution: uniform, low: 0.5, high: 1.5}

            """)
        #expect(plan.hours == [900])
        let samples = try RiskAnalysis.samples(plan, seed: 2026, range: 0..<2000, threads: 2)
        let result = RiskResult(header: try RiskAnalysis.header(plan, seed: 2026, samples: 2000), samples: samples)
        #expect(abs(result.promises[0].probabilityHeld - 0.7) < 0.041)
        #expect(abs(result.promises[0].expectedShortfallHours - 45) < 7.5)
        // Each sample exactly: shortfall max(0, 800 − 1000 f).
        let sampler = UncertaintySampler(plan.formulation.scenario, seed: 2026)
        for sample in samples.prefix(100) {
            let fte = sampler.values(sample.index)[0]
            let expected = max(0, 800 - 1000 * fte)
            #expect(abs((sample.shortfallHours.first ?? 0) - (expected < RiskAnalysis.tolerance ? 0 : expected)) < 1e-6)
        }
    }

    @Test func samplesDoNotDependOnThreadsOrRanges() throws {
        let plan = try Self.plan(Self.crisis)
        let whole = try RiskAnalysis.samples(plan, seed: 5, range: 0..<60, threads: 1)
        #expect(whole == (try RiskAnalysis.samples(plan, seed: 5, range: 0..<60, threads: 2)))
        let parts = try [0..<20, 20..<40, 40..<60].flatMap { try RiskAnalysis.samples(plan, seed: 5, range: $0, threads: 1) }
        #expect(parts == whole)
        #expect(RiskAnalysis.shardRange(index: 1, count: 3, samples: 10) == 0..<4)
        #expect(RiskAnalysis.shardRange(index: 2, count: 3, samples: 10) == 4..<7)
        #expect(RiskAnalysis.shardRange(index: 3, count: 3, samples: 10) == 7..<10)
    }

    @Test func nearestRankPercentiles() {
        // N = 10: P10 is rank 1, P50 rank 5, P90 rank 9.
        let summary = RiskSummary([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
        #expect(summary.mean == 5.5)
        #expect(summary.p10 == 1 && summary.p50 == 5 && summary.p90 == 9)
        // N = 3: ranks ⌈0.3⌉ = 1, ⌈1.5⌉ = 2, ⌈2.7⌉ = 3.
        let three = RiskSummary([3, 1, 2])
        #expect(three.p10 == 1 && three.p50 == 2 && three.p90 == 3)
    }
}

import Testing
import CapacityAllocation
import Foundation

// Tiny scenarios, one per constraint of DESIGN.md 4.2 and one per solve mode of 4.3, each solved
// by hand in the comment above its test. All numbers asserted below are the hand-derived ones
// (double-checked against Tools/reference/reference_model.py). Unless said otherwise every pool has
// hours_per_fte 1000, availability 1, no claimed hours and no reserve, so C_p = 1000 · fte, and every
// theme has the default one-segment curve [{share: 1, value: 1}], so its value is W_tm · coverage.

// MARK: - Helpers

private func solve(_ yaml: String, _ name: String, mode: SolveMode = .weighted) throws -> AllocationResult {
    let scenario = try ScenarioLoader.load(text: yaml, name: name)
    return try Allocator.solve(scenario, options: AllocationOptions(mode: mode))
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) < tolerance
}

private extension AllocationResult {
    func covered(_ theme: String, _ municipality: String) -> Double? {
        coverage.first { $0.theme == theme && $0.municipality == municipality }?.covered
    }
    func need(_ theme: String, _ municipality: String) -> Double? {
        coverage.first { $0.theme == theme && $0.municipality == municipality }?.need
    }
    func line(_ theme: String, _ municipality: String) -> CoverageLine? {
        coverage.first { $0.theme == theme && $0.municipality == municipality }
    }
    func pool(_ id: String) -> PoolResult? { pools.first { $0.id == id } }
    func municipality(_ id: String) -> MunicipalityResult? { municipalities.first { $0.id == id } }
    func hours(_ pool: String, _ theme: String, _ municipality: String) -> Double {
        allocations.filter { $0.pool == pool && $0.theme == theme && $0.municipality == municipality }
            .reduce(0) { $0 + $1.hours }
    }
    func shortfall(_ theme: String, _ municipality: String) -> Shortfall? {
        shortfalls.first { $0.theme == theme && $0.municipality == municipality }
    }
    func promises(_ kind: BindingPromise.Kind) -> [BindingPromise] { binding.filter { $0.kind == kind } }
    func themes(selectedIn municipality: String) -> [String]? {
        selected?.first { $0.municipality == municipality }?.themes
    }
}

/// The scenario of `linkAndDiminishingReturns` (worked by hand there).
private let linkAndReturns = """
    name: Link and returns
    hours_per_fte: 1000
    base_teams: [{id: b, name: B}]
    municipalities: [{id: a, name: A, base_team: b}]
    pools:
      - {id: p, name: P, at: b, kind: general, fte: 1}
    themes:
      - id: t1
        name: T1
        level: local
        adopted_by: [a]
        kinds: {general: 1}
        returns: [{share: 0.4, value: 1.0}, {share: 0.6, value: 0.5}]
        need: {by_municipality: {a: 1000}}
      - id: t2
        name: T2
        level: local
        adopted_by: [a]
        kinds: {general: 1}
        weight: 0.8
        need: {by_municipality: {a: 300}}
    """

@Suite struct ModelExampleTests {

    // MARK: - 4.2 (1) Link and diminishing returns

    /// Pool p at base team b: C = 1 · 1000 = 1000 h, all allocatable.
    /// t1 (weight 1) has its own curve [{0.4, 1.0}, {0.6, 0.5}] and need 1000: segments of 400 h worth
    /// 1.0 and 600 h worth 0.5. t2 (weight 0.8) has need 300 and the default curve: 300 h worth 0.8.
    /// The value per hour falls as a theme fills up (concave), so the LP fills the best segments first:
    ///   t1 seg 1: 400 h @ 1.0 → 400;  t2: 300 h @ 0.8 → 240;  t1 seg 2: the last 1000 − 700 = 300 h
    ///   @ 0.5 → 150.
    /// V = 400 + 240 + 150 = 790; coverage t1 = 700, t2 = 300.
    /// I = (400 · 1 + 600 · 0.5) + 300 · 0.8 = 700 + 240 = 940.
    /// hour_value(p) = 0.5: the next hour goes to t1's second segment. That value holds while the
    /// marginal hour falls in that segment: from 400 + 300 = 700 h up to 700 + 600 = 1300 h.
    /// t1 falls short of its need (700 < 1000) and its next hour is worth the second segment's 0.5.
    @Test func linkAndDiminishingReturns() throws {
        let result = try solve(linkAndReturns, "returns.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 790))
        #expect(close(result.ideal, 940))
        #expect(close(result.attainment, 790.0 / 940.0))
        #expect(close(result.covered("t1", "a"), 700))
        #expect(close(result.covered("t2", "a"), 300))
        #expect(close(result.line("t1", "a")?.value, 550))   // 400 · 1.0 + 300 · 0.5
        #expect(close(result.line("t1", "a")?.ideal, 700))
        #expect(close(result.line("t2", "a")?.value, 240))
        #expect(close(result.pool("p")?.hourValue, 0.5))
        #expect(close(result.pool("p")?.allocated, 1000))
        #expect(close(result.pool("p")?.hourValueRange?.lower, 700))
        #expect(close(result.pool("p")?.hourValueRange?.upper, 1300))
        #expect(close(result.shortfall("t1", "a")?.segmentValue, 0.5))
        #expect(result.shortfall("t2", "a") == nil)
    }

    /// `alongside` is given the result before its ranges, on another thread, while they are read:
    /// the same coverage (t1 700 h, t2 300 h, worked out above) and no range yet; the result
    /// returned has pool p's range 700…1300.
    @Test func theResultBeforeItsRangesIsGivenAlongside() throws {
        final class Seen: @unchecked Sendable { var result: AllocationResult? }
        let seen = Seen()
        let scenario = try ScenarioLoader.load(text: linkAndReturns, name: "returns.yaml")
        let model = try SolvedModel(scenario, options: AllocationOptions(headlines: false))
        let result = try model.result(alongside: { seen.result = $0 })
        let early = try #require(seen.result)
        #expect(close(early.covered("t1", "a"), 700))
        #expect(close(early.covered("t2", "a"), 300))
        #expect(early.pool("p")?.hourValueRange == nil)
        #expect(early.allocations == result.allocations && early.coverage == result.coverage && early.shortfalls == result.shortfalls)
        #expect(close(result.pool("p")?.hourValueRange?.lower, 700))
        #expect(close(result.pool("p")?.hourValueRange?.upper, 1300))
    }

    /// The link row Σ_j y_tmj = cov_tm with y_tmj ≤ λ_j n_tm caps coverage at the need.
    /// Pool p: 1000 h; t1 need 600. Coverage 600 (not 1000), V = 600 = I, attainment 1.
    /// 400 h stay unused and an extra hour is worth nothing: hour_value 0.
    @Test func linkCapsCoverageAtNeed() throws {
        let result = try solve("""
            name: Link caps coverage
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities: [{id: a, name: A, base_team: b}]
            pools:
              - {id: p, name: P, at: b, kind: general, fte: 1}
            themes:
              - id: t1
                name: T1
                level: local
                adopted_by: [a]
                kinds: {general: 1}
                need: {by_municipality: {a: 600}}
            """, "link.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 600))
        #expect(close(result.attainment, 1))
        #expect(close(result.covered("t1", "a"), 600))
        #expect(close(result.pool("p")?.allocated, 600))
        #expect(close(result.pool("p")?.unused, 400))
        #expect(close(result.pool("p")?.hourValue, 0))
        #expect(result.shortfalls.isEmpty)
    }

    // MARK: - 4.2 (2) Capacity with reserve

    /// p1 (general): C = fte · hours_per_fte · availability − claimed = 2 · 1000 · 0.9 − 300 = 1500;
    ///   the file's reserve 0.2 applies: allocatable 0.8 · 1500 = 1200 h, reserve 300 h.
    /// p2 (investigation): C = 1 · 1000 = 1000; its own reserve 0 overrides the file's: 1000 h.
    /// t1: weight 2, need 5000 (never reached), kinds general 1, investigation 0.5.
    ///   cov = 1200 · 1 + 1000 · 0.5 = 1700; V = 2 · 1700 = 3400; I = 2 · 5000 = 10000.
    /// hour_value: p1 = 2 · 1 = 2, p2 = 2 · 0.5 = 1.
    /// fte_value = hour_value · hours_per_fte · availability · (1 − reserve):
    ///   p1 = 2 · 1000 · 0.9 · 0.8 = 1440, p2 = 1 · 1000 · 1 · 1 = 1000.
    @Test func capacityWithReserve() throws {
        let result = try solve("""
            name: Capacity and reserve
            hours_per_fte: 1000
            reserve: 0.2
            base_teams: [{id: b, name: B}]
            municipalities: [{id: a, name: A, base_team: b}]
            pools:
              - {id: p1, name: P1, at: b, kind: general, fte: 2, availability: 0.9, claimed_hours: 300}
              - {id: p2, name: P2, at: b, kind: investigation, fte: 1, reserve: 0}
            themes:
              - id: t1
                name: T1
                level: local
                adopted_by: [a]
                kinds: {general: 1, investigation: 0.5}
                weight: 2
                need: {by_municipality: {a: 5000}}
            """, "capacity.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 3400))
        #expect(close(result.ideal, 10000))
        #expect(close(result.covered("t1", "a"), 1700))
        let p1 = try #require(result.pool("p1")), p2 = try #require(result.pool("p2"))
        #expect(close(p1.capacity, 1500))
        #expect(close(p1.reserve, 300))
        #expect(close(p1.allocated, 1200))
        #expect(close(p1.unused, 0))
        #expect(close(p1.hourValue, 2))
        #expect(close(p1.fteValue, 1440))
        #expect(close(p2.capacity, 1000))
        #expect(close(p2.reserve, 0))
        #expect(close(p2.allocated, 1000))
        #expect(close(p2.hourValue, 1))
        #expect(close(p2.fteValue, 1000))
        #expect(close(result.capacity, 2500))
        #expect(close(result.reserve, 300))
        #expect(close(result.allocated, 2200))
        #expect(close(result.allocations.first { $0.pool == "p2" }?.effectiveHours, 500))
    }

    // MARK: - 4.2 (3) Mutual aid

    /// District d with base teams b1 (municipality a) and b2 (municipality c). The only pool p sits at
    /// b1: C = 1000 h; mutual_aid {max_share 0.25, efficiency 0.8}: c is away (under d, the parent of
    /// b1, but not under b1), so p may spend at most 0.25 · 1000 = 250 h there, at efficiency 0.8.
    /// t1 adopted by d, need a 1000, c 1000, severity c 2: W_a = 1, W_c = 2.
    /// An hour in a is worth 1, an hour in c 0.8 · 2 = 1.6 → c first, up to the aid cap:
    ///   c: 250 h → cov 200; a: the other 750 h → cov 750 (< 1000).
    /// V = 750 + 2 · 200 = 1150; I = 1000 + 2 · 1000 = 3000.
    /// hour_value(p) = 1 (the next hour can only go to a). The aid row binds: one more hour of aid
    /// moves an hour from a (1) to c (1.6): its cost per hour is 0.6.
    @Test func mutualAid() throws {
        let result = try solve("""
            name: Mutual aid
            hours_per_fte: 1000
            districts: [{id: d, name: D}]
            base_teams:
              - {id: b1, name: B1, district: d}
              - {id: b2, name: B2, district: d}
            municipalities:
              - {id: a, name: A, base_team: b1}
              - {id: c, name: C, base_team: b2}
            pools:
              - {id: p, name: P, at: b1, kind: general, fte: 1, mutual_aid: {max_share: 0.25, efficiency: 0.8}}
            themes:
              - id: t1
                name: T1
                level: district
                adopted_by: [d]
                kinds: {general: 1}
                need: {by_municipality: {a: 1000, c: 1000}}
                severity: {c: 2}
            """, "aid.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 1150))
        #expect(close(result.ideal, 3000))
        #expect(close(result.covered("t1", "a"), 750))
        #expect(close(result.covered("t1", "c"), 200))
        #expect(close(result.hours("p", "t1", "c"), 250))
        #expect(close(result.hours("p", "t1", "a"), 750))
        #expect(close(result.allocations.first { $0.municipality == "c" }?.effectiveHours, 200))
        #expect(close(result.pool("p")?.mutualAid, 250))
        #expect(close(result.pool("p")?.hourValue, 1))
        let aid = result.promises(.mutualAid)
        #expect(aid.count == 1)
        #expect(aid.first?.entities == ["p"])
        #expect(close(aid.first?.bound, 250))
        #expect(close(aid.first?.costPerUnit, 0.6))
        #expect(close(result.municipality("a")?.value, 750))
        #expect(close(result.municipality("c")?.value, 400))
    }

    /// Without `mutual_aid` the same pool serves only its own base team: c gets nothing.
    /// a takes min(1000, 1000) = 1000 h: V = 1000; c's shortfall has no pool that can serve it.
    @Test func withoutMutualAidAwayMunicipalitiesGetNothing() throws {
        let result = try solve("""
            name: No mutual aid
            hours_per_fte: 1000
            districts: [{id: d, name: D}]
            base_teams:
              - {id: b1, name: B1, district: d}
              - {id: b2, name: B2, district: d}
            municipalities:
              - {id: a, name: A, base_team: b1}
              - {id: c, name: C, base_team: b2}
            pools:
              - {id: p, name: P, at: b1, kind: general, fte: 1}
            themes:
              - id: t1
                name: T1
                level: district
                adopted_by: [d]
                kinds: {general: 1}
                need: {by_municipality: {a: 1000, c: 1000}}
                severity: {c: 2}
            """, "noaid.yaml")
        #expect(close(result.objective, 1000))
        #expect(close(result.covered("t1", "a"), 1000))
        #expect(close(result.covered("t1", "c"), 0))
        #expect(result.shortfall("t1", "c")?.reason == .noCapacity)
        #expect(result.promises(.mutualAid).isEmpty)
    }

    // MARK: - 4.2 (4) Minimum

    /// Pool p: 1000 h. Core theme t1: weight 0.5, need 600, minimum 0.5 → cov ≥ 300.
    /// Theme t2: weight 1, need 2000 (more valuable per hour, never full).
    /// Without the floor all 1000 h would go to t2 (V = 1000). With it t1 gets exactly its floor:
    ///   t1 300 h, t2 700 h. V = 0.5 · 300 + 700 = 850; I = 0.5 · 600 + 2000 = 2300.
    /// hour_value(p) = 1 (the next hour goes to t2).
    /// Cost of the minimum: one more hour of floor moves an hour from t2 (1) to t1 (0.5): 0.5 per hour.
    /// t1 falls short because an hour of p is worth 1 elsewhere and 0.5 here: its weight would have to
    /// rise by 0.5 (to 1) before it gets more.
    @Test func minimumForcesHoursAwayFromAMoreValuableTheme() throws {
        let result = try solve("""
            name: Minimum
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities: [{id: a, name: A, base_team: b}]
            pools:
              - {id: p, name: P, at: b, kind: general, fte: 1}
            themes:
              - id: t1
                name: T1
                level: local
                core: true
                adopted_by: [a]
                kinds: {general: 1}
                weight: 0.5
                minimum: 0.5
                need: {by_municipality: {a: 600}}
              - id: t2
                name: T2
                level: local
                adopted_by: [a]
                kinds: {general: 1}
                need: {by_municipality: {a: 2000}}
            """, "minimum.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 850))
        #expect(close(result.ideal, 2300))
        #expect(close(result.covered("t1", "a"), 300))
        #expect(close(result.covered("t2", "a"), 700))
        #expect(close(result.pool("p")?.hourValue, 1))
        let minimum = result.promises(.minimum)
        #expect(minimum.count == 1)
        #expect(minimum.first?.entities == ["t1", "a"])
        #expect(close(minimum.first?.bound, 300))
        #expect(close(minimum.first?.costPerUnit, 0.5))
        let shortfall = try #require(result.shortfall("t1", "a"))
        #expect(shortfall.reason == .outvalued)
        #expect(shortfall.pool == "p")
        #expect(close(shortfall.valueElsewhere, 1))
        #expect(close(shortfall.valueHere, 0.5))
        #expect(close(shortfall.weightIncrease, 0.5))
        #expect(result.themes.first { $0.id == "t1" }?.core == true)
    }

    // MARK: - 4.2 (5) Displacement

    /// District d, base team b with municipalities a and c, listed as neighbours. Pool p at b: 1000 h.
    /// t1 adopted by d: need a 1000, c 1000; severity a 3 (W_a = 3, W_c = 1); max_gap 0.2:
    ///   cov_a/1000 − cov_c/1000 ≤ 0.2 and cov_c/1000 − cov_a/1000 ≤ 0.2.
    /// Without the gap a would take all 1000 h (V = 3000). With it, a is pushed to the gap:
    ///   cov_a − cov_c = 200 and cov_a + cov_c = 1000 → cov_a = 600, cov_c = 400.
    /// V = 3 · 600 + 400 = 2200; I = 3000 + 1000 = 4000.
    /// hour_value(p) = 2: the next hour is split half to a (3) and half to c (1) to keep the gap.
    /// Dual of gap(t1, a, c): widening the gap by dδ moves 500·dδ hours from c to a, gaining
    ///   (3 − 1) · 500 = 1000 per unit of share, i.e. 10 per 0.01 of gap (the reported cost per unit).
    /// a falls short because of the displacement bound with its neighbour c.
    @Test func displacementBetweenTwoNeighbours() throws {
        let result = try solve(Self.displacementScenario, "displacement.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 2200))
        #expect(close(result.ideal, 4000))
        #expect(close(result.covered("t1", "a"), 600))
        #expect(close(result.covered("t1", "c"), 400))
        #expect(close(result.pool("p")?.hourValue, 2))
        let gaps = result.promises(.displacement)
        #expect(gaps.count == 1)
        #expect(gaps.first?.entities == ["t1", "a", "c"])
        #expect(close(gaps.first?.bound, 0.2))
        #expect(close(gaps.first?.costPerUnit, 10))
        let shortfall = try #require(result.shortfall("t1", "a"))
        #expect(shortfall.reason == .displacement)
        #expect(shortfall.neighbour == "c")
        #expect(close(result.municipality("a")?.value, 1800))
        #expect(close(result.municipality("c")?.value, 400))
    }

    /// The displacement scenario of the test above. With severity c 2.5 (W_c = 2.5 < W_a = 3) a is still the
    /// better municipality, so the gap still binds and the allocation does not move:
    /// cov_a = 600, cov_c = 400, V = 3 · 600 + 2.5 · 400 = 2800. c only gets more once W_c > 3
    /// (along cov_a + cov_c = 1000 the objective's slope is W_c − W_a).
    static let displacementScenario = """
        name: Displacement
        hours_per_fte: 1000
        districts: [{id: d, name: D}]
        base_teams: [{id: b, name: B, district: d}]
        municipalities:
          - {id: a, name: A, base_team: b}
          - {id: c, name: C, base_team: b}
        neighbours: [[a, c]]
        pools:
          - {id: p, name: P, at: b, kind: general, fte: 1}
        themes:
          - id: t1
            name: T1
            level: district
            adopted_by: [d]
            kinds: {general: 1}
            need: {by_municipality: {a: 1000, c: 1000}}
            severity: {a: 3}
            max_gap: 0.2
        """

    @Test func displacementHoldsUntilTheNeighbourOutweighs() throws {
        let yaml = Self.displacementScenario.replacingOccurrences(of: "severity: {a: 3}", with: "severity: {a: 3, c: 2.5}")
        let result = try solve(yaml, "displacement-c.yaml")
        #expect(close(result.objective, 2800))
        #expect(close(result.covered("t1", "a"), 600))
        #expect(close(result.covered("t1", "c"), 400))
        // hour_value: the next hour is split half a (3), half c (2.5): 2.75.
        #expect(close(result.pool("p")?.hourValue, 2.75))
    }

    /// In the displacement example (severity a 3, c 1) c gets 400 h. An hour in c is worth 1 of value
    /// plus 1 of relief on a's gap row (dual 1000 per unit of share, 1/1000 share per hour), i.e.
    /// exactly the pool's hour value 2: x(p, t1, c) is basic with reduced cost 0, so the report says
    /// an hour is worth as much here as elsewhere (a tie), not that c is outvalued.
    @Test func displacementShortfallOfTheHeldBackNeighbour() throws {
        let result = try solve(Self.displacementScenario, "displacement.yaml")
        let shortfall = try #require(result.shortfall("t1", "c"))
        #expect(shortfall.reason == .tie)
        #expect(close(shortfall.valueHere, 2))
        #expect(close(shortfall.valueElsewhere, 2))
        #expect(shortfall.weightIncrease == nil)
    }

    // MARK: - 4.2 (6) Pool limits

    /// Pool p: C = 1000, reserve 0.1 → 900 allocatable; limit t1 ≤ 0.25 · C = 250 h (a share of C,
    /// not of the allocatable hours).
    /// t1: weight 3, need 1000; t2: weight 1, need 1000.
    /// t1 is worth more, so it takes all it may: 250 h; t2 the other 900 − 250 = 650 h.
    /// V = 3 · 250 + 650 = 1400; I = 3000 + 1000 = 4000.
    /// hour_value(p) = 1 (the next hour goes to t2). Cost of the limit: one more hour of t1 moves an
    /// hour from t2 (1) to t1 (3): 2 per hour.
    @Test func poolLimits() throws {
        let result = try solve("""
            name: Pool limits
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities: [{id: a, name: A, base_team: b}]
            pools:
              - id: p
                name: P
                at: b
                kind: general
                fte: 1
                reserve: 0.1
                limits:
                  - {themes: [t1], max_share: 0.25}
            themes:
              - id: t1
                name: T1
                level: local
                adopted_by: [a]
                kinds: {general: 1}
                weight: 3
                need: {by_municipality: {a: 1000}}
              - id: t2
                name: T2
                level: local
                adopted_by: [a]
                kinds: {general: 1}
                need: {by_municipality: {a: 1000}}
            """, "limits.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 1400))
        #expect(close(result.ideal, 4000))
        #expect(close(result.covered("t1", "a"), 250))
        #expect(close(result.covered("t2", "a"), 650))
        #expect(close(result.pool("p")?.allocated, 900))
        #expect(close(result.pool("p")?.reserve, 100))
        #expect(close(result.pool("p")?.hourValue, 1))
        let limits = result.promises(.poolLimit)
        #expect(limits.count == 1)
        #expect(limits.first?.entities == ["p", "t1"])
        #expect(close(limits.first?.bound, 250))
        #expect(close(limits.first?.costPerUnit, 2))
    }

    // MARK: - 4.2 (7) Presence

    /// Base team b with a (20000 inhabitants) and c (5000). Pool p (community) at b: 1000 h.
    /// Presence: community, 20 h per 1000 inhabitants → a ≥ 400, c ≥ 100 raw hours.
    /// t1: community efficiency 0.5, need a 2000, c 2000, severity c 4.
    ///   An hour in a is worth 0.5 · 1 = 0.5, in c 0.5 · 4 = 2 → everything to c but a's floor:
    ///   a 400 h (cov 200), c 600 h (cov 300; its floor 100 is slack).
    /// V = 200 + 4 · 300 = 1400; I = 2000 + 4 · 2000 = 10000.
    /// hour_value(p) = 2. Cost of a's presence floor: one more raw hour there moves an hour from c (2)
    /// to a (0.5): 1.5 per hour. The floor counts raw hours (400), not effective ones (200).
    @Test func presenceFloor() throws {
        let result = try solve("""
            name: Presence
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities:
              - {id: a, name: A, base_team: b, population: 20000}
              - {id: c, name: C, base_team: b, population: 5000}
            pools:
              - {id: p, name: P, at: b, kind: community, fte: 1}
            presence:
              - {kind: community, hours_per_1000_inhabitants: 20}
            themes:
              - id: t1
                name: T1
                level: base_team
                adopted_by: [b]
                kinds: {community: 0.5}
                need: {by_municipality: {a: 2000, c: 2000}}
                severity: {c: 4}
            """, "presence.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 1400))
        #expect(close(result.ideal, 10000))
        #expect(close(result.hours("p", "t1", "a"), 400))
        #expect(close(result.hours("p", "t1", "c"), 600))
        #expect(close(result.covered("t1", "a"), 200))
        #expect(close(result.covered("t1", "c"), 300))
        #expect(close(result.municipality("a")?.hours, 400))
        #expect(close(result.pool("p")?.hourValue, 2))
        let presence = result.promises(.presence)
        #expect(presence.count == 1)
        #expect(presence.first?.entities == ["community", "a"])
        #expect(close(presence.first?.bound, 400))
        #expect(close(presence.first?.costPerUnit, 1.5))
    }

    // MARK: - Efficiency, weights and need

    /// District d > base team b > municipality a.
    /// pd at d (investigation, 1 fte): 1000 h at efficiency 1 · joint_efficiency 1.25 = 1.25.
    /// pb at b (investigation, 0.5 fte): 500 h at efficiency 1 (a base team gets no joint bonus).
    /// t1 need 5000 > 1250 + 500, so both pools are used fully: cov = 1250 + 500 = 1750.
    /// V = 1750; I = 5000. hour_value: pd 1.25, pb 1.
    @Test func jointEfficiencyOfADistrictPool() throws {
        let result = try solve("""
            name: Joint efficiency
            hours_per_fte: 1000
            districts: [{id: d, name: D}]
            base_teams: [{id: b, name: B, district: d}]
            municipalities: [{id: a, name: A, base_team: b}]
            pools:
              - {id: pd, name: PD, at: d, kind: investigation, fte: 1}
              - {id: pb, name: PB, at: b, kind: investigation, fte: 0.5}
            themes:
              - id: t1
                name: T1
                level: district
                adopted_by: [d]
                kinds: {investigation: 1}
                joint_efficiency: 1.25
                need: {by_municipality: {a: 5000}}
            """, "joint.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 1750))
        #expect(close(result.ideal, 5000))
        #expect(close(result.covered("t1", "a"), 1750))
        #expect(close(result.allocations.first { $0.pool == "pd" }?.hours, 1000))
        #expect(close(result.allocations.first { $0.pool == "pd" }?.effectiveHours, 1250))
        #expect(close(result.allocations.first { $0.pool == "pb" }?.effectiveHours, 500))
        #expect(close(result.pool("pd")?.hourValue, 1.25))
        #expect(close(result.pool("pb")?.hourValue, 1))
    }

    /// W_tm = weight_t · level_weights[level_t] · severity_tm, with level_weights {district 2, local 0.5}.
    /// t1 (district, weight 1.5, severity a 2): W_a = 1.5 · 2 · 2 = 6, W_c = 1.5 · 2 · 1 = 3;
    ///   need a 100, c 100.
    /// t2 (local, weight 1): W_a = 1 · 0.5 = 0.5; need a 1000.
    /// Pool p at b: 1000 h. Best first: t1/a (6) 100 h, t1/c (3) 100 h, t2/a (0.5) the other 800 h.
    /// V = 600 + 300 + 400 = 1300; I = 600 + 300 + 500 = 1400.
    /// Per municipality: a: V 600 + 400 = 1000, I 600 + 500 = 1100, attainment 10/11;
    ///   c: V 300, I 300, attainment 1. hour_value(p) = 0.5.
    @Test func severityAndLevelWeightsInTheEffectiveWeight() throws {
        let result = try solve("""
            name: Weights
            hours_per_fte: 1000
            level_weights: {district: 2, local: 0.5}
            districts: [{id: d, name: D}]
            base_teams: [{id: b, name: B, district: d}]
            municipalities:
              - {id: a, name: A, base_team: b}
              - {id: c, name: C, base_team: b}
            pools:
              - {id: p, name: P, at: b, kind: general, fte: 1}
            themes:
              - id: t1
                name: T1
                level: district
                adopted_by: [d]
                kinds: {general: 1}
                weight: 1.5
                severity: {a: 2}
                need: {by_municipality: {a: 100, c: 100}}
              - id: t2
                name: T2
                level: local
                adopted_by: [a]
                kinds: {general: 1}
                need: {by_municipality: {a: 1000}}
            """, "weights.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.objective, 1300))
        #expect(close(result.ideal, 1400))
        #expect(close(result.covered("t1", "a"), 100))
        #expect(close(result.covered("t1", "c"), 100))
        #expect(close(result.covered("t2", "a"), 800))
        #expect(close(result.line("t1", "a")?.value, 600))
        #expect(close(result.line("t1", "c")?.value, 300))
        #expect(close(result.line("t2", "a")?.value, 400))
        #expect(close(result.line("t2", "a")?.ideal, 500))
        #expect(close(result.municipality("a")?.value, 1000))
        #expect(close(result.municipality("a")?.ideal, 1100))
        #expect(close(result.municipality("a")?.attainment, 1000.0 / 1100.0))
        #expect(close(result.municipality("c")?.value, 300))
        #expect(close(result.municipality("c")?.attainment, 1))
        #expect(close(result.pool("p")?.hourValue, 0.5))
    }

    /// need: {per_1000_inhabitants: 40}: a (12500 inhabitants) needs 40 · 12.5 = 500 h,
    /// c (4000) needs 40 · 4 = 160 h. t2 (weight 0.5) needs 1000 h in a.
    /// Pool p at b: 1000 h. t1 (weight 1) first: 500 + 160 = 660 h; t2 the other 340 h.
    /// V = 660 + 0.5 · 340 = 830; I = 660 + 500 = 1160. hour_value(p) = 0.5.
    @Test func needPerThousandInhabitants() throws {
        let result = try solve("""
            name: Per 1000
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities:
              - {id: a, name: A, base_team: b, population: 12500}
              - {id: c, name: C, base_team: b, population: 4000}
            pools:
              - {id: p, name: P, at: b, kind: general, fte: 1}
            themes:
              - id: t1
                name: T1
                level: base_team
                adopted_by: [b]
                kinds: {general: 1}
                need: {per_1000_inhabitants: 40}
              - id: t2
                name: T2
                level: local
                adopted_by: [a]
                kinds: {general: 1}
                weight: 0.5
                need: {by_municipality: {a: 1000}}
            """, "per1000.yaml")
        #expect(result.status == .optimal)
        #expect(close(result.need("t1", "a"), 500))
        #expect(close(result.need("t1", "c"), 160))
        #expect(close(result.covered("t1", "a"), 500))
        #expect(close(result.covered("t1", "c"), 160))
        #expect(close(result.covered("t2", "a"), 340))
        #expect(close(result.objective, 830))
        #expect(close(result.ideal, 1160))
        #expect(close(result.pool("p")?.hourValue, 0.5))
        #expect(close(result.themes.first { $0.id == "t1" }?.need, 660))
    }

    // MARK: - Solve modes

    /// One municipality, pool p: 1000 h.
    ///   t1: core, level local, weight 0.1, need 300.
    ///   t2: level district, weight 1, need 500.
    ///   t3: level local, weight 2, need 1200 (more than the pool, so no optimum fills it exactly and
    ///       the pool's dual is unique).
    static let stagesScenario = """
        name: Stages
        hours_per_fte: 1000
        base_teams: [{id: b, name: B}]
        municipalities: [{id: a, name: A, base_team: b}]
        pools:
          - {id: p, name: P, at: b, kind: general, fte: 1}
        themes:
          - id: t1
            name: T1
            level: local
            core: true
            adopted_by: [a]
            kinds: {general: 1}
            weight: 0.1
            need: {by_municipality: {a: 300}}
          - id: t2
            name: T2
            level: district
            adopted_by: [a]
            kinds: {general: 1}
            need: {by_municipality: {a: 500}}
          - id: t3
            name: T3
            level: local
            adopted_by: [a]
            kinds: {general: 1}
            weight: 2
            need: {by_municipality: {a: 1200}}
        """

    /// Weighted: t3 is worth 2 per hour, the most, and its need 1200 takes the whole pool:
    /// V = 2 · 1000 = 2000; t1 and t2 get nothing. I = 0.1 · 300 + 500 + 2 · 1200 = 2930.
    /// hour_value(p) = 2. t1 is outvalued: its weight must rise by 2 − 0.1 = 1.9 before it gets hours.
    @Test func weightedMode() throws {
        let result = try solve(Self.stagesScenario, "stages.yaml", mode: .weighted)
        #expect(result.status == .optimal)
        #expect(result.mode == .weighted)
        #expect(close(result.objective, 2000))
        #expect(close(result.ideal, 2930))
        #expect(close(result.covered("t1", "a"), 0))
        #expect(close(result.covered("t2", "a"), 0))
        #expect(close(result.covered("t3", "a"), 1000))
        #expect(close(result.pool("p")?.hourValue, 2))
        #expect(result.shortfall("t1", "a")?.reason == .outvalued)
        #expect(close(result.shortfall("t1", "a")?.weightIncrease, 1.9))
        #expect(result.stages == nil)
        #expect(result.minAttainment == nil)
        #expect(result.selected == nil)
    }

    /// Lexicographic: groups core {t1}, then by level: district {t2}, local {t3} (national, regional
    /// and base_team are empty and skipped).
    ///   Stage core: max 0.1 · cov1 → cov1 = 300, V* = 30.
    ///   Stage district: max cov2 with 0.1 · cov1 ≥ 30 − 1e-7 · 30 → cov2 = 500 (its need; 700 h
    ///     are free), V* = 500.
    ///   Stage local: max 2 · cov3 with cov1 ≥ (30 − 3e-6)/0.1 = 300 − 3e-5 and
    ///     cov2 ≥ 500 − 1e-7 · 500 = 500 − 5e-5, so cov3 = 1000 − (300 − 3e-5) − (500 − 5e-5)
    ///     = 200.00008 and V* = 400.00016.
    /// Final V = 0.1 · 299.99997 + 499.99995 + 400.00016 = 930.000107.
    /// hour_value(p) = 2 (in the last stage the next hour goes to t3).
    @Test func lexicographicMode() throws {
        let result = try solve(Self.stagesScenario, "stages.yaml", mode: .lexicographic)
        #expect(result.status == .optimal)
        #expect(result.mode == .lexicographic)
        let stages = try #require(result.stages)
        #expect(stages.map(\.group) == ["core", "district", "local"])
        #expect(stages.count == 3)
        if stages.count == 3 {
            #expect(close(stages[0].objective, 30))
            #expect(close(stages[1].objective, 500))
            #expect(close(stages[2].objective, 400.00016))
        }
        #expect(close(result.objective, 930.000107))
        #expect(close(result.covered("t1", "a"), 299.99997))
        #expect(close(result.covered("t2", "a"), 499.99995))
        #expect(close(result.covered("t3", "a"), 200.00008))
        #expect(close(result.pool("p")?.hourValue, 2))
    }

    /// Maxmin. Base team b with a and c; pool p: 0.5 fte = 500 h. t1 need a 600, c 400, severity c 3:
    ///   I_a = 600, I_c = 3 · 400 = 1200; attainment_a = cov_a/600, attainment_c = 3 cov_c/1200 = cov_c/400.
    /// Stage 1: max z with z ≤ cov_a/600, z ≤ cov_c/400, cov_a + cov_c ≤ 500 → both equal:
    ///   600 z + 400 z = 500 → z* = 0.5 (cov_a = 300, cov_c = 200).
    /// Stage 2: max V = cov_a + 3 cov_c with z ≥ 0.5 − 1e-7: c is worth more, so a is held at its
    ///   lowest: cov_a = 600 · (0.5 − 1e-7) = 299.99994, cov_c = 200.00006.
    ///   V = 299.99994 + 600.00018 = 900.00012 (weighted mode would give c its full 400: V = 1300).
    /// hour_value(p) = 3: in stage 2 the next hour goes to c.
    @Test func maxminMode() throws {
        let yaml = """
            name: Maxmin
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities:
              - {id: a, name: A, base_team: b}
              - {id: c, name: C, base_team: b}
            pools:
              - {id: p, name: P, at: b, kind: general, fte: 0.5}
            themes:
              - id: t1
                name: T1
                level: base_team
                adopted_by: [b]
                kinds: {general: 1}
                severity: {c: 3}
                need: {by_municipality: {a: 600, c: 400}}
            """
        let result = try solve(yaml, "maxmin.yaml", mode: .maxmin)
        #expect(result.status == .optimal)
        #expect(result.mode == .maxmin)
        #expect(close(result.minAttainment, 0.5))
        #expect(close(result.objective, 900.00012))
        #expect(close(result.ideal, 1800))
        #expect(close(result.covered("t1", "a"), 299.99994))
        #expect(close(result.covered("t1", "c"), 200.00006))
        #expect(close(result.municipality("a")?.attainment, 0.4999999))
        #expect(close(result.municipality("c")?.attainment, 0.50000015))
        #expect(close(result.pool("p")?.hourValue, 3))

        let weighted = try solve(yaml, "maxmin.yaml", mode: .weighted)
        #expect(close(weighted.objective, 1300))
        #expect(close(weighted.covered("t1", "c"), 400))
        #expect(close(weighted.covered("t1", "a"), 100))
    }

    /// Select, max_per_municipality 1. Base team b with a and c; pool p at b: 1000 h.
    ///   t1: candidate, weight 3, need a 200, c 100.
    ///   t2: candidate, weight 2, need a 1000, c 1000.
    ///   t3: not a candidate, weight 1, need a 1000.
    /// One candidate per municipality; the options (the rest of the pool goes to the best open cell):
    ///   a t1, c t1: 200 + 100 h of t1 (900) + t3 700 h (700)        → 1600
    ///   a t2, c t1: t1/c 100 h (300) + t2/a 900 h (1800)             → 2100
    ///   a t1, c t2: t1/a 200 h (600) + t2/c 800 h (1600)             → 2200  ← best
    ///   a t2, c t2: 1000 h of t2 (2000)                              → 2000
    ///   only t2 in one municipality: 1000 h of t2                    → 2000
    /// V = 2200: a {t1}, c {t2}; coverage t1/a 200, t2/c 800, nothing else.
    /// I = 3 · 300 + 2 · 2000 + 1000 = 5900. hour_value(p) = 2 (the next hour goes to t2/c).
    static let selectScenario = """
        name: Select
        hours_per_fte: 1000
        base_teams: [{id: b, name: B}]
        municipalities:
          - {id: a, name: A, base_team: b}
          - {id: c, name: C, base_team: b}
        pools:
          - {id: p, name: P, at: b, kind: general, fte: 1}
        selection: {max_per_municipality: 1}
        themes:
          - id: t1
            name: T1
            level: local
            candidate: true
            adopted_by: [b]
            kinds: {general: 1}
            weight: 3
            need: {by_municipality: {a: 200, c: 100}}
          - id: t2
            name: T2
            level: local
            candidate: true
            adopted_by: [b]
            kinds: {general: 1}
            weight: 2
            need: {by_municipality: {a: 1000, c: 1000}}
          - id: t3
            name: T3
            level: local
            adopted_by: [a]
            kinds: {general: 1}
            need: {by_municipality: {a: 1000}}
        """

    @Test func selectModeWithMaxPerMunicipality() throws {
        let result = try solve(Self.selectScenario, "select.yaml", mode: .select)
        #expect(result.status == .optimal)
        #expect(result.mode == .select)
        #expect(close(result.objective, 2200))
        #expect(close(result.ideal, 5900))
        #expect(result.themes(selectedIn: "a") == ["t1"])
        #expect(result.themes(selectedIn: "c") == ["t2"])
        #expect(result.selected?.allSatisfy { $0.themes.count <= 1 } == true)
        #expect(close(result.covered("t1", "a"), 200))
        #expect(close(result.covered("t1", "c"), 0))
        #expect(close(result.covered("t2", "a"), 0))
        #expect(close(result.covered("t2", "c"), 800))
        #expect(close(result.covered("t3", "a"), 0))
        #expect(close(result.pool("p")?.hourValue, 2))
    }

    /// The same scenario with min_effort 1 on t1 and 0.9 on t2: a chosen t1 must get its whole need,
    /// a chosen t2 at least 900 h.
    ///   a t1, c t2: 200 + 900 = 1100 h > 1000                        → infeasible
    ///   a t2, c t1: t1/c 100 h (300) + t2/a 900 h (1800)             → 2100  ← best
    ///   only t2 in a or in c: t2 1000 h (2000)                       → 2000
    ///   a t1, c t1: 300 h of t1 (900) + t3 700 h                     → 1600
    ///   a t2, c t2: 1800 h > 1000                                    → infeasible
    /// V = 2100: a {t2} with exactly 900 h, c {t1} with 100 h. hour_value(p) = 2 (next hour to t2/a).
    @Test func selectModeWithMinEffort() throws {
        let yaml = Self.selectScenario
            .replacingOccurrences(of: "    weight: 3\n", with: "    weight: 3\n    min_effort: 1\n")
            .replacingOccurrences(of: "    weight: 2\n", with: "    weight: 2\n    min_effort: 0.9\n")
        let scenario = try ScenarioLoader.load(text: yaml, name: "select-effort.yaml")
        #expect(scenario.themes.map(\.minEffort) == [1, 0.9, 0])
        let result = try Allocator.solve(scenario, options: AllocationOptions(mode: .select))
        #expect(result.status == .optimal)
        #expect(close(result.objective, 2100))
        #expect(result.themes(selectedIn: "a") == ["t2"])
        #expect(result.themes(selectedIn: "c") == ["t1"])
        #expect(close(result.covered("t2", "a"), 900))
        #expect(close(result.covered("t1", "c"), 100))
        #expect(close(result.covered("t1", "a"), 0))
        #expect(close(result.covered("t2", "c"), 0))
        #expect(close(result.pool("p")?.hourValue, 2))
    }

    // MARK: - Infeasible

    /// Pool p: 1000 h; core t1 needs 2000 with minimum 0.8 → cov ≥ 1600 > 1000: infeasible.
    /// The elastic version relaxes the floor by 1600 − 1000 = 600 h: the floor that can be kept is 1000,
/// a share of 1000/2000 = 0.5 of the need.
    @Test func infeasibleMinimumIsDiagnosed() throws {
        let result = try solve("""
            name: Infeasible
            hours_per_fte: 1000
            base_teams: [{id: b, name: B}]
            municipalities: [{id: a, name: A, base_team: b}]
            pools:
              - {id: p, name: P, at: b, kind: general, fte: 1}
            themes:
              - id: t1
                name: T1
                level: local
                core: true
                adopted_by: [a]
                kinds: {general: 1}
                minimum: 0.8
                need: {by_municipality: {a: 2000}}
            """, "infeasible.yaml")
        #expect(result.status == .infeasible)
        #expect(result.objective == nil)
        let diagnosis = try #require(result.diagnosis)
        let minimum = try #require(diagnosis.first { $0.constraint == .minimum })
        #expect(minimum.entities == ["t1", "a"])
        #expect(close(minimum.hoursShort, 600))
        #expect(close(minimum.bound, 1600))
        #expect(close(minimum.feasibleBound, 1000))
        #expect(close(minimum.feasibleShare, 0.5))   // 1000 / 2000
        // The same conflict seen from the pool: p alone must serve a floor of 1600 with 1000 h.
        if let capacity = diagnosis.first(where: { $0.constraint == .capacity }) {
            #expect(capacity.entities.first == "p")
            #expect(close(capacity.hoursShort, 600))
        }
        #expect(diagnosis.allSatisfy { close($0.hoursShort, 600) })
    }
}

/// M_t, the municipalities a theme covers: those under any adopting node with a positive need, in
/// file order, each once. Theme t is adopted by district d1 (a and c) and by municipality e; c has
/// no need, b is under neither: M_t = [a, e]. Theme all is adopted by e and by the unit above
/// everything: every municipality once, in file order, e not twice.
@Suite struct ThemeMunicipalitiesTests {
    @Test func aThemeCoversTheMunicipalitiesUnderItsAdoptersOnceInFileOrder() throws {
        let scenario = try ScenarioLoader.load(text: """
            name: M
            hours_per_fte: 1000
            units: [{id: u, name: U}]
            districts: [{id: d1, name: D1, unit: u}, {id: d2, name: D2, unit: u}]
            base_teams: [{id: b1, name: B1, district: d1}, {id: b2, name: B2, district: d2}]
            municipalities:
              - {id: a, name: A, base_team: b1}
              - {id: b, name: B, base_team: b2}
              - {id: c, name: C, base_team: b1}
              - {id: e, name: E, base_team: b2}
            pools: [{id: p, name: P, at: u, kind: general, fte: 5}]
            themes:
              - {id: t, name: T, level: district, adopted_by: [d1, e], kinds: {general: 1}, need: {by_municipality: {a: 10, b: 5, e: 3}}}
              - {id: all, name: All, level: regional, adopted_by: [e, u], kinds: {general: 1}, need: {by_municipality: {a: 1, b: 1, c: 1, e: 1}}}
            """, name: "m.yaml")
        #expect(scenario.municipalities(of: scenario.themes[0]).map(\.id) == ["a", "e"])
        #expect(scenario.municipalities(of: scenario.themes[1]).map(\.id) == ["a", "b", "c", "e"])
    }
}

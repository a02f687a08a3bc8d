import CapacityAllocation
import Foundation
import Testing

private let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios")

/// One pool p of 10 FTE × 100 h = 1,000 h in municipality a; theme t needs 1,200 h at weight 1
/// (one segment, value 1 per effective hour) with a minimum of half its need (600 h).
private let oneFloor = """
    name: Een minimum
    hours_per_fte: 100
    units: [{id: u, name: U}]
    districts: [{id: d, name: D, unit: u}]
    base_teams: [{id: b, name: B, district: d}]
    municipalities: [{id: a, name: A, base_team: b}]
    pools:
      - {id: p, name: P, at: b, kind: general, fte: 10}
    themes:
      - {id: t, name: T, level: local, adopted_by: [a], kinds: {general: 1}, need: {by_municipality: {a: 1200}}, minimum: 0.5}
    """

@Suite struct HeadlineTests {
    /// Worked by hand: every hour goes to t, V = 1,000. One more FTE adds 100 h, all used: +100.
    /// A 10% cut of the 1,000 allocatable hours (100 h) costs 100. The minimum needs 600 of the
    /// 1,000 hours, so a cut of 40% is the largest that keeps it: the plan breaks at 0.4, and what
    /// breaks is the minimum of t in a.
    @Test func oneFloorWorkedByHand() throws {
        let scenario = try ScenarioLoader.load(text: oneFloor, name: "floor.yaml")
        let result = try Allocator.solve(scenario)
        #expect(abs((result.objective ?? .nan) - 1000) < 1e-9)
        #expect(abs((result.pools[0].fteGain ?? .nan) - 100) < 1e-9)
        let cut = try #require(result.capacityCut)
        #expect(cut.share == 0.1 && abs(cut.hours - 100) < 1e-9 && cut.status == .optimal)
        #expect(abs((cut.objectiveChange ?? .nan) + 100) < 1e-9)
        #expect(abs((result.breakingCutShare ?? .nan) - 0.4) < 1e-9)
        #expect(result.breakingPromises?.map(\.kind) == [.minimum])
        #expect(result.breakingPromises?.first?.entities == ["t", "a"])
    }

    /// A cut larger than the breaking one is reported infeasible without a value.
    @Test func aCutBeyondTheBreakingPointIsInfeasible() throws {
        let scenario = try ScenarioLoader.load(text: oneFloor.replacingOccurrences(of: "minimum: 0.5", with: "minimum: 0.8"),
                                               name: "floor.yaml")
        let result = try Allocator.solve(scenario)
        // The floor needs 960 of the 1,000 hours: the plan breaks at a cut of 4%.
        #expect(abs((result.breakingCutShare ?? .nan) - 0.04) < 1e-9)
        #expect(result.capacityCut?.status == .infeasible && result.capacityCut?.objectiveChange == nil)
    }

    /// Every fte_gain equals solving the scenario with that pool's FTE one higher, in the same
    /// mode, from scratch (the warm re-solve of weighted mode included).
    @Test(arguments: SolveMode.allCases)
    func fteGainEqualsSolvingTheEditedScenario(mode: SolveMode) throws {
        let file = mode == .select ? "gooi-en-vechtstreek-keuze.yaml" : "gooi-en-vechtstreek-2023.yaml"
        let scenario = try ScenarioLoader.load(path: bundled.appendingPathComponent(file).path)
        let result = try Allocator.solve(scenario, options: AllocationOptions(mode: mode))
        let objective = try #require(result.objective)
        for (index, pool) in result.pools.enumerated() {
            var edited = scenario
            edited.pools[index].fte += 1
            let again = try Allocator.solve(edited, options: AllocationOptions(mode: mode, headlines: false))
            let expected = try #require(again.objective) - objective
            let gain = try #require(pool.fteGain, "\(mode) \(pool.id)")
            #expect(abs(gain - expected) <= 1e-6 * max(1, abs(objective)), "\(mode) \(pool.id): \(gain) vs \(expected)")
        }
    }

    /// The bundled scenario: a 10% cut re-solved, and the plan breaking at 11.83% on the community
    /// officers' presence norm (Hilversum first), which a dual extrapolation never showed.
    @Test func bundledScenarioHeadlines() throws {
        let scenario = try ScenarioLoader.load(path: bundled.appendingPathComponent("gooi-en-vechtstreek-2023.yaml").path)
        let result = try Allocator.solve(scenario)
        let cut = try #require(result.capacityCut)
        var edited = scenario
        for index in edited.pools.indices { edited.pools[index].reserve = 1 - 0.9 * (1 - edited.pools[index].reserve) }
        let cutSolved = try #require(try Allocator.solve(edited, options: AllocationOptions(headlines: false)).objective)
        #expect(abs((cut.objectiveChange ?? .nan) - (cutSolved - (result.objective ?? .nan))) < 1e-6 * cutSolved)
        let share = try #require(result.breakingCutShare)
        #expect(share > 0.1 && share < 0.13)
        #expect(result.breakingPromises?.first.map { [$0.kind.rawValue] + $0.entities } == ["presence", "community", "hilversum"])
        // Just below the breaking share the scenario solves, just above it does not.
        for (delta, status) in [(-1e-4, AllocationStatus.optimal), (1e-4, .infeasible)] {
            var near = scenario
            for index in near.pools.indices { near.pools[index].reserve = 1 - (1 - share - delta) * (1 - near.pools[index].reserve) }
            #expect(try Allocator.solve(near, options: AllocationOptions(headlines: false)).status == status)
        }
    }
}

@Suite struct SingleChangeTests {
    /// The over-committed bundled scenario: the noodhulp minimum (0.95 of need) is 2,145 h short in
    /// Hilversum. Lowering that one number for every municipality until it fits: the diagnosis
    /// names `themes.noodhulp.minimum` and a value below 0.95 at which the scenario solves, and
    /// just above which it does not.
    @Test func theNoodhulpMinimumAloneIsAWayOut() throws {
        let scenario = try ScenarioLoader.load(path: bundled.appendingPathComponent("gooi-en-vechtstreek-overvraagd.yaml").path)
        let result = try Allocator.solve(scenario)
        #expect(result.status == .infeasible)
        let change = try #require(result.diagnosis?.compactMap(\.singleChange).first)
        #expect(change.parameter == "themes.noodhulp.minimum" && change.current == 0.95)
        #expect(change.feasible < 0.95 && change.feasible > 0.85)
        let index = try #require(scenario.themes.firstIndex { $0.id == "noodhulp" })
        for (delta, status) in [(-1e-6, AllocationStatus.optimal), (1e-6, .infeasible)] {
            var edited = scenario
            edited.themes[index].minimum = change.feasible + delta
            #expect(try Allocator.solve(edited, options: AllocationOptions(headlines: false)).status == status, "\(delta)")
        }
    }
}

@Suite struct MaxminNumericsTests {
    /// Issue 15, item 5: a theme weight of 1e9 and a municipality of one inhabitant made stage 1 of
    /// maxmin "infeasible" on a feasible scenario (its fair row divided by a tiny ideal). With the
    /// fair rows scaled, maxmin solves it like the other modes. Worked by hand: pool p (100 h) serves
    /// a and b; t needs 1 h per inhabitant (a: 1 inhabitant, b: 99); an hour of t is worth 1e9 in a
    /// and 1 in b. Every municipality can be covered in full (1 + 99 = 100 h), so z* = 1 and V
    /// = 1e9 + 99.
    @Test func aHugeWeightAndATinyMunicipalityStillSolve() throws {
        let scenario = try ScenarioLoader.load(text: """
            name: Randgevallen
            hours_per_fte: 100
            units: [{id: u, name: U}]
            districts: [{id: d, name: D, unit: u}]
            base_teams: [{id: b1, name: B, district: d}]
            municipalities: [{id: a, name: A, base_team: b1, population: 1}, {id: b, name: B, base_team: b1, population: 99}]
            pools: [{id: p, name: P, at: b1, kind: general, fte: 1}]
            themes:
              - {id: t, name: T, level: local, adopted_by: [d], kinds: {general: 1}, weight: 1e9, severity: {b: 1e-9},
                 need: {per_1000_inhabitants: 1000}}
            """, name: "edge.yaml")
        for mode in [SolveMode.weighted, .lexicographic, .maxmin] {
            let result = try Allocator.solve(scenario, options: AllocationOptions(mode: mode, headlines: false))
            #expect(result.status == .optimal, "\(mode)")
            #expect(abs((result.objective ?? .nan) - (1e9 + 99)) <= 1e-6 * 1e9, "\(mode)")
        }
        let maxmin = try Allocator.solve(scenario, options: AllocationOptions(mode: .maxmin, headlines: false))
        #expect(abs((maxmin.minAttainment ?? .nan) - 1) < 1e-6)
    }
}

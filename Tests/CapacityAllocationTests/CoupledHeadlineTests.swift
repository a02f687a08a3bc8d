@testable import CapacityAllocation
import LinearProgramming
import Testing

/// Two police units joined by a displacement bound across their border, worked by hand. Pool p1
/// (10 FTE × 100 h = 1,000 h) serves a in unit u1, pool p2 (600 h) serves c in unit u2; a and c
/// are neighbours. Theme t needs 1,000 h in each with a minimum of half (500 h) and a gap of at
/// most 0.1 between their coverage shares.
private let twoUnits = """
    name: Twee eenheden
    hours_per_fte: 100
    units: [{id: u1, name: U1}, {id: u2, name: U2}]
    districts: [{id: d1, name: D1, unit: u1}, {id: d2, name: D2, unit: u2}]
    base_teams: [{id: b1, name: B1, district: d1}, {id: b2, name: B2, district: d2}]
    municipalities: [{id: a, name: A, base_team: b1}, {id: c, name: C, base_team: b2}]
    neighbours: [[a, c]]
    pools:
      - {id: p1, name: P1, at: b1, kind: general, fte: 10}
      - {id: p2, name: P2, at: b2, kind: general, fte: 6}
    themes:
      - {id: t, name: T, level: national, adopted_by: [u1, u2], kinds: {general: 1}, need: {by_municipality: {a: 1000, c: 1000}},
         minimum: 0.5, max_gap: 0.1}
    """

@Suite struct CoupledHeadlineTests {
    /// Cut every pool by s: c keeps its 500 h only while 600 (1 − s) ≥ 500, s ≤ 1/6; a would
    /// allow s ≤ 1/2 alone, and the gap binds nothing at c's floor (a may take 500 to 600 h). So
    /// the plan breaks at 1/6 (to 12 decimals), on the minimum of t in c. The units' LP is
    /// solved as a coupled one: a share per unit, the two held equal by a linking row.
    @Test func theBreakingCutAcrossTwoUnits() throws {
        let formulation = Formulation(try ScenarioLoader.load(text: twoUnits, name: "units.yaml"))
        let parts = Decomposition(formulation.program, minimumRows: 1, relaxing: formulation.program.linkingRows)
        #expect(parts.blocks.count == 2)
        #expect(parts.couplingRows.count == 2)
        let breaking = try #require(try Headlines.breakingCut(formulation, threads: 2, budget: TimeBudget(limit: nil), partRows: 1))
        #expect(breaking.share == 0.166666666667)
        #expect(breaking.promises.map(\.kind) == [.minimum])
        #expect(breaking.promises.first?.entities == ["t", "c"])
        // The report's own figure, through the plan's solve, is the same.
        let result = try Allocator.solve(try ScenarioLoader.load(text: twoUnits, name: "units.yaml"))
        #expect(result.breakingCutShare == 0.166666666667)
    }
}

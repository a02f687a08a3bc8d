@testable import CapacityAllocation
import Foundation
import Testing

/// Sweeps, comparisons and ranges on scenarios small enough to solve on paper.
///
/// The two-theme scenario: one pool p of `fte` × 100 hours (no reserve) in municipality a;
/// t1 weight 2, need 600; t2 weight 1, need 1,000; both worked by the pool at efficiency 1.
/// The pool fills t1 first (2 per hour), then t2 (1 per hour), so with C = 100 · fte hours:
///   V(C) = 2C (C ≤ 600),  1,200 + (C − 600) (600 ≤ C ≤ 1,600),  2,200 (C ≥ 1,600);
///   hour value 2, 1 and 0 on those pieces; ideal I = 2 · 600 + 1,000 = 2,200.
@Suite struct TradeOffTests {
    static func scenario(fte: Double = 10, t2Minimum: Double = 0) throws -> Scenario {
        try ScenarioLoader.load(text: """
            name: Two themes
            hours_per_fte: 100
            municipalities: [{id: a, name: A}]
            pools: [{id: p, name: P, at: a, kind: general, fte: \(fte)}]
            themes:
              - {id: t1, name: T1, level: local, adopted_by: [a], kinds: {general: 1}, weight: 2, need: {by_municipality: {a: 600}}}
              - {id: t2, name: T2, level: local, adopted_by: [a], kinds: {general: 1}, minimum: \(t2Minimum),
                 need: {by_municipality: {a: 1000}}}
            """, name: "two-themes.yaml")
    }

    @Test func sweepAcrossBothBreakpointsOfTheValueCurve() throws {
        let base = try Self.scenario()
        let parameter = try ScenarioParameter("pools.p.fte", in: base)
        let sweep = try Sweep.run(base, parameter: parameter, values: [4, 5, 8, 10, 17, 20])
        // C = 400, 500, 800, 1,000, 1,700, 2,000 hours.
        let expected: [(value: Double, hourValue: Double)] = [(800, 2), (1000, 2), (1400, 1), (1600, 1), (2200, 0), (2200, 0)]
        #expect(sweep.points.count == 6)
        for (point, expectation) in zip(sweep.points, expected) {
            #expect(point.status == .optimal)
            #expect(abs((point.objective ?? .nan) - expectation.value) < 1e-6, "fte \(point.parameter)")
            #expect(abs((point.hourValues["p"] ?? .nan) - expectation.hourValue) < 1e-9, "fte \(point.parameter)")
            #expect(abs((point.attainment ?? .nan) - expectation.value / 2200) < 1e-9)
        }
        // t1 is covered in full from C = 600 on; t2 gets the rest. Each point is the optimum closest
        // to the allocation at 10 FTE within the stages' tolerance (1e-7 · V), hence 1e-6.
        #expect(abs((sweep.points[2].coverage["t1"] ?? .nan) - 1) < 1e-6)
        #expect(abs((sweep.points[2].coverage["t2"] ?? .nan) - 0.2) < 1e-6)
        // The curve bends between 5 and 8 FTE (2 → 1 per hour) and between 10 and 17 (1 → 0).
        #expect(sweep.breakpoints.map { [$0.from, $0.to] } == [[5, 8], [10, 17]])
        #expect(sweep.breakpoints.allSatisfy { $0.pools == ["p"] })
        // Every point after the first re-used the basis.
        #expect(sweep.points.dropFirst().allSatisfy { $0.warmStart })
        #expect(sweep.baseValue == 10)
    }

    @Test func infeasiblePointsAreReportedAndTheSweepGoesOn() throws {
        // t2 must get 0.8 · 1,000 = 800 hours: at 5 FTE (500 hours) that cannot be; at 10 FTE t2
        // takes its 800 and t1 the other 200: V = 2 · 200 + 800 = 1,200, and the next hour goes to
        // t1 (2 per hour).
        let base = try Self.scenario(t2Minimum: 0.8)
        let sweep = try Sweep.run(base, parameter: try ScenarioParameter("pools.p.fte", in: base), values: [5, 10])
        #expect(sweep.points.map(\.status) == [.infeasible, .optimal])
        #expect(sweep.points[0].objective == nil)
        #expect(abs((sweep.points[1].objective ?? .nan) - 1200) < 1e-6)
        #expect(abs((sweep.points[1].hourValues["p"] ?? .nan) - 2) < 1e-9)
    }

    @Test func sweepOfAMinimumThatStartsAtZeroWarmStarts() throws {
        // At 1,000 hours: minimum 0 or 0.3 of t2 does not bind (t2 gets 400 anyway): V = 1,600.
        // At 0.8 it takes 800 hours: V = 2 · 200 + 800 = 1,200.
        let base = try Self.scenario()
        let sweep = try Sweep.run(base, parameter: try ScenarioParameter("themes.t2.minimum", in: base), values: [0, 0.3, 0.8])
        #expect(sweep.points.compactMap(\.objective).map { ($0 * 1e6).rounded() / 1e6 } == [1600, 1600, 1200])
        #expect(sweep.points.dropFirst().allSatisfy { $0.warmStart })
    }

    @Test func warmStartedSweepEqualsColdSolvesOnTheBundledScenario() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path
        let base = try ScenarioLoader.load(path: path)
        for key in ["reserve", "pools.gooi-zuid-basis.fte", "themes.ondermijning.weight", "themes.noodhulp.minimum",
                    "themes.ondermijning.max_gap"] {
            let parameter = try ScenarioParameter(key, in: base)
            let center = parameter.value(in: base) ?? 0.15
            let values = (0..<8).map { center * (0.6 + 0.05 * Double($0)) }
            let warm = try Sweep.run(base, parameter: parameter, values: values)
            let cold = try Sweep.run(base, parameter: parameter, values: values, warmStart: false)
            // Every point starts from the previous basis, the first from the scenario as given.
            #expect(warm.points.allSatisfy { $0.warmStart }, "\(key)")
            #expect(!cold.points.contains { $0.warmStart })
            for (a, b) in zip(warm.points, cold.points) {
                #expect(a.status == b.status, "\(key) at \(a.parameter)")
                if let x = a.objective, let y = b.objective {
                    #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(key) at \(a.parameter): \(x) vs \(y)")
                }
                // Each point equals a separate solve of the modified scenario.
                let separate = try Allocator.solve(try parameter.applied(a.parameter, to: base))
                #expect(separate.status == a.status)
                if let x = a.objective, let y = separate.objective { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
            }
        }
    }

    @Test func parameterErrorsNameTheKey() throws {
        let base = try Self.scenario()
        #expect(throws: ParameterError.self) { try ScenarioParameter("pools.nope.fte", in: base) }
        do {
            _ = try ScenarioParameter("themes.t1.colour", in: base)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "--vary themes.t1.colour: a theme's 'colour' cannot be varied (weight, minimum, max_gap, joint_efficiency, min_effort, severity.MUNICIPALITY, need.per_1000_inhabitants, need.by_municipality.MUNICIPALITY)")
        }
        let reserve = try ScenarioParameter("pools.p.reserve", in: base)
        do {
            _ = try reserve.applied(1, to: base)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "--vary pools.p.reserve: 1 is outside [0, 1)")
        }
    }

    /// Ranges on the two-theme scenario at 10 FTE (C = 1,000, on the middle piece of V):
    /// - the hour value 1 holds while 600 ≤ C ≤ 1,600 (t1 full, t2 partly covered);
    /// - just beyond 1,600 an hour is worth 0;
    /// - t1's weight can fall to 1 (t2's) before hours move, and rise without limit;
    /// - t2's weight can fall to 0 and rise to 2 (t1's) before hours move.
    @Test func rangesOnTheTwoThemeScenario() throws {
        let result = try Allocator.solve(try Self.scenario())
        #expect(abs((result.objective ?? .nan) - 1600) < 1e-6)
        let pool = try #require(result.pools.first)
        #expect(abs(pool.hourValue - 1) < 1e-9)
        #expect(abs((pool.hourValueRange?.lower ?? .nan) - 600) < 1e-6)
        #expect(abs((pool.hourValueRange?.upper ?? .nan) - 1600) < 1e-6)
        #expect(abs((pool.hourValueBeyond ?? .nan) - 0) < 1e-9)
        let t1 = try #require(result.themes.first { $0.id == "t1" })
        #expect(abs((t1.weightRange?.lower ?? .nan) - 1) < 1e-9)
        #expect(t1.weightRange?.upper == nil)
        let t2 = try #require(result.themes.first { $0.id == "t2" })
        #expect(abs((t2.weightRange?.lower ?? .nan) - 0) < 1e-9)
        #expect(abs((t2.weightRange?.upper ?? .nan) - 2) < 1e-9)
    }

    /// Base 10 FTE against a what-if of 8: C 1,000 → 800, so t2 drops from 400 to 200 hours and
    /// V from 1,600 to 1,400 (attainment 1,600/2,200 → 1,400/2,200); t1 keeps its 600 hours.
    @Test func compareComputesTheDeltas() throws {
        let base = try Self.scenario(fte: 10), other = try Self.scenario(fte: 8)
        let comparison = try Comparison.compare(base: ("base.yaml", base), others: [("cut.yaml", other)])
        #expect(comparison.scenarios.map(\.scenario) == ["base.yaml", "cut.yaml"])
        let cut = comparison.scenarios[1]
        #expect(abs((cut.objective ?? .nan) - 1400) < 1e-6)
        #expect(abs((cut.objectiveChange ?? .nan) + 200) < 1e-6)
        #expect(abs((cut.attainmentChange ?? .nan) + 200.0 / 2200) < 1e-9)
        let difference = try #require(comparison.differences.first)
        #expect(difference.inputChanges == [InputChange(path: "pools[p].fte", base: "10.0", other: "8.0")])
        // The what-if shows the optimum closest to the base's allocation within the stages'
        // tolerance (1e-7 · 1,400 of value at 1 per hour of t2): t2 keeps up to 1.4e-4 h more.
        #expect(difference.themes.map(\.id) == ["t2"] && abs((difference.themes.first?.change ?? .nan) + 200) < 2e-4)
        #expect(difference.pools == [HoursShift(id: "p", base: 1000, other: 800, change: -200)])
        #expect(difference.cells.count == 1 && abs(difference.cells[0].change + 200) < 2e-4)
        // Hours moved: 200 h of t2 in a, less what the tolerance allows to stay, and nothing else.
        #expect(abs((cut.hoursMoved ?? .nan) - 200) < 2e-4)
        #expect(difference.keptThemes == [KeptTheme(theme: "t1", hours: 600, heldBy: nil)])
        #expect(difference.hourValues.isEmpty)
    }
}

/// At a kink of the value curve the dual could be either side's slope; the hour value is the
/// value of one more hour. Two-theme scenario at 6 FTE: C = 600 exactly fills t1 (2 per hour),
/// so the next hour goes to t2 and is worth 1 (and the last one was worth 2).
@Suite struct HourValueAtAKinkTests {
    @Test func hourValueIsTheValueOfOneMoreHour() throws {
        let result = try Allocator.solve(try TradeOffTests.scenario(fte: 6))
        #expect(abs((result.objective ?? .nan) - 1200) < 1e-6)
        let pool = try #require(result.pools.first)
        #expect(abs(pool.hourValue - 1) < 1e-9)
        #expect(abs(pool.fteValue - 100) < 1e-9)
        // Finite difference: V(601) − V(600) = 1,201 − 1,200.
        let more = try Allocator.solve(try TradeOffTests.scenario(fte: 6.01))
        #expect(abs((more.objective ?? .nan) - 1201) < 1e-6)
    }
}

/// Ranges on a two-pool example solved on paper. Municipality a; pool g (general, 1,000 h) and
/// pool r (investigation, 300 h); t1 weight 2, need 600, only general capacity; t2 weight 1,
/// need 1,000, general or investigation.
/// Optimum: g gives t1 its 600 h (2 per hour) and t2 the other 400; r gives t2 its 300:
/// V = 2 · 600 + 700 = 1,900. One more hour of either pool goes to t2: hour value 1 for both.
/// g's value holds while t1 stays full and t2 open: 600 ≤ C_g ≤ 1,000 − 300 + 600 = 1,300; beyond
/// 1,300 t2 is full and an hour is worth 0. r's holds while 0 ≤ C_r ≤ 1,000 − 400 = 600.
@Suite struct TwoPoolRangeTests {
    @Test func rangesOfTwoPools() throws {
        let result = try Allocator.solve(try ScenarioLoader.load(text: """
            name: Two pools
            hours_per_fte: 100
            municipalities: [{id: a, name: A}]
            pools:
              - {id: g, name: G, at: a, kind: general, fte: 10}
              - {id: r, name: R, at: a, kind: investigation, fte: 3}
            themes:
              - {id: t1, name: T1, level: local, adopted_by: [a], kinds: {general: 1}, weight: 2, need: {by_municipality: {a: 600}}}
              - {id: t2, name: T2, level: local, adopted_by: [a], kinds: {general: 1, investigation: 1},
                 need: {by_municipality: {a: 1000}}}
            """, name: "two-pools.yaml"))
        #expect(abs((result.objective ?? .nan) - 1900) < 1e-6)
        let g = try #require(result.pools.first { $0.id == "g" }), r = try #require(result.pools.first { $0.id == "r" })
        #expect(abs(g.hourValue - 1) < 1e-9 && abs(r.hourValue - 1) < 1e-9)
        #expect(abs((g.hourValueRange?.lower ?? .nan) - 600) < 1e-6)
        #expect(abs((g.hourValueRange?.upper ?? .nan) - 1300) < 1e-6)
        #expect(abs((r.hourValueRange?.lower ?? .nan) - 0) < 1e-6)
        #expect(abs((r.hourValueRange?.upper ?? .nan) - 600) < 1e-6)
        #expect(g.hourValueBeyond == 0 && r.hourValueBeyond == 0)
    }
}

import Testing
import CapacityAllocation
import Foundation

// `ivp evaluate` on tiny scenarios worked by hand in the comments. As in ModelExampleTests every
// pool has hours_per_fte 1000 and availability 1, so C_p = 1000 · fte.

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// One base team b with municipalities a and c; pool p (general) has 1000 h.
/// t1 (weight 1) in a (need 600) and c (need 400), curve [{0.5, 1.0}, {0.5, 0.5}]: the first 300 h
/// in a and 200 h in c are worth 1.0, the rest 0.5. t2 (weight 0.8) in a only, need 500.
private let twoThemes = """
    name: Evaluate two themes
    hours_per_fte: 1000
    base_teams: [{id: b, name: B}]
    municipalities: [{id: a, name: A, base_team: b}, {id: c, name: C, base_team: b}]
    pools:
      - {id: p, name: P, at: b, kind: general, fte: 1}
    themes:
      - id: t1
        name: T1
        level: local
        adopted_by: [b]
        kinds: {general: 1}
        returns: [{share: 0.5, value: 1.0}, {share: 0.5, value: 0.5}]
        need: {by_municipality: {a: 600, c: 400}}
      - {id: t2, name: T2, level: local, adopted_by: [a], kinds: {general: 1}, weight: 0.8, need: {by_municipality: {a: 500}}}
    """

/// District d with base teams b1 (municipality a) and b2 (municipality c), 1000 inhabitants each.
/// p1 at b1: C = 1000, reserve 0.1 → 900 allocatable; mutual aid to c (away) up to 0.1 · 1000 =
/// 100 h at efficiency 0.5; at most 0.2 · 1000 = 200 h on t2. p2 at b2: 1000 h, no mutual aid, so it
/// serves c only. Presence: 300 general hours per 1000 inhabitants: 300 h in a and in c.
/// t1 (district) in a (need 600) and c (need 400), minimum 0.5 (300 in a, 200 in c), max_gap 0.2
/// between a and c (the only pair of the district). t2 (local, weight 0.8) in a, need 500.
private let promises = """
    name: Evaluate promises
    hours_per_fte: 1000
    districts: [{id: d, name: D}]
    base_teams: [{id: b1, name: B1, district: d}, {id: b2, name: B2, district: d}]
    municipalities: [{id: a, name: A, base_team: b1, population: 1000}, {id: c, name: C, base_team: b2, population: 1000}]
    pools:
      - {id: p1, name: P1, at: b1, kind: general, fte: 1, reserve: 0.1,
         mutual_aid: {max_share: 0.1, efficiency: 0.5}, limits: [{themes: [t2], max_share: 0.2}]}
      - {id: p2, name: P2, at: b2, kind: general, fte: 1}
    presence: [{kind: general, hours_per_1000_inhabitants: 300}]
    themes:
      - {id: t1, name: T1, level: district, adopted_by: [d], kinds: {general: 1}, minimum: 0.5, max_gap: 0.2,
         need: {by_municipality: {a: 600, c: 400}}}
      - {id: t2, name: T2, level: local, adopted_by: [a], kinds: {general: 1}, weight: 0.8, need: {by_municipality: {a: 500}}}
    """

/// The CSV `ivp solve --format csv` writes for a result (hours in full precision).
private func csv(_ result: AllocationResult) -> String {
    (["pool,theme,municipality,hours,effective_hours"]
        + result.allocations.map { "\($0.pool),\($0.theme),\($0.municipality),\($0.hours),\($0.effectiveHours)" })
        .joined(separator: "\n") + "\n"
}

private func problems(_ text: String, scenario: String = promises, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    let loaded = try ScenarioLoader.load(text: scenario, name: "scenario.yaml")
    do {
        _ = try Evaluator.evaluate(loaded, csv: text, name: "current.csv")
        Issue.record("expected errors", sourceLocation: sourceLocation)
        return []
    } catch let error as ScenarioError {
        return error.diagnostics.map(\.description)
    }
}

@Suite struct EvaluationTests {

    // MARK: - A feasible allocation

    /// The allocation gives p's 1000 h as t1 in a 600, t2 in a 400 (nothing to c).
    /// Value: t1 in a is fully covered, 300 · 1.0 + 300 · 0.5 = 450; t2 in a 400 · 0.8 = 320; t1 in c 0.
    /// V = 770. I = (300 + 150) + (200 + 100) + 500 · 0.8 = 1150. Attainment 770 / 1150.
    /// Optimum: hours by value per hour: t1's first segments (1.0) take 300 (a) + 200 (c), t2 (0.8)
    /// 500, which uses all 1000 h; t1's second segments (0.5) get nothing. V* = 500 + 400 = 900.
    /// Gap 900 − 770 = 130, relative 130 / 900. No constraint is broken (one pool, within capacity).
    /// Moves: the allocation has 300 h more than the optimum on t1 in a (surplus) and 200 h fewer on
    /// t1 in c and 100 h fewer on t2 in a (deficits).
    ///   1. t1 a → t1 c, min(300, 200) = 200 h: a loses 200 h of its second segment (−100), c gains
    ///      200 h of its first (+200): +100. (t1 a → t2 a, 100 h: −50 + 80 = +30, less.)
    ///   2. then t1 a (400 h, 100 surplus) → t2 a, 100 h: −50 + 80 = +30.
    /// The gains add up to the gap: 100 + 30 = 130, and the allocation is then the optimum.
    /// Per municipality: a has V_a = 770, I_a = 450 + 400 = 850, optimum 300 + 400 = 700;
    /// c has V_c = 0, I_c = 300, optimum 200.
    @Test func feasibleAllocation() throws {
        let scenario = try ScenarioLoader.load(text: twoThemes, name: "two.yaml")
        let result = try Evaluator.evaluate(scenario, csv: """
            pool,theme,municipality,hours,effective_hours
            p,t1,a,600,600
            p,t2,a,400,400
            """, name: "current.csv")
        #expect(result.feasible)
        #expect(result.violations.isEmpty)
        #expect(close(result.objective, 770))
        #expect(close(result.ideal, 1150))
        #expect(close(result.attainment, 770.0 / 1150))
        #expect(result.optimumStatus == .optimal)
        #expect(close(result.optimum, 900))
        #expect(close(result.gap, 130))
        #expect(close(result.relativeGap, 130.0 / 900))
        #expect(close(result.allocated, 1000))
        #expect(close(result.allocatable, 1000))
        #expect(result.moves.count == 2)
        let first = try #require(result.moves.first), second = try #require(result.moves.last)
        #expect(first.pool == "p" && first.from == Place(theme: "t1", municipality: "a") && first.to == Place(theme: "t1", municipality: "c"))
        #expect(close(first.hours, 200) && close(first.gain, 100))
        #expect(second.from == Place(theme: "t1", municipality: "a") && second.to == Place(theme: "t2", municipality: "a"))
        // The optimum is the one closest to this allocation among those within the stages'
        // tolerance (1e-7 · V* = 9e-5 of value). Moving an hour back from t2 (0.8) to t1's second
        // segment (0.5) loses 0.3 and saves 2 h of distance, so up to 3e-4 h sit towards the allocation.
        #expect(close(second.hours, 100, 1e-5) && close(second.gain, 30, 1e-5))
        let a = try #require(result.municipalities.first { $0.id == "a" })
        let c = try #require(result.municipalities.first { $0.id == "c" })
        #expect(close(a.value, 770) && close(a.ideal, 850) && close(a.optimum, 700, 1e-5) && close(a.hours, 1000))
        #expect(close(c.value, 0) && close(c.ideal, 300) && close(c.optimum, 200, 1e-5) && close(c.hours, 0))
        #expect(result.pools.map(\.id) == ["p"] && close(result.pools[0].optimum, 1000))
        #expect(result.manifest.inputs.map(\.path) == ["two.yaml", "current.csv"])
    }

    // MARK: - An infeasible allocation

    /// The allocation: p1 on t1 in a 700 h, on t2 in a 300 h, on t1 in c 200 h (away); p2 nothing.
    /// Effective coverage: t1 a 700, t2 a 300, t1 c 0.5 · 200 = 100.
    /// Broken, one of each kind, in the order of DESIGN.md 4.2:
    ///   link:         t1 in a covers 700 > need 600: 100 effective hours beyond the need.
    ///   capacity:     p1 allocates 700 + 300 + 200 = 1200 > 900: 300 h.
    ///   mutual_aid:   p1 lends 200 > 100: 100 h.
    ///   minimum:      t1 in c has 100 < 0.5 · 400 = 200: 100 h short.
    ///   displacement: shares (coverage counted up to the need) t1 a 600 / 600 = 1, t1 c 100 / 400 =
    ///                 0.25; 1 − 0.25 = 0.75 > 0.2 by 0.55, times the need in a (600): 330 h.
    ///   pool_limit:   p1 on t2 300 > 200: 100 h.
    ///   presence:     general hours in c 200 < 300: 100 h (a has 1000 ≥ 300).
    /// Value: t1 a counts 600, t2 a 0.8 · 300 = 240, t1 c 100: V = 940. I = 600 + 400 + 400 = 1400.
    /// Optimum: p1 (900 h) covers t1 in a (600 h, 600) and t2 in a up to its cap (200 h, 160); p2
    /// covers t1 in c (400 h, 400); nothing binds beyond that: V* = 1160, gap 220.
    /// Moves: p1 has no deficit (it has more than the optimum everywhere, and no hours left). p2
    /// has 0 where the optimum has 350 to 400 (p1's spare 100 h may go to c as aid: a tie), and 1000
    /// unused hours; c still needs (400 − 100) / 1 = 300 effective hours, so the move is 300 h:
    /// t1 in c goes from 100 to 400, +300. It breaks nothing further (it mends the minimum, the
    /// displacement bound and the presence norm). Its gain is larger than the gap because p1 is
    /// over its capacity: the result is worth 1240 but is not feasible.
    @Test func infeasibleAllocation() throws {
        let scenario = try ScenarioLoader.load(text: promises, name: "promises.yaml")
        let result = try Evaluator.evaluate(scenario, csv: """
            pool,theme,municipality,hours
            p1,t1,a,700
            p1,t2,a,300
            p1,t1,c,200
            """, name: "current.csv")
        #expect(!result.feasible)
        let found = result.violations.map {
            "\($0.constraint.rawValue) \($0.entities.joined(separator: ",")) \(($0.hours * 1e6).rounded() / 1e6)"
        }
        #expect(found == ["link t1,a 100.0", "capacity p1 300.0", "mutual_aid p1 100.0", "minimum t1,c 100.0",
                          "displacement t1,a,c 330.0", "pool_limit p1,t2 100.0", "presence general,c 100.0"])
        let displacement = try #require(result.violations.first { $0.constraint == .displacement })
        #expect(close(displacement.hours, 330) && close(displacement.bound, 0.2) && close(displacement.actual, 0.75))
        let link = try #require(result.violations.first)
        #expect(close(link.bound, 600) && close(link.actual, 700))
        let capacity = result.violations[1]
        #expect(close(capacity.bound, 900) && close(capacity.actual, 1200))
        #expect(close(result.objective, 940))
        #expect(close(result.ideal, 1400))
        #expect(close(result.optimum, 1160))
        #expect(close(result.gap, 220))
        #expect(result.moves.count == 1)
        let move = try #require(result.moves.first)
        #expect(move.pool == "p2" && move.from == nil && move.to == Place(theme: "t1", municipality: "c"))
        #expect(close(move.hours, 300) && close(move.gain, 300))
        #expect(close(result.pools.first { $0.id == "p1" }?.mutualAid, 200))
    }

    // MARK: - The optimum's own CSV

    /// What `ivp solve --format csv` writes, read back: no violations, gap 0, no moves; on both tiny
    /// scenarios and the bundled one.
    @Test func optimumRoundTrip() throws {
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path
        let scenarios = [try ScenarioLoader.load(text: twoThemes, name: "two.yaml"),
                         try ScenarioLoader.load(text: promises, name: "promises.yaml"),
                         try ScenarioLoader.load(path: bundled)]
        for scenario in scenarios {
            let optimum = try Allocator.solve(scenario)
            let result = try Evaluator.evaluate(scenario, csv: csv(optimum), name: "optimum.csv")
            #expect(result.feasible, "\(scenario.name): \(result.violations)")
            #expect(result.gap == 0, "\(scenario.name)")
            #expect(result.relativeGap == 0, "\(scenario.name)")
            #expect(result.moves.isEmpty, "\(scenario.name)")
            #expect(close(result.objective, optimum.objective ?? .nan, 1e-9), "\(scenario.name)")
        }
    }

    /// The optimum follows --mode: in maxmin mode V* is the total value of the maxmin optimum.
    /// For `twoThemes` maxmin first raises the lower attainment (c's, at most 300 / 300) and then V.
    @Test func optimumFollowsTheMode() throws {
        let scenario = try ScenarioLoader.load(text: twoThemes, name: "two.yaml")
        let options = AllocationOptions(mode: .maxmin)
        let maxmin = try Allocator.solve(scenario, options: options)
        let result = try Evaluator.evaluate(scenario, csv: csv(maxmin), name: "maxmin.csv", options: options)
        #expect(result.mode == .maxmin)
        #expect(result.gap == 0)
        #expect(close(result.optimum, maxmin.objective ?? .nan))
    }

    // MARK: - Reading the CSV

    /// CRLF, blank lines (also before the header), a byte-order mark, quoted fields, spaces around
    /// fields, no effective_hours column, and effective_hours that are simply wrong (ignored).
    @Test func lenientFormatting() throws {
        let scenario = try ScenarioLoader.load(text: twoThemes, name: "two.yaml")
        let text = "\u{FEFF}\r\n\r\npool,theme,municipality,hours,effective_hours\r\n\r\n\"p\", t1 ,\"a\",600,1\r\n  \r\np,\"t2\",a, 4e2 ,whatever\r\n"
        let result = try Evaluator.evaluate(scenario, csv: text, name: "current.csv")
        #expect(close(result.objective, 770))
        let empty = try Evaluator.evaluate(scenario, csv: "pool,theme,municipality,hours\n", name: "empty.csv")
        #expect(close(empty.objective, 0) && close(empty.gap, 900) && empty.feasible)
        // From nothing, three moves of unused hours: 500 h to t2 in a (+400), 300 h to t1 in a (+300),
        // 200 h to t1 in c (+200): the optimum, 900.
        #expect(empty.moves.allSatisfy { $0.from == nil })
        // Up to the stable choice's tolerance (1e-7 · V*): the moves never end above the optimum.
        let gained = empty.moves.reduce(0) { $0 + $1.gain }
        #expect(close(gained, 900, 1e-6) && gained <= 900)
    }

    /// Every problem of a file, each with its line (CRLF lines counted like any other).
    @Test func everyErrorWithItsLine() throws {
        // `promises` plus a pool of a kind no theme uses and a theme with need in a only.
        let scenario = promises.replacingOccurrences(of: "  - {id: p2, name: P2, at: b2, kind: general, fte: 1}",
                                                     with: "  - {id: p2, name: P2, at: b2, kind: general, fte: 1}\n  - {id: r, name: R, at: d, kind: investigation, fte: 1}")
            + "\n  - {id: t3, name: T3, level: district, adopted_by: [d], kinds: {general: 1}, need: {by_municipality: {a: 100}}}\n"
        let lines = [
            "pool,theme,municipality,hours,effective_hours",   // 1
            "p1,t1,a,100,100",                                 // 2
            "",                                                // 3
            "x,t1,a,5,5",                                      // 4
            "p1,y,a,5,5",                                      // 5
            "p1,t1,z,5,5",                                     // 6
            "p1,t1,a,50,50",                                   // 7
            "p2,t1,a,10,10",                                   // 8
            "r,t1,a,10,10",                                    // 9
            "p1,t2,c,10,10",                                   // 10
            "p1,t3,c,10,10",                                   // 11
            "p1,t2,a,abc,0",                                   // 12
            "p1,t1,c,-5,0",                                    // 13
            "p2,t1,c,inf,0",                                   // 14
            "\"p1\",\"t3\",\"a\",\"1,5\",x",                   // 15
            "p1,t1",                                           // 16
            "x,y,z,nan,0",                                     // 17
            "p1,t3,a,,0",                                      // 18
            "\"p1,t1,a,1,1",                                   // 19
        ]
        let found = try problems(lines.joined(separator: "\r\n") + "\r\n", scenario: scenario)
        #expect(found == [
            "current.csv:4: pool: unknown pool 'x'",
            "current.csv:5: theme: unknown theme 'y'",
            "current.csv:6: municipality: unknown municipality 'z'",
            "current.csv:7: duplicate of line 2 (pool 'p1', theme 't1', municipality 'a')",
            "current.csv:8: pool: pool 'p2' does not serve municipality 'a'",
            "current.csv:9: pool: pool 'r' is of kind 'investigation', which theme 't1' cannot use",
            "current.csv:10: municipality: theme 't2' is not adopted for municipality 'c'",
            "current.csv:11: municipality: theme 't3' has no need in municipality 'c'",
            "current.csv:12: hours: 'abc' is not a number",
            "current.csv:13: hours: '-5' is negative",
            "current.csv:14: hours: 'inf' is not a finite number",
            "current.csv:15: hours: '1,5' is not a number (use a decimal point)",
            "current.csv:16: expected 5 fields (pool,theme,municipality,hours,effective_hours), found 2",
            "current.csv:17: pool: unknown pool 'x'",
            "current.csv:17: theme: unknown theme 'y'",
            "current.csv:17: municipality: unknown municipality 'z'",
            "current.csv:17: hours: 'nan' is not a finite number",
            "current.csv:18: hours: missing number of hours",
            "current.csv:18: duplicate of line 15 (pool 'p1', theme 't3', municipality 'a')",
            "current.csv:19: unterminated quoted field",
        ])
    }

    @Test func headerErrors() throws {
        #expect(try problems("pool,theme,hours\np1,t1,1\n") == [
            "current.csv:1: expected the header 'pool,theme,municipality,hours' (optionally followed by ',effective_hours'), found 'pool,theme,hours'"])
        // The header is the first line that is not blank.
        #expect(try problems("\n\np1,t1,a,1\n") == [
            "current.csv:3: expected the header 'pool,theme,municipality,hours' (optionally followed by ',effective_hours'), found 'p1,t1,a,1'"])
        #expect(try problems("pool,theme,municipality,hours,effective_hours,extra\n") == [
            "current.csv:1: expected the header 'pool,theme,municipality,hours' (optionally followed by ',effective_hours'), found 'pool,theme,municipality,hours,effective_hours,extra'"])
        #expect(try problems("") == ["current.csv: the file is empty; expected the header 'pool,theme,municipality,hours'"])
        #expect(try problems("\r\n \r\n") == ["current.csv: the file is empty; expected the header 'pool,theme,municipality,hours'"])
        // A header-only file with four columns requires four fields per row.
        #expect(try problems("pool,theme,municipality,hours\np1,t1,a,1,1\n") == [
            "current.csv:2: expected 4 fields (pool,theme,municipality,hours), found 5"])
    }

    @Test func missingFile() throws {
        let scenario = try ScenarioLoader.load(text: promises, name: "promises.yaml")
        #expect(throws: ScenarioError.self) { try Evaluator.evaluate(scenario, allocationPath: "/nonexistent-ivp/current.csv") }
        do {
            _ = try Evaluator.evaluate(scenario, allocationPath: "/nonexistent-ivp/current.csv")
        } catch let error as ScenarioError {
            #expect(error.description == "/nonexistent-ivp/current.csv: the file does not exist")
        }
    }
}

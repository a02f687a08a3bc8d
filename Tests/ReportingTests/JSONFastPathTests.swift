import CapacityAllocation
import Foundation
import Testing
@testable import Reporting

/// The results of every command take JSONWriter's fast path (not the JSONEncoder fallback, which
/// is some five times slower at national size), and the fast path writes JSONEncoder's bytes.
@Suite struct JSONFastPathTests {
    static func scenario(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: JSONWriterTests.bundled.appendingPathComponent(name).path)
    }

    func expectFastAndSame<Value: Encodable>(_ value: Value, _ comment: Comment,
                                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try JSONWriter.writeKnownShapes(value)
        #expect(fast == (try JSONWriterTests.foundation(value)), comment, sourceLocation: sourceLocation)
    }

    @Test(arguments: SolveMode.allCases)
    func solveResults(mode: SolveMode) throws {
        let name = mode == .select ? "gooi-en-vechtstreek-keuze.yaml" : "gooi-en-vechtstreek-2023.yaml"
        try expectFastAndSame(try Allocator.solve(try Self.scenario(name), options: AllocationOptions(mode: mode)), "\(mode)")
    }

    @Test func infeasibleCompareSweepAndEvaluate() throws {
        try expectFastAndSame(try Allocator.solve(try Self.scenario("gooi-en-vechtstreek-overvraagd.yaml")), "infeasible")
        let base = try Self.scenario("gooi-en-vechtstreek-2023.yaml")
        let other = try Self.scenario("crisis-opvang.yaml")
        try expectFastAndSame(try Comparison.compare(base: ("base.yaml", base), others: [("other.yaml", other)]), "compare")
        let parameter = try ScenarioParameter("themes.ondermijning.max_gap", in: base)
        try expectFastAndSame(try Sweep.run(base, parameter: parameter, values: [0.05, 0.15, 0.3]), "sweep")
        let csv = CSVReport.render(try Allocator.solve(try Self.scenario("gooi-zuid-capaciteit-min-10.yaml")))
        try expectFastAndSame(try Evaluator.evaluate(base, csv: csv, name: "other.csv"), "evaluate")
    }

    /// What the fast path leaves to JSONEncoder, it refuses rather than writes differently.
    @Test func leavesTheRestToJSONEncoder() {
        #expect(throws: UnsupportedByJSONWriter.self) { try JSONWriter.writeKnownShapes(Data([1, 2])) }
        #expect(throws: UnsupportedByJSONWriter.self) { try JSONWriter.writeKnownShapes([Double.nan]) }
        struct NotASCII: Encodable { var naïef = 1 }
        #expect(throws: UnsupportedByJSONWriter.self) { try JSONWriter.writeKnownShapes(NotASCII()) }
        #expect(JSONWriter.snakeCase("inputSHA256") == "input_sha256")
        #expect(JSONWriter.snakeCase("hourValueRange") == "hour_value_range")
        #expect(JSONWriter.snakeCase("naïeveKey") == nil)
    }
}

import CapacityAllocation
import Foundation
import Testing
@testable import Reporting

/// `JSONWriter` writes what Foundation's JSONEncoder writes with the reports' options, byte for
/// byte: on real results of the bundled scenario and on values made to hit every rule.
@Suite struct JSONWriterTests {
    /// JSONReport.render as it was: Foundation's JSONEncoder.
    static func foundation<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Both writers give the same text, or both throw the same error.
    func expectSame<Value: Encodable>(_ value: Value, _ comment: Comment? = nil,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        let expected: String, actual: String
        do { expected = try Self.foundation(value) } catch { expected = "throws \(error)" }
        do { actual = try JSONReport.render(value) } catch { actual = "throws \(error)" }
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = line.map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" }
            ?? "\(expectedLines.count) vs \(actualLines.count) lines"
        Issue.record("differs from JSONEncoder \(comment.map { "(\($0)) " } ?? ""): \(detail)", sourceLocation: sourceLocation)
    }

    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static func scenario(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: bundled.appendingPathComponent(name).path)
    }

    // MARK: Real results

    @Test(arguments: SolveMode.allCases)
    func allocationResultOfTheBundledScenario(mode: SolveMode) throws {
        let result = try Allocator.solve(try Self.scenario("gooi-en-vechtstreek-2023.yaml"),
                                         options: AllocationOptions(mode: mode))
        #expect(result.status == .optimal)
        expectSame(result, "\(mode)")
    }

    @Test func infeasibleResultWithItsDiagnosis() throws {
        let result = try Allocator.solve(try Self.scenario("gooi-en-vechtstreek-overvraagd.yaml"))
        expectSame(result)
    }

    @Test func comparisonSweepAndEvaluation() throws {
        let base = try Self.scenario("gooi-en-vechtstreek-2023.yaml")
        let other = try Self.scenario("gooi-zuid-capaciteit-min-10.yaml")
        expectSame(try Comparison.compare(base: ("base.yaml", base), others: [("other.yaml", other)]), "compare")

        let parameter = try ScenarioParameter("reserve", in: base)
        expectSame(try Sweep.run(base, parameter: parameter, values: [0, 0.1, 0.2, 0.3]), "sweep")

        let csv = CSVReport.render(try Allocator.solve(other))
        expectSame(try Evaluator.evaluate(base, csv: csv, name: "other.csv"), "evaluate")
    }

    // MARK: Made-up values

    /// One small value written out by hand, so the test does not only compare two writers.
    @Test func smallValueByHand() throws {
        struct Line: Encodable {
            var poolId: String
            var hours: Double
            var inputSHA256: [String]
            var empty: [Int]
            var none: [String: Int]
            var note: String?
            var ok: Bool
        }
        let text = try JSONReport.render(Line(poolId: "p/1 \"é\"", hours: 1200, inputSHA256: ["ab"], empty: [],
                                               none: [:], note: nil, ok: true))
        #expect(text == """
            {
              "empty" : [

              ],
              "hours" : 1200,
              "input_sha256" : [
                "ab"
              ],
              "none" : {

              },
              "ok" : true,
              "pool_id" : "p/1 \\"é\\""
            }

            """)
    }

    @Test func escapedStrings() {
        let strings = ["quote \" backslash \\ newline \n tab \t u0001 \u{1} slash / é 😀",
                       "\u{0}\u{8}\u{b}\u{c}\r\u{1f}\u{7f}\u{2028}", "", "</script>"]
        expectSame(strings)
        expectSame(Dictionary(uniqueKeysWithValues: strings.map { ($0, $0) }), "as keys")
    }

    @Test func doubles() {
        let doubles: [Double] = [0, -0.0, 1, -1, 1e-7, 123456789.125, 1e21, 1e15, 1e16, 0.1 + 0.2,
                                 .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                 -.greatestFiniteMagnitude, 100, 0.5, 2.5e-5, 9007199254740993, 1.0 / 3]
        expectSame(doubles)
        expectSame([Float(0.1), 1, 1e20, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude])
        var generator = SystemRandomNumberGenerator()
        let random = (0..<20_000).map { _ in Double(bitPattern: generator.next()) }.filter(\.isFinite)
        expectSame(random, "random bit patterns")
        expectSame((0..<20_000).map { _ in Double.random(in: -1e7...1e7) }, "random values")
    }

    @Test func notFiniteNumbersThrowLikeJSONEncoder() throws {
        struct Point: Encodable { var value: Double?; var values: [Double] }
        struct Curve: Encodable { var points: [Point]; var byName: [String: Double] }
        for bad in [Double.nan, .infinity, -.infinity] {
            expectSame(bad)
            expectSame(Curve(points: [Point(value: 1, values: [])], byName: ["a": bad]))
            expectSame(Curve(points: [Point(value: 1, values: [2, bad])], byName: [:]))
            expectSame(Curve(points: [Point(value: 1, values: []), Point(value: bad, values: [])], byName: [:]))
            expectSame([Float(bad)])
        }
        #expect(throws: EncodingError.self) { try JSONReport.render([1, Double.nan]) }
    }

    @Test func integersAndBools() {
        expectSame([Int.min, -1, 0, 9, 10, Int.max])
        expectSame([UInt64.max, 0])
        expectSame([Int8.min: true, Int8.max: false])
        expectSame([true, false])
    }

    @Test func optionalsAndEmptyContainers() {
        struct Inner: Encodable, Equatable { var a: Int?; var b: [Double?] }
        struct Outer: Encodable {
            var synthesized: Inner?
            var nested: Inner??
            var list: [Inner]
            var map: [String: [Inner]]
            var empty: [String]
            var emptyMap: [String: Int]
            var explicit: Int?
            enum CodingKeys: String, CodingKey { case synthesized, nested, list, map, empty, emptyMap, explicit }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encodeIfPresent(synthesized, forKey: .synthesized)
                try container.encode(nested, forKey: .nested)
                try container.encode(list, forKey: .list)
                try container.encode(map, forKey: .map)
                try container.encode(empty, forKey: .empty)
                try container.encode(emptyMap, forKey: .emptyMap)
                try container.encode(explicit, forKey: .explicit)
            }
        }
        let inner = Inner(a: nil, b: [nil, 1])
        expectSame(Outer(synthesized: nil, nested: .some(nil), list: [], map: [:], empty: [], emptyMap: [:], explicit: nil))
        expectSame(Outer(synthesized: inner, nested: inner, list: [inner, Inner(a: 2, b: [])], map: ["x": [], "a": [inner]],
                         empty: [], emptyMap: [:], explicit: 3))
        expectSame([[[Int]]]([[[]], []]))
        expectSame(Optional<Int>.none)
        expectSame([String: [String: Int]](), "empty at the top")
    }

    @Test func keysSortedAndConvertedLikeJSONEncoder() {
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        struct Keys: Encodable {
            var keys: [String]
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: AnyKey.self)
                for (index, key) in keys.enumerated() { try container.encode(index, forKey: AnyKey(stringValue: key)) }
            }
        }
        let keys = ["inputs", "inputSha256", "inputSHA256", "myURLProperty", "URLValue", "_privateX_", "value2Go",
                    "a", "B", "_", "__", "", "a b", "a1", "a_b", "aB", "aBCdEF", "x-Y", "Z9z", "a\"b/c",
                    "é", "éÉtat", "ÉÉa", "aǅb", "ΣΑΣa", "a\r\nB", "duplicate", "duplicate"]
        expectSame(Keys(keys: keys))
        // Keys of a [String: V] stay as they are; other dictionaries' keys are converted.
        expectSame(["b": 1, "a": 2, "aB": 3, "a_b": 4, "B": 5, "é": 6, "e": 7, "~": 8, "Ä": 9])
        expectSame([1: "a", 10: "b", 2: "c", -5: "d"])
        enum Kind: String, Encodable, CodingKeyRepresentable { case mutualAid, poolLimit }
        expectSame([Kind.mutualAid: 1, .poolLimit: 2])
        expectSame([SolveMode.weighted: 1, .select: 2], "enum keys without CodingKeyRepresentable: an array")
    }

    @Test func nestedContainersAndSuperEncoders() {
        enum Key: String, CodingKey { case zZ, aA, b, a, c, m }
        struct Nested: Encodable {
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                var object = container.nestedContainer(keyedBy: Key.self, forKey: .zZ)
                try object.encode(1, forKey: .b)
                var array = container.nestedUnkeyedContainer(forKey: .aA)
                try array.encode(2)
                try object.encode(3, forKey: .a) // after a sibling was started
                var again = container.nestedContainer(keyedBy: Key.self, forKey: .zZ)
                try again.encode(4, forKey: .c)
                var inner = array.nestedContainer(keyedBy: Key.self)
                try inner.encode(true, forKey: .m)
                var innerArray = array.nestedUnkeyedContainer()
                try innerArray.encodeNil()
                try container.encode(5, forKey: .m)
                try container.encode(6, forKey: .m) // the same key twice: the last one counts
                var parent = container.superEncoder().container(keyedBy: Key.self)
                try parent.encode("x", forKey: .a)
                _ = container.superEncoder(forKey: .b) // nothing encoded: an empty object
                var single = array.superEncoder().singleValueContainer()
                try single.encode(Double.pi)
            }
        }
        expectSame(Nested())
        expectSame([Nested()])
    }

    @Test func specialValues() {
        struct Special: Encodable {
            var date = Date(timeIntervalSinceReferenceDate: 12.5)
            var data = Data([1, 2, 3, 255])
            var url = URL(string: "https://example.org/a/b?c=d")!
            var decimal = Decimal(string: "-12.340")!
            var optionalData: Data? = Data()
        }
        expectSame(Special())
        struct Nothing: Encodable { func encode(to encoder: Encoder) throws {} }
        expectSame(Nothing(), "nothing at the top throws")
        expectSame([Nothing()], "nothing inside is an empty object")
    }

    @Test func nestingLimitOfJSONEncoder() {
        final class Deep: Encodable {
            let inner: Deep?
            init(_ inner: Deep?) { self.inner = inner }
            func encode(to encoder: Encoder) throws {
                var container = encoder.unkeyedContainer()
                if let inner { try container.encode(inner) }
            }
        }
        var deep = Deep(nil)
        for _ in 0..<510 { deep = Deep(deep) }
        expectSame(deep, "511 levels")
        expectSame(Deep(deep), "512 levels throw")
    }
}

import CapacityAllocation
import Foundation

/// The machine contract (DESIGN.md 5): snake_case keys, sorted, every key present.
public enum JSONReport {
    /// Pretty-printed JSON with a final newline, byte for byte what Foundation's JSONEncoder writes
    /// with `.convertToSnakeCase` and `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, but
    /// written by `JSONWriter`, which is faster at national size and leaves anything outside the
    /// results' own shapes to JSONEncoder (JSONWriterTests holds the two to the same bytes).
    public static func render<Value: Encodable>(_ value: Value) throws -> String {
        try JSONWriter.render(value)
    }

    /// From this many allocation and coverage lines on, those two lists are written on another
    /// thread while the rest of the result is written on this one (the real nation has about 10,000).
    static let listsApartFrom = 2_000

    /// A result, as `render` writes any value. A large one is written in two pieces at once: the
    /// allocation and coverage lists on another thread (and the shortfalls, when they were written
    /// ahead), the rest here with those lists empty; the lists then take the place of the empty
    /// ones, indented one level deeper. The bytes are those of one pass (JSONReportTests).
    public static func render(_ result: AllocationResult, prepared: PreparedLists? = nil) throws -> String {
        guard result.allocations.count + result.coverage.count >= listsApartFrom else { return try JSONWriter.render(result) }
        let apart = prepared?.lists(of: result) ?? WrittenApart(result, shortfalls: false)
        var rest = result
        rest.allocations = []
        rest.coverage = []
        if apart.keys.contains("shortfalls") { rest.shortfalls = [] }
        let text = try JSONWriter.render(rest)
        guard let whole = splice(text, lists: Array(zip(apart.keys, try apart.texts.value.get()))) else {
            return try JSONWriter.render(result)
        }
        return whole
    }

    /// Lists of a result written as JSON on another thread, under their keys in the report's order.
    struct WrittenApart: Sendable {
        let keys: [String]
        let texts: ValueOnAnotherThread<Result<[String], any Error>>

        /// The allocation and coverage lists, and the shortfalls too if asked and there are any.
        init(_ result: AllocationResult, shortfalls: Bool) {
            let withShortfalls = shortfalls && !result.shortfalls.isEmpty
            keys = ["allocations", "coverage"] + (withShortfalls ? ["shortfalls"] : [])
            texts = ValueOnAnotherThread { [allocations = result.allocations, coverage = result.coverage,
                                            shortfalls = withShortfalls ? result.shortfalls : []] in
                Result {
                    try [JSONWriter.render(allocations), JSONWriter.render(coverage)]
                        + (withShortfalls ? [JSONWriter.render(shortfalls)] : [])
                }
            }
        }
    }

    /// The long lists of a large result, written ahead: `prepare` is given the result as soon as
    /// they are final (`SolvedModel.result`'s `alongside`, while the ranges are read) and starts
    /// writing its allocation, coverage and shortfall lists on another thread;
    /// `render(_:prepared:)` uses them if they are still the result's lists, else writes them again.
    public final class PreparedLists: @unchecked Sendable {
        private let lock = NSLock()
        private var written: (allocations: [AllocationLine], coverage: [CoverageLine], shortfalls: [Shortfall],
                              apart: WrittenApart)?

        public init() {}

        public func prepare(_ result: AllocationResult) {
            guard result.allocations.count + result.coverage.count >= JSONReport.listsApartFrom else { return }
            let apart = WrittenApart(result, shortfalls: true)
            lock.withLock { written = (result.allocations, result.coverage, result.shortfalls, apart) }
        }

        /// The lists as written, if they are `result`'s.
        func lists(of result: AllocationResult) -> WrittenApart? {
            lock.withLock {
                guard let written, written.allocations == result.allocations, written.coverage == result.coverage,
                      written.shortfalls == result.shortfalls else { return nil }
                return written.apart
            }
        }
    }

    /// `text` (a top-level object) with the empty list under each key replaced by that list
    /// (written on its own, at the top level), the keys in the order they appear in `text`; nil
    /// if one is missing.
    static func splice(_ text: String, lists: [(key: String, list: String)]) -> String? {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count + lists.reduce(0) { $0 + $1.list.utf8.count * 9 / 8 })
        var from = 0
        for (key, list) in lists {
            let empty = Array("\n  \"\(key)\" : [\n\n  ]".utf8)
            guard let at = firstIndex(of: empty, in: source, from: from) else { return nil }
            bytes.append(contentsOf: source[from..<at])
            bytes.append(contentsOf: "\n  \"\(key)\" : ".utf8)
            appendIndented(list, to: &bytes)
            from = at + empty.count
        }
        bytes.append(contentsOf: source[from...])
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        var index = start
        while let candidate = haystack[index...].firstIndex(of: needle[0]) {
            if haystack[candidate...].starts(with: needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// A top-level value written as one level deeper: two more spaces at the start of every line
    /// but the first and the empty ones (JSONEncoder writes an empty list as "[", an empty line,
    /// "]"), without the final newline.
    static func appendIndented(_ text: String, to bytes: inout [UInt8]) {
        let source = Array(text.utf8)
        let count = source.last == 0x0A ? source.count - 1 : source.count
        var lineStart = 0
        while lineStart < count {
            let end = source[lineStart..<count].firstIndex(of: 0x0A) ?? count
            bytes.append(contentsOf: source[lineStart..<end])
            guard end < count else { break }
            bytes.append(0x0A)
            if end + 1 < count, source[end + 1] != 0x0A { bytes.append(contentsOf: [0x20, 0x20]) }
            lineStart = end + 1
        }
    }
}

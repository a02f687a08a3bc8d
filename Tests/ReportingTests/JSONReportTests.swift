import CapacityAllocation
import Foundation
import Testing
@testable import Reporting

/// A large result is written in two pieces at once (`JSONReport.render(_: AllocationResult)`):
/// the bytes must be those of one pass.
@Suite struct JSONReportTests {
    @Test func aLargeResultWrittenInTwoPiecesIsByteForByteOnePass() throws {
        var result = try Allocator.solve(try JSONWriterTests.scenario("gooi-en-vechtstreek-2023.yaml"))
        // The Gooi lists, repeated until they are long enough to be written apart.
        let allocations = result.allocations, coverage = result.coverage
        while result.allocations.count + result.coverage.count < JSONReport.listsApartFrom {
            result.allocations += allocations
            result.coverage += coverage
        }
        let twoPieces = try JSONReport.render(result)
        #expect(twoPieces == (try JSONWriterTests.foundation(result)))
        #expect(twoPieces == (try JSONWriter.render(result)))
    }

    /// The Gooi result with its allocation, coverage and shortfall lists repeated until they are
    /// long enough to be written apart.
    private func longGooiResult() throws -> AllocationResult {
        var result = try Allocator.solve(try JSONWriterTests.scenario("gooi-en-vechtstreek-2023.yaml"))
        let allocations = result.allocations, coverage = result.coverage, shortfalls = result.shortfalls
        while result.allocations.count + result.coverage.count < JSONReport.listsApartFrom {
            result.allocations += allocations
            result.coverage += coverage
            result.shortfalls += shortfalls
        }
        return result
    }

    @Test func listsWrittenAheadAreSplicedIntoTheBytesOfOnePass() throws {
        let result = try longGooiResult()
        try #require(!result.shortfalls.isEmpty)
        let prepared = JSONReport.PreparedLists()
        prepared.prepare(result)
        // Allocations, coverage and shortfalls were written ahead and are used.
        #expect(prepared.lists(of: result)?.keys == ["allocations", "coverage", "shortfalls"])
        #expect(try JSONReport.render(result, prepared: prepared) == (try JSONWriterTests.foundation(result)))
    }

    @Test func listsWrittenAheadOfAChangeAreWrittenAgain() throws {
        var result = try longGooiResult()
        let prepared = JSONReport.PreparedLists()
        prepared.prepare(result)
        result.allocations[0].hours += 1
        #expect(prepared.lists(of: result) == nil)
        #expect(try JSONReport.render(result, prepared: prepared) == (try JSONWriterTests.foundation(result)))
    }

    @Test func aListWrittenOneLevelDeeperKeepsItsEmptyLinesEmpty() {
        // An object in a list, with an empty list in it (JSONEncoder: "[", an empty line, "]").
        let topLevel = "[\n  {\n    \"a\" : [\n\n    ],\n    \"b\" : 1\n  }\n]\n"
        var bytes: [UInt8] = []
        JSONReport.appendIndented(topLevel, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "[\n    {\n      \"a\" : [\n\n      ],\n      \"b\" : 1\n    }\n  ]")
    }

    @Test func aMissingEmptyListIsNotSpliced() {
        #expect(JSONReport.splice("{\n  \"coverage\" : [\n    1\n  ]\n}\n", lists: [("coverage", "[\n  2\n]\n")]) == nil)
        #expect(JSONReport.splice("{\n  \"coverage\" : [\n\n  ]\n}\n", lists: [("coverage", "[\n  2\n]\n")])
                == "{\n  \"coverage\" : [\n    2\n  ]\n}\n")
    }
}

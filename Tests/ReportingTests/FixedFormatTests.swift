import Foundation
import Testing
@testable import Reporting

/// FixedFormat is printf's `%.Nf` in safe Swift; the C library's vsnprintf is the reference.
@Suite struct FixedFormatTests {
    /// The C library itself (tests may use pointers; Sources may not outside LinearProgramming).
    static func printf(_ value: Double, _ decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let count = withVaList([Int32(decimals), value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        return String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Worked by hand: 0.125 and 0.375 are exact binary values halfway between two hundredths, so
    /// they go to the even one (0.12, 0.38); 2.5 to no decimals is 2, 3.5 is 4. 0.1 is stored as
    /// 0.1000000000000000055511151231257827…, which 20 decimals show. 1.005 is stored just below
    /// 1.005, so it rounds down. -0.0 keeps its sign, as printf does.
    @Test func handCheckedValues() {
        #expect(FixedFormat.string(0.125, decimals: 2) == "0.12")
        #expect(FixedFormat.string(0.375, decimals: 2) == "0.38")
        #expect(FixedFormat.string(2.5, decimals: 0) == "2")
        #expect(FixedFormat.string(3.5, decimals: 0) == "4")
        #expect(FixedFormat.string(0.1, decimals: 20) == "0.10000000000000000555")
        #expect(FixedFormat.string(1.005, decimals: 2) == "1.00")
        #expect(FixedFormat.string(-0.0, decimals: 2) == "-0.00")
        #expect(FixedFormat.string(-0.001, decimals: 2) == "-0.00")
        #expect(FixedFormat.string(1e22, decimals: 1) == "10000000000000000000000.0")
        #expect(FixedFormat.string(1234.5678, decimals: 3) == "1234.568")
        #expect(FixedFormat.string(.infinity, decimals: 2) == "inf")
        #expect(FixedFormat.string(-.infinity, decimals: 2) == "-inf")
        #expect(FixedFormat.string(.nan, decimals: 2) == "nan")
    }

    /// Identical to vsnprintf on 40,000 values (every magnitude, exact ties, random bit patterns,
    /// the extremes) at every number of decimals the reports use and a few more.
    @Test func identicalToTheCLibrary() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed seed: the same values every run
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.125, 9.995, 0.045, 1e-7, .leastNonzeroMagnitude,
                                .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e23,
                                4_503_599_627_370_496.5, 9_007_199_254_740_992]
        for _ in 0..<10_000 {
            values.append(Double(bitPattern: next()))
            values.append(Double(Int64(bitPattern: next()) % 100_000_000) / 1_024)  // exact ties at few decimals
            values.append(Double(next() % 1_000_000_007) / 1_000_003 * pow(10, Double(Int(next() % 25) - 12)))
            values.append(Double(Int64(bitPattern: next()) % 10_000_000) / 100)
        }
        var mismatches: [String] = []
        for value in values where !value.isNaN {
            for decimals in [0, 1, 2, 3, 4, 6, 10, 17, 20] {
                let ours = FixedFormat.string(value, decimals: decimals), theirs = Self.printf(value, decimals)
                if ours != theirs { mismatches.append("\(value) to \(decimals): \(ours) against \(theirs)") }
            }
        }
        #expect(values.count == 40_016)
        #expect(mismatches.prefix(5) == [])
    }
}

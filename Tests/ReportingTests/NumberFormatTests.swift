import Foundation
import Reporting
import Testing

/// Numbers the reader's way, written from the rounded integer's digits.
@Suite struct NumberFormatTests {
    let dutch = NumberFormat(.nl)
    let english = NumberFormat(.en)

    @Test func groupsThousandsAndRoundsHalfAwayFromZero() {
        #expect(dutch.number(1_234_567.891, decimals: 2) == "1.234.567,89")
        #expect(english.number(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(dutch.number(999.5) == "1.000")
        #expect(dutch.number(123) == "123")
        #expect(dutch.number(1234) == "1.234")
        #expect(dutch.number(0.05, decimals: 2) == "0,05")
        #expect(dutch.number(-2.5) == "−3")
        #expect(dutch.number(-0.0004, decimals: 3) == "0,000")
        #expect(english.number(12.5, decimals: 4) == "12.5000")
        #expect(dutch.compact(110) == "110")
        #expect(dutch.compact(0.05) == "0,05")
        #expect(english.compact(1234.5) == "1,234.5")
        #expect(dutch.percent(0.874) == "87,4%")
        #expect(dutch.number(.nan) == "–")
        #expect(dutch.number(-.infinity) == "−∞")
        // Beyond 2^53 the digits come from printf.
        #expect(english.number(1e20) == "100,000,000,000,000,000,000")
    }

    /// The digits are those printf's %.Nf gives for the rounded value, for any size and decimals.
    @Test func sameDigitsAsPrintf() {
        var generator = SplitMix(state: 7)
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double.random(in: -4...13, using: &generator))
            let value = Double.random(in: -magnitude...magnitude, using: &generator)
            for decimals in 0...4 {
                let factor = pow(10, Double(decimals))
                var rounded = (abs(value) * factor).rounded() / factor
                if rounded == 0 { rounded = 0 }
                let expected = String(format: "%.\(decimals)f", rounded)
                let digits = english.number(value, decimals: decimals)
                    .replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "")
                #expect(digits == expected, "\(value) with \(decimals) decimals")
            }
        }
    }
}

/// A fixed sequence, so a failure can be run again.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

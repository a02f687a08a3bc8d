/// printf's `%.Nf`, exactly, in safe Swift: the binary value rounded to N decimals, a tie (a value
/// exactly halfway, such as 0.125 to 2 decimals) to the even last digit, as the C library does.
/// Foundation's `String(format:)` goes through CoreFoundation's formatter and was a tenth of a
/// national HTML report's time; the C library's vsnprintf needs pointers, which only
/// LinearProgramming handles (SourceRulesTests). FixedFormatTests compare this with vsnprintf.
///
/// The method: a finite double is m · 2^e with an integer m < 2^53. Its value times 10^N is then
/// the integer m · 10^N · 2^e when e ≥ 0; when e < 0 it is m · 10^N divided by 2^-e, rounded half
/// to even by looking at the bits shifted out. The digits of that integer, with a point N from the
/// end, are the answer.
enum FixedFormat {
    static func string(_ value: Double, decimals: Int) -> String {
        let decimals = max(0, min(decimals, 20))
        let sign = value.sign == .minus ? "-" : ""
        guard value.isFinite else { return sign + (value.isNaN ? "nan" : "inf") }
        var digits = scaledDigits(value.magnitude, decimals: decimals)
        if digits.count <= decimals {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals + 1 - digits.count), at: 0)
        }
        if decimals > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - decimals) }
        return sign + String(decoding: digits, as: UTF8.self)
    }

    /// The decimal digits (ASCII) of `magnitude` · 10^decimals rounded half to even.
    private static func scaledDigits(_ magnitude: Double, decimals: Int) -> [UInt8] {
        let significand: UInt64, exponent: Int
        if magnitude.exponentBitPattern == 0 {
            significand = magnitude.significandBitPattern  // subnormal (or zero)
            exponent = -1074
        } else {
            significand = magnitude.significandBitPattern | (1 << 52)
            exponent = Int(magnitude.exponentBitPattern) - 1075
        }
        var number = LargeNumber(significand)
        for _ in 0..<decimals { number.multiply(by: 10) }
        if exponent >= 0 {
            number.shiftLeft(exponent)
        } else {
            number.divideRoundingHalfToEven(byPowerOfTwo: -exponent)
        }
        return number.decimalDigits()
    }
}

/// A non-negative integer of any size, as 32-bit words, least significant first, with no zero
/// word at the top: only what `FixedFormat` needs.
private struct LargeNumber {
    private var words: [UInt32]

    init(_ value: UInt64) {
        words = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private mutating func trim() {
        while words.last == 0 { words.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in words.indices {
            let product = UInt64(words[index]) * UInt64(factor) + carry
            words[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { words.append(UInt32(carry)) }
    }

    mutating func shiftLeft(_ bits: Int) {
        guard !words.isEmpty, bits > 0 else { return }
        let wordShift = bits / 32, bitShift = bits % 32
        var shifted = [UInt32](repeating: 0, count: words.count + wordShift + 1)
        for (index, word) in words.enumerated() {
            shifted[index + wordShift] |= word << bitShift
            if bitShift > 0 { shifted[index + wordShift + 1] |= word >> (32 - bitShift) }
        }
        words = shifted
        trim()
    }

    /// Bit `position` (0 is the least significant).
    private func bit(_ position: Int) -> Bool {
        let word = position / 32
        return word < words.count && (words[word] >> (position % 32)) & 1 == 1
    }

    /// Whether any bit below `position` is set.
    private func anyBit(below position: Int) -> Bool {
        let fullWords = min(position / 32, words.count)
        if words[0..<fullWords].contains(where: { $0 != 0 }) { return true }
        guard fullWords < words.count, position % 32 > 0 else { return false }
        return words[fullWords] & ((1 << UInt32(position % 32)) - 1) != 0
    }

    /// self / 2^bits, rounded to the nearest integer, a tie to the even one.
    mutating func divideRoundingHalfToEven(byPowerOfTwo bits: Int) {
        let half = bit(bits - 1), aboveHalf = half && anyBit(below: bits - 1)
        let wordShift = bits / 32, bitShift = bits % 32
        if wordShift >= words.count {
            words = []
        } else {
            var shifted = [UInt32](repeating: 0, count: words.count - wordShift)
            for index in shifted.indices {
                shifted[index] = words[index + wordShift] >> bitShift
                if bitShift > 0, index + wordShift + 1 < words.count {
                    shifted[index] |= words[index + wordShift + 1] << (32 - bitShift)
                }
            }
            words = shifted
            trim()
        }
        let odd = (words.first ?? 0) & 1 == 1
        if half && (aboveHalf || odd) { addOne() }
    }

    private mutating func addOne() {
        for index in words.indices {
            words[index] &+= 1
            if words[index] != 0 { return }
        }
        words.append(1)
    }

    /// The decimal digits as ASCII, most significant first; "0" for zero.
    func decimalDigits() -> [UInt8] {
        var remaining = words
        var chunks: [UInt32] = []  // base 10^9, least significant first
        while !remaining.isEmpty {
            var remainder: UInt64 = 0
            for index in remaining.indices.reversed() {
                let current = (remainder << 32) | UInt64(remaining[index])
                remaining[index] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while remaining.last == 0 { remaining.removeLast() }
        }
        guard let top = chunks.last else { return [UInt8(ascii: "0")] }
        var digits = Array(String(top).utf8)
        for chunk in chunks.dropLast().reversed() {
            let text = Array(String(chunk).utf8)
            digits += repeatElement(UInt8(ascii: "0"), count: 9 - text.count)
            digits += text
        }
        return digits
    }
}

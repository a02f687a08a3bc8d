import Foundation

/// printf's `%.Nf`, exactly (the C library rounds the binary value, ties to even), without
/// Foundation's `String(format:)`, which goes through CoreFoundation's formatter and was a tenth
/// of a national HTML report's time. The digits go into a Swift array (no pointers handled here:
/// only LinearProgramming touches unsafe pointers; SourceRulesTests checks it).
enum FixedFormat {
    static func string(_ value: Double, decimals: Int) -> String {
        let decimals = Int32(max(0, min(decimals, 20)))
        var digits = [CChar](repeating: 0, count: 352)
        let count = withVaList([decimals, value]) { arguments in
            vsnprintf(&digits, digits.count, "%.*f", arguments)
        }
        guard count >= 0, Int(count) < digits.count else { return String(format: "%.\(decimals)f", value) }
        return String(decoding: digits[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation

/// Numbers as a Dutch or English reader writes them: 1.234,5 or 1,234.5. Written by hand so the
/// output does not depend on the machine's locale data.
public struct NumberFormat: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    private var groupSeparator: String { language == .nl ? "." : "," }
    private var decimalSeparator: String { language == .nl ? "," : "." }

    /// `value` with `decimals` decimals and thousands grouped.
    public func number(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "−∞") }
        let factor = pow(10, Double(decimals))
        let scaled = (abs(value) * factor).rounded()
        var rounded = scaled / factor
        if rounded == 0 { rounded = 0 }
        let negative = value < 0 && rounded != 0
        let integer: String, fraction: String
        if decimals <= 9, scaled < 9e15 {
            // Digits straight from the rounded integer: the same as printf's %.Nf of `rounded`,
            // which lies within an ulp of it, and a report has many thousands of numbers.
            let whole = UInt64(scaled), unit = UInt64(factor)
            integer = String(whole / unit)
            let digits = String(whole % unit)
            fraction = decimals == 0 ? "" : String(repeating: "0", count: decimals - digits.count) + digits
        } else {
            let parts = FixedFormat.string(rounded, decimals: decimals).split(separator: ".", omittingEmptySubsequences: false)
            integer = String(parts[0])
            fraction = parts.count > 1 ? String(parts[1]) : ""
        }
        var grouped = ""
        grouped.reserveCapacity(integer.utf8.count + integer.utf8.count / 3 + fraction.utf8.count + 2)
        let leading = integer.count % 3
        for (index, character) in integer.enumerated() {
            if index > 0 && (index - leading) % 3 == 0 { grouped += groupSeparator }
            grouped.append(character)
        }
        if decimals > 0 { grouped += decimalSeparator + fraction }
        return (negative ? "−" : "") + grouped
    }

    /// Up to `maximumDecimals` decimals, without trailing zeros: 110, 0,05, 1.234,5.
    public func compact(_ value: Double, maximumDecimals: Int = 4) -> String {
        var text = number(value, decimals: maximumDecimals)
        let separator: Character = language == .nl ? "," : "."
        guard text.contains(separator) else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == separator { text.removeLast() }
        return text
    }

    /// Hours, whole.
    public func hours(_ value: Double) -> String { number(value, decimals: 0) }

    /// A value per hour, two decimals.
    public func rate(_ value: Double) -> String { number(value, decimals: 2) }

    /// A share as a percentage with one decimal: 0.874 → 87,4%.
    public func percent(_ share: Double, decimals: Int = 1) -> String { number(share * 100, decimals: decimals) + "%" }
}

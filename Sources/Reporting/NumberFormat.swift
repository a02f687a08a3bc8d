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
        var rounded = (abs(value) * factor).rounded() / factor
        if rounded == 0 { rounded = 0 }
        let negative = value < 0 && rounded != 0
        let text = String(format: "%.\(decimals)f", rounded)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        var grouped = ""
        for (index, character) in integer.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(contentsOf: groupSeparator.reversed()) }
            grouped.append(character)
        }
        var result = String(grouped.reversed())
        if parts.count > 1 { result += decimalSeparator + parts[1] }
        return (negative ? "−" : "") + result
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

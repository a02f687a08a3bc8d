/// How a CSV is written.
///
/// - `machine` (the default): `,` between fields and `.` before decimals, what `ivp evaluate` and
///   `--closest-to` read back and what scripts expect.
/// - `excelNL` (`--csv-dialect excel-nl`): `;` between fields and `,` before decimals, with a
///   UTF-8 byte order mark, so that Excel with Dutch settings opens the file with every number as
///   a number (and names with accents intact) instead of as text or a date.
public enum CSVDialect: String, Sendable, CaseIterable {
    case machine
    case excelNL = "excel-nl"

    var separator: String { self == .machine ? "," : ";" }
    var decimalSeparator: String { self == .machine ? "." : "," }
}

/// One CSV table: a header and rows of text and numbers, written in a dialect. Every CSV writer
/// builds one, so the dialect and the number format are decided in one place.
struct CSVTable {
    enum Cell {
        case text(String)
        /// A number; nil is an empty field (a figure that does not exist, such as the value of an
        /// infeasible point).
        case number(Double?)
    }

    var header: [String]
    var rows: [[Cell]] = []

    init(header: [String]) { self.header = header }

    mutating func append(_ row: [Cell]) { rows.append(row) }

    func render(_ dialect: CSVDialect) -> String {
        var lines = [header.map { Self.field($0, dialect) }.joined(separator: dialect.separator)]
        lines.reserveCapacity(rows.count + 1)
        for row in rows {
            lines.append(row.map { cell in
                switch cell {
                case .text(let text): Self.field(text, dialect)
                case .number(let value): value.map { Self.number($0, dialect) } ?? ""
                }
            }.joined(separator: dialect.separator))
        }
        let text = lines.joined(separator: "\n") + "\n"
        return dialect == .excelNL ? "\u{FEFF}" + text : text
    }

    /// Decimals of a number in a CSV: six, with trailing zeros left off. Sums of hours carry
    /// rounding noise in the last binary digits (16000 hours come out as 15999.999999999998);
    /// a millionth of an hour (3.6 ms) is far below any meaning and well inside the tolerance
    /// with which `ivp evaluate` checks a constraint (1e-6 of its bound, at least 1e-6).
    static let decimals = 6

    /// `value` with at most `decimals` decimals, no grouping, no trailing zeros, no "-0".
    static func number(_ value: Double, _ dialect: CSVDialect) -> String {
        guard value.isFinite else { return "" }
        let unit: UInt64 = 1_000_000  // 10^decimals
        let scaled = (abs(value) * Double(unit)).rounded()
        var integer: String, fraction: String
        if scaled < 9e15 {
            // Digits straight from the rounded integer, as NumberFormat does: a national
            // allocation has hundreds of thousands of numbers.
            let whole = UInt64(scaled)
            integer = String(whole / unit)
            let digits = String(whole % unit)
            fraction = String(repeating: "0", count: decimals - digits.count) + digits
        } else {
            let parts = FixedFormat.string(abs(value), decimals: decimals).split(separator: ".", omittingEmptySubsequences: false)
            integer = String(parts[0])
            fraction = parts.count > 1 ? String(parts[1]) : ""
        }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let negative = value < 0 && (integer != "0" || !fraction.isEmpty)
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : dialect.decimalSeparator + fraction)
    }

    /// A text field, quoted (RFC 4180) when it holds the separator, a quote or a line break.
    static func field(_ text: String, _ dialect: CSVDialect) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || String($0) == dialect.separator }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

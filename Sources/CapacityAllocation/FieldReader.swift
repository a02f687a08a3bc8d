/// Reads typed values out of a `SourceNode` tree and collects a `Diagnostic` for each problem,
/// so that validation reports every error at once instead of stopping at the first.
final class FieldReader {
    private(set) var diagnostics: [Diagnostic] = []

    func report(_ node: SourceNode?, _ path: String, _ message: String, fallback: SourceNode? = nil) {
        let anchor = node ?? fallback
        diagnostics.append(Diagnostic(file: anchor?.file ?? "", path: path, line: anchor?.line, message: message))
    }

    /// The entries of a mapping, reporting keys outside `allowed` (most often a typo).
    func mapping(_ node: SourceNode?, _ path: String, allowed: Set<String>? = nil) -> [String: SourceNode]? {
        guard let node else { return nil }
        guard let entries = node.entries else {
            report(node, path, "expected a mapping, found \(node.typeName)")
            return nil
        }
        var result: [String: SourceNode] = [:]
        for (key, value) in entries {
            if let allowed, !allowed.contains(key) {
                let suggestion = allowed.sorted().joined(separator: ", ")
                report(value, path.isEmpty ? key : "\(path).\(key)", "unknown key '\(key)' (expected one of: \(suggestion))")
                continue
            }
            result[key] = value
        }
        return result
    }

    func list(_ node: SourceNode?, _ path: String) -> [SourceNode]? {
        guard let node else { return nil }
        if case .null = node.value { return [] }
        guard let items = node.items else {
            report(node, path, "expected a list, found \(node.typeName)")
            return nil
        }
        return items
    }

    func string(_ node: SourceNode?, _ path: String, required parent: SourceNode? = nil) -> String? {
        guard let node else {
            if let parent { report(nil, path, "is required", fallback: parent) }
            return nil
        }
        guard case .scalar(let text, _) = node.value else {
            report(node, path, "expected text, found \(node.typeName)")
            return nil
        }
        return text
    }

    /// A finite number within `range`, or nil (reported) when absent but required, of the wrong
    /// type, not finite or out of range.
    func number(_ node: SourceNode?, _ path: String, required parent: SourceNode? = nil,
                minimum: Double = 0, maximum: Double = .infinity, maximumIncluded: Bool = true,
                rangeText: String? = nil) -> Double? {
        guard let node else {
            if let parent { report(nil, path, "is required", fallback: parent) }
            return nil
        }
        guard case .scalar(let text, let plain) = node.value else {
            report(node, path, "expected a number, found \(node.typeName)")
            return nil
        }
        guard plain, let value = FieldReader.parseNumber(text) else {
            report(node, path, "expected a number, found \(node.typeName)")
            return nil
        }
        guard value.isFinite else {
            // A long literal such as 1e999 overflows to infinity: say it is too large, not infinite.
            if value == .infinity, !text.lowercased().contains("inf") {
                report(node, path, "'\(SourceNode.abbreviated(text))' is too large (at most \(FieldReader.format(FieldReader.largest)))")
            } else {
                report(node, path, "'\(text)' is not a finite number")
            }
            return nil
        }
        let aboveMaximum = maximumIncluded ? value > maximum : value >= maximum
        if value < minimum || aboveMaximum {
            if let rangeText {
                report(node, path, "\(FieldReader.format(value)) is outside \(rangeText)")
            } else if minimum == 0 && value < 0 {
                report(node, path, "\(FieldReader.format(value)) is negative")
            } else {
                report(node, path, "\(FieldReader.format(value)) is below \(FieldReader.format(minimum))")
            }
            return nil
        }
        if value > FieldReader.largest {
            report(node, path, "\(FieldReader.format(value)) is too large (at most \(FieldReader.format(FieldReader.largest)))")
            return nil
        }
        if value != 0 && abs(value) < FieldReader.smallest {
            report(node, path, "\(FieldReader.format(value)) is too small (give 0 or at least 0.000000001)")
            return nil
        }
        return value
    }

    /// No number in a scenario comes near this; larger ones would overflow the model's bounds and
    /// coefficients (1e308 FTE times hours is infinite), which the solver cannot take.
    static let largest = 1e9
    /// Nonzero numbers closer to zero than this mean nothing in a plan, and products of them make
    /// coefficients so small that GLPK's scaling aborts the process (population 1e-300).
    static let smallest = 1e-9

    func bool(_ node: SourceNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        if case .scalar(let text, true) = node.value {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        report(node, path, "expected true or false, found \(node.typeName)")
        return nil
    }

    /// Parses a YAML/JSON number. YAML's `.inf` and `.nan` spellings are recognised so that they can
    /// be rejected as non-finite rather than as text.
    static func parseNumber(_ text: String) -> Double? {
        // Most numbers start with a digit: read them without the checks below (a national
        // scenario has some 30,000).
        if let first = text.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
            return Double(withoutUnderscores(text))
        }
        switch text.lowercased() {
        case ".inf", "+.inf", "inf", "+inf", "infinity": return .infinity
        case "-.inf", "-inf", "-infinity": return -.infinity
        case ".nan", "nan": return .nan
        default: break
        }
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        return Double(withoutUnderscores(text))
    }

    /// YAML allows `_` between digits (1_350).
    private static func withoutUnderscores(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "_")) ? String(text.filter { $0 != "_" }) : text
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e18 { return String(Int(value)) }
        return String(value)
    }
}

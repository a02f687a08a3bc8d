import Foundation

/// Reads an allocation in the format `ivp solve --format csv` writes (DESIGN.md 5):
/// `pool,theme,municipality,hours[,effective_hours]`. `effective_hours` is ignored (it follows from
/// the scenario and is recomputed). Lines may end in CRLF, blank lines are skipped, fields are
/// trimmed and may be quoted ("a,b", with "" for a quote) within one line. Every problem is
/// collected, each with the file and its line, and thrown together as a `ScenarioError`.
public enum AllocationCSV {
    public static let columns = ["pool", "theme", "municipality", "hours"]
    public static let optionalColumn = "effective_hours"

    /// The hours of every x variable of `formulation` the file names, keyed by index into
    /// `formulation.assignments`. Variables the file does not name are 0.
    public static func read(path: String, formulation: Formulation) throws(ScenarioError) -> (hours: [Int: Double], sha256: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "the file \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "the file is not UTF-8 text")])
        }
        let hours = try parse(text, file: path, formulation: formulation)
        return (hours, SHA256.hex([UInt8](data)))
    }

    /// Parses CSV text as if read from `file`.
    public static func parse(_ text: String, file: String, formulation: Formulation) throws(ScenarioError) -> [Int: Double] {
        var problems: [Diagnostic] = []
        func problem(_ line: Int?, _ path: String, _ message: String) {
            problems.append(Diagnostic(file: file, path: path, line: line, message: message))
        }
        let scenario = formulation.scenario
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, a newline like "\n" (and a lone "\r").
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)

        // Lookups: ids, and the x variable of each (pool, theme, municipality).
        let poolIndex = Dictionary(scenario.pools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let themeIndex = Dictionary(scenario.themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let municipalities = Set(scenario.municipalities.map(\.id))
        var cellOf: [String: Int] = [:]
        for (index, cell) in formulation.cells.enumerated() { cellOf["\(cell.theme)|\(cell.municipality)"] = index }
        var assignmentOf: [String: Int] = [:]
        for (index, assignment) in formulation.assignments.enumerated() {
            assignmentOf["\(assignment.pool)|\(assignment.cell)"] = index
        }

        // Hours beyond a thousand times what all pools have together are a typo or garbage, and
        // summing them (1e308 twice) would overflow: refused, with the line.
        let grossHours = scenario.pools.reduce(0.0) { $0 + $1.fte * $1.hoursPerFTE }
        let hoursLimit = 1000 * max(grossHours, 1)
        var header: [String]?
        var hours: [Int: Double] = [:]
        var firstLine: [Int: Int] = [:]
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            if raw.allSatisfy(\.isWhitespace) { continue }
            guard let fields = splitFields(raw) else {
                problem(number, "", "unterminated quoted field")
                if header == nil { throw ScenarioError(problems) }
                continue
            }
            guard let expected = header else {
                if fields == columns || fields == columns + [optionalColumn] {
                    header = fields
                    continue
                }
                problem(number, "", "expected the header '\(columns.joined(separator: ","))' (optionally followed by ',\(optionalColumn)'), found '\(raw.trimmingCharacters(in: .whitespaces))'")
                throw ScenarioError(problems)
            }
            guard fields.count == expected.count else {
                problem(number, "", "expected \(expected.count) fields (\(expected.joined(separator: ","))), found \(fields.count)")
                continue
            }
            let (poolID, themeID, municipality, hoursText) = (fields[0], fields[1], fields[2], fields[3])
            var known = true
            if poolIndex[poolID] == nil { problem(number, "pool", "unknown pool '\(poolID)'"); known = false }
            if themeIndex[themeID] == nil { problem(number, "theme", "unknown theme '\(themeID)'"); known = false }
            if !municipalities.contains(municipality) {
                problem(number, "municipality", "unknown municipality '\(municipality)'")
                known = false
            }
            var value = parseHours(hoursText)
            if case .success(let amount) = value, amount > hoursLimit {
                value = .failure("'\(hoursText)' hours is more than 1000 times what all pools of the scenario have together (\(FieldReader.format(grossHours.rounded())) hours)")
            }
            if case .failure(let message) = value { problem(number, "hours", message) }
            guard known, let pool = poolIndex[poolID], let theme = themeIndex[themeID] else { continue }
            guard let cell = cellOf["\(theme)|\(municipality)"] else {
                let themeValue = scenario.themes[theme]
                let adopted = themeValue.adoptedBy.contains { scenario.isUnder(municipality, $0) }
                problem(number, "municipality", adopted
                    ? "theme '\(themeID)' has no need in municipality '\(municipality)'"
                    : "theme '\(themeID)' is not adopted for municipality '\(municipality)'")
                continue
            }
            guard let assignment = assignmentOf["\(pool)|\(cell)"] else {
                let kind = scenario.pools[pool].kind
                problem(number, "pool", scenario.themes[theme].efficiency(of: kind) == nil
                    ? "pool '\(poolID)' is of kind '\(kind)', which theme '\(themeID)' cannot use"
                    : "pool '\(poolID)' does not serve municipality '\(municipality)'")
                continue
            }
            if let first = firstLine[assignment] {
                problem(number, "", "duplicate of line \(first) (pool '\(poolID)', theme '\(themeID)', municipality '\(municipality)')")
                continue
            }
            firstLine[assignment] = number
            if case .success(let amount) = value { hours[assignment] = amount }
        }
        if header == nil {
            problem(nil, "", "the file is empty; expected the header '\(columns.joined(separator: ","))'")
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return hours
    }

    private enum Parsed { case success(Double), failure(String) }

    /// A non-negative finite decimal number; anything else names what is wrong.
    private static func parseHours(_ text: String) -> Parsed {
        if text.isEmpty { return .failure("missing number of hours") }
        let word = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        if ["inf", "infinity", "nan"].contains(word) { return .failure("'\(text)' is not a finite number") }
        let allowed = Set("0123456789+-.eE")
        guard text.allSatisfy({ allowed.contains($0) }), let value = Double(text) else {
            if text.contains(","), Double(text.replacingOccurrences(of: ",", with: ".")) != nil {
                return .failure("'\(text)' is not a number (use a decimal point)")
            }
            return .failure("'\(text)' is not a number")
        }
        guard value.isFinite else { return .failure("'\(text)' is not a finite number") }
        guard value >= 0 else { return .failure("'\(text)' is negative") }
        return .success(value == 0 ? 0 : value)
    }

    /// Splits one line into trimmed fields; quoted fields may hold commas and "" for a quote.
    /// Returns nil for an unterminated quote.
    static func splitFields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false, wasQuoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending { pending = nil; return character }
            return characters.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { current.append("\"") } else { quoted = false; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.allSatisfy(\.isWhitespace) && !wasQuoted {
                current = ""
                quoted = true
                wasQuoted = true
            } else if character == "," {
                fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
                current = ""
                wasQuoted = false
            } else if wasQuoted {
                // Text after a closing quote (spaces before the comma) is dropped when blank.
                if !character.isWhitespace { current.append(character) }
            } else {
                current.append(character)
            }
        }
        if quoted { return nil }
        fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}

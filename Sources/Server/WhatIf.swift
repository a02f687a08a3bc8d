import CapacityAllocation
import Foundation

/// The changes of one state of a session: parameter paths of `ivp sweep --vary` with their values,
/// each path once (a later change of the same path replaces its value), and the decision mode.
/// Derives the scenario (through `ScenarioParameter`, the validation of a scenario file) and
/// writes the `extends:` what-if that `ivp solve` reproduces.
struct WhatIf: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: String
        var value: Double
    }

    var entries: [Entry] = []
    var mode: SolveMode = .weighted

    /// The parameters the live page may change. `presence.*` replaces a whole list in a what-if
    /// file, so it is left to `ivp sweep`.
    static func check(_ key: String) throws(ServerError) {
        if key.hasPrefix("presence.") {
            throw ServerError(.unprocessable, "\(key): presence floors cannot be changed here (a what-if replaces the whole presence list); use ivp sweep --vary")
        }
    }

    /// With `key` set to `value` (replacing an earlier value of the same key).
    func setting(_ key: String, _ value: Double) -> WhatIf {
        var copy = self
        if let index = copy.entries.firstIndex(where: { $0.key == key }) {
            copy.entries[index].value = value
        } else {
            copy.entries.append(Entry(key: key, value: value))
        }
        return copy
    }

    /// File-wide defaults first, then the rest in the order first changed: a pool's own reserve
    /// then overrides the file-wide one, as it does in the what-if file.
    var ordered: [Entry] {
        entries.filter { !$0.key.contains(".") } + entries.filter { $0.key.contains(".") }
    }

    /// `base` with every change made, validated like a scenario file. Its input fields (what the
    /// difference lists as changed input) are the base's with the changed values.
    func scenario(from base: Scenario) throws(ServerError) -> Scenario {
        var scenario = base
        for entry in ordered {
            try WhatIf.check(entry.key)
            do throws(ParameterError) {
                let parameter = try ScenarioParameter(entry.key, in: base)
                scenario = try parameter.applied(entry.value, to: scenario)
            } catch {
                throw ServerError(.unprocessable, "\(entry.key): \(error.message)")
            }
            // A pool's own reserve or hours per FTE no longer follows the file-wide default.
            let parts = entry.key.split(separator: ".").map(String.init)
            if parts.count == 3, parts[0] == "pools", let index = scenario.pools.firstIndex(where: { $0.id == parts[1] }) {
                if parts[2] == "reserve" { scenario.pools[index].usesDefaultReserve = false }
                if parts[2] == "hours_per_fte" { scenario.pools[index].usesDefaultHoursPerFTE = false }
            }
        }
        var fields = base.inputFields
        for entry in entries {
            let path = WhatIf.inputPath(entry.key)
            let text = FieldText.format(entry.value)
            if let index = fields.firstIndex(where: { $0.path == path }) {
                fields[index] = InputField(path: path, value: text)
            } else {
                fields.append(InputField(path: path, value: text))
            }
        }
        scenario.inputFields = fields
        return scenario
    }

    /// The path of an input field as the scenario loader names it: `pools[ID].fte`.
    static func inputPath(_ key: String) -> String {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, ["pools", "themes", "municipalities"].contains(parts[0]) else { return key }
        return "\(parts[0])[\(parts[1])].\(parts[2...].joined(separator: "."))"
    }

    /// The what-if file: `extends:` the base (a file name beside it) with exactly these changes.
    func yaml(baseFile: String, baseName: String, label: String) -> String {
        var lines = ["# What-if saved by ivp serve (\(label)): only the changes against the plan.",
                     "# Save it beside \(baseFile); `ivp solve` on it reproduces the page's figures."]
        if mode != .weighted { lines.append("# Solve it with: ivp solve FILE --mode \(mode.rawValue)") }
        lines.append("extends: \(YAMLText.quoted(baseFile))")
        lines.append("name: \(YAMLText.quoted("\(baseName) (\(label))"))")
        var levelWeights: [(String, Double)] = []
        var selection: [(String, Double)] = []
        // Entries per list and id, in the order first changed; each a nested map of fields.
        var lists: [String: [(id: String, fields: [(path: [String], value: Double)])]] = [:]
        for entry in entries {
            let parts = entry.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            switch parts[0] {
            case "level_weights": levelWeights.append((parts[1], entry.value))
            case "selection": selection.append((parts[1], entry.value))
            case "pools", "themes", "municipalities":
                var items = lists[parts[0], default: []]
                if let index = items.firstIndex(where: { $0.id == parts[1] }) {
                    items[index].fields.append((Array(parts[2...]), entry.value))
                } else {
                    items.append((parts[1], [(Array(parts[2...]), entry.value)]))
                }
                lists[parts[0]] = items
            default: lines.append("\(parts[0]): \(YAMLText.number(entry.value, integer: false))")
            }
        }
        if !levelWeights.isEmpty {
            lines.append("level_weights:")
            lines += levelWeights.map { "  \($0.0): \(YAMLText.number($0.1, integer: false))" }
        }
        if !selection.isEmpty {
            lines.append("selection:")
            lines += selection.map { "  \($0.0): \(YAMLText.number($0.1, integer: true))" }
        }
        for list in ["municipalities", "pools", "themes"] {
            guard let items = lists[list] else { continue }
            lines.append("\(list):")
            for item in items {
                lines.append("  - id: \(YAMLText.quoted(item.id))")
                // One level of nesting at most (mutual_aid.max_share, severity.MUNICIPALITY).
                var nested: [(String, [(String, Double)])] = []
                for (path, value) in item.fields {
                    if path.count == 1 {
                        lines.append("    \(path[0]): \(YAMLText.number(value, integer: false))")
                    } else if let index = nested.firstIndex(where: { $0.0 == path[0] }) {
                        nested[index].1.append((path[1], value))
                    } else {
                        nested.append((path[0], [(path[1], value)]))
                    }
                }
                for (key, fields) in nested {
                    lines.append("    \(key):")
                    lines += fields.map { "      \(YAMLText.quoted($0.0)): \(YAMLText.number($0.1, integer: false))" }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

enum FieldText {
    /// A number as a scenario file would give it: whole numbers without ".0".
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

enum YAMLText {
    /// Every digit: the shortest text that reads back as the same Double, so the file reproduces
    /// the state exactly.
    static func number(_ value: Double, integer: Bool) -> String {
        if integer || (value == value.rounded() && abs(value) < 1e15) { return String(Int64(value)) }
        return "\(value)"
    }

    /// A plain scalar when it is safe (ids, file names), else a double-quoted (JSON) string.
    static func quoted(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z0-9][A-Za-z0-9_./-]*$"#, options: .regularExpression) != nil
        if plain, !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased()),
           Double(text) == nil { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

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

    /// Checks a change before it is made, as a scenario file's value is checked: a parameter path
    /// of `ivp sweep --vary`, or `themes.ID.adopted` (1 keeps a candidate or local theme, 0 drops
    /// it as a what-if's `remove:` does).
    static func check(_ key: String, _ value: Double, in base: Scenario) throws(ServerError) {
        if let theme = adoptedTheme(key) {
            guard let found = base.themes.first(where: { $0.id == theme }) else {
                throw ServerError(.unprocessable, "\(key): no theme '\(theme)'")
            }
            guard found.candidate || found.level == .local else {
                throw ServerError(.unprocessable, "\(key): only a candidate or a local theme can be dropped or adopted here ('\(theme)' is a \(found.level.rawValue) theme)")
            }
            guard value == 0 || value == 1 else {
                throw ServerError(.unprocessable, "\(key): expected 1 (adopted) or 0 (dropped), found \(FieldText.format(value))")
            }
            return
        }
        do throws(ParameterError) { _ = try ScenarioParameter(key, in: base) } catch {
            throw ServerError(.unprocessable, "\(key): \(error.message)")
        }
    }

    /// The theme of a `themes.ID.adopted` key.
    static func adoptedTheme(_ key: String) -> String? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 3 && parts[0] == "themes" && parts[2] == "adopted" ? parts[1] : nil
    }

    /// The themes this state drops.
    var dropped: [String] {
        entries.compactMap { $0.value == 0 ? WhatIf.adoptedTheme($0.key) : nil }
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
        let dropped = Set(self.dropped)
        for entry in ordered where WhatIf.adoptedTheme(entry.key) == nil {
            let parts = entry.key.split(separator: ".").map(String.init)
            // A dropped theme's own numbers no longer apply (the what-if file leaves them out).
            if parts.count >= 3, parts[0] == "themes", dropped.contains(parts[1]) { continue }
            do throws(ParameterError) {
                let parameter = try ScenarioParameter(entry.key, in: base)
                scenario = try parameter.applied(entry.value, to: scenario)
            } catch {
                throw ServerError(.unprocessable, "\(entry.key): \(error.message)")
            }
            // A pool's own reserve or hours per FTE no longer follows the file-wide default.
            if parts.count == 3, parts[0] == "pools", let index = scenario.pools.firstIndex(where: { $0.id == parts[1] }) {
                if parts[2] == "reserve" { scenario.pools[index].usesDefaultReserve = false }
                if parts[2] == "hours_per_fte" { scenario.pools[index].usesDefaultHoursPerFTE = false }
            }
        }
        // Dropped themes last (the parameters above index the base's themes), with the loader's
        // rule for `remove:`: nothing may still refer to a removed id.
        for theme in dropped.sorted() {
            let key = "themes.\(theme).adopted"
            for pool in scenario.pools where pool.limits.contains(where: { $0.themes.contains(theme) }) {
                throw ServerError(.unprocessable, "\(key): theme '\(theme)' is still referenced by a limit of pool '\(pool.id)', so it cannot be dropped")
            }
            scenario.themes.removeAll { $0.id == theme }
        }
        if scenario.themes.isEmpty {
            throw ServerError(.unprocessable, "\(dropped.sorted().map { "themes.\($0).adopted" }.joined(separator: ", ")): at least one theme must stay")
        }
        var fields = base.inputFields.filter { field in
            !dropped.contains { field.path.hasPrefix("themes[\($0)]") }
        }
        for entry in entries where WhatIf.adoptedTheme(entry.key) == nil {
            let parts = entry.key.split(separator: ".").map(String.init)
            if parts.count >= 3, parts[0] == "themes", dropped.contains(parts[1]) { continue }
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
    func yaml(baseFile: String, baseName: String, label: String, base: Scenario) -> String {
        var lines = ["# What-if saved by ivp serve (\(label)): only the changes against the plan.",
                     "# Save it beside \(baseFile); `ivp solve` on it reproduces the page's figures."]
        if mode != .weighted { lines.append("# Solve it with: ivp solve FILE --mode \(mode.rawValue)") }
        lines.append("extends: \(YAMLText.quoted(baseFile))")
        lines.append("name: \(YAMLText.quoted("\(baseName) (\(label))"))")
        var levelWeights: [(String, Double)] = []
        var selection: [(String, Double)] = []
        // Entries per list and id, in the order first changed; each a nested map of fields.
        var lists: [String: [(id: String, fields: [(path: [String], value: Double)])]] = [:]
        var presence = base.presence
        let dropped = Set(self.dropped)
        for entry in entries {
            let parts = entry.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if WhatIf.adoptedTheme(entry.key) != nil || (parts[0] == "themes" && dropped.contains(parts[1])) { continue }
            switch parts[0] {
            case "presence":
                if let index = presence.firstIndex(where: { $0.kind == parts[1] }) { presence[index].hoursPerThousandInhabitants = entry.value }
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
        if presence != base.presence {
            // A list without ids replaces the base's: the whole list, with the changed floors.
            lines.append("presence:")
            lines += presence.map { "  - {kind: \(YAMLText.quoted($0.kind)), hours_per_1000_inhabitants: \(YAMLText.number($0.hoursPerThousandInhabitants, integer: false))}" }
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
        if !dropped.isEmpty {
            lines.append("remove: [\(dropped.sorted().map(YAMLText.quoted).joined(separator: ", "))]")
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

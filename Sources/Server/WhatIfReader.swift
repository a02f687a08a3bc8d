import CapacityAllocation
import Foundation
import Yams

/// Reads a what-if file that `ivp serve` saved (or one written by hand in the same terms) back
/// into a session's changes, so that a session dropped by the limit on live sessions can be
/// restored: `extends:` names a served scenario's file, and every value is one of the page's
/// levers. The changes are then checked as every change is (`WhatIf.check`, `WhatIf.scenario`).
enum WhatIfReader {
    /// The scenario the file extends and its changes. Throws 422 naming the key that is not a lever.
    static func read(_ text: String, catalog: Catalog) throws(ServerError) -> (CatalogEntry, WhatIf) {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw ServerError(.unprocessable, "the what-if is not YAML: \(error)")
        }
        guard let map = node as? [String: Any] else {
            throw ServerError(.unprocessable, "the what-if is not a YAML map with extends: (save one with GET /api/sessions/ID/whatif.yaml)")
        }
        guard let extends = map["extends"] as? String else {
            throw ServerError(.unprocessable, "extends: missing: the what-if must extend one of the served scenarios' files (\(catalog.entries.map(\.file).joined(separator: ", ")))")
        }
        guard let entry = catalog.entries.first(where: { $0.file == extends }) else {
            throw ServerError(.unprocessable, "extends: '\(extends)' is not a served scenario's file (served: \(catalog.entries.map(\.file).joined(separator: ", ")))")
        }
        var whatIf = WhatIf()
        // The decision mode is in the comment the file carries ("ivp solve FILE --mode MODE").
        if let range = text.range(of: #"--mode ([a-z]+)"#, options: .regularExpression) {
            let name = String(text[range].dropFirst("--mode ".count))
            guard let mode = SolveMode(rawValue: name) else { throw ServerError(.unprocessable, "--mode \(name): not a decision mode") }
            whatIf.mode = mode
        }
        func number(_ value: Any?, _ key: String) throws(ServerError) -> Double {
            if let number = value as? Double { return number }
            if let number = value as? Int { return Double(number) }
            throw ServerError(.unprocessable, "\(key): expected a number")
        }
        func add(_ key: String, _ value: Any?) throws(ServerError) {
            let number = try number(value, key)
            try WhatIf.check(key, number, in: entry.scenario)
            whatIf = whatIf.setting(key, number)
        }
        for key in map.keys.sorted() {
            let value = map[key]
            switch key {
            case "extends", "name", "description": continue
            case "reserve", "hours_per_fte": try add(key, value)
            case "level_weights", "selection":
                guard let fields = value as? [String: Any] else { throw ServerError(.unprocessable, "\(key): expected a map") }
                for field in fields.keys.sorted() { try add("\(key).\(field)", fields[field]) }
            case "presence":
                guard let rules = value as? [[String: Any]] else { throw ServerError(.unprocessable, "presence: expected a list of {kind, hours_per_1000_inhabitants}") }
                for rule in rules {
                    guard let kind = rule["kind"] as? String else { throw ServerError(.unprocessable, "presence: every entry needs a kind") }
                    try add("presence.\(kind).hours_per_1000_inhabitants", rule["hours_per_1000_inhabitants"])
                }
            case "pools", "themes", "municipalities":
                guard let items = value as? [[String: Any]] else { throw ServerError(.unprocessable, "\(key): expected a list of entries with an id") }
                for item in items {
                    guard let id = item["id"] as? String else { throw ServerError(.unprocessable, "\(key): every entry needs an id") }
                    for field in item.keys.sorted() where field != "id" {
                        if let nested = item[field] as? [String: Any] {
                            for inner in nested.keys.sorted() { try add("\(key).\(id).\(field).\(inner)", nested[inner]) }
                        } else {
                            try add("\(key).\(id).\(field)", item[field])
                        }
                    }
                }
            case "remove":
                guard let ids = value as? [String] else { throw ServerError(.unprocessable, "remove: expected a list of theme ids") }
                for id in ids { try add("themes.\(id).adopted", 0) }
            default:
                throw ServerError(.unprocessable, "\(key): not one of the page's levers, so a session cannot be restored with it (use ivp solve on the file)")
            }
        }
        return (entry, whatIf)
    }
}

import Foundation
import Yams

/// A parsed scenario file before it is given meaning: maps, lists and scalars, each remembering the
/// file and line it came from, so that errors found after `extends` merging still point at the
/// right place.
struct SourceNode: Sendable {
    enum Value: Sendable {
        case map([(key: String, value: SourceNode)])
        case list([SourceNode])
        /// A scalar's text; `plain` is false for quoted strings, which are never numbers.
        case scalar(String, plain: Bool)
        case null
    }

    var value: Value
    var file: String
    var line: Int?

    var entries: [(key: String, value: SourceNode)]? {
        if case .map(let entries) = value { return entries }
        return nil
    }

    var items: [SourceNode]? {
        if case .list(let items) = value { return items }
        return nil
    }

    subscript(key: String) -> SourceNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The `id` of a map entry, if it has a plain string one.
    var id: String? {
        if case .scalar(let text, _)? = self["id"]?.value { return text }
        return nil
    }

    /// `text` cut to a length that fits in a message.
    static func abbreviated(_ text: String) -> String {
        text.count <= 40 ? text : text.prefix(37) + "…"
    }

    var typeName: String {
        switch value {
        case .map: "a mapping"
        case .list: "a list"
        case .scalar(let text, let plain):
            plain ? "the value '\(SourceNode.abbreviated(text))'" : "the text \"\(SourceNode.abbreviated(text))\""
        case .null: "nothing (null)"
        }
    }
}

extension SourceNode {
    /// Every scalar of the tree as (path, text), in file order: `reserve`, `pools[gooi-zuid].fte`
    /// (entries with an id are named by it, so a what-if's changes line up with its base),
    /// `neighbours[0][1]`. What `ivp compare` lists as the differences in the input.
    func flattened(prefix: String = "") -> [InputField] {
        switch value {
        case .scalar(let text, _):
            return [InputField(path: prefix, value: text)]
        case .null:
            return [InputField(path: prefix, value: "null")]
        case .map(let entries):
            return entries.flatMap { key, node in node.flattened(prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
        case .list(let items):
            if items.isEmpty { return [InputField(path: prefix, value: "[]")] }
            return items.enumerated().flatMap { index, node in
                node.flattened(prefix: "\(prefix)[\(node.id ?? String(index))]")
            }
        }
    }
}

/// One scalar of a scenario's input, by its path.
public struct InputField: Sendable, Equatable, Codable {
    public var path: String
    public var value: String
    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }
}

enum SourceParser {
    /// Parses YAML (or JSON, which YAML reads too) into a `SourceNode` tree.
    static func parse(_ text: String, file: String) throws(ScenarioError) -> SourceNode {
        let root: Node?
        do {
            // Scalars are read as text and typed by the decoder, so no tag resolution: the default
            // resolver matches every scalar against regular expressions, half of the load time.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw ScenarioError([diagnostic(for: error, file: file, text: text)])
        } catch {
            throw ScenarioError([Diagnostic(file: file, path: "", line: nil, message: "cannot read: \(error)")])
        }
        guard let root else {
            throw ScenarioError([Diagnostic(file: file, path: "", line: 1, message: "the file is empty")])
        }
        return try convert(root, file: file, depth: 0)
    }

    private static func convert(_ node: Node, file: String, depth: Int) throws(ScenarioError) -> SourceNode {
        let line = node.mark?.line
        guard depth < 64 else {
            throw ScenarioError([Diagnostic(file: file, path: "", line: line, message: "nested more than 64 levels deep")])
        }
        switch node {
        case .scalar(let scalar):
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return SourceNode(value: .null, file: file, line: line)
            }
            return SourceNode(value: .scalar(scalar.string, plain: plain), file: file, line: line)
        case .sequence(let sequence):
            var items: [SourceNode] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1)) }
            return SourceNode(value: .list(items), file: file, line: line)
        case .mapping(let mapping):
            var entries: [(key: String, value: SourceNode)] = []
            var seen = Set<String>()
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ScenarioError([Diagnostic(file: file, path: "", line: key.mark?.line,
                                                    message: "a key must be a plain name")])
                }
                guard seen.insert(keyScalar.string).inserted else {
                    throw ScenarioError([Diagnostic(file: file, path: "", line: key.mark?.line,
                                                    message: "the key '\(keyScalar.string)' appears twice")])
                }
                entries.append((keyScalar.string, try convert(value, file: file, depth: depth + 1)))
            }
            return SourceNode(value: .map(entries), file: file, line: line)
        case .alias:
            throw ScenarioError([Diagnostic(file: file, path: "", line: line,
                                            message: "YAML aliases (*name) are not supported; write the value out")])
        }
    }

    private static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's context reads "while parsing a flow mapping"; say where that construct starts.
            let suffix = context.map { " (\($0.text) that starts on line \($0.mark.line))" } ?? ""
            return Diagnostic(file: file, path: "", line: mark.line, message: "not valid YAML: \(problem)\(suffix)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(file: file, path: "", line: context.mark.line,
                              message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            // The offset counts UTF-8 bytes; turn it into a line so that the error can be found.
            let line = offset.map { offset in 1 + text.utf8.prefix(offset).reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
            return Diagnostic(file: file, path: "", line: line, message: "cannot read: \(problem)")
        default:
            return Diagnostic(file: file, path: "", line: nil, message: "not valid YAML: \(error)")
        }
    }
}

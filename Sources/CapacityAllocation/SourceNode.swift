import Foundation

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

import Foundation
import Yams

/// Reads a scenario file's text (YAML, or JSON, which YAML reads too) into a `SourceNode` tree,
/// each node with its file and line.
enum SourceParser {
    /// Parses YAML (or JSON, which YAML reads too) into a `SourceNode` tree.
    static func parse(_ text: String, file: String) throws(ScenarioError) -> SourceNode {
        let root: Node?
        let parser: Parser
        do {
            // Scalars are read as text and typed by the decoder, so no tag resolution: the default
            // resolver matches every scalar against regular expressions, half of the load time.
            parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw ScenarioError([diagnostic(for: error, file: file, text: text)])
        } catch {
            throw ScenarioError([Diagnostic(file: file, path: "", line: nil, message: "cannot read: \(error)")])
        }
        guard let root else {
            throw ScenarioError([Diagnostic(file: file, path: "", line: 1, message: "the file is empty")])
        }
        defer { withExtendedLifetime(parser) {} }
        return try convert(root, file: file, text: text, depth: 0)
    }

    /// Yams replaces every alias with its anchor's node while composing (sharing it, so cheaply),
    /// but converting the result would visit each copy: nine anchors of nine aliases each are 9^9
    /// nodes from 400 bytes (an alias bomb). The format never needs anchors or aliases, so the
    /// first anchored node met while converting (an anchor is on the node itself and on every
    /// alias of it) is refused at its line: time and memory stay linear in the file. The parser
    /// must live while converting, since a node holds its anchor weakly.
    static func anchorError(_ anchor: String, text: String, file: String, line: Int?) -> ScenarioError {
        let count = text.components(separatedBy: "*\(anchor)").count - 1
        let shown = SourceNode.abbreviated(anchor)
        let message = count > 1
            ? "too many aliases (\(count) of &\(shown)): YAML anchors and aliases are not supported; write the values out"
            : "YAML anchors and aliases (&\(shown)) are not supported; write the value out"
        return ScenarioError([Diagnostic(file: file, path: "", line: line, message: message)])
    }

    /// Tags a scenario may carry: `!!str` makes a scalar text (like quotes), the other standard ones
    /// change nothing. Any other tag is refused rather than silently ignored.
    private static let textTag = "tag:yaml.org,2002:str"
    private static let harmlessTags: Set<String> = [
        "", "!", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    ]

    private static func checkTag(_ tag: String, allowed: String, file: String, line: Int?) throws(ScenarioError) {
        guard tag != "" && tag != allowed && !(allowed == textTag && harmlessTags.contains(tag)) else { return }
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        throw ScenarioError([Diagnostic(file: file, path: "", line: line,
                                        message: "the YAML tag '\(SourceNode.abbreviated(String(shown)))' is not supported here; write the value without it")])
    }

    private static func convert(_ node: Node, file: String, text: String, depth: Int) throws(ScenarioError) -> SourceNode {
        let line = node.mark?.line
        if let anchor = node.anchor { throw anchorError(anchor.rawValue, text: text, file: file, line: line) }
        guard depth < 64 else {
            throw ScenarioError([Diagnostic(file: file, path: "", line: line, message: "nested more than 64 levels deep")])
        }
        switch node {
        case .scalar(let scalar):
            let tag = scalar.tag.rawValue
            try checkTag(tag, allowed: textTag, file: file, line: line)
            // `!!str 10` is text, as "10" is.
            let plain = (scalar.style == .plain || scalar.style == .any) && tag != textTag
            if plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return SourceNode(value: .null, file: file, line: line)
            }
            return SourceNode(value: .scalar(scalar.string, plain: plain), file: file, line: line)
        case .sequence(let sequence):
            try checkTag(sequence.tag.rawValue, allowed: "tag:yaml.org,2002:seq", file: file, line: line)
            var items: [SourceNode] = []
            for item in sequence { items.append(try convert(item, file: file, text: text, depth: depth + 1)) }
            return SourceNode(value: .list(items), file: file, line: line)
        case .mapping(let mapping):
            try checkTag(mapping.tag.rawValue, allowed: "tag:yaml.org,2002:map", file: file, line: line)
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
                entries.append((keyScalar.string, try convert(value, file: file, text: text, depth: depth + 1)))
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

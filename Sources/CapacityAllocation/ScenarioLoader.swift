import Foundation

/// Reads a scenario file (YAML or JSON), resolves its `extends` chain and validates it.
public enum ScenarioLoader {
    /// Loads and validates the scenario at `path`. Throws a `ScenarioError` holding every problem found.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        var sources: [SourceFile] = []
        var removed: [String: String] = [:]
        let tree = try resolve(path: path, chain: [], sources: &sources, removed: &removed)
        var scenario = try ScenarioDecoder.decode(tree, file: path, sources: sources, removed: removed)
        scenario.inputFields = tree.flattened()
        return scenario
    }

    /// Loads a scenario from text, as if read from a file called `name` (tests, stdin).
    public static func load(text: String, name: String) throws(ScenarioError) -> Scenario {
        let tree = try SourceParser.parse(text, file: name)
        if tree["extends"] != nil {
            throw ScenarioError([Diagnostic(file: name, path: "extends", line: tree["extends"]?.line,
                                            message: "a scenario given as text cannot extend another file")])
        }
        let source = SourceFile(path: name, sha256: SHA256.hex(Array(text.utf8)))
        var scenario = try ScenarioDecoder.decode(tree, file: name, sources: [source], removed: [:])
        scenario.inputFields = tree.flattened()
        return scenario
    }

    private static func read(_ path: String, chain: [String]) throws(ScenarioError) -> (String, [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            let from = chain.last.map { " (extended by \($0))" } ?? ""
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "the file \(reason)\(from)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "the file is not UTF-8 text")])
        }
        return (text, [UInt8](data))
    }

    /// Parses `path` and, when it extends another file, merges it onto that file's resolved tree.
    private static func resolve(path: String, chain: [String], sources: inout [SourceFile],
                                removed: inout [String: String]) throws(ScenarioError) -> SourceNode {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
        if chain.contains(canonical) {
            throw ScenarioError([Diagnostic(file: path, path: "extends", line: nil,
                                            message: "extends itself through \(chain.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " -> ")) -> \(URL(fileURLWithPath: path).lastPathComponent)")])
        }
        guard chain.count < 32 else {
            throw ScenarioError([Diagnostic(file: path, path: "extends", line: nil, message: "more than 32 files extend each other")])
        }
        let (text, bytes) = try read(path, chain: chain)
        sources.append(SourceFile(path: path, sha256: SHA256.hex(bytes)))
        let tree = try SourceParser.parse(text, file: path)
        guard let entries = tree.entries else {
            throw ScenarioError([Diagnostic(file: path, path: "", line: tree.line,
                                            message: "a scenario must be a mapping of keys, found \(tree.typeName)")])
        }
        guard let extendsNode = tree["extends"] else {
            if let removeNode = tree["remove"] {
                throw ScenarioError([Diagnostic(file: path, path: "remove", line: removeNode.line,
                                                message: "`remove` is only allowed in a file that `extends` another")])
            }
            return tree
        }
        guard case .scalar(let basePath, _) = extendsNode.value, !basePath.isEmpty else {
            throw ScenarioError([Diagnostic(file: path, path: "extends", line: extendsNode.line,
                                            message: "expected the path of the scenario to extend, found \(extendsNode.typeName)")])
        }
        // Joined as text, not through URL(fileURLWithPath:), so a relative path stays relative and
        // the manifest reads the same on every machine and in every checkout.
        let directory = (path as NSString).deletingLastPathComponent
        let resolvedBase = basePath.hasPrefix("/") || directory.isEmpty ? basePath : "\(directory)/\(basePath)"
        // A cycle or a missing base is the fault of this file's `extends` line: point there.
        let baseCanonical = URL(fileURLWithPath: resolvedBase).standardizedFileURL.path
        if let start = (chain + [canonical]).firstIndex(of: baseCanonical) {
            let names = (chain + [canonical])[start...].map { URL(fileURLWithPath: $0).lastPathComponent }
            throw ScenarioError([Diagnostic(file: path, path: "extends", line: extendsNode.line,
                                            message: "the files extend each other in a cycle: \((names + [names[0]]).joined(separator: " -> "))")])
        }
        if !FileManager.default.fileExists(atPath: resolvedBase) {
            throw ScenarioError([Diagnostic(file: path, path: "extends", line: extendsNode.line,
                                            message: "cannot extend '\(basePath)': the file does not exist")])
        }
        var base = try resolve(path: resolvedBase, chain: chain + [canonical], sources: &sources, removed: &removed)

        if let removeNode = tree["remove"] {
            var problems: [Diagnostic] = []
            var ids: [String] = []
            if let items = removeNode.items {
                for (index, item) in items.enumerated() {
                    if case .scalar(let id, _) = item.value { ids.append(id) } else {
                        problems.append(Diagnostic(file: path, path: "remove[\(index)]", line: item.line,
                                                   message: "expected an id, found \(item.typeName)"))
                    }
                }
            } else {
                problems.append(Diagnostic(file: path, path: "remove", line: removeNode.line,
                                           message: "expected a list of ids, found \(removeNode.typeName)"))
            }
            for (index, id) in ids.enumerated() {
                if !removeEntries(withID: id, from: &base) {
                    problems.append(Diagnostic(file: path, path: "remove[\(index)]", line: removeNode.items?[index].line,
                                               message: "'\(id)' is not an id in \(URL(fileURLWithPath: resolvedBase).lastPathComponent)"))
                }
                removed[id] = path
            }
            if !problems.isEmpty { throw ScenarioError(problems) }
        }
        let overrides = SourceNode(value: .map(entries.filter { $0.key != "extends" && $0.key != "remove" }),
                                   file: path, line: tree.line)
        return merge(base, overrides)
    }

    /// Merges `override` onto `base`: maps key by key, lists of entries with ids by id (new ids are
    /// appended), anything else is replaced (DESIGN.md 3).
    static func merge(_ base: SourceNode, _ override: SourceNode) -> SourceNode {
        switch (base.value, override.value) {
        case (.map(var baseEntries), .map(let overrideEntries)):
            for (key, value) in overrideEntries {
                if let index = baseEntries.firstIndex(where: { $0.key == key }) {
                    baseEntries[index].value = merge(baseEntries[index].value, value)
                } else {
                    baseEntries.append((key, value))
                }
            }
            return SourceNode(value: .map(baseEntries), file: base.file, line: base.line)
        case (.list(var baseItems), .list(let overrideItems))
            where !overrideItems.isEmpty && overrideItems.allSatisfy({ $0.id != nil })
                && baseItems.allSatisfy({ $0.id != nil }):
            for item in overrideItems {
                if let index = baseItems.firstIndex(where: { $0.id == item.id }) {
                    baseItems[index] = merge(baseItems[index], item)
                } else {
                    baseItems.append(item)
                }
            }
            return SourceNode(value: .list(baseItems), file: base.file, line: base.line)
        default:
            return override
        }
    }

    /// Deletes every list entry whose `id` is `id`, anywhere in the tree. Returns whether one was found.
    private static func removeEntries(withID id: String, from node: inout SourceNode) -> Bool {
        switch node.value {
        case .map(var entries):
            var found = false
            for index in entries.indices where removeEntries(withID: id, from: &entries[index].value) { found = true }
            node.value = .map(entries)
            return found
        case .list(var items):
            let before = items.count
            items.removeAll { $0.id == id }
            var found = items.count != before
            for index in items.indices where removeEntries(withID: id, from: &items[index]) { found = true }
            node.value = .list(items)
            return found
        case .scalar, .null:
            return false
        }
    }
}

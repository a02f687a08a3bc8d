import Foundation

/// What a loader may read.
public struct LoadOptions: Sendable {
    /// When set, every file read (the scenario and each file it `extends`) must lie inside one of
    /// these folders, after symbolic links are resolved: a live server (`ivp serve`) passes the
    /// folders it serves so that no scenario can make it read any other file. nil: any file.
    public var allowedRoots: [String]?

    public init(allowedRoots: [String]? = nil) {
        self.allowedRoots = allowedRoots
    }
}

/// Reads a scenario file (YAML or JSON), resolves its `extends` chain and validates it.
public enum ScenarioLoader {
    /// Larger files are refused before they are read: the largest generated scenario (100,000
    /// municipalities) is about 60 MB.
    static let maximumFileSize = 256 << 20

    /// Loads and validates the scenario at `path`. Throws a `ScenarioError` holding every problem found.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws(ScenarioError) -> Scenario {
        var sources: [SourceFile] = []
        var removed: [String: String] = [:]
        let roots = options.allowedRoots.map { $0.map(canonicalRoot) }
        let tree = try resolve(path: path, chain: [], extendedFrom: nil, roots: roots, sources: &sources, removed: &removed)
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

    private static func canonicalRoot(_ path: String) -> String {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return resolved.hasSuffix("/") ? resolved : resolved + "/"
    }

    /// Whether `path` (symbolic links resolved) lies inside one of `roots` (each ending in `/`).
    static func isInside(_ path: String, roots: [String]) -> Bool {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return roots.contains { resolved.hasPrefix($0) }
    }

    private static func read(_ path: String, chain: [String]) throws(ScenarioError) -> (String, [UInt8]) {
        // A device (/dev/zero, /dev/urandom) never ends and a folder is no file: say so instead of
        // reading until memory runs out. Pipes (/dev/stdin, <(…)) are read as usual.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let attributes = try? FileManager.default.attributesOfItem(atPath: target) {
            let type = attributes[.type] as? FileAttributeType
            let from = chain.last.map { " (extended by \($0))" } ?? ""
            if type == .typeDirectory {
                throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "is a folder, not a scenario file\(from)")])
            }
            if type == .typeCharacterSpecial || type == .typeBlockSpecial || type == .typeSocket {
                throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "is a device, not a scenario file\(from)")])
            }
            if type == .typeRegular, let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumFileSize {
                throw ScenarioError([Diagnostic(file: path, path: "", line: nil,
                                                message: "the file is too large (\(size) bytes; at most \(maximumFileSize))\(from)")])
            }
        }
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
    /// `extendedFrom` is the extending file and its `extends` node, nil for the file given.
    private static func resolve(path: String, chain: [String], extendedFrom: (file: String, node: SourceNode)?,
                                roots: [String]?, sources: inout [SourceFile],
                                removed: inout [String: String]) throws(ScenarioError) -> SourceNode {
        if let roots, !isInside(path, roots: roots) {
            if let extendedFrom {
                throw ScenarioError([Diagnostic(file: extendedFrom.file, path: "extends", line: extendedFrom.node.line,
                                                message: "cannot extend '\(path)': it is outside the folders scenarios may be read from")])
            }
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil,
                                            message: "is outside the folders scenarios may be read from")])
        }
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
        if text.contains("cbs_code") || text.contains("borders") { Geography.prepare() }
        let tree: SourceNode
        if let extendedFrom {
            // A file that is extended must be a scenario (a mapping with a `name`, or a what-if
            // with `extends`). Anything else (/etc/passwd, a CSV, a binary) is said to be no
            // scenario, without a word of its content: its keys are not listed as unknown keys.
            let notAScenario = ScenarioError([Diagnostic(
                file: extendedFrom.file, path: "extends", line: extendedFrom.node.line,
                message: "cannot extend '\(path)': not a scenario (a YAML or JSON mapping with a `name`)")])
            let isScenarioFile = ["yaml", "yml", "json"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
            do {
                tree = try SourceParser.parse(text, file: path)
            } catch {
                // A syntax error in a .yaml or .json file is worth its line; in anything else it is noise.
                if isScenarioFile { throw error }
                throw notAScenario
            }
            guard tree.entries != nil, tree["name"] != nil || tree["extends"] != nil else { throw notAScenario }
        } else {
            tree = try SourceParser.parse(text, file: path)
        }
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
            // The full path that was tried: a relative `extends` is relative to this file, not to
            // the folder the command runs in, which is what most often goes wrong.
            throw ScenarioError([Diagnostic(file: path, path: "extends", line: extendsNode.line,
                                            message: "cannot extend '\(basePath)': the file \(baseCanonical) does not exist")])
        }
        var base = try resolve(path: resolvedBase, chain: chain + [canonical], extendedFrom: (path, extendsNode),
                               roots: roots, sources: &sources, removed: &removed)
        // Entries of one list are merged by id: two entries with one id in this file would be
        // merged into each other silently, the first one's values (even invalid ones) hidden.
        try checkUniqueIDs(tree, file: path)
        try checkNewEntries(tree, base: base, file: path)

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
        return merge(base, overrides, isRoot: true)
    }

    /// The fields an entry of each list must have; a what-if entry without them can only be meant
    /// as a change to an entry of the base.
    private static let requiredFields: [(list: String, noun: String, fields: [String])] = [
        ("pools", "pool", ["at", "kind", "fte"]), ("themes", "theme", ["level", "adopted_by", "kinds", "need"]),
        ("base_teams", "base team", ["district"]), ("districts", "district", ["unit"]),
    ]

    /// A what-if entry whose id is not in the base and that lacks the fields a new entry needs is a
    /// typo for an id of the base: "no pool `districtrecherche` in the base; did you mean
    /// `districtsrecherche`?" rather than "pools[12].at: is required". An id that differs from one
    /// of the base only in case gets the same hint, whatever its fields.
    private static func checkNewEntries(_ tree: SourceNode, base: SourceNode, file: String) throws(ScenarioError) {
        var problems: [Diagnostic] = []
        for (list, noun, fields) in requiredFields {
            guard let items = tree[list]?.items else { continue }
            let baseIDs = (base[list]?.items ?? []).compactMap(\.id)
            let known = Set(baseIDs)
            for (index, item) in items.enumerated() {
                guard let id = item.id, !known.contains(id) else { continue }
                let sameButCase = baseIDs.first { $0.lowercased() == id.lowercased() }
                let incomplete = fields.contains { item[$0] == nil }
                guard sameButCase != nil || incomplete else { continue }
                var message = "no \(noun) `\(id)` in the base"
                if let suggestion = sameButCase ?? closest(to: id, in: baseIDs) {
                    message += "; did you mean `\(suggestion)`?"
                    if sameButCase != nil { message += " (ids are lowercase)" }
                } else {
                    message += " (a new \(noun) needs \(fields.map { "`\($0)`" }.joined(separator: ", ")))"
                }
                problems.append(Diagnostic(file: file, path: "\(list)[\(index)].id", line: item.line, message: message))
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
    }

    /// The id of `ids` nearest to `id` by edit distance, when it is near enough to be a typo (at
    /// most 2 edits, and at most half the id).
    static func closest(to id: String, in ids: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var current = [i + 1] + [Int](repeating: 0, count: b.count)
                for (j, y) in b.enumerated() {
                    current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                }
                previous = current
            }
            return previous[b.count]
        }
        let target = Array(id.lowercased())
        let scored = ids.map { ($0, distance(target, Array($0.lowercased()))) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }),
              best.1 <= 2, best.1 * 2 <= target.count else { return nil }
        return best.0
    }

    /// Every entry with an `id` in any list of `tree` (a what-if file, before merging), checked for
    /// ids given twice: the error names both lines.
    private static func checkUniqueIDs(_ tree: SourceNode, file: String) throws(ScenarioError) {
        var firstLine: [String: (path: String, line: Int?)] = [:]
        var problems: [Diagnostic] = []
        func visit(_ node: SourceNode, _ path: String) {
            switch node.value {
            case .map(let entries):
                for (key, value) in entries { visit(value, path.isEmpty ? key : "\(path).\(key)") }
            case .list(let items):
                for (index, item) in items.enumerated() {
                    let itemPath = "\(path)[\(index)]"
                    if let id = item.id, let idNode = item["id"] {
                        if let first = firstLine[id] {
                            let lines = [first.line, idNode.line].map { $0.map(String.init) ?? "?" }
                            problems.append(Diagnostic(file: file, path: "\(itemPath).id", line: idNode.line,
                                                       message: "duplicate id '\(SourceNode.abbreviated(id))' in this file (lines \(lines[0]) and \(lines[1]))"))
                        } else {
                            firstLine[id] = ("\(itemPath)", idNode.line)
                        }
                    }
                    visit(item, itemPath)
                }
            case .scalar, .null:
                break
            }
        }
        visit(tree, "")
        if !problems.isEmpty { throw ScenarioError(problems) }
    }

    /// Merges `override` onto `base`: maps key by key, lists of entries with ids by id (new ids are
    /// appended), anything else is replaced (DESIGN.md 3). A merged mapping below the root (a list
    /// entry, a theme's `need`) is located in the overriding file, so an error in it points at the
    /// what-if's line, where it was changed.
    static func merge(_ base: SourceNode, _ override: SourceNode, isRoot: Bool = false) -> SourceNode {
        switch (base.value, override.value) {
        case (.map(var baseEntries), .map(let overrideEntries)):
            var indexOf: [String: Int] = [:]
            for (index, entry) in baseEntries.enumerated() where indexOf[entry.key] == nil { indexOf[entry.key] = index }
            for (key, value) in overrideEntries {
                if let index = indexOf[key] {
                    baseEntries[index].value = merge(baseEntries[index].value, value)
                } else {
                    indexOf[key] = baseEntries.count
                    baseEntries.append((key, value))
                }
            }
            let location = isRoot ? base : override
            return SourceNode(value: .map(baseEntries), file: location.file, line: location.line)
        case (.list(var baseItems), .list(let overrideItems))
            where !overrideItems.isEmpty && overrideItems.allSatisfy({ $0.id != nil })
                && baseItems.allSatisfy({ $0.id != nil }):
            // By id through a dictionary, not a search per entry: a what-if of 100,000 themes
            // merges in linear time.
            var indexOf: [String: Int] = [:]
            for (index, item) in baseItems.enumerated() { if let id = item.id, indexOf[id] == nil { indexOf[id] = index } }
            for item in overrideItems {
                if let id = item.id, let index = indexOf[id] {
                    baseItems[index] = merge(baseItems[index], item)
                } else {
                    if let id = item.id { indexOf[id] = baseItems.count }
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

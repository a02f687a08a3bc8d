import Foundation
import Testing
@testable import CapacityAllocation

/// Fuzzing of every bundled scenario (issue 15): a structured mutator that edits the parsed tree
/// (drops keys, puts extreme and non-finite numbers and values of the wrong type, duplicates
/// entries and ids, leaves references dangling, makes `extends` point at itself, at a cycle, at
/// devices, folders and files that are no scenario) and a byte mutator (flips, insertions of YAML's
/// aliases, anchors, tags and control bytes, cuts). Every case must load, or be rejected with a
/// `ScenarioError` whose every diagnostic names a file and says what is wrong; a scenario that
/// loads must solve without throwing and without the status `error`.
///
/// `IVP_FUZZ_CASES=N` changes the number of cases per mutator (scripts/fuzz runs many more).
@Suite struct StructuredFuzzTests {
    typealias Random = FuzzTests.Random

    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static var cases: Int { ProcessInfo.processInfo.environment["IVP_FUZZ_CASES"].flatMap(Int.init) ?? 500 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["IVP_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x15_2026 }

    /// The bundled scenarios by file name, with their text.
    static func bundled() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: scenarios.path).filter { $0.hasSuffix(".yaml") }.sorted().map {
            ($0, try String(contentsOf: scenarios.appendingPathComponent($0), encoding: .utf8))
        }
    }

    // MARK: The tree as JSON (which YAML reads too)

    static func json(_ node: SourceNode) -> String {
        switch node.value {
        case .null: return "null"
        case .scalar(let text, let plain):
            if plain, FieldReader.parseNumber(text) != nil || text == "true" || text == "false" {
                // Non-finite and odd spellings are YAML, not JSON: give them as YAML reads them.
                return text
            }
            return quoted(text)
        case .list(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{\n" + entries.map { "\(quoted($0.key)): \(json($0.value))" }.joined(separator: ",\n") + "\n}"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case let c where c.value < 0x20 || c.value == 0x7F: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Structured mutations

    static let extremes = ["-1", "0", "1e308", "-1e308", ".nan", ".inf", "-.inf", "1e-320", "1e999", "-0",
                           "123456789012345678901234567890", "1e9", "1e-9", "999999999", "0.5", "2", "1_000"]

    /// Every node of the tree by its path of child indices, for picking one at random.
    static func paths(_ node: SourceNode, _ prefix: [Int] = [], into result: inout [[Int]]) {
        result.append(prefix)
        switch node.value {
        case .map(let entries): for index in entries.indices { paths(entries[index].value, prefix + [index], into: &result) }
        case .list(let items): for index in items.indices { paths(items[index], prefix + [index], into: &result) }
        case .scalar, .null: break
        }
    }

    static func modify(_ node: inout SourceNode, at path: ArraySlice<Int>, _ change: (inout SourceNode) -> Void) {
        guard let first = path.first else { return change(&node) }
        switch node.value {
        case .map(var entries):
            modify(&entries[first].value, at: path.dropFirst(), change)
            node.value = .map(entries)
        case .list(var items):
            modify(&items[first], at: path.dropFirst(), change)
            node.value = .list(items)
        case .scalar, .null: break
        }
    }

    static func scalar(_ text: String, plain: Bool = true) -> SourceNode.Value { .scalar(text, plain: plain) }

    /// One structured mutation of `tree`; `name` is the file's own name (for `extends` cycles).
    static func mutate(_ tree: inout SourceNode, ids: [String], name: String, random: inout Random) {
        var all: [[Int]] = []
        paths(tree, into: &all)
        let target = random.pick(all)
        switch random.below(10) {
        case 0: // drop a key
            modify(&tree, at: target[...]) { node in
                guard case .map(var entries) = node.value, !entries.isEmpty else { return }
                entries.remove(at: random.below(entries.count))
                node.value = .map(entries)
            }
        case 1, 2: // an extreme or non-finite number in place of a scalar
            let scalars = all.filter { path in
                var found = false
                modify(&tree, at: path[...]) { if case .scalar = $0.value { found = true } }
                return found
            }
            guard !scalars.isEmpty else { break }
            let value = random.pick(extremes)
            modify(&tree, at: random.pick(scalars)[...]) { $0.value = scalar(value) }
        case 3: // a value of the wrong type
            let values: [SourceNode.Value] = [.map([]), .list([]), scalar("text", plain: false), .null, scalar("true"),
                                              .list([SourceNode(value: scalar("1"), file: "", line: nil)]),
                                              .map([("a", SourceNode(value: scalar("1"), file: "", line: nil))])]
            let value = random.pick(values)
            modify(&tree, at: target[...]) { $0.value = value }
        case 4: // a duplicated list entry (and so a duplicate id)
            modify(&tree, at: target[...]) { node in
                guard case .list(var items) = node.value, !items.isEmpty else { return }
                items.insert(items[random.below(items.count)], at: random.below(items.count + 1))
                node.value = .list(items)
            }
        case 5, 6: // a dangling or swapped id
            let references = all.filter { path in
                var found = false
                modify(&tree, at: path[...]) { if case .scalar(let text, _) = $0.value, ids.contains(text) { found = true } }
                return found
            }
            guard !references.isEmpty, !ids.isEmpty else { break }
            let value = random.chance(50) ? "nope-\(random.below(10))" : random.pick(ids)
            modify(&tree, at: random.pick(references)[...]) { $0.value = scalar(value) }
        case 7: // extends: itself, a cycle, a device, a folder, a file that is no scenario, nothing
            let targets = [name, "cycle-a.json", "/dev/zero", "/dev/null", "/etc/passwd", "/tmp", ".", "missing.yaml",
                           "notes.txt", ""]
            let value = random.pick(targets)
            modify(&tree, at: []) { node in
                guard case .map(var entries) = node.value else { return }
                entries.removeAll { $0.key == "extends" }
                entries.insert(("extends", SourceNode(value: scalar(value), file: "", line: nil)), at: 0)
                node.value = .map(entries)
            }
        case 8: // nested far too deep
            modify(&tree, at: target[...]) { node in
                for _ in 0..<70 { node = SourceNode(value: .list([node]), file: "", line: nil) }
            }
        default: // many copies of a list's entries (growth)
            modify(&tree, at: target[...]) { node in
                guard case .list(let items) = node.value, !items.isEmpty, items.count < 100 else { return }
                node.value = .list(Array(repeating: items, count: 20).flatMap { $0 })
            }
        }
    }

    // MARK: Byte mutations

    static let tokens: [String] = ["*a", "&a ", "*a0 ", "!!str ", "!foo ", "!!map ", "!<tag:x> ", "\u{0}", "\u{FEFF}",
                                   "\t", ": ", "- ", "[", "{", "}", "]", "'", "\"", "\n", "%YAML 1.1\n", "---\n", "<<: *a\n",
                                   "? ", "|", ">", "#", "\r"]

    static func mutate(bytes: inout [UInt8], random: inout Random) {
        for _ in 0..<(1 + random.below(3)) {
            let position = random.below(bytes.count + 1)
            switch random.below(4) {
            case 0 where !bytes.isEmpty: bytes[min(position, bytes.count - 1)] ^= UInt8(1 << random.below(8))
            case 1: bytes.insert(contentsOf: Array(random.pick(tokens).utf8), at: position)
            case 2: bytes.insert(UInt8(random.below(256)), at: position)
            default: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(40)))
            }
        }
    }

    // MARK: Checking one case

    /// Loads `path` (and solves it while the budget lasts): whether it loaded, and what went wrong.
    static func check(_ path: String, solveBudget: inout Int) -> (loaded: Bool, failure: String?) {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            if error.diagnostics.isEmpty { return (false, "a ScenarioError without diagnostics") }
            for diagnostic in error.diagnostics {
                if diagnostic.message.isEmpty || diagnostic.file.isEmpty { return (false, "an incomplete diagnostic: \(diagnostic)") }
                if diagnostic.message.count > 2000 { return (false, "a diagnostic of \(diagnostic.message.count) characters") }
                if diagnostic.message.contains("root:x:0") || diagnostic.message.contains("hunter2") {
                    return (false, "a diagnostic that quotes a file that is no scenario: \(diagnostic)")
                }
            }
            return (false, nil)
        }
        guard solveBudget > 0 else { return (true, nil) }
        solveBudget -= 1
        return (true, FuzzTests.solveFailure(scenario, mode: .weighted))
    }

    final class Workspace {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-fuzz-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ data: Data) { FileManager.default.createFile(atPath: path + "/" + name, contents: data) }
    }

    /// Writes the bundled scenarios and the helper files the mutations point at into `workspace`.
    static func prepare(_ workspace: Workspace, _ files: [(name: String, text: String)]) {
        for file in files { workspace.write(file.name, Data(file.text.utf8)) }
        workspace.write("notes.txt", Data("password: hunter2\nnot: [a scenario\n".utf8))
        workspace.write("cycle-a.json", Data("{\"extends\": \"cycle-b.json\", \"name\": \"a\"}".utf8))
        workspace.write("cycle-b.json", Data("{\"extends\": \"cycle-a.json\", \"name\": \"b\"}".utf8))
    }

    @Test func structuredMutationsOfEveryBundledScenario() throws {
        let files = try Self.bundled()
        #expect(files.count == 8)
        let workspace = try Workspace()
        Self.prepare(workspace, files)
        let trees = try files.map { try SourceParser.parse($0.text, file: $0.name) }
        var random = Random(seed: Self.seed)
        var failures: [String] = []
        var loaded = 0, rejected = 0, solveBudget = 12
        for index in 0..<Self.cases {
            let chosen = random.below(files.count)
            var tree = trees[chosen]
            let ids = FuzzTests.ids(in: files[chosen].text)
            for _ in 0..<(1 + random.below(2)) {
                Self.mutate(&tree, ids: ids, name: files[chosen].name, random: &random)
            }
            // Written under the file's own name, so that the what-ifs that extend it read it too.
            workspace.write(files[chosen].name, Data(Self.json(tree).utf8))
            let loadedName = random.chance(70) ? files[chosen].name : random.pick(files).name
            let outcome = Self.check(workspace.path + "/" + loadedName, solveBudget: &solveBudget)
            if let failure = outcome.failure {
                failures.append("case \(index) (\(files[chosen].name), loading \(loadedName)): \(failure)")
            }
            if outcome.loaded { loaded += 1 } else { rejected += 1 }
            workspace.write(files[chosen].name, Data(files[chosen].text.utf8))
        }
        for failure in failures.prefix(5) { Issue.record(Comment(rawValue: failure)) }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.cases) structured mutations misbehaved")
        // Both outcomes must be common, or the test proves little.
        #expect(loaded > Self.cases / 10, "\(loaded) of \(Self.cases) mutated scenarios loaded")
        #expect(rejected > Self.cases / 3, "\(rejected) of \(Self.cases) mutated scenarios were rejected")
    }

    @Test func byteMutationsOfEveryBundledScenario() throws {
        let files = try Self.bundled()
        let workspace = try Workspace()
        Self.prepare(workspace, files)
        var random = Random(seed: Self.seed &+ 1)
        var failures: [String] = []
        var rejected = 0, solveBudget = 8
        for index in 0..<Self.cases {
            let chosen = random.below(files.count)
            var bytes = Array(files[chosen].text.utf8)
            Self.mutate(bytes: &bytes, random: &random)
            workspace.write(files[chosen].name, Data(bytes))
            let outcome = Self.check(workspace.path + "/" + files[chosen].name, solveBudget: &solveBudget)
            if let failure = outcome.failure { failures.append("case \(index) (\(files[chosen].name)): \(failure)") }
            if !outcome.loaded { rejected += 1 }
            workspace.write(files[chosen].name, Data(files[chosen].text.utf8))
        }
        for failure in failures.prefix(5) { Issue.record(Comment(rawValue: failure)) }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.cases) byte mutations misbehaved")
        #expect(rejected > Self.cases / 10, "too few byte mutations were rejected")
    }
}

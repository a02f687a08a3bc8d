import Foundation
import Testing

/// Keeps docs/ true: every command and option of the built binary, every JSON key the commands
/// write, every scenario key the decoder accepts is documented; no link leaves the repository; the
/// shipped JSON Schema is what `ivp schema` prints, accepts every bundled and generated scenario,
/// and rejects what the loader rejects.
@Suite struct DocsTests {
    static let docs = CLI.repository.appendingPathComponent("docs")

    static func read(_ path: String) throws -> String {
        try String(contentsOf: CLI.repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// `--long` option names in the OPTIONS section of a help text, without --help and --version.
    static func options(inHelp help: String) -> [String] {
        guard let start = help.range(of: "OPTIONS:") else { return [] }
        let section = help[start.upperBound...]
        let pattern = try! NSRegularExpression(pattern: #"(?m)^  (?:-[a-z], )?(--[a-z][a-z-]*)"#)
        let text = String(section)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }.filter { $0 != "--help" && $0 != "--version" }
    }

    /// Whether `text` has `option` as a whole word (`--to`, not the start of `--total`).
    static func mentions(_ text: String, _ option: String) -> Bool {
        text.range(of: NSRegularExpression.escapedPattern(for: option) + "(?![a-z-])", options: .regularExpression) != nil
    }

    @Test func everyCommandAndOptionIsInCLIDoc() throws {
        let cli = try Self.read("docs/cli.md")
        let overview = try CLI.run(["--help"]).stdout
        let commands = overview.components(separatedBy: "SUBCOMMANDS:").last!.split(separator: "\n")
            .compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = words.first,
                      word.allSatisfy({ $0.isLowercase }) else { return nil }
                return String(word)
            }
        #expect(commands == ["validate", "solve", "export", "sweep", "compare", "evaluate", "alternatives", "risk", "generate", "batch", "schema", "serve"])
        var missing: [String] = []
        for command in commands {
            if !cli.contains("### `ivp \(command)") { missing.append("heading for \(command)") }
            for option in Self.options(inHelp: try CLI.run([command, "--help"]).stdout) where !Self.mentions(cli, option) {
                missing.append("\(command) \(option)")
            }
        }
        #expect(Self.options(inHelp: try CLI.run(["solve", "--help"]).stdout)
                == ["--format", "--lang", "--municipality", "--mode", "--time-limit", "--mip-gap", "--method", "--threads",
                    "--csv-dialect", "--output", "--robust", "--samples", "--seed", "--risk-aversion", "--closest-to", "--no-headlines"])
        #expect(missing == [])
        for shell in ["bash", "zsh", "fish"] {
            #expect(cli.contains("--generate-completion-script \(shell)"))
            #expect(try CLI.run(["--generate-completion-script", shell]).status == 0)
        }
        for code in ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |", "| 64 |"] { #expect(cli.contains(code)) }
    }

    /// Every key of a JSON document, except the keys of maps keyed by ids (`names`, a sweep
    /// point's `coverage` and `hour_values`).
    static func keys(_ value: Any, parent: String = "", into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            if ["names", "coverage", "hour_values"].contains(parent) { return }
            for (key, member) in object {
                keys.insert(key)
                Self.keys(member, parent: key, into: &keys)
            }
        } else if let array = value as? [Any] {
            for element in array { Self.keys(element, parent: parent + "[]", into: &keys) }
        }
    }

    static func jsonKeys(_ text: String) throws -> Set<String> {
        let cleaned = text.replacingOccurrences(of: "<seconds>", with: "0")
        var result = Set<String>()
        keys(try JSONSerialization.jsonObject(with: Data(cleaned.utf8)), into: &result)
        return result
    }

    @Test func everyJSONKeyIsInJSONDoc() throws {
        let doc = try Self.read("docs/json.md")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("current.csv").path
        #expect(try CLI.run(["solve", "--format", "csv", "--output", csv]).status == 0)
        let base = "Scenarios/gooi-en-vechtstreek-2023.yaml"
        let outputs = [
            try String(contentsOf: CLI.golden.appendingPathComponent("gooi-en-vechtstreek.json"), encoding: .utf8),
            try CLI.run(["solve", "Scenarios/gooi-en-vechtstreek-keuze.yaml", "--mode", "select", "--format", "json"]).stdout,
            try CLI.run(["solve", "Scenarios/gooi-en-vechtstreek-overvraagd.yaml", "--format", "json"]).stdout,
            try CLI.run(["solve", "--mode", "lexicographic", "--format", "json"]).stdout,
            try CLI.run(["compare", base, "Scenarios/crisis-opvang.yaml", "--format", "json"]).stdout,
            try CLI.run(["sweep", base, "--vary", "reserve", "--values", "0,0.1,0.2", "--format", "json"]).stdout,
            try CLI.run(["evaluate", "Scenarios/gooi-zuid-capaciteit-min-10.yaml", "--allocation", csv, "--format", "json"]).stdout,
            try CLI.run(["alternatives", base, "--count", "1", "--format", "json"]).stdout,
            try CLI.run(["risk", "Scenarios/crisis-risico.yaml", "--samples", "10", "--format", "json"]).stdout,
            try CLI.run(["solve", "Scenarios/crisis-risico.yaml", "--robust", "--samples", "10", "--format", "json"]).stdout,
        ]
        var keys = Set<String>()
        for output in outputs { keys.formUnion(try Self.jsonKeys(output)) }
        // A few that must be there, so that an empty set cannot pass.
        #expect(keys.isSuperset(of: ["hour_value_range", "reserve_relief", "feasible_bound", "binding_only_in_base",
                                     "slope_before", "moves", "optimum_attainment", "best_alternative_value",
                                     "min_hours", "hours_shifted", "probability_held", "expected_shortfall_hours"]))
        #expect(keys.sorted().filter { !doc.contains("`\($0)`") && !doc.contains("`\($0)[]`") } == [])
    }

    /// The snake_case keys the decoder reads, from its source: every quoted lowercase word, less
    /// the few that are not keys (the kinds of id named in messages, the ends of the id alphabet).
    static func decoderKeys() throws -> Set<String> {
        let source = try read("Sources/CapacityAllocation/ScenarioDecoder.swift")
            + read("Sources/CapacityAllocation/UncertaintyDecoder.swift")
        let quoted = try NSRegularExpression(pattern: #""([a-z][a-z0-9_]*)""#)
        var keys = Set<String>()
        for match in quoted.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            keys.insert(String(source[Range(match.range(at: 1), in: source)!]))
        }
        keys.subtract(["a", "z", "pool", "theme", "municipality"])
        return keys.union(["national", "regional", "district", "base_team", "local", "extends", "remove"])
    }

    @Test func everyScenarioKeyIsInFormatDocAndSchema() throws {
        let doc = try Self.read("docs/scenario-format.md")
        let schema = try Self.read("docs/scenario.schema.json")
        let keys = try Self.decoderKeys()
        #expect(keys.isSuperset(of: ["hours_per_fte", "claimed_hours", "mutual_aid", "joint_efficiency", "min_effort",
                                     "max_per_municipality", "hours_per_1000_inhabitants", "by_municipality", "population"]))
        #expect(keys.sorted().filter { !doc.contains("`\($0)`") } == [])
        #expect(keys.sorted().filter { !schema.contains("\"\($0)\"") } == [])
    }

    @Test func noLinkLeavesTheRepository() throws {
        let fileManager = FileManager.default
        var files = ["README.md", "Scenarios/README.md"]
        files += try fileManager.contentsOfDirectory(atPath: Self.docs.path).filter { $0.hasSuffix(".md") }.map { "docs/\($0)" }
        #expect(files.contains("docs/whatif-tutorial.md"))
        let link = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        var broken: [String] = []
        for file in files.sorted() {
            let text = try Self.read(file)
            for forbidden in ["../shared", "seeds/", "DESIGN.md", "[seed "] where text.contains(forbidden) {
                broken.append("\(file): mentions \(forbidden)")
            }
            for match in link.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let target = String(text[Range(match.range(at: 1), in: text)!])
                if target.hasPrefix("https://") || target.hasPrefix("http://") || target.hasPrefix("#") { continue }
                let path = String(target.split(separator: "#", maxSplits: 1)[0])
                let directory = CLI.repository.appendingPathComponent(file).deletingLastPathComponent()
                let resolved = directory.appendingPathComponent(path).standardizedFileURL.path
                if !resolved.hasPrefix(CLI.repository.standardizedFileURL.path + "/") || !fileManager.fileExists(atPath: resolved) {
                    broken.append("\(file): \(target)")
                }
            }
        }
        #expect(broken == [])
        for scenario in try fileManager.contentsOfDirectory(atPath: CLI.repository.appendingPathComponent("Scenarios").path)
        where scenario.hasSuffix(".yaml") {
            let text = try Self.read("Scenarios/\(scenario)")
            #expect(text.hasPrefix("# yaml-language-server: $schema=../docs/scenario.schema.json\n"), "\(scenario)")
            #expect(!text.contains("seeds/") && !text.contains("[seed "), "\(scenario)")
        }
    }

    // MARK: The JSON Schema

    @Test func schemaCommandPrintsTheShippedSchemaFromAnyFolder() throws {
        let shipped = try Self.read("docs/scenario.schema.json")
        let printed = try CLI.run(["schema"], in: FileManager.default.temporaryDirectory)
        #expect(printed.status == 0)
        #expect(printed.stdout == shipped)
        let schema = try JSONSerialization.jsonObject(with: Data(shipped.utf8)) as? [String: Any]
        #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    /// Validates files with Python's jsonschema (an independent validator; YAML read by PyYAML).
    /// One line per file: "valid", or "invalid: " and the first error.
    static func pythonValidate(_ paths: [String]) throws -> [String] {
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            for path in sys.argv[2:]:
                with open(path) as f:
                    document = json.load(f) if path.endswith('.json') else yaml.safe_load(f)
                error = jsonschema.exceptions.best_match(validator.iter_errors(document))
                print('valid' if error is None else 'invalid: ' + error.message.replace('\\n', ' '))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.docs.appendingPathComponent("scenario.schema.json").path] + paths
        process.currentDirectoryURL = CLI.repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema and PyYAML (scripts/setup installs them): \(String(decoding: stderr, as: UTF8.self))")
        return String(decoding: stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func schemaAcceptsEveryBundledAndGeneratedScenario() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths = try FileManager.default.contentsOfDirectory(atPath: CLI.repository.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/\($0)" }
        #expect(paths.count == 8)
        for scale in ["district", "region"] {
            let path = folder.appendingPathComponent("\(scale).yaml").path
            #expect(try CLI.run(["generate", "--scale", scale, "--output", path]).status == 0)
            paths.append(path)
        }
        let real = folder.appendingPathComponent("real-nation.yaml").path
        #expect(try CLI.run(["generate", "--real", "nation", "--output", real]).status == 0)
        paths.append(real)
        let results = try Self.pythonValidate(paths)
        #expect(results == Array(repeating: "valid", count: paths.count), "\(zip(paths, results).filter { $0.1 != "valid" })")
    }

    static let validScenario = """
        name: test
        hours_per_fte: 1000
        base_teams: [{id: team}]
        municipalities: [{id: town, base_team: team, population: 1000}]
        pools: [{id: pool, at: team, kind: general, fte: 1}]
        themes: [{id: theme, level: local, adopted_by: [town], kinds: {general: 1}, need: {per_1000_inhabitants: 10}}]

        """

    /// Files with one mistake each, that the loader and the schema must both reject.
    static let invalidScenarios: [(String, String)] = [
        ("unknown key", validScenario + "colour: red\n"),
        ("reserve of 1", validScenario + "reserve: 1\n"),
        ("no name", validScenario.replacingOccurrences(of: "name: test\n", with: "")),
        ("remove without extends", validScenario + "remove: [theme]\n"),
        ("negative fte", validScenario.replacingOccurrences(of: "fte: 1}", with: "fte: -3}")),
        ("quoted number", validScenario.replacingOccurrences(of: "fte: 1}", with: "fte: \"12\"}")),
        ("availability above 1", validScenario.replacingOccurrences(of: "fte: 1}", with: "fte: 1, availability: 1.2}")),
        ("too small a number", validScenario.replacingOccurrences(of: "fte: 1}", with: "fte: 1e-12}")),
        ("pool without kind", validScenario.replacingOccurrences(of: "kind: general, ", with: "")),
        ("pool without hours_per_fte", validScenario.replacingOccurrences(of: "hours_per_fte: 1000\n", with: "")),
        ("mutual aid without efficiency", validScenario.replacingOccurrences(of: "fte: 1}", with: "fte: 1, mutual_aid: {max_share: 0.1}}")),
        ("id with capitals", validScenario.replacingOccurrences(of: "[{id: team}]", with: "[{id: Team}]")
            .replacingOccurrences(of: "base_team: team", with: "base_team: Team").replacingOccurrences(of: "at: team", with: "at: Team")),
        ("unknown level", validScenario.replacingOccurrences(of: "level: local", with: "level: city")),
        ("no kinds", validScenario.replacingOccurrences(of: "kinds: {general: 1}", with: "kinds: {}")),
        ("both needs", validScenario.replacingOccurrences(of: "{per_1000_inhabitants: 10}", with: "{per_1000_inhabitants: 10, by_municipality: {town: 5}}")),
        ("min_effort above 1", validScenario.replacingOccurrences(of: "level: local", with: "level: local, min_effort: 2")),
        ("return share above 1", validScenario + "returns: [{share: 1.5, value: 1}]\n"),
        ("neighbours of three", validScenario + "neighbours: [[town, town, town]]\n"),
        ("selection not whole", validScenario + "selection: {max_per_municipality: 2.5}\n"),
    ]

    @Test func schemaAndLoaderAgreeOnValidAndInvalidFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-invalid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, (_, text)) in ([("valid", Self.validScenario)] + Self.invalidScenarios).enumerated() {
            let path = folder.appendingPathComponent("case-\(index).yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let schema = try Self.pythonValidate(paths)
        #expect(schema.count == paths.count)
        #expect(schema.first == "valid")
        #expect(try CLI.run(["validate", paths[0]]).status == 0)
        for (index, (name, _)) in Self.invalidScenarios.enumerated() {
            let loader = try CLI.run(["validate", paths[index + 1]])
            #expect(loader.status == 2, "the loader accepts: \(name)")
            #expect(schema.count > index + 1 && schema[index + 1].hasPrefix("invalid: "), "the schema accepts: \(name)")
        }
    }

    /// A what-if is partial: the schema asks nothing of what the base gives, but still checks what it writes.
    @Test func schemaTakesPartialWhatIfs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-whatif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.yaml").path, bad = folder.appendingPathComponent("bad.yaml").path
        try "extends: base.yaml\npools: [{id: pool, fte: 2}]\nremove: [theme]\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "extends: base.yaml\npools: [{id: pool, fte: -2}]\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let results = try Self.pythonValidate([good, bad])
        #expect(results.first == "valid")
        #expect(results.last?.hasPrefix("invalid: ") == true)
    }
}

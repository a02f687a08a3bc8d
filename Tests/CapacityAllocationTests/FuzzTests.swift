import Foundation
import Testing
@testable import CapacityAllocation

/// Deterministic fuzzing of the loader: mutated scenarios must either load and solve, or be rejected
/// with a `ScenarioError` that says what is wrong. Never another error, never a crash.
@Suite struct FuzzTests {
    /// SplitMix64: small, fast and good enough to drive mutations; seeded so every run is the same.
    struct Random {
        private var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in 0..<bound (bound > 0).
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let bundledPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path

    /// Values a number may be replaced with.
    static let numberReplacements = [
        "-1", "0", "1e308", ".nan", ".inf", "-.inf", "abc", "\"12\"", "1e15", "123456789012",
        "1" + String(repeating: "0", count: 400), "-0.0", "1e-300", "[]", "{}", "~",
        // Valid values, so that many mutations still load and the solver sees odd but legal data.
        "0.5", "2", "999999999", "1e-9", "0.999", "1", "0", "0.1", "3", "10", "100", "5000", "1e6",
    ]

    /// Characters inserted at random places: YAML's structural characters, whitespace and oddities.
    static let insertions: [String] = [
        "\t", ":", ": ", "[", "]", "{", "}", ",", "-", "- ", "#", "&a", "*a", "!", "!!str ", "%", "@", "`", "|", ">",
        "\"", "'", "?", "\n", "\n  ", " ", "\u{1}", "\u{0}", "\u{7F}", "é", "\u{FEFF}", "\u{2028}", "🚓", "\r\n", "---\n",
        "...\n", "<<: ", "null", "true",
    ]

    /// The ids that appear in `text` (`id: something`), to swap one for another.
    static func ids(in text: String) -> [String] {
        var ids: [String] = []
        for line in text.split(separator: "\n") {
            var rest = Substring(line)
            while let range = rest.range(of: "id: ") {
                let tail = rest[range.upperBound...]
                let id = tail.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                if !id.isEmpty { ids.append(String(id)) }
                rest = tail
            }
        }
        return Array(Set(ids)).sorted()
    }

    /// The ranges of number-looking tokens on `line`.
    static func numberRanges(in line: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = line.startIndex
        var previous: Character = " "
        while index < line.endIndex {
            let character = line[index]
            if (character.isNumber || character == "-" || character == ".") && " {[:,".contains(previous) {
                var end = index
                while end < line.endIndex, line[end].isNumber || line[end] == "." || line[end] == "-" || line[end] == "e" {
                    end = line.index(after: end)
                }
                if line[index..<end].contains(where: \.isNumber) { ranges.append(index..<end) }
                previous = end < line.endIndex ? line[end] : " "
                index = end
                if index < line.endIndex { index = line.index(after: index) }
                continue
            }
            previous = character
            index = line.index(after: index)
        }
        return ranges
    }

    /// Applies one random mutation to `text`.
    static func mutate(_ text: String, ids: [String], random: inout Random) -> String {
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return text }
        let line = random.below(lines.count)
        switch random.below(9) {
        case 0: // delete a line
            lines.remove(at: line)
        case 1: // duplicate a line
            lines.insert(lines[line], at: line)
        case 2: // swap two lines
            lines.swapAt(line, random.below(lines.count))
        case 3, 4: // change a number (the most common mutation: numbers are what the rules check)
            let candidates = lines.indices.filter { !numberRanges(in: lines[$0]).isEmpty }
            guard let chosen = candidates.isEmpty ? nil : random.pick(candidates) else { break }
            let range = random.pick(numberRanges(in: lines[chosen]))
            lines[chosen].replaceSubrange(range, with: random.pick(numberReplacements))
        case 5: // truncate the file
            let characters = Array(text)
            return String(characters.prefix(random.below(characters.count + 1)))
        case 6: // insert random characters
            var characters = Array(lines[line])
            for _ in 0..<(1 + random.below(3)) {
                let insertion: String
                if random.chance(20) {
                    let scalar = Unicode.Scalar(UInt8(random.below(128)))
                    insertion = String(Character(scalar))
                } else {
                    insertion = random.pick(insertions)
                }
                characters.insert(contentsOf: insertion, at: random.below(characters.count + 1))
            }
            lines[line] = String(characters)
        case 7: // change the indentation
            if random.chance(50) {
                lines[line] = String(repeating: " ", count: 1 + random.below(4)) + lines[line]
            } else {
                lines[line] = String(lines[line].dropFirst(1 + random.below(4)))
            }
        default: // replace an id with another id
            guard ids.count > 1 else { break }
            let from = random.pick(ids)
            let to = random.pick(ids)
            let candidates = lines.indices.filter { lines[$0].contains(from) }
            guard let chosen = candidates.isEmpty ? nil : random.pick(candidates),
                  let range = lines[chosen].range(of: from) else { break }
            lines[chosen].replaceSubrange(range, with: to)
        }
        return lines.joined(separator: "\n")
    }

    /// A small scenario with every feature, so that mutations of it solve in no time.
    static let small = """
        name: Fuzz
        hours_per_fte: 1000
        reserve: 0.1
        level_weights: {district: 1.0, local: 0.9}
        returns:
          - {share: 0.6, value: 1}
          - {share: 0.4, value: 0.5}
        units:
          - {id: unit-a, name: Unit A}
        districts:
          - {id: district-a, name: District A, unit: unit-a}
        base_teams:
          - {id: team-a, name: Team A, district: district-a}
          - {id: team-b, name: Team B, district: district-a}
        municipalities:
          - {id: alpha, name: Alpha, base_team: team-a, population: 10000}
          - {id: beta, name: Beta, base_team: team-a, population: 5000}
          - {id: gamma, name: Gamma, base_team: team-b, population: 8000}
        neighbours: [[alpha, beta], [beta, gamma]]
        pools:
          - id: team-a-general
            name: Team A general
            at: team-a
            kind: general
            fte: 10
            availability: 0.9
            claimed_hours: 1000
            mutual_aid: {max_share: 0.1, efficiency: 0.8}
            limits:
              - {themes: [drugs], max_share: 0.5}
          - {id: team-b-general, at: team-b, kind: general, fte: 8}
          - {id: district-detectives, at: district-a, kind: investigation, fte: 4, reserve: 0.2}
          - {id: team-a-community, at: team-a, kind: community, fte: 3}
        presence:
          - {kind: community, hours_per_1000_inhabitants: 50}
        themes:
          - id: drugs
            name: Drugs
            level: district
            adopted_by: [district-a]
            kinds: {general: 1.0, investigation: 0.8}
            joint_efficiency: 1.1
            need: {per_1000_inhabitants: 100}
            severity: {alpha: 1.2}
            max_gap: 0.3
          - id: youth
            name: Youth
            level: local
            adopted_by: [alpha]
            kinds: {general: 0.8, community: 1.0}
            need: {by_municipality: {alpha: 500}}
            candidate: true
            min_effort: 0.2
          - id: emergency
            level: district
            adopted_by: [team-a, team-b]
            kinds: {general: 1}
            weight: 0.3
            core: true
            minimum: 0.5
            need: {per_1000_inhabitants: 200}
        selection: {max_per_municipality: 1}
        """

    /// Checks one mutated text: whether it loaded, and a description of what went wrong, if anything.
    static func check(_ text: String, solve: Bool, mode: SolveMode = .weighted) -> (loaded: Bool, failure: String?) {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(text: text, name: "fuzz.yaml")
        } catch {
            if error.diagnostics.isEmpty { return (false, "a ScenarioError without diagnostics") }
            if let empty = error.diagnostics.first(where: { $0.message.isEmpty }) {
                return (false, "a diagnostic without a message: \(empty)")
            }
            return (false, nil)
        }
        guard solve else { return (true, nil) }
        return (true, solveFailure(scenario, mode: mode))
    }

    static func solveFailure(_ scenario: Scenario, mode: SolveMode) -> String? {
        do {
            let result = try Allocator.solve(scenario, options: AllocationOptions(mode: mode))
            switch result.status {
            case .optimal:
                guard let objective = result.objective, objective.isFinite else {
                    return "optimal in \(mode) mode with objective \(String(describing: result.objective))"
                }
            case .infeasible, .unbounded, .timeLimit:
                break
            case .error:
                return "status error in \(mode) mode"
            }
        } catch {
            return "the scenario loaded but solving in \(mode) mode threw \(type(of: error)): \(error)"
        }
        return nil
    }

    @Test func unmutatedTextsLoadAndSolve() throws {
        let bundled = try String(contentsOfFile: Self.bundledPath, encoding: .utf8)
        for mode in SolveMode.allCases {
            #expect(Self.check(bundled, solve: true, mode: mode).failure == nil)
            #expect(Self.check(Self.small, solve: true, mode: mode).failure == nil)
        }
        _ = try ScenarioLoader.load(text: Self.small, name: "small.yaml")
        _ = try ScenarioLoader.load(text: bundled, name: "bundled.yaml")
    }

    @Test func mutatedScenariosLoadAndSolveOrAreRejectedWithDiagnostics() throws {
        let bundled = try String(contentsOfFile: Self.bundledPath, encoding: .utf8)
        let sources = [(text: bundled, ids: Self.ids(in: bundled)), (text: Self.small, ids: Self.ids(in: Self.small))]
        #expect(sources[0].ids.count > 30)
        #expect(sources[1].ids.count > 10)

        var random = Random(seed: 0x1F_2023_0001)
        var failures: [String] = []
        var loaded = 0
        var rejected = 0
        var solvedTexts = Set<String>()
        let cases = 3000
        // Solving the bundled scenario takes longer than loading it: solve a bounded number of them.
        var bundledSolveBudget = 200
        for index in 0..<cases {
            let source = random.chance(50) ? 0 : 1
            var text = sources[source].text
            // Often a single mutation, so that a good share of the texts still load and get solved.
            for _ in 0..<(random.chance(50) ? 1 : 2 + random.below(2)) {
                text = Self.mutate(text, ids: sources[source].ids, random: &random)
            }
            var solve = !solvedTexts.contains(text)
            if solve && source == 0 {
                solve = bundledSolveBudget > 0
                if solve { bundledSolveBudget -= 1 }
            }
            if solve { solvedTexts.insert(text) }
            // The small scenario is solved in every mode in turn; the bundled one in the default mode.
            let mode = source == 0 ? SolveMode.weighted : SolveMode.allCases[index % SolveMode.allCases.count]
            let outcome = Self.check(text, solve: solve, mode: mode)
            if let failure = outcome.failure {
                failures.append("case \(index): \(failure)\n--- text ---\n\(text)")
            }
            if outcome.loaded { loaded += 1 } else { rejected += 1 }
        }
        for failure in failures.prefix(5) { Issue.record(Comment(rawValue: failure)) }
        #expect(failures.isEmpty, "\(failures.count) of \(cases) mutated scenarios misbehaved")
        // The mutations must exercise both outcomes, or the test proves little.
        #expect(loaded > cases / 10)
        #expect(rejected > cases / 3)
    }

    @Test func rawBytesInAFileAreRejectedOrLoaded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bytes.yaml").path
        var random = Random(seed: 42)
        let original = Array(Self.small.utf8)
        for _ in 0..<200 {
            var bytes = original
            for _ in 0..<(1 + random.below(4)) {
                bytes.insert(UInt8(random.below(256)), at: random.below(bytes.count + 1))
            }
            #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
            do {
                let scenario = try ScenarioLoader.load(path: file)
                #expect(scenario.sources.count == 1)
            } catch {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { !$0.message.isEmpty && $0.file == file })
            }
        }
    }
}

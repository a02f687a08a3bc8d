import Foundation
import Testing
@testable import CapacityAllocation

/// Reproducers of issue 15 (hostile input) in the loader: each with the exact diagnostic.
@Suite struct HardeningTests {
    typealias Directory = ExtendsTests.Directory
    static let base = ValidationTests.base

    static func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        ValidationTests.problems(text, sourceLocation: sourceLocation)
    }

    static func problems(path: String, options: LoadOptions = LoadOptions(),
                         sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(path: path, options: options)
            Issue.record("expected the scenario to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Nine anchors, each a list of nine aliases of the one before: 9^9 nodes once expanded.
    static let aliasBomb = (["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        + (1...9).map { "a\($0): &a\($0) [\(Array(repeating: "*a\($0 - 1)", count: 9).joined(separator: ", "))]" })
        .joined(separator: "\n") + "\n"

    @Test func anAliasBombIsRefusedBeforeItExpands() {
        let start = Date()
        #expect(Self.problems(Self.aliasBomb) == [ValidationTests.diagnostic(
            1, "", "too many aliases (9 of &a0): YAML anchors and aliases are not supported; write the values out")])
        #expect(Date().timeIntervalSince(start) < 5)
    }

    /// Refused at the anchor's line, the first place the loader meets it.
    @Test func aSingleAliasIsRefusedAtItsLine() {
        let text = Self.base.replacingOccurrences(of: "reserve: 0.1", with: "reserve: &r 0.1\nother: *r")
        #expect(Self.problems(text) == [ValidationTests.diagnostic(3, "", "YAML anchors and aliases (&r) are not supported; write the value out")])
    }

    @Test func aStrTagMakesTextAsQuotesDo() {
        let text = Self.base.replacingOccurrences(of: "hours_per_fte: 1000", with: "hours_per_fte: !!str 1000")
        #expect(Self.problems(text) == [ValidationTests.diagnostic(2, "hours_per_fte", "expected a number, found the text \"1000\"")])
    }

    @Test func anUnknownTagIsAnErrorAtItsLine() {
        let text = Self.base.replacingOccurrences(of: "reserve: 0.1", with: "reserve: !foo 0.1")
        #expect(Self.problems(text) == [ValidationTests.diagnostic(3, "", "the YAML tag '!foo' is not supported here; write the value without it")])
        let onList = Self.base.replacingOccurrences(of: "adopted_by: [alpha]", with: "adopted_by: !!map [alpha]")
        #expect(Self.problems(onList) == [ValidationTests.diagnostic(33, "", "the YAML tag '!!map' is not supported here; write the value without it")])
    }

    @Test func standardScalarTagsChangeNothing() throws {
        let text = Self.base.replacingOccurrences(of: "hours_per_fte: 1000", with: "hours_per_fte: !!float 1000")
        let scenario = try ScenarioLoader.load(text: text, name: "t.yaml")
        #expect(scenario.pools[0].hoursPerFTE == 1000)
    }

    @Test func aLimitsMaxShareAboveOneIsRejected() {
        let text = Self.base.replacingOccurrences(of: "claimed_hours: 1000", with: "limits: [{themes: [drugs], max_share: 2}]")
        #expect(Self.problems(text) == [ValidationTests.diagnostic(21, "pools[0].limits[0].max_share", "2 is outside [0, 1]")])
    }

    @Test func specialFilesAreRefusedWithoutReadingThem() {
        #expect(Self.problems(path: "/dev/zero") == [Diagnostic(file: "/dev/zero", path: "", line: nil, message: "is a device, not a scenario file")])
        #expect(Self.problems(path: "/tmp") == [Diagnostic(file: "/tmp", path: "", line: nil, message: "is a folder, not a scenario file")])
    }

    // MARK: What-ifs

    @Test func duplicateIDsInOneWhatIfNameBothLines() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            pools:
              - {id: team-a-general, fte: .nan}
              - {id: team-a-general, fte: 10}
            """)
        #expect(Self.problems(path: whatIf) == [Diagnostic(file: whatIf, path: "pools[1].id", line: 4,
                                                          message: "duplicate id 'team-a-general' in this file (lines 3 and 4)")])
    }

    @Test func anErrorInAMergedEntryPointsAtTheWhatIf() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            themes:
              - id: youth
                need: {per_1000_inhabitants: 5}
            """)
        #expect(Self.problems(path: whatIf) == [Diagnostic(file: whatIf, path: "themes[1].need", line: 4,
                                                          message: "give either per_1000_inhabitants or by_municipality, not both")])
    }

    @Test func extendingAFileThatIsNoScenarioDoesNotQuoteIt() throws {
        let directory = try Directory()
        try directory.write("secrets.txt", "password: hunter2\nuser: root\n")
        for target in ["/etc/passwd", "secrets.txt"] {
            let whatIf = try directory.write("what-if.yaml", "extends: \(target)\nreserve: 0.2\n")
            let problems = Self.problems(path: whatIf)
            let shown = target.hasPrefix("/") ? target : directory.file(target)
            #expect(problems == [Diagnostic(file: whatIf, path: "extends", line: 1,
                                            message: "cannot extend '\(shown)': not a scenario (a YAML or JSON mapping with a `name`)")])
            #expect(!problems.description.contains("hunter2") && !problems.description.contains("root:"))
        }
    }

    @Test func allowedRootsConfineExtends() throws {
        let inside = try Directory(), outside = try Directory()
        let base = try outside.write("base.yaml", Self.base)
        let whatIf = try inside.write("what-if.yaml", "extends: \(base)\nreserve: 0.2\n")
        let confined = LoadOptions(allowedRoots: [inside.path])
        #expect(Self.problems(path: whatIf, options: confined) == [Diagnostic(
            file: whatIf, path: "extends", line: 1,
            message: "cannot extend '\(base)': it is outside the folders scenarios may be read from")])
        // A symbolic link inside that points outside is outside too.
        try FileManager.default.createSymbolicLink(atPath: inside.file("link.yaml"), withDestinationPath: base)
        let viaLink = try inside.write("via-link.yaml", "extends: link.yaml\nreserve: 0.2\n")
        #expect(Self.problems(path: viaLink, options: confined).map(\.message)
            == ["cannot extend '\(inside.file("link.yaml"))': it is outside the folders scenarios may be read from"])
        #expect(Self.problems(path: base, options: confined) == [Diagnostic(
            file: base, path: "", line: nil, message: "is outside the folders scenarios may be read from")])
        let both = try ScenarioLoader.load(path: whatIf, options: LoadOptions(allowedRoots: [inside.path, outside.path]))
        #expect(both.pools[0].reserve == 0.2)
        // Without roots, any file may be extended (the command line).
        #expect(try ScenarioLoader.load(path: whatIf).pools[0].reserve == 0.2)
    }
}

extension HardeningTests {
    @Test func anIdenticalLimitGivenTwiceIsRejected() {
        let text = Self.base.replacingOccurrences(
            of: "claimed_hours: 1000",
            with: "limits: [{themes: [drugs, youth], max_share: 0.5}, {themes: [youth, drugs], max_share: 0.5}, {themes: [drugs], max_share: 0.5}]")
        #expect(Self.problems(text) == [ValidationTests.diagnostic(21, "pools[0].limits[1]", "the same limit as pools[0].limits[0]; give it once")])
    }

    @Test func twoThousandIdenticalLimitsAreRejectedQuickly() {
        let limits = Array(repeating: "{themes: [drugs], max_share: 0.5}", count: 2000).joined(separator: ", ")
        let text = Self.base.replacingOccurrences(of: "claimed_hours: 1000", with: "limits: [\(limits)]")
        let start = Date()
        #expect(Self.problems(text).count == 1999)
        #expect(Date().timeIntervalSince(start) < 10)
    }
}

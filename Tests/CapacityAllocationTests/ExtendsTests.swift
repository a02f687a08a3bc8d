import Foundation
import Testing
@testable import CapacityAllocation

/// What-if scenarios (`extends`, `remove`; DESIGN.md section 3), written to a temporary directory.
@Suite struct ExtendsTests {
    /// A fresh directory for one test's files, removed when the test ends.
    final class Directory {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-extends-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Writes `text` to `name` in this directory and returns its path.
        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let file = path + "/" + name
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }

        /// The path of `name` in this directory, as the loader spells it.
        func file(_ name: String) -> String { path + "/" + name }
    }

    /// The base scenario of `ValidationTests`; its line numbers are listed there.
    static let base = ValidationTests.base

    static func load(_ path: String) throws -> Scenario { try ScenarioLoader.load(path: path) }

    /// The diagnostics of loading `path`; records an issue when it loads.
    static func problems(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("expected the scenario to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func baseLoadsFromAFile() throws {
        let directory = try Directory()
        let scenario = try Self.load(try directory.write("base.yaml", Self.base))
        #expect(scenario.pools.count == 1)
        #expect(scenario.sources.map(\.path) == [directory.file("base.yaml")])
    }

    @Test func scalarOverride() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            name: Klein, 20% reserve
            reserve: 0.2
            """)
        let scenario = try Self.load(whatIf)
        #expect(scenario.name == "Klein, 20% reserve")
        #expect(scenario.pools[0].reserve == 0.2)
        #expect(scenario.pools[0].fte == 10)
        #expect(scenario.themes.map(\.id) == ["drugs", "youth"])
    }

    @Test func listEntryMergesByIDFieldByField() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            pools:
              - {id: team-a-general, fte: 8}
            """)
        let scenario = try Self.load(whatIf)
        #expect(scenario.pools.count == 1)
        let pool = try #require(scenario.pools.first)
        #expect(pool.fte == 8)
        #expect(pool.name == "Team A general")
        #expect(pool.owner == "team-a")
        #expect(pool.kind == "general")
        #expect(pool.hoursPerFTE == 1000)
        #expect(pool.availability == 0.9)
        #expect(pool.claimedHours == 1000)
        #expect(pool.reserve == 0.1)
    }

    @Test func mapsMergeKeyByKey() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            level_weights: {local: 0.5, regional: 0.7}
            themes:
              - id: drugs
                severity: {beta: 0.8}
                kinds: {community: 0.5}
            """)
        let scenario = try Self.load(whatIf)
        #expect(scenario.levelWeights == [.district: 1.0, .local: 0.5, .regional: 0.7])
        let drugs = try #require(scenario.themes.first { $0.id == "drugs" })
        #expect(drugs.severity == ["alpha": 1.2, "beta": 0.8])
        #expect(drugs.kinds.map(\.kind) == ["general", "community"])
        #expect(drugs.kinds.map(\.efficiency) == [1.0, 0.5])
        #expect(drugs.need == .perThousandInhabitants(100))
        #expect(drugs.level == .district)
    }

    @Test func listWithoutIDsIsReplaced() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            themes:
              - id: drugs
                adopted_by: [alpha]
            """)
        let scenario = try Self.load(whatIf)
        #expect(scenario.themes.first { $0.id == "drugs" }?.adoptedBy == ["alpha"])
    }

    @Test func newIDIsAppended() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            pools:
              - {id: team-a-community, name: Team A community, at: team-a, kind: community, fte: 3}
            """)
        let scenario = try Self.load(whatIf)
        #expect(scenario.pools.map(\.id) == ["team-a-general", "team-a-community"])
        #expect(scenario.pools[1].fte == 3)
        #expect(scenario.pools[1].hoursPerFTE == 1000)
        #expect(scenario.pools[0].fte == 10)
    }

    @Test func removeDeletesAnEntry() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            remove: [youth]
            """)
        let scenario = try Self.load(whatIf)
        #expect(scenario.themes.map(\.id) == ["drugs"])
        #expect(scenario.pools.count == 1)
    }

    @Test func removingSomethingStillReferencedNamesTheFileThatRemovedIt() throws {
        let directory = try Directory()
        let base = try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            remove: [district-a]
            """)
        // district-a is referenced by base team team-a (line 10) and theme drugs (line 26) in the base.
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: base, path: "base_teams[0].district", line: 10,
                       message: "'district-a' was removed by \(whatIf) but is still referenced here"),
            Diagnostic(file: base, path: "themes[0].adopted_by[0]", line: 26,
                       message: "'district-a' was removed by \(whatIf) but is still referenced here"),
        ])
    }

    @Test func removingAMunicipalityStillUsedAsAKeyIsAnError() throws {
        let directory = try Directory()
        let base = try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            remove: [youth, alpha]
            """)
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: base, path: "themes[0].severity.alpha", line: 29,
                       message: "'alpha' was removed by \(whatIf) but is still referenced here"),
        ])
    }

    @Test func removingAnUnknownIDIsAnError() throws {
        let directory = try Directory()
        try directory.write("base.yaml", Self.base)
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            remove: [youth, gamma]
            """)
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: whatIf, path: "remove[1]", line: 2, message: "'gamma' is not an id in base.yaml"),
        ])
    }

    @Test func removeWithoutExtendsIsAnError() throws {
        let directory = try Directory()
        let file = try directory.write("alone.yaml", Self.base + "\nremove: [youth]\n")
        #expect(Self.problems(file) == [
            Diagnostic(file: file, path: "remove", line: 36, message: "`remove` is only allowed in a file that `extends` another"),
        ])
    }

    @Test func chainOfThreeFiles() throws {
        let directory = try Directory()
        let base = try directory.write("base.yaml", Self.base)
        let middle = try directory.write("middle.yaml", """
            extends: base.yaml
            reserve: 0.2
            pools:
              - {id: team-a-general, availability: 0.8}
            """)
        try FileManager.default.createDirectory(atPath: directory.file("what-ifs"), withIntermediateDirectories: true)
        let top = try directory.write("what-ifs/top.yaml", """
            extends: ../middle.yaml
            pools:
              - {id: team-a-general, fte: 12}
            remove: [youth]
            """)
        let scenario = try Self.load(top)
        let pool = try #require(scenario.pools.first)
        #expect(pool.fte == 12)
        #expect(pool.availability == 0.8)
        #expect(pool.reserve == 0.2)
        #expect(pool.claimedHours == 1000)
        #expect(scenario.themes.map(\.id) == ["drugs"])
        // The loader keeps the paths as `extends` spells them ("what-ifs/../middle.yaml").
        let standardized = scenario.sources.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
        #expect(standardized == [top, middle, base])
        #expect(scenario.sources.count == 3)
    }

    @Test func cycleIsAnError() throws {
        let directory = try Directory()
        let a = try directory.write("a.yaml", "extends: b.yaml\nreserve: 0.2\n")
        let b = try directory.write("b.yaml", "name: B\nextends: a.yaml\n")
        #expect(Self.problems(a) == [
            Diagnostic(file: b, path: "extends", line: 2,
                       message: "the files extend each other in a cycle: a.yaml -> b.yaml -> a.yaml"),
        ])
    }

    @Test func fileExtendingItselfIsAnError() throws {
        let directory = try Directory()
        let a = try directory.write("a.yaml", "extends: ./a.yaml\n")
        #expect(Self.problems(a) == [
            Diagnostic(file: a, path: "extends", line: 1, message: "the files extend each other in a cycle: a.yaml -> a.yaml"),
        ])
    }

    @Test func missingBaseFileIsAnError() throws {
        let directory = try Directory()
        let whatIf = try directory.write("what-if.yaml", "# a what-if\nextends: nothere.yaml\nreserve: 0.2\n")
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: whatIf, path: "extends", line: 2,
                       message: "cannot extend 'nothere.yaml': the file \(URL(fileURLWithPath: whatIf).deletingLastPathComponent().appendingPathComponent("nothere.yaml").standardizedFileURL.path) does not exist"),
        ])
    }

    @Test func missingScenarioFileIsAnError() throws {
        let directory = try Directory()
        let path = directory.file("absent.yaml")
        #expect(Self.problems(path) == [Diagnostic(file: path, path: "", line: nil, message: "the file does not exist")])
    }

    @Test func extendsMustBeAPath() throws {
        let directory = try Directory()
        let whatIf = try directory.write("what-if.yaml", "extends: [base.yaml]\n")
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: whatIf, path: "extends", line: 1,
                       message: "expected the path of the scenario to extend, found a list"),
        ])
    }

    @Test func errorsNameTheFileAndLineTheyComeFrom() throws {
        let directory = try Directory()
        let base = try directory.write("base.yaml", ValidationTests.replacing(19, with: "    fte: -10"))
        let whatIf = try directory.write("what-if.yaml", """
            extends: base.yaml
            reserve: 2
            themes:
              - {id: youth, level: county}
            """)
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: whatIf, path: "reserve", line: 2, message: "2 is outside [0, 1)"),
            Diagnostic(file: base, path: "pools[0].fte", line: 19, message: "-10 is negative"),
            Diagnostic(file: whatIf, path: "themes[1].level", line: 4,
                       message: "unknown level 'county' (expected national, regional, district, base_team or local)"),
        ])
    }

    @Test func syntaxErrorInTheBaseNamesTheBase() throws {
        let directory = try Directory()
        let base = try directory.write("base.yaml", ValidationTests.replacing(19, with: "    fte: 10: 3"))
        let whatIf = try directory.write("what-if.yaml", "extends: base.yaml\nreserve: 0.2\n")
        #expect(Self.problems(whatIf) == [
            Diagnostic(file: base, path: "", line: 19, message: "not valid YAML: mapping values are not allowed in this context"),
        ])
    }

    @Test func manifestListsEveryFileReadWithItsSHA256() throws {
        let directory = try Directory()
        let base = try directory.write("base.yaml", Self.base)
        let middle = try directory.write("middle.yaml", "extends: base.yaml\nreserve: 0.2\n")
        let top = try directory.write("top.yaml", "extends: middle.yaml\nname: Top\n")
        let scenario = try Self.load(top)
        #expect(scenario.sources.map(\.path) == [top, middle, base])
        for source in scenario.sources {
            #expect(source.sha256.count == 64)
            #expect(source.sha256.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(scenario.sources.map(\.sha256)).count == 3)

        // The hash must be the one `sha256sum` computes for the same bytes.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", base]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sha256sum is not available")
        let expected = String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(scenario.sources[2].sha256 == expected)
    }
}

import Foundation
import Testing

/// `ivp evaluate` through the built binary: the bundled scenario's optimum read back, a worse
/// allocation with its violations and moves, the formats, and the exit codes.
@Suite struct EvaluateCLITests {
    static let bundled = "Scenarios/gooi-en-vechtstreek-2023.yaml"

    /// A fresh folder, removed by the caller.
    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-evaluate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The optimum of `ivp solve --format csv`, as a file.
    static func optimumCSV(in directory: URL) throws -> (path: String, text: String) {
        let solved = try CLI.run(["solve", bundled, "--format", "csv"])
        #expect(solved.status == 0)
        let path = directory.appendingPathComponent("optimum.csv").path
        try solved.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, solved.stdout)
    }

    @Test func theOptimumReadBackHasNoGap() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (path, _) = try Self.optimumCSV(in: directory)
        let output = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--format", "json"])
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        let json = try Self.json(output.stdout)
        for key in ["scenario", "allocation", "mode", "feasible", "violations", "objective", "ideal", "attainment", "optimum",
                    "optimum_status", "gap", "relative_gap", "moves", "pools", "municipalities", "manifest"] {
            #expect(json.keys.contains(key), "missing key \(key)")
        }
        #expect(json["feasible"] as? Bool == true)
        #expect((json["violations"] as? [Any])?.isEmpty == true)
        #expect((json["moves"] as? [Any])?.isEmpty == true)
        #expect(json["gap"] as? Double == 0)
        #expect(json["relative_gap"] as? Double == 0)
        let objective = try #require(json["objective"] as? Double)
        #expect(abs(objective - 145_061.458977842) < 1e-6 * objective)
        let manifest = try #require(json["manifest"] as? [String: Any])
        #expect((manifest["input_sha256"] as? [String])?.count == 2)
        // The Markdown says so, in Dutch by default.
        let report = try CLI.run(["evaluate", Self.bundled, "--allocation", path])
        #expect(report.status == 0)
        #expect(report.stdout.contains("- **Beloften:** de verdeling houdt zich aan elke beperking van het scenario."))
        #expect(report.stdout.contains("; de verdeling is optimaal."))
        #expect(report.stdout.contains("De verdeling is optimaal: geen verplaatsing levert iets op."))
    }

    /// The optimum with three changes in Basisteam Gooi Zuid: 3,000 h more on street drug dealing in
    /// Hilversum, 2,000 h fewer on burglary there (which the optimum keeps exactly at its minimum) and
    /// none on safe nightlife there (minimum 1,500 h, also kept exactly). So 2 minimums are broken,
    /// by 2,000 and 1,500 h, and 500 of the pool's hours are left unused. The moves take the pool
    /// back to the optimum and their gains add up to the gap.
    @Test func aWorseAllocation() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, optimum) = try Self.optimumCSV(in: directory)
        var lines: [String] = []
        for line in optimum.split(separator: "\n") {
            var fields = line.split(separator: ",").map(String.init)
            if fields[0] == "gooi-zuid-basis" && fields[2] == "hilversum", let hours = Double(fields[3]) {
                switch fields[1] {
                case "drugshandel-op-straat": fields[3] = "\(hours + 3000)"
                case "woninginbraak": fields[3] = "\(hours - 2000)"
                case "veilig-uitgaan": fields[3] = "0"
                default: break
                }
            }
            lines.append(fields.joined(separator: ","))
        }
        let path = directory.appendingPathComponent("current.csv").path
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)

        let output = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--format", "json"])
        #expect(output.status == 0, "broken constraints are a result, not a failure")
        let json = try Self.json(output.stdout)
        #expect(json["feasible"] as? Bool == false)
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.map { $0["constraint"] as? String } == ["minimum", "minimum"])
        #expect(violations.map { $0["entities"] as? [String] } == [["woninginbraak", "hilversum"], ["veilig-uitgaan", "hilversum"]])
        let hours = violations.compactMap { $0["hours"] as? Double }
        #expect(hours.count == 2 && abs(hours[0] - 2000) < 1e-3 && abs(hours[1] - 1500) < 1e-3)
        let gap = try #require(json["gap"] as? Double)
        #expect(gap > 0)
        let moves = try #require(json["moves"] as? [[String: Any]])
        #expect(!moves.isEmpty && moves.count <= 5)
        #expect(moves.allSatisfy { $0["pool"] as? String == "gooi-zuid-basis" && ($0["gain"] as? Double ?? 0) > 0 })
        let gains = moves.compactMap { $0["gain"] as? Double }.reduce(0, +)
        #expect(abs(gains - gap) < 1e-6 * gap)
        // The first move puts the 500 unused hours on burglary in Hilversum: 0.30 value an hour.
        let first = try #require(moves.first)
        #expect(first["from"] is NSNull)
        #expect((first["to"] as? [String: String]) == ["theme": "woninginbraak", "municipality": "hilversum"])

        let english = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout.contains("- **Promises:** the allocation breaks 2 constraints (see below)."))
        #expect(english.stdout.contains("- Woninginbraak in Hilversum gets 833 effective hours, 2,000 short of its minimum of 2,833 hours."))
        #expect(english.stdout.contains("1. Put 500 unused hours of Basisteam Gooi Zuid, basispolitiezorg on Woninginbraak in Hilversum: +150 value."))
        #expect(english.stdout.contains("Move 1,500 hours of Basisteam Gooi Zuid, basispolitiezorg from Drugshandel op straat (Hilversum) in Hilversum to"))

        let csv = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "pool,from_theme,from_municipality,to_theme,to_municipality,hours,gain")
        #expect(rows.count == moves.count + 1)
        let firstRow = rows.dropFirst().first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(firstRow.prefix(5) == ["gooi-zuid-basis", "", "", "woninginbraak", "hilversum"])
        #expect(abs((firstRow.count > 5 ? Double(firstRow[5]) : nil).map { $0 - 500 } ?? .nan) < 1e-6)
    }

    @Test func theReportGoesToTheOutputFile() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (path, _) = try Self.optimumCSV(in: directory)
        let target = directory.appendingPathComponent("evaluation.md").path
        let output = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--output", target])
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("# Beoordeling van een bestaande verdeling: IVP Gooi en Vechtstreek 2023-2026\n"))
    }

    @Test func aBadCSVIsInvalidInputWithEveryLine() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.csv").path
        try """
            pool,theme,municipality,hours,effective_hours
            gooi-zuid-basis,noodhulp,hilversum,100,100
            gooi-zuid-basis,noodhulp,hilversum,200,200
            onbekend,noodhulp,hilversum,1,1
            hilversum-boa,ondermijning,blaricum,1,1
            gooi-zuid-basis,noodhulp,wijdemeren,12.5.1,0

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let output = try CLI.run(["evaluate", Self.bundled, "--allocation", path])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == """
            \(path):3: duplicate of line 2 (pool 'gooi-zuid-basis', theme 'noodhulp', municipality 'hilversum')
            \(path):4: pool: unknown pool 'onbekend'
            \(path):5: pool: pool 'hilversum-boa' does not serve municipality 'blaricum'
            \(path):6: hours: '12.5.1' is not a number

            """)
        let missing = try CLI.run(["evaluate", Self.bundled, "--allocation", "does-not-exist.csv"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "does-not-exist.csv: the file does not exist\n")
        let badScenario = try CLI.run(["evaluate", "does-not-exist.yaml", "--allocation", path])
        #expect(badScenario.status == 2)
        #expect(badScenario.stderr == "does-not-exist.yaml: the file does not exist\n")
        let usage = try CLI.run(["evaluate", Self.bundled])
        #expect(usage.status == 64)
    }
}

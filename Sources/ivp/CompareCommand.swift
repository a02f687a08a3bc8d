import ArgumentParser
import CapacityAllocation
import Reporting

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solves a base scenario and its what-ifs and reports side by side what changes and why.")

    @Argument(help: "The base scenario, then one or more scenarios to compare with it (typically what-ifs that extend it).")
    var files: [String]

    @Option(help: "Report format: markdown, json, csv or html.")
    var format: ReportFormat = .markdown

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var stable: StableOption
    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("give a base scenario and at least one to compare with it") }
    }

    func run() throws {
        try Run.guarded {
            // Load everything first, so every invalid file is reported before anything is solved.
            var scenarios: [(String, Scenario)] = []
            var problems: [Diagnostic] = []
            for file in files {
                do throws(ScenarioError) { scenarios.append((file, try ScenarioLoader.load(path: file))) } catch {
                    // A what-if repeats the errors of the base it extends: each is listed once.
                    problems += error.diagnostics.filter { !problems.contains($0) }
                }
            }
            if !problems.isEmpty { throw ScenarioError(problems) }
            let comparison = try Comparison.compare(base: scenarios[0], others: Array(scenarios.dropFirst()),
                                                    options: solve.allocationOptions, stable: stable.stable)
            try output.write(try Report.render(comparison, as: format, language: lang, csv: csv.csvDialect))
            return 0
        }
    }
}

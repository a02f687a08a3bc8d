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

    @Option(help: "Print only this municipality's page of the difference (markdown or html): its hours per theme before and after, and its promises that change.")
    var municipality: String?

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var stable: StableOption
    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("give a base scenario and at least one to compare with it") }
        if municipality != nil && (format == .csv || format == .json) {
            throw ValidationError("--municipality prints a page in markdown or html, not \(format.rawValue)")
        }
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
            if let municipality {
                try output.write(try municipalityPage(municipality, scenarios))
                return 0
            }
            let comparison = try Comparison.compare(base: scenarios[0], others: Array(scenarios.dropFirst()),
                                                    options: solve.allocationOptions, stable: stable.stable)
            // Each what-if's change in hours per municipality, on the map of its own and its base's codes.
            let maps = format != .html ? [] : comparison.differences.enumerated().map { index, difference in
                MunicipalityMap.hoursChange(difference, scenarios: [scenarios[index + 1].1, scenarios[0].1], names: comparison.names)
            }
            try output.write(try Report.render(comparison, as: format, language: lang, csv: csv.csvDialect, maps: maps))
            return 0
        }
    }

    /// One municipality's page of the difference (`--municipality ID`); it must be a
    /// municipality of the base.
    private func municipalityPage(_ id: String, _ scenarios: [(String, Scenario)]) throws -> String {
        let base = scenarios[0].1
        guard base.node(id)?.kind == .municipality else {
            let known = base.municipalities.prefix(12).map(\.id).joined(separator: ", ")
            throw CommandFailure(message: "--municipality: '\(id)' is not a municipality of \(files[0]) (\(known)\(base.municipalities.count > 12 ? ", …" : ""))",
                                 code: ExitStatus.invalidInput)
        }
        let comparison = try MunicipalityComparison.compare(municipality: id, base: scenarios[0], others: Array(scenarios.dropFirst()),
                                                            options: solve.allocationOptions, stable: stable.stable)
        return format == .html ? MunicipalityReport.compareHTML(comparison, language: lang)
                               : MunicipalityReport.compareMarkdown(comparison, language: lang)
    }
}

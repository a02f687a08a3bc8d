import ArgumentParser
import CapacityAllocation
import Foundation
import Reporting

struct AlternativesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alternatives",
        abstract: "Shows the room around the optimum: hours per municipality and theme within a share of it, and different allocations that keep it.")

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(help: ArgumentHelp("How far the mode's objective may fall below its optimum, as a share (0.01 is 1%).", valueName: "share"))
    var within: Double = Alternatives.defaultShare

    @Option(help: ArgumentHelp("How many alternative allocations to look for (0 to 20).", valueName: "k"))
    var count: Int = Alternatives.defaultCount

    @Option(help: "Report format: markdown, json, csv or html.")
    var format: ReportFormat = .markdown

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard within.isFinite, within > 0, within < 1 else {
            throw ValidationError("--within must be a share between 0 and 1 (exclusive), e.g. 0.01 for 1%")
        }
        guard (0...20).contains(count) else { throw ValidationError("--count must be between 0 and 20") }
    }

    func run() throws {
        try Run.guarded {
            let scenario = try ScenarioLoader.load(path: file)
            Run.printWarnings(scenario)
            var options = solve.allocationOptions
            options.headlines = false
            let start = Date()
            let model = try SolvedModel(scenario, options: options)
            let solveSeconds = Date().timeIntervalSince(start)
            guard model.status == .optimal else {
                // No optimum, no room around it: the solve's report says why (an infeasible
                // scenario's diagnosis), with solve's exit code.
                let result = try model.result()
                Run.printError("ivp: the scenario has no optimum (\(result.status.rawValue)); the report says why")
                try output.write(try Report.render(result, as: format, language: lang, csv: csv.csvDialect))
                return Run.exitCode(for: result.status)
            }
            let result = try Alternatives.explore(model, within: within, count: count, solveSeconds: solveSeconds)
            try output.write(try Report.render(result, as: format, language: lang, csv: csv.csvDialect))
            return 0
        }
    }
}

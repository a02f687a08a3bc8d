import ArgumentParser
import CapacityAllocation
import Reporting

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Checks an existing allocation against a scenario: broken promises, value, gap to the optimum and the moves that gain most.",
        discussion: """
            The allocation is a CSV in the format `ivp solve --format csv` writes: \
            pool,theme,municipality,hours[,effective_hours] (effective_hours is recomputed). \
            Exit code 0 when the allocation was evaluated, also when it breaks constraints (that is the \
            result); 2 for a bad CSV or scenario. --format csv writes one row per move.
            """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(help: "The allocation to evaluate (CSV: pool,theme,municipality,hours[,effective_hours]).")
    var allocation: String

    @Option(help: "Report format: markdown, json, csv (the moves) or html.")
    var format: ReportFormat = .markdown

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Run.guarded {
            let scenario = try ScenarioLoader.load(path: file)
            Run.printWarnings(scenario)
            let result = try Evaluator.evaluate(scenario, allocationPath: allocation, options: solve.allocationOptions)
            let map = format == .html ? MunicipalityMap.evaluation(result, scenario) : nil
            try output.write(try Report.render(result, as: format, language: lang, csv: csv.csvDialect, map: map))
            // Broken constraints are a result, not a failure.
            return 0
        }
    }
}

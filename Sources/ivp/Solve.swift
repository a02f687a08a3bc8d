import ArgumentParser
import CapacityAllocation
import LinearProgramming
import Reporting

struct SolveOptionsGroup: ParsableArguments {
    @Option(help: "How to weigh themes: weighted, lexicographic, maxmin or select.")
    var mode: SolveMode = .weighted

    @Option(help: "Stop after this many seconds and report the best solution found (exit code 4).")
    var timeLimit: Double?

    @Option(help: "Relative gap at which select mode's branch-and-cut stops.")
    var mipGap: Double = 1e-9

    @Option(help: "LP method: automatic, primal, dual or interior.")
    var method: SolverMethod = .automatic

    @Option(help: ArgumentHelp("Threads for the independent parts of a model (default: one per core; batch: 1 per job).",
                               valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        if !(mipGap.isFinite && mipGap >= 0 && mipGap < 1) { throw ValidationError("--mip-gap must be at least 0 and below 1") }
        if method == .branchAndCut { throw ValidationError("--method branch-and-cut is chosen by --mode select") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

    var allocationOptions: AllocationOptions {
        AllocationOptions(mode: mode, method: method, timeLimit: timeLimit, mipGap: mipGap, threads: threads)
    }
}

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Finds the best allocation for a scenario and writes a report that explains it.")

    @Argument(help: "Scenario file (YAML or JSON); the bundled Gooi en Vechtstreek scenario when omitted.")
    var file: String?

    @Option(help: "Report format: markdown, json, csv or html.")
    var format: ReportFormat = .markdown

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Run.guarded {
            let path = try file ?? Run.bundledScenario()
            let scenario = try ScenarioLoader.load(path: path)
            let result = try Allocator.solve(scenario, options: solve.allocationOptions)
            let text: String
            switch format {
            case .markdown: text = MarkdownReport.render(result, language: lang)
            case .json: text = try JSONReport.render(result)
            case .csv: text = CSVReport.render(result)
            case .html: text = HTMLReport.render(result, language: lang)
            }
            try output.write(text)
            return Run.exitCode(for: result.status)
        }
    }
}

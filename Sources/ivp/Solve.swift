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

    @Option(help: ArgumentHelp("Print only this municipality's page (its id in the scenario); markdown, html or json.",
                               valueName: "id"))
    var municipality: String?

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var robust: RobustOptionsGroup

    @Option(help: ArgumentHelp("Of the optimal allocations, show the one closest to this allocation (CSV as --format csv writes it: this year's plan, last year's).",
                               valueName: "current.csv"))
    var closestTo: String?

    @Flag(name: .customLong("no-headlines"),
          help: "Leave out the headline figures, each a re-solve (one more FTE per pool, the 10% cut, the breaking cut): the allocation, its explanations and marginal values only.")
    var noHeadlines = false

    func validate() throws {
        if municipality != nil && format == .csv {
            throw ValidationError("--municipality prints a page in markdown, html or json, not csv")
        }
        if robust.robust { try robust.validate(with: self) }
    }

    func run() throws {
        try Run.guarded {
            let path = try file ?? Run.bundledScenario()
            let scenario = try ScenarioLoader.load(path: path)
            Run.printWarnings(scenario)
            if robust.robust { return try robust.solve(scenario, path: path, format: format, language: lang, output: output) }
            if let municipality, scenario.node(municipality)?.kind != .municipality {
                let known = scenario.municipalities.prefix(12).map(\.id).joined(separator: ", ")
                throw CommandFailure(message: "--municipality: '\(municipality)' is not a municipality of the scenario (\(known)\(scenario.municipalities.count > 12 ? ", …" : ""))",
                                     code: ExitStatus.invalidInput)
            }
            let formulation = Formulation(scenario)
            var reference: AllocationReference?
            var csvInput: Manifest.Input?
            if let closestTo {
                // Read before solving: a bad CSV is an input error found at once.
                let (hours, sha256) = try AllocationCSV.read(path: closestTo, formulation: formulation)
                reference = AllocationReference(label: closestTo, kind: .allocation, lines: formulation.allocationLines(hours))
                csvInput = Manifest.Input(path: closestTo, sha256: sha256)
            }
            var options = solve.allocationOptions
            options.headlines = !noHeadlines
            let model = try SolvedModel(formulation, options: options)
            // A JSON report's long lists are written while the ranges are read.
            let prepared = format == .json && municipality == nil ? JSONReport.PreparedLists() : nil
            var result = try model.result(headlines: options.headlines, closestTo: reference, alongside: prepared.map { $0.prepare })
            if let csvInput { result.manifest.inputs.append(csvInput) }
            // The pages are read by the Markdown and HTML reports and by --municipality; JSON and CSV have none.
            let pages = format == .markdown || format == .html || municipality != nil ? MunicipalityPage.pages(result, scenario) : []
            let map = format == .html ? MunicipalityMap.attainment(result, scenario) : nil
            if let municipality {
                if let page = pages.first(where: { $0.id == municipality }) {
                    try output.write(try Report.render(page, of: result, as: format, language: lang, map: map))
                } else {
                    // No allocation (infeasible): the whole report says why (validate() keeps out csv).
                    try output.write(try Report.render(result, as: format, language: lang))
                }
                return Run.exitCode(for: result.status)
            }
            try output.write(try Report.render(result, as: format, language: lang, csv: csv.csvDialect, pages: pages, map: map,
                                               maps: format == .html ? MunicipalityMap.solveMaps(result, scenario) : [],
                                               prepared: prepared))
            Run.keepUntilExit(model, formulation, scenario, result, pages)
            return Run.exitCode(for: result.status)
        }
    }
}

import ArgumentParser
import CapacityAllocation
import Foundation
import Reporting

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solves a scenario for a range of values of one number: a trade-off curve.",
        discussion: """
            KEY addresses one number by ids: reserve, hours_per_fte, level_weights.local, pools.ID.fte \
            (also hours_per_fte, availability, claimed_hours, reserve, mutual_aid.max_share, \
            mutual_aid.efficiency), themes.ID.weight (also minimum, max_gap, joint_efficiency, min_effort, \
            severity.MUNICIPALITY), municipalities.ID.population, presence.KIND.hours_per_1000_inhabitants, \
            selection.max_per_municipality.
            """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(help: "The number to vary (see below).")
    var vary: String

    @Option(help: "Comma-separated values, e.g. 0,0.05,0.1.")
    var values: String?

    @Option(help: "First value of an even range.")
    var from: Double?

    @Option(help: "Last value of an even range.")
    var to: Double?

    @Option(help: "Number of points of the range, both ends included.")
    var steps: Int?

    @Flag(help: "Solve every point from scratch instead of from the previous optimal basis.")
    var cold = false

    @Option(help: "Report format: markdown, json, csv or html.")
    var format: ReportFormat = .markdown

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var stable: StableOption
    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        switch (values, from, to, steps) {
        case (let values?, nil, nil, nil):
            if values.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw ValidationError("--values must list at least one number, e.g. 0,0.05,0.1")
            }
        case (nil, let from?, let to?, let steps?):
            guard steps >= 2, steps <= 100_000 else { throw ValidationError("--steps must be between 2 and 100000") }
            // A range runs upwards; for other orders, list the points with --values.
            if from.isFinite && to.isFinite && from >= to {
                throw ValidationError("--from must be below --to (for values in another order, give --values)")
            }
        default:
            throw ValidationError("give either --values a,b,c or --from X --to Y --steps N")
        }
    }

    /// The values of the parameter, in the order given.
    func parameterValues() throws -> [Double] {
        if let values {
            return try values.split(separator: ",").map { part in
                let text = part.trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw CommandFailure(message: "--values: '\(text)' is not a finite number", code: ExitStatus.invalidInput)
                }
                return value
            }
        }
        guard let from, let to, let steps, from.isFinite, to.isFinite else {
            throw CommandFailure(message: "--from and --to must be finite numbers", code: ExitStatus.invalidInput)
        }
        return (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
    }

    func run() throws {
        try Run.guarded {
            let scenario = try ScenarioLoader.load(path: file)
            Run.printWarnings(scenario)
            let parameter: ScenarioParameter
            do throws(ParameterError) { parameter = try ScenarioParameter(vary, in: scenario) } catch {
                throw CommandFailure(message: error.description, code: ExitStatus.invalidInput)
            }
            let sweep: SweepResult
            do {
                sweep = try Sweep.run(scenario, parameter: parameter, values: try parameterValues(),
                                      options: solve.allocationOptions, warmStart: !cold, stable: stable.stable)
            } catch let error as ParameterError {
                throw CommandFailure(message: error.description, code: ExitStatus.invalidInput)
            }
            let map = format == .html ? MunicipalityMap.sweepChange(sweep, scenario) : nil
            try output.write(try Report.render(sweep, as: format, language: lang, csv: csv.csvDialect, map: map))
            // Infeasible points are results, not failures: the sweep went on.
            return 0
        }
    }
}

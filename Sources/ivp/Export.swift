import ArgumentParser
import CapacityAllocation
import LinearProgramming

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes the exact model of a scenario as CPLEX LP or free MPS, for glpsol or any other solver.")

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(help: "Model format: lp or mps.")
    var format: ExportFormat

    @OptionGroup var output: OutputOptions
    @OptionGroup var robust: RobustOptionsGroup

    func run() throws {
        try Run.guarded {
            let scenario = try ScenarioLoader.load(path: file)
            Run.printWarnings(scenario)
            if robust.robust { return try robust.export(scenario, path: file, format: format, output: output) }
            let formulation = Formulation(scenario)
            try output.write(try GLPK.export(formulation.program, format: format))
            return 0
        }
    }
}

import ArgumentParser
import CapacityAllocation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks scenario files and prints every problem found, with file, line and path.")

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    func run() throws {
        try Run.guarded {
            var failed = false
            for file in files {
                do {
                    let scenario = try ScenarioLoader.load(path: file)
                    Run.printWarnings(scenario)
                    try StandardStreams.writeOutput("\(file): valid (\(scenario.municipalities.count) municipalities, \(scenario.pools.count) pools, \(scenario.themes.count) themes)\n")
                } catch let error as ScenarioError {
                    Run.printError(error.description)
                    failed = true
                }
            }
            return failed ? ExitStatus.invalidInput : 0
        }
    }
}

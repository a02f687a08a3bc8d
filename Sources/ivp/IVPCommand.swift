import ArgumentParser
import CapacityAllocation
import Foundation
import LinearProgramming
import Reporting

@main
struct IVPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ivp",
        abstract: "Allocates scarce police capacity over the safety priorities of Dutch municipalities (IVP).",
        discussion: """
            Exit codes: 0 done; 1 internal failure; 2 invalid input; 3 infeasible scenario; \
            4 time limit reached before optimality.
            """,
        version: IVP.version,
        subcommands: [Validate.self, Solve.self, Export.self, SweepCommand.self, CompareCommand.self, EvaluateCommand.self, AlternativesCommand.self, RiskCommand.self, Generate.self, Batch.self, Schema.self, ServeCommand.self],
        defaultSubcommand: Solve.self
    )

    /// Makes writing safe before anything is parsed or solved (`StandardStreams.prepare`).
    static func main() async {
        StandardStreams.prepare()
        GLPK.keepFreedMemory()
        await main(nil)
    }
}

/// Exit codes, documented in README.
enum ExitStatus {
    static let internalFailure: Int32 = 1
    static let invalidInput: Int32 = 2
    static let infeasible: Int32 = 3
    static let timeLimit: Int32 = 4
}

import ArgumentParser
import CapacityAllocation
import Foundation

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints the JSON Schema (draft 2020-12) of scenario files, for editors and validators.",
        discussion: """
            The same text as docs/scenario.schema.json. In an editor with the YAML language server, a \
            scenario's first line `# yaml-language-server: $schema=PATH` points it there. The schema \
            checks keys, types and ranges; `ivp validate` checks those and everything else (ids that \
            resolve, returns that sum to 1, capacities that stay positive).
            """)

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Run.guarded {
            try output.write(ScenarioSchema.json)
            return 0
        }
    }
}

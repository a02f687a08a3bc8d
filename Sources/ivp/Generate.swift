import ArgumentParser
import CapacityAllocation

extension ScenarioScale: ExpressibleByArgument {}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a synthetic but realistic scenario of a given size (deterministic for a seed).",
        discussion: """
            Sizes: district (8 municipalities), region (40), nation (10 units, 43 districts, 171 base \
            teams, 342 municipalities), or any --municipalities N. The scenario is always feasible; \
            the same size and seed give the same bytes on every machine.
            """)

    @Option(help: "Number of municipalities (the organisation above them is sized to match).")
    var municipalities: Int?

    @Option(help: "A named size: district, region or nation.")
    var scale: ScenarioScale?

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if municipalities != nil && scale != nil { throw ValidationError("give --municipalities or --scale, not both") }
        if let municipalities, !(1...100_000).contains(municipalities) {
            throw ValidationError("--municipalities must be between 1 and 100000")
        }
    }

    func run() throws {
        try Run.guarded {
            let generator = municipalities.map { ScenarioGenerator(municipalities: $0, seed: seed) }
                ?? ScenarioGenerator(scale: scale ?? .district, seed: seed)
            try output.write(generator.yaml())
            return 0
        }
    }
}

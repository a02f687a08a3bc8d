import ArgumentParser
import CapacityAllocation

extension ScenarioScale: ExpressibleByArgument {}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a synthetic but realistic scenario of a given size (deterministic for a seed).",
        discussion: """
            Sizes: district (8 municipalities), region (40), nation (10 units, 43 districts, 171 base \
            teams, 342 municipalities), or any --municipalities N. The scenario is always feasible; \
            the same size and seed give the same bytes on every machine. --real nation takes the 342 \
            real municipalities of 2024 (CBS codes, populations, police units, land borders) with \
            synthetic districts, base teams, capacities and needs; --real region UNIT those of one \
            police unit (RE03 or Midden-Nederland).
            """)

    @Option(help: "Number of municipalities (the organisation above them is sized to match).")
    var municipalities: Int?

    @Option(help: "A named size: district, region or nation.")
    var scale: ScenarioScale?

    @Option(parsing: .upToNextOption,
            help: "Real municipalities: `nation` (all 342 of 2024) or `region UNIT` (one police unit, e.g. RE03).")
    var real: [String] = []

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if municipalities != nil && scale != nil { throw ValidationError("give --municipalities or --scale, not both") }
        if !real.isEmpty {
            if municipalities != nil || scale != nil { throw ValidationError("give --real without --municipalities or --scale") }
            do { _ = try RealScope.parse(real) } catch let error as RealScopeError { throw ValidationError(error.message) }
        }
        if let municipalities, !(1...100_000).contains(municipalities) {
            throw ValidationError("--municipalities must be between 1 and 100000")
        }
    }

    func run() throws {
        try Run.guarded {
            let generator = try real.isEmpty ? nil : ScenarioGenerator(real: RealScope.parse(real), seed: seed)
            let chosen = generator ?? municipalities.map { ScenarioGenerator(municipalities: $0, seed: seed) }
                ?? ScenarioGenerator(scale: scale ?? .district, seed: seed)
            try output.write(chosen.yaml())
            return 0
        }
    }
}

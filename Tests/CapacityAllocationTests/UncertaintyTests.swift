import Foundation
import Testing
@testable import CapacityAllocation

/// The `uncertainty` list: one test per validation rule with its exact message, `extends`, and the
/// sampler's numbers checked against published values.
@Suite struct UncertaintyTests {
    static let file = "test.yaml"

    /// One pool of 1 FTE × 1000 h (C = 1000, reserve 0.2: 800 allocatable) and two themes in one
    /// town. Line 11 is the first `uncertainty` entry.
    static let base = """
        name: Crisis
        hours_per_fte: 1000
        reserve: 0.2
        base_teams: [{id: team}]
        municipalities: [{id: town, base_team: team, population: 10000}]
        pools: [{id: pool, at: team, kind: general, fte: 1, claimed_hours: 0}]
        themes:
          - {id: a, level: local, adopted_by: [town], kinds: {general: 1}, weight: 2, need: {by_municipality: {town: 1000}}}
          - {id: b, level: local, adopted_by: [town], kinds: {general: 1}, need: {by_municipality: {town: 1000}}, minimum: 0.3}
        uncertainty:

        """

    static func errors(_ entries: String...) -> String {
        do {
            _ = try ScenarioLoader.load(text: base + entries.map { "  - \($0)\n" }.joined(), name: file)
            return "valid"
        } catch {
            return error.description
        }
    }

    @Test func validEntriesAreRead() throws {
        let scenario = try ScenarioLoader.load(text: Self.base + """
              - {parameter: pools.pool.fte, distribution: uniform, low: 0.9, high: 1.1}
              - {parameter: pools.pool.claimed_hours, distribution: discrete, values: [0, 600], probabilities: [0.8, 0.2], group: crisis}
              - {parameter: themes.b.need.by_municipality.town, distribution: triangular, low: 900, mode: 1000, high: 2000, group: crisis}
              - {parameter: pools.pool.availability, distribution: triangular, low: 0.8, mode: 0.9, high: 1}

            """, name: Self.file)
        #expect(scenario.uncertainty.map(\.key) == ["pools.pool.fte", "pools.pool.claimed_hours", "themes.b.need.by_municipality.town",
                                                    "pools.pool.availability"])
        #expect(scenario.uncertainty[1].distribution == .discrete(values: [0, 600], probabilities: [0.8, 0.2]))
        #expect(scenario.uncertainty.map { $0.group } == [nil, "crisis", "crisis", nil] as [String?])
        // Groups share one draw: fte, crisis, availability.
        let sampler = UncertaintySampler(scenario, seed: 1)
        #expect(sampler.drawOfEntry == [0, 1, 1, 2])
        #expect(sampler.drawCount == 3)
    }

    @Test func unknownAndForbiddenParameters() {
        #expect(Self.errors("{parameter: pools.nope.fte, distribution: uniform, low: 1, high: 2}")
                == "test.yaml:11: uncertainty[0].parameter: no pool 'nope'")
        #expect(Self.errors("{parameter: pools.pool.reserve, distribution: uniform, low: 0, high: 0.2}")
                == "test.yaml:11: uncertainty[0].parameter: 'pools.pool.reserve' cannot be uncertain (pools.ID.fte, pools.ID.hours_per_fte, pools.ID.availability, pools.ID.claimed_hours, themes.ID.need.per_1000_inhabitants, themes.ID.need.by_municipality.MUNICIPALITY, municipalities.ID.population)")
        #expect(Self.errors("{parameter: themes.b.need.per_1000_inhabitants, distribution: uniform, low: 1, high: 2}")
                == "test.yaml:11: uncertainty[0].parameter: theme 'b' gives its need by_municipality, not per_1000_inhabitants")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: uniform, low: 1, high: 2}",
                            "{parameter: pools.pool.fte, distribution: uniform, low: 1, high: 3}")
                == "test.yaml:12: uncertainty[1].parameter: 'pools.pool.fte' is already uncertain at uncertainty[0]")
        #expect(Self.errors("{distribution: uniform, low: 1, high: 2}") == "test.yaml:11: uncertainty[0].parameter: is required")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: uniform, low: 1, high: 2, group: Crisis}")
                == "test.yaml:11: uncertainty[0].group: 'Crisis' is not a valid group name (use lowercase letters, digits and '-')")
    }

    @Test func distributionRules() {
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: beta, low: 1, high: 2}")
                == "test.yaml:11: uncertainty[0].distribution: unknown distribution 'beta' (expected uniform, triangular, normal or discrete)")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: uniform, low: 2, high: 1}")
                == "test.yaml:11: uncertainty[0].low: low (2) is above high (1)")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: uniform, low: 1, mode: 1, high: 2}")
                == "test.yaml:11: uncertainty[0].mode: a uniform distribution does not take 'mode' (it takes low, high)")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: triangular, low: 1, mode: 3, high: 2}")
                == "test.yaml:11: uncertainty[0].mode: low ≤ mode ≤ high does not hold: 1, 3, 2")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: triangular, low: 1, high: 2}")
                == "test.yaml:11: uncertainty[0].mode: is required")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: normal, mean: 1, sd: 0}")
                == "test.yaml:11: uncertainty[0].sd: the standard deviation must be above 0")
        #expect(Self.errors("{parameter: pools.pool.claimed_hours, distribution: discrete, values: [0, 300], probabilities: [0.5, 0.4]}")
                == "test.yaml:11: uncertainty[0].probabilities: the probabilities sum to 0.9, not 1")
        #expect(Self.errors("{parameter: pools.pool.claimed_hours, distribution: discrete, values: [0, 300], probabilities: [1]}")
                == "test.yaml:11: uncertainty[0].probabilities: 1 probabilities for 2 values")
        #expect(Self.errors("{parameter: pools.pool.claimed_hours, distribution: discrete, values: [0, 300], probabilities: [1.5, -0.5]}")
                == "test.yaml:11: uncertainty[0].probabilities[0]: 1.5 is outside [0, 1]\ntest.yaml:11: uncertainty[0].probabilities[1]: -0.5 is outside [0, 1]")
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: uniform, low: -1, high: 2}")
                == "test.yaml:11: uncertainty[0].low: -1 is negative")
    }

    @Test func rangesOfTheParameter() {
        #expect(Self.errors("{parameter: pools.pool.claimed_hours, distribution: uniform, low: 0, high: 1500}")
                == "test.yaml:11: uncertainty[0]: pool 'pool' could have a negative capacity: at worst 1 FTE × 1000 h × 1 − 1500 claimed hours")
        #expect(Self.errors("{parameter: pools.pool.claimed_hours, distribution: normal, mean: 100, sd: 50}")
                == "test.yaml:11: uncertainty[0]: pool 'pool' could have a negative capacity: at worst 1 FTE × 1000 h × 1 − any number of claimed hours")
        // Together: fte down to 0.5 and claimed hours up to 600 reach 500 − 600 < 0, each alone does not.
        #expect(Self.errors("{parameter: pools.pool.fte, distribution: uniform, low: 0.5, high: 1}",
                            "{parameter: pools.pool.claimed_hours, distribution: uniform, low: 0, high: 600}")
                == "test.yaml:11: uncertainty[0]: pool 'pool' could have a negative capacity: at worst 0.5 FTE × 1000 h × 1 − 600 claimed hours")
        #expect(Self.errors("{parameter: pools.pool.availability, distribution: uniform, low: 0.5, high: 1.2}")
                == "test.yaml:11: uncertainty[0]: the uniform distribution reaches 1.2: 1.2 is outside [0, 1]")
        #expect(Self.errors("{parameter: pools.pool.availability, distribution: normal, mean: 0.9, sd: 0.05}")
                == "test.yaml:11: uncertainty[0]: a normal distribution has no upper end, and pools.pool.availability has one (1000000000 is outside [0, 1]); use uniform, triangular or discrete")
        #expect(Self.errors("{parameter: themes.b.need.by_municipality.town, distribution: discrete, values: [0, 1000], probabilities: [0.5, 0.5]}")
                == "test.yaml:11: uncertainty[0]: the discrete distribution can give themes.b.need.by_municipality.town = 0; a need or population must stay above 0")
        #expect(Self.errors("{parameter: themes.b.need.by_municipality.town, distribution: normal, mean: 1000, sd: 100}")
                == "test.yaml:11: uncertainty[0]: the normal distribution can give themes.b.need.by_municipality.town = 0; a need or population must stay above 0")
    }

    @Test func whatIfsInheritOrReplaceTheList() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-uncertainty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let basePath = folder.appendingPathComponent("base.yaml").path
        try (Self.base + "  - {parameter: pools.pool.fte, distribution: uniform, low: 0.9, high: 1.1}\n")
            .write(toFile: basePath, atomically: true, encoding: .utf8)
        let inherit = folder.appendingPathComponent("inherit.yaml").path
        try "extends: base.yaml\nreserve: 0.1\n".write(toFile: inherit, atomically: true, encoding: .utf8)
        let replace = folder.appendingPathComponent("replace.yaml").path
        try "extends: base.yaml\nuncertainty:\n  - {parameter: pools.pool.claimed_hours, distribution: uniform, low: 0, high: 100}\n"
            .write(toFile: replace, atomically: true, encoding: .utf8)
        let clear = folder.appendingPathComponent("clear.yaml").path
        try "extends: base.yaml\nuncertainty: []\n".write(toFile: clear, atomically: true, encoding: .utf8)
        let broken = folder.appendingPathComponent("broken.yaml").path
        try "extends: base.yaml\nuncertainty:\n  - {parameter: pools.pool.fte, distribution: uniform, low: 2, high: 1}\n"
            .write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try ScenarioLoader.load(path: inherit).uncertainty.map(\.key) == ["pools.pool.fte"])
        #expect(try ScenarioLoader.load(path: replace).uncertainty.map(\.key) == ["pools.pool.claimed_hours"])
        #expect(try ScenarioLoader.load(path: clear).uncertainty.isEmpty)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: broken) }
        do { _ = try ScenarioLoader.load(path: broken) } catch {
            #expect(error.description == "\(broken):3: uncertainty[0].low: low (2) is above high (1)")
        }
    }

    @Test func needsCanBeSweptToo() throws {
        let scenario = try ScenarioLoader.load(text: Self.base, name: Self.file)
        let parameter = try ScenarioParameter("themes.b.need.by_municipality.town", in: scenario)
        #expect(parameter.value(in: scenario) == 1000)
        let changed = try parameter.applied(2000, to: scenario)
        #expect(changed.need(of: changed.themes[1], in: changed.municipalities[0]) == 2000)
    }

    // MARK: Sampling

    @Test func splitMixMatchesTheReferenceImplementation() {
        // SplitMix64 from state 0 (Steele et al.; Vigna's splitmix64.c): the first two outputs.
        var generator = SampleStream(state: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        // Sample streams depend on (seed, sample) only.
        var first = SampleStream(seed: 7, sample: 3), again = SampleStream(seed: 7, sample: 3), other = SampleStream(seed: 7, sample: 4)
        let a = first.next()
        #expect(a == again.next())
        #expect(a != other.next())
    }

    @Test func inverseCDFsByHand() {
        // Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.5) = 0, Φ⁻¹(0.001) = −3.090232306167813 (tables).
        #expect(abs(NormalDistribution.inverseCDF(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalDistribution.inverseCDF(0.5)) < 1e-15)
        #expect(abs(NormalDistribution.inverseCDF(0.001) + 3.090232306167813) < 1e-11)
        // Uniform: low + u (high − low).
        #expect(Distribution.uniform(low: 100, high: 200).quantile(0.25) == 125)
        // Triangular 0, 1, 2: split at u = 0.5; u = 0.125 gives √(0.125 · 2 · 1) = 0.5; u = 0.875 gives 2 − 0.5.
        #expect(Distribution.triangular(low: 0, mode: 1, high: 2).quantile(0.125) == 0.5)
        #expect(Distribution.triangular(low: 0, mode: 1, high: 2).quantile(0.875) == 1.5)
        // Discrete: the first value whose cumulative probability reaches u.
        let crisis = Distribution.discrete(values: [0, 600], probabilities: [0.8, 0.2])
        #expect(crisis.quantile(0.8) == 0)
        #expect(crisis.quantile(0.800001) == 600)
        // Normal truncated at 0 with mean 0: the lower half is cut away, so u = 0.5 gives Φ⁻¹(0.75) = 0.6744897501960817.
        #expect(abs(Distribution.normal(mean: 0, sd: 1).quantile(0.5) - 0.6744897501960817) < 1e-12)
        #expect(abs(Distribution.normal(mean: 1000, sd: 100).quantile(0.975) - 1195.9963984540054) < 1e-8)
    }
}

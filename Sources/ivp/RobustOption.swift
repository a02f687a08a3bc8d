import ArgumentParser
import CapacityAllocation
import LinearProgramming
import Reporting

/// `--robust` and its settings, shared by `ivp solve` (the two-stage program and its report) and
/// `ivp export` (its extensive form).
struct RobustOptionsGroup: ParsableArguments {
    @Flag(help: "Choose each pool's reserve against sampled years of the file's uncertainty (two-stage stochastic program).")
    var robust = false

    @Option(help: ArgumentHelp("With --robust: the number of sampled years (default 100).", valueName: "n"))
    var samples: Int?

    @Option(help: ArgumentHelp("With --robust: the seed of the sampled years, as ivp risk takes it (default 1).", valueName: "s"))
    var seed: Int?

    @Option(help: ArgumentHelp("With --robust: weight A in [0, 1] of the mean of the worst 10% of years (CVaR) against the expected value (default 0).",
                               valueName: "a"))
    var riskAversion: Double?

    static let defaultSamples = 100
    static let defaultSeed = 1

    func validate() throws {
        if !robust, samples != nil || seed != nil || riskAversion != nil {
            throw ValidationError("--samples, --seed and --risk-aversion go with --robust")
        }
        if let samples, !(1...100_000).contains(samples) { throw ValidationError("--samples must be between 1 and 100000") }
        if let seed, !(0...RiskCommand.largestSeed).contains(seed) { throw ValidationError("--seed must be between 0 and \(RiskCommand.largestSeed)") }
        if let riskAversion, !(riskAversion.isFinite && riskAversion >= 0 && riskAversion <= 1) {
            throw ValidationError("--risk-aversion must be between 0 and 1")
        }
    }

    /// What `ivp solve` may not combine with --robust.
    func validate(with solve: Solve) throws {
        if solve.format == .csv { throw ValidationError("--robust writes markdown, json or html, not csv") }
        if solve.municipality != nil { throw ValidationError("--municipality does not apply to --robust") }
        if solve.closestTo != nil { throw ValidationError("--closest-to does not apply to --robust") }
        if solve.solve.mode != .weighted { throw ValidationError("--robust maximises the value: --mode must stay weighted") }
    }

    var options: RobustOptions { RobustOptions(riskAversion: riskAversion ?? 0) }
    var sampleCount: Int { samples ?? Self.defaultSamples }
    var sampleSeed: UInt64 { UInt64(seed ?? Self.defaultSeed) }

    /// The sampled years of `scenario`'s uncertainty and the year of their mean numbers.
    func years(_ scenario: Scenario, path: String) throws -> (samples: [Scenario], meanYear: Scenario) {
        guard !scenario.uncertainty.isEmpty else {
            throw CommandFailure(message: "\(path): --robust needs an `uncertainty` list in the scenario (docs/scenario-format.md)",
                                 code: ExitStatus.invalidInput)
        }
        let sampler = UncertaintySampler(scenario, seed: sampleSeed)
        let count = sampleCount
        var samples: [Scenario] = []
        var means = [Double](repeating: 0, count: scenario.uncertainty.count)
        do throws(ParameterError) {
            for index in 0..<count {
                samples.append(try sampler.year(index))
                for (entry, value) in sampler.values(index).enumerated() { means[entry] += value / Double(count) }
            }
            var meanYear = scenario
            for (input, mean) in zip(scenario.uncertainty, means) { meanYear = try input.parameter.applied(mean, to: meanYear) }
            return (samples, meanYear)
        } catch {
            throw CommandFailure(message: "\(path): \(error.description)", code: ExitStatus.invalidInput)
        }
    }

    /// `ivp solve --robust`: the report of the two-stage program.
    func solve(_ scenario: Scenario, path: String, format: ReportFormat, language: Language, output: OutputOptions) throws -> Int32 {
        let (samples, meanYear) = try years(scenario, path: path)
        let result = try RobustAnalysis.run(scenario, samples: samples, meanYear: meanYear, seed: sampleSeed, options: options)
        // validate(with:) has refused csv.
        try output.write(try Report.render(result, as: format, language: language))
        return 0
    }

    /// `ivp export --robust`: the extensive form of the two-stage program.
    func export(_ scenario: Scenario, path: String, format: ExportFormat, output: OutputOptions) throws -> Int32 {
        let (samples, _) = try years(scenario, path: path)
        let builder = RobustBlockBuilder(nominal: scenario, options: options)
        let whole = try builder.extensiveForm(samples, probabilities: Array(repeating: 1 / Double(samples.count), count: samples.count))
        try output.write(try GLPK.export(whole.program, format: format))
        return 0
    }
}

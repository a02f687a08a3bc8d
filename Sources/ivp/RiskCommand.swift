import ArgumentParser
import CapacityAllocation
import Foundation
import Reporting

struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Tests a plan against sampled years of the scenario's uncertainty: how likely each promise holds.",
        discussion: """
            The scenario's `uncertainty` entries are drawn N times; in each sampled year the reserve is \
            released and hours move within each pool to keep minimums and norms (the recourse LP of \
            docs/model.md). The plan is the scenario's optimum, or the CSV given with --allocation. \
            The same --seed gives the same report whatever --threads or sharding. \
            --shard K/N computes the K-th of N contiguous ranges of the samples and writes a part \
            (JSON); --merge PART... combines every part of one run into the report of the unsharded run.
            """)

    @Argument(help: "Scenario file (YAML or JSON) with `uncertainty` entries; not with --merge.")
    var file: String?

    @Option(help: "Number of sampled years (1 to 1000000).")
    var samples: Int?

    @Option(help: "Seed of the samples (0 to 9007199254740991); default 1.")
    var seed: Int = 1

    @Option(help: "The plan to test (CSV: pool,theme,municipality,hours[,effective_hours]); default: the optimum.")
    var allocation: String?

    @Option(help: ArgumentHelp("Compute only shard K of N (1-based, contiguous ranges of samples) and write a part for --merge.",
                               valueName: "K/N"))
    var shard: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Merge the parts of a sharded run into its report.", valueName: "part"))
    var merge: [String] = []

    @Option(help: "Report format: markdown, json or html.")
    var format: ReportFormat = .markdown

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @OptionGroup var solve: SolveOptionsGroup
    @OptionGroup var output: OutputOptions

    static let largestSeed = 9_007_199_254_740_991

    func validate() throws {
        if format == .csv { throw ValidationError("--format csv is not available for risk (markdown, json or html)") }
        if !merge.isEmpty {
            if file != nil { throw ValidationError("--merge takes parts, not a scenario: give either FILE or --merge PART...") }
            if samples != nil || shard != nil || allocation != nil {
                throw ValidationError("--merge takes its samples, seed, plan and shards from the parts; leave out --samples, --shard and --allocation")
            }
            return
        }
        guard file != nil else { throw ValidationError("give a scenario FILE (or --merge PART...)") }
        guard let samples else { throw ValidationError("give the number of samples with --samples N") }
        guard (1...1_000_000).contains(samples) else { throw ValidationError("--samples must be between 1 and 1000000") }
        guard (0...Self.largestSeed).contains(seed) else { throw ValidationError("--seed must be between 0 and \(Self.largestSeed)") }
        if let shard {
            let (index, count) = try Self.parseShard(shard)
            if count > samples { throw ValidationError("--shard \(shard): more shards than samples (\(samples))") }
            _ = index
        }
    }

    /// `K/N` with 1 ≤ K ≤ N.
    static func parseShard(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N (e.g. 3/10), found '\(text)'")
        }
        return (index, count)
    }

    func run() throws {
        try Run.guarded {
            if !merge.isEmpty { return try runMerge() }
            let scenario = try ScenarioLoader.load(path: file!)
            Run.printWarnings(scenario)
            guard !scenario.uncertainty.isEmpty else {
                throw CommandFailure(message: "\(file!): the scenario has no `uncertainty` entries, so there is nothing to sample (docs/scenario-format.md)",
                                     code: ExitStatus.invalidInput)
            }
            let plan: RiskAnalysis.Plan
            if let allocation {
                let formulation = Formulation(scenario)
                let read = try AllocationCSV.read(path: allocation, formulation: formulation)
                let hours = formulation.assignments.indices.map { read.hours[$0] ?? 0 }
                plan = RiskAnalysis.Plan(formulation: formulation, hours: hours, source: allocation, mode: solve.mode)
            } else {
                var options = solve.allocationOptions
                options.headlines = false
                let solved = try SolvedModel(scenario, options: options)
                guard let optimum = try RiskAnalysis.Plan.optimum(of: solved) else {
                    throw CommandFailure(message: "\(file!): the scenario has no solution (\(solved.status.rawValue)), so there is no plan to test; give one with --allocation",
                                         code: ExitStatus.infeasible)
                }
                plan = optimum
            }
            let count = samples!
            let threads = solve.threads ?? LinearProgrammingThreads.defaultCount
            let header = try RiskAnalysis.header(plan, seed: UInt64(seed), samples: count)
            if let shard {
                let (index, shards) = try Self.parseShard(shard)
                let range = RiskAnalysis.shardRange(index: index, count: shards, samples: count)
                let computed = try RiskAnalysis.samples(plan, seed: UInt64(seed), range: range, threads: threads)
                let part = RiskPart(shard: index, shards: shards, range: range, header: header, samples: computed)
                try output.write(try part.encoded())
                return 0
            }
            let computed = try RiskAnalysis.samples(plan, seed: UInt64(seed), range: 0..<count, threads: threads)
            try write(RiskResult(header: header, samples: computed))
            return 0
        }
    }

    private func runMerge() throws -> Int32 {
        var files: [(path: String, data: Data)] = []
        for path in merge {
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
                throw CommandFailure(message: "\(path): the file \(reason)", code: ExitStatus.invalidInput)
            }
            files.append((path, data))
        }
        let merged: (header: RiskHeader, samples: [RiskSample])
        do throws(RiskMergeError) { merged = try RiskPart.merge(files) } catch {
            throw CommandFailure(message: "--merge: \(error.message)", code: ExitStatus.invalidInput)
        }
        try write(RiskResult(header: merged.header, samples: merged.samples))
        return 0
    }

    private func write(_ result: RiskResult) throws {
        try output.write(try Report.render(result, as: format, language: lang))
    }
}

/// Threads used when --threads is not given: one per core, as for a model's independent parts.
enum LinearProgrammingThreads {
    static var defaultCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

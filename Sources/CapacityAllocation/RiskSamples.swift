import Foundation
import LinearProgramming

/// What one sampled year gave under the recourse: every per-sample figure a report needs, so that
/// shards can be merged into exactly the report of one run.
public struct RiskSample: Sendable, Codable, Equatable {
    /// 0-based sample number: its draws depend only on the seed and this number.
    public var index: Int
    /// V and I of the year.
    public var objective: Double
    public var ideal: Double
    /// V per municipality and per theme, in the header's order.
    public var municipalityValues: [Double]
    public var themeValues: [Double]
    /// The promises that did not hold (indices into the header's promises) and their shortfall in
    /// hours, in promise order; a shortfall below `RiskAnalysis.tolerance` counts as none.
    public var brokenPromises: [Int]
    public var shortfallHours: [Double]
    /// Per pool: the year's capacity, hours added to the plan and hours taken away from it.
    public var capacities: [Double]
    public var addedHours: [Double]
    public var takenHours: [Double]
}

/// Everything about a run that does not depend on the samples: the plan, what is sampled and how
/// it is named. Shards of one run have equal headers (`RiskPart` checks it).
public struct RiskHeader: Sendable, Codable, Equatable {
    public var scenario: String
    /// SHA-256 over the SHA-256 of every scenario file read, in order.
    public var scenarioSha256: String
    /// `optimum` (the scenario's optimal allocation in `mode`) or the path of the CSV given.
    public var plan: String
    /// SHA-256 of the plan's hours (every assignment's, as text), so parts of other plans are refused.
    public var planSha256: String
    public var mode: SolveMode
    public var seed: UInt64
    public var samples: Int
    /// The plan's value and attainment in the scenario as given (the recourse of the unsampled year).
    public var planObjective: Double
    public var planAttainment: Double
    public var promises: [RecoursePromise]
    public var municipalities: [String]
    public var themes: [String]
    /// The plan's value per municipality and per theme in the scenario as given, in their order.
    public var municipalityPlanValues: [Double]
    public var themePlanValues: [Double]
    public var pools: [String]
    /// Per pool: the plan's hours, the capacity as given and what may be allocated after the reserve.
    public var plannedHours: [Double]
    public var capacities: [Double]
    public var allocatable: [Double]
    public var uncertainty: [RiskUncertainty]
    public var movePenalty: Double
    public var shortfallPenalty: Double
    public var names: [String: String]
    public var manifest: Manifest
}

/// One `uncertainty` entry as the report shows it.
public struct RiskUncertainty: Sendable, Codable, Equatable {
    public var parameter: String
    public var distribution: String
    public var group: String?
    /// The least and greatest value it can give (null for the normal's missing upper end).
    public var lowest: Double
    public var highest: Double?

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(parameter, forKey: .parameter)
        try container.encode(distribution, forKey: .distribution)
        try container.encode(group, forKey: .group)
        try container.encode(lowest, forKey: .lowest)
        try container.encode(highest, forKey: .highest)
    }
}

/// `ivp risk`: a plan meets sampled years (DESIGN.md 4.6; docs/model.md, "Risk").
///
/// Samples are solved in chunks of `chunkSize` consecutive sample numbers. Each chunk starts from
/// a fresh problem (a cold solve of its first sample) and every further sample of the chunk
/// starts from the optimal basis of the one before (a warm start: only bounds move, unless a
/// sampled need moves a displacement coefficient, which is solved cold). A shard that starts
/// inside a chunk solves the chunk's earlier samples too without keeping them, and chunks are
/// spread over threads whole; so every sample is solved from the same start whatever the
/// threads and shards, and the report is the same to the byte.
public enum RiskAnalysis {
    public static let chunkSize = 25
    /// A shortfall below this many hours (a few seconds a year) is solver noise, not a broken promise.
    public static let tolerance = 0.001

    /// The plan of a run: x⁰ per assignment of `formulation`, and where it comes from.
    public struct Plan: Sendable {
        public var formulation: Formulation
        public var hours: [Double]
        public var source: String
        public var mode: SolveMode
        public init(formulation: Formulation, hours: [Double], source: String, mode: SolveMode) {
            self.formulation = formulation
            self.hours = hours
            self.source = source
            self.mode = mode
        }

        /// The optimal allocation of a solved model (what `ivp solve` shows); nil without a solution.
        public static func optimum(of solved: SolvedModel) throws -> Plan? {
            _ = try solved.result(sensitivity: false)
            guard let values = solved.shownValues else { return nil }
            let hours = solved.model.assignments.map { max(0, values[$0.variable.index]) }
            return Plan(formulation: solved.model, hours: hours, source: "optimum", mode: solved.options.mode)
        }
    }

    /// The header of a run of `samples` samples of `plan` under `seed`; solves the unsampled year.
    public static func header(_ plan: Plan, seed: UInt64, samples: Int) throws -> RiskHeader {
        let formulation = plan.formulation
        let scenario = formulation.scenario
        let recourse = RecourseModel(formulation)
        var program = LinearProgram(name: "recourse")
        let block = try recourse.addBlock(to: &program, year: scenario, plan: plan.hours.map { LinearExpression(constant: $0) })
        let solution = try GLPK.solve(program, options: SolverOptions())
        guard solution.status == .optimal else {
            throw SolverError("the recourse of the scenario as given ended \(solution.status.rawValue)")
        }
        let value = block.value.evaluate(solution.values)
        var names: [String: String] = [:]
        for node in scenario.nodes { names[node.id] = node.name }
        for pool in scenario.pools { names[pool.id] = pool.name }
        for theme in scenario.themes { names[theme.id] = theme.name }
        var planned = [Double](repeating: 0, count: scenario.pools.count)
        for (assignment, hours) in zip(formulation.assignments, plan.hours) { planned[assignment.pool] += hours }
        let planText = plan.hours.map { "\($0)" }.joined(separator: "\n")
        return RiskHeader(
            scenario: scenario.name,
            scenarioSha256: SHA256.hex(Array(scenario.sources.map(\.sha256).joined(separator: "\n").utf8)),
            plan: plan.source, planSha256: SHA256.hex(Array(planText.utf8)), mode: plan.mode, seed: seed, samples: samples,
            planObjective: value, planAttainment: block.ideal > 0 ? value / block.ideal : 0,
            promises: recourse.promises, municipalities: block.municipalityValues.map(\.id), themes: block.themeValues.map(\.id),
            municipalityPlanValues: block.municipalityValues.map { $0.value.evaluate(solution.values) },
            themePlanValues: block.themeValues.map { $0.value.evaluate(solution.values) },
            pools: scenario.pools.map(\.id), plannedHours: planned, capacities: scenario.pools.map(\.capacity),
            allocatable: scenario.pools.map(\.allocatable),
            uncertainty: scenario.uncertainty.map {
                RiskUncertainty(parameter: $0.key, distribution: $0.distribution.name, group: $0.group,
                                lowest: $0.distribution.lowest,
                                highest: $0.distribution.highest.isFinite ? $0.distribution.highest : nil)
            },
            movePenalty: recourse.movePenalty, shortfallPenalty: recourse.shortfallPenalty, names: names,
            manifest: Manifest(inputs: scenario.sources.map { Manifest.Input(path: $0.path, sha256: $0.sha256) },
                               ivpVersion: IVP.version, glpkVersion: GLPK.version))
    }

    /// Samples `range` (0-based sample numbers within 0..<samples) of `plan`, on up to `threads` threads.
    public static func samples(_ plan: Plan, seed: UInt64, range: Range<Int>, threads: Int = 1) throws -> [RiskSample] {
        guard !range.isEmpty else { return [] }
        let recourse = RecourseModel(plan.formulation)
        let sampler = UncertaintySampler(plan.formulation.scenario, seed: seed)
        let firstChunk = range.lowerBound / chunkSize, lastChunk = (range.upperBound - 1) / chunkSize
        let chunks = Array(firstChunk...lastChunk)
        let results = ChunkResults(count: chunks.count)
        let workers = max(1, min(threads, chunks.count))
        let work = ChunkQueue(count: chunks.count)
        let done = DispatchGroup()
        let hours = plan.hours
        for _ in 0..<workers {
            done.enter()
            // GLPK keeps its state per thread: each worker makes, solves and drops its own
            // problems and frees GLPK's environment before it ends (DESIGN.md 6).
            let thread = Thread {
                while let position = work.next() {
                    let chunk = chunks[position]
                    do {
                        results.store(.success(try solveChunk(chunk, range: range, recourse: recourse, sampler: sampler, plan: hours)),
                                      at: position)
                    } catch {
                        results.store(.failure(error), at: position)
                    }
                }
                GLPK.freeThreadEnvironment()
                done.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        done.wait()
        var samples: [RiskSample] = []
        for result in results.all() { samples += try result!.get() }
        return samples
    }

    /// The samples of one chunk that lie in `range`, solved from the chunk's start.
    static func solveChunk(_ chunk: Int, range: Range<Int>, recourse: RecourseModel, sampler: UncertaintySampler,
                           plan: [Double]) throws -> [RiskSample] {
        let start = chunk * chunkSize
        let end = min(start + chunkSize, range.upperBound)
        var problem: (any SolverProblem)?
        var samples: [RiskSample] = []
        let planExpressions = plan.map { LinearExpression(constant: $0) }
        for index in start..<end {
            let year: Scenario
            do throws(ParameterError) { year = try sampler.year(index) } catch {
                throw SolverError("sample \(index + 1): \(error.description)")
            }
            var program = LinearProgram(name: "recourse")
            let block = try recourse.addBlock(to: &program, year: year, plan: planExpressions, name: "")
            let solution: Solution
            if let kept = problem, try Sweep.update(kept, to: program) {
                solution = try kept.solve(SolverOptions(method: .dual))
            } else {
                let made = try SolverProblems.make(program, threads: 1)
                problem = made
                solution = try made.solve(SolverOptions())
            }
            guard solution.status == .optimal else {
                throw SolverError("sample \(index + 1): the recourse LP ended \(solution.status.rawValue)")
            }
            guard index >= range.lowerBound else { continue }
            samples.append(record(index, block: block, solution: solution, recourse: recourse))
        }
        return samples
    }

    static func record(_ index: Int, block: RecourseModel.Block, solution: Solution, recourse: RecourseModel) -> RiskSample {
        let values = solution.values
        var broken: [Int] = [], shortfalls: [Double] = []
        for (promise, column) in block.shortfalls.enumerated() {
            let hours = values[column.index]
            if hours >= tolerance {
                broken.append(promise)
                shortfalls.append(hours)
            }
        }
        let pools = recourse.formulation.scenario.pools.count
        var added = [Double](repeating: 0, count: pools), taken = [Double](repeating: 0, count: pools)
        for (assignmentIndex, assignment) in recourse.formulation.assignments.enumerated() {
            added[assignment.pool] += values[block.added[assignmentIndex].index]
            taken[assignment.pool] += values[block.taken[assignmentIndex].index]
        }
        return RiskSample(
            index: index, objective: block.value.evaluate(values), ideal: block.ideal,
            municipalityValues: block.municipalityValues.map { $0.value.evaluate(values) },
            themeValues: block.themeValues.map { $0.value.evaluate(values) },
            brokenPromises: broken, shortfallHours: shortfalls, capacities: block.capacities,
            addedHours: added.map { $0 < tolerance ? 0 : $0 }, takenHours: taken.map { $0 < tolerance ? 0 : $0 })
    }

    /// The contiguous sample numbers of shard `index` (1-based) of `count` over `samples`
    /// samples: the first `samples % count` shards take one sample more.
    public static func shardRange(index: Int, count: Int, samples: Int) -> Range<Int> {
        let base = samples / count, extra = samples % count
        let start = (index - 1) * base + min(index - 1, extra)
        return start..<(start + base + (index <= extra ? 1 : 0))
    }
}

/// Results of the chunks, stored by the worker threads.
private final class ChunkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[RiskSample], any Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func store(_ result: Result<[RiskSample], any Error>, at index: Int) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }
    func all() -> [Result<[RiskSample], any Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}

private final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var position = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard position < count else { return nil }
        position += 1
        return position - 1
    }
}

import Foundation
import LinearProgramming

/// What `ivp solve --robust` reports: the reserve per pool that the two-stage program chooses,
/// against the file's, and the figures that say what it is worth (every one an optimum or a
/// difference of re-solved optima on the same sampled years).
public struct RobustResult: Sendable {
    public struct PoolReserve: Sendable, Equatable {
        public var pool: String
        /// R_p chosen, in hours.
        public var reserve: Double
        /// The file's reserve r_p · C_p, in hours.
        public var fileReserve: Double
        /// C_p as the scenario is written.
        public var capacity: Double
    }

    public struct Distribution: Sendable, Equatable {
        public var mean: Double
        public var p10: Double
        public var p50: Double
        public var p90: Double
    }

    public var scenario: String
    public var samples: Int
    public var seed: UInt64?
    public var riskAversion: Double
    public var tailShare: Double
    public var cutCost: Double
    public var shortfallPenalty: Double
    /// The program's optimum: (1 − A) E[Q] + A CVaR_α(Q) of the robust reserves.
    public var objective: Double
    /// E[Q] of the robust reserves.
    public var expectedObjective: Double
    /// CVaR_α(Q) of the robust reserves: the mean of the worst α share of years.
    public var cvar: Double
    /// Q over the years with the robust reserves.
    public var distribution: Distribution
    /// E[V], E[planned hours cut], E[promise hours short] with the robust reserves.
    public var expectedValue: Double
    public var expectedCutHours: Double
    public var expectedShortfallHours: Double
    /// E[Q] with the reserves the file sets.
    public var fileExpectedObjective: Double
    /// E[Q] of the expected-value plan (the reserves best for the year of mean parameters).
    public var expectedValuePlanObjective: Double
    /// VSS = E[Q(robust)] − E[Q(expected-value plan)].
    public var vss: Double
    /// The mean over years of the year's optimum had it been known: E[max_R Q_s(R)].
    public var perfectInformationObjective: Double
    /// EVPI = E[max_R Q_s(R)] − E[Q(robust)].
    public var evpi: Double
    /// The scenario as written: V with the robust reserves, and the deterministic optimum (the
    /// file's reserves, re-solved).
    public var normalYearValue: Double
    public var deterministicObjective: Double?
    public var reserves: [PoolReserve]
    public var iterations: Int
    public var cuts: Int
    public var gap: Double
    public var solveSeconds: Double
    public var manifest: Manifest
}

/// Runs the robust analysis on sampled years.
public enum RobustAnalysis {
    /// `samples` are the sampled years (the scenario with its uncertain numbers drawn), equally
    /// likely unless `probabilities` are given; `meanYear` is the scenario with every uncertain
    /// number at its mean over the samples (the expected-value problem).
    public static func run(_ scenario: Scenario, samples: [Scenario], probabilities: [Double]? = nil, meanYear: Scenario,
                           seed: UInt64?, options: RobustOptions) throws -> RobustResult {
        let started = Date()
        let builder = RobustBlockBuilder(nominal: scenario, options: options)
        let solver = try RobustSolver(builder: builder, samples: samples, probabilities: probabilities)
        let capacities = builder.capacities
        let fileReserves = zip(scenario.pools, capacities).map { $0.reserve * $1 }
        let fileEvaluation = try solver.evaluate(fileReserves)
        // The expected-value plan: the reserves best for the mean year alone.
        let meanProblem = try RobustSolver.YearProblem(meanYear, tag: "", builder: builder)
        let meanPlan = try meanProblem.solve(at: capacities, free: capacities, year: 0).reserves
        let meanEvaluation = try solver.evaluate(meanPlan)
        // The report's own evaluations are the decomposition's first cuts: it starts from the
        // better of the file's and the expected-value plan's reserves.
        let outcome = try solver.solve(from: [fileEvaluation, meanEvaluation])
        let best = outcome.best
        // After the decomposition: each year's own best reserve lies far from the proposals, and
        // every year re-solved from there would start the rounds from far away.
        let informed = try solver.perfectInformation()
        let informedMean = zip(informed, solver.probabilities).reduce(0) { $0 + $1.0.objective * $1.1 }

        // The scenario as written, with the robust reserves (no loss, so no cut) and re-solved
        // with the file's reserves.
        let normal = try RobustSolver.YearProblem(scenario, tag: "", builder: builder).solve(at: best.reserves, year: 0)
        var deterministicOptions = AllocationOptions(headlines: false)
        deterministicOptions.method = .automatic
        let deterministic = try SolvedModel(scenario, options: deterministicOptions)

        let values = best.years.map(\.objective)
        func expectation(_ key: KeyPath<RobustSolver.YearOutcome, Double>) -> Double {
            zip(best.years, solver.probabilities).reduce(0) { $0 + $1.0[keyPath: key] * $1.1 }
        }
        return RobustResult(
            scenario: scenario.name, samples: samples.count, seed: seed, riskAversion: options.riskAversion,
            tailShare: options.tailShare, cutCost: builder.cutCost, shortfallPenalty: builder.shortfallPenalty, objective: best.objective,
            expectedObjective: best.expected,
            cvar: lowerTailCVaR(values, probabilities: solver.probabilities, tailShare: options.tailShare),
            distribution: distribution(values, probabilities: solver.probabilities),
            expectedValue: expectation(\.value), expectedCutHours: expectation(\.cutHours),
            expectedShortfallHours: expectation(\.shortfallHours),
            fileExpectedObjective: fileEvaluation.expected, expectedValuePlanObjective: meanEvaluation.expected,
            vss: best.expected - meanEvaluation.expected, perfectInformationObjective: informedMean,
            evpi: informedMean - best.expected, normalYearValue: normal.value,
            deterministicObjective: deterministic.status == .optimal ? deterministic.objective : nil,
            reserves: scenario.pools.indices.map {
                RobustResult.PoolReserve(pool: scenario.pools[$0].id, reserve: best.reserves[$0],
                                         fileReserve: fileReserves[$0], capacity: capacities[$0])
            },
            iterations: outcome.iterations, cuts: outcome.cuts,
            gap: max(0, outcome.upperBound - best.objective), solveSeconds: Date().timeIntervalSince(started),
            manifest: Manifest(inputs: scenario.sources.map { Manifest.Input(path: $0.path, sha256: $0.sha256) },
                               ivpVersion: IVP.version, glpkVersion: GLPK.version))
    }

    /// Mean and nearest-rank quantiles (the smallest value whose cumulative probability reaches q).
    static func distribution(_ values: [Double], probabilities: [Double]) -> RobustResult.Distribution {
        let sorted = zip(values, probabilities).sorted { $0.0 < $1.0 }
        func quantile(_ q: Double) -> Double {
            var cumulative = 0.0
            for (value, probability) in sorted {
                cumulative += probability
                if cumulative >= q - 1e-12 { return value }
            }
            return sorted.last?.0 ?? 0
        }
        let mean = zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        return RobustResult.Distribution(mean: mean, p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9))
    }
}

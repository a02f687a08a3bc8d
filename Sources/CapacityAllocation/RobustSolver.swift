import Foundation
import LinearProgramming

/// Solves the two-stage program of `RobustBlockBuilder` by the L-shaped method with one cut per
/// year (multi-cut Benders). The master holds the reserves R, one θ_s ≤ Q_s(R) per year (and
/// CVaR's η and u_s); each year's recourse is its own kept GLPK problem with R as columns fixed
/// at the master's proposal, re-solved warm by the dual simplex when R moves (only bounds
/// change, so the old basis stays dual feasible). The reduced cost d_sp of the fixed column R_p
/// is a supergradient of the concave Q_s, so θ_s ≤ Q_s(R^k) + Σ_p d_sp (R_p − R_p^k) holds for
/// every R and cuts off the master's proposal when it promised more than the year gives.
///
/// The master is one kept GLPK problem too: each round's cuts are added to it as rows
/// (`GLPKProblem.addRows`) and the trust region moves its column bounds, so every master solve
/// is a warm dual simplex from the previous optimum. The years are dealt to one GLPK thread per
/// core (each year's problem made, solved and dropped on its thread, DESIGN.md 6) and solved in
/// parallel; a year's outcome does not depend on the thread it runs on, so the answer is the same
/// whatever the number of threads.
///
/// The master's optimum is an upper bound of the program's, and the best proposal evaluated so
/// far a lower bound; they meet (within `RobustOptions.tolerance`) after finitely many rounds,
/// since each year's Q_s has finitely many pieces. The answer is therefore the extensive form's
/// optimum, which the tests check against the extensive form solved whole.
public final class RobustSolver {
    public let builder: RobustBlockBuilder
    public let samples: [Scenario]
    public let probabilities: [Double]
    /// I_s of every year: the upper bound of θ_s in the master.
    let ideals: [Double]
    private let hosts: [YearHost]
    /// The host of every year.
    private let owner: [Int]

    /// One year's recourse with the reserve columns fixed.
    final class YearProblem {
        let problem: GLPKProblem
        let reserves: [Variable]
        let block: RobustBlockBuilder.Block
        private let objective: SortedExpression, value: SortedExpression
        private let cutHours: SortedExpression, shortfallHours: SortedExpression
        var solvedOnce = false

        init(_ sample: Scenario, tag: String, builder: RobustBlockBuilder) throws {
            var program = LinearProgram(name: "ivp_year")
            reserves = builder.addReserveColumns(to: &program)
            block = try builder.appendYear(sample, tag: tag, reserves: reserves, to: &program)
            program.objective = block.objective
            program.sense = .maximize
            problem = try GLPKProblem(program)
            objective = SortedExpression(block.objective)
            value = SortedExpression(block.value)
            cutHours = SortedExpression(block.cutHours)
            shortfallHours = SortedExpression(block.shortfallHours)
        }

        /// Q_s, V_s, cut and shortfall hours and the supergradient at `reserve`; with
        /// `free` the reserve columns are freed to [0, C_p] instead (the year known in advance).
        func solve(at reserve: [Double], free capacities: [Double]? = nil, year: Int) throws -> YearOutcome {
            for (index, column) in reserves.enumerated() {
                if let capacities {
                    try problem.setBounds(of: column, lower: 0, upper: capacities[index])
                } else {
                    try problem.setBounds(of: column, lower: reserve[index], upper: reserve[index])
                }
            }
            // Freeing fixed columns keeps the basis primal feasible: the primal simplex goes on
            // from it. Moving fixed columns keeps it dual feasible: the dual simplex goes on.
            let method: SolverMethod = !solvedOnce ? .automatic : (capacities != nil ? .primal : .dual)
            let solution = try problem.solve(SolverOptions(method: method))
            solvedOnce = true
            guard solution.status == .optimal, solution.hasSolution else {
                throw RobustError.yearNotOptimal(year: year, status: solution.status.rawValue)
            }
            let values = solution.values
            return YearOutcome(objective: objective.evaluate(values), value: value.evaluate(values),
                               cutHours: cutHours.evaluate(values), shortfallHours: shortfallHours.evaluate(values),
                               gradient: reserves.map { solution.reducedCost($0) },
                               reserves: reserves.map { solution.value($0) })
        }
    }

    /// A `LinearExpression` with its terms sorted once: `evaluate` gives the same sum, in the
    /// same order, without sorting the year's thousands of terms at every round.
    struct SortedExpression {
        let constant: Double
        let terms: [(index: Int, coefficient: Double)]

        init(_ expression: LinearExpression) {
            constant = expression.constant
            terms = expression.sortedTerms.map { ($0.variable.index, $0.coefficient) }
        }

        func evaluate(_ values: [Double]) -> Double {
            terms.reduce(constant) { $0 + $1.coefficient * values[$1.index] }
        }
    }

    /// The years' problems of one thread (nil: the calling thread), touched only there.
    private final class YearHost: @unchecked Sendable {
        let thread: GLPKThread?
        var years: [Int: YearProblem] = [:]
        init(thread: GLPKThread?) { self.thread = thread }
    }

    public struct YearOutcome: Sendable, Equatable {
        public var objective: Double
        public var value: Double
        public var cutHours: Double
        public var shortfallHours: Double
        public var gradient: [Double]
        public var reserves: [Double]
    }

    /// The answer for one reserve vector: each year's outcome and the program's objective.
    public struct Evaluation: Sendable {
        public var reserves: [Double]
        public var years: [YearOutcome]
        public var objective: Double
        public var expected: Double
    }

    public struct Outcome: Sendable {
        public var best: Evaluation
        public var upperBound: Double
        public var iterations: Int
        public var cuts: Int
    }

    /// `threads` GLPK threads for the years (default: one per core, at most one per year; 1
    /// solves every year on the calling thread).
    public init(builder: RobustBlockBuilder, samples: [Scenario], probabilities: [Double]? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        guard !samples.isEmpty else { throw RobustError.noSamples }
        self.builder = builder
        self.samples = samples
        self.probabilities = probabilities ?? Array(repeating: 1 / Double(samples.count), count: samples.count)
        let count = max(1, min(threads, samples.count))
        hosts = count == 1 ? [YearHost(thread: nil)]
            : (0..<count).map { YearHost(thread: GLPKThread(name: "ivp-robust-\($0)")) }
        let owner = samples.indices.map { $0 % count }
        self.owner = owner
        let ideals = ResultSlots<Double>(count: samples.count)
        try Self.onEvery(hosts) { host, index in
            for year in samples.indices where owner[year] == index {
                let problem = try YearProblem(samples[year], tag: "", builder: builder)
                host.years[year] = problem
                ideals.store(problem.block.ideal, at: year)
            }
        }
        self.ideals = ideals.values
    }

    deinit {
        for host in hosts {
            guard let thread = host.thread else { continue }
            thread.perform { host.years.removeAll() }
            thread.stopAndWait()
        }
    }

    /// Runs `body` once for every host, on its thread, and waits for all; rethrows the first
    /// host's error.
    private static func onEvery(_ hosts: [YearHost], _ body: @escaping @Sendable (YearHost, Int) throws -> Void) throws {
        let group = DispatchGroup()
        let failures = FailureSlots(count: hosts.count)
        for (index, host) in hosts.enumerated() {
            guard let thread = host.thread else {
                do { try body(host, index) } catch { failures.store(error, at: index) }
                continue
            }
            group.enter()
            let accepted = thread.perform {
                do { try body(host, index) } catch { failures.store(error, at: index) }
                group.leave()
            }
            if !accepted {
                failures.store(GLPKThreadStopped(), at: index)
                group.leave()
            }
        }
        group.wait()
        if let error = failures.first { throw error }
    }

    /// `solve` of every year, on the years' threads, in year order.
    private func everyYear(_ solve: @escaping @Sendable (YearProblem, Int) throws -> YearOutcome) throws -> [YearOutcome] {
        let outcomes = ResultSlots<YearOutcome>(count: samples.count)
        let owner = owner
        try Self.onEvery(hosts) { host, index in
            for year in owner.indices where owner[year] == index {
                outcomes.store(try solve(host.years[year]!, year), at: year)
            }
        }
        return outcomes.values
    }

    /// The program's objective of per-year values: (1 − A) E[Q] + A CVaR_α(Q).
    public func objective(_ values: [Double]) -> Double {
        let expected = zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        let aversion = builder.options.riskAversion
        guard aversion > 0 else { return expected }
        return (1 - aversion) * expected
            + aversion * lowerTailCVaR(values, probabilities: probabilities, tailShare: builder.options.tailShare)
    }

    /// Every year's recourse at `reserves`.
    public func evaluate(_ reserves: [Double]) throws -> Evaluation {
        let outcomes = try everyYear { year, index in try year.solve(at: reserves, year: index + 1) }
        let values = outcomes.map(\.objective)
        let expected = zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        return Evaluation(reserves: reserves, years: outcomes, objective: objective(values), expected: expected)
    }

    /// Each year's optimum when the year is known before the reserve is chosen.
    public func perfectInformation() throws -> [YearOutcome] {
        let capacities = builder.capacities
        return try everyYear { year, index in try year.solve(at: capacities, free: capacities, year: index + 1) }
    }

    /// Δ_p at the start, as a share of C_p. Measured at region size with 10 sampled years
    /// (Benchmarks/RESULTS.md): 2% took 112 rounds, 5% 123, 20% (with a faster shrink) 248; how
    /// many null steps before Δ halves mattered less (1: 127 rounds, 3: 123, 6: 143).
    static let initialRadius = 0.02

    /// The L-shaped method from `start` (clipped to [0, C_p]); see `solve(from:)` below.
    public func solve(from start: [Double]) throws -> Outcome {
        try solve(from: [evaluate(zip(start, builder.capacities).map { min(max(0, $0), $1) })])
    }

    /// The L-shaped method from reserves already evaluated (`starts`, at least one; the best is
    /// where the search begins, and every year's outcome at each is a first cut). A box trust
    /// region around the best reserves so far (Linderoth and Wright's box-step) keeps the
    /// proposals near it: with 77 pools the plain method spends its first rounds on the corners of
    /// the box [0, C]. The master is solved within |R_p − R̂_p| ≤ Δ_p (Δ_p starts at 2% of C_p);
    /// a proposal that gains at least a tenth of what the master promised becomes the incumbent R̂
    /// (and Δ doubles when the proposal was on the edge of the box); after three proposals in a
    /// row that do not, Δ halves. When the boxed master promises nothing more, the master without
    /// the box is solved: its optimum is an upper bound of the program, and the method stops when
    /// the best value found is within the tolerance of it (else the box grows and the rounds go on).
    public func solve(from starts: [Evaluation]) throws -> Outcome {
        guard var best = starts.max(by: { $0.objective < $1.objective }) else { throw RobustError.noSamples }
        let capacities = builder.capacities
        let tolerance = builder.options.tolerance
        let master = try RobustMaster(builder: builder, ideals: ideals, probabilities: probabilities)
        var cutCount = 0
        var upper = Double.infinity
        var radius = capacities.map { max(1, RobustSolver.initialRadius * $0) }
        var failures = 0
        let tracing = ProcessInfo.processInfo.environment["IVP_ROBUST_TRACE"] != nil
        var yearSeconds = 0.0, masterSeconds = 0.0

        /// The cut of `year`'s outcome at its reserves: θ_s ≤ Q_s + Σ_p d_sp (R_p − R^k_p).
        func cut(_ year: Int, _ outcome: YearOutcome) -> (year: Int, constant: Double, gradient: [Double]) {
            (year, outcome.objective - zip(outcome.gradient, outcome.reserves).reduce(0) { $0 + $1.0 * $1.1 }, outcome.gradient)
        }
        /// Evaluates `proposal` and adds a cut for every year the master overstated by more than
        /// a tenth of the stopping tolerance. The margin is absolute and the same for every year:
        /// the objective moves by at most the largest change of one θ_s, so a round that adds no
        /// cut finds the proposal worth within that margin of the master's promise, a step that
        /// gains at least 0.9 of it. (A margin relative to each |Q_s|, with years of both signs,
        /// let a run at N = 30, region size, stall 1.5·10⁻⁸ from the optimum for 500 rounds.)
        func visit(_ proposal: [Double], promised theta: [Double]) throws -> Evaluation {
            let started = Date()
            let evaluation = try evaluate(proposal)
            yearSeconds = Date().timeIntervalSince(started)
            let margin = 0.1 * tolerance * max(1, abs(best.objective))
            var cuts: [(year: Int, constant: Double, gradient: [Double])] = []
            for (index, year) in evaluation.years.enumerated() where theta[index] > year.objective + margin {
                cuts.append(cut(index, year))
            }
            try master.add(cuts)
            cutCount += cuts.count
            return evaluation
        }
        func solveMaster(_ box: [(Double, Double)]) throws -> RobustMaster.Proposal {
            let started = Date()
            defer { masterSeconds = Date().timeIntervalSince(started) }
            return try master.solve(box: box)
        }
        var first: [(year: Int, constant: Double, gradient: [Double])] = []
        for start in starts { first += start.years.enumerated().map { cut($0.offset, $0.element) } }
        try master.add(first)
        cutCount += first.count

        for iteration in 1...builder.options.maxIterations {
            let box = zip(best.reserves, zip(radius, capacities)).map { reserve, pair in
                (max(0, reserve - pair.0), min(pair.1, reserve + pair.0))
            }
            let boxed = try solveMaster(box)
            func trace(_ note: String) {
                guard tracing else { return }
                let line = "round \(iteration) \(note): best \(best.objective) boxed \(boxed.objective) upper \(upper) cuts \(cutCount)"
                    + " master \(String(format: "%.3f", masterSeconds)) s years \(String(format: "%.3f", yearSeconds)) s\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            if boxed.objective - best.objective <= tolerance * max(1, abs(boxed.objective)) {
                let whole = try solveMaster(capacities.map { (0, $0) })
                upper = min(upper, whole.objective)
                trace("check")
                if upper - best.objective <= tolerance * max(1, abs(upper)) {
                    return Outcome(best: best, upperBound: upper, iterations: iteration, cuts: cutCount)
                }
                radius = zip(radius, capacities).map { min($1, 4 * $0) }
                continue
            }
            let evaluation = try visit(boxed.reserves, promised: boxed.thetas)
            if evaluation.objective >= best.objective + 0.1 * (boxed.objective - best.objective) {
                let onEdge = zip(boxed.reserves, zip(best.reserves, radius)).contains { proposal, pair in
                    abs(abs(proposal - pair.0) - pair.1) <= 1e-9 * max(1, pair.1)
                }
                best = evaluation
                failures = 0
                if onEdge { radius = zip(radius, capacities).map { min($1, 2 * $0) } }
                trace("step")
            } else {
                failures += 1
                if failures >= 3 {
                    radius = radius.map { max(1e-6, $0 / 2) }
                    failures = 0
                }
                trace("null")
            }
        }
        throw RobustError.notConverged(iterations: builder.options.maxIterations, lower: best.objective, upper: upper)
    }
}

/// The master of the L-shaped method, kept as one GLPK problem on the thread that solves: the
/// reserves R_p, θ_s ≤ I_s for every year (and CVaR's η and u_s, as in the extensive form), and
/// every cut so far as a row θ_s − Σ_p d_sp R_p ≤ Q_s(R^k) − Σ_p d_sp R^k_p. New cuts are added
/// as rows and the trust region is set as the bounds of R, so each solve is a warm dual simplex
/// from the last optimum (a new row is basic, so the kept basis stays dual feasible).
final class RobustMaster {
    struct Proposal {
        var objective: Double
        var reserves: [Double]
        var thetas: [Double]
    }

    let problem: GLPKProblem
    let reserves: [Variable]
    let thetas: [Variable]
    private var cuts: [Int]

    init(builder: RobustBlockBuilder, ideals: [Double], probabilities: [Double]) throws {
        var program = LinearProgram(name: "ivp_master")
        reserves = builder.addReserveColumns(to: &program)
        let bound = max(1, ideals.max() ?? 1) * 1e3
        thetas = ideals.enumerated().map { index, ideal in
            program.addVariable("theta(\(index + 1))", lower: -bound, upper: ideal)
        }
        builder.setObjective(thetas.map { LinearExpression($0, 1) }, probabilities: probabilities, bound: bound, on: &program)
        problem = try GLPKProblem(program)
        cuts = Array(repeating: 0, count: ideals.count)
    }

    /// Adds θ_s − Σ_p d_sp R_p ≤ constant for every cut.
    func add(_ newCuts: [(year: Int, constant: Double, gradient: [Double])]) throws {
        var rows: [GLPKProblem.NewRow] = []
        for cut in newCuts {
            cuts[cut.year] += 1
            var row = LinearExpression(thetas[cut.year], 1)
            for (reserve, slope) in zip(reserves, cut.gradient) where slope != 0 { row.add(reserve, -slope) }
            rows.append(GLPKProblem.NewRow("cut(\(cut.year + 1),\(cuts[cut.year]))", row, upper: cut.constant))
        }
        try problem.addRows(rows)
    }

    /// The master's optimum with `box` as the bounds of R.
    func solve(box: [(Double, Double)]) throws -> Proposal {
        for (column, (low, high)) in zip(reserves, box) { try problem.setBounds(of: column, lower: low, upper: high) }
        let solution = try problem.solve(SolverOptions(method: .dual))
        guard solution.status == .optimal, solution.hasSolution else {
            throw RobustError.yearNotOptimal(year: 0, status: "master " + solution.status.rawValue)
        }
        return Proposal(objective: problem.program.objective.evaluate(solution.values),
                        reserves: reserves.map { solution.value($0) }, thetas: thetas.map { solution.value($0) })
    }
}

/// Values written by several threads, one slot each, read after they are all done.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    /// Every slot's value; only after every slot was stored.
    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// The error of each host, if any; the first in host order is rethrown.
private final class FailureSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(any Error)?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ error: any Error, at index: Int) {
        lock.lock()
        slots[index] = error
        lock.unlock()
    }
    var first: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }.first
    }
}

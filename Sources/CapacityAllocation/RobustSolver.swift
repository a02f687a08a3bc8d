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
/// The master's optimum is an upper bound of the program's, and the best proposal evaluated so
/// far a lower bound; they meet (within `RobustOptions.tolerance`) after finitely many rounds,
/// since each year's Q_s has finitely many pieces. The answer is therefore the extensive form's
/// optimum, which the tests check against the extensive form solved whole.
///
/// Every GLPK problem is made, used and dropped on the calling thread (DESIGN.md 6).
public final class RobustSolver {
    public let builder: RobustBlockBuilder
    public let samples: [Scenario]
    public let probabilities: [Double]
    private var years: [YearProblem] = []

    /// One year's recourse with the reserve columns fixed.
    final class YearProblem {
        let problem: GLPKProblem
        let reserves: [Variable]
        let block: RobustBlockBuilder.Block
        var solvedOnce = false

        init(_ sample: Scenario, tag: String, builder: RobustBlockBuilder) throws {
            var program = LinearProgram(name: "ivp_year")
            reserves = builder.addReserveColumns(to: &program)
            block = try builder.appendYear(sample, tag: tag, reserves: reserves, to: &program)
            program.objective = block.objective
            program.sense = .maximize
            problem = try GLPKProblem(program)
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
            return YearOutcome(objective: block.objective.evaluate(solution.values),
                               value: block.value.evaluate(solution.values),
                               cutHours: block.cutHours.evaluate(solution.values),
                               shortfallHours: block.shortfallHours.evaluate(solution.values),
                               gradient: reserves.map { solution.reducedCost($0) },
                               reserves: reserves.map { solution.value($0) })
        }
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

    public init(builder: RobustBlockBuilder, samples: [Scenario], probabilities: [Double]? = nil) throws {
        guard !samples.isEmpty else { throw RobustError.noSamples }
        self.builder = builder
        self.samples = samples
        self.probabilities = probabilities ?? Array(repeating: 1 / Double(samples.count), count: samples.count)
        for (index, sample) in samples.enumerated() {
            years.append(try YearProblem(sample, tag: "", builder: builder))
            _ = index
        }
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
        var outcomes: [YearOutcome] = []
        for (index, year) in years.enumerated() { outcomes.append(try year.solve(at: reserves, year: index + 1)) }
        let values = outcomes.map(\.objective)
        let expected = zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        return Evaluation(reserves: reserves, years: outcomes, objective: objective(values), expected: expected)
    }

    /// Each year's optimum when the year is known before the reserve is chosen.
    public func perfectInformation() throws -> [YearOutcome] {
        let capacities = builder.capacities
        var outcomes: [YearOutcome] = []
        for (index, year) in years.enumerated() {
            outcomes.append(try year.solve(at: capacities, free: capacities, year: index + 1))
        }
        return outcomes
    }

    /// The L-shaped method from `start` (clipped to [0, C_p]), with a box trust region around the
    /// best reserves so far (Linderoth and Wright's box-step): with 77 pools the plain method
    /// spends its first rounds on the corners of the box [0, C]. The master is solved within
    /// |R_p − R̂_p| ≤ Δ_p; a proposal that gains at least a tenth of what the master promised
    /// becomes the incumbent R̂ (and Δ doubles when the proposal was on the edge of the box);
    /// after three proposals in a row that do not, Δ halves. When the boxed master promises
    /// nothing more, the master without the box is solved: its optimum is an upper bound of the
    /// program, and the method stops when the best value found is within the tolerance of it
    /// (else the box grows and the rounds go on).
    public func solve(from start: [Double]) throws -> Outcome {
        let capacities = builder.capacities
        let count = years.count
        let tolerance = builder.options.tolerance
        var cuts: [[(constant: Double, gradient: [Double])]] = Array(repeating: [], count: count)
        let ideals = years.map { $0.block.ideal }
        var cutCount = 0
        var upper = Double.infinity
        var radius = capacities.map { max(1, 0.05 * $0) }
        var failures = 0

        /// Evaluates `proposal` and adds a cut for every year the master overstated.
        func visit(_ proposal: [Double], promised theta: [Double]?) throws -> Evaluation {
            let evaluation = try evaluate(proposal)
            for (index, year) in evaluation.years.enumerated() {
                if let theta, theta[index] <= year.objective + 1e-9 * max(1, abs(year.objective)) { continue }
                let constant = year.objective - zip(year.gradient, proposal).reduce(0) { $0 + $1.0 * $1.1 }
                cuts[index].append((constant, year.gradient))
                cutCount += 1
            }
            return evaluation
        }

        var best = try visit(zip(start, capacities).map { min(max(0, $0), $1) }, promised: nil)
        for iteration in 1...builder.options.maxIterations {
            let box = zip(best.reserves, zip(radius, capacities)).map { reserve, pair in
                (max(0, reserve - pair.0), min(pair.1, reserve + pair.0))
            }
            let boxed = try solveMaster(cuts: cuts, ideals: ideals, box: box)
            func trace(_ note: String) {
                if ProcessInfo.processInfo.environment["IVP_ROBUST_TRACE"] != nil {
                    FileHandle.standardError.write("round \(iteration) \(note): best \(best.objective) boxed \(boxed.objective) upper \(upper) cuts \(cutCount)\n".data(using: .utf8)!)
                }
            }
            if boxed.objective - best.objective <= tolerance * max(1, abs(boxed.objective)) {
                let whole = try solveMaster(cuts: cuts, ideals: ideals, box: capacities.map { (0, $0) })
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

    private func solveMaster(cuts: [[(constant: Double, gradient: [Double])]], ideals: [Double],
                             box: [(Double, Double)]) throws -> (objective: Double, reserves: [Double], thetas: [Double]) {
        var program = LinearProgram(name: "ivp_master")
        let reserves = builder.addReserveColumns(to: &program)
        for (column, (low, high)) in zip(reserves, box) { program.setBounds(of: column, lower: low, upper: high) }
        let bound = max(1, ideals.max() ?? 1) * 1e3
        var thetas: [Variable] = []
        for (index, ideal) in ideals.enumerated() {
            let theta = program.addVariable("theta(\(index + 1))", lower: -bound, upper: ideal)
            thetas.append(theta)
            for (cutIndex, cut) in cuts[index].enumerated() {
                // θ_s − Σ_p d_sp R_p ≤ constant.
                var row = LinearExpression(theta, 1)
                for (reserve, slope) in zip(reserves, cut.gradient) where slope != 0 { row.add(reserve, -slope) }
                program.addConstraint("cut(\(index + 1),\(cutIndex + 1))", row, upper: cut.constant)
            }
        }
        builder.setObjective(thetas.map { LinearExpression($0, 1) }, probabilities: probabilities, bound: bound, on: &program)
        let solution = try GLPK.solve(program, options: SolverOptions(method: .dual))
        guard solution.status == .optimal, solution.hasSolution else {
            throw RobustError.yearNotOptimal(year: 0, status: "master " + solution.status.rawValue)
        }
        return (program.objective.evaluate(solution.values), reserves.map { solution.value($0) },
                thetas.map { solution.value($0) })
    }
}

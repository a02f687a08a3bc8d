import LinearProgramming

/// Settings of the two-stage program of `ivp solve --robust` (docs/model.md, "The robust reserve").
public struct RobustOptions: Sendable, Equatable {
    /// A in [0, 1]: the weight of CVaR of the lower tail against the expected value.
    public var riskAversion: Double
    /// α: the share of worst years whose mean CVaR takes (0.1: the years below P10).
    public var tailShare: Double
    /// κ: value-hours lost per planned hour that a loss of capacity cuts from the plan (work
    /// started and abandoned), on top of the value the hour had. Nil: 2ω, the move penalty of
    /// `ivp risk`'s recourse (ω the most value one hour can add).
    public var cutCost: Double?
    /// Relative gap at which the decomposition stops: (upper − lower) ≤ tolerance · max(1, |upper|).
    public var tolerance: Double
    public var maxIterations: Int

    public init(riskAversion: Double = 0, tailShare: Double = 0.1, cutCost: Double? = nil, tolerance: Double = 1e-8,
                maxIterations: Int = 500) {
        self.riskAversion = riskAversion
        self.tailShare = tailShare
        self.cutCost = cutCost
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}

/// The pieces of the two-stage program: the first stage (a reserve R_p per pool) and, for each
/// sampled year, the recourse block that reads R. The same builder writes the subproblems of the
/// decomposition (R fixed), the extensive form (R shared by every block) and the single-year
/// problems of perfect information (R free, one block).
///
/// First stage: 0 ≤ R_p ≤ C_p, the reserve in hours of pool p, out of its capacity C_p as the
/// scenario is written. The plan puts the other C_p − R_p hours to work.
///
/// Recourse in year s (capacities C^s_p, needs n^s_tm, every row of the model as in that year):
/// - the model of the year with no reserve: Σ_tm x_ptm ≤ C^s_p (the reserve is released first);
/// - the plan: Σ_tm x_ptm + R_p ≤ C_p (the year works the plan's hours, never the reserve for
///   its own sake);
/// - the cut: k_p + R_p ≥ C_p − C^s_p, k_p ≥ 0 (hours of the plan that a loss beyond the reserve
///   cuts), written only for pools whose capacity the year lowers;
/// - within each pool the hours move freely (x is the year's own allocation) to keep minimums and
///   norms: each minimum and presence row gets a shortfall σ ≥ 0, so every year has a recourse;
/// - value Q_s = V_s − κ Σ_p k_p − μ Σ σ. With ω the most value one hour can add (max over
///   assignments of efficiency · W_tm · the first segment's value) and η the least efficiency,
///   κ = 2ω unless given and μ = 500 ω / η, the penalties of `ivp risk`'s recourse: a promise
///   comes before any value, and a cut costs more than the value an hour can bring.
public struct RobustBlockBuilder: Sendable {
    public let nominal: Scenario
    public let options: RobustOptions
    /// κ and μ as used.
    public let cutCost: Double
    public let shortfallPenalty: Double

    public init(nominal: Scenario, options: RobustOptions) {
        self.nominal = nominal
        self.options = options
        let model = Formulation(nominal)
        var omega = 0.0, eta = Double.infinity
        for assignment in model.assignments {
            let cell = model.cells[assignment.cell]
            let first = nominal.themes[cell.theme].returns.first?.value ?? 1
            omega = max(omega, assignment.efficiency * cell.weight * first)
            if assignment.efficiency > 0 { eta = min(eta, assignment.efficiency) }
        }
        if omega <= 0 { omega = 1 }
        if !eta.isFinite { eta = 1 }
        cutCost = options.cutCost ?? 2 * omega
        shortfallPenalty = 500 * omega / eta
    }

    /// C_p of every pool as the scenario is written.
    public var capacities: [Double] { nominal.pools.map { max(0, $0.capacity) } }

    /// One sampled year appended to a program.
    public struct Block: Sendable {
        /// Q_s: the year's value minus the cut and shortfall penalties.
        public var objective: LinearExpression
        /// V_s: the year's value alone.
        public var value: LinearExpression
        /// Σ_p k_p: planned hours cut.
        public var cutHours: LinearExpression
        /// Σ σ: hours of minimum and presence promises not kept.
        public var shortfallHours: LinearExpression
        /// The year's ideal I_s: an upper bound of Q_s.
        public var ideal: Double
        public var penalty: Double
    }

    /// The reserve columns R_p, 0 ≤ R_p ≤ C_p.
    public func addReserveColumns(to program: inout LinearProgram) -> [Variable] {
        zip(nominal.pools, capacities).map { pool, capacity in
            program.addVariable("reserve(\(pool.id))", lower: 0, upper: capacity)
        }
    }

    /// Appends the recourse of the year `sample` (the scenario with its sampled numbers; the same
    /// pools in the same order) to `program`, reading the reserve columns `reserves`.
    public func appendYear(_ sample: Scenario, tag: String, reserves: [Variable], to program: inout LinearProgram) throws -> Block {
        guard sample.pools.map(\.id) == nominal.pools.map(\.id) else {
            throw RobustError.samplePoolsDiffer
        }
        var year = sample
        for index in year.pools.indices {
            year.pools[index].reserve = 0
            year.pools[index].usesDefaultReserve = false
        }
        let model = Formulation(year)
        let offset = program.variables.count
        for definition in model.program.variables {
            program.addVariable("\(tag)\(definition.name)", lower: definition.lower, upper: definition.upper,
                                integer: false)
        }
        func shifted(_ expression: LinearExpression) -> LinearExpression {
            var result = LinearExpression(constant: expression.constant)
            for (variable, coefficient) in expression.sortedTerms { result.add(Variable(index: variable.index + offset), coefficient) }
            return result
        }
        let penalty = shortfallPenalty
        var shortfall = LinearExpression()
        for (index, definition) in model.program.constraints.enumerated() {
            var expression = shifted(definition.expression)
            switch model.rows[index] {
            case .minimum, .presence:
                let sigma = program.addVariable("\(tag)short(\(definition.name))", lower: 0)
                expression.add(sigma, 1)
                shortfall.add(sigma, 1)
            default: break
            }
            program.addConstraint("\(tag)\(definition.name)", expression, lower: definition.lower, upper: definition.upper)
        }
        var cut = LinearExpression()
        for (index, pool) in year.pools.enumerated() {
            let capacity = capacities[index]
            var plan = shifted(model.program.constraints[model.capacityRows[index].index].expression)
            plan.add(reserves[index], 1)
            program.addConstraint("\(tag)plan(\(pool.id))", plan, upper: capacity)
            let loss = capacity - max(0, pool.capacity)
            if loss > 0 {
                let cutHours = program.addVariable("\(tag)cut(\(pool.id))", lower: 0)
                var row = LinearExpression(cutHours, 1)
                row.add(reserves[index], 1)
                program.addConstraint("\(tag)cutrow(\(pool.id))", row, lower: loss)
                cut.add(cutHours, 1)
            }
        }
        let value = shifted(model.value)
        var objective = value
        objective.add(cut, times: -cutCost)
        objective.add(shortfall, times: -penalty)
        return Block(objective: objective, value: value, cutHours: cut, shortfallHours: shortfall,
                     ideal: model.ideal, penalty: penalty)
    }

    /// Adds the objective (1 − A) Σ_s p_s Q_s + A (η − (1/α) Σ_s p_s u_s), with u_s ≥ η − Q_s,
    /// u_s ≥ 0 when A > 0 (Rockafellar and Uryasev: the maximum over η is CVaR_α of Q).
    /// `years` are the Q_s as expressions (the blocks, or the master's θ_s).
    public func setObjective(_ years: [LinearExpression], probabilities: [Double], bound: Double,
                             on program: inout LinearProgram) {
        var objective = LinearExpression()
        let aversion = options.riskAversion
        for (year, probability) in zip(years, probabilities) { objective.add(year, times: (1 - aversion) * probability) }
        if aversion > 0 {
            let eta = program.addVariable("cvar_level", lower: -bound, upper: bound)
            objective.add(eta, aversion)
            for (index, (year, probability)) in zip(years, probabilities).enumerated() {
                let excess = program.addVariable("cvar_excess(\(index + 1))", lower: 0)
                objective.add(excess, -aversion * probability / options.tailShare)
                var row = LinearExpression(excess, 1)
                row.add(eta, -1)
                row.add(year, times: 1)
                program.addConstraint("cvar(\(index + 1))", row, lower: 0)
            }
        }
        program.objective = objective
        program.sense = .maximize
    }

    /// The extensive form: the reserve columns and every year's block in one LP.
    public func extensiveForm(_ samples: [Scenario], probabilities: [Double]) throws -> (program: LinearProgram, reserves: [Variable], blocks: [Block]) {
        var program = LinearProgram(name: "ivp_robust")
        let reserves = addReserveColumns(to: &program)
        var blocks: [Block] = []
        for (index, sample) in samples.enumerated() {
            blocks.append(try appendYear(sample, tag: "s\(index + 1)_", reserves: reserves, to: &program))
        }
        let bound = Self.bound(blocks)
        setObjective(blocks.map(\.objective), probabilities: probabilities, bound: bound, on: &program)
        return (program, reserves, blocks)
    }

    /// A bound on |Q_s| for every year: above by the ideal, below by the penalties of cutting and
    /// missing everything.
    static func bound(_ blocks: [Block]) -> Double {
        max(1, blocks.map { $0.ideal }.max() ?? 1) * 1e3
    }
}

/// The lower-tail CVaR of values with probabilities: max over η of η − (1/α) Σ p_s (η − Q_s)⁺,
/// whose maximum lies at one of the values (the function is concave and piecewise linear).
public func lowerTailCVaR(_ values: [Double], probabilities: [Double], tailShare: Double) -> Double {
    var best = -Double.infinity
    for eta in values {
        var shortfall = 0.0
        for (value, probability) in zip(values, probabilities) where value < eta { shortfall += probability * (eta - value) }
        best = max(best, eta - shortfall / tailShare)
    }
    return best
}

public enum RobustError: Error, Equatable, CustomStringConvertible {
    case samplePoolsDiffer
    case noSamples
    case notConverged(iterations: Int, lower: Double, upper: Double)
    case yearNotOptimal(year: Int, status: String)

    public var description: String {
        switch self {
        case .samplePoolsDiffer: "a sampled year has other pools than the scenario"
        case .noSamples: "the robust reserve needs at least one sampled year"
        case .notConverged(let iterations, let lower, let upper):
            "the decomposition did not close its gap in \(iterations) iterations (lower \(lower), upper \(upper))"
        case .yearNotOptimal(let year, let status): "the recourse of year \(year) ended \(status)"
        }
    }
}

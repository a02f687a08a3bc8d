import LinearProgramming

/// An allocation to stay close to: the base's optimum in a what-if, this year's plan for
/// `ivp solve --closest-to`, the allocation `ivp evaluate` reads.
public struct AllocationReference: Sendable {
    public enum Kind: String, Sendable, Codable {
        /// The optimum of the base scenario of a what-if (compare, sweep).
        case base
        /// An allocation read from a CSV file (`--closest-to`, evaluate).
        case allocation
    }

    /// The file the allocation came from, as the user named it.
    public var label: String
    public var kind: Kind
    /// Hours per (pool, theme, municipality).
    public var hours: [CellKey: Double]
    /// Whether to pick the closest optimum (the stable choice) or only measure the distance of the
    /// raw optimum (`--no-stable`).
    public var stable: Bool

    public struct CellKey: Hashable, Sendable {
        public var pool: String
        public var theme: String
        public var municipality: String
        public init(pool: String, theme: String, municipality: String) {
            self.pool = pool
            self.theme = theme
            self.municipality = municipality
        }
    }

    public init(label: String, kind: Kind, lines: [AllocationLine], stable: Bool = true) {
        self.label = label
        self.kind = kind
        self.stable = stable
        var hours: [CellKey: Double] = [:]
        for line in lines {
            hours[CellKey(pool: line.pool, theme: line.theme, municipality: line.municipality), default: 0] += line.hours
        }
        self.hours = hours
    }
}

/// Which allocation a result shows when it was compared with another one, and how far it is from it.
public struct AllocationChoice: Sendable, Equatable, Codable {
    /// The reference allocation's file.
    public var reference: String
    public var kind: AllocationReference.Kind
    /// Whether the allocation shown is the optimum closest to the reference (else the raw optimum).
    public var stable: Bool
    /// Σ |x − x⁰| over every (pool, theme, municipality), cells missing on one side counting as 0.
    public var hoursMoved: Double
}

/// The stable choice (DESIGN.md 4.5): among the allocations that keep a solve's optimum (every
/// stage value, or z*, held to the lexicographic stages' tolerance), the one with the least total
/// absolute change in hours from a reference allocation. An LP optimum is rarely unique; without
/// this a what-if would show swaps between equally good allocations as if it caused them.
enum StableChoice {
    /// Adds Σ|x − x⁰| to `program`: for every assignment the reference gives hours, x − p + n = x⁰
    /// with p, n ≥ 0 (columns `more`, `less`, row `move`), else x itself; returns the distance to minimise.
    static func addDistance(to program: inout LinearProgram, formulation: Formulation, target: [Double]) -> LinearExpression {
        var distance = LinearExpression()
        for (index, assignment) in formulation.assignments.enumerated() {
            let hours = target[index]
            if hours <= 0 {
                distance.add(assignment.variable, 1)
            } else {
                let more = program.addVariable("more(\(index + 1))", lower: 0)
                let less = program.addVariable("less(\(index + 1))", lower: 0)
                var row = LinearExpression(assignment.variable, 1)
                row.add(more, -1)
                row.add(less, 1)
                program.addConstraint("move(\(index + 1))", row, lower: hours, upper: hours)
                distance.add(more, 1)
                distance.add(less, 1)
            }
        }
        return distance
    }

    struct Outcome {
        /// Every variable of the solved formulation's program.
        var values: [Double]
        var hoursMoved: Double
    }

    /// Relative tolerance of the held optimum, the one of the lexicographic stages.
    static let tolerance = Allocator.stageTolerance

    /// Minimises Σ_{x⁰=0} x + Σ_{x⁰>0} (p + n) with x − p + n = x⁰, over the kept problem's program
    /// (the last stage's rows, with select mode's choices fixed) and its objective held at its
    /// optimum. The hold is written per independent part of the program, each part at its own
    /// optimum: the optima of the whole are exactly the combinations of the parts' optima, and the
    /// stable LP keeps the parts apart (and parallel).
    static func closest(to reference: AllocationReference, in model: SolvedModel) throws -> Outcome {
        guard model.outcome.problem != nil else {
            return Outcome(values: model.outcome.solution.values,
                           hoursMoved: hoursMoved(model.outcome.solution.values, from: reference, formulation: model.formulation))
        }
        let held = HeldProgram(model, reference: reference)
        let problem = try SolverProblems.make(held.program, threads: model.options.threads)
        // The primal simplex: measured on a generated region (1,299 rows) with every FTE 5% lower,
        // the stable LP took 0.5 s with it against 0.7 s (dual), 1.3 s (the automatic crossover)
        // and 1.6 s (interior point), all to the same distance.
        let method: SolverMethod = model.options.method == .automatic ? .primal : model.options.method
        return try held.solve(problem, method: method, reference: reference, model: model)
    }

    /// The stable LP of `closest`: the kept problem's program, each independent part's objective
    /// held at its optimum (rows `hold`), and the distance to the reference as the objective.
    struct HeldProgram {
        var program: LinearProgram
        /// The number of the kept program's rows and columns (the stable LP's come after them).
        var baseVariables: Int
        var baseConstraints: Int
        /// Each part of the objective with the row that holds it.
        var holds: [(row: Constraint, part: LinearExpression, lower: Double?, upper: Double?)]
        var target: [Double]

        init(_ model: SolvedModel, reference: AllocationReference) {
            let kept = model.outcome.problem!
            let formulation = model.formulation
            program = kept.program
            baseVariables = program.variables.count
            baseConstraints = program.constraints.count
            holds = []
            let optimum = model.outcome.solution.values
            let objective = program.objective
            let decomposition = Decomposition(program)
            var parts = [LinearExpression](repeating: LinearExpression(), count: decomposition.blocks.count)
            for (variable, coefficient) in objective.terms {
                parts[decomposition.locate(variable).block].add(variable, coefficient)
            }
            for (index, part) in parts.enumerated() where !part.terms.isEmpty {
                let bounds = HeldProgram.bounds(of: part, at: optimum, sense: program.sense)
                let row = program.addConstraint("hold(\(index + 1))", part, lower: bounds.lower, upper: bounds.upper)
                holds.append((row, part, bounds.lower, bounds.upper))
            }
            target = targets(reference, formulation: formulation).hours
            let distance = StableChoice.addDistance(to: &program, formulation: formulation, target: target)
            program.objective = distance
            program.sense = .minimize
        }

        /// The part's value at the optimum, less the tolerance (more, when minimising).
        static func bounds(of part: LinearExpression, at optimum: [Double], sense: OptimizationSense) -> (lower: Double?, upper: Double?) {
            let best = part.evaluate(optimum)
            return sense == .maximize ? (best - tolerance * max(1, abs(best)), nil) : (nil, best + tolerance * max(1, abs(best)))
        }

        /// Solves the stable LP loaded in `problem`; the raw optimum when that does not end optimal.
        func solve(_ problem: any SolverProblem, method: SolverMethod, reference: AllocationReference,
                   model: SolvedModel) throws -> Outcome {
            let formulation = model.formulation
            let optimum = model.outcome.solution.values
            let solution = try problem.solve(SolverOptions(method: method, timeLimit: model.budget.remaining))
            guard solution.status == .optimal, solution.hasSolution else {
                // The optimum itself keeps the hold rows; a failure here is the solver's, so show the
                // raw optimum and measure its distance rather than fail the report.
                return Outcome(values: optimum, hoursMoved: hoursMoved(optimum, from: reference, formulation: formulation))
            }
            let values = Array(solution.values.prefix(formulation.program.variables.count))
            // Measured on the values themselves, so that it is exactly the distance of what is shown.
            return Outcome(values: values, hoursMoved: hoursMoved(values, from: reference, formulation: formulation))
        }
    }

    /// Σ |x − x⁰| of an allocation of `formulation` from the reference.
    static func hoursMoved(_ values: [Double], from reference: AllocationReference, formulation: Formulation) -> Double {
        let (target, absent) = targets(reference, formulation: formulation)
        var total = absent
        for (index, assignment) in formulation.assignments.enumerated() {
            let hours = max(0, values[assignment.variable.index])
            total += abs(hours - target[index])
        }
        return total
    }

    /// The reference's hours per assignment of `formulation`, and the hours of reference cells the
    /// formulation does not have (a removed pool or theme: every one of them moves).
    static func targets(_ reference: AllocationReference, formulation: Formulation) -> (hours: [Double], absent: Double) {
        let scenario = formulation.scenario
        var target = [Double](repeating: 0, count: formulation.assignments.count)
        var found = Set<AllocationReference.CellKey>()
        for (index, assignment) in formulation.assignments.enumerated() {
            let cell = formulation.cells[assignment.cell]
            let key = AllocationReference.CellKey(pool: scenario.pools[assignment.pool].id,
                                                  theme: scenario.themes[cell.theme].id, municipality: cell.municipality)
            if let hours = reference.hours[key] {
                target[index] = hours
                found.insert(key)
            }
        }
        var absent = 0.0
        for (key, hours) in reference.hours where !found.contains(key) { absent += abs(hours) }
        return (target, absent)
    }
}

extension Formulation {
    /// Allocation lines from hours per assignment (as `AllocationCSV` reads them).
    public func allocationLines(_ hours: [Int: Double]) -> [AllocationLine] {
        hours.sorted { $0.key < $1.key }.map { index, amount in
            let assignment = assignments[index]
            let cell = cells[assignment.cell]
            return AllocationLine(pool: scenario.pools[assignment.pool].id, theme: scenario.themes[cell.theme].id,
                                  municipality: cell.municipality, hours: amount, effectiveHours: amount * assignment.efficiency)
        }
    }
}

/// The stable choice of a live what-if session (`ivp serve`), kept warm from one state to the
/// next: the LP of `StableChoice.closest` (the model's rows, each part of the objective held at its
/// optimum, the distance to the plan's allocation as the objective), built once and kept. At the
/// next state with the same rows and columns (every change of a number), only its bounds move: the
/// model's own bounds and the hold rows' (the new optimum's value less the tolerance), and after a
/// weight the hold rows' coefficients. The distance, the objective, stays; the simplex starts from
/// the last basis (dual feasible when only bounds moved) instead of building and solving the LP
/// from scratch (measured in Benchmarks/RESULTS.md, "ivp serve"). It is the same LP as `closest`'s, so
/// it moves the same hours. When the structure changes (a theme dropped, a row added) the LP is
/// built again, as `closest` builds it.
///
/// Used on one thread (its GLPK problem belongs to the thread that made it).
public final class WarmStableChoice {
    public let reference: AllocationReference
    private var problem: (any SolverProblem)?
    /// The stable LP as loaded into `problem`.
    private var held: StableChoice.HeldProgram?
    /// The row expressions of the model the LP was built on, and where each column lies among the
    /// independent parts of the objective.
    private var constraints: [LinearExpression] = []
    private var decomposition: Decomposition?

    public init(reference: AllocationReference) {
        self.reference = reference
    }

    /// Builds the stable LP from scratch again at the next call.
    public func forget() {
        problem = nil
        held = nil
        constraints = []
        decomposition = nil
    }

    /// Builds the LP on `model` (the plan's, when a session opens), so that the first change
    /// already re-solves it warm.
    public func prepare(_ model: SolvedModel) throws {
        _ = try closest(in: model)
    }

    /// Whether the LP was built anew at the last call (else it was re-solved warm).
    public private(set) var builtAnew = true

    func closest(in model: SolvedModel) throws -> StableChoice.Outcome {
        guard model.options.mode == .weighted, let kept = model.outcome.problem, model.outcome.solution.hasSolution else {
            forget()
            builtAnew = true
            return try StableChoice.closest(to: reference, in: model)
        }
        let base = kept.program
        if let problem, var held, let decomposition, held.baseVariables == base.variables.count,
           held.baseConstraints == base.constraints.count,
           zip(constraints, base.constraints).allSatisfy({ $0 == $1.expression }) {
            var parts = [LinearExpression](repeating: LinearExpression(), count: decomposition.blocks.count)
            for (variable, coefficient) in base.objective.terms {
                parts[decomposition.locate(variable).block].add(variable, coefficient)
            }
            let kept = parts.filter { !$0.terms.isEmpty }
            if kept.count == held.holds.count, StableChoice.targets(reference, formulation: model.formulation).hours == held.target {
                // A weight moves the objective's coefficients, so the hold rows' coefficients: the
                // row takes the new ones in place, the basis's statuses stay.
                for (index, part) in kept.enumerated() where part != held.holds[index].part {
                    try problem.setCoefficients(of: held.holds[index].row, part)
                    held.holds[index].part = part
                }
                let current = problem.program
                for (index, variable) in base.variables.enumerated() {
                    let now = current.variables[index]
                    if now.lower != variable.lower || now.upper != variable.upper {
                        try problem.setBounds(of: Variable(index: index), lower: variable.lower, upper: variable.upper)
                    }
                }
                for (index, row) in base.constraints.enumerated() {
                    let now = current.constraints[index]
                    if now.lower != row.lower || now.upper != row.upper {
                        try problem.setBounds(of: Constraint(index: index), lower: row.lower, upper: row.upper)
                    }
                }
                let optimum = model.outcome.solution.values
                for (index, hold) in held.holds.enumerated() {
                    let bounds = StableChoice.HeldProgram.bounds(of: hold.part, at: optimum, sense: base.sense)
                    try problem.setBounds(of: hold.row, lower: bounds.lower, upper: bounds.upper)
                    held.holds[index].lower = bounds.lower
                    held.holds[index].upper = bounds.upper
                }
                self.held = held
                builtAnew = false
                let method: SolverMethod = model.options.method == .automatic ? .dual : model.options.method
                return try held.solve(problem, method: method, reference: reference, model: model)
            }
        }
        // Built anew, as `closest` builds it; solved by the primal simplex as `closest` is.
        let built = StableChoice.HeldProgram(model, reference: reference)
        let made = try SolverProblems.make(built.program, threads: model.options.threads)
        problem = made
        held = built
        constraints = base.constraints.map(\.expression)
        decomposition = Decomposition(base)
        builtAnew = true
        let method: SolverMethod = model.options.method == .automatic ? .primal : model.options.method
        return try built.solve(made, method: method, reference: reference, model: model)
    }
}

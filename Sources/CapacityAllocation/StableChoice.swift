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
        guard let kept = model.outcome.problem else {
            return Outcome(values: model.outcome.solution.values,
                           hoursMoved: hoursMoved(model.outcome.solution.values, from: reference, formulation: model.formulation))
        }
        let formulation = model.formulation
        let optimum = model.outcome.solution.values
        var program = kept.program
        let objective = program.objective
        let decomposition = Decomposition(program)
        var parts = [LinearExpression](repeating: LinearExpression(), count: decomposition.blocks.count)
        for (variable, coefficient) in objective.terms {
            parts[decomposition.locate(variable).block].add(variable, coefficient)
        }
        for (index, part) in parts.enumerated() where !part.terms.isEmpty {
            let best = part.evaluate(optimum)
            let lower = best - tolerance * max(1, abs(best))
            if program.sense == .maximize {
                program.addConstraint("hold(\(index + 1))", part, lower: lower)
            } else {
                program.addConstraint("hold(\(index + 1))", part, upper: best + tolerance * max(1, abs(best)))
            }
        }
        let target = targets(reference, formulation: formulation).hours
        let distance = StableChoice.addDistance(to: &program, formulation: formulation, target: target)
        program.objective = distance
        program.sense = .minimize
        let problem = try SolverProblems.make(program, threads: model.options.threads)
        // The primal simplex: measured on a generated region (1,299 rows) with every FTE 5% lower,
        // the stable LP took 0.5 s with it against 0.7 s (dual), 1.3 s (the automatic crossover)
        // and 1.6 s (interior point), all to the same distance.
        let method: SolverMethod = model.options.method == .automatic ? .primal : model.options.method
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
/// next: its LP is built once, against the plan's allocation, and each state only moves bounds,
/// so the primal simplex starts from the last state's basis instead of building and solving an
/// LP from scratch (measured in Benchmarks/RESULTS.md, "ivp serve").
///
/// It describes the optimal face by complementary slackness rather than by holding the objective
/// (what `StableChoice.closest` does): a feasible x is optimal exactly when it is complementary to
/// the optimal duals, so every column with a reduced cost other than 0 is fixed at its optimal
/// value and every row with a dual other than 0 at its activity. Those are bounds only: a change
/// of a weight, which changes the objective's coefficients (the rows a hold would need), moves
/// bounds too. The distance minimised is the one of `closest`, so the hours moved are the same;
/// where several allocations are equally close, either may be shown. When the structure of the
/// program changes (a theme dropped, a row added), or the warm LP does not end optimal, the
/// stable choice is made by `closest` and the warm LP is built again at the next state.
///
/// Used on one thread (its GLPK problem belongs to the thread that made it).
public final class WarmStableChoice {
    public let reference: AllocationReference
    private var problem: (any SolverProblem)?
    /// The row expressions and counts of the program the warm LP was built on.
    private var shape: (variables: Int, constraints: [LinearExpression])?
    private var targetHours: [Double] = []
    /// Whether the kept LP has been solved (and so has a basis to start from).
    private var solvedOnce = false

    /// A reduced cost or a dual smaller than this (relative to the largest objective coefficient)
    /// counts as 0: the column or row stays free to move.
    static let tolerance = 1e-9

    public init(reference: AllocationReference) {
        self.reference = reference
    }

    /// Builds a warm stable LP from scratch again at the next call.
    public func forget() {
        problem = nil
        shape = nil
        solvedOnce = false
    }

    func closest(in model: SolvedModel) throws -> StableChoice.Outcome {
        guard model.options.mode == .weighted, let kept = model.outcome.problem, model.outcome.solution.status == .optimal,
              !model.outcome.solution.reducedCosts.isEmpty, !model.outcome.solution.duals.isEmpty else {
            forget()
            return try StableChoice.closest(to: reference, in: model)
        }
        let formulation = model.formulation
        let base = kept.program
        let target = StableChoice.targets(reference, formulation: formulation).hours
        if let shape, let problem, shape.variables == base.variables.count, shape.constraints.count == base.constraints.count,
           target == targetHours, zip(shape.constraints, base.constraints).allSatisfy({ $0 == $1.expression }) {
            if let outcome = try solve(problem, model: model, base: base) { return outcome }
            forget()
            return try StableChoice.closest(to: reference, in: model)
        }
        // Built anew: the base program's rows and columns first (their indices unchanged), then
        // x − p + n = x⁰ for every assignment the reference gives hours.
        var program = base
        let distance = StableChoice.addDistance(to: &program, formulation: formulation, target: target)
        program.objective = distance
        program.sense = .minimize
        let made = try SolverProblems.make(program, threads: model.options.threads)
        problem = made
        solvedOnce = false
        shape = (base.variables.count, base.constraints.map(\.expression))
        targetHours = target
        if let outcome = try solve(made, model: model, base: base) { return outcome }
        forget()
        return try StableChoice.closest(to: reference, in: model)
    }

    /// Fixes the columns and rows complementary slackness ties down, frees the others (at the
    /// model's own bounds), and solves from the basis before. Nil when that is not optimal.
    private func solve(_ problem: any SolverProblem, model: SolvedModel, base: LinearProgram) throws -> StableChoice.Outcome? {
        let solution = model.outcome.solution
        let scale = max(1, base.objective.terms.values.reduce(0) { max($0, abs($1)) })
        let limit = WarmStableChoice.tolerance * scale
        let current = problem.program
        for (index, variable) in base.variables.enumerated() {
            var lower = variable.lower, upper = variable.upper
            if abs(solution.reducedCosts[index]) > limit {
                let value = solution.values[index]
                lower = value
                upper = value
            }
            let now = current.variables[index]
            if now.lower != lower || now.upper != upper { try problem.setBounds(of: Variable(index: index), lower: lower, upper: upper) }
        }
        for (index, row) in base.constraints.enumerated() {
            var lower = row.lower, upper = row.upper
            if abs(solution.duals[index]) > limit {
                let activity = solution.activities[index]
                lower = activity
                upper = activity
            }
            let now = current.constraints[index]
            if now.lower != lower || now.upper != upper { try problem.setBounds(of: Constraint(index: index), lower: lower, upper: upper) }
        }
        // Built anew: the primal simplex, as `closest`. Kept: the dual simplex, since moving bounds
        // leaves the last basis dual feasible (the distance objective does not change).
        let fresh = !solvedOnce
        solvedOnce = true
        let method: SolverMethod = model.options.method != .automatic ? model.options.method : fresh ? .primal : .dual
        let stable = try problem.solve(SolverOptions(method: method, timeLimit: model.budget.remaining))
        guard stable.status == .optimal, stable.hasSolution else { return nil }
        let values = Array(stable.values.prefix(model.formulation.program.variables.count))
        return StableChoice.Outcome(values: values, hoursMoved: StableChoice.hoursMoved(values, from: reference, formulation: model.formulation))
    }
}

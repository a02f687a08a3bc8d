import CGLPK
import Foundation

/// A program made of parts that would be independent but for a few coupling rows: with real
/// borders, the displacement bounds between neighbours in two police units join the units.
///
/// The first solve takes the parts apart, each without the coupling rows, and solves them in
/// parallel (`PartitionedProblem`, the automatic method per part). Their bases together, with
/// every coupling row basic, are a basis of the whole that is dual feasible (a basic row has dual
/// 0, so every reduced cost is its part's), and the dual simplex goes on from it to the optimum of
/// the whole: it has only to mend the coupling rows the parts' optimum breaks. The answer is the
/// simplex's own optimum of the whole; the parts only choose where it starts.
///
/// The whole is one GLPK problem, made and used on the calling thread; every re-solve and all
/// sensitivity analysis use it. When the parts are not all optimal (an infeasible model, a time
/// limit), or a method other than the automatic one or the crossover is asked for, the whole is
/// solved as it is.
public final class CoupledProblem: SolverProblem {
    /// The whole, made on first use (on the calling thread): the first solve makes and scales it
    /// while the parts are being solved, when this thread would only wait. It is scaled once:
    /// later starts keep its scale factors while its coefficients stay the same.
    private var whole: GLPKProblem {
        if let madeWhole { return madeWhole }
        let made = GLPKProblem(checked: initialProgram)
        madeWhole = made
        return made
    }
    private var madeWhole: GLPKProblem?
    private let initialProgram: LinearProgram
    /// The parts without the coupling rows (`Decomposition.couplingRows`).
    public let parts: Decomposition
    private let threads: Int?
    /// The parts' optimal bases from the first solve, coupling rows basic.
    private var partStatuses: GLPKProblem.BasisStatuses?
    /// The parts at the whole's optimum, for questions about one part (see `objective`); made
    /// on the first such question, dropped when the problem changes.
    private var priced: PricedParts?
    private var pricedFailed = false

    public init(_ program: LinearProgram, parts: Decomposition, threads: Int? = nil) throws {
        try GLPKProblem.check(program)
        initialProgram = program
        self.parts = parts
        self.threads = threads
    }

    public var program: LinearProgram { madeWhole?.program ?? initialProgram }

    public func solve(_ options: SolverOptions) throws -> Solution {
        try solve(options, partsFrom: nil)
    }

    /// The first solve, parts first; with `partStarts` (a basis in this program's numbering) each
    /// part starts from its share of it and is solved by the primal simplex.
    private func solve(_ options: SolverOptions, partsFrom partStarts: GLPKProblem.BasisStatuses?) throws -> Solution {
        dropPriced()
        guard madeWhole?.hasBasis != true, options.method == .automatic || options.method == .crossover else {
            return try whole.solve(options)
        }
        let start = Date()
        func remaining() -> Double? { SolverProblems.remaining(of: options.timeLimit, since: start) }
        let partial: Solution
        let statuses: GLPKProblem.BasisStatuses
        do {
            // Made, solved and dropped here, so its threads end before the whole goes on.
            let problem = try PartitionedProblem(program, parts: parts, threads: threads)
            var partOptions = options
            if let partStarts {
                problem.start(from: partStarts)
                partOptions.method = .primal
                partOptions.presolve = false
            }
            partial = try problem.solve(partOptions, meanwhile: { self.whole.scale() })
            statuses = problem.basisStatuses()
        }
        partStatuses = statuses
        var rest = options
        rest.timeLimit = remaining()
        guard partial.status == .optimal else { return try whole.solve(rest) }
        whole.start(from: statuses)
        rest.method = .dual
        var solution = try whole.solve(rest)
        solution.method = partial.method
        solution.iterations += partial.iterations
        solution.seconds = Date().timeIntervalSince(start)
        return solution
    }

    public func rightHandSideRanges(of constraints: [Constraint]) -> [ClosedRange<Double>?] {
        whole.rightHandSideRanges(of: constraints)
    }

    public func objectiveParameterRange(_ direction: [Variable: Double]) -> (lower: Double?, upper: Double?)? {
        whole.objectiveParameterRange(direction)
    }

    public func objectiveParameterRanges(_ directions: [[Variable: Double]]) -> [(lower: Double?, upper: Double?)?] {
        whole.objectiveParameterRanges(directions)
    }

    public func duals(withUpperBounds changes: [(constraint: Constraint, upper: Double)]) -> [Double?] {
        whole.duals(withUpperBounds: changes)
    }

    public func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) throws {
        dropPriced()
        try whole.setBounds(of: constraint, lower: lower, upper: upper)
    }

    public func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws {
        dropPriced()
        try whole.setBounds(of: variable, lower: lower, upper: upper)
    }

    public func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws {
        dropPriced()
        try whole.setObjectiveCoefficient(of: variable, coefficient)
    }

    public func setCoefficients(of constraint: Constraint, _ expression: LinearExpression) throws {
        dropPriced()
        try whole.setCoefficients(of: constraint, expression)
    }

    public func extremes(of expressions: [LinearExpression], timeLimit: Double?) -> [(min: Double, max: Double)?] {
        whole.extremes(of: expressions, timeLimit: timeLimit)
    }

    public func changesKeepingBasis(withUpperBounds changes: [(constraint: Constraint, upper: Double)])
        -> [(variable: Variable, change: Double)]? {
        whole.changesKeepingBasis(withUpperBounds: changes)
    }

    public func solveRelated(_ related: LinearProgram, options: SolverOptions) throws -> Solution {
        try whole.solveRelated(related, options: options)
    }

    /// The optimum of `related`, a program with this one's rows and columns first (their bounds,
    /// coefficients and objective may differ) and possibly more of both after them, solved as the
    /// first solve was: its parts apart (`related.linkingRows` relaxed), then the whole by the dual
    /// simplex from their bases. Each part starts from the optimal basis its rows and columns had
    /// in this problem's first solve, the new columns non-basic at a bound and the new rows basic,
    /// and goes on by the primal simplex (the breaking cut: with every share at 0 the plan's
    /// basis is feasible). The answer is the simplex's own optimum; the start only chooses where
    /// it begins. Without that first solve's bases (or without parts), `related` is solved as
    /// `SolverProblems.make` would. `parts`: the related program's parts, by default as
    /// `SolverProblems.make` finds them.
    public func solveRelatedPartsFirst(_ related: LinearProgram, options: SolverOptions, parts: Decomposition? = nil) throws -> Solution {
        let rows = program.constraints.count, columns = program.variables.count
        let relatedParts = parts ?? Decomposition(related, relaxing: related.linkingRows)
        guard let partStatuses, related.constraints.count >= rows, related.variables.count >= columns,
              relatedParts.blocks.count > 1, !relatedParts.couplingRows.isEmpty,
              options.method == .automatic || options.method == .crossover else {
            return try SolverProblems.make(related, threads: threads).solve(options)
        }
        var statuses = partStatuses
        for definition in related.variables[columns...] {
            statuses.columns.append(definition.lower != nil ? GLP_NL : definition.upper != nil ? GLP_NU : GLP_NF)
        }
        statuses.rows += [Int32](repeating: GLP_BS, count: related.constraints.count - rows)
        let problem = try CoupledProblem(related, parts: relatedParts, threads: threads)
        return try problem.solve(options, partsFrom: statuses)
    }

    /// When the moved rows lie in one part, that part alone is re-solved with the coupling rows priced at the whole's duals (the
    /// Lagrangian of the coupling rows: objective c − Σ y_c a_c) and the other parts held where
    /// they are. If then every coupling row holds, and each with a non-zero dual still binds, the
    /// part's new solution with the other parts' and the whole's coupling duals satisfies every
    /// optimality condition of the whole (feasible, dual feasible, complementary), so it is the
    /// whole's optimum. Otherwise the whole is re-solved warm.
    public func objective(withUpperBounds changes: [(constraint: Constraint, upper: Double)], valuesOf columns: [Variable],
                          timeLimit: Double?) throws -> MovedOptimum {
        if columns.isEmpty, let priced = try pricedParts(),
           let answer = try priced.objectives(withUpperBounds: [changes], timeLimit: timeLimit)[0] {
            return answer
        }
        return try objectiveOfTheWhole(withUpperBounds: changes, valuesOf: columns, timeLimit: timeLimit)
    }

    /// The questions the priced parts can answer are answered there, the parts at once (each on
    /// its host's thread); the others then one by one, as `objective` would, those that move one
    /// part shared between the whole and a copy of it (`copyFrom`). `timeLimit` is for all of
    /// them: each is given what is left of it.
    public func objectives(withUpperBounds questions: [[(constraint: Constraint, upper: Double)]], timeLimit: Double?) throws
        -> [MovedOptimum] {
        let start = Date()
        guard let priced = try pricedParts() else {
            return try questions.map {
                try objectiveOfTheWhole(withUpperBounds: $0, valuesOf: [], timeLimit: SolverProblems.remaining(of: timeLimit, since: start))
            }
        }
        let answers = try priced.objectives(withUpperBounds: questions, timeLimit: timeLimit)
        // The questions left to the whole that move one part: the later half of them goes to a
        // copy of the whole (`askCopy`) while the others are asked here.
        let left = answers.indices.filter { index in
            answers[index] == nil && Set(questions[index].map { parts.locate($0.constraint).block }).count <= 1
        }
        let onCopy = left.count >= copyFrom ? Array(left[(left.count / 2)...]) : []
        askedOfCopies += onCopy.count
        let copy = onCopy.isEmpty ? nil : askCopy(onCopy.map { questions[$0] }, timeLimit: timeLimit, since: start)
        let copied = Set(onCopy)
        var here: [Int: MovedOptimum] = [:]
        for (index, question) in questions.enumerated() where answers[index] == nil && !copied.contains(index) {
            here[index] = try objectiveOfTheWhole(withUpperBounds: question, valuesOf: [],
                                                  timeLimit: SolverProblems.remaining(of: timeLimit, since: start))
        }
        let fromCopy = Dictionary(uniqueKeysWithValues: zip(onCopy, copy?.wait() ?? []))
        return try questions.indices.map { index in try answers[index] ?? here[index] ?? fromCopy[index]!.get() }
    }

    /// From this many questions left to the whole after the priced parts, the later half of them
    /// is asked of a copy of the whole, made at its optimal basis on a thread of its own, while
    /// the earlier half is asked of the whole: on the real nation 394 of the 750 one-more-FTE
    /// questions, 0.8 s on one thread. The copy is made whatever the number of threads (with one,
    /// on the calling thread, after the whole's half), so the answers never depend on it.
    var copyFrom = 32
    /// How many questions a copy of the whole answered (for tests).
    private(set) var askedOfCopies = 0

    /// The answers of a copy of the whole at its optimum to `questions` (each moving one part),
    /// asked one after another on a thread of its own (on this thread when there is only one, when
    /// the answers are read).
    private func askCopy(_ questions: [[(constraint: Constraint, upper: Double)]], timeLimit: Double?, since start: Date) -> CopyAnswers {
        whole.restoreOptimum()
        // The whole's scale factors go with its basis: the copy's own scaling would give the same
        // ones (the same matrix) in 0.2 s.
        let program = whole.program, statuses = whole.basisStatuses(withScales: true)
        let answers = ValueBox<Result<MovedOptimum, any Error>>(count: questions.count)
        let job: @Sendable () -> Void = {
            let copy = GLPKProblem(checked: program)
            // At the whole's optimal basis, solved there (no pivot), so the dual steps can answer.
            copy.start(from: statuses)
            copy.restoreOptimum()
            for (index, question) in questions.enumerated() {
                answers.store(Result {
                    try copy.objective(withUpperBounds: question, valuesOf: [],
                                       timeLimit: SolverProblems.remaining(of: timeLimit, since: start), restoring: false)
                }, at: index)
            }
        }
        guard (threads ?? SolverProblems.defaultThreads) > 1 else { return CopyAnswers(answers: answers, later: job) }
        let thread = GLPKThread(name: "ivp-whole-copy")
        let done = DispatchSemaphore(value: 0)
        thread.perform {
            job()
            done.signal()
        }
        thread.stop()
        return CopyAnswers(answers: answers, later: {
            done.wait()
            thread.stopAndWait()
        })
    }

    /// The copy's answers, once `later` (the job itself, or the wait for its thread) has run.
    private struct CopyAnswers {
        let answers: ValueBox<Result<MovedOptimum, any Error>>
        let later: () -> Void
        func wait() -> [Result<MovedOptimum, any Error>] {
            later()
            return answers.values.map { $0! }
        }
    }

    /// A question the priced parts did not settle: the parts first when it moves several (and
    /// the steps on the whole cannot settle it), else the whole.
    private func objectiveOfTheWhole(withUpperBounds changes: [(constraint: Constraint, upper: Double)], valuesOf columns: [Variable],
                                     timeLimit: Double?) throws -> MovedOptimum {
        if columns.isEmpty, Set(changes.map { parts.locate($0.constraint).block }).count > 1,
           whole.dualSteps(withUpperBounds: changes) == nil,
           let answer = try partsFirst(withUpperBounds: changes, timeLimit: timeLimit) {
            return answer
        }
        // The whole is put back at its optimum only when something next reads its basis, so a
        // series of questions costs one simplex call each on the whole.
        return try whole.objective(withUpperBounds: changes, valuesOf: columns, timeLimit: timeLimit, restoring: false)
    }

    /// A question that moves many parts far (every pool's capacity cut by 10%), answered as the
    /// first solve was: the parts apart, each by the dual simplex from its own optimal basis with
    /// the bounds moved, in parallel, and then the whole by the dual simplex from their bases
    /// with the coupling rows basic. The answer is the whole's simplex optimum; afterwards its
    /// bounds and its optimal basis are put back (one factorization, no pivots). Nil when a
    /// part does not reach its optimum (then the whole is asked as it is).
    private func partsFirst(withUpperBounds changes: [(constraint: Constraint, upper: Double)],
                            timeLimit: Double?) throws -> MovedOptimum? {
        guard let partStatuses, let kept = whole.currentOptimum() else { return nil }
        let start = Date()
        func remaining() -> Double? { SolverProblems.remaining(of: timeLimit, since: start) }
        for change in changes {
            if let lower = program.constraints[change.constraint.index].lower, change.upper < lower {
                return MovedOptimum(status: .infeasible, objective: nil, values: [])
            }
        }
        let optimal = whole.basisStatuses()
        let original = changes.map { program.constraints[$0.constraint.index] }
        let statuses: GLPKProblem.BasisStatuses
        do {
            let problem = try PartitionedProblem(program, parts: parts, threads: threads)
            problem.start(from: partStatuses)
            for change in changes {
                try problem.setBounds(of: change.constraint, lower: program.constraints[change.constraint.index].lower,
                                      upper: change.upper)
            }
            var options = SolverOptions(method: .dual, timeLimit: remaining())
            options.presolve = false
            guard try problem.solve(options).status == .optimal else { return nil }
            statuses = problem.basisStatuses()
        }
        for change in changes {
            try whole.setBounds(of: change.constraint, lower: program.constraints[change.constraint.index].lower, upper: change.upper)
        }
        whole.start(from: statuses)
        // Kept as a result: the bounds and the optimum are put back whether the solve answered or threw.
        let moved = Result { try whole.solve(SolverOptions(method: .dual, timeLimit: remaining())) }
        for (change, definition) in zip(changes, original) {
            try whole.setBounds(of: change.constraint, lower: definition.lower, upper: definition.upper)
        }
        whole.start(from: optimal)
        let back = try whole.solve(SolverOptions(method: .dual))
        guard back.status == .optimal, abs(back.objective - kept.objective) <= 1e-9 * max(1, abs(kept.objective)) else {
            throw SolverError("the coupled problem did not return to its optimum after a question (\(back.objective) against \(kept.objective))")
        }
        let solution = try moved.get()
        // The priced parts stand: the whole's duals they hold still prove what they accept.
        return MovedOptimum(status: solution.status, objective: solution.status == .optimal ? solution.objective : nil, values: [])
    }

    private func dropPriced() {
        priced = nil
        pricedFailed = false
    }

    private func pricedParts() throws -> PricedParts? {
        if let priced { return priced }
        guard !pricedFailed, let partStatuses else { return nil }
        pricedFailed = true
        priced = try PricedParts(whole: whole, parts: parts, statuses: partStatuses, threads: threads)
        pricedFailed = priced == nil
        return priced
    }

    /// The parts without their coupling rows, each coupling row priced into the objective at the
    /// whole's dual, solved from the parts' bases: at the whole's optimum every part's share of it
    /// is optimal there.
    private final class PricedParts {
        struct Coupling {
            let expression: LinearExpression
            let lower: Double?, upper: Double?
            let dual: Double
            /// The row's value at the whole's optimum.
            let activity: Double
            /// The parts its columns lie in.
            let blocks: Set<Int>
        }
        let problem: PartitionedProblem
        let couplings: [Coupling]
        let couplingRows: Set<Int>
        let values: [Double]
        let objective: Double, wholeObjective: Double

        init?(whole: GLPKProblem, parts: Decomposition, statuses: GLPKProblem.BasisStatuses, threads: Int?) throws {
            guard let optimum = whole.currentOptimum() else { return nil }
            var program = whole.program
            program.linkingRows = []
            var objective = program.objective
            var couplings: [Coupling] = []
            for row in parts.couplingRows {
                let definition = program.constraints[row]
                let activity = definition.expression.evaluate(optimum.values)
                couplings.append(Coupling(expression: definition.expression, lower: definition.lower, upper: definition.upper,
                                          dual: optimum.duals[row], activity: activity,
                                          blocks: Set(definition.expression.terms.keys.map { parts.locate($0).block })))
                if optimum.duals[row] != 0 { objective.add(definition.expression, times: -optimum.duals[row]) }
                // Left in the program (so every row keeps its number) but with no bounds: it binds nothing.
                program.setBounds(of: Constraint(index: row), lower: nil, upper: nil)
            }
            program.objective = objective
            problem = try PartitionedProblem(program, parts: parts, threads: threads)
            problem.start(from: statuses)
            var primal = SolverOptions(method: .primal)
            primal.presolve = false
            let solution = try problem.solve(primal)
            // At the whole's optimum the priced parts are optimal with the same values of V.
            let priced = couplings.reduce(optimum.objective) { $0 - $1.dual * $1.activity }
            guard solution.status == .optimal, abs(solution.objective - priced) <= 1e-9 * max(1, abs(priced)) else { return nil }
            self.couplings = couplings
            couplingRows = Set(parts.couplingRows)
            values = optimum.values
            self.objective = solution.objective
            wholeObjective = optimum.objective
        }

        /// The whole's optimum with the bounds moved, when the part that moves proves it (see
        /// `CoupledProblem.objective`); nil when it does not.
        /// Each question's answer when it moves one part and the whole's optimality conditions
        /// hold with it (see `CoupledProblem.objective`), else nil. The parts' questions are asked
        /// at once (`PartitionedProblem.objectives`).
        func objectives(withUpperBounds questions: [[(constraint: Constraint, upper: Double)]], timeLimit: Double?) throws
            -> [MovedOptimum?] {
            var asked: [(question: Int, block: Int, columns: [Variable])] = []
            for (index, changes) in questions.enumerated() {
                guard changes.allSatisfy({ !couplingRows.contains($0.constraint.index) }) else { continue }
                let moved = Set(changes.map { problem.decomposition.locate($0.constraint).block })
                guard moved.count == 1, let block = moved.first else { continue }
                asked.append((index, block, columnsTouched(by: block)))
            }
            let answers = try problem.objectives(asked.map { (changes: questions[$0.question], columns: $0.columns) }, timeLimit: timeLimit)
            var result = [MovedOptimum?](repeating: nil, count: questions.count)
            for (item, answer) in zip(asked, answers) {
                result[item.question] = accepted(answer, block: item.block, columns: item.columns)
            }
            return result
        }

        /// The columns of `block` in a coupling row.
        private func columnsTouched(by block: Int) -> [Variable] {
            if let known = touchedColumns[block] { return known }
            let columns = Array(Set(couplings.filter { $0.blocks.contains(block) }
                .flatMap { $0.expression.terms.keys.filter { problem.decomposition.locate($0).block == block } })).sorted()
            touchedColumns[block] = columns
            return columns
        }
        private var touchedColumns: [Int: [Variable]] = [:]

        /// The part's answer as the whole's, if every optimality condition of the whole holds.
        private func accepted(_ answer: MovedOptimum, block: Int, columns: [Variable]) -> MovedOptimum? {
            let touched = couplings.filter { $0.blocks.contains(block) }
            guard answer.status == .optimal, let value = answer.objective else { return nil }
            // The part's new values over the kept ones (no copy of every column's value per question).
            let partValues = Dictionary(zip(columns.map(\.index), answer.values), uniquingKeysWith: { first, _ in first })
            var pricedChange = 0.0
            for coupling in touched {
                let activity = coupling.expression.terms.sorted { $0.key < $1.key }
                    .reduce(coupling.expression.constant) { $0 + $1.value * (partValues[$1.key.index] ?? values[$1.key.index]) }
                let tolerance = 1e-9 * max(1, abs(coupling.activity))
                if let lower = coupling.lower, activity < lower - tolerance { return nil }
                if let upper = coupling.upper, activity > upper + tolerance { return nil }
                // A priced row must stay where it binds (complementary slackness).
                if coupling.dual != 0, abs(activity - coupling.activity) > tolerance { return nil }
                pricedChange += coupling.dual * (activity - coupling.activity)
            }
            return MovedOptimum(status: .optimal, objective: wholeObjective + (value - objective) + pricedChange, values: [])
        }
    }
}

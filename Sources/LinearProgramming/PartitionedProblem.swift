import Foundation

/// The independent parts of a program, each its own GLPK problem, solved one after another or on
/// worker threads. GLPK keeps its state per thread (DESIGN.md 6), so each part's problem is made,
/// solved, ranged and deleted on one thread: the worker that owns it, or the calling thread when
/// there is one worker. Results are the same whatever the number of threads: every part is solved
/// by the same deterministic method on its own.
public final class PartitionedProblem: SolverProblem {
    public private(set) var program: LinearProgram
    public let decomposition: Decomposition
    private let threads: BlockThreads
    private let threadCount: Int
    /// Each part's objective at its optimum after the last `solve`; nil once a bound or a
    /// coefficient changed, or when a part was not solved to optimality.
    private var partObjectives: [Double]?
    /// Whether every part's GLPK problem is made. With several threads they are made by the first
    /// solve, each on the thread that claims it (`BlockThreads.claimInOrder`), or by the first
    /// other question (`materialize`); changes before then are checked and written into `program`.
    private var built = false
    /// A start (`start(from:)`) asked for before the parts were made, for them to take when made.
    private var pendingStart: GLPKProblem.BasisStatuses?

    /// A decomposition with coupling rows is refused: a row in no part could not be changed,
    /// ranged or asked about (`CoupledProblem` solves such a program).
    public convenience init(_ program: LinearProgram, decomposition: Decomposition, threads: Int? = nil) throws {
        guard decomposition.couplingRows.isEmpty else {
            throw SolverError("the parts of a partitioned problem must be independent: \(decomposition.couplingRows.count) row(s) join two of them")
        }
        try self.init(program, parts: decomposition, threads: threads)
    }

    /// The parts, coupling rows left out of every one of them: only for `CoupledProblem`, which
    /// never asks about a coupling row here.
    init(_ program: LinearProgram, parts decomposition: Decomposition, threads: Int?) throws {
        try program.validate()
        self.program = program
        self.decomposition = decomposition
        threadCount = threads ?? SolverProblems.defaultThreads
        self.threads = BlockThreads(rows: decomposition.blocks.map(\.constraints.count),
                                    threads: threads ?? SolverProblems.defaultThreads)
        if self.threads.hostCount == 1 { try materialize() }
    }

    /// Every part's GLPK problem, made on the thread of the host it is dealt to (`BlockThreads`),
    /// if the first solve has not made them; the error of the lowest block, so the same input
    /// always reports the same error.
    private func materialize() throws {
        guard !built else { return }
        let errors = ValueBox<any Error>(count: decomposition.blocks.count)
        runOnEveryHost { [owner, program, decomposition, pendingStart] host, hostIndex in
            for block in owner.indices where owner[block] == hostIndex {
                do {
                    host.problems[block] = try PartitionedProblem.make(block, of: program, decomposition, start: pendingStart)
                } catch {
                    errors.store(error, at: block)
                }
            }
        }
        if let error = errors.values.lazy.compactMap({ $0 }).first { throw error }
        built = true
        pendingStart = nil
    }

    /// Whether every part's problem is made, made now if need be. Only a part too large for GLPK
    /// fails to be made, and `init` took the whole program, so this is false only in theory; the
    /// questions that cannot throw then answer nothing.
    private func madeParts() -> Bool { (try? materialize()) != nil }

    /// One part's GLPK problem, made on the calling thread (its host's), starting from its share
    /// of `start` if there is one.
    private static func make(_ block: Int, of program: LinearProgram, _ decomposition: Decomposition,
                             start: GLPKProblem.BasisStatuses?) throws -> GLPKProblem {
        let problem = try GLPKProblem(decomposition.program(block, of: program))
        if let start { problem.start(from: share(of: start, block, decomposition)) }
        return problem
    }

    /// A block's share of a basis of the whole program.
    private static func share(of statuses: GLPKProblem.BasisStatuses, _ block: Int, _ decomposition: Decomposition) -> GLPKProblem.BasisStatuses {
        let part = decomposition.blocks[block]
        return GLPKProblem.BasisStatuses(rows: part.constraints.map { statuses.rows[$0] }, columns: part.variables.map { statuses.columns[$0] })
    }

    deinit {
        threads.stop()
    }

    public func solve(_ options: SolverOptions) throws -> Solution {
        try solve(options, meanwhile: {})
    }

    /// `solve`, with `meanwhile` run on the calling thread while the parts are solved on theirs.
    func solve(_ options: SolverOptions, meanwhile: () -> Void) throws -> Solution {
        let start = Date()
        let parts = try solveEveryPart(options, meanwhile: meanwhile) { problem, _, partOptions in try problem.solve(partOptions) }
        partObjectives = parts.allSatisfy { $0.status == .optimal } ? parts.map(\.objective) : nil
        var solution = PartitionedProblem.combine(parts, of: program, decomposition)
        solution.seconds = Date().timeIntervalSince(start)
        return solution
    }

    /// Only the parts whose rows move (or whose values are asked for) are asked; the others keep
    /// the objective of their last solve.
    public func objective(withUpperBounds changes: [(constraint: Constraint, upper: Double)], valuesOf columns: [Variable],
                          timeLimit: Double?) throws -> MovedOptimum {
        try check(changes, columns)
        if partObjectives == nil { _ = try solve(SolverOptions(method: .dual, timeLimit: timeLimit)) }
        guard let base = partObjectives else { return MovedOptimum(status: .infeasible, objective: nil, values: []) }
        var moves: [Int: [(constraint: Constraint, upper: Double)]] = [:], asked: [Int: [(index: Int, column: Variable)]] = [:]
        for change in changes {
            let place = decomposition.locate(change.constraint)
            moves[place.block, default: []].append((place.constraint, change.upper))
        }
        for (index, column) in columns.enumerated() {
            let place = decomposition.locate(column)
            asked[place.block, default: []].append((index, place.variable))
        }
        let blocks = Set(moves.keys).union(asked.keys).sorted()
        let results = ValueBox<Result<MovedOptimum, any Error>>(count: blocks.count)
        runOnEveryHost { [owner, moves, asked] host, hostIndex in
            for (index, block) in blocks.enumerated() where owner[block] == hostIndex {
                results.store(Result {
                    try host.problems[block]!.objective(withUpperBounds: moves[block] ?? [],
                                                        valuesOf: (asked[block] ?? []).map(\.column), timeLimit: timeLimit)
                }, at: index)
            }
        }
        var objective = program.objective.constant + base.reduce(0, +)
        var values = [Double](repeating: 0, count: columns.count)
        var status = SolutionStatus.optimal
        for (index, block) in blocks.enumerated() {
            let answer = try results.values[index]!.get()
            guard answer.status == .optimal, let value = answer.objective else {
                if status == .optimal || answer.status == .infeasible { status = answer.status }
                continue
            }
            objective += value - base[block]
            for (slot, value) in zip(asked[block] ?? [], answer.values) { values[slot.index] = value }
        }
        guard status == .optimal else { return MovedOptimum(status: status, objective: nil, values: []) }
        return MovedOptimum(status: .optimal, objective: objective, values: values)
    }

    public func objectives(withUpperBounds questions: [[(constraint: Constraint, upper: Double)]], timeLimit: Double?) throws
        -> [MovedOptimum] {
        try objectives(questions.map { ($0, []) }, timeLimit: timeLimit)
    }

    /// `objective(withUpperBounds:valuesOf:timeLimit:)` for each question. The questions that
    /// move (and ask about) one part are answered on the thread of that part's host, the hosts at
    /// once, each part's questions in the order given; the others afterwards, one by one. A
    /// part's answers depend only on the questions asked of it, so they are the answers one by one.
    /// `timeLimit` is for all of them: each is given what is left of it.
    func objectives(_ questions: [(changes: [(constraint: Constraint, upper: Double)], columns: [Variable])],
                    timeLimit: Double?) throws -> [MovedOptimum] {
        let start = Date()
        for question in questions { try check(question.changes, question.columns) }
        if partObjectives == nil { _ = try solve(SolverOptions(method: .dual, timeLimit: timeLimit)) }
        guard let base = partObjectives else {
            return questions.map { _ in MovedOptimum(status: .infeasible, objective: nil, values: []) }
        }
        // Each question in its part's own numbering, when it touches exactly one part.
        let local: [(block: Int, changes: [(constraint: Constraint, upper: Double)], columns: [Variable])?] = questions.map { question in
            let blocks = Set(question.changes.map { decomposition.locate($0.constraint).block })
                .union(question.columns.map { decomposition.locate($0).block })
            guard blocks.count == 1, let block = blocks.first else { return nil }
            return (block, question.changes.map { (decomposition.locate($0.constraint).constraint, $0.upper) },
                    question.columns.map { decomposition.locate($0).variable })
        }
        let results = ValueBox<Result<MovedOptimum, any Error>>(count: questions.count)
        runOnEveryHost { [owner] host, hostIndex in
            for (index, item) in local.enumerated() {
                guard let item, owner[item.block] == hostIndex else { continue }
                results.store(Result {
                    try host.problems[item.block]!.objective(withUpperBounds: item.changes, valuesOf: item.columns,
                                                             timeLimit: SolverProblems.remaining(of: timeLimit, since: start))
                }, at: index)
            }
        }
        let answered = results.values
        let total = program.objective.constant + base.reduce(0, +)
        return try questions.indices.map { index in
            guard let item = local[index] else {
                return try objective(withUpperBounds: questions[index].changes, valuesOf: questions[index].columns,
                                     timeLimit: SolverProblems.remaining(of: timeLimit, since: start))
            }
            let answer = try answered[index]!.get()
            guard answer.status == .optimal, let value = answer.objective else {
                return MovedOptimum(status: answer.status, objective: nil, values: [])
            }
            return MovedOptimum(status: .optimal, objective: total + (value - base[item.block]), values: answer.values)
        }
    }

    /// A row or column of a question that is not in the program is an error, before anything is solved.
    private func check(_ changes: [(constraint: Constraint, upper: Double)], _ columns: [Variable]) throws {
        for row in changes.map(\.constraint) where row.index < 0 || row.index >= program.constraints.count {
            throw ModelError.unknownConstraint(row.index, in: "bounds")
        }
        for column in columns where column.index < 0 || column.index >= program.variables.count {
            throw ModelError.unknownVariable(column.index, in: "values")
        }
    }

    /// Every part starts its next simplex from `statuses` (the whole program's numbering).
    func start(from statuses: GLPKProblem.BasisStatuses) {
        partObjectives = nil
        guard built else {
            pendingStart = statuses
            return
        }
        runOnEveryHost { [owner, decomposition] host, hostIndex in
            for block in owner.indices where owner[block] == hostIndex {
                host.problems[block]!.start(from: PartitionedProblem.share(of: statuses, block, decomposition))
            }
        }
    }

    /// One solution of the whole from the solutions of its parts.
    private static func combine(_ parts: [Solution], of program: LinearProgram, _ decomposition: Decomposition) -> Solution {
        let largest = decomposition.blocks.indices.max {
            (decomposition.blocks[$0].constraints.count, $1) < (decomposition.blocks[$1].constraints.count, $0)
        }!
        let method = parts[largest].method
        let iterations = parts.reduce(0) { $0 + $1.iterations }
        let statuses = parts.map(\.status)
        let status: SolutionStatus = statuses.contains(.infeasible) ? .infeasible
            : statuses.contains(.unbounded) ? .unbounded
            : statuses.contains(.timeLimit) ? .timeLimit : .optimal
        let hasSolution = parts.allSatisfy(\.hasSolution) && (status == .optimal || status == .timeLimit)
        guard hasSolution else {
            return Solution(status: status, objective: .nan, values: [], activities: [], duals: [], reducedCosts: [],
                            hasSolution: false, method: method, iterations: iterations)
        }
        let rows = program.constraints.count, columns = program.variables.count
        var values = [Double](repeating: 0, count: columns), reducedCosts = values
        var activities = [Double](repeating: 0, count: rows), duals = activities
        let withDuals = parts.allSatisfy { !$0.duals.isEmpty }
        var objective = program.objective.constant
        var bound: Double? = program.objective.constant
        for (index, block) in decomposition.blocks.enumerated() {
            let part = parts[index]
            objective += part.objective
            if let partBound = part.bestBound ?? (part.status == .optimal ? part.objective : nil) {
                bound = bound.map { $0 + partBound }
            } else {
                bound = nil
            }
            for (position, column) in block.variables.enumerated() {
                values[column] = part.values[position]
                if withDuals { reducedCosts[column] = part.reducedCosts[position] }
            }
            for (position, row) in block.constraints.enumerated() {
                activities[row] = part.activities[position]
                if withDuals { duals[row] = part.duals[position] }
            }
        }
        let isMIP = parts.contains { $0.bestBound != nil }
        let gap = isMIP ? bound.map { abs($0 - objective) / max(1e-10, abs(objective)) } : nil
        return Solution(status: status, objective: objective, values: values, activities: activities,
                        duals: withDuals ? duals : [], reducedCosts: withDuals ? reducedCosts : [],
                        bestBound: isMIP ? bound : nil, gap: gap, hasSolution: true, method: method,
                        iterations: iterations)
    }

    public func rightHandSideRanges(of constraints: [Constraint]) -> [ClosedRange<Double>?] {
        guard madeParts() else { return constraints.map { _ in nil } }
        let results = ValueBox<ClosedRange<Double>?>(count: constraints.count)
        let located = constraints.map { decomposition.locate($0) }
        runOnEveryHost { [owner] host, hostIndex in
            for (index, place) in located.enumerated() where owner[place.block] == hostIndex {
                results.store(host.problems[place.block]!.rightHandSideRange(of: place.constraint), at: index)
            }
        }
        return results.values.map { $0 ?? nil }
    }

    public func objectiveParameterRange(_ direction: [Variable: Double]) -> (lower: Double?, upper: Double?)? {
        guard madeParts() else { return nil }
        // Only the parts whose columns the direction touches move; the others' reduced costs stay.
        var perBlock: [Int: [Variable: Double]] = [:]
        for (variable, coefficient) in direction {
            let place = decomposition.locate(variable)
            perBlock[place.block, default: [:]][place.variable] = coefficient
        }
        let blocks = perBlock.keys.sorted()
        let results = ValueBox<(lower: Double?, upper: Double?)?>(count: blocks.count)
        runOnEveryHost { [owner, perBlock] host, hostIndex in
            for (index, block) in blocks.enumerated() where owner[block] == hostIndex {
                results.store(host.problems[block]!.objectiveParameterRange(perBlock[block]!), at: index)
            }
        }
        var lower = -Double.infinity, upper = Double.infinity
        for result in results.values {
            guard let range = result ?? nil else { return nil }
            if let low = range.lower { lower = max(lower, low) }
            if let high = range.upper { upper = min(upper, high) }
        }
        return (lower.isFinite ? lower : nil, upper.isFinite ? upper : nil)
    }

    public func duals(withUpperBounds changes: [(constraint: Constraint, upper: Double)]) -> [Double?] {
        guard madeParts() else { return changes.map { _ in nil } }
        let results = ValueBox<Double?>(count: changes.count)
        let located = changes.map { (decomposition.locate($0.constraint), $0.upper) }
        runOnEveryHost { [owner] host, hostIndex in
            var mine: [Int: [(index: Int, change: (constraint: Constraint, upper: Double))]] = [:]
            for (index, (place, upper)) in located.enumerated() where owner[place.block] == hostIndex {
                mine[place.block, default: []].append((index, (place.constraint, upper)))
            }
            for (block, requests) in mine.sorted(by: { $0.key < $1.key }) {
                let duals = host.problems[block]!.duals(withUpperBounds: requests.map(\.change))
                for (request, dual) in zip(requests, duals) { results.store(dual, at: request.index) }
            }
        }
        return results.values.map { $0 ?? nil }
    }

    public func setBounds(of constraint: Constraint, lower: Double?, upper: Double?) throws {
        guard constraint.index >= 0, constraint.index < program.constraints.count else {
            throw ModelError.unknownConstraint(constraint.index, in: "bounds")
        }
        let place = decomposition.locate(constraint)
        if built {
            try runOnHost(of: place.block) { try $0.setBounds(of: place.constraint, lower: lower, upper: upper) }
        } else {
            try GLPKProblem.checkFinite(lower, upper, "constraint \(constraint.index)")
        }
        program.setBounds(of: constraint, lower: lower, upper: upper)
        partObjectives = nil
    }

    public func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws {
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "bounds")
        }
        let place = decomposition.locate(variable)
        if built {
            try runOnHost(of: place.block) { try $0.setBounds(of: place.variable, lower: lower, upper: upper) }
        } else {
            try GLPKProblem.checkFinite(lower, upper, "variable \(variable.index)")
        }
        program.setBounds(of: variable, lower: lower, upper: upper)
        partObjectives = nil
    }

    public func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws {
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "objective")
        }
        let place = decomposition.locate(variable)
        if built {
            try runOnHost(of: place.block) { try $0.setObjectiveCoefficient(of: place.variable, coefficient) }
        } else if !coefficient.isFinite {
            throw ModelError.nonFinite("objective coefficient")
        }
        program.objective.add(variable, coefficient - (program.objective.terms[variable] ?? 0))
        partObjectives = nil
    }

    /// The row's block takes the new coefficients; every column of them must lie in that block.
    public func setCoefficients(of constraint: Constraint, _ expression: LinearExpression) throws {
        guard constraint.index >= 0, constraint.index < program.constraints.count else {
            throw ModelError.unknownConstraint(constraint.index, in: "coefficients")
        }
        let place = decomposition.locate(constraint)
        var local = LinearExpression()
        for (variable, coefficient) in expression.terms {
            guard variable.index >= 0, variable.index < program.variables.count else {
                throw ModelError.unknownVariable(variable.index, in: program.constraints[constraint.index].name)
            }
            guard coefficient.isFinite else { throw ModelError.nonFinite("coefficient in constraint \(program.constraints[constraint.index].name)") }
            let column = decomposition.locate(variable)
            guard column.block == place.block else {
                throw SolverError("the new coefficients of \(program.constraints[constraint.index].name) would join two independent parts")
            }
            local.add(column.variable, coefficient)
        }
        if built { try runOnHost(of: place.block) { [local] in try $0.setCoefficients(of: place.constraint, local) } }
        var clean = expression
        clean.constant = 0
        program.replaceExpression(of: constraint, with: clean)
        partObjectives = nil
    }

    /// The parts are independent, so an expression's least (greatest) value is the sum of the least
    /// (greatest) values of its terms in each part. Each part's share of every expression is done
    /// on the thread that owns the part, all parts at once: expressions that lie in one part (a
    /// municipality in its police unit) are done in parallel with those of the other parts.
    public func extremes(of expressions: [LinearExpression], timeLimit: Double?) -> [(min: Double, max: Double)?] {
        guard madeParts() else { return expressions.map { _ in nil } }
        var jobs: [Int: [(expression: Int, part: LinearExpression)]] = [:]
        for (index, expression) in expressions.enumerated() {
            var perBlock: [Int: LinearExpression] = [:]
            for (variable, coefficient) in expression.terms where variable.index >= 0 && variable.index < program.variables.count {
                let place = decomposition.locate(variable)
                perBlock[place.block, default: LinearExpression()].add(place.variable, coefficient)
            }
            for block in perBlock.keys.sorted() { jobs[block, default: []].append((index, perBlock[block]!)) }
        }
        let results = ValueBox<[(Int, (min: Double, max: Double)?)]>(count: decomposition.blocks.count)
        runOnEveryHost { [owner, jobs] host, hostIndex in
            for block in owner.indices where owner[block] == hostIndex {
                guard let list = jobs[block] else { continue }
                let answers = host.problems[block]!.extremes(of: list.map(\.part), timeLimit: timeLimit)
                results.store(Array(zip(list.map(\.expression), answers)), at: block)
            }
        }
        var lows = expressions.map(\.constant), highs = lows
        var failed = Set<Int>()
        for blockResults in results.values {
            for (index, answer) in blockResults ?? [] {
                guard let answer else { failed.insert(index); continue }
                lows[index] += answer.min
                highs[index] += answer.max
            }
        }
        return expressions.indices.map { failed.contains($0) ? nil : (lows[$0], highs[$0]) }
    }

    /// Each part's moved columns, read off its own basis (see `GLPKProblem.changesKeepingBasis`);
    /// the parts whose rows do not move are not asked.
    public func changesKeepingBasis(withUpperBounds changes: [(constraint: Constraint, upper: Double)])
        -> [(variable: Variable, change: Double)]? {
        guard madeParts() else { return nil }
        var perBlock: [Int: [(constraint: Constraint, upper: Double)]] = [:]
        for change in changes {
            guard change.constraint.index >= 0, change.constraint.index < program.constraints.count else { return nil }
            let place = decomposition.locate(change.constraint)
            perBlock[place.block, default: []].append((place.constraint, change.upper))
        }
        let blocks = perBlock.keys.sorted()
        let results = ValueBox<[(variable: Variable, change: Double)]?>(count: blocks.count)
        runOnEveryHost { [owner, perBlock, decomposition] host, hostIndex in
            for (index, block) in blocks.enumerated() where owner[block] == hostIndex {
                let moved = host.problems[block]!.changesKeepingBasis(withUpperBounds: perBlock[block]!)
                let columns = decomposition.blocks[block].variables
                results.store(moved.map { $0.map { (Variable(index: columns[$0.variable.index]), $0.change) } }, at: index)
            }
        }
        var all: [(variable: Variable, change: Double)] = []
        for result in results.values {
            guard let moved = result ?? nil else { return nil }
            all.append(contentsOf: moved)
        }
        return all
    }

    /// Each part of the related program solved warm from its part's basis, in parallel. A new
    /// column goes to the part of its rows; one in the rows of two parts, or in none, makes the
    /// related program a new problem of its own, solved cold.
    public func solveRelated(_ related: LinearProgram, options: SolverOptions) throws -> Solution {
        let columns = program.variables.count
        guard related.constraints.count == program.constraints.count, related.variables.count >= columns else {
            throw SolverError("a related program must keep the rows and columns of the program it starts from")
        }
        var blockOfNew = [Int?](repeating: nil, count: related.variables.count - columns)
        var spansParts = false
        for (row, constraint) in related.constraints.enumerated() {
            for (variable, coefficient) in constraint.expression.terms where variable.index >= columns && coefficient != 0 {
                let block = decomposition.locate(Constraint(index: row)).block
                let slot = variable.index - columns
                if let known = blockOfNew[slot], known != block { spansParts = true }
                blockOfNew[slot] = block
            }
        }
        guard !spansParts, blockOfNew.allSatisfy({ $0 != nil }) else {
            return try SolverProblems.make(related, threads: threadCount).solve(options)
        }
        let extended = decomposition.adding(columnsTo: blockOfNew.map { $0! })
        let start = Date()
        let parts = try solveEveryPart(options) { problem, block, partOptions in
            try problem.solveRelated(extended.program(block, of: related), options: partOptions)
        }
        var solution = PartitionedProblem.combine(parts, of: related, extended)
        solution.seconds = Date().timeIntervalSince(start)
        return solution
    }

    /// Every part's basis in the whole program's numbering; rows in no part (coupling rows) basic.
    func basisStatuses() -> GLPKProblem.BasisStatuses {
        // A start given before the parts were made is what they would report.
        if !built, let pendingStart { return pendingStart }
        var statuses = GLPKProblem.BasisStatuses(rows: [Int32](repeating: GLPKProblem.basicStatus, count: program.constraints.count),
                                                 columns: [Int32](repeating: 0, count: program.variables.count))
        guard madeParts() else { return statuses }
        let results = ValueBox<GLPKProblem.BasisStatuses>(count: decomposition.blocks.count)
        runOnEveryHost { [owner] host, hostIndex in
            for block in owner.indices where owner[block] == hostIndex {
                results.store(host.problems[block]!.basisStatuses(), at: block)
            }
        }
        for (index, part) in results.values.enumerated() {
            let block = decomposition.blocks[index]
            for (position, row) in block.constraints.enumerated() { statuses.rows[row] = part!.rows[position] }
            for (position, column) in block.variables.enumerated() { statuses.columns[column] = part!.columns[position] }
        }
        return statuses
    }

    /// `body` for every part's problem, on the thread that owns it, all parts at once, each with
    /// what is left of the time limit; the solutions in block order, or the lowest block's error.
    private func solveEveryPart(_ options: SolverOptions, meanwhile: () -> Void = {},
                                _ body: @escaping @Sendable (GLPKProblem, Int, SolverOptions) throws -> Solution) throws -> [Solution] {
        let start = Date()
        let results = ResultBox(count: decomposition.blocks.count)
        @Sendable func solve(_ block: Int, _ problem: GLPKProblem) {
            var partOptions = options
            partOptions.timeLimit = SolverProblems.remaining(of: options.timeLimit, since: start)
            results.store(Result { try body(problem, block, partOptions) }, at: block)
        }
        if built {
            threads.runOnEveryHost({ [owner] host, hostIndex in
                for block in owner.indices where owner[block] == hostIndex { solve(block, host.problems[block]!) }
            }, meanwhile: meanwhile)
        } else {
            // Each host makes and solves the next part as soon as it is free, largest first.
            threads.claimInOrder({ [program, decomposition, pendingStart] host, block in
                do {
                    let problem = try PartitionedProblem.make(block, of: program, decomposition, start: pendingStart)
                    host.problems[block] = problem
                    solve(block, problem)
                } catch {
                    results.store(.failure(error), at: block)
                }
            }, meanwhile: meanwhile)
            built = true
            pendingStart = nil
        }
        return try results.values.map { try $0!.get() }
    }

    /// For every block: the index of the host (thread) that owns its problem.
    private var owner: [Int] { threads.owner }

    private func runOnEveryHost(_ body: @escaping @Sendable (BlockHost, Int) -> Void) {
        threads.runOnEveryHost(body)
    }

    private func runOnHost(of block: Int, _ body: @escaping @Sendable (GLPKProblem) throws -> Void) throws {
        try threads.run(onBlock: block, body)
    }
}

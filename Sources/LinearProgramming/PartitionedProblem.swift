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

    public init(_ program: LinearProgram, decomposition: Decomposition, threads: Int? = nil) throws {
        try program.validate()
        self.program = program
        self.decomposition = decomposition
        self.threads = BlockThreads(rows: decomposition.blocks.map(\.constraints.count),
                                    threads: threads ?? SolverProblems.defaultThreads)
        // Each host builds its own blocks' GLPK problems, on its own thread.
        let errors = ValueBox<any Error>(count: decomposition.blocks.count)
        runOnEveryHost { [owner] host, hostIndex in
            for block in owner.indices where owner[block] == hostIndex {
                do {
                    host.problems[block] = try GLPKProblem(decomposition.program(block, of: program))
                } catch {
                    errors.store(error, at: block)
                }
            }
        }
        // The error of the lowest block, so the same input always reports the same error.
        if let error = errors.values.lazy.compactMap({ $0 }).first { throw error }
    }

    deinit {
        threads.stop()
    }

    public func solve(_ options: SolverOptions) throws -> Solution {
        let start = Date()
        let blocks = decomposition.blocks
        let results = ResultBox(count: blocks.count)
        runOnEveryHost { [owner] host, hostIndex in
            for block in owner.indices where owner[block] == hostIndex {
                var blockOptions = options
                if let limit = options.timeLimit {
                    blockOptions.timeLimit = max(0.001, limit - Date().timeIntervalSince(start))
                }
                do {
                    results.store(.success(try host.problems[block]!.solve(blockOptions)), at: block)
                } catch {
                    results.store(.failure(error), at: block)
                }
            }
        }
        var parts: [Solution] = []
        for result in results.values {
            switch result! {
            case .success(let solution): parts.append(solution)
            case .failure(let error): throw error
            }
        }
        var solution = combine(parts)
        solution.seconds = Date().timeIntervalSince(start)
        return solution
    }

    /// One solution of the whole from the solutions of its parts.
    private func combine(_ parts: [Solution]) -> Solution {
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
        try runOnHost(of: place.block) { try $0.setBounds(of: place.constraint, lower: lower, upper: upper) }
        program.setBounds(of: constraint, lower: lower, upper: upper)
    }

    public func setBounds(of variable: Variable, lower: Double?, upper: Double?) throws {
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "bounds")
        }
        let place = decomposition.locate(variable)
        try runOnHost(of: place.block) { try $0.setBounds(of: place.variable, lower: lower, upper: upper) }
        program.setBounds(of: variable, lower: lower, upper: upper)
    }

    public func setObjectiveCoefficient(of variable: Variable, _ coefficient: Double) throws {
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw ModelError.unknownVariable(variable.index, in: "objective")
        }
        let place = decomposition.locate(variable)
        try runOnHost(of: place.block) { try $0.setObjectiveCoefficient(of: place.variable, coefficient) }
        var objective = program.objective
        objective.add(variable, coefficient - (objective.terms[variable] ?? 0))
        program.objective = objective
    }

    /// The parts are independent, so an expression's least (greatest) value is the sum of the least
    /// (greatest) values of its terms in each part. Each part's share of every expression is done
    /// on the thread that owns the part, all parts at once: expressions that lie in one part (a
    /// municipality in its police unit) are done in parallel with those of the other parts.
    public func extremes(of expressions: [LinearExpression], timeLimit: Double?) -> [(min: Double, max: Double)?] {
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

    /// For every block: the index of the host (thread) that owns its problem.
    private var owner: [Int] { threads.owner }

    private func runOnEveryHost(_ body: @escaping @Sendable (BlockHost, Int) -> Void) {
        threads.runOnEveryHost(body)
    }

    private func runOnHost(of block: Int, _ body: @escaping @Sendable (GLPKProblem) throws -> Void) throws {
        try threads.run(onBlock: block, body)
    }
}

import Foundation
import LinearProgramming

/// `ivp alternatives`: the room around the optimum. Many allocations are within a small share of
/// the best; the triangle negotiates between them. This gives (a) for every municipality and every
/// theme the least and the most raw hours it can get while the mode's objective stays within the
/// share of its optimum, and (b) a few allocations within that share that differ as much as
/// possible from the optimum and from each other (modelling to generate alternatives).
public struct AlternativesResult: Sendable, Codable {
    public var scenario: String
    public var mode: SolveMode
    /// The share s: the mode's objective stays within s·|optimum| of the optimum.
    public var within: Double
    /// V* of the optimum (value-hours).
    public var objective: Double
    public var ideal: Double
    public var attainment: Double?
    /// Municipalities first (in scenario order), then themes.
    public var ranges: [HoursRange]
    public var alternatives: [Alternative]
    public var names: [String: String]
    /// Seconds of the first solve, of the ranges and of the alternatives.
    public var solveSeconds: Double
    public var rangesSeconds: Double
    public var alternativesSeconds: Double
    public var manifest: Manifest
}

/// The least and the most raw hours (Σ x over pools, and themes or municipalities) of one
/// municipality or theme among the allocations within the share, and its hours at the optimum.
public struct HoursRange: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case municipality, theme }
    public var kind: Kind
    public var id: String
    public var minHours: Double
    public var maxHours: Double
    public var optimumHours: Double
}

/// One allocation within the share, as different as possible from the optimum and the ones before.
public struct Alternative: Sendable, Codable {
    /// V of the allocation (its coverage filling each returns curve from its best segment).
    public var objective: Double
    public var attainment: Double?
    /// Σ |x − x*| over every (pool, theme, municipality) against the optimum.
    public var hoursMoved: Double
    /// Σ |hours − hours*| per (theme, municipality), all pools together: what the themes and
    /// municipalities see change (a swap between pools in one cell counts in `hoursMoved` only).
    public var hoursShifted: Double
    public var allocations: [AllocationLine]
    /// The largest changes in hours per (theme, municipality) against the optimum, largest first.
    public var shifts: [AlternativeShift]
    /// What moves where and what it costs, in one sentence (filled in by the report's language).
    public var summary: String
}

public struct AlternativeShift: Sendable, Equatable, Codable {
    public var theme: String
    public var municipality: String
    /// Hours in the alternative minus hours at the optimum.
    public var hours: Double
}

public enum Alternatives {
    public static let defaultShare = 0.01
    public static let defaultCount = 3
    /// Shifts kept per alternative.
    static let shiftLimit = 10
    /// Hours below which a variable counts as zero (the support of an allocation) and a shift is noise.
    static let zeroHours = 1e-6

    /// The rows that keep the mode's objective within the share, over the scenario's own rows.
    struct Hold {
        /// The scenario's rows, plus the mode rows that stay inside a part (select's fixed choices,
        /// maxmin's fair floor); the objective is V.
        var program: LinearProgram
        /// Rows that couple the parts: lower bounds on sums over every part.
        var coupled: [(name: String, expression: LinearExpression, lower: Double)]
    }

    /// The hold rows of the model's mode with share s:
    /// - weighted: V ≥ V* − s·|V*|;
    /// - lexicographic: every stage V_g ≥ V_g* − s·|V_g*|;
    /// - maxmin: z ≥ z* − s·|z*| and V ≥ V* − s·|V*|. z ≤ attainment_m for every m, so z ≥ ẑ is the
    ///   same as attainment_m ≥ ẑ for every m: written so, without z, the floor stays inside each
    ///   part (and the part's LP alone);
    /// - select: the candidates chosen as solved stay chosen (the kept LP with the choices fixed),
    ///   and V ≥ V* − s·|V*|.
    static func hold(_ model: SolvedModel, share: Double) throws -> Hold {
        let scenarioModel = model.model
        let optimum = model.objective ?? 0
        var program: LinearProgram
        var coupled: [(String, LinearExpression, Double)] = []
        switch model.options.mode {
        case .weighted:
            program = scenarioModel.program
            coupled.append(("hold(value)", scenarioModel.value, optimum - share * abs(optimum)))
        case .lexicographic:
            program = scenarioModel.program
            let groups = Allocator.lexicographicGroups(scenarioModel)
            for (index, (group, expression)) in groups.enumerated() where index < model.outcome.stages.count {
                let best = model.outcome.stages[index].objective
                coupled.append(("hold(\(group))", expression, best - share * abs(best)))
            }
        case .maxmin:
            program = scenarioModel.program
            if let z = model.outcome.minAttainment, z != 0 {
                let floor = z - share * abs(z)
                for municipality in scenarioModel.scenario.municipalities {
                    let ideal = scenarioModel.ideal(of: municipality.id)
                    guard ideal > 0 else { continue }
                    // V_m / I_m ≥ ẑ, scaled by the row's largest coefficient as the fair rows are.
                    let value = scenarioModel.value(of: municipality.id)
                    let scale = max(ideal, value.terms.values.reduce(0) { max($0, abs($1)) })
                    var expression = LinearExpression()
                    expression.add(value, times: 1 / scale)
                    program.addConstraint("fair(\(municipality.id))", expression, lower: floor * ideal / scale)
                }
            }
            coupled.append(("hold(value)", scenarioModel.value, optimum - share * abs(optimum)))
        case .select:
            guard let kept = model.outcome.problem else { throw SolverError("select mode kept no LP with its choices fixed") }
            program = kept.program
            coupled.append(("hold(value)", scenarioModel.value, optimum - share * abs(optimum)))
        }
        program.objective = scenarioModel.value
        program.sense = .maximize
        return Hold(program: program, coupled: coupled)
    }

    /// Ranges and alternatives of a solved model (which must be optimal), with the mode's objective
    /// held within `share` of its optimum; `count` alternatives at most.
    public static func explore(_ model: SolvedModel, within share: Double, count: Int,
                               solveSeconds: Double = 0) throws -> AlternativesResult {
        guard model.status == .optimal, model.hasSolution, let optimum = model.objective else {
            throw SolverError("alternatives need an optimal solution (the solve ended \(model.status.rawValue))")
        }
        let formulation = model.model
        let scenario = formulation.scenario
        let x0 = Array(model.outcome.solution.values.prefix(formulation.program.variables.count))
        let hold = try hold(model, share: share)
        let threads = model.options.threads
        let timeLimit = { model.budget.remaining }

        // The expressions: Σ x per municipality (in scenario order), then per theme.
        var expressions: [(kind: HoursRange.Kind, id: String, expression: LinearExpression)] = []
        for municipality in scenario.municipalities {
            var expression = LinearExpression()
            for cell in formulation.cellsByMunicipality[municipality.id] ?? [] {
                for assignment in formulation.cells[cell].assignments { expression.add(formulation.assignments[assignment].variable, 1) }
            }
            expressions.append((.municipality, municipality.id, expression))
        }
        for (index, theme) in scenario.themes.enumerated() {
            var expression = LinearExpression()
            for cell in formulation.cellsByTheme[index] ?? [] {
                for assignment in formulation.cells[cell].assignments { expression.add(formulation.assignments[assignment].variable, 1) }
            }
            expressions.append((.theme, theme.id, expression))
        }

        let rangesStart = Date()
        var answers = [(min: Double, max: Double)?](repeating: nil, count: expressions.count)
        let decomposition = Decomposition(hold.program)
        var coupledIndices = Array(expressions.indices)
        if hold.coupled.count == 1, decomposition.blocks.count > 1 {
            // The parallel path. With one coupled row V ≥ L, an expression that lies in one part
            // (a municipality in its police unit) is extreme when every other part gives as much
            // value as it can, leaving the whole slack to this part: so each part b gets its own
            // row V_b ≥ M_b − (Σ_b' M_b' − L), M_b the most value part b can give under the other
            // (per-part) rows. In weighted and select mode Σ M_b = V* and the slack is s·|V*|; in
            // maxmin the parts may give a little more under the relaxed fair floor. The parts are
            // then independent LPs, solved warm on their own threads. Expressions that span parts
            // (themes, mostly) would get the slack once per part: they use the coupled LP below.
            let perPart = partLocal(expressions.map(\.expression), decomposition)
            let local = expressions.indices.filter { perPart[$0] }
            if !local.isEmpty {
                var program = hold.program
                var parts = [LinearExpression](repeating: LinearExpression(), count: decomposition.blocks.count)
                for (variable, coefficient) in hold.program.objective.terms {
                    parts[decomposition.locate(variable).block].add(variable, coefficient)
                }
                var rows: [(row: Constraint, part: Int)] = []
                for (index, part) in parts.enumerated() where !part.isEmpty {
                    rows.append((program.addConstraint("hold(part \(index + 1))", part), index))
                }
                let problem = try SolverProblems.make(program, threads: threads)
                let first = try problem.solve(SolverOptions(method: model.options.method, timeLimit: timeLimit()))
                guard first.status == .optimal else {
                    throw SolverError("the scenario's parts were reported \(first.status.rawValue) although the scenario was solved")
                }
                let most = rows.map { parts[$0.part].evaluate(first.values) }
                let slack = most.reduce(0, +) - hold.coupled[0].lower
                for (position, row) in rows.enumerated() {
                    try problem.setBounds(of: row.row, lower: most[position] - max(0, slack), upper: nil)
                }
                let found = problem.extremes(of: local.map { expressions[$0].expression }, timeLimit: timeLimit())
                for (position, index) in local.enumerated() { answers[index] = found[position] }
                coupledIndices = expressions.indices.filter { !perPart[$0] }
            }
        }

        var coupledProblem: (any SolverProblem)?
        func coupled() throws -> any SolverProblem {
            if let coupledProblem { return coupledProblem }
            var program = hold.program
            for row in hold.coupled { program.addConstraint(row.name, row.expression, lower: row.lower) }
            let problem = try SolverProblems.make(program, threads: threads)
            let first = try problem.solve(SolverOptions(method: model.options.method, timeLimit: timeLimit()))
            guard first.status == .optimal else {
                throw SolverError("the LP within the share was reported \(first.status.rawValue) although the scenario was solved")
            }
            coupledProblem = problem
            return problem
        }
        if !coupledIndices.isEmpty {
            let found = try coupled().extremes(of: coupledIndices.map { expressions[$0].expression }, timeLimit: timeLimit())
            for (position, index) in coupledIndices.enumerated() { answers[index] = found[position] }
        }
        var ranges: [HoursRange] = []
        for (index, item) in expressions.enumerated() {
            let atOptimum = item.expression.evaluate(x0)
            guard let answer = answers[index] else {
                throw SolverError("the range of \(item.kind.rawValue) \(item.id) was not solved to optimality (time limit?)")
            }
            // The optimum keeps every hold row, so the range contains it; what lies outside is the
            // solver's rounding (1e-9), clipped so that min ≤ optimum ≤ max and hours ≥ 0.
            ranges.append(HoursRange(kind: item.kind, id: item.id, minHours: max(0, min(answer.min, atOptimum)),
                                     maxHours: max(answer.max, atOptimum), optimumHours: atOptimum))
        }
        let rangesSeconds = Date().timeIntervalSince(rangesStart)

        let alternativesStart = Date()
        let alternatives = count > 0 ? try hopSkipJump(try coupled(), model: model, optimum: x0, count: count) : []
        var names: [String: String] = [:]
        for node in scenario.nodes { names[node.id] = node.name }
        for pool in scenario.pools { names[pool.id] = pool.name }
        for theme in scenario.themes { names[theme.id] = theme.name }
        return AlternativesResult(
            scenario: scenario.name, mode: model.options.mode, within: share, objective: optimum, ideal: formulation.ideal,
            attainment: formulation.ideal > 0 ? optimum / formulation.ideal : nil, ranges: ranges, alternatives: alternatives,
            names: names, solveSeconds: solveSeconds, rangesSeconds: rangesSeconds,
            alternativesSeconds: Date().timeIntervalSince(alternativesStart),
            manifest: Manifest(inputs: scenario.sources.map { Manifest.Input(path: $0.path, sha256: $0.sha256) },
                               ivpVersion: IVP.version, glpkVersion: GLPK.version))
    }

    /// For each expression: whether all its terms lie in one block of the decomposition.
    static func partLocal(_ expressions: [LinearExpression], _ decomposition: Decomposition) -> [Bool] {
        expressions.map { expression in
            Set(expression.terms.keys.map { decomposition.locate($0).block }).count <= 1
        }
    }

    /// Modelling to generate alternatives by Hop-Skip-Jump: each alternative minimises the sum of
    /// the x that were non-zero in the optimum or an earlier alternative, subject to the hold rows,
    /// so it uses other pools, themes and municipalities wherever the share allows. It stops early
    /// when an allocation repeats one already found (no more different ones exist that way).
    static func hopSkipJump(_ problem: any SolverProblem, model: SolvedModel, optimum: [Double],
                            count: Int) throws -> [Alternative] {
        let formulation = model.model
        var support = Set(formulation.assignments.indices.filter { optimum[formulation.assignments[$0].variable.index] > zeroHours })
        // Clear the objective (V), then weight the support.
        for variable in problem.program.objective.terms.keys { try problem.setObjectiveCoefficient(of: variable, 0) }
        var weighted = Set<Int>()
        var found: [[Double]] = [optimum]
        var alternatives: [Alternative] = []
        let total = formulation.assignments.reduce(0.0) { $0 + max(0, optimum[$1.variable.index]) }
        let threshold = max(1e-6, 1e-6 * total)
        for _ in 0..<count {
            // The kept problem maximises: minimising Σ x is maximising −Σ x.
            for index in support.subtracting(weighted) {
                try problem.setObjectiveCoefficient(of: formulation.assignments[index].variable, -1)
            }
            weighted = support
            let solution = try problem.solve(SolverOptions(method: .primal, timeLimit: model.budget.remaining))
            guard solution.status == .optimal, solution.hasSolution else { break }
            let values = Array(solution.values.prefix(formulation.program.variables.count))
            let repeated = found.contains { distance(values, $0, formulation) <= threshold }
            if repeated { break }
            found.append(values)
            alternatives.append(describe(values, optimum: optimum, model: model))
            let before = support.count
            for (index, assignment) in formulation.assignments.enumerated() where values[assignment.variable.index] > zeroHours {
                support.insert(index)
            }
            if support.count == before { break }
        }
        return alternatives
    }

    /// Σ |x − x′| over the assignments.
    static func distance(_ a: [Double], _ b: [Double], _ formulation: Formulation) -> Double {
        formulation.assignments.reduce(0) { $0 + abs(max(0, a[$1.variable.index]) - max(0, b[$1.variable.index])) }
    }

    /// V of an allocation: each cell's coverage (up to its need) filling the returns curve from
    /// its best segment, as the model values it (the segments' values never increase).
    public static func value(of values: [Double], in formulation: Formulation) -> Double {
        let themes = formulation.scenario.themes
        var total = 0.0
        for cell in formulation.cells {
            var coverage = 0.0
            for index in cell.assignments {
                let assignment = formulation.assignments[index]
                coverage += assignment.efficiency * max(0, values[assignment.variable.index])
            }
            var left = min(coverage, cell.need)
            for segment in themes[cell.theme].returns {
                let amount = min(left, segment.share * cell.need)
                total += cell.weight * segment.value * amount
                left -= amount
                if left <= 0 { break }
            }
        }
        return total
    }

    static func describe(_ values: [Double], optimum: [Double], model: SolvedModel) -> Alternative {
        let formulation = model.model
        let scenario = formulation.scenario
        let objective = value(of: values, in: formulation)
        var hours: [Int: Double] = [:]
        var change: [Int: Double] = [:]
        for (index, assignment) in formulation.assignments.enumerated() {
            let amount = max(0, values[assignment.variable.index])
            if amount > zeroHours { hours[index] = amount }
            change[assignment.cell, default: 0] += amount - max(0, optimum[assignment.variable.index])
        }
        let shifts = change.filter { abs($0.value) >= 0.5 }
            .sorted { (abs($0.value), $1.key) > (abs($1.value), $0.key) }
            .prefix(shiftLimit)
            .map { cell, amount in
                AlternativeShift(theme: scenario.themes[formulation.cells[cell].theme].id,
                           municipality: formulation.cells[cell].municipality, hours: amount)
            }
        return Alternative(objective: objective, attainment: formulation.ideal > 0 ? objective / formulation.ideal : nil,
                           hoursMoved: distance(values, optimum, formulation),
                           hoursShifted: change.values.reduce(0) { $0 + abs($1) },
                           allocations: formulation.allocationLines(hours), shifts: Array(shifts), summary: "")
    }
}

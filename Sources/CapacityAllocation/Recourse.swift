import LinearProgramming

/// A promise the recourse tries to keep in a sampled year: a minimum (theme, municipality), a
/// displacement bound (theme, municipality above, municipality below) or a presence norm (kind,
/// municipality). Entities are ordered like `Violation.entities`.
public struct RecoursePromise: Sendable, Equatable, Codable {
    /// `minimum`, `displacement` or `presence`.
    public var constraint: String
    public var entities: [String]
    public init(constraint: String, entities: [String]) {
        self.constraint = constraint
        self.entities = entities
    }
}

/// The recourse of DESIGN.md 4.6 (docs/model.md, "The recourse"): how a district reacts when a
/// sampled year meets a plan. The plan's hours x⁰ are the first decision; in the year
///
///     x_a = x⁰_a − r_a + e_a          r_a ∈ [0, x⁰_a] hours taken away, e_a ≥ 0 hours added,
///
/// for every assignment a (pool, theme, municipality) of the model. Every row of the model is
/// kept with the year's numbers, except that
/// - a pool's capacity row is Σ_a x_a ≤ C_p of the year: the reserve is released;
/// - a minimum, presence or displacement row gets a shortfall σ ≥ 0 in hours (cov + σ ≥ floor;
///   Σ x + σ ≥ norm; share difference − σ / n_from ≤ max_gap), so the year is never infeasible.
/// The objective is V(y) − κ Σ_a (r_a + e_a) − μ Σ σ, with ω the most value one hour can add
/// (max over a of efficiency · W · the first segment's value), κ = 2ω and μ = 500 ω / η (η the
/// least efficiency): hours move only to keep promises (μ outweighs any move), spare hours (the
/// released reserve) are not spent on value alone (κ > ω), and when capacity falls the hours
/// cut are those worth least.
///
/// A block is built against plan expressions, so the same type serves `ivp risk` (the plan a
/// constant per assignment) and a two-stage extensive form (the plan a first-stage variable:
/// `r_a ≤ x⁰_a` is then a row, and several blocks share the first-stage columns).
public struct RecourseModel: Sendable {
    /// The model of the scenario as given: its cells and assignments are those of every block.
    public let formulation: Formulation
    public let promises: [RecoursePromise]
    /// κ: penalty per hour moved (taken away or added).
    public let movePenalty: Double
    /// μ: penalty per hour short of a promise.
    public let shortfallPenalty: Double
    /// The row of the model each promise softens, in promise order.
    let promiseRows: [Int]

    public init(_ formulation: Formulation) {
        self.formulation = formulation
        var promises: [RecoursePromise] = []
        var promiseRows: [Int] = []
        let scenario = formulation.scenario
        for (row, kind) in formulation.rows.enumerated() {
            switch kind {
            case .minimum(let cell):
                let cell = formulation.cells[cell]
                promises.append(RecoursePromise(constraint: "minimum", entities: [scenario.themes[cell.theme].id, cell.municipality]))
            case .displacement(let theme, let from, let to):
                promises.append(RecoursePromise(constraint: "displacement", entities: [scenario.themes[theme].id, from, to]))
            case .presence(let rule, let municipality):
                promises.append(RecoursePromise(constraint: "presence", entities: [scenario.presence[rule].kind, municipality]))
            default:
                continue
            }
            promiseRows.append(row)
        }
        self.promises = promises
        self.promiseRows = promiseRows
        var omega = 0.0, eta = Double.infinity
        for assignment in formulation.assignments {
            let cell = formulation.cells[assignment.cell]
            let first = scenario.themes[cell.theme].returns.first?.value ?? 1
            omega = max(omega, assignment.efficiency * cell.weight * first)
            if assignment.efficiency > 0 { eta = min(eta, assignment.efficiency) }
        }
        if omega <= 0 { omega = 1 }
        if !eta.isFinite { eta = 1 }
        movePenalty = 2 * omega
        shortfallPenalty = 500 * omega / eta
    }

    /// One year's columns in a program, and what reads the year's figures off a solution.
    public struct Block: Sendable {
        public var taken: [Variable]
        public var added: [Variable]
        /// The year's y_tmj, per cell of the model.
        public var segments: [[Variable]]
        /// σ per promise, in `promises` order.
        public var shortfalls: [Variable]
        /// V of the year (Σ W v_j y_tmj).
        public var value: LinearExpression
        /// I of the year.
        public var ideal: Double
        /// V per municipality and per theme of the year, in the model's order of first appearance.
        public var municipalityValues: [(id: String, value: LinearExpression)]
        public var themeValues: [(id: String, value: LinearExpression)]
        /// The year's capacity per pool (the reserve released).
        public var capacities: [Double]
    }

    /// Adds the recourse of `year` (the scenario with the year's numbers, the same structure as
    /// the model) to `program`: its columns, its rows and `weight` times its objective. `plan` is
    /// x⁰ per assignment of the model. Throws when the year's model differs in structure (a need
    /// that reached 0 takes a cell away; validation keeps needs and populations above 0).
    public func addBlock(to program: inout LinearProgram, year: Scenario, plan: [LinearExpression], weight: Double = 1,
                         name: String = "") throws -> Block {
        let yearModel = Formulation(year)
        let base = formulation
        guard yearModel.assignments.count == base.assignments.count, yearModel.cells.count == base.cells.count,
              yearModel.rows == base.rows, plan.count == base.assignments.count else {
            throw SolverError("the sampled year \(name) changes the model's structure (a need or population reached 0)")
        }
        // Which assignment or segment each column of the year's model is.
        var assignmentOf = [Int?](repeating: nil, count: yearModel.program.variables.count)
        for (index, assignment) in yearModel.assignments.enumerated() { assignmentOf[assignment.variable.index] = index }
        var segmentColumn = [Variable?](repeating: nil, count: yearModel.program.variables.count)

        var segments: [[Variable]] = []
        for (cellIndex, cell) in yearModel.cells.enumerated() {
            var cellSegments: [Variable] = []
            for (segmentIndex, variable) in cell.segments.enumerated() {
                let definition = yearModel.program.definition(of: variable)
                let column = program.addVariable("y\(name)(\(cellIndex + 1),\(segmentIndex + 1))", lower: definition.lower,
                                                 upper: definition.upper)
                segmentColumn[variable.index] = column
                cellSegments.append(column)
            }
            segments.append(cellSegments)
        }
        var taken: [Variable] = [], added: [Variable] = []
        for (index, expression) in plan.enumerated() {
            let constant = expression.terms.isEmpty
            taken.append(program.addVariable("r\(name)(\(index + 1))", lower: 0, upper: constant ? max(0, expression.constant) : nil))
            added.append(program.addVariable("e\(name)(\(index + 1))", lower: 0))
            if !constant {
                var bound = LinearExpression(taken[index], 1)
                bound.add(expression, times: -1)
                program.addConstraint("rmax\(name)(\(index + 1))", bound, upper: 0)
            }
        }
        var shortfalls: [Variable] = []
        var shortfallOfRow: [Int: Variable] = [:]
        for (promise, row) in zip(promises.indices, promiseRows) {
            let column = program.addVariable("s\(name)(\(promise + 1))", lower: 0)
            shortfalls.append(column)
            shortfallOfRow[row] = column
        }

        func translate(_ expression: LinearExpression) -> LinearExpression {
            var result = LinearExpression()
            for (variable, coefficient) in expression.sortedTerms {
                if let assignment = assignmentOf[variable.index] {
                    result.add(plan[assignment], times: coefficient)
                    result.add(taken[assignment], -coefficient)
                    result.add(added[assignment], coefficient)
                } else if let column = segmentColumn[variable.index] {
                    result.add(column, coefficient)
                }
            }
            return result
        }

        var needOf: [String: Double] = [:]
        for cell in yearModel.cells { needOf["\(cell.theme)|\(cell.municipality)"] = cell.need }
        for (row, kind) in yearModel.rows.enumerated() {
            let definition = yearModel.program.constraints[row]
            var expression = translate(definition.expression)
            let lower = definition.lower
            var upper = definition.upper
            switch kind {
            case .capacity(let pool):
                upper = year.pools[pool].capacity
            case .minimum, .presence:
                expression.add(shortfallOfRow[row]!, 1)
            case .displacement(let theme, let from, _):
                // σ in hours at the first municipality: the share it is over, times its need.
                expression.add(shortfallOfRow[row]!, -1 / (needOf["\(theme)|\(from)"] ?? 1))
            case .link, .mutualAid, .poolLimit:
                break
            }
            program.addConstraint("\(rowName(kind))\(name)", expression, lower: lower, upper: upper)
        }

        var value = LinearExpression()
        var municipalityValues: [(id: String, value: LinearExpression)] = []
        var municipalityIndex: [String: Int] = [:]
        var themeValues: [(id: String, value: LinearExpression)] = []
        var themeIndexOf: [String: Int] = [:]
        for cell in yearModel.cells {
            let cellValue = translate(cell.value)
            value.add(cellValue)
            if municipalityIndex[cell.municipality] == nil {
                municipalityIndex[cell.municipality] = municipalityValues.count
                municipalityValues.append((cell.municipality, LinearExpression()))
            }
            municipalityValues[municipalityIndex[cell.municipality]!].value.add(cellValue)
            let themeID = year.themes[cell.theme].id
            if themeIndexOf[themeID] == nil {
                themeIndexOf[themeID] = themeValues.count
                themeValues.append((themeID, LinearExpression()))
            }
            themeValues[themeIndexOf[themeID]!].value.add(cellValue)
        }
        var objective = program.objective
        objective.add(value, times: weight)
        for column in taken + added { objective.add(column, -weight * movePenalty) }
        for column in shortfalls { objective.add(column, -weight * shortfallPenalty) }
        program.objective = objective
        program.sense = .maximize
        return Block(taken: taken, added: added, segments: segments, shortfalls: shortfalls, value: value,
                     ideal: yearModel.ideal, municipalityValues: municipalityValues, themeValues: themeValues,
                     capacities: year.pools.map(\.capacity))
    }

    private func rowName(_ row: Formulation.Row) -> String {
        switch row {
        case .link(let cell): "link(\(cell + 1))"
        case .capacity(let pool): "cap(\(pool + 1))"
        case .mutualAid(let pool): "aid(\(pool + 1))"
        case .minimum(let cell): "min(\(cell + 1))"
        case .displacement(let theme, let from, let to): "gap(\(theme + 1),\(from),\(to))"
        case .poolLimit(let pool, let limit): "limit(\(pool + 1),\(limit + 1))"
        case .presence(let rule, let municipality): "presence(\(rule + 1),\(municipality))"
        }
    }
}

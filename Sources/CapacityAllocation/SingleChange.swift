import LinearProgramming

/// One number of the scenario that, changed alone, makes an infeasible scenario feasible: the
/// "way out" a triangle can take for one broken promise (issue: infeasibility with ways out).
public struct SingleChange: Sendable, Equatable, Codable {
    /// The number, by the path `ivp sweep --vary` takes (`themes.noodhulp.minimum`), or
    /// `pools.ID.limits[N].max_share` for a pool's cap.
    public var parameter: String
    public var current: Double
    /// The value that is just enough: the largest floor, or the smallest cap, that fits.
    public var feasible: Double
    /// For a pool's cap or mutual aid: the hours that value adds (nil for the other promises).
    public var hours: Double?
}

extension InfeasibilityDiagnosis {
    /// The promise's number as a variable θ in every row it sets (for a floor, maximised; for a
    /// cap, minimised) with every other promise kept: θ* is the value that alone makes the
    /// scenario feasible, or there is none when even θ free leaves it infeasible.
    /// `start` (the problem that found the scenario infeasible, with the same rows and columns):
    /// the LP is solved by the primal simplex from its basis, θ entering at 0, instead of cold;
    /// θ* is the same either way.
    static func singleChange(for line: DiagnosisLine, _ formulation: Formulation, options: AllocationOptions,
                             start: (any SolverProblem)? = nil) throws -> SingleChange? {
        let scenario = formulation.scenario
        enum Sense { case floor, cap }
        var rows: [(row: Int, scale: Double)] = []
        var sense = Sense.floor
        var parameter = "", current = 0.0, upper: Double? = nil
        var capacity: Double?
        switch line.constraint {
        case .minimum:
            guard let themeIndex = scenario.themes.firstIndex(where: { $0.id == line.entities[0] }) else { return nil }
            let theme = scenario.themes[themeIndex]
            parameter = "themes.\(theme.id).minimum"
            current = theme.minimum
            upper = 1
            for (index, row) in formulation.rows.enumerated() {
                if case .minimum(let cell) = row, formulation.cells[cell].theme == themeIndex {
                    rows.append((index, formulation.cells[cell].need))
                }
            }
        case .presence:
            guard let rule = scenario.presence.firstIndex(where: { $0.kind == line.entities[0] }) else { return nil }
            parameter = "presence.\(scenario.presence[rule].kind).hours_per_1000_inhabitants"
            current = scenario.presence[rule].hoursPerThousandInhabitants
            let population = Dictionary(scenario.municipalities.map { ($0.id, $0.population ?? 0) }, uniquingKeysWith: { a, _ in a })
            for (index, row) in formulation.rows.enumerated() {
                if case .presence(let ruleIndex, let municipality) = row, ruleIndex == rule {
                    rows.append((index, (population[municipality] ?? 0) / 1000))
                }
            }
        case .displacement:
            guard let themeIndex = scenario.themes.firstIndex(where: { $0.id == line.entities[0] }),
                  let gap = scenario.themes[themeIndex].maxGap else { return nil }
            parameter = "themes.\(line.entities[0]).max_gap"
            current = gap
            sense = .cap
            for (index, row) in formulation.rows.enumerated() {
                if case .displacement(let theme, _, _) = row, theme == themeIndex { rows.append((index, 1)) }
            }
        case .mutualAid:
            guard let poolIndex = scenario.pools.firstIndex(where: { $0.id == line.entities[0] }),
                  let aid = scenario.pools[poolIndex].mutualAid, let row = formulation.mutualAidRows[poolIndex] else { return nil }
            parameter = "pools.\(line.entities[0]).mutual_aid.max_share"
            current = aid.maxShare
            capacity = scenario.pools[poolIndex].capacity
            sense = .cap
            rows = [(row.index, scenario.pools[poolIndex].capacity)]
        case .poolLimit:
            guard let poolIndex = scenario.pools.firstIndex(where: { $0.id == line.entities[0] }) else { return nil }
            let pool = scenario.pools[poolIndex]
            guard let limit = pool.limits.firstIndex(where: { $0.themes == Array(line.entities.dropFirst()) }) else { return nil }
            parameter = "pools.\(pool.id).limits[\(limit)].max_share"
            current = pool.limits[limit].maxShare
            capacity = pool.capacity
            sense = .cap
            for (index, row) in formulation.rows.enumerated() {
                if case .poolLimit(let rowPool, let rowLimit) = row, rowPool == poolIndex, rowLimit == limit {
                    rows.append((index, pool.capacity))
                }
            }
        case .capacity:
            return nil
        }
        guard !rows.isEmpty else { return nil }
        var program = formulation.program
        let theta = program.addVariable("theta", lower: 0, upper: upper)
        for (row, scale) in rows {
            let constraint = Constraint(index: row)
            var expression = program.constraints[row].expression
            expression.add(theta, -scale)
            program.replaceExpression(of: constraint, with: expression)
            switch sense {
            case .floor: program.setBounds(of: constraint, lower: 0, upper: program.constraints[row].upper)
            case .cap: program.setBounds(of: constraint, lower: program.constraints[row].lower, upper: 0)
            }
        }
        program.objective = LinearExpression(theta, 1)
        program.sense = sense == .floor ? .maximize : .minimize
        let solverOptions = SolverOptions(timeLimit: options.timeLimit)
        var warm: Solution?
        if let start, start.program.constraints.count == formulation.program.constraints.count,
           start.program.variables.count == formulation.program.variables.count {
            warm = try? start.solveRelated(program, options: solverOptions)
        }
        let solution = try warm ?? SolverProblems.make(program, threads: options.threads).solve(solverOptions)
        guard solution.status == .optimal, solution.hasSolution else { return nil }
        let feasible = solution.value(theta)
        // A floor that already fits, or a cap that is already wide enough, is not this line's way out.
        switch sense {
        case .floor: guard feasible < current - 1e-9 * max(1, current) else { return nil }
        case .cap: guard feasible > current + 1e-9 * max(1, current) else { return nil }
        }
        return SingleChange(parameter: parameter, current: current, feasible: feasible,
                            hours: capacity.map { (feasible - current) * $0 })
    }
}

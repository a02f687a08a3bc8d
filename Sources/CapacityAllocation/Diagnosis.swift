import LinearProgramming

/// Explains an infeasible scenario: solves an elastic version in which every promise (minimum,
/// displacement, mutual aid, pool limit, presence) may be broken at a cost of one per hour, and
/// lists the promises that must give and by how many hours (DESIGN.md 4.3).
enum Diagnosis {
    static func diagnose(_ scenario: Scenario, options: AllocationOptions) throws -> [DiagnosisLine] {
        var formulation = Formulation(scenario)
        var program = formulation.program
        var slacks: [(variable: Variable, row: Int, scale: Double)] = []
        var penalty = LinearExpression()
        for (index, row) in formulation.rows.enumerated() {
            let definition = program.constraints[index]
            var expression = definition.expression
            switch row {
            case .link, .capacity:
                continue
            case .minimum, .presence:
                let slack = program.addVariable("s\(index)", lower: 0)
                expression.add(slack, 1)
                slacks.append((slack, index, 1))
                penalty.add(slack, 1)
            case .mutualAid, .poolLimit:
                let slack = program.addVariable("s\(index)", lower: 0)
                expression.add(slack, -1)
                slacks.append((slack, index, 1))
                penalty.add(slack, 1)
            case .displacement:
                // The slack is in hours of the first municipality's coverage.
                let cellNeed = displacementNeed(formulation, row)
                let slack = program.addVariable("s\(index)", lower: 0)
                expression.add(slack, -1 / cellNeed)
                slacks.append((slack, index, cellNeed))
                penalty.add(slack, 1)
            }
            program.replaceExpression(of: Constraint(index: index), with: expression)
        }
        program.objective = penalty
        program.sense = .minimize
        formulation.program = program
        let problem = try GLPKProblem(program)
        let solution = try problem.solve(SolverOptions(method: .dual, timeLimit: options.timeLimit))
        guard solution.status == .optimal else { return [] }
        var lines: [DiagnosisLine] = []
        for (variable, rowIndex, scale) in slacks {
            let hours = solution.value(variable)
            guard hours > 1e-6 else { continue }
            let definition = program.constraints[rowIndex]
            let line: DiagnosisLine
            switch formulation.rows[rowIndex] {
            case .minimum(let cell):
                let info = formulation.cells[cell]
                line = DiagnosisLine(constraint: .minimum, entities: [scenario.themes[info.theme].id, info.municipality],
                                     hoursShort: hours, bound: definition.lower ?? 0, feasibleBound: (definition.lower ?? 0) - hours)
            case .presence(let rule, let municipality):
                line = DiagnosisLine(constraint: .presence, entities: [scenario.presence[rule].kind, municipality],
                                     hoursShort: hours, bound: definition.lower ?? 0, feasibleBound: (definition.lower ?? 0) - hours)
            case .mutualAid(let pool):
                line = DiagnosisLine(constraint: .mutualAid, entities: [scenario.pools[pool].id], hoursShort: hours,
                                     bound: definition.upper ?? 0, feasibleBound: (definition.upper ?? 0) + hours)
            case .poolLimit(let pool, let limit):
                line = DiagnosisLine(constraint: .poolLimit, entities: [scenario.pools[pool].id] + scenario.pools[pool].limits[limit].themes,
                                     hoursShort: hours, bound: definition.upper ?? 0, feasibleBound: (definition.upper ?? 0) + hours)
            case .displacement(let theme, let from, let to):
                line = DiagnosisLine(constraint: .displacement, entities: [scenario.themes[theme].id, from, to], hoursShort: hours,
                                     bound: definition.upper ?? 0, feasibleBound: (definition.upper ?? 0) + hours / scale)
            case .link, .capacity:
                continue
            }
            lines.append(line)
        }
        return lines.sorted { $0.hoursShort > $1.hoursShort }
    }

    private static func displacementNeed(_ formulation: Formulation, _ row: Formulation.Row) -> Double {
        guard case .displacement(let theme, let from, _) = row else { return 1 }
        return formulation.cells.first { $0.theme == theme && $0.municipality == from }?.need ?? 1
    }
}

import LinearProgramming

/// Explains an infeasible scenario (DESIGN.md 4.3). Three steps:
/// 1. obvious cases found without solving: a minimum or presence floor larger than everything the
///    pools that can serve it have, or the minimums that only one pool can serve adding up to more
///    than that pool has after its reserve;
/// 2. an elastic version of the model in which every promise (minimum, displacement, mutual aid,
///    pool limit, presence) may be broken at a cost of one per hour: the smallest total relaxation;
/// 3. whether using (part of) the flexibility reserves instead would make it feasible, and how low
///    each reserve would have to go.
enum InfeasibilityDiagnosis {
    struct Outcome {
        var lines: [DiagnosisLine]
        var reserveRelief: [ReserveRelief]?
    }

    static let tolerance = 1e-6

    // MARK: Before solving

    /// Floors that cannot be met even if every pool that can serve them gave them everything.
    static func obviousConflicts(_ formulation: Formulation) -> [DiagnosisLine] {
        let scenario = formulation.scenario
        let pools = scenario.pools
        var lines: [DiagnosisLine] = []
        /// The most raw hours a pool can give one municipality.
        func reach(_ assignment: Formulation.Assignment) -> Double {
            let pool = pools[assignment.pool]
            let allocatable = max(0, pool.allocatable)
            guard assignment.away, let aid = pool.mutualAid else { return allocatable }
            return min(allocatable, aid.maxShare * pool.capacity)
        }
        var singlePoolFloors: [Int: (hours: Double, cells: [Int])] = [:]
        for (index, cell) in formulation.cells.enumerated() {
            let theme = scenario.themes[cell.theme]
            let floor = theme.minimum * cell.need
            guard floor > 0 else { continue }
            let assignments = cell.assignments.map { formulation.assignments[$0] }
            let most = min(cell.need, assignments.reduce(0) { $0 + $1.efficiency * reach($1) })
            if most < floor - tolerance * max(1, floor) {
                lines.append(DiagnosisLine(constraint: .minimum, entities: [theme.id, cell.municipality],
                                           hoursShort: floor - most, bound: floor, feasibleBound: most,
                                           feasibleShare: most / cell.need, detectedBeforeSolving: true))
            }
            let servingPools = Set(assignments.filter { $0.efficiency > 0 }.map(\.pool))
            if servingPools.count == 1, let pool = servingPools.first,
               let efficiency = assignments.first(where: { $0.pool == pool })?.efficiency {
                singlePoolFloors[pool, default: (0, [])].hours += floor / efficiency
                singlePoolFloors[pool]?.cells.append(index)
            }
        }
        for (poolIndex, floors) in singlePoolFloors.sorted(by: { $0.key < $1.key }) {
            let pool = pools[poolIndex]
            guard floors.hours > pool.allocatable + tolerance * max(1, floors.hours) else { continue }
            let themes = Array(Set(floors.cells.map { scenario.themes[formulation.cells[$0].theme].id })).sorted()
            lines.append(DiagnosisLine(constraint: .capacity, entities: [pool.id] + themes,
                                       hoursShort: floors.hours - pool.allocatable, bound: pool.allocatable,
                                       feasibleBound: floors.hours, feasibleShare: nil, detectedBeforeSolving: true))
        }
        for (index, row) in formulation.rows.enumerated() {
            guard case .presence(let rule, let municipality) = row else { continue }
            let floor = formulation.program.constraints[index].lower ?? 0
            let kind = scenario.presence[rule].kind
            var most = 0.0
            var seen = Set<Int>()
            for cellIndex in formulation.cellsByMunicipality[municipality] ?? [] {
                for assignmentIndex in formulation.cells[cellIndex].assignments {
                    let assignment = formulation.assignments[assignmentIndex]
                    if pools[assignment.pool].kind == kind, seen.insert(assignment.pool).inserted { most += reach(assignment) }
                }
            }
            if most < floor - tolerance * max(1, floor) {
                lines.append(DiagnosisLine(constraint: .presence, entities: [kind, municipality], hoursShort: floor - most,
                                           bound: floor, feasibleBound: most, feasibleShare: nil, detectedBeforeSolving: true))
            }
        }
        return lines
    }

    // MARK: Elastic model

    /// Explains why `formulation` (a scenario's own model, without the rows of a solve mode) is
    /// infeasible. `start`, when given, is the problem whose solve found `formulation` infeasible (same rows
    /// and columns): the single-change LPs start from its basis (their one answer, θ*, does not
    /// depend on where the simplex starts; the elastic and reserve LPs, whose optima can tie, are
    /// solved cold so that they pick what `ivp solve` picks).
    static func diagnose(_ formulation: Formulation, options: AllocationOptions, start: (any SolverProblem)? = nil) throws -> Outcome {
        var lines = try elasticRelaxation(formulation, options: options)
        let obvious = obviousConflicts(formulation)
        // A promise found before solving is marked as such; pool-wide conflicts come first.
        for index in lines.indices where obvious.contains(where: { $0.constraint == lines[index].constraint && $0.entities == lines[index].entities }) {
            lines[index].detectedBeforeSolving = true
        }
        lines = obvious.filter { $0.constraint == .capacity } + lines
        // For each broken promise, the one number that alone would make everything fit.
        var tried: [String: SingleChange?] = [:]
        for index in lines.indices where lines[index].constraint != .capacity {
            // Minimums, presence norms and displacement bounds are one number per theme or kind
            // (the first entity); a pool's cap or mutual aid is one number per pool and themes.
            let line = lines[index]
            let perFirstEntity: Set<BindingPromise.Kind> = [.minimum, .presence, .displacement]
            let number = perFirstEntity.contains(line.constraint) ? line.entities[0] : line.entities.joined(separator: ",")
            let key = "\(line.constraint.rawValue)|\(number)"
            if tried[key] == nil { tried[key] = .some(try singleChange(for: lines[index], formulation, options: options, start: start)) }
            lines[index].singleChange = tried[key] ?? nil
        }
        return Outcome(lines: lines, reserveRelief: try reserveRelief(formulation, options: options))
    }

    private static func elasticRelaxation(_ formulation: Formulation, options: AllocationOptions) throws -> [DiagnosisLine] {
        let scenario = formulation.scenario
        var program = formulation.program
        var slacks: [(variable: Variable, row: Int, scale: Double)] = []
        var penalty = LinearExpression()
        for (index, row) in formulation.rows.enumerated() {
            var expression = program.constraints[index].expression
            let slack: Variable
            switch row {
            case .link, .capacity:
                continue
            case .minimum, .presence:
                slack = program.addVariable("s\(index)", lower: 0)
                expression.add(slack, 1)
                slacks.append((slack, index, 1))
            case .mutualAid, .poolLimit:
                slack = program.addVariable("s\(index)", lower: 0)
                expression.add(slack, -1)
                slacks.append((slack, index, 1))
            case .displacement(let theme, let from, _):
                // The slack counts hours of the first municipality's coverage.
                let need = formulation.cells.first { $0.theme == theme && $0.municipality == from }?.need ?? 1
                slack = program.addVariable("s\(index)", lower: 0)
                expression.add(slack, -1 / need)
                slacks.append((slack, index, need))
            }
            penalty.add(slack, 1)
            program.replaceExpression(of: Constraint(index: index), with: expression)
        }
        program.objective = penalty
        program.sense = .minimize
        let solution = try SolverProblems.make(program, threads: options.threads).solve(SolverOptions(timeLimit: options.timeLimit))
        guard solution.status == .optimal else { return [] }
        var lines: [DiagnosisLine] = []
        for (variable, rowIndex, scale) in slacks {
            let hours = solution.value(variable)
            guard hours > tolerance else { continue }
            let definition = program.constraints[rowIndex]
            let lower = definition.lower ?? 0, upper = definition.upper ?? 0
            switch formulation.rows[rowIndex] {
            case .minimum(let cell):
                let info = formulation.cells[cell]
                lines.append(DiagnosisLine(constraint: .minimum, entities: [scenario.themes[info.theme].id, info.municipality],
                                           hoursShort: hours, bound: lower, feasibleBound: lower - hours,
                                           feasibleShare: (lower - hours) / info.need, detectedBeforeSolving: false))
            case .presence(let rule, let municipality):
                lines.append(DiagnosisLine(constraint: .presence, entities: [scenario.presence[rule].kind, municipality],
                                           hoursShort: hours, bound: lower, feasibleBound: lower - hours,
                                           feasibleShare: nil, detectedBeforeSolving: false))
            case .mutualAid(let pool):
                lines.append(DiagnosisLine(constraint: .mutualAid, entities: [scenario.pools[pool].id], hoursShort: hours,
                                           bound: upper, feasibleBound: upper + hours, feasibleShare: nil, detectedBeforeSolving: false))
            case .poolLimit(let pool, let limit):
                lines.append(DiagnosisLine(constraint: .poolLimit, entities: [scenario.pools[pool].id] + scenario.pools[pool].limits[limit].themes,
                                           hoursShort: hours, bound: upper, feasibleBound: upper + hours, feasibleShare: nil,
                                           detectedBeforeSolving: false))
            case .displacement(let theme, let from, let to):
                lines.append(DiagnosisLine(constraint: .displacement, entities: [scenario.themes[theme].id, from, to], hoursShort: hours,
                                           bound: upper, feasibleBound: upper + hours / scale, feasibleShare: nil,
                                           detectedBeforeSolving: false))
            case .link, .capacity:
                continue
            }
        }
        return lines.sorted { $0.hoursShort > $1.hoursShort }
    }

    /// Keeps every promise and lets each pool dip into its reserve (at a cost of one per hour):
    /// how low would the reserves have to go? Nil when even no reserve at all is not enough.
    private static func reserveRelief(_ formulation: Formulation, options: AllocationOptions) throws -> [ReserveRelief]? {
        let pools = formulation.scenario.pools
        guard pools.contains(where: { $0.reserve > 0 }) else { return nil }
        var program = formulation.program
        var penalty = LinearExpression()
        var slacks: [(pool: Int, variable: Variable)] = []
        for (index, pool) in pools.enumerated() where pool.reserve > 0 {
            let row = formulation.capacityRows[index]
            let slack = program.addVariable("r\(index)", lower: 0, upper: pool.reserve * pool.capacity)
            var expression = program.constraints[row.index].expression
            expression.add(slack, -1)
            program.replaceExpression(of: row, with: expression)
            penalty.add(slack, 1)
            slacks.append((index, slack))
        }
        program.objective = penalty
        program.sense = .minimize
        let solution = try SolverProblems.make(program, threads: options.threads).solve(SolverOptions(timeLimit: options.timeLimit))
        guard solution.status == .optimal else { return nil }
        return slacks.compactMap { poolIndex, variable in
            let hours = solution.value(variable)
            guard hours > tolerance else { return nil }
            let pool = pools[poolIndex]
            return ReserveRelief(pool: pool.id, reserve: pool.reserve, hours: hours,
                                 feasibleReserve: max(0, (pool.reserve * pool.capacity - hours) / pool.capacity))
        }
    }
}

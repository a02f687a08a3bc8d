import Foundation
import LinearProgramming

/// Checks, values and improves an existing allocation.
///
/// Choices, where DESIGN.md leaves room:
/// - **Value.** An allocation fixes x; the value is what the model would make of it: each cell's
///   effective coverage cov = Σ eff · x fills the returns segments in order (their values never
///   increase, so that is the best y for that coverage), capped at the need. Coverage beyond the
///   need counts for nothing and is a `link` violation ("hours beyond the need").
/// - **Constraints** are checked on the model's own rows with those x and y, so each is exactly the
///   row the solver sees. Displacement therefore compares the counted (capped) coverage shares.
///   A row counts as broken when it is off by more than 1e-6 · max(1, |bound|) hours, so an
///   allocation read back from `ivp solve --format csv` (hours below 1e-6 are not written) is clean.
/// - **Optimum** V* is `Allocator.solve` in the chosen mode; in lexicographic and maxmin modes V*
///   is the total value of that mode's optimum, so the gap may be negative. Select mode's selection
///   limits are a mode's rows, not the scenario's, and are not checked.
/// - **Moves** go towards the optimum, one pool at a time: the places where the allocation has more
///   hours of the pool than the optimum (the surpluses, and the hours the pool leaves unused) are
///   paired with those where it has fewer (the deficits), the largest twelve of each. A move takes
///   the smaller of surplus and deficit, and never more than the target still needs (hours beyond
///   the need are worth nothing). Its gain is computed exactly (the value of the two cells before
///   and after), and a move is only kept when it breaks no constraint more than before. The best is
///   applied and the search repeats, up to five moves: the moves are to be done in order, each
///   gain is measured after the ones before it, and the gains add up.
public enum Evaluator {
    /// Rows off by less than this (times max(1, |bound|)) are kept; also the gap that counts as 0.
    static let tolerance = 1e-6
    static let maximumMoves = 5
    static let candidatesPerSide = 12

    /// Reads the CSV at `allocationPath` and evaluates it against `scenario`.
    public static func evaluate(_ scenario: Scenario, allocationPath: String,
                                options: AllocationOptions = AllocationOptions()) throws -> EvaluationResult {
        let formulation = Formulation(scenario)
        let (hours, sha256) = try AllocationCSV.read(path: allocationPath, formulation: formulation)
        return try evaluate(formulation, hours: hours, allocation: allocationPath,
                            input: Manifest.Input(path: allocationPath, sha256: sha256), options: options)
    }

    /// Evaluates CSV text as if read from a file called `name` (tests).
    public static func evaluate(_ scenario: Scenario, csv text: String, name: String,
                                options: AllocationOptions = AllocationOptions()) throws -> EvaluationResult {
        let formulation = Formulation(scenario)
        let hours = try AllocationCSV.parse(text, file: name, formulation: formulation)
        return try evaluate(formulation, hours: hours, allocation: name,
                            input: Manifest.Input(path: name, sha256: SHA256.hex(Array(text.utf8))), options: options)
    }

    static func evaluate(_ formulation: Formulation, hours: [Int: Double], allocation: String, input: Manifest.Input,
                         options: AllocationOptions) throws -> EvaluationResult {
        let scenario = formulation.scenario
        var state = State(formulation)
        for (assignment, amount) in hours { state.x[assignment] = amount }
        state.refresh()

        // The optimum closest to the allocation under evaluation (the stable choice): the moves
        // then go towards the nearest best allocation, not towards an arbitrary one of many.
        var solveOptions = options
        solveOptions.headlines = false
        let reference = AllocationReference(label: allocation, kind: .allocation,
                                            lines: formulation.allocationLines(hours), stable: true)
        let model = try SolvedModel(formulation, options: solveOptions)
        let optimal = try model.result(closestTo: reference, sensitivity: false)
        let objective = state.value()
        var names: [String: String] = [:]
        for node in scenario.nodes { names[node.id] = node.name }
        for pool in scenario.pools { names[pool.id] = pool.name }
        for theme in scenario.themes { names[theme.id] = theme.name }
        let manifest = Manifest(inputs: scenario.sources.map { Manifest.Input(path: $0.path, sha256: $0.sha256) } + [input],
                                ivpVersion: IVP.version, glpkVersion: GLPK.version)

        // The optimum's x, per assignment, as the model holds it.
        let best: [Double]? = model.shownValues.map { values in formulation.assignments.map { values[$0.variable.index] } }

        var gap: Double?, relativeGap: Double?
        if let optimum = optimal.objective {
            var difference = optimum - objective
            if abs(difference) < tolerance * max(1, abs(optimum)) { difference = 0 }
            gap = difference
            relativeGap = optimum != 0 ? difference / optimum : nil
        }

        let violations = state.violations()
        let moves = best.map { findMoves(state, optimum: $0, ideal: formulation.ideal) } ?? []

        var poolHours = [Double](repeating: 0, count: scenario.pools.count), awayHours = poolHours
        var municipalityHours: [String: Double] = [:]
        for (index, assignment) in formulation.assignments.enumerated() {
            poolHours[assignment.pool] += state.x[index]
            if assignment.away { awayHours[assignment.pool] += state.x[index] }
            municipalityHours[formulation.cells[assignment.cell].municipality, default: 0] += state.x[index]
        }
        let optimumPools = Dictionary(optimal.pools.map { ($0.id, $0.allocated) }, uniquingKeysWith: { first, _ in first })
        let optimumMunicipalities = Dictionary(optimal.municipalities.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        let hasOptimum = optimal.objective != nil

        return EvaluationResult(
            scenario: scenario.name, allocation: allocation, mode: options.mode, feasible: violations.isEmpty,
            violations: violations, objective: objective, ideal: formulation.ideal,
            attainment: formulation.ideal > 0 ? objective / formulation.ideal : nil,
            allocated: poolHours.reduce(0, +), allocatable: scenario.pools.reduce(0) { $0 + $1.allocatable },
            optimumStatus: optimal.status, optimum: optimal.objective, optimumAttainment: optimal.attainment,
            gap: gap, relativeGap: relativeGap, moves: moves,
            pools: scenario.pools.enumerated().map { index, pool in
                EvaluatedPool(id: pool.id, name: pool.name, allocatable: pool.allocatable, allocated: poolHours[index],
                              mutualAid: awayHours[index], optimum: hasOptimum ? optimumPools[pool.id] : nil)
            },
            municipalities: scenario.municipalities.map { municipality in
                let value = formulation.value(of: municipality.id).evaluate(state.values)
                let ideal = formulation.ideal(of: municipality.id)
                return EvaluatedMunicipality(id: municipality.id, name: municipality.name, value: value, ideal: ideal,
                                             attainment: ideal > 0 ? value / ideal : 0,
                                             hours: municipalityHours[municipality.id] ?? 0,
                                             optimum: hasOptimum ? optimumMunicipalities[municipality.id] : nil)
            },
            manifest: manifest, names: names)
    }

    // MARK: State

    /// An allocation with everything the model derives from it: y, row activities, and for each
    /// variable the rows it appears in (so a move updates only what it touches).
    struct State {
        let formulation: Formulation
        /// Hours per assignment.
        var x: [Double]
        /// Every variable of the program: x from the allocation, y from filling the segments.
        var values: [Double]
        var activities: [Double]
        /// Effective coverage per cell, before capping at the need.
        var coverage: [Double]
        let columns: [[(row: Int, coefficient: Double)]]
        /// Per row: the hours one unit of the row stands for (the need of the first municipality of
        /// a displacement row, whose unit is a share; 1 for every other row), and the size of its
        /// bound in the row's unit (the need for a link row), the scale of its tolerance.
        let hoursPerUnit: [Double]
        let rowScale: [Double]

        init(_ formulation: Formulation) {
            self.formulation = formulation
            x = [Double](repeating: 0, count: formulation.assignments.count)
            values = [Double](repeating: 0, count: formulation.program.variables.count)
            activities = [Double](repeating: 0, count: formulation.program.constraints.count)
            coverage = [Double](repeating: 0, count: formulation.cells.count)
            var columns = [[(row: Int, coefficient: Double)]](repeating: [], count: formulation.program.variables.count)
            for (row, constraint) in formulation.program.constraints.enumerated() {
                for (variable, coefficient) in constraint.expression.sortedTerms { columns[variable.index].append((row, coefficient)) }
            }
            self.columns = columns
            var needOf: [String: Double] = [:]
            for cell in formulation.cells { needOf["\(cell.theme)|\(cell.municipality)"] = cell.need }
            hoursPerUnit = formulation.rows.map { row in
                guard case .displacement(let theme, let from, _) = row else { return 1 }
                return needOf["\(theme)|\(from)"] ?? 1
            }
            rowScale = formulation.rows.enumerated().map { index, row in
                if case .link(let cell) = row { return formulation.cells[cell].need }
                let constraint = formulation.program.constraints[index]
                return max(abs(constraint.lower ?? 0), abs(constraint.upper ?? 0))
            }
        }

        /// Recomputes coverage, y and every row activity from x.
        mutating func refresh() {
            for (index, assignment) in formulation.assignments.enumerated() { values[assignment.variable.index] = x[index] }
            for cell in formulation.cells.indices {
                coverage[cell] = formulation.cells[cell].assignments.reduce(0) {
                    $0 + formulation.assignments[$1].efficiency * x[$1]
                }
                for (variable, y) in zip(formulation.cells[cell].segments, segments(cell, coverage[cell])) { values[variable.index] = y }
            }
            for (row, constraint) in formulation.program.constraints.enumerated() {
                activities[row] = constraint.expression.evaluate(values)
            }
        }

        /// y_tmj for an effective coverage: the segments filled in order, up to the need.
        func segments(_ cell: Int, _ coverage: Double) -> [Double] {
            let info = formulation.cells[cell]
            let returns = formulation.scenario.themes[info.theme].returns
            var remaining = max(0, coverage)
            return returns.map { segment in
                let y = min(segment.share * info.need, remaining)
                remaining -= y
                return y
            }
        }

        /// W Σ_j v_j y_tmj for an effective coverage.
        func cellValue(_ cell: Int, _ coverage: Double) -> Double {
            let info = formulation.cells[cell]
            let returns = formulation.scenario.themes[info.theme].returns
            return zip(returns, segments(cell, coverage)).reduce(0) { $0 + info.weight * $1.0.value * $1.1 }
        }

        func value() -> Double { formulation.value.evaluate(values) }

        /// How far a row is outside its bounds, in the row's unit (0 inside).
        func excess(_ row: Int, _ activity: Double) -> Double {
            let constraint = formulation.program.constraints[row]
            var amount = 0.0
            if let lower = constraint.lower { amount = max(amount, lower - activity) }
            if let upper = constraint.upper { amount = max(amount, activity - upper) }
            return amount
        }

        func violations() -> [Violation] {
            let scenario = formulation.scenario
            var result: [(order: Int, violation: Violation)] = []
            for (row, kind) in formulation.rows.enumerated() {
                let constraint = formulation.program.constraints[row]
                let activity = activities[row]
                let hours = excess(row, activity) * hoursPerUnit[row]
                guard hours > tolerance * max(1, rowScale[row] * hoursPerUnit[row]) else { continue }
                let bound = (constraint.lower.map { activity < $0 } ?? false) ? constraint.lower! : (constraint.upper ?? 0)
                let violation: Violation
                switch kind {
                case .link(let cell):
                    let info = formulation.cells[cell]
                    violation = Violation(constraint: .link, entities: [scenario.themes[info.theme].id, info.municipality],
                                          hours: hours, bound: info.need, actual: coverage[cell])
                case .capacity(let pool):
                    violation = Violation(constraint: .capacity, entities: [scenario.pools[pool].id], hours: hours,
                                          bound: bound, actual: activity)
                case .mutualAid(let pool):
                    violation = Violation(constraint: .mutualAid, entities: [scenario.pools[pool].id], hours: hours,
                                          bound: bound, actual: activity)
                case .minimum(let cell):
                    let info = formulation.cells[cell]
                    violation = Violation(constraint: .minimum, entities: [scenario.themes[info.theme].id, info.municipality],
                                          hours: hours, bound: bound, actual: activity)
                case .displacement(let theme, let from, let to):
                    violation = Violation(constraint: .displacement, entities: [scenario.themes[theme].id, from, to],
                                          hours: hours, bound: bound, actual: activity)
                case .poolLimit(let pool, let limit):
                    violation = Violation(constraint: .poolLimit,
                                          entities: [scenario.pools[pool].id] + scenario.pools[pool].limits[limit].themes,
                                          hours: hours, bound: bound, actual: activity)
                case .presence(let rule, let municipality):
                    violation = Violation(constraint: .presence, entities: [scenario.presence[rule].kind, municipality],
                                          hours: hours, bound: bound, actual: activity)
                }
                result.append((Violation.Kind.allCases.firstIndex(of: violation.constraint)!, violation))
            }
            // Stable: by kind in the order of DESIGN.md 4.2, then in row order.
            return result.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element.violation)
        }
    }
}

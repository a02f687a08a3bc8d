import Foundation
import LinearProgramming

/// One point of a sweep: the parameter's value and what the optimum looks like there.
public struct SweepPoint: Sendable, Codable {
    public var parameter: Double
    public var status: AllocationStatus
    public var objective: Double?
    public var attainment: Double?
    /// Share of need covered per theme id.
    public var coverage: [String: Double]
    /// Hour value per pool id.
    public var hourValues: [String: Double]
    /// Whether the point re-used the previous optimal basis.
    public var warmStart: Bool
    public var iterations: Int
    public var seconds: Double
    /// Σ |x − x⁰| against the allocation of the scenario as given (the stable choice's minimum).
    public var hoursMoved: Double?
    /// For an infeasible point: the promises that break, from its diagnosis (largest first).
    public var broken: [DiagnosisLine]?
}

/// Between two neighbouring points the value curve bends: some pool's hour value changes.
public struct SweepBreakpoint: Sendable, Codable {
    public var from: Double
    public var to: Double
    /// Pools whose hour value differs between the two points.
    public var pools: [String]
    /// Slope of the value curve (value per unit of the parameter) before and after, where known.
    public var slopeBefore: Double?
    public var slopeAfter: Double?
}

public struct SweepResult: Sendable, Codable {
    public var scenario: String
    public var parameter: String
    public var baseValue: Double?
    public var mode: SolveMode
    /// Whether every point shows the optimum closest to the allocation of the scenario as given.
    public var stable: Bool
    public var points: [SweepPoint]
    public var breakpoints: [SweepBreakpoint]
    public var themes: [String]
    public var pools: [String]
    public var names: [String: String]
    public var seconds: Double
    public var manifest: Manifest
    /// Raw hours per municipality at the first and the last point with an allocation: the map
    /// of the change between the sweep's ends (SweepEnds.swift); nil without two such points.
    public var ends: SweepEnds?
}

/// A trade-off curve: the scenario solved for each value of one parameter. In weighted mode each
/// point starts from the previous optimal basis (GLPK keeps it when only bounds and objective
/// coefficients change, DESIGN.md / MEASUREMENTS.md); a change of structure (a population, which
/// moves coefficients) falls back to a cold solve of that point.
public enum Sweep {
    /// `stable`: every point shows, among its optima, the one closest to the allocation of
    /// `scenario` as given (so that the curve shows what the parameter causes, not reshuffles).
    public static func run(_ scenario: Scenario, parameter: ScenarioParameter, values: [Double],
                           options: AllocationOptions = AllocationOptions(), warmStart: Bool = true,
                           stable: Bool = true) throws -> SweepResult {
        let start = Date()
        var options = options
        options.headlines = false
        // Every value is checked before anything is solved: a bad value is a usage error, not a point.
        let scenarios = try values.map { value throws(ParameterError) in try parameter.applied(value, to: scenario) }
        var forcedMinimum = Set<String>(), forcedDisplacement = Set<String>()
        if let theme = parameter.minimumTheme { forcedMinimum.insert(theme) }
        if let theme = parameter.displacementTheme { forcedDisplacement.insert(theme) }

        // The scenario as given: the allocation every point is measured against, and the first basis.
        let base = try SolvedModel(scenario, options: options, forceMinimumRows: forcedMinimum,
                                   forceDisplacementRows: forcedDisplacement)
        let baseResult = try base.result(sensitivity: false)
        let reference = baseResult.objective == nil ? nil
            : AllocationReference(label: scenario.name, kind: .base, lines: baseResult.allocations, stable: stable)
        var points: [SweepPoint] = []
        var previous: SolvedModel? = warmStart && base.hasSolution ? base : nil
        var first: (parameter: Double, result: AllocationResult)?, last: (parameter: Double, result: AllocationResult)?
        for (value, variant) in zip(values, scenarios) {
            let pointStart = Date()
            let model = try previous?.resolved(as: variant, forceMinimumRows: forcedMinimum, forceDisplacementRows: forcedDisplacement)
                ?? SolvedModel(variant, options: options, forceMinimumRows: forcedMinimum, forceDisplacementRows: forcedDisplacement)
            let result = try model.result(closestTo: reference, sensitivity: false)
            if result.objective != nil {
                if first == nil { first = (value, result) } else { last = (value, result) }
            }
            // An infeasible point keeps its problem too: the next point starts from its basis.
            if warmStart { previous = model }
            points.append(SweepPoint(
                parameter: value, status: result.status, objective: result.objective, attainment: result.attainment,
                coverage: Dictionary(uniqueKeysWithValues: result.themes.map { ($0.id, $0.share) }),
                hourValues: Dictionary(uniqueKeysWithValues: result.pools.map { ($0.id, $0.hourValue) }),
                warmStart: model.warmStarted, iterations: model.iterations, seconds: Date().timeIntervalSince(pointStart),
                hoursMoved: result.choice?.hoursMoved, broken: result.diagnosis.map { Array($0.prefix(3)) }))
        }
        var names: [String: String] = [:]
        for node in scenario.nodes { names[node.id] = node.name }
        for pool in scenario.pools { names[pool.id] = pool.name }
        for theme in scenario.themes { names[theme.id] = theme.name }
        return SweepResult(
            scenario: scenario.name, parameter: parameter.key, baseValue: parameter.value(in: scenario), mode: options.mode,
            stable: stable, points: points, breakpoints: breakpoints(points), themes: scenario.themes.map(\.id),
            pools: scenario.pools.map(\.id), names: names, seconds: Date().timeIntervalSince(start),
            manifest: Manifest(inputs: scenario.sources.map { Manifest.Input(path: $0.path, sha256: $0.sha256) },
                               ivpVersion: IVP.version, glpkVersion: GLPK.version),
            ends: SweepEnds.make(first, last, scenario))
    }

    /// Brings `problem` to `program` by changing bounds and objective coefficients only. Returns
    /// false (and changes nothing) when the structure differs, so the caller solves from scratch.
    static func update(_ problem: any SolverProblem, to program: LinearProgram) throws -> Bool {
        let current = problem.program
        guard current.variables.count == program.variables.count,
              current.constraints.count == program.constraints.count,
              zip(current.variables, program.variables).allSatisfy({ $0.isInteger == $1.isInteger }),
              zip(current.constraints, program.constraints).allSatisfy({ $0.expression == $1.expression })
        else { return false }
        for (index, (old, new)) in zip(current.variables, program.variables).enumerated()
        where old.lower != new.lower || old.upper != new.upper {
            try problem.setBounds(of: Variable(index: index), lower: new.lower, upper: new.upper)
        }
        for (index, (old, new)) in zip(current.constraints, program.constraints).enumerated()
        where old.lower != new.lower || old.upper != new.upper {
            try problem.setBounds(of: Constraint(index: index), lower: new.lower, upper: new.upper)
        }
        let keys = Set(current.objective.terms.keys).union(program.objective.terms.keys)
        for variable in keys.sorted() where current.objective.terms[variable] != program.objective.terms[variable] {
            try problem.setObjectiveCoefficient(of: variable, program.objective.terms[variable] ?? 0)
        }
        return true
    }

    /// Where neighbouring points differ in some pool's hour value, the curve has a breakpoint between them.
    static func breakpoints(_ points: [SweepPoint]) -> [SweepBreakpoint] {
        var result: [SweepBreakpoint] = []
        func slope(_ index: Int) -> Double? {
            guard index >= 1, index < points.count,
                  let a = points[index - 1].objective, let b = points[index].objective,
                  points[index].parameter != points[index - 1].parameter else { return nil }
            return (b - a) / (points[index].parameter - points[index - 1].parameter)
        }
        for index in points.indices.dropFirst() {
            let before = points[index - 1], after = points[index]
            guard before.status == .optimal, after.status == .optimal else { continue }
            // Largest change first: that is the pool whose value the reader should look at.
            func change(_ pool: String) -> Double { abs((after.hourValues[pool] ?? 0) - (before.hourValues[pool] ?? 0)) }
            let changed = before.hourValues.keys.sorted().filter { pool in
                let a = before.hourValues[pool] ?? 0, b = after.hourValues[pool] ?? 0
                return abs(a - b) > 1e-7 * max(1, abs(a), abs(b))
            }.sorted { change($0) != change($1) ? change($0) > change($1) : $0 < $1 }
            guard !changed.isEmpty else { continue }
            result.append(SweepBreakpoint(from: before.parameter, to: after.parameter, pools: changed,
                                          slopeBefore: slope(index - 1), slopeAfter: slope(index + 1)))
        }
        return result
    }
}

import LinearProgramming

/// One scenario of a comparison, with its change against the base (the first).
public struct ScenarioSummary: Sendable, Codable {
    /// The file as given on the command line.
    public var scenario: String
    public var name: String
    public var status: AllocationStatus
    public var objective: Double?
    public var attainment: Double?
    public var objectiveChange: Double?
    public var attainmentChange: Double?
    /// Σ |x − x⁰| over every (pool, theme, municipality) against the base's allocation: the least
    /// possible for this scenario's optimum when the comparison is stable (nil for the base).
    public var hoursMoved: Double?
}

/// Hours of one theme, municipality or pool in the base and in another scenario.
public struct HoursShift: Sendable, Codable, Equatable {
    public var id: String
    public var base: Double
    public var other: Double
    public var change: Double
}

/// Hours (and coverage) of one theme in one municipality in the base and in another scenario.
public struct CellShift: Sendable, Codable, Equatable {
    public var theme: String
    public var municipality: String
    public var base: Double
    public var other: Double
    public var change: Double
    public var baseShare: Double
    public var otherShare: Double
}

/// A value of the input that differs between the base and another scenario (nil: absent there).
public struct InputChange: Sendable, Codable, Equatable {
    public var path: String
    public var base: String?
    public var other: String?
}

public struct ScenarioDifference: Sendable, Codable {
    public var scenario: String
    /// Every field of the input that differs, in the order of the files.
    public var inputChanges: [InputChange]
    /// Hours moved, largest shifts first; only what changed.
    public var themes: [HoursShift]
    public var municipalities: [HoursShift]
    public var pools: [HoursShift]
    public var cells: [CellShift]
    /// Promises that bind in one scenario and not in the other.
    public var bindingOnlyInBase: [BindingPromise]
    public var bindingOnlyInOther: [BindingPromise]
    /// Themes whose hours did not change while others did, with the promise that holds them (if any).
    public var keptThemes: [KeptTheme]
    /// Change of the hour value per pool.
    public var hourValues: [HoursShift]
}

/// A theme that keeps its hours in a what-if, and why.
public struct KeptTheme: Sendable, Codable, Equatable {
    public var theme: String
    public var hours: Double
    /// The kind of promise that binds on it in the other scenario (minimum, displacement), if any.
    public var heldBy: BindingPromise.Kind?
}

public struct ComparisonResult: Sendable, Codable {
    public var base: String
    public var mode: SolveMode
    /// Whether each what-if shows, among its optima, the one closest to the base's allocation
    /// (the stable choice, DESIGN.md 4.5) rather than the solver's raw optimum.
    public var stable: Bool
    public var scenarios: [ScenarioSummary]
    public var differences: [ScenarioDifference]
    public var names: [String: String]
    public var manifest: Manifest
}

/// Solves a base scenario and its what-ifs and lines up what changes: cause (the input) and
/// effect (hours, coverage, promises, hour values).
public enum Comparison {
    static let tolerance = 0.5 // hours: less is rounding, not a shift

    /// `stable`: each what-if shows the optimum closest to the base's allocation, so that only
    /// what the what-if causes moves; else the raw optimum (`--no-stable`).
    public static func compare(base: (label: String, scenario: Scenario), others: [(label: String, scenario: Scenario)],
                               options: AllocationOptions = AllocationOptions(), stable: Bool = true) throws -> ComparisonResult {
        var options = options
        options.headlines = false
        let baseResult = try SolvedModel(base.scenario, options: options).result()
        var summaries = [summary(base.label, baseResult, against: nil)]
        var differences: [ScenarioDifference] = []
        var names = baseResult.names
        var inputs = baseResult.manifest.inputs
        let reference = AllocationReference(label: base.label, kind: .base, lines: baseResult.allocations, stable: stable)
        for other in others {
            let model = try SolvedModel(other.scenario, options: options)
            let result = try model.result(closestTo: baseResult.objective == nil ? nil : reference)
            names.merge(result.names) { first, _ in first }
            inputs += result.manifest.inputs.filter { input in !inputs.contains(input) }
            summaries.append(summary(other.label, result, against: baseResult))
            differences.append(difference(other.label, base: (base.scenario, baseResult), other: (other.scenario, result)))
        }
        return ComparisonResult(base: base.label, mode: options.mode, stable: stable, scenarios: summaries, differences: differences,
                                names: names, manifest: Manifest(inputs: inputs, ivpVersion: IVP.version, glpkVersion: GLPK.version))
    }

    static func summary(_ label: String, _ result: AllocationResult, against base: AllocationResult?) -> ScenarioSummary {
        var change: Double?, attainmentChange: Double?
        if let base, let value = result.objective, let baseValue = base.objective { change = value - baseValue }
        if let base, let value = result.attainment, let baseValue = base.attainment { attainmentChange = value - baseValue }
        return ScenarioSummary(scenario: label, name: result.scenario, status: result.status, objective: result.objective,
                               attainment: result.attainment, objectiveChange: change, attainmentChange: attainmentChange,
                               hoursMoved: result.choice?.hoursMoved)
    }

    static func inputChanges(_ base: [InputField], _ other: [InputField]) -> [InputChange] {
        let baseValues = Dictionary(base.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        let otherValues = Dictionary(other.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        var changes: [InputChange] = []
        var seen = Set<String>()
        for field in base + other where seen.insert(field.path).inserted {
            let a = baseValues[field.path], b = otherValues[field.path]
            if a != b { changes.append(InputChange(path: field.path, base: a, other: b)) }
        }
        return changes
    }

    static func shifts(_ base: [String: Double], _ other: [String: Double], order: [String]) -> [HoursShift] {
        var ids = order
        for id in Set(base.keys).union(other.keys).sorted() where !ids.contains(id) { ids.append(id) }
        return ids.compactMap { id in
            let a = base[id] ?? 0, b = other[id] ?? 0
            return abs(b - a) >= tolerance ? HoursShift(id: id, base: a, other: b, change: b - a) : nil
        }.sorted { abs($0.change) > abs($1.change) }
    }

    /// The stable difference of `other` against `base` (also the live page's "what changed against the plan").
    public static func difference(_ label: String, base: (Scenario, AllocationResult), other: (Scenario, AllocationResult)) -> ScenarioDifference {
        let (baseScenario, a) = base, (otherScenario, b) = other
        func hours(_ result: AllocationResult, _ key: (AllocationLine) -> String) -> [String: Double] {
            result.allocations.reduce(into: [:]) { $0[key($1), default: 0] += $1.hours }
        }
        let themeOrder = baseScenario.themes.map(\.id), municipalityOrder = baseScenario.municipalities.map(\.id)
        let poolOrder = baseScenario.pools.map(\.id)
        let themeShifts = shifts(hours(a, \.theme), hours(b, \.theme), order: themeOrder)

        let cellKey: (AllocationLine) -> String = { "\($0.theme)|\($0.municipality)" }
        let baseCells = hours(a, cellKey), otherCells = hours(b, cellKey)
        let baseShares = Dictionary(a.coverage.map { ("\($0.theme)|\($0.municipality)", $0.share) }, uniquingKeysWith: { x, _ in x })
        let otherShares = Dictionary(b.coverage.map { ("\($0.theme)|\($0.municipality)", $0.share) }, uniquingKeysWith: { x, _ in x })
        var cells: [CellShift] = []
        for key in Set(baseCells.keys).union(otherCells.keys).union(baseShares.keys).union(otherShares.keys).sorted() {
            let x = baseCells[key] ?? 0, y = otherCells[key] ?? 0
            guard abs(y - x) >= tolerance else { continue }
            let parts = key.split(separator: "|").map(String.init)
            cells.append(CellShift(theme: parts[0], municipality: parts[1], base: x, other: y, change: y - x,
                                   baseShare: baseShares[key] ?? 0, otherShare: otherShares[key] ?? 0))
        }
        cells.sort { abs($0.change) != abs($1.change) ? abs($0.change) > abs($1.change) : ($0.theme, $0.municipality) < ($1.theme, $1.municipality) }

        func key(_ promise: BindingPromise) -> String { "\(promise.kind.rawValue)|\(promise.entities.joined(separator: ","))" }
        let baseBinding = Set(a.binding.map(key)), otherBinding = Set(b.binding.map(key))

        // Themes that keep their hours while hours move elsewhere, and the promise that holds them.
        var kept: [KeptTheme] = []
        if !themeShifts.isEmpty {
            let baseThemeHours = hours(a, \.theme)
            for theme in otherScenario.themes where !themeShifts.contains(where: { $0.id == theme.id }) {
                let held = b.binding.first { ($0.kind == .minimum || $0.kind == .displacement) && $0.entities.first == theme.id }
                guard let hoursKept = baseThemeHours[theme.id], hoursKept >= tolerance else { continue }
                kept.append(KeptTheme(theme: theme.id, hours: hoursKept, heldBy: held?.kind))
            }
        }
        let baseValues = Dictionary(a.pools.map { ($0.id, $0.hourValue) }, uniquingKeysWith: { x, _ in x })
        let otherValues = Dictionary(b.pools.map { ($0.id, $0.hourValue) }, uniquingKeysWith: { x, _ in x })
        let hourValues = poolOrder.compactMap { id -> HoursShift? in
            let x = baseValues[id] ?? 0, y = otherValues[id] ?? 0
            return abs(y - x) > 1e-9 ? HoursShift(id: id, base: x, other: y, change: y - x) : nil
        }
        return ScenarioDifference(
            scenario: label, inputChanges: inputChanges(baseScenario.inputFields, otherScenario.inputFields),
            themes: themeShifts, municipalities: shifts(hours(a, \.municipality), hours(b, \.municipality), order: municipalityOrder),
            pools: shifts(hours(a, \.pool), hours(b, \.pool), order: poolOrder), cells: cells,
            bindingOnlyInBase: a.binding.filter { !otherBinding.contains(key($0)) },
            bindingOnlyInOther: b.binding.filter { !baseBinding.contains(key($0)) },
            keptThemes: kept, hourValues: hourValues)
    }
}

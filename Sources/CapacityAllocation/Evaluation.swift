import Foundation
import LinearProgramming

// `ivp evaluate`: an existing allocation (the CSV `ivp solve --format csv` writes) checked against
// every constraint of DESIGN.md 4.2, valued like the model values it, compared with the optimum,
// and the few moves of hours that would gain most.

// MARK: - Result

/// A constraint of DESIGN.md 4.2 that an evaluated allocation breaks.
public struct Violation: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// (1) Coverage beyond the need: Σ_j y_tmj cannot reach cov_tm.
        case link
        case capacity
        case mutualAid = "mutual_aid"
        case minimum
        case displacement
        case poolLimit = "pool_limit"
        case presence
    }
    public var constraint: Kind
    /// Ids involved, like `BindingPromise.entities`: link and minimum [theme, municipality];
    /// capacity and mutual_aid [pool]; displacement [theme, municipality above, municipality below];
    /// pool_limit [pool, themes…]; presence [kind, municipality].
    public var entities: [String]
    /// By how much, in hours: raw hours for capacity, mutual_aid, pool_limit and presence; effective
    /// hours for link (hours beyond the need) and minimum (hours short); for displacement the excess
    /// share times the need of the first municipality (the hours too many there).
    public var hours: Double
    /// The bound that is broken and what the allocation has, in the constraint's own unit: hours as
    /// above (for link: the need and the effective coverage), a share of need for displacement (the
    /// max_gap and the difference in coverage share).
    public var bound: Double
    public var actual: Double
}

/// A theme in a municipality: one end of a move.
public struct Place: Sendable, Equatable, Codable {
    public var theme: String
    public var municipality: String

    public init(theme: String, municipality: String) {
        self.theme = theme
        self.municipality = municipality
    }
}

/// Hours of one pool moved from one place to another (or put to work from its unused hours).
public struct Move: Sendable, Equatable, Codable {
    public var pool: String
    /// Where the hours come from; nil: hours of the pool that the allocation leaves unused.
    public var from: Place?
    public var to: Place
    public var hours: Double
    /// The value the move adds, in value-hours, measured after the moves listed before it.
    public var gain: Double

    enum CodingKeys: String, CodingKey { case pool, from, to, hours, gain }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pool, forKey: .pool)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(hours, forKey: .hours)
        try container.encode(gain, forKey: .gain)
    }
}

public struct EvaluatedPool: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// (1 − reserve) · C_p.
    public var allocatable: Double
    /// Raw hours the allocation gives the pool.
    public var allocated: Double
    /// Of which mutual aid to sibling nodes.
    public var mutualAid: Double
    /// Raw hours of the pool in the optimum; nil when there is none.
    public var optimum: Double?

    enum CodingKeys: String, CodingKey { case id, name, allocatable, allocated, mutualAid, optimum }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(allocatable, forKey: .allocatable)
        try container.encode(allocated, forKey: .allocated)
        try container.encode(mutualAid, forKey: .mutualAid)
        try container.encode(optimum, forKey: .optimum)
    }
}

public struct EvaluatedMunicipality: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// V_m of the allocation, I_m, and V_m / I_m (0 when I_m is 0).
    public var value: Double
    public var ideal: Double
    public var attainment: Double
    /// Raw hours the allocation spends in the municipality.
    public var hours: Double
    /// V_m of the optimum; nil when there is none.
    public var optimum: Double?

    enum CodingKeys: String, CodingKey { case id, name, value, ideal, attainment, hours, optimum }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        try container.encode(ideal, forKey: .ideal)
        try container.encode(attainment, forKey: .attainment)
        try container.encode(hours, forKey: .hours)
        try container.encode(optimum, forKey: .optimum)
    }
}

/// What `ivp evaluate` found; the report writers read this and compute nothing of their own.
public struct EvaluationResult: Sendable, Codable {
    public var scenario: String
    /// The path of the evaluated CSV, as given.
    public var allocation: String
    /// The mode in which the optimum was computed.
    public var mode: SolveMode
    /// Whether the allocation keeps every constraint (no violations).
    public var feasible: Bool
    /// In the order of DESIGN.md 4.2 (link, capacity, mutual aid, minimum, displacement, pool
    /// limits, presence), each kind in the model's row order.
    public var violations: [Violation]
    /// V of the allocation, I, and V / I (nil when I is 0).
    public var objective: Double
    public var ideal: Double
    public var attainment: Double?
    /// Raw hours in the allocation, and what all pools may allocate after their reserves.
    public var allocated: Double
    public var allocatable: Double
    /// The status of the optimum's solve, its V* and attainment (nil without a solution).
    public var optimumStatus: AllocationStatus
    public var optimum: Double?
    public var optimumAttainment: Double?
    /// V* − V, and (V* − V) / V* (nil when V* is nil or 0). Within 1e-6 · max(1, |V*|) it is 0.
    public var gap: Double?
    public var relativeGap: Double?
    /// At most five moves, best first; done in order, their gains add up.
    public var moves: [Move]
    public var pools: [EvaluatedPool]
    public var municipalities: [EvaluatedMunicipality]
    /// The scenario's files, then the CSV.
    public var manifest: Manifest
    /// Display names of every id, for the reports.
    public var names: [String: String]

    public func name(_ id: String) -> String { names[id] ?? id }

    enum CodingKeys: String, CodingKey {
        case scenario, allocation, mode, feasible, violations, objective, ideal, attainment, allocated, allocatable
        case optimumStatus, optimum, optimumAttainment, gap, relativeGap, moves, pools, municipalities, manifest, names
    }

    /// Every key, with `null` for what is absent, like `AllocationResult`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(allocation, forKey: .allocation)
        try container.encode(mode, forKey: .mode)
        try container.encode(feasible, forKey: .feasible)
        try container.encode(violations, forKey: .violations)
        try container.encode(objective, forKey: .objective)
        try container.encode(ideal, forKey: .ideal)
        try container.encode(attainment, forKey: .attainment)
        try container.encode(allocated, forKey: .allocated)
        try container.encode(allocatable, forKey: .allocatable)
        try container.encode(optimumStatus, forKey: .optimumStatus)
        try container.encode(optimum, forKey: .optimum)
        try container.encode(optimumAttainment, forKey: .optimumAttainment)
        try container.encode(gap, forKey: .gap)
        try container.encode(relativeGap, forKey: .relativeGap)
        try container.encode(moves, forKey: .moves)
        try container.encode(pools, forKey: .pools)
        try container.encode(municipalities, forKey: .municipalities)
        try container.encode(manifest, forKey: .manifest)
        try container.encode(names, forKey: .names)
    }
}

// MARK: - Reading the CSV

/// Reads an allocation in the format `ivp solve --format csv` writes (DESIGN.md 5):
/// `pool,theme,municipality,hours[,effective_hours]`. `effective_hours` is ignored (it follows from
/// the scenario and is recomputed). Lines may end in CRLF, blank lines are skipped, fields are
/// trimmed and may be quoted ("a,b", with "" for a quote) within one line. Every problem is
/// collected, each with the file and its line, and thrown together as a `ScenarioError`.
public enum AllocationCSV {
    public static let columns = ["pool", "theme", "municipality", "hours"]
    public static let optionalColumn = "effective_hours"

    /// The hours of every x variable of `formulation` the file names, keyed by index into
    /// `formulation.assignments`. Variables the file does not name are 0.
    public static func read(path: String, formulation: Formulation) throws(ScenarioError) -> (hours: [Int: Double], sha256: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "the file \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError([Diagnostic(file: path, path: "", line: nil, message: "the file is not UTF-8 text")])
        }
        let hours = try parse(text, file: path, formulation: formulation)
        return (hours, SHA256.hex([UInt8](data)))
    }

    /// Parses CSV text as if read from `file`.
    public static func parse(_ text: String, file: String, formulation: Formulation) throws(ScenarioError) -> [Int: Double] {
        var problems: [Diagnostic] = []
        func problem(_ line: Int?, _ path: String, _ message: String) {
            problems.append(Diagnostic(file: file, path: path, line: line, message: message))
        }
        let scenario = formulation.scenario
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, a newline like "\n" (and a lone "\r").
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)

        // Lookups: ids, and the x variable of each (pool, theme, municipality).
        let poolIndex = Dictionary(scenario.pools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let themeIndex = Dictionary(scenario.themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let municipalities = Set(scenario.municipalities.map(\.id))
        var cellOf: [String: Int] = [:]
        for (index, cell) in formulation.cells.enumerated() { cellOf["\(cell.theme)|\(cell.municipality)"] = index }
        var assignmentOf: [String: Int] = [:]
        for (index, assignment) in formulation.assignments.enumerated() {
            assignmentOf["\(assignment.pool)|\(assignment.cell)"] = index
        }

        // Hours beyond a thousand times what all pools have together are a typo or garbage, and
        // summing them (1e308 twice) would overflow: refused, with the line.
        let grossHours = scenario.pools.reduce(0.0) { $0 + $1.fte * $1.hoursPerFTE }
        let hoursLimit = 1000 * max(grossHours, 1)
        var header: [String]?
        var hours: [Int: Double] = [:]
        var firstLine: [Int: Int] = [:]
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            if raw.allSatisfy(\.isWhitespace) { continue }
            guard let fields = splitFields(raw) else {
                problem(number, "", "unterminated quoted field")
                if header == nil { throw ScenarioError(problems) }
                continue
            }
            guard let expected = header else {
                if fields == columns || fields == columns + [optionalColumn] {
                    header = fields
                    continue
                }
                problem(number, "", "expected the header '\(columns.joined(separator: ","))' (optionally followed by ',\(optionalColumn)'), found '\(raw.trimmingCharacters(in: .whitespaces))'")
                throw ScenarioError(problems)
            }
            guard fields.count == expected.count else {
                problem(number, "", "expected \(expected.count) fields (\(expected.joined(separator: ","))), found \(fields.count)")
                continue
            }
            let (poolID, themeID, municipality, hoursText) = (fields[0], fields[1], fields[2], fields[3])
            var known = true
            if poolIndex[poolID] == nil { problem(number, "pool", "unknown pool '\(poolID)'"); known = false }
            if themeIndex[themeID] == nil { problem(number, "theme", "unknown theme '\(themeID)'"); known = false }
            if !municipalities.contains(municipality) {
                problem(number, "municipality", "unknown municipality '\(municipality)'")
                known = false
            }
            var value = parseHours(hoursText)
            if case .success(let amount) = value, amount > hoursLimit {
                value = .failure("'\(hoursText)' hours is more than 1000 times what all pools of the scenario have together (\(FieldReader.format(grossHours.rounded())) hours)")
            }
            if case .failure(let message) = value { problem(number, "hours", message) }
            guard known, let pool = poolIndex[poolID], let theme = themeIndex[themeID] else { continue }
            guard let cell = cellOf["\(theme)|\(municipality)"] else {
                let themeValue = scenario.themes[theme]
                let adopted = themeValue.adoptedBy.contains { scenario.isUnder(municipality, $0) }
                problem(number, "municipality", adopted
                    ? "theme '\(themeID)' has no need in municipality '\(municipality)'"
                    : "theme '\(themeID)' is not adopted for municipality '\(municipality)'")
                continue
            }
            guard let assignment = assignmentOf["\(pool)|\(cell)"] else {
                let kind = scenario.pools[pool].kind
                problem(number, "pool", scenario.themes[theme].efficiency(of: kind) == nil
                    ? "pool '\(poolID)' is of kind '\(kind)', which theme '\(themeID)' cannot use"
                    : "pool '\(poolID)' does not serve municipality '\(municipality)'")
                continue
            }
            if let first = firstLine[assignment] {
                problem(number, "", "duplicate of line \(first) (pool '\(poolID)', theme '\(themeID)', municipality '\(municipality)')")
                continue
            }
            firstLine[assignment] = number
            if case .success(let amount) = value { hours[assignment] = amount }
        }
        if header == nil {
            problem(nil, "", "the file is empty; expected the header '\(columns.joined(separator: ","))'")
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return hours
    }

    private enum Parsed { case success(Double), failure(String) }

    /// A non-negative finite decimal number; anything else names what is wrong.
    private static func parseHours(_ text: String) -> Parsed {
        if text.isEmpty { return .failure("missing number of hours") }
        let word = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        if ["inf", "infinity", "nan"].contains(word) { return .failure("'\(text)' is not a finite number") }
        let allowed = Set("0123456789+-.eE")
        guard text.allSatisfy({ allowed.contains($0) }), let value = Double(text) else {
            if text.contains(","), Double(text.replacingOccurrences(of: ",", with: ".")) != nil {
                return .failure("'\(text)' is not a number (use a decimal point)")
            }
            return .failure("'\(text)' is not a number")
        }
        guard value.isFinite else { return .failure("'\(text)' is not a finite number") }
        guard value >= 0 else { return .failure("'\(text)' is negative") }
        return .success(value == 0 ? 0 : value)
    }

    /// Splits one line into trimmed fields; quoted fields may hold commas and "" for a quote.
    /// Returns nil for an unterminated quote.
    static func splitFields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false, wasQuoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending { pending = nil; return character }
            return characters.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { current.append("\"") } else { quoted = false; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.allSatisfy(\.isWhitespace) && !wasQuoted {
                current = ""
                quoted = true
                wasQuoted = true
            } else if character == "," {
                fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
                current = ""
                wasQuoted = false
            } else if wasQuoted {
                // Text after a closing quote (spaces before the comma) is dropped when blank.
                if !character.isWhitespace { current.append(character) }
            } else {
                current.append(character)
            }
        }
        if quoted { return nil }
        fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}

// MARK: - Evaluating

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

        /// The change a move makes: new values of the changed variables, the value gain, and
        /// whether any row gets further outside its bounds.
        func trial(from source: Int?, to target: Int, hours: Double) -> (gain: Double, worsens: Bool) {
            var changes: [(variable: Int, value: Double)] = []
            var gain = 0.0
            for (assignment, delta) in [(source, -hours), (Optional(target), hours)] {
                guard let assignment else { continue }
                let info = formulation.assignments[assignment]
                changes.append((info.variable.index, x[assignment] + delta))
                let before = coverage[info.cell], after = before + info.efficiency * delta
                gain += cellValue(info.cell, after) - cellValue(info.cell, before)
                for (variable, y) in zip(formulation.cells[info.cell].segments, segments(info.cell, after)) {
                    changes.append((variable.index, y))
                }
            }
            var deltas: [Int: Double] = [:]
            for (variable, value) in changes {
                let difference = value - values[variable]
                guard difference != 0 else { continue }
                for (row, coefficient) in columns[variable] { deltas[row, default: 0] += coefficient * difference }
            }
            var worsens = false
            for (row, delta) in deltas {
                let before = excess(row, activities[row]), after = excess(row, activities[row] + delta)
                if after > before + 1e-9 * max(1, rowScale[row]) { worsens = true; break }
            }
            return (gain, worsens)
        }

        /// Applies a move found by `trial`.
        mutating func apply(from source: Int?, to target: Int, hours: Double) {
            for (assignment, delta) in [(source, -hours), (Optional(target), hours)] {
                guard let assignment else { continue }
                x[assignment] = max(0, x[assignment] + delta)
            }
            refresh()
        }
    }

    // MARK: Moves

    /// The positive amounts, largest first (ties in assignment order), at most `candidatesPerSide`.
    private static func largest(_ amounts: [(Int, Double)]) -> [(Int, Double)] {
        let positive = amounts.filter { $0.1 > tolerance }
        let sorted = positive.sorted { (first: (Int, Double), second: (Int, Double)) -> Bool in
            first.1 != second.1 ? first.1 > second.1 : first.0 < second.0
        }
        return Array(sorted.prefix(candidatesPerSide))
    }

    static func findMoves(_ start: State, optimum: [Double], ideal: Double) -> [Move] {
        var state = start
        let formulation = state.formulation
        let scenario = formulation.scenario
        let minimumGain = tolerance * max(1, ideal)
        var byPool = [[Int]](repeating: [], count: scenario.pools.count)
        for (index, assignment) in formulation.assignments.enumerated() { byPool[assignment.pool].append(index) }
        func place(_ assignment: Int) -> Place {
            let cell = formulation.cells[formulation.assignments[assignment].cell]
            return Place(theme: scenario.themes[cell.theme].id, municipality: cell.municipality)
        }

        var moves: [Move] = []
        while moves.count < maximumMoves {
            var best: (pool: Int, source: Int?, target: Int, hours: Double, gain: Double)?
            for (pool, assignments) in byPool.enumerated() {
                let deficits = largest(assignments.map { ($0, optimum[$0] - state.x[$0]) })
                guard !deficits.isEmpty else { continue }
                var surpluses: [(Int?, Double)] = largest(assignments.map { ($0, state.x[$0] - optimum[$0]) }).map { ($0.0, $0.1) }
                let spare = scenario.pools[pool].allocatable - assignments.reduce(0) { $0 + state.x[$1] }
                if spare > tolerance { surpluses.append((nil, spare)) }
                for (target, deficit) in deficits {
                    let info = formulation.assignments[target]
                    let cell = formulation.cells[info.cell]
                    guard info.efficiency > 0 else { continue }
                    let room = (cell.need - state.coverage[info.cell]) / info.efficiency
                    for (source, surplus) in surpluses {
                        let hours = min(surplus, deficit, room)
                        guard hours > tolerance else { continue }
                        let trial = state.trial(from: source, to: target, hours: hours)
                        guard !trial.worsens, trial.gain > minimumGain else { continue }
                        if best == nil || trial.gain > best!.gain { best = (pool, source, target, hours, trial.gain) }
                    }
                }
            }
            guard let move = best else { break }
            state.apply(from: move.source, to: move.target, hours: move.hours)
            moves.append(Move(pool: scenario.pools[move.pool].id, from: move.source.map(place), to: place(move.target),
                              hours: move.hours, gain: move.gain))
        }
        return moves
    }
}

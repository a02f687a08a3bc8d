/// How to weigh the themes against each other (DESIGN.md 4.3).
public enum SolveMode: String, Sendable, CaseIterable, Codable {
    case weighted, lexicographic, maxmin, select
}

/// What a solve found, in the terms of DESIGN.md 5's JSON contract.
public enum AllocationStatus: String, Sendable, Codable {
    case optimal, infeasible, unbounded
    case timeLimit = "time_limit"
    case error
}

/// Hours of one pool on one theme in one municipality.
public struct AllocationLine: Sendable, Equatable, Codable {
    public var pool: String
    public var theme: String
    public var municipality: String
    public var hours: Double
    public var effectiveHours: Double

    public init(pool: String, theme: String, municipality: String, hours: Double, effectiveHours: Double) {
        self.pool = pool
        self.theme = theme
        self.municipality = municipality
        self.hours = hours
        self.effectiveHours = effectiveHours
    }
}

public struct PoolResult: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var kind: String
    /// C_p: hours after availability and claimed hours.
    public var capacity: Double
    public var allocated: Double
    /// Hours kept free as the flexibility reserve: reserve · C_p.
    public var reserve: Double
    /// Allocatable hours left unused: (1 − reserve) · C_p − allocated.
    public var unused: Double
    /// Hours lent to sibling nodes as mutual aid.
    public var mutualAid: Double
    /// Dual of the capacity row: the value of one more allocatable hour.
    public var hourValue: Double
    /// hour_value · hours_per_fte · availability · (1 − reserve).
    public var fteValue: Double
    /// Interval of allocatable hours over which `hourValue` holds, when known.
    public var hourValueRange: ValueRange?
    /// The value of an hour just above that interval.
    public var hourValueBeyond: Double?
    /// The change of `objective` when the pool has one more FTE, re-solved in the same mode (nil
    /// when not computed, or when one more FTE makes no solution).
    public var fteGain: Double?
}

/// Every pool's allocatable hours cut by a share, re-solved in the same mode.
public struct CapacityCut: Sendable, Equatable, Codable {
    /// The share of allocatable hours cut (0.1).
    public var share: Double
    /// Allocatable hours cut, over every pool.
    public var hours: Double
    /// The status of the re-solve: `infeasible` when the promises no longer fit.
    public var status: AllocationStatus
    /// The change of `objective` (negative), nil when the cut leaves no solution.
    public var objectiveChange: Double?
}

/// An interval; nil ends are unbounded.
public struct ValueRange: Sendable, Equatable, Codable {
    public var lower: Double?
    public var upper: Double?
    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }
}

public struct CoverageLine: Sendable, Equatable, Codable {
    public var theme: String
    public var municipality: String
    public var need: Double
    /// Effective hours.
    public var covered: Double
    public var share: Double
    public var value: Double
    public var ideal: Double
}

public struct MunicipalityResult: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var value: Double
    public var ideal: Double
    public var attainment: Double
    /// Raw hours allocated in the municipality.
    public var hours: Double
}

public struct ThemeResult: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var level: ThemeLevel
    public var core: Bool
    public var weight: Double
    /// The interval of `weight` over which the allocation stays the same (weighted mode).
    public var weightRange: ValueRange?
    public var need: Double
    public var covered: Double
    public var share: Double
    public var hours: Double
    public var value: Double
    public var ideal: Double
}

/// A promise (row) that binds at the optimum, and what keeping it costs.
public struct BindingPromise: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case minimum, displacement
        case mutualAid = "mutual_aid"
        case poolLimit = "pool_limit"
        case presence
        /// Only in a diagnosis: the floors one pool alone must serve exceed what it has.
        case capacity
    }
    public var kind: Kind
    /// Ids of the pools, themes and municipalities involved, in that order.
    public var entities: [String]
    /// The bound of the row, in hours (or a share for displacement).
    public var bound: Double
    /// Value lost per unit of the bound: per hour of a floor, per hour of a cap withheld, per 0.01
    /// of a displacement gap.
    public var costPerUnit: Double
}

/// Why a theme in a municipality gets less than its need.
public struct Shortfall: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        /// No pool of a kind the theme can use serves the municipality.
        case noCapacity = "no_capacity"
        /// The theme has weight 0 here.
        case noValue = "no_value"
        /// An hour of the best pool is worth more elsewhere.
        case outvalued
        /// A displacement bound with a neighbour caps the coverage.
        case displacement
        /// An hour here is worth as much as elsewhere: another optimum would cover more.
        case tie
        /// Select mode: the theme is a candidate that this municipality did not choose.
        case notSelected = "not_selected"
    }
    public var theme: String
    public var municipality: String
    public var need: Double
    public var covered: Double
    public var reason: Reason
    /// The pool that comes closest to serving it.
    public var pool: String?
    /// What an hour of that pool earns where it goes now (its opportunity cost).
    public var valueElsewhere: Double?
    /// What the next hour of that pool would earn here.
    public var valueHere: Double?
    /// How much the theme's weight would have to rise before it gets more hours.
    public var weightIncrease: Double?
    /// The neighbour whose coverage holds this one back (displacement).
    public var neighbour: String?
    /// The value per hour of the next segment of the returns curve, when it is below the first.
    public var segmentValue: Double?
}

public struct StageResult: Sendable, Equatable, Codable {
    public var group: String
    public var objective: Double
}

public struct SelectionResult: Sendable, Equatable, Codable {
    public var municipality: String
    public var themes: [String]
    /// Value each chosen theme brings (its V_tm), in the order of `themes`.
    public var values: [Double]
    /// The best candidate not chosen and its value when it would get the hours instead.
    public var bestAlternative: String?
    public var bestAlternativeValue: Double?
}

/// A promise that cannot be kept, from the elastic version of an infeasible scenario.
public struct DiagnosisLine: Sendable, Equatable, Codable {
    public var constraint: BindingPromise.Kind
    public var entities: [String]
    /// Hours by which the promise must be relaxed (for displacement: coverage share × need).
    public var hoursShort: Double
    /// The bound as written and the bound that would make it feasible.
    public var bound: Double
    public var feasibleBound: Double
    /// For a minimum: the share of need that would be feasible.
    public var feasibleShare: Double?
    /// Found by a check before any solving (a floor larger than all the capacity that can serve it).
    public var detectedBeforeSolving: Bool
    /// The promise's number that, changed alone, makes the scenario feasible (nil when none does).
    public var singleChange: SingleChange?
}

/// How far a pool's flexibility reserve would have to drop for every promise to fit.
public struct ReserveRelief: Sendable, Equatable, Codable {
    public var pool: String
    public var reserve: Double
    /// Reserve hours that would have to be used.
    public var hours: Double
    public var feasibleReserve: Double
}

public struct Manifest: Sendable, Equatable, Codable {
    public struct Input: Sendable, Equatable, Codable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }
    public var inputs: [Input]
    /// SHA-256 of every file read, in order (the scenario first, then what it extends).
    public var inputSha256: [String] { inputs.map(\.sha256) }
    public var ivpVersion: String
    public var glpkVersion: String

    enum CodingKeys: String, CodingKey { case inputs, inputSha256, ivpVersion, glpkVersion }

    public init(inputs: [Input], ivpVersion: String, glpkVersion: String) {
        self.inputs = inputs
        self.ivpVersion = ivpVersion
        self.glpkVersion = glpkVersion
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try container.decode([Input].self, forKey: .inputs)
        ivpVersion = try container.decode(String.self, forKey: .ivpVersion)
        glpkVersion = try container.decode(String.self, forKey: .glpkVersion)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(inputSha256, forKey: .inputSha256)
        try container.encode(ivpVersion, forKey: .ivpVersion)
        try container.encode(glpkVersion, forKey: .glpkVersion)
    }
}

/// Everything a solve produced; every report writer reads this and computes nothing of its own.
public struct AllocationResult: Sendable, Codable {
    public var scenario: String
    public var description: String?
    public var mode: SolveMode
    public var status: AllocationStatus
    public var message: String?
    public var objective: Double?
    public var ideal: Double
    public var attainment: Double?
    public var capacity: Double
    public var allocated: Double
    public var reserve: Double
    public var unused: Double
    public var pools: [PoolResult]
    public var allocations: [AllocationLine]
    public var coverage: [CoverageLine]
    public var municipalities: [MunicipalityResult]
    public var themes: [ThemeResult]
    public var binding: [BindingPromise]
    public var shortfalls: [Shortfall]
    public var stages: [StageResult]?
    public var minAttainment: Double?
    public var selected: [SelectionResult]?
    public var diagnosis: [DiagnosisLine]?
    /// For an infeasible scenario: the reserves that, lowered, would make it feasible (nil when
    /// lowering them cannot).
    public var reserveRelief: [ReserveRelief]?
    public var bestBound: Double?
    public var gap: Double?
    public var method: String
    public var solveSeconds: Double
    public var manifest: Manifest
    /// Display names of every id, for the reports.
    public var names: [String: String]
    /// Every pool's allocatable hours 10% lower, re-solved (nil when not computed).
    public var capacityCut: CapacityCut?
    /// The smallest share of every pool's allocatable hours whose cut makes the scenario
    /// infeasible (nil when no cut does, or when not computed), and the promises that then break.
    public var breakingCutShare: Double?
    public var breakingPromises: [BindingPromise]?
    /// Which allocation is shown when the solve had a reference allocation (compare, sweep,
    /// evaluate, `--closest-to`): the optimum closest to it, and how many hours moved.
    public var choice: AllocationChoice?
    /// The scenario's warnings (a theme no pool can reach, a population far from the CBS figure),
    /// as printed on standard error.
    public var warnings: [String] = []

    public func name(_ id: String) -> String { names[id] ?? id }

    enum CodingKeys: String, CodingKey {
        case scenario, description, mode, status, message, objective, ideal, attainment, capacity, allocated, reserve
        case unused, pools, allocations, coverage, municipalities, themes, binding, shortfalls, stages, minAttainment
        case selected, diagnosis, reserveRelief, bestBound, gap, method, solveSeconds, manifest, names
        case capacityCut, breakingCutShare, breakingPromises, choice, warnings
    }

    /// Encodes every key, with `null` for what is absent, so the JSON contract has a fixed shape.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(description, forKey: .description)
        try container.encode(mode, forKey: .mode)
        try container.encode(status, forKey: .status)
        try container.encode(message, forKey: .message)
        try container.encode(objective, forKey: .objective)
        try container.encode(ideal, forKey: .ideal)
        try container.encode(attainment, forKey: .attainment)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(allocated, forKey: .allocated)
        try container.encode(reserve, forKey: .reserve)
        try container.encode(unused, forKey: .unused)
        try container.encode(pools, forKey: .pools)
        try container.encode(allocations, forKey: .allocations)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(municipalities, forKey: .municipalities)
        try container.encode(themes, forKey: .themes)
        try container.encode(binding, forKey: .binding)
        try container.encode(shortfalls, forKey: .shortfalls)
        try container.encode(stages, forKey: .stages)
        try container.encode(minAttainment, forKey: .minAttainment)
        try container.encode(selected, forKey: .selected)
        try container.encode(diagnosis, forKey: .diagnosis)
        try container.encode(reserveRelief, forKey: .reserveRelief)
        try container.encode(bestBound, forKey: .bestBound)
        try container.encode(gap, forKey: .gap)
        try container.encode(method, forKey: .method)
        try container.encode(solveSeconds, forKey: .solveSeconds)
        try container.encode(manifest, forKey: .manifest)
        try container.encode(names, forKey: .names)
        try container.encode(capacityCut, forKey: .capacityCut)
        try container.encode(breakingCutShare, forKey: .breakingCutShare)
        try container.encode(breakingPromises, forKey: .breakingPromises)
        try container.encode(choice, forKey: .choice)
        try container.encode(warnings, forKey: .warnings)
    }
}

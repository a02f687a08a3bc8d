import Foundation
import LinearProgramming

// `ivp evaluate`: an existing allocation (the CSV `ivp solve --format csv` writes) checked against
// every constraint of DESIGN.md 4.2, valued like the model values it, compared with the optimum,
// and the few moves of hours that would gain most.

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

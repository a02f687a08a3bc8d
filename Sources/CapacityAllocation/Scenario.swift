/// The level at which a theme was adopted, in the order lexicographic mode ranks them.
public enum ThemeLevel: String, Sendable, CaseIterable, Comparable, Codable {
    case national, regional, district
    case baseTeam = "base_team"
    case local

    public static func < (lhs: ThemeLevel, rhs: ThemeLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The kind of node in the police organisation. Pools are owned by nodes; themes are adopted by them.
public enum NodeKind: String, Sendable, Codable {
    case unit, district
    case baseTeam = "base_team"
    case municipality
}

/// A node of the organisation: a unit, district, base team or municipality.
public struct OrganisationNode: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: NodeKind
    /// The id of the node above: a municipality's base team, a base team's district, a district's unit.
    public var parent: String?
    /// Inhabitants; municipalities only.
    public var population: Double?
    /// The CBS code of a municipality (`GM0402`), when the file gives one: it puts the municipality
    /// on the map and gives it its real land borders (`Geography`).
    public var cbsCode: String? = nil
}

/// One segment of a diminishing-returns curve: the next `share` of a need is worth `value` per hour.
public struct ReturnSegment: Sendable, Equatable {
    public var share: Double
    public var value: Double
    public init(share: Double, value: Double) {
        self.share = share
        self.value = value
    }
}

public struct MutualAid: Sendable, Equatable {
    /// Share of the pool's capacity that may go to sibling nodes.
    public var maxShare: Double
    /// Efficiency of an hour spent away from home.
    public var efficiency: Double
}

public struct PoolLimit: Sendable, Equatable {
    public var themes: [String]
    public var maxShare: Double
}

/// A block of capacity of one kind owned by one node.
public struct Pool: Sendable, Equatable {
    public var id: String
    public var name: String
    public var owner: String
    public var kind: String
    public var fte: Double
    public var hoursPerFTE: Double
    public var availability: Double
    public var claimedHours: Double
    public var reserve: Double
    public var mutualAid: MutualAid?
    public var limits: [PoolLimit]
    /// Whether `reserve` and `hours_per_fte` come from the file's defaults (so that changing the
    /// default, in a sweep, changes them too).
    public var usesDefaultReserve = false
    public var usesDefaultHoursPerFTE = false

    /// C_p = fte · hours_per_fte · availability − claimed_hours (DESIGN.md 4).
    public var capacity: Double { fte * hoursPerFTE * availability - claimedHours }
    /// What may be allocated: (1 − reserve) · C_p.
    public var allocatable: Double { (1 - reserve) * capacity }
    /// Allocatable hours one more FTE adds.
    public var hoursPerExtraFTE: Double { hoursPerFTE * availability * (1 - reserve) }
}

public enum Need: Sendable, Equatable {
    case perThousandInhabitants(Double)
    case byMunicipality([String: Double])
}

public struct Theme: Sendable, Equatable {
    public var id: String
    public var name: String
    public var level: ThemeLevel
    public var adoptedBy: [String]
    /// Efficiency per kind of capacity, in the order the file lists them.
    public var kinds: [(kind: String, efficiency: Double)]
    public var weight: Double
    public var jointEfficiency: Double
    public var need: Need
    public var severity: [String: Double]
    public var minimum: Double
    public var core: Bool
    public var maxGap: Double?
    public var returns: [ReturnSegment]
    public var candidate: Bool
    public var minEffort: Double

    public func efficiency(of kind: String) -> Double? { kinds.first { $0.kind == kind }?.efficiency }

    public static func == (lhs: Theme, rhs: Theme) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.level == rhs.level && lhs.adoptedBy == rhs.adoptedBy
            && lhs.kinds.map(\.kind) == rhs.kinds.map(\.kind) && lhs.kinds.map(\.efficiency) == rhs.kinds.map(\.efficiency)
            && lhs.weight == rhs.weight && lhs.jointEfficiency == rhs.jointEfficiency && lhs.need == rhs.need
            && lhs.severity == rhs.severity && lhs.minimum == rhs.minimum && lhs.core == rhs.core
            && lhs.maxGap == rhs.maxGap && lhs.returns == rhs.returns && lhs.candidate == rhs.candidate
            && lhs.minEffort == rhs.minEffort
    }
}

public struct PresenceRule: Sendable, Equatable {
    public var kind: String
    public var hoursPerThousandInhabitants: Double
}

/// A file read to make a scenario, with its SHA-256, for the manifest of a result.
public struct SourceFile: Sendable, Equatable {
    public var path: String
    public var sha256: String
}

/// A validated scenario: every reference resolves and every number is in range.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    public var levelWeights: [ThemeLevel: Double]
    public var nodes: [OrganisationNode] { didSet { rebuildIndexes() } }
    public var neighbours: [(String, String)]
    /// Whether `neighbours` are the real land borders (`neighbours: borders`): then they are used as
    /// they are, even when no two municipalities of the file border each other.
    public var neighboursFromBorders = false
    public var pools: [Pool]
    public var presence: [PresenceRule]
    public var themes: [Theme]
    public var maxSelectedPerMunicipality: Int?
    /// The uncertain numbers (`uncertainty`), in file order: what `ivp risk` samples.
    public var uncertainty: [UncertainInput] = []
    /// Every file read, the scenario first and then what it extends.
    public var sources: [SourceFile]
    /// Every value of the input as written (after `extends` merging), for comparing scenarios.
    public var inputFields: [InputField] = []
    /// What looks wrong but does not stop a solve (a population far from the CBS figure): the
    /// command line prints these on standard error.
    public var warnings: [Diagnostic] = []

    private var nodeIndex: [String: Int] = [:]
    /// The chain of nodes above every node, computed once: which pools serve a municipality and
    /// which themes apply there are asked for every (theme, municipality) pair.
    private var ancestorChains: [String: [String]] = [:]
    /// The municipalities in file order, and for every node the positions (in that order) of the
    /// municipalities under it: `municipalities(of:)` is asked for every theme, and at national
    /// size walking every municipality's chain for every theme was 5% of a solve.
    private var municipalityNodes: [OrganisationNode] = []
    private var municipalitiesUnder: [String: [Int]] = [:]

    public init(name: String, description: String? = nil, levelWeights: [ThemeLevel: Double] = [:],
                nodes: [OrganisationNode], neighbours: [(String, String)] = [], pools: [Pool],
                presence: [PresenceRule] = [], themes: [Theme], maxSelectedPerMunicipality: Int? = nil,
                sources: [SourceFile] = []) {
        self.name = name
        self.description = description
        self.levelWeights = levelWeights
        self.nodes = nodes
        self.neighbours = neighbours
        self.pools = pools
        self.presence = presence
        self.themes = themes
        self.maxSelectedPerMunicipality = maxSelectedPerMunicipality
        self.sources = sources
        rebuildIndexes()
    }

    private mutating func rebuildIndexes() {
        nodeIndex = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        ancestorChains = [:]
        for node in nodes { ancestorChains[node.id] = computeAncestors(of: node.id) }
        municipalityNodes = nodes.filter { $0.kind == .municipality }
        municipalitiesUnder = [:]
        for (position, municipality) in municipalityNodes.enumerated() {
            // A chain names each node once (computeAncestors stops at a repeat).
            for node in ancestorChains[municipality.id] ?? [] { municipalitiesUnder[node, default: []].append(position) }
        }
    }

    public var municipalities: [OrganisationNode] { municipalityNodes }

    /// Changes the population of the node at `index` (nodes keep their order, so the id index stays valid).
    mutating func setPopulation(of index: Int, _ population: Double) {
        nodes[index].population = population
    }

    public func node(_ id: String) -> OrganisationNode? { nodeIndex[id].map { nodes[$0] } }

    public func levelWeight(_ level: ThemeLevel) -> Double { levelWeights[level] ?? 1 }

    /// The chain of nodes from `id` up to the top, `id` first.
    public func ancestors(of id: String) -> [String] {
        ancestorChains[id] ?? computeAncestors(of: id)
    }

    private func computeAncestors(of id: String) -> [String] {
        var chain: [String] = []
        var current: String? = id
        while let next = current, !chain.contains(next), let node = node(next) {
            chain.append(next)
            current = node.parent
        }
        return chain
    }

    /// Whether municipality `municipality` lies under node `node` (a municipality is under itself).
    public func isUnder(_ municipality: String, _ node: String) -> Bool {
        ancestors(of: municipality).contains(node)
    }

    /// The district a municipality belongs to, if any.
    public func district(of municipality: String) -> String? {
        ancestors(of: municipality).first { node($0)?.kind == .district }
    }

    /// n_tm: the theme's need in a municipality, in hours.
    public func need(of theme: Theme, in municipality: OrganisationNode) -> Double {
        switch theme.need {
        case .perThousandInhabitants(let rate): rate * (municipality.population ?? 0) / 1000
        case .byMunicipality(let needs): needs[municipality.id] ?? 0
        }
    }

    /// M_t: the municipalities under any adopting node with a positive need, in file order.
    public func municipalities(of theme: Theme) -> [OrganisationNode] {
        var adopted = [Bool](repeating: false, count: municipalityNodes.count)
        for node in theme.adoptedBy { for position in municipalitiesUnder[node] ?? [] { adopted[position] = true } }
        return municipalityNodes.indices.compactMap { position in
            adopted[position] && need(of: theme, in: municipalityNodes[position]) > 0 ? municipalityNodes[position] : nil
        }
    }

    /// W_tm = weight · level weight · severity.
    public func effectiveWeight(of theme: Theme, in municipality: String) -> Double {
        theme.weight * levelWeight(theme.level) * (theme.severity[municipality] ?? 1)
    }

    /// The neighbouring pairs used by displacement bounds: the file's (or the real land borders with
    /// `neighbours: borders`), or when it lists none every two municipalities of the same district
    /// (DESIGN.md 4.2, item 5).
    public var displacementPairs: [(String, String)] {
        if !neighbours.isEmpty || neighboursFromBorders { return neighbours }
        var pairs: [(String, String)] = []
        let all = municipalities
        for (index, first) in all.enumerated() {
            guard let district = district(of: first.id) else { continue }
            for second in all[(index + 1)...] where district == self.district(of: second.id) {
                pairs.append((first.id, second.id))
            }
        }
        return pairs
    }
}

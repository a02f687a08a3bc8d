import LinearProgramming

/// The LP of DESIGN.md section 4 for one scenario, with the bookkeeping that maps rows and columns
/// back to pools, themes and municipalities.
public struct Formulation: Sendable {
    /// One (theme, municipality) pair of M_t: its need, weight, curve segments and link row.
    public struct Cell: Sendable {
        public var theme: Int
        public var municipality: String
        public var need: Double
        /// W_tm.
        public var weight: Double
        /// y_tmj, one per segment of the theme's returns curve.
        public var segments: [Variable]
        public var link: Constraint
        public var minimum: Constraint?
        /// Indices into `assignments` of the x variables that cover this cell.
        public var assignments: [Int] = []
        /// Σ_j y_tmj: the effective coverage.
        public var coverage: LinearExpression
        /// Σ_j W v_j y_tmj: the cell's value.
        public var value: LinearExpression
        /// W Σ_j v_j λ_j n: the cell's ideal value.
        public var ideal: Double
    }

    /// One x_ptm: hours of pool p on theme t in municipality m.
    public struct Assignment: Sendable {
        public var pool: Int
        public var cell: Int
        public var efficiency: Double
        /// Whether the hours are mutual aid to a sibling node.
        public var away: Bool
        public var variable: Variable
    }

    public enum Row: Sendable, Equatable {
        case link(cell: Int)
        case capacity(pool: Int)
        case mutualAid(pool: Int)
        case minimum(cell: Int)
        /// cov_t,from / n − cov_t,to / n' ≤ max_gap.
        case displacement(theme: Int, from: String, to: String)
        case poolLimit(pool: Int, limit: Int)
        case presence(rule: Int, municipality: String)
    }

    public let scenario: Scenario
    public var program: LinearProgram
    public private(set) var cells: [Cell] = []
    public private(set) var assignments: [Assignment] = []
    /// What each row of `program` stands for, indexed like its constraints.
    public private(set) var rows: [Row] = []
    public private(set) var capacityRows: [Constraint] = []
    public private(set) var mutualAidRows: [Int: Constraint] = [:]
    /// V: the total value, the objective of `weighted` mode.
    public private(set) var value = LinearExpression()
    public private(set) var ideal = 0.0
    /// Cell indices per municipality and per theme.
    public private(set) var cellsByMunicipality: [String: [Int]] = [:]
    public private(set) var cellsByTheme: [Int: [Int]] = [:]

    /// Themes whose minimum and displacement rows exist even where they do not bind anything
    /// (minimum 0, no max_gap), so that a sweep over them changes only bounds and can warm-start.
    private let forcedMinimumRows: Set<String>
    private let forcedDisplacementRows: Set<String>

    public init(_ scenario: Scenario, forceMinimumRows: Set<String> = [], forceDisplacementRows: Set<String> = []) {
        self.scenario = scenario
        self.program = LinearProgram(name: "ivp")
        self.forcedMinimumRows = forceMinimumRows
        self.forcedDisplacementRows = forceDisplacementRows
        build()
    }

    private mutating func build() {
        let themes = scenario.themes
        let pools = scenario.pools
        // The chain of nodes above each municipality, and the children of each node, computed once:
        // which pools may serve a municipality follows from them.
        var ancestors: [String: [String]] = [:]
        for municipality in scenario.municipalities { ancestors[municipality.id] = scenario.ancestors(of: municipality.id) }
        var poolsAtNode: [String: [Int]] = [:]
        for (index, pool) in pools.enumerated() { poolsAtNode[pool.owner, default: []].append(index) }
        var childrenOf: [String: [String]] = [:]
        for node in scenario.nodes { if let parent = node.parent { childrenOf[parent, default: []].append(node.id) } }
        let nodeKinds = Dictionary(scenario.nodes.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })

        /// Pools that may serve `municipality`, with whether they serve it as mutual aid, in pool order.
        func servingPools(_ municipality: String) -> [(pool: Int, away: Bool)] {
            let chain = ancestors[municipality] ?? [municipality]
            var result: [(Int, Bool)] = []
            for node in chain { for pool in poolsAtNode[node] ?? [] { result.append((pool, false)) } }
            // Mutual aid: a pool at a sibling of a node in the chain (same parent, not in the chain).
            for node in chain.dropFirst() {
                for child in childrenOf[node] ?? [] where !chain.contains(child) {
                    for pool in poolsAtNode[child] ?? [] where pools[pool].mutualAid != nil { result.append((pool, true)) }
                }
            }
            return result.sorted { $0.0 < $1.0 }
        }

        capacityRows = pools.enumerated().map { index, pool in
            addRow("cap(\(pool.id))", LinearExpression(), upper: pool.allocatable, .capacity(pool: index))
        }
        // The terms of the rows that collect assignments (capacity, mutual aid, limits, presence),
        // gathered as lists and made expressions once at the end: every assignment is a new column,
        // so no column comes twice in one of them. Presence terms per pool kind and municipality,
        // by index (a national model has 40,000 assignments).
        var awayTerms: [Int: [(Variable, Double)]] = [:]
        var limitTerms: [Int: [Int: [(Variable, Double)]]] = [:]
        var capacityTerms = [[(Variable, Double)]](repeating: [], count: pools.count)
        let municipalityIndex = Dictionary(scenario.municipalities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let kinds = Array(Set(pools.map(\.kind))).sorted()
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        var presenceTerms = [[[(Variable, Double)]]](repeating: Array(repeating: [], count: scenario.municipalities.count), count: kinds.count)
        var servingCache = [[(pool: Int, away: Bool)]?](repeating: nil, count: scenario.municipalities.count)
        func expression(_ terms: [(Variable, Double)]?) -> LinearExpression {
            LinearExpression(Dictionary(uniqueKeysWithValues: terms ?? []))
        }

        // The limits naming each theme, per pool, found in one pass over all limits (a pass per
        // theme over every pool's limits made the build quadratic in the number of themes).
        var limitsOfTheme: [String: [Int: [Int]]] = [:]
        for (poolIndex, pool) in pools.enumerated() {
            for (limitIndex, limit) in pool.limits.enumerated() {
                for themeID in Set(limit.themes) { limitsOfTheme[themeID, default: [:]][poolIndex, default: []].append(limitIndex) }
            }
        }
        // What the assignments read of each pool, looked up once per pool instead of once per
        // assignment: its kind's index, whether it is a district's or unit's, its mutual-aid efficiency.
        let poolKind = pools.map { kindIndex[$0.kind]! }
        let poolIsJoint = pools.map { nodeKinds[$0.owner] == .district || nodeKinds[$0.owner] == .unit }
        let poolAidEfficiency = pools.map { $0.mutualAid?.efficiency ?? 1 }
        for (themeIndex, theme) in themes.enumerated() {
            let limitIndices = limitsOfTheme[theme.id] ?? [:]
            let efficiencyOfKind = kinds.map { theme.efficiency(of: $0) }
            for municipality in scenario.municipalities(of: theme) {
                let need = scenario.need(of: theme, in: municipality)
                let weight = scenario.effectiveWeight(of: theme, in: municipality.id)
                let cellIndex = cells.count
                let name = "\(theme.id),\(municipality.id)"
                var coverage = LinearExpression(), cellValue = LinearExpression()
                var segments: [Variable] = []
                var cellIdeal = 0.0
                for (segmentIndex, segment) in theme.returns.enumerated() {
                    let y = program.addVariable("y(\(name),\(segmentIndex + 1))", lower: 0, upper: segment.share * need)
                    segments.append(y)
                    coverage.add(y, 1)
                    cellValue.add(y, weight * segment.value)
                    cellIdeal += weight * segment.value * segment.share * need
                }
                let link = addRow("link(\(name))", coverage, lower: 0, upper: 0, .link(cell: cellIndex))
                cells.append(Cell(theme: themeIndex, municipality: municipality.id, need: need, weight: weight,
                                  segments: segments, link: link, minimum: nil, coverage: coverage, value: cellValue,
                                  ideal: cellIdeal))
                cellsByMunicipality[municipality.id, default: []].append(cellIndex)
                cellsByTheme[themeIndex, default: []].append(cellIndex)
                value.add(cellValue)
                ideal += cellIdeal

                let place = municipalityIndex[municipality.id]!
                let serving = servingCache[place] ?? servingPools(municipality.id)
                servingCache[place] = serving
                var linkExpression = coverage
                for (poolIndex, away) in serving {
                    guard let kindEfficiency = efficiencyOfKind[poolKind[poolIndex]] else { continue }
                    let joint = poolIsJoint[poolIndex] ? theme.jointEfficiency : 1
                    let efficiency = kindEfficiency * joint * (away ? poolAidEfficiency[poolIndex] : 1)
                    let x = program.addVariable("x(\(pools[poolIndex].id),\(name))", lower: 0)
                    assignments.append(Assignment(pool: poolIndex, cell: cellIndex, efficiency: efficiency, away: away, variable: x))
                    cells[cellIndex].assignments.append(assignments.count - 1)
                    linkExpression.add(x, -efficiency)
                    capacityTerms[poolIndex].append((x, 1))
                    if away { awayTerms[poolIndex, default: []].append((x, 1)) }
                    for limit in limitIndices[poolIndex] ?? [] { limitTerms[poolIndex, default: [:]][limit, default: []].append((x, 1)) }
                    presenceTerms[poolKind[poolIndex]][place].append((x, 1))
                }
                program.replaceExpression(of: link, with: linkExpression)
                if theme.minimum > 0 || forcedMinimumRows.contains(theme.id) {
                    cells[cellIndex].minimum = addRow("min(\(name))", coverage, lower: theme.minimum * need, .minimum(cell: cellIndex))
                }
            }
        }
        for (poolIndex, row) in capacityRows.enumerated() { program.replaceExpression(of: row, with: expression(capacityTerms[poolIndex])) }

        for (poolIndex, pool) in pools.enumerated() {
            if let aid = pool.mutualAid {
                mutualAidRows[poolIndex] = addRow("aid(\(pool.id))", expression(awayTerms[poolIndex]),
                                                  upper: aid.maxShare * pool.capacity, .mutualAid(pool: poolIndex))
            }
            for (limitIndex, limit) in pool.limits.enumerated() {
                addRow("limit(\(pool.id),\(limitIndex + 1))", expression(limitTerms[poolIndex]?[limitIndex]),
                       upper: limit.maxShare * pool.capacity, .poolLimit(pool: poolIndex, limit: limitIndex))
            }
        }

        let pairs = scenario.displacementPairs
        for (themeIndex, theme) in themes.enumerated() {
            guard theme.maxGap != nil || forcedDisplacementRows.contains(theme.id) else { continue }
            let gap = theme.maxGap
            let cellOf = Dictionary((cellsByTheme[themeIndex] ?? []).map { (cells[$0].municipality, $0) },
                                    uniquingKeysWith: { first, _ in first })
            for (first, second) in pairs {
                guard let a = cellOf[first], let b = cellOf[second] else { continue }
                for (from, to) in [(a, b), (b, a)] {
                    var expression = LinearExpression()
                    expression.add(cells[from].coverage, times: 1 / cells[from].need)
                    expression.add(cells[to].coverage, times: -1 / cells[to].need)
                    let row = addRow("gap(\(theme.id),\(cells[from].municipality),\(cells[to].municipality))", expression, upper: gap,
                                     .displacement(theme: themeIndex, from: cells[from].municipality, to: cells[to].municipality))
                    // Neighbours in two police units: the row joins their units' parts of the model.
                    program.linkingRows.insert(row)
                }
            }
        }

        for (ruleIndex, rule) in scenario.presence.enumerated() {
            for (place, municipality) in scenario.municipalities.enumerated() {
                guard let population = municipality.population else { continue }
                let floor = rule.hoursPerThousandInhabitants * population / 1000
                guard floor > 0 else { continue }
                addRow("presence(\(rule.kind),\(municipality.id))", expression(kindIndex[rule.kind].map { presenceTerms[$0][place] }),
                       lower: floor, .presence(rule: ruleIndex, municipality: municipality.id))
            }
        }
        program.objective = value
        program.sense = .maximize
    }

    @discardableResult
    private mutating func addRow(_ name: String, _ expression: LinearExpression, lower: Double? = nil, upper: Double? = nil,
                                 _ row: Row) -> Constraint {
        rows.append(row)
        return program.addConstraint(name, expression, lower: lower, upper: upper)
    }

    /// Adds a row that belongs to a solve mode (stage bounds, selection), not to the scenario.
    @discardableResult
    public mutating func addModeRow(_ name: String, _ expression: LinearExpression, lower: Double? = nil,
                                    upper: Double? = nil) -> Constraint {
        program.addConstraint(name, expression, lower: lower, upper: upper)
    }

    /// V_m for one municipality.
    public func value(of municipality: String) -> LinearExpression {
        var expression = LinearExpression()
        for cell in cellsByMunicipality[municipality] ?? [] { expression.add(cells[cell].value) }
        return expression
    }

    public func ideal(of municipality: String) -> Double {
        (cellsByMunicipality[municipality] ?? []).reduce(0) { $0 + cells[$1].ideal }
    }
}

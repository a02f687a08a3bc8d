/// What a solve means for one municipality, the page a mayor reads: its hours by theme and by
/// pool, its hours per 1,000 inhabitants against its district's, each promise made to it and
/// whether it holds and binds, and what it gives up. Computed from the result and the scenario, so
/// the report writers only print it.
public struct MunicipalityPage: Sendable, Equatable, Codable {
    public struct ThemeLine: Sendable, Equatable, Codable {
        public var theme: String
        public var name: String
        /// Raw hours spent on the theme here.
        public var hours: Double
        /// The theme's need here, in effective hours (0 when the theme does not apply here).
        public var need: Double
        /// Effective hours covered.
        public var covered: Double
        /// covered / need (0 without need).
        public var share: Double
    }

    public struct PoolLine: Sendable, Equatable, Codable {
        public var pool: String
        public var name: String
        public var kind: String
        public var hours: Double
        /// Whether the hours come as mutual aid from a pool whose home does not include this municipality.
        public var mutualAid: Bool
    }

    /// A promise the scenario makes to this municipality.
    public struct Promise: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// A theme's minimum coverage (`minimum`), in effective hours.
            case minimum
            /// A presence norm (`presence`), in raw hours of one kind of capacity.
            case presence
            /// A displacement bound (`max_gap`) with a neighbour, as a share of need.
            case displacement
        }
        public var kind: Kind
        /// The theme (minimum, displacement).
        public var theme: String?
        /// The kind of capacity of a presence norm, e.g. `community`.
        public var capacityKind: String?
        /// The neighbour of a displacement bound.
        public var neighbour: String?
        /// Minimum and presence: the hours promised. Displacement: the largest allowed gap in coverage share.
        public var bound: Double
        /// Minimum: effective hours covered; presence: raw hours of the kind; displacement: this
        /// municipality's coverage share minus the neighbour's.
        public var actual: Double
        /// Presence: the norm per 1,000 inhabitants. Minimum: the promised share of need.
        public var hoursPerThousand: Double? = nil
        public var shareOfNeed: Double? = nil
        /// Displacement only: the two coverage shares.
        public var share: Double? = nil
        public var neighbourShare: Double? = nil
        /// Whether the promise is kept by the allocation.
        public var holds: Bool
        /// Whether it binds: the allocation sits exactly on the bound (the municipality gets the
        /// norm or the minimum and not an hour more; the gap equals the bound), or its row has a
        /// nonzero dual. A bound can be met exactly at a dual of 0 when the optimum is degenerate:
        /// it still decides what the municipality gets, which is what a mayor asks.
        public var binds: Bool
        /// The value lost per unit of the bound when it binds (as in `BindingPromise`).
        public var costPerUnit: Double?
    }

    public var id: String
    public var name: String
    public var cbsCode: String?
    public var population: Double?
    /// The district, or the whole scenario for a municipality outside any district.
    public var areaName: String
    public var hours: Double
    public var hoursPerThousand: Double?
    /// Hours per 1,000 inhabitants over the district's municipalities that have a population.
    public var areaHoursPerThousand: Double?
    public var value: Double
    public var ideal: Double
    public var attainment: Double
    public var themes: [ThemeLine]
    public var pools: [PoolLine]
    public var promises: [Promise]
    /// What it gives up: the themes not covered in full here, most effective hours missing first.
    public var shortfalls: [Shortfall]

    /// One page per municipality of the result, in its order; empty when the solve found no
    /// allocation (an infeasible scenario has nothing to show per municipality).
    public static func pages(_ result: AllocationResult, _ scenario: Scenario) -> [MunicipalityPage] {
        guard result.objective != nil else { return [] }
        return Builder(result, scenario).pages()
    }

    private struct Builder {
        let result: AllocationResult
        let scenario: Scenario
        var hoursByMunicipality: [String: Double] = [:]
        var themeHours: [String: [String: Double]] = [:]
        var poolHours: [String: [String: Double]] = [:]
        var coverage: [String: CoverageLine] = [:]
        var binding: [String: BindingPromise] = [:]

        init(_ result: AllocationResult, _ scenario: Scenario) {
            self.result = result
            self.scenario = scenario
            for line in result.allocations {
                themeHours[line.municipality, default: [:]][line.theme, default: 0] += line.hours
                poolHours[line.municipality, default: [:]][line.pool, default: 0] += line.hours
            }
            for line in result.municipalities { hoursByMunicipality[line.id] = line.hours }
            for line in result.coverage { coverage["\(line.theme)|\(line.municipality)"] = line }
            for promise in result.binding { binding[Builder.key(promise.kind, promise.entities)] = promise }
        }

        static func key(_ kind: BindingPromise.Kind, _ entities: [String]) -> String {
            ([kind.rawValue] + entities).joined(separator: "|")
        }

        func pages() -> [MunicipalityPage] {
            result.municipalities.compactMap { line in scenario.node(line.id).map { page(line, $0) } }
        }

        /// Hours per 1,000 inhabitants over `municipalities`, counting only those with a population.
        func hoursPerThousand(_ municipalities: [OrganisationNode]) -> Double? {
            let counted = municipalities.filter { ($0.population ?? 0) > 0 }
            let population = counted.reduce(0) { $0 + ($1.population ?? 0) }
            guard population > 0 else { return nil }
            return counted.reduce(0) { $0 + (hoursByMunicipality[$1.id] ?? 0) } / population * 1000
        }

        func page(_ line: MunicipalityResult, _ node: OrganisationNode) -> MunicipalityPage {
            let district = scenario.district(of: node.id)
            let area = district.map { district in scenario.municipalities.filter { scenario.isUnder($0.id, district) } }
                ?? scenario.municipalities
            let themes = result.themes.compactMap { theme -> ThemeLine? in
                let hours = themeHours[node.id]?[theme.id] ?? 0
                let cell = coverage["\(theme.id)|\(node.id)"]
                guard hours > 0.5 || (cell?.need ?? 0) > 0 else { return nil }
                return ThemeLine(theme: theme.id, name: theme.name, hours: hours, need: cell?.need ?? 0,
                                 covered: cell?.covered ?? 0, share: cell?.share ?? 0)
            }
            let pools = result.pools.compactMap { pool -> PoolLine? in
                guard let hours = poolHours[node.id]?[pool.id], hours > 0.5 else { return nil }
                let owner = scenario.pools.first { $0.id == pool.id }?.owner
                return PoolLine(pool: pool.id, name: pool.name, kind: pool.kind, hours: hours,
                                mutualAid: owner.map { !scenario.isUnder(node.id, $0) } ?? false)
            }
            let shortfalls = result.shortfalls.filter { $0.municipality == node.id }
                .sorted { ($0.need - $0.covered) > ($1.need - $1.covered) }
            return MunicipalityPage(
                id: node.id, name: line.name, cbsCode: node.cbsCode, population: node.population,
                areaName: district.map { result.name($0) } ?? result.scenario,
                hours: line.hours, hoursPerThousand: hoursPerThousand([node]), areaHoursPerThousand: hoursPerThousand(area),
                value: line.value, ideal: line.ideal, attainment: line.attainment,
                themes: themes, pools: pools, promises: promises(node), shortfalls: shortfalls)
        }

        /// Holds within a rounding tolerance: the solver's bounds are met to about 1e-7 relative.
        static func atLeast(_ actual: Double, _ bound: Double) -> Bool { actual >= bound - tolerance(bound) }
        static func equal(_ actual: Double, _ bound: Double) -> Bool { abs(actual - bound) <= tolerance(bound) }
        static func tolerance(_ bound: Double) -> Double { 1e-6 * max(1, abs(bound)) + 1e-3 }

        /// The presence norms first (the community-officer norm is what a mayor checks first), then
        /// the minimums, then the displacement bounds with each neighbour.
        func promises(_ node: OrganisationNode) -> [Promise] {
            var promises: [Promise] = []
            // Presence norms: raw hours of pools of the kind, in every municipality with a population.
            if let population = node.population, population > 0 {
                for rule in scenario.presence {
                    let bound = rule.hoursPerThousandInhabitants * population / 1000
                    let actual = result.pools.filter { $0.kind == rule.kind }
                        .reduce(0) { $0 + (poolHours[node.id]?[$1.id] ?? 0) }
                    let row = binding[Builder.key(.presence, [rule.kind, node.id])]
                    promises.append(Promise(kind: .presence, capacityKind: rule.kind, bound: bound, actual: actual,
                                            hoursPerThousand: rule.hoursPerThousandInhabitants, holds: Builder.atLeast(actual, bound),
                                            binds: row != nil || Builder.equal(actual, bound), costPerUnit: row?.costPerUnit))
                }
            }
            // Minimums of the themes that apply here.
            for theme in scenario.themes where theme.minimum > 0 {
                guard let cell = coverage["\(theme.id)|\(node.id)"], cell.need > 0 else { continue }
                let bound = theme.minimum * cell.need
                let row = binding[Builder.key(.minimum, [theme.id, node.id])]
                promises.append(Promise(kind: .minimum, theme: theme.id, bound: bound, actual: cell.covered,
                                        shareOfNeed: theme.minimum, holds: Builder.atLeast(cell.covered, bound),
                                        binds: row != nil || Builder.equal(cell.covered, bound), costPerUnit: row?.costPerUnit))
            }
            // Displacement bounds with each neighbour where both have a need for the theme.
            let pairs = scenario.displacementPairs
            for theme in scenario.themes {
                guard let gap = theme.maxGap, let own = coverage["\(theme.id)|\(node.id)"], own.need > 0 else { continue }
                for (first, second) in pairs where first == node.id || second == node.id {
                    let neighbour = first == node.id ? second : first
                    guard let other = coverage["\(theme.id)|\(neighbour)"], other.need > 0 else { continue }
                    let row = binding[Builder.key(.displacement, [theme.id, node.id, neighbour])]
                        ?? binding[Builder.key(.displacement, [theme.id, neighbour, node.id])]
                    let difference = own.share - other.share
                    promises.append(Promise(kind: .displacement, theme: theme.id, neighbour: neighbour, bound: gap,
                                            actual: difference, share: own.share, neighbourShare: other.share,
                                            holds: abs(difference) <= gap + 1e-6, binds: row != nil || abs(abs(difference) - gap) <= 1e-6,
                                            costPerUnit: row?.costPerUnit))
                }
            }
            return promises
        }
    }
}

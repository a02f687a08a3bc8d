/// What a what-if changes for one municipality, the page `ivp compare BASE WHATIF --municipality ID`
/// prints: its hours by theme before and after, its hours and attainment, and the promises made to
/// it that change state (start or stop holding or binding, appear or go). Each what-if shows the
/// optimum closest to the base's allocation (the stable difference, DESIGN.md 4.5) unless
/// `stable` is false, as in `Comparison.compare`. The report writers only print it.
public struct MunicipalityComparison: Sendable, Equatable {
    /// One theme's raw hours here in the base and in the what-if, with its coverage shares.
    public struct ThemeChange: Sendable, Equatable {
        public var theme: String
        public var name: String
        public var base: Double
        public var other: Double
        public var change: Double
        /// Covered / need; nil where the theme has no need here.
        public var baseShare: Double?
        public var otherShare: Double?
    }

    /// A promise whose state differs: nil on the side where the scenario does not make it.
    public struct PromiseChange: Sendable, Equatable {
        public var base: MunicipalityPage.Promise?
        public var other: MunicipalityPage.Promise?
    }

    public struct Variant: Sendable, Equatable {
        /// The file as given on the command line, and the scenario's name.
        public var scenario: String
        public var name: String
        public var status: AllocationStatus
        /// The municipality's page in the what-if; nil without an allocation.
        public var page: MunicipalityPage?
        /// Every theme with hours or a need here on either side, in the base's order; unchanged ones too.
        public var themes: [ThemeChange]
        public var promises: [PromiseChange]
        /// Σ |x − x⁰| over the whole scenario (the stable choice's distance), nil without an allocation.
        public var hoursMoved: Double?
    }

    public var id: String
    public var name: String
    public var base: String
    public var baseName: String
    public var baseStatus: AllocationStatus
    /// The municipality's page in the base; nil when the base has no allocation.
    public var basePage: MunicipalityPage?
    public var variants: [Variant]
    public var stable: Bool
    /// Display names of every id of the base and the variants.
    public var names: [String: String]

    public func name(_ id: String) -> String { names[id] ?? id }

    /// Solves the base and each what-if as `Comparison.compare` does and lines up municipality
    /// `id`'s pages. `id` must be a municipality of the base.
    public static func compare(municipality id: String, base: (label: String, scenario: Scenario),
                               others: [(label: String, scenario: Scenario)], options: AllocationOptions = AllocationOptions(),
                               stable: Bool = true) throws -> MunicipalityComparison {
        var options = options
        options.headlines = false
        let baseResult = try SolvedModel(base.scenario, options: options).result()
        let basePage = MunicipalityPage.pages(baseResult, base.scenario).first { $0.id == id }
        let reference = AllocationReference(label: base.label, kind: .base, lines: baseResult.allocations, stable: stable)
        var variants: [Variant] = []
        var names = baseResult.names
        for other in others {
            let result = try SolvedModel(other.scenario, options: options)
                .result(closestTo: baseResult.objective == nil ? nil : reference)
            let page = MunicipalityPage.pages(result, other.scenario).first { $0.id == id }
            names.merge(result.names) { first, _ in first }
            variants.append(Variant(scenario: other.label, name: result.scenario, status: result.status, page: page,
                                    themes: themeChanges(basePage, page, order: base.scenario.themes.map(\.id)),
                                    promises: promiseChanges(basePage?.promises ?? [], page?.promises ?? []),
                                    hoursMoved: result.choice?.hoursMoved))
        }
        let name = base.scenario.node(id)?.name ?? id
        return MunicipalityComparison(id: id, name: name, base: base.label, baseName: baseResult.scenario,
                                      baseStatus: baseResult.status, basePage: basePage, variants: variants, stable: stable,
                                      names: names)
    }

    static func themeChanges(_ base: MunicipalityPage?, _ other: MunicipalityPage?, order: [String]) -> [ThemeChange] {
        let before = Dictionary((base?.themes ?? []).map { ($0.theme, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary((other?.themes ?? []).map { ($0.theme, $0) }, uniquingKeysWith: { a, _ in a })
        var ids = order.filter { before[$0] != nil || after[$0] != nil }
        for line in (base?.themes ?? []) + (other?.themes ?? []) where !ids.contains(line.theme) { ids.append(line.theme) }
        return ids.map { theme in
            let a = before[theme], b = after[theme]
            let x = a?.hours ?? 0, y = b?.hours ?? 0
            return ThemeChange(theme: theme, name: a?.name ?? b?.name ?? theme, base: x, other: y, change: y - x,
                               baseShare: a.flatMap { $0.need > 0 ? $0.share : nil }, otherShare: b.flatMap { $0.need > 0 ? $0.share : nil })
        }
    }

    /// The promises that appear, go, or change whether they hold or bind, in the order of the
    /// what-if's page (then those only in the base).
    static func promiseChanges(_ base: [MunicipalityPage.Promise], _ other: [MunicipalityPage.Promise]) -> [PromiseChange] {
        func key(_ promise: MunicipalityPage.Promise) -> String {
            [promise.kind.rawValue, promise.theme ?? "", promise.capacityKind ?? "", promise.neighbour ?? ""].joined(separator: "|")
        }
        let before = Dictionary(base.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let afterKeys = Set(other.map(key))
        var changes: [PromiseChange] = []
        for promise in other {
            let earlier = before[key(promise)]
            if earlier?.holds != promise.holds || earlier?.binds != promise.binds {
                changes.append(PromiseChange(base: earlier, other: promise))
            }
        }
        for promise in base where !afterKeys.contains(key(promise)) { changes.append(PromiseChange(base: promise, other: nil)) }
        return changes
    }
}

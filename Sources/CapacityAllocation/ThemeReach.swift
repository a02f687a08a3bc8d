/// A theme whose kinds of capacity match no pool that can reach any of its municipalities gets no
/// hour, whatever its weight: almost always a typo in `kinds` or a pool missing. Said as a warning
/// (on standard error and in the report), not an error: the scenario still solves.
enum ThemeReach {
    static func warnings(_ scenario: Scenario, themeItems: [SourceNode]?) -> [Diagnostic] {
        var poolsAt: [String: [Pool]] = [:]
        for pool in scenario.pools { poolsAt[pool.owner, default: []].append(pool) }
        var children: [String: [String]] = [:]
        for node in scenario.nodes { if let parent = node.parent { children[parent, default: []].append(node.id) } }
        var warnings: [Diagnostic] = []
        for (index, theme) in scenario.themes.enumerated() {
            let kinds = Set(theme.kinds.map(\.kind))
            let municipalities = scenario.municipalities(of: theme)
            guard !municipalities.isEmpty else { continue }
            let reached = municipalities.contains { municipality in
                let chain = scenario.ancestors(of: municipality.id)
                if chain.contains(where: { (poolsAt[$0] ?? []).contains { kinds.contains($0.kind) } }) { return true }
                // Mutual aid from a sibling of a node in the chain.
                return chain.dropFirst().contains { parent in
                    (children[parent] ?? []).contains { sibling in
                        !chain.contains(sibling) && (poolsAt[sibling] ?? []).contains { $0.mutualAid != nil && kinds.contains($0.kind) }
                    }
                }
            }
            guard !reached else { continue }
            let item = themeItems.flatMap { index < $0.count ? $0[index] : nil }
            let kindList = theme.kinds.map(\.kind).joined(separator: ", ")
            warnings.append(Diagnostic(
                file: item?.file ?? scenario.sources.first?.path ?? "", path: "themes[\(index)].kinds", line: item?.line,
                message: "warning: no pool of kind \(kindList) can reach the municipalities of \(theme.id); it gets no hours"))
        }
        return warnings
    }
}

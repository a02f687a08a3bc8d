/// Gives a parsed, merged `SourceNode` tree its meaning as a `Scenario`, checking every rule of
/// DESIGN.md section 3 and collecting all violations.
enum ScenarioDecoder {
    static let topLevelKeys: Set<String> = [
        "name", "description", "hours_per_fte", "reserve", "level_weights", "returns", "units", "districts",
        "base_teams", "municipalities", "neighbours", "pools", "presence", "themes", "selection", "uncertainty",
    ]

    static func decode(_ tree: SourceNode, file: String, sources: [SourceFile],
                       removed: [String: String]) throws(ScenarioError) -> Scenario {
        let reader = FieldReader()
        guard let root = reader.mapping(tree, "", allowed: topLevelKeys) else {
            throw ScenarioError([Diagnostic(file: file, path: "", line: tree.line,
                                            message: "a scenario must be a mapping of keys, found \(tree.typeName)")])
        }
        let context = Context(reader: reader, root: root, tree: tree, removed: removed)
        var scenario = context.decode(sources: sources)
        // CBS codes and `neighbours: borders` are read apart, in ScenarioGeography.swift.
        ScenarioGeography.apply(to: &scenario, root: root, reader: reader)
        if !reader.diagnostics.isEmpty { throw ScenarioError(reader.diagnostics) }
        // Read once the rest is valid: its parameter paths are resolved against the scenario.
        scenario.uncertainty = UncertaintyDecoder.decode(root["uncertainty"], scenario: scenario, reader: reader, removed: removed)
        if !reader.diagnostics.isEmpty { throw ScenarioError(reader.diagnostics) }
        scenario.warnings += ThemeReach.warnings(scenario, themeItems: root["themes"]?.items)
        return scenario
    }

    /// Decoding state: the reader that collects diagnostics and the ids seen so far.
    private final class Context {
        let reader: FieldReader
        let root: [String: SourceNode]
        let tree: SourceNode
        let removed: [String: String]
        /// Every id in the file with what it names, for uniqueness and references.
        var idKinds: [String: String] = [:]
        var idPaths: [String: String] = [:]
        var nodeKinds: [String: NodeKind] = [:]
        var themeIDs = Set<String>()
        var populations: [String: Double?] = [:]
        /// Municipalities whose population is given, even if it was invalid (and so already reported).
        var populationGiven = Set<String>()

        init(reader: FieldReader, root: [String: SourceNode], tree: SourceNode, removed: [String: String]) {
            self.reader = reader
            self.root = root
            self.tree = tree
            self.removed = removed
        }

        func decode(sources: [SourceFile]) -> Scenario {
            let name = reader.string(root["name"], "name", required: tree) ?? ""
            let description = reader.string(root["description"], "description")
            let hoursPerFTE = reader.number(root["hours_per_fte"], "hours_per_fte")
            let reserve = reader.number(root["reserve"], "reserve", maximum: 1, maximumIncluded: false,
                                        rangeText: "[0, 1)") ?? 0
            var levelWeights: [ThemeLevel: Double] = [:]
            if let weights = reader.mapping(root["level_weights"], "level_weights",
                                            allowed: Set(ThemeLevel.allCases.map(\.rawValue))) {
                // In file order, so that several problems are reported in the order they appear.
                for (key, node) in root["level_weights"]?.entries ?? [] where weights[key] != nil {
                    if let level = ThemeLevel(rawValue: key), let value = reader.number(node, "level_weights.\(key)") {
                        levelWeights[level] = value
                    }
                }
            }
            let returns = decodeReturns(root["returns"], "returns") ?? [ReturnSegment(share: 1, value: 1)]

            // Ids first, so that references can be checked whatever order the lists come in.
            registerIDs("units", "unit")
            registerIDs("districts", "district")
            registerIDs("base_teams", "base team")
            registerIDs("municipalities", "municipality")
            registerIDs("pools", "pool")
            registerIDs("themes", "theme")

            var nodes: [OrganisationNode] = []
            nodes += decodeNodes("units", kind: .unit, parentKey: nil, parentKind: nil)
            nodes += decodeNodes("districts", kind: .district, parentKey: "unit", parentKind: .unit)
            nodes += decodeNodes("base_teams", kind: .baseTeam, parentKey: "district", parentKind: .district)
            nodes += decodeNodes("municipalities", kind: .municipality, parentKey: "base_team", parentKind: .baseTeam)
            for node in nodes where node.kind == .municipality { populations[node.id] = node.population }

            let neighbours = decodeNeighbours()
            let pools = decodePools(defaultHoursPerFTE: hoursPerFTE, defaultReserve: reserve)
            let presence = decodePresence()
            let themes = decodeThemes(defaultReturns: returns, nodes: nodes)
            var maxSelected: Int?
            if let selection = reader.mapping(root["selection"], "selection", allowed: ["max_per_municipality"]) {
                let path = "selection.max_per_municipality"
                if let value = reader.number(selection["max_per_municipality"], path, required: root["selection"]) {
                    if value != value.rounded() || value > 1e6 {
                        reader.report(selection["max_per_municipality"], path, "expected a whole number, found \(FieldReader.format(value))")
                    } else {
                        maxSelected = Int(value)
                    }
                }
            }
            return Scenario(name: name, description: description, levelWeights: levelWeights, nodes: nodes,
                            neighbours: neighbours, pools: pools, presence: presence, themes: themes,
                            maxSelectedPerMunicipality: maxSelected, sources: sources)
        }

        // MARK: Ids and references

        private static func isValidID(_ id: String) -> Bool {
            !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }

        private func registerIDs(_ key: String, _ what: String) {
            guard let items = root[key]?.items else { return }
            for (index, item) in items.enumerated() {
                let path = "\(key)[\(index)].id"
                guard item.entries != nil else { continue }
                guard let id = reader.string(item["id"], path, required: item) else { continue }
                guard Context.isValidID(id) else {
                    reader.report(item["id"], path, "'\(id)' is not a valid id (use lowercase letters, digits and '-')")
                    continue
                }
                if let earlier = idPaths[id] {
                    reader.report(item["id"], path, "duplicate id '\(id)' (also used at \(earlier))")
                    continue
                }
                idKinds[id] = what
                idPaths[id] = "\(key)[\(index)]"
                switch key {
                case "units": nodeKinds[id] = .unit
                case "districts": nodeKinds[id] = .district
                case "base_teams": nodeKinds[id] = .baseTeam
                case "municipalities": nodeKinds[id] = .municipality
                case "themes": themeIDs.insert(id)
                default: break
                }
            }
        }

        /// Checks that `id` names something of an accepted kind; reports and returns nil otherwise.
        private func reference(_ node: SourceNode?, _ path: String, expected: [NodeKind]?, expectedText: String,
                               themes: Bool = false) -> String? {
            guard let id = reader.string(node, path) else { return nil }
            guard let what = idKinds[id] else {
                if let file = removed[id] {
                    reader.report(node, path, "'\(id)' was removed by \(file) but is still referenced here")
                } else {
                    reader.report(node, path, "unknown id '\(id)' (expected \(expectedText))")
                }
                return nil
            }
            if themes {
                guard themeIDs.contains(id) else {
                    reader.report(node, path, "'\(id)' is a \(what), expected \(expectedText)")
                    return nil
                }
                return id
            }
            guard let kind = nodeKinds[id], expected.map({ $0.contains(kind) }) ?? true else {
                reader.report(node, path, "'\(id)' is a \(what), expected \(expectedText)")
                return nil
            }
            return id
        }

        private func municipalityReference(_ node: SourceNode?, _ path: String) -> String? {
            reference(node, path, expected: [.municipality], expectedText: "a municipality")
        }

        // MARK: Organisation

        private func decodeNodes(_ key: String, kind: NodeKind, parentKey: String?, parentKind: NodeKind?) -> [OrganisationNode] {
            guard let items = reader.list(root[key], key) else { return [] }
            var allowed: Set<String> = ["id", "name"]
            if let parentKey { allowed.insert(parentKey) }
            if kind == .municipality { allowed.formUnion(["population", ScenarioGeography.codeKey]) }
            var result: [OrganisationNode] = []
            for (index, item) in items.enumerated() {
                let path = "\(key)[\(index)]"
                guard let fields = reader.mapping(item, path, allowed: allowed),
                      let id = fields["id"].flatMap({ reader.string($0, "\(path).id") }),
                      nodeKinds[id] == kind, idPaths[id] == path else { continue }
                let name = reader.string(fields["name"], "\(path).name") ?? id
                var parent: String?
                if let parentKey, let parentKind {
                    parent = reference(fields[parentKey], "\(path).\(parentKey)", expected: [parentKind],
                                       expectedText: "a \(parentKind == .baseTeam ? "base team" : parentKind.rawValue)")
                }
                let population = kind == .municipality ? reader.number(fields["population"], "\(path).population") : nil
                if kind == .municipality && fields["population"] != nil { populationGiven.insert(id) }
                result.append(OrganisationNode(id: id, name: name, kind: kind, parent: parent, population: population))
            }
            return result
        }

        private func decodeNeighbours() -> [(String, String)] {
            if ScenarioGeography.isBorders(root["neighbours"]) { return [] }
            guard let items = reader.list(root["neighbours"], "neighbours") else { return [] }
            var pairs: [(String, String)] = []
            for (index, item) in items.enumerated() {
                let path = "neighbours[\(index)]"
                guard let pair = reader.list(item, path) else { continue }
                guard pair.count == 2 else {
                    reader.report(item, path, "expected a pair of two municipalities, found \(pair.count) entries")
                    continue
                }
                let first = municipalityReference(pair[0], "\(path)[0]")
                let second = municipalityReference(pair[1], "\(path)[1]")
                guard let first, let second else { continue }
                guard first != second else {
                    reader.report(item, path, "a municipality cannot neighbour itself")
                    continue
                }
                pairs.append((first, second))
            }
            return pairs
        }

        // MARK: Pools

        private func decodePools(defaultHoursPerFTE: Double?, defaultReserve: Double) -> [Pool] {
            guard let items = reader.list(root["pools"], "pools") else { return [] }
            let allowed: Set<String> = ["id", "name", "at", "kind", "fte", "hours_per_fte", "availability",
                                        "claimed_hours", "reserve", "mutual_aid", "limits"]
            var pools: [Pool] = []
            for (index, item) in items.enumerated() {
                let path = "pools[\(index)]"
                guard let fields = reader.mapping(item, path, allowed: allowed),
                      let id = fields["id"].flatMap({ reader.string($0, "\(path).id") }),
                      idKinds[id] == "pool", idPaths[id] == path else { continue }
                let name = reader.string(fields["name"], "\(path).name") ?? id
                let owner = reference(fields["at"], "\(path).at", expected: nil,
                                      expectedText: "a unit, district, base team or municipality")
                if fields["at"] == nil { reader.report(nil, "\(path).at", "is required", fallback: item) }
                let kind = reader.string(fields["kind"], "\(path).kind", required: item)
                if let kind, kind.isEmpty { reader.report(fields["kind"], "\(path).kind", "must not be empty") }
                let fte = reader.number(fields["fte"], "\(path).fte", required: item)
                var hoursPerFTE = reader.number(fields["hours_per_fte"], "\(path).hours_per_fte")
                if fields["hours_per_fte"] == nil {
                    hoursPerFTE = defaultHoursPerFTE
                    if defaultHoursPerFTE == nil && root["hours_per_fte"] == nil {
                        reader.report(nil, "\(path).hours_per_fte", "is required (the file sets no default hours_per_fte)", fallback: item)
                    }
                }
                let availability = fields["availability"] == nil ? 1 :
                    reader.number(fields["availability"], "\(path).availability", maximum: 1, rangeText: "[0, 1]")
                let claimed = fields["claimed_hours"] == nil ? 0 : reader.number(fields["claimed_hours"], "\(path).claimed_hours")
                let reserve = fields["reserve"] == nil ? defaultReserve :
                    reader.number(fields["reserve"], "\(path).reserve", maximum: 1, maximumIncluded: false, rangeText: "[0, 1)")
                var mutualAid: MutualAid?
                if let aid = reader.mapping(fields["mutual_aid"], "\(path).mutual_aid", allowed: ["max_share", "efficiency"]) {
                    let share = reader.number(aid["max_share"], "\(path).mutual_aid.max_share", required: fields["mutual_aid"],
                                              maximum: 1, rangeText: "[0, 1]")
                    let efficiency = reader.number(aid["efficiency"], "\(path).mutual_aid.efficiency", required: fields["mutual_aid"])
                    if let share, let efficiency { mutualAid = MutualAid(maxShare: share, efficiency: efficiency) }
                }
                var limits: [PoolLimit] = []
                var limitSeen: [String: Int] = [:]
                for (limitIndex, limitNode) in (reader.list(fields["limits"], "\(path).limits") ?? []).enumerated() {
                    let limitPath = "\(path).limits[\(limitIndex)]"
                    guard let limit = reader.mapping(limitNode, limitPath, allowed: ["themes", "max_share"]) else { continue }
                    let share = reader.number(limit["max_share"], "\(limitPath).max_share", required: limitNode,
                                              maximum: 1, rangeText: "[0, 1]")
                    if limit["themes"] == nil { reader.report(nil, "\(limitPath).themes", "is required", fallback: limitNode) }
                    let themeList = reader.list(limit["themes"], "\(limitPath).themes")
                    let themeNodes = themeList ?? []
                    if let themeList, themeList.isEmpty {
                        reader.report(limit["themes"], "\(limitPath).themes", "must name at least one theme")
                    }
                    let themes = themeNodes.enumerated().compactMap { themeIndex, node in
                        reference(node, "\(limitPath).themes[\(themeIndex)]", expected: nil, expectedText: "a theme", themes: true)
                    }
                    guard let share, themes.count == themeNodes.count else { continue }
                    // The same limit twice adds nothing but rows (2,000 copies took seconds to solve).
                    let key = "\(Set(themes).sorted().joined(separator: ","))|\(share)"
                    if let earlier = limitSeen[key] {
                        reader.report(limitNode, limitPath, "the same limit as \(path).limits[\(earlier)]; give it once")
                        continue
                    }
                    limitSeen[key] = limitIndex
                    limits.append(PoolLimit(themes: themes, maxShare: share))
                }
                guard let owner, let kind, let fte, let hoursPerFTE, let availability, let claimed, let reserve else { continue }
                var pool = Pool(id: id, name: name, owner: owner, kind: kind, fte: fte, hoursPerFTE: hoursPerFTE,
                                availability: availability, claimedHours: claimed, reserve: reserve,
                                mutualAid: mutualAid, limits: limits)
                pool.usesDefaultReserve = fields["reserve"] == nil
                pool.usesDefaultHoursPerFTE = fields["hours_per_fte"] == nil
                if pool.capacity < 0 {
                    reader.report(fields["claimed_hours"], "\(path).claimed_hours",
                                  "the pool's capacity after claimed hours is negative: \(FieldReader.format(fte)) FTE × \(FieldReader.format(hoursPerFTE)) h × \(FieldReader.format(availability)) − \(FieldReader.format(claimed)) = \(FieldReader.format((pool.capacity * 100).rounded() / 100)) hours",
                                  fallback: item)
                    continue
                }
                pools.append(pool)
            }
            return pools
        }

        private func decodePresence() -> [PresenceRule] {
            guard let items = reader.list(root["presence"], "presence") else { return [] }
            var rules: [PresenceRule] = []
            for (index, item) in items.enumerated() {
                let path = "presence[\(index)]"
                guard let fields = reader.mapping(item, path, allowed: ["kind", "hours_per_1000_inhabitants"]) else { continue }
                let kind = reader.string(fields["kind"], "\(path).kind", required: item)
                let rate = reader.number(fields["hours_per_1000_inhabitants"], "\(path).hours_per_1000_inhabitants", required: item)
                if let kind, let rate { rules.append(PresenceRule(kind: kind, hoursPerThousandInhabitants: rate)) }
            }
            return rules
        }

        // MARK: Themes

        private func decodeReturns(_ node: SourceNode?, _ path: String) -> [ReturnSegment]? {
            guard let items = reader.list(node, path) else { return nil }
            guard !items.isEmpty else {
                reader.report(node, path, "needs at least one segment")
                return nil
            }
            var segments: [ReturnSegment] = []
            for (index, item) in items.enumerated() {
                let itemPath = "\(path)[\(index)]"
                guard let fields = reader.mapping(item, itemPath, allowed: ["share", "value"]) else { return nil }
                let share = reader.number(fields["share"], "\(itemPath).share", required: item, maximum: 1, rangeText: "[0, 1]")
                let value = reader.number(fields["value"], "\(itemPath).value", required: item)
                guard let share, let value else { return nil }
                if let previous = segments.last, value > previous.value {
                    reader.report(fields["value"], "\(itemPath).value",
                                  "values must never increase: \(FieldReader.format(value)) follows \(FieldReader.format(previous.value))")
                    return nil
                }
                segments.append(ReturnSegment(share: share, value: value))
            }
            let total = segments.reduce(0) { $0 + $1.share }
            guard abs(total - 1) <= 1e-9 else {
                reader.report(node, path, "the shares sum to \(FieldReader.format((total * 1e9).rounded() / 1e9)), not 1")
                return nil
            }
            return segments
        }

        private func decodeThemes(defaultReturns: [ReturnSegment], nodes: [OrganisationNode]) -> [Theme] {
            guard let items = reader.list(root["themes"], "themes") else { return [] }
            let allowed: Set<String> = ["id", "name", "level", "adopted_by", "kinds", "weight", "joint_efficiency",
                                        "need", "severity", "minimum", "core", "max_gap", "returns", "candidate", "min_effort"]
            let parents = Dictionary(nodes.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
            var themes: [Theme] = []
            for (index, item) in items.enumerated() {
                let path = "themes[\(index)]"
                guard let fields = reader.mapping(item, path, allowed: allowed),
                      let id = fields["id"].flatMap({ reader.string($0, "\(path).id") }),
                      idKinds[id] == "theme", idPaths[id] == path else { continue }
                let name = reader.string(fields["name"], "\(path).name") ?? id
                var level: ThemeLevel?
                if let text = reader.string(fields["level"], "\(path).level", required: item) {
                    level = ThemeLevel(rawValue: text)
                    if level == nil {
                        reader.report(fields["level"], "\(path).level",
                                      "unknown level '\(text)' (expected national, regional, district, base_team or local)")
                    }
                }
                if fields["adopted_by"] == nil { reader.report(nil, "\(path).adopted_by", "is required", fallback: item) }
                let adoptedList = reader.list(fields["adopted_by"], "\(path).adopted_by")
                let adoptedNodes = adoptedList ?? []
                if let adoptedList, adoptedList.isEmpty {
                    reader.report(fields["adopted_by"], "\(path).adopted_by", "must name at least one node")
                }
                let adoptedBy = adoptedNodes.enumerated().compactMap { adoptedIndex, node in
                    reference(node, "\(path).adopted_by[\(adoptedIndex)]", expected: nil,
                              expectedText: "a unit, district, base team or municipality")
                }
                var kinds: [(kind: String, efficiency: Double)] = []
                if fields["kinds"] == nil { reader.report(nil, "\(path).kinds", "is required", fallback: item) }
                if let kindNodes = fields["kinds"]?.entries {
                    if kindNodes.isEmpty { reader.report(fields["kinds"], "\(path).kinds", "a theme needs at least one kind of capacity") }
                    for (kind, node) in kindNodes {
                        if let efficiency = reader.number(node, "\(path).kinds.\(kind)") { kinds.append((kind, efficiency)) }
                    }
                } else if let node = fields["kinds"] {
                    if case .null = node.value {
                        reader.report(node, "\(path).kinds", "a theme needs at least one kind of capacity")
                    } else {
                        reader.report(node, "\(path).kinds", "expected a mapping of kind to efficiency, found \(node.typeName)")
                    }
                }
                let weight = fields["weight"] == nil ? 1 : reader.number(fields["weight"], "\(path).weight")
                let joint = fields["joint_efficiency"] == nil ? 1 : reader.number(fields["joint_efficiency"], "\(path).joint_efficiency")
                let need = decodeNeed(fields["need"], "\(path).need", item: item, adoptedBy: adoptedBy, parents: parents)
                var severity: [String: Double] = [:]
                if let entries = reader.mapping(fields["severity"], "\(path).severity") {
                    for (municipality, node) in entries.sorted(by: { $0.key < $1.key }) {
                        let keyPath = "\(path).severity.\(municipality)"
                        let resolved = municipalityReference(SourceNode(value: .scalar(municipality, plain: true), file: node.file, line: node.line), keyPath)
                        if let value = reader.number(node, keyPath), let resolved { severity[resolved] = value }
                    }
                }
                let minimum = fields["minimum"] == nil ? 0 :
                    reader.number(fields["minimum"], "\(path).minimum", maximum: 1, rangeText: "[0, 1]")
                let core = fields["core"] == nil ? false : reader.bool(fields["core"], "\(path).core")
                let maxGap = reader.number(fields["max_gap"], "\(path).max_gap")
                let returns = fields["returns"] == nil ? defaultReturns : decodeReturns(fields["returns"], "\(path).returns")
                let candidate = fields["candidate"] == nil ? false : reader.bool(fields["candidate"], "\(path).candidate")
                let minEffort = fields["min_effort"] == nil ? 0 :
                    reader.number(fields["min_effort"], "\(path).min_effort", maximum: 1, rangeText: "[0, 1]")
                guard let level, !adoptedBy.isEmpty, adoptedBy.count == adoptedNodes.count, !kinds.isEmpty,
                      let weight, let joint, let need, let minimum, let core, let returns, let candidate, let minEffort
                else { continue }
                if fields["max_gap"] != nil && maxGap == nil { continue }
                themes.append(Theme(id: id, name: name, level: level, adoptedBy: adoptedBy, kinds: kinds, weight: weight,
                                    jointEfficiency: joint, need: need, severity: severity, minimum: minimum, core: core,
                                    maxGap: maxGap, returns: returns, candidate: candidate, minEffort: minEffort))
            }
            return themes
        }

        private func decodeNeed(_ node: SourceNode?, _ path: String, item: SourceNode, adoptedBy: [String],
                                parents: [String: String?]) -> Need? {
            guard let node else {
                reader.report(nil, path, "is required", fallback: item)
                return nil
            }
            guard let fields = reader.mapping(node, path, allowed: ["per_1000_inhabitants", "by_municipality"]) else { return nil }
            switch (fields["per_1000_inhabitants"], fields["by_municipality"]) {
            case (let rateNode?, nil):
                guard let rate = reader.number(rateNode, "\(path).per_1000_inhabitants") else { return nil }
                // Every municipality the theme applies to needs a population to turn the rate into hours.
                var missing: [String] = []
                for (municipality, population) in populations.sorted(by: { $0.key < $1.key }) where population == nil && !populationGiven.contains(municipality) {
                    if adoptedBy.contains(where: { isUnder(municipality, $0, parents) }) { missing.append(municipality) }
                }
                if !missing.isEmpty {
                    reader.report(rateNode, "\(path).per_1000_inhabitants",
                                  "needs a population for \(missing.joined(separator: ", ")), which has none")
                    return nil
                }
                return .perThousandInhabitants(rate)
            case (nil, let mapNode?):
                guard let entries = reader.mapping(mapNode, "\(path).by_municipality") else { return nil }
                var needs: [String: Double] = [:]
                var valid = true
                for (municipality, value) in entries.sorted(by: { $0.key < $1.key }) {
                    let keyPath = "\(path).by_municipality.\(municipality)"
                    let resolved = municipalityReference(SourceNode(value: .scalar(municipality, plain: true), file: value.file, line: value.line), keyPath)
                    if let hours = reader.number(value, keyPath), let resolved { needs[resolved] = hours } else { valid = false }
                }
                return valid ? .byMunicipality(needs) : nil
            case (nil, nil):
                reader.report(node, path, "give either per_1000_inhabitants or by_municipality")
                return nil
            case (_?, _?):
                reader.report(node, path, "give either per_1000_inhabitants or by_municipality, not both")
                return nil
            }
        }

        private func isUnder(_ municipality: String, _ node: String, _ parents: [String: String?]) -> Bool {
            var current: String? = municipality
            var steps = 0
            while let id = current, steps < 8 {
                if id == node { return true }
                current = parents[id] ?? nil
                steps += 1
            }
            return false
        }
    }
}

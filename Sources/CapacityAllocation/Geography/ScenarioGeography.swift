/// What a scenario says about real geography, read after the rest of the file: each
/// municipality's `cbs_code` and `neighbours: borders` (DESIGN.md 3 and 4.2 (5)). Kept apart from
/// `ScenarioDecoder` so the decoder only needs to let these two spellings through.
enum ScenarioGeography {
    static let codeKey = "cbs_code"
    static let bordersKeyword = "borders"
    /// A population further than this share from the CBS figure gets a warning: a typo, an old
    /// year or the wrong code. Other CBS tables differ by a few inhabitants, which is fine.
    static let populationTolerance = 0.10

    /// Whether the file says `neighbours: borders`.
    static func isBorders(_ node: SourceNode?) -> Bool {
        if case .scalar(let text, _)? = node?.value { return text == bordersKeyword }
        return false
    }

    /// Sets `cbsCode` on every municipality that gives one, warns about populations far from the
    /// CBS figure and, for `neighbours: borders`, takes the neighbours from the real land borders.
    /// An unknown or repeated code, or a municipality without a code under `borders`, is an error
    /// reported through `reader`.
    static func apply(to scenario: inout Scenario, root: [String: SourceNode], reader: FieldReader,
                      geography given: Geography? = nil) {
        // Decoded only when the file names a code: most scenarios never touch the geography.
        var geography: Geography { given ?? .shared }
        var nodes = scenario.nodes
        var position: [String: Int] = [:]
        for (index, node) in nodes.enumerated() where node.kind == .municipality { position[node.id] = index }
        var codePaths: [String: String] = [:]
        var warnings: [Diagnostic] = []

        for (index, item) in (root["municipalities"]?.items ?? []).enumerated() {
            let path = "municipalities[\(index)]"
            guard let codeNode = item[codeKey], let code = reader.string(codeNode, "\(path).\(codeKey)") else { continue }
            guard let known = geography.municipality(code) else {
                reader.report(codeNode, "\(path).\(codeKey)",
                              "unknown CBS code '\(code)' (expected the code of a municipality of 2024, e.g. GM0402 for Hilversum)")
                continue
            }
            if let earlier = codePaths[code] {
                reader.report(codeNode, "\(path).\(codeKey)", "the CBS code \(code) is also used at \(earlier)")
                continue
            }
            codePaths[code] = path
            guard let id = item.id, let nodeIndex = position[id] else { continue }
            nodes[nodeIndex].cbsCode = code
            if let population = nodes[nodeIndex].population, known.population > 0 {
                let official = Double(known.population)
                let off = (population - official) / official
                if abs(off) > populationTolerance {
                    let anchor = item["population"] ?? codeNode
                    warnings.append(Diagnostic(
                        file: anchor.file, path: "\(path).population", line: anchor.line,
                        message: "warning: \(FieldReader.format(population)) inhabitants is \(Int((abs(off) * 100).rounded()))% \(off > 0 ? "above" : "below") the CBS figure for \(code) \(known.name) on 1 January 2024 (\(known.population))"))
                }
            }
        }

        if isBorders(root["neighbours"]) {
            let municipalities = nodes.filter { $0.kind == .municipality }
            let missing = municipalities.filter { $0.cbsCode == nil }.map(\.id)
            if missing.isEmpty {
                let ids = Dictionary(municipalities.map { ($0.cbsCode!, $0.id) }, uniquingKeysWith: { first, _ in first })
                scenario.neighbours = geography.landBorders(among: municipalities.compactMap(\.cbsCode)).map { (ids[$0.0]!, ids[$0.1]!) }
                scenario.neighboursFromBorders = true
            } else {
                reader.report(root["neighbours"], "neighbours",
                              "`borders` needs a cbs_code for every municipality; \(missing.joined(separator: ", ")) \(missing.count == 1 ? "has" : "have") none")
            }
        }
        scenario.nodes = nodes
        scenario.warnings += warnings
    }
}

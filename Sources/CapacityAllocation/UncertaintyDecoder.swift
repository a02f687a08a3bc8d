/// Reads and checks a scenario's `uncertainty` list (DESIGN.md 3 and 4.6) once the rest of the
/// scenario is valid: parameter paths are resolved against the scenario, like `ivp sweep --vary`.
/// Every problem is reported with the file, the line and the path (`uncertainty[2].mode`).
enum UncertaintyDecoder {
    static let entryKeys: Set<String> = [
        "parameter", "distribution", "group", "low", "high", "mode", "mean", "sd", "values", "probabilities",
    ]

    /// The keys each distribution takes, in the order messages name them.
    static let distributionKeys: [(name: String, keys: [String])] = [
        ("uniform", ["low", "high"]),
        ("triangular", ["low", "mode", "high"]),
        ("normal", ["mean", "sd"]),
        ("discrete", ["values", "probabilities"]),
    ]

    static func decode(_ node: SourceNode?, scenario: Scenario, reader: FieldReader,
                       removed: [String: String]) -> [UncertainInput] {
        guard let items = reader.list(node, "uncertainty") else { return [] }
        var inputs: [UncertainInput] = []
        var seen: [String: String] = [:]
        for (index, item) in items.enumerated() {
            let path = "uncertainty[\(index)]"
            guard let fields = reader.mapping(item, path, allowed: entryKeys) else { continue }
            let key = reader.string(fields["parameter"], "\(path).parameter", required: item)
            var parameter: ScenarioParameter?
            if let key {
                do throws(ParameterError) {
                    let parsed = try ScenarioParameter(key, in: scenario)
                    if !parsed.canBeUncertain {
                        reader.report(fields["parameter"], "\(path).parameter",
                                      "'\(key)' cannot be uncertain (pools.ID.fte, pools.ID.hours_per_fte, pools.ID.availability, pools.ID.claimed_hours, themes.ID.need.per_1000_inhabitants, themes.ID.need.by_municipality.MUNICIPALITY, municipalities.ID.population)")
                    } else if let earlier = seen[key] {
                        reader.report(fields["parameter"], "\(path).parameter", "'\(key)' is already uncertain at \(earlier)")
                    } else {
                        seen[key] = path
                        parameter = parsed
                    }
                } catch {
                    let parts = key.split(separator: ".").map(String.init)
                    if parts.count > 1, let file = removed[parts[1]] {
                        reader.report(fields["parameter"], "\(path).parameter", "'\(parts[1])' was removed by \(file) but is still referenced here")
                    } else {
                        reader.report(fields["parameter"], "\(path).parameter", error.message)
                    }
                }
            }
            var group: String?
            if let text = reader.string(fields["group"], "\(path).group") {
                if text.isEmpty || !text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                    reader.report(fields["group"], "\(path).group", "'\(text)' is not a valid group name (use lowercase letters, digits and '-')")
                } else {
                    group = text
                }
            }
            guard let distribution = decodeDistribution(fields, path: path, item: item, reader: reader),
                  let parameter else { continue }
            guard checkRange(distribution, parameter, fields: fields, path: path, item: item, scenario: scenario, reader: reader)
            else { continue }
            inputs.append(UncertainInput(parameter: parameter, distribution: distribution, group: group, path: path))
        }
        checkCapacities(inputs, items: items, scenario: scenario, reader: reader)
        return inputs
    }

    private static func decodeDistribution(_ fields: [String: SourceNode], path: String, item: SourceNode,
                                           reader: FieldReader) -> Distribution? {
        guard let name = reader.string(fields["distribution"], "\(path).distribution", required: item) else { return nil }
        guard let keys = distributionKeys.first(where: { $0.name == name })?.keys else {
            reader.report(fields["distribution"], "\(path).distribution",
                          "unknown distribution '\(name)' (expected uniform, triangular, normal or discrete)")
            return nil
        }
        var valid = true
        let numeric = ["low", "high", "mode", "mean", "sd", "values", "probabilities"]
        for other in numeric where !keys.contains(other) && fields[other] != nil {
            reader.report(fields[other], "\(path).\(other)",
                          "a \(name) distribution does not take '\(other)' (it takes \(keys.joined(separator: ", ")))")
            valid = false
        }
        func number(_ key: String) -> Double? { reader.number(fields[key], "\(path).\(key)", required: item) }
        switch name {
        case "uniform":
            guard let low = number("low"), let high = number("high"), valid else { return nil }
            guard low <= high else {
                reader.report(fields["low"], "\(path).low", "low (\(FieldReader.format(low))) is above high (\(FieldReader.format(high)))")
                return nil
            }
            return .uniform(low: low, high: high)
        case "triangular":
            guard let low = number("low"), let mode = number("mode"), let high = number("high"), valid else { return nil }
            guard low <= mode, mode <= high else {
                reader.report(fields["mode"], "\(path).mode",
                              "low ≤ mode ≤ high does not hold: \(FieldReader.format(low)), \(FieldReader.format(mode)), \(FieldReader.format(high))")
                return nil
            }
            return .triangular(low: low, mode: mode, high: high)
        case "normal":
            guard let mean = number("mean"), let sd = number("sd"), valid else { return nil }
            guard sd > 0 else {
                reader.report(fields["sd"], "\(path).sd", "the standard deviation must be above 0")
                return nil
            }
            return .normal(mean: mean, sd: sd)
        default:
            let valueNodes = reader.list(fields["values"], "\(path).values")
            let probabilityNodes = reader.list(fields["probabilities"], "\(path).probabilities")
            if fields["values"] == nil { reader.report(nil, "\(path).values", "is required", fallback: item) }
            if fields["probabilities"] == nil { reader.report(nil, "\(path).probabilities", "is required", fallback: item) }
            guard let valueNodes, let probabilityNodes, valid else { return nil }
            guard !valueNodes.isEmpty else {
                reader.report(fields["values"], "\(path).values", "needs at least one value")
                return nil
            }
            let values = valueNodes.enumerated().compactMap { reader.number($1, "\(path).values[\($0)]") }
            let probabilities = probabilityNodes.enumerated().compactMap {
                reader.number($1, "\(path).probabilities[\($0)]", maximum: 1, rangeText: "[0, 1]")
            }
            guard values.count == valueNodes.count, probabilities.count == probabilityNodes.count else { return nil }
            guard values.count == probabilities.count else {
                reader.report(fields["probabilities"], "\(path).probabilities",
                              "\(probabilities.count) probabilities for \(values.count) values")
                return nil
            }
            let total = probabilities.reduce(0, +)
            guard abs(total - 1) <= 1e-9 else {
                reader.report(fields["probabilities"], "\(path).probabilities",
                              "the probabilities sum to \(FieldReader.format((total * 1e9).rounded() / 1e9)), not 1")
                return nil
            }
            return .discrete(values: values, probabilities: probabilities)
        }
    }

    /// The parameter's own range must hold every value the distribution can give: its least and
    /// greatest are applied to the scenario as `ivp sweep` applies a value. A need or population
    /// must stay above 0 (a need of 0 takes the theme out of the municipality, which changes the
    /// model, not a number in it).
    private static func checkRange(_ distribution: Distribution, _ parameter: ScenarioParameter, fields: [String: SourceNode],
                                   path: String, item: SourceNode, scenario: Scenario, reader: FieldReader) -> Bool {
        let anchor = fields["distribution"] ?? item
        if parameter.isNeed {
            if distribution.lowest <= 0 {
                reader.report(anchor, path, "the \(distribution.name) distribution can give \(parameter.key) = 0; a need or population must stay above 0")
                return false
            }
            if let base = parameter.value(in: scenario), base <= 0 {
                reader.report(fields["parameter"], "\(path).parameter", "\(parameter.key) is 0 in the scenario, so the model has no place for it to vary")
                return false
            }
        }
        for end in [distribution.lowest, distribution.highest] {
            if end.isInfinite {
                // The normal has no upper end: only a parameter without an upper bound may take it.
                do throws(ParameterError) { _ = try parameter.applied(FieldReader.largest, to: scenario) } catch {
                    if parameter.poolCapacityField != nil, error.message.contains("capacity after claimed hours is negative") { continue }
                    reader.report(anchor, path, "a normal distribution has no upper end, and \(parameter.key) has one (\(error.message)); use uniform, triangular or discrete")
                    return false
                }
                continue
            }
            do throws(ParameterError) { _ = try parameter.applied(end, to: scenario) } catch {
                // A negative capacity is checked below over all of a pool's entries together.
                if parameter.poolCapacityField != nil, error.message.contains("capacity after claimed hours is negative") { continue }
                reader.report(anchor, path, "the \(distribution.name) distribution reaches \(FieldReader.format(end)): \(error.message)")
                return false
            }
        }
        return true
    }

    /// No pool may reach a negative capacity: with every uncertain capacity field of the pool at
    /// its worst at once (fte, hours_per_fte and availability at their least, claimed_hours at its
    /// greatest), C = fte · hours_per_fte · availability − claimed_hours stays at least 0. Entries
    /// are checked together whatever their groups, so the rule holds for any drawing.
    private static func checkCapacities(_ inputs: [UncertainInput], items: [SourceNode], scenario: Scenario, reader: FieldReader) {
        var byPool: [Int: [UncertainInput]] = [:]
        for input in inputs { if let field = input.parameter.poolCapacityField { byPool[field.pool, default: []].append(input) } }
        for poolIndex in byPool.keys.sorted() {
            let entries = byPool[poolIndex]!
            var pool = scenario.pools[poolIndex]
            for input in entries {
                let distribution = input.distribution
                switch input.parameter.poolCapacityField!.field {
                case "fte": pool.fte = distribution.lowest
                case "hours_per_fte": pool.hoursPerFTE = distribution.lowest
                case "availability": pool.availability = distribution.lowest
                default: pool.claimedHours = distribution.highest
                }
            }
            guard pool.capacity < 0 else { continue }
            let first = entries[0]
            let index = Int(first.path.dropFirst("uncertainty[".count).dropLast()) ?? 0
            let claimed = pool.claimedHours.isInfinite ? "any number of" : FieldReader.format(pool.claimedHours)
            reader.report(items[index]["distribution"] ?? items[index], first.path,
                          "pool '\(pool.id)' could have a negative capacity: at worst \(FieldReader.format(pool.fte)) FTE × \(FieldReader.format(pool.hoursPerFTE)) h × \(FieldReader.format(pool.availability)) − \(claimed) claimed hours")
        }
    }
}

import CapacityAllocation

/// `ivp risk` as Markdown: the plan, the distribution of value and attainment, the weakest
/// promises, who carries the risk, the pools' reserve and the uncertain inputs. Every number
/// comes from the RiskResult.
public enum RiskReport {
    /// Promises listed in the Markdown and HTML reports (the weakest first); JSON has all.
    static let promiseLimit = 25
    /// Municipalities and themes listed.
    static let entityLimit = 15

    public static func markdown(_ result: RiskResult, language: Language) -> String {
        let text = RiskPhrases(language)
        var out = ["# \(text.title(result.scenario))", ""]
        out += ["## \(text.summaryTitle)", ""]
        for line in summaryLines(result, text) { out.append("- " + line) }
        out += ["", text.recourseLine, ""]

        out += ["## \(text.distributionTitle)", ""]
        out += distributionRows(result, text).map(MarkdownTable.row)
        out.insert(MarkdownTable.separator(5, numericFrom: 1), at: out.count - 2)
        out += ["", text.quantileNote(result.samples), ""]

        out += ["## \(text.promisesTitle)", ""]
        if result.promises.isEmpty {
            out.append(text.noPromises)
        } else {
            out.append(MarkdownTable.row([text.promise, text.probabilityHeld, text.expectedShortfall, text.p90Shortfall]))
            out.append(MarkdownTable.separator(4, numericFrom: 1))
            for promise in result.promises.prefix(promiseLimit) { out.append(MarkdownTable.row(promiseRow(promise, result, text))) }
            if result.promises.count > promiseLimit {
                out += ["", text.promisesShown(promiseLimit, of: result.promises.count)]
            }
        }
        out += ["", "## \(text.carriersTitle)", "", text.carriersIntro, ""]
        for (heading, entities) in [(text.municipality, result.municipalities), (text.theme, result.themes)] {
            out.append(MarkdownTable.row(entityHeaders(heading, text)))
            out.append(MarkdownTable.separator(6, numericFrom: 1))
            for entity in entities.prefix(entityLimit) { out.append(MarkdownTable.row(entityRow(entity, result, text))) }
            out.append("")
        }
        out += ["## \(text.poolsTitle)", "", text.poolsIntro, ""]
        out.append(MarkdownTable.row(poolHeaders(text)))
        out.append(MarkdownTable.separator(poolHeaders(text).count, numericFrom: 1))
        for pool in result.pools { out.append(MarkdownTable.row(poolRow(pool, result, text))) }
        out += ["", "## \(text.uncertaintyTitle)", ""]
        out.append(MarkdownTable.row([text.parameter, text.distribution, text.group, text.range]))
        out.append(MarkdownTable.separator(4, numericFrom: 4))
        for entry in result.uncertainty {
            out.append(MarkdownTable.row(["`\(entry.parameter)`", entry.distribution, entry.group ?? "–", text.rangeText(entry)]))
        }
        out += ["", text.penaltyLine(result), ""]
        out += ManifestSection.markdown(result.manifest, text.common)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Shared with the HTML report

    static func summaryLines(_ result: RiskResult, _ text: RiskPhrases) -> [String] {
        [text.planLine(result), text.planValueLine(result), text.valueLine(result), text.attainmentLine(result), text.allHeldLine(result)]
    }

    /// Header row and the two rows of the distribution table.
    static func distributionRows(_ result: RiskResult, _ text: RiskPhrases) -> [[String]] {
        let f = text.format
        let o = result.objective, a = result.attainment
        return [[text.measure, text.mean, "P10", "P50", "P90"],
                [text.value, f.number(o.mean), f.number(o.p10), f.number(o.p50), f.number(o.p90)],
                [text.attainment, f.percent(a.mean), f.percent(a.p10), f.percent(a.p50), f.percent(a.p90)]]
    }

    static func promiseRow(_ promise: RiskPromise, _ result: RiskResult, _ text: RiskPhrases) -> [String] {
        let f = text.format
        return [text.promiseText(promise, result), f.percent(promise.probabilityHeld), f.number(promise.expectedShortfallHours, decimals: 1),
                f.number(promise.p90ShortfallHours, decimals: 1)]
    }

    static func entityHeaders(_ heading: String, _ text: RiskPhrases) -> [String] {
        [heading, text.expectedShortfall, text.allHeld, text.planValue, text.meanValue, text.p10Value]
    }

    static func entityRow(_ entity: RiskEntity, _ result: RiskResult, _ text: RiskPhrases) -> [String] {
        let f = text.format
        return [result.name(entity.id), f.number(entity.expectedShortfallHours, decimals: 1), f.percent(entity.probabilityAllHeld),
                f.number(entity.planValue), f.number(entity.value.mean), f.number(entity.value.p10)]
    }

    static func poolHeaders(_ text: RiskPhrases) -> [String] {
        [text.pool, text.plannedHours, text.capacity, text.capacityP10, text.reserveHours, text.reserveUsed, text.probabilityReserveUsed,
         text.addedHours, text.takenHours]
    }

    static func poolRow(_ pool: RiskPool, _ result: RiskResult, _ text: RiskPhrases) -> [String] {
        let f = text.format
        return [result.name(pool.id), f.hours(pool.plannedHours), f.hours(pool.capacity), f.hours(pool.sampledCapacity.p10),
                f.hours(pool.reserveHours), f.hours(pool.expectedReserveUsedHours), f.percent(pool.probabilityReserveUsed),
                f.hours(pool.expectedAddedHours), f.hours(pool.expectedTakenHours)]
    }
}

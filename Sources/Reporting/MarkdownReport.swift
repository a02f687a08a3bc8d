import CapacityAllocation

/// The report for the triangle, in Markdown: summary first, then where the hours go, what is not
/// covered and why, what each promise costs and what one more FTE buys (DESIGN.md 5).
public enum MarkdownReport {
    /// `pages` adds the page per municipality (MunicipalityReport).
    public static func render(_ result: AllocationResult, language: Language, pages: [MunicipalityPage] = []) -> String {
        let text = Phrases(language)
        var out: [String] = ["# \(result.scenario)", ""]
        if let description = result.description, !description.isEmpty { out += [description, ""] }

        // The first page, in a mayor's words: what we can do, what we give up, what if.
        out += ["## \(text.summary)", ""]
        if result.objective != nil { out += ["### \(text.canDoTitle)", ""] }
        var summary = [text.statusLine(result), text.capacityLine(result)]
        if result.objective != nil {
            summary.append(text.attainmentLine(result))
            if let choice = result.choice {
                summary.append(text.choiceSentence(stable: choice.stable, hoursMoved: choice.hoursMoved,
                                                   reference: choice.reference, kind: choice.kind))
            }
        }
        if let gap = result.gap, result.status == .timeLimit, let bound = result.bestBound {
            summary.append(text.bestBoundLine(bound, gap))
        }
        summary += result.warnings.map { "⚠ " + $0 }
        out += summary.map { "- \($0)" }
        if result.objective != nil {
            out += ["", "### \(text.giveUpTitle)", ""]
            if result.shortfalls.isEmpty {
                out.append("- " + text.noShortfall)
            } else {
                out.append("- " + text.uncoveredLine(result.shortfalls.count, result.shortfallsWithoutHours))
                out += text.choiceLines(result).map { "- " + $0 }
                let largest = result.priorityShortfallsByLoss.prefix(3)
                if !largest.isEmpty {
                    out.append("- " + text.largestShortfallsIntro)
                    out += largest.map { "  - " + text.shortfallSummary($0, result) }
                }
            }
            let margins = text.marginLines(result)
            if !margins.isEmpty { out += ["", "### \(text.marginTitle)", ""] + margins.map { "- " + $0 } }
        }
        out += ["", text.solveTimeLine(result.solveSeconds, method: result.method), ""]

        if result.diagnosis != nil, result.status == .infeasible {
            out += ["## \(text.diagnosisTitle)", "", text.diagnosisIntro, ""]
            out += text.diagnosisSentences(result).map { "- " + $0 }
            out.append("")
            if let relief = result.reserveRelief, !relief.isEmpty {
                out += [text.reliefSentence(relief, result), ""]
            } else if result.pools.contains(where: { $0.reserve > 0 }) {
                out += [text.noReliefSentence, ""]
            }
        }

        if result.objective != nil {
            out += allocationSection(result, text)
            out += coverageSection(result, text)
            out += municipalitySection(result, text)
            out += modeSections(result, text)
            out += ["## \(text.shortfallTitle)", ""]
            out += shortfallLines(result, text)
            out.append("")
            out += MunicipalityReport.markdownSection(pages, result, text)
            out += analystSection(result, text)
        }
        out += poolSection(result, text)
        out += ManifestSection.markdown(result.manifest, text)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Sections

    private static func allocationSection(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        var out = ["## \(text.allocationTitle)", ""]
        let hours = result.hoursMatrix
        let municipalities = result.municipalities
        if municipalities.count <= 12 {
            out.append(MarkdownTable.row([text.theme] + municipalities.map(\.name) + [text.total]))
            out.append(MarkdownTable.separator(municipalities.count + 2, numericFrom: 1))
            for theme in result.themes {
                let values = municipalities.map { hours.hours(theme: theme.id, municipality: $0.id) }
                out.append(MarkdownTable.row([theme.name] + values.map { $0 > 0.5 ? f.hours($0) : "–" } + [f.hours(values.reduce(0, +))]))
            }
            let totals = municipalities.map { $0.hours }
            out.append(MarkdownTable.row(["**\(text.total)**"] + totals.map { "**\(f.hours($0))**" } + ["**\(f.hours(totals.reduce(0, +)))**"]))
        } else {
            out.append(MarkdownTable.row([text.theme, text.municipality, text.hoursLabel]))
            out.append(MarkdownTable.separator(3, numericFrom: 2))
            for theme in result.themes {
                for municipality in municipalities {
                    let value = hours.hours(theme: theme.id, municipality: municipality.id)
                    if value > 0.5 {
                        out.append(MarkdownTable.row([theme.name, municipality.name, f.hours(value)]))
                    }
                }
            }
        }
        return out + [""]
    }

    private static func coverageSection(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        var out = ["## \(text.coverageTitle)", ""]
        out.append(MarkdownTable.row([text.theme, text.level, text.need, text.covered, text.share, text.hoursLabel, text.weightLabel]))
        out.append(MarkdownTable.separator(7, numericFrom: 2))
        for theme in result.themes where theme.need > 0 {
            let name = theme.core ? "\(theme.name) (\(text.language == .nl ? "kerntaak" : "core task"))" : theme.name
            out.append(MarkdownTable.row([name, text.levelText(theme.level), f.hours(theme.need), f.hours(theme.covered),
                            f.percent(theme.share, decimals: 0), f.hours(theme.hours), text.weightWithRange(theme)]))
        }
        if result.themes.contains(where: { $0.weightRange != nil }) { out += ["", text.weightRangeNote] }
        return out + [""]
    }

    private static func municipalitySection(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        var out = ["## \(text.municipalitiesTitle)", ""]
        out.append(MarkdownTable.row([text.municipality, text.hoursLabel, text.value, text.ideal, text.attainment]))
        out.append(MarkdownTable.separator(5, numericFrom: 1))
        for municipality in result.municipalities {
            out.append(MarkdownTable.row([municipality.name, f.hours(municipality.hours), f.number(municipality.value),
                            f.number(municipality.ideal), f.percent(municipality.attainment)]))
        }
        return out + [""]
    }

    private static func poolSection(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        var out = ["## \(text.poolsTitle)", ""]
        out.append(MarkdownTable.row([text.pool, text.kind, text.capacity, text.allocated, text.reserve, text.unused, text.mutualAid,
                        text.hourValue, text.fteValue]))
        out.append(MarkdownTable.separator(9, numericFrom: 2))
        for pool in result.pools {
            out.append(MarkdownTable.row([pool.name, text.kindName(pool.kind), f.hours(pool.capacity), f.hours(pool.allocated), f.hours(pool.reserve),
                            f.hours(pool.unused), f.hours(pool.mutualAid), f.rate(pool.hourValue), f.number(pool.fteValue)]))
        }
        return out + [""]
    }

    /// The shortfalls that lose most value as sentences, the rest as a compact table, so the page
    /// stays readable for a district of six municipalities and for a national scenario alike.
    private static func shortfallLines(_ result: AllocationResult, _ text: Phrases) -> [String] {
        guard !result.shortfalls.isEmpty else { return [text.noShortfall] }
        let f = text.format
        let ordered = result.shortfallsByLoss
        let shown = 15
        var out = [text.effectiveHoursNote + " " + text.shortfallIntro, ""]
        out += ordered.prefix(shown).map { "- " + text.shortfallSentence($0, result) }
        let rest = ordered.dropFirst(shown)
        if !rest.isEmpty {
            out += ["", text.shortfallRest(rest.count), ""]
            out.append(MarkdownTable.row([text.theme, text.municipality, text.share, text.reason]))
            out.append(MarkdownTable.separator(4, numericFrom: 2, numericUpTo: 2))
            for item in rest {
                out.append(MarkdownTable.row([result.name(item.theme), result.name(item.municipality),
                                f.percent(item.share, decimals: 0), text.shortReason(item, result)]))
            }
        }
        return out
    }

    /// The marginal values, for analysts, after everything a council member reads: the value in
    /// value-hours, what each promise costs, what one more hour of each pool is worth, and the
    /// values behind each shortfall.
    private static func analystSection(_ result: AllocationResult, _ text: Phrases) -> [String] {
        var out = ["## \(text.analystTitle)", "", text.analystIntro, "", "- " + text.valueLine(result), ""]
        out += ["### \(text.promisesTitle)", ""]
        var promises = text.promiseSentences(result).map { "- " + $0 }
        promises += result.valuedReserves.map { "- " + text.reserveSentence($0) }
        out += promises.isEmpty ? [text.noPromise] : promises
        out += ["", "### \(text.fteTitle)", ""]
        out += result.pools.map { "- " + text.fteSentence($0) }
        out.append("")
        let rows = result.shortfallsByLoss.prefix(15).compactMap { text.shortfallValuesRow($0, result) }
        if !rows.isEmpty {
            out += ["### \(text.shortfallValuesTitle)", "", text.shortfallValuesIntro, ""]
            out.append(MarkdownTable.row([text.theme, text.municipality, text.pool, text.valueHereLabel, text.valueElsewhereLabel,
                                          text.weightIncreaseLabel, text.nextPartLabel]))
            out.append(MarkdownTable.separator(7, numericFrom: 3))
            out += rows.map(MarkdownTable.row)
            out.append("")
        }
        return out
    }

    private static func modeSections(_ result: AllocationResult, _ text: Phrases) -> [String] {
        var out: [String] = []
        if let stages = result.stages, !stages.isEmpty {
            out += ["## \(text.stagesTitle)", ""]
            out += stages.enumerated().map { "\($0.offset + 1). " + text.stageSentence($0.element) }
            out += ["", text.stagesNote(stages), ""]
        }
        if let minimum = result.minAttainment {
            out += ["## \(text.fairnessTitle)", "", text.fairnessSentence(minimum), ""]
        }
        if let selected = result.selected {
            out += ["## \(text.selectionTitle)", ""]
            out += selected.map { "- " + text.selectionSentence($0, result) }
            out.append("")
        }
        return out
    }
}

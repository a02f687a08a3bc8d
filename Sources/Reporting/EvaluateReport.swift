import CapacityAllocation

/// `ivp evaluate` as Markdown (a summary, the broken promises and the best moves in sentences,
/// hours per pool and value per municipality) and as CSV.
///
/// The CSV has one row per move, `pool,from_theme,from_municipality,to_theme,to_municipality,hours,gain`
/// (the from fields are empty for hours the pool leaves unused), best first: it is the list of
/// things to do, in the allocation CSV's terms. The violations are in the Markdown and the JSON.
public enum EvaluateReport {
    public static let csvHeader = "pool,from_theme,from_municipality,to_theme,to_municipality,hours,gain"

    public static func markdown(_ result: EvaluationResult, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        var out = ["# \(text.evaluateTitle(result.scenario))", "", text.evaluateIntro(result.allocation), ""]

        out += ["## \(text.summary)", ""]
        out += [text.evaluateFeasibleLine(result), text.evaluateHoursLine(result), text.evaluateValueLine(result),
                text.evaluateOptimumLine(result)].map { "- \($0)" }
        out.append("")

        out += ["## \(text.violationsTitle)", ""]
        out += result.violations.isEmpty ? [text.noViolation] : result.violations.map { "- " + text.violationSentence($0, result) }
        out.append("")

        out += ["## \(text.movesTitle)", ""]
        if result.moves.isEmpty {
            out.append(text.noMoves(result))
        } else {
            out += [text.movesIntro, ""]
            out += result.moves.enumerated().map { "\($0.offset + 1). " + text.moveSentence($0.element, result) }
            out += ["", text.movesTotal(result.movesGain, result)]
        }
        out.append("")

        out += ["## \(text.evaluatePoolsTitle)", ""]
        out.append(MarkdownTable.row([text.pool, text.allocatableLabel, text.allocated, text.mutualAid, text.optimumLabel]))
        out.append(MarkdownTable.separator(5, numericFrom: 1))
        for pool in result.pools {
            out.append(MarkdownTable.row([pool.name, f.hours(pool.allocatable), f.hours(pool.allocated), f.hours(pool.mutualAid),
                            pool.optimum.map { f.hours($0) } ?? "–"]))
        }
        out.append("")

        out += ["## \(text.municipalitiesTitle)", ""]
        out.append(MarkdownTable.row([text.municipality, text.hoursLabel, text.value, text.ideal, text.attainment, text.optimumValueLabel]))
        out.append(MarkdownTable.separator(6, numericFrom: 1))
        for municipality in result.municipalities {
            out.append(MarkdownTable.row([municipality.name, f.hours(municipality.hours), f.number(municipality.value), f.number(municipality.ideal),
                            municipality.ideal > 0 ? f.percent(municipality.attainment) : "–",
                            municipality.optimum.map { f.number($0) } ?? "–"]))
        }
        out.append("")

        out += ManifestSection.markdown(result.manifest, text)
        return out.joined(separator: "\n") + "\n"
    }

    /// One row per move, best first (see above).
    public static func csv(_ result: EvaluationResult, dialect: CSVDialect = .machine) -> String {
        var table = CSVTable(header: csvHeader.split(separator: ",").map(String.init))
        for move in result.moves {
            table.append([.text(move.pool), .text(move.from?.theme ?? ""), .text(move.from?.municipality ?? ""), .text(move.to.theme),
                          .text(move.to.municipality), .number(move.hours), .number(move.gain)])
        }
        return table.render(dialect)
    }
}

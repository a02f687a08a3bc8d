import CapacityAllocation

/// `ivp alternatives` as Markdown, CSV, JSON and one self-contained HTML page: the ranges of hours
/// per municipality and theme within the share, a range chart, and the alternative allocations,
/// each with its sentence of what moves where and what it costs. Every word comes from Phrases.
public enum AlternativesReport {
    /// The result with every alternative's `summary` written in `language`.
    public static func described(_ result: AlternativesResult, language: Language) -> AlternativesResult {
        let text = Phrases(language)
        var result = result
        for index in result.alternatives.indices {
            result.alternatives[index].summary = text.alternativeSummary(result.alternatives[index], result)
        }
        return result
    }

    public static func json(_ result: AlternativesResult, language: Language) throws -> String {
        try JSONReport.render(described(result, language: language))
    }

    /// `kind,id,min_hours,max_hours,optimum_hours`, municipalities then themes.
    public static func csv(_ result: AlternativesResult, dialect: CSVDialect = .machine) -> String {
        var table = CSVTable(header: ["kind", "id", "min_hours", "max_hours", "optimum_hours"])
        for range in result.ranges {
            table.append([.text(range.kind.rawValue), .text(range.id), .number(range.minHours), .number(range.maxHours), .number(range.optimumHours)])
        }
        return table.render(dialect)
    }

    static func withinText(_ result: AlternativesResult, _ f: NumberFormat) -> String {
        f.percent(result.within, decimals: result.within * 100 == (result.within * 100).rounded() ? 0 : 1)
    }

    static func rangeRows(_ result: AlternativesResult, _ kind: HoursRange.Kind, _ f: NumberFormat) -> [[String]] {
        result.ranges.filter { $0.kind == kind }.map { range in
            [result.names[range.id] ?? range.id, f.hours(range.minHours), f.hours(range.optimumHours), f.hours(range.maxHours),
             f.hours(range.maxHours - range.minHours)]
        }
    }

    static func shiftRows(_ alternative: Alternative, _ result: AlternativesResult, _ f: NumberFormat) -> [[String]] {
        alternative.shifts.map { shift in
            [result.names[shift.theme] ?? shift.theme, result.names[shift.municipality] ?? shift.municipality,
             (shift.hours > 0 ? "+" : "−") + f.hours(abs(shift.hours))]
        }
    }

    public static func markdown(_ result: AlternativesResult, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        let within = withinText(result, f)
        let result = described(result, language: language)
        var out = ["# \(text.alternativesTitle(result.scenario))", ""]
        out += ["- \(text.modeLabelLine(result.mode))", "- \(text.valueAtOptimum): \(f.number(result.objective))"
                + (result.attainment.map { " (\(f.percent($0)))" } ?? ""), "- \(text.holdSentence(result.mode, within))", ""]
        let headers = [text.leastHours, text.optimumHours, text.mostHours, text.roomHours]
        for (kind, title, label) in [(HoursRange.Kind.municipality, text.municipalityRangesTitle, text.municipality),
                                     (.theme, text.themeRangesTitle, text.theme)] {
            out += ["## \(title)", ""]
            if kind == .municipality { out += [text.rangesIntro, ""] }
            out.append(MarkdownTable.row([label] + headers))
            out.append(MarkdownTable.separator(5, numericFrom: 1))
            out += rangeRows(result, kind, f).map(MarkdownTable.row)
            out.append("")
        }
        out += ["## \(text.alternativesSectionTitle(within))", ""]
        if result.alternatives.isEmpty {
            out += [text.noAlternatives, ""]
        } else {
            out += [text.alternativesIntro, ""]
            for (index, alternative) in result.alternatives.enumerated() {
                out += ["### \(text.alternativeHeading(index + 1))", "", alternative.summary, ""]
                if !alternative.shifts.isEmpty {
                    out.append(MarkdownTable.row([text.theme, text.municipality, text.shiftColumn]))
                    out.append(MarkdownTable.separator(3, numericFrom: 2))
                    out += shiftRows(alternative, result, f).map(MarkdownTable.row)
                    out.append("")
                }
            }
        }
        out += [text.alternativesTimeLine(result), ""]
        out += ManifestSection.markdown(result.manifest, text)
        return out.joined(separator: "\n") + "\n"
    }

    public static func html(_ result: AlternativesResult, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        let within = withinText(result, f)
        let result = described(result, language: language)
        let title = text.alternativesTitle(result.scenario)
        var body: [String] = []
        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(HTMLReport.esc(text.alternativesKind))</p>"#)
        body.append("<h1>\(HTMLReport.esc(title))</h1>")
        body.append("</header>")

        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(HTMLReport.esc(text.summary))</h2>")
        body.append(#"<div class="tiles">"#)
        body.append(HTMLReport.tileBlock(text.valueAtOptimum, f.number(result.objective)))
        if let attainment = result.attainment { body.append(HTMLReport.tileBlock(text.attainment, f.percent(attainment))) }
        body.append(HTMLReport.tileBlock(text.withinLabel, within))
        body.append(HTMLReport.tileBlock(text.alternativesCount, "\(result.alternatives.count)"))
        body.append("</div>")
        body.append(HTMLReport.list([text.modeLabelLine(result.mode), text.holdSentence(result.mode, within)]))
        body.append(#"<p class="solve-time">"#)
        body.append(HTMLReport.esc(text.alternativesTimeLine(result)))
        body.append("</p>")
        body.append("</section>")

        let municipalities = result.ranges.filter { $0.kind == .municipality }
        body.append(#"<section id="ranges" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.municipalityRangesTitle))</h2>")
        body.append(HTMLReport.paragraph(text.rangesIntro))
        if !municipalities.isEmpty {
            let chart = SVGCharts.rangeBars(
                id: "range-chart",
                text: SVGCharts.Text(title: text.rangeChartTitle(within), valueAxis: text.hoursPerYearAxis, categoryAxis: text.municipality),
                categories: municipalities.map { result.names[$0.id] ?? $0.id }, lows: municipalities.map(\.minHours),
                highs: municipalities.map(\.maxHours), marks: municipalities.map(\.optimumHours), format: f,
                rangeLabel: text.rangeLegend, markLabel: text.optimumLegend)
            body.append(HTMLReport.figureBlock(chart))
        }
        let headers = [text.leastHours, text.optimumHours, text.mostHours, text.roomHours]
        body += HTMLReport.table(headers: [text.municipality] + headers, numeric: Set(1...4), rows: rangeRows(result, .municipality, f))
        body.append("<h2>\(HTMLReport.esc(text.themeRangesTitle))</h2>")
        body += HTMLReport.table(headers: [text.theme] + headers, numeric: Set(1...4), rows: rangeRows(result, .theme, f))
        body.append("</section>")

        body.append(#"<section id="alternatives" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.alternativesSectionTitle(within)))</h2>")
        if result.alternatives.isEmpty {
            body.append(HTMLReport.paragraph(text.noAlternatives))
        } else {
            body.append(HTMLReport.paragraph(text.alternativesIntro))
            for (index, alternative) in result.alternatives.enumerated() {
                body.append("<h3>\(HTMLReport.esc(text.alternativeHeading(index + 1)))</h3>")
                body.append(HTMLReport.paragraph(alternative.summary))
                if !alternative.shifts.isEmpty {
                    body += HTMLReport.table(headers: [text.theme, text.municipality, text.shiftColumn], numeric: [2],
                                             rows: shiftRows(alternative, result, f))
                }
            }
        }
        body.append("</section>")
        body += ManifestSection.html(result.manifest, text)
        return HTMLReport.page(title: title, language: language, body: body)
    }
}

import CapacityAllocation

/// The report for the triangle as one self-contained HTML file: inline CSS and SVG, no scripts,
/// no fonts or images from elsewhere, readable on screen and printed on A4. A one-page summary
/// first (what we can do, what we give up, what one more FTE or a 10% cut would mean), then the
/// charts, the "why" sentences, the promises, the FTE values, the mode sections, the tables and
/// the provenance. Every word comes from Phrases; every number from the AllocationResult.
public enum HTMLReport {
    /// `pages` and `map` add the page per municipality and the choropleth (MunicipalityReport);
    /// `maps`, the further maps beside it (`MunicipalityMap.solveMaps`, MapReport).
    public static func render(_ result: AllocationResult, language: Language, pages: [MunicipalityPage] = [],
                              map: MunicipalityMap? = nil, maps: [MunicipalityMap] = []) -> String {
        let text = Phrases(language)
        let f = text.format
        var body: [String] = []

        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(esc(text.reportKind))</p>"#)
        body.append("<h1>\(esc(result.scenario))</h1>")
        if let description = result.description, !description.isEmpty {
            body.append(#"<p class="description">\#(esc(description))</p>"#)
        }
        body.append("</header>")

        // The one-page summary.
        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(esc(text.summary))</h2>")
        body.append(#"<div class="tiles">"#)
        body.append(tile(text.keyCapacity, "\(f.hours(result.capacity)) \(text.hoursUnit)"))
        if result.objective != nil {
            body.append(tile(text.keyAllocated, "\(f.hours(result.allocated)) \(text.hoursUnit)"))
        }
        body.append(tile(text.keyReserve, "\(f.hours(result.reserve)) \(text.hoursUnit)"))
        if let attainment = result.attainment, result.objective != nil {
            body.append(tile(text.keyAttainment, f.percent(attainment)))
        }
        body.append("</div>")
        if result.objective != nil { body.append("<h3>\(esc(text.canDoTitle))</h3>") }
        var canDo = [text.statusLine(result), text.capacityLine(result)]
        if result.objective != nil { canDo.append(text.attainmentLine(result)) }
        canDo += result.warnings.map { "⚠ " + $0 }
        if let choice = result.choice {
            canDo.append(text.choiceSentence(stable: choice.stable, hoursMoved: choice.hoursMoved,
                                             reference: choice.reference, kind: choice.kind))
        }
        if let gap = result.gap, result.status == .timeLimit, let bound = result.bestBound {
            canDo.append(text.bestBoundLine(bound, gap))
        }
        body.append(list(canDo))
        if result.objective != nil {
            body.append("<h3>\(esc(text.giveUpTitle))</h3>")
            if result.shortfalls.isEmpty {
                body.append(paragraph(text.noShortfall))
            } else {
                body.append(paragraph(text.uncoveredLine(result.shortfalls.count, result.shortfallsWithoutHours)))
                for line in text.choiceLines(result) { body.append(paragraph(line)) }
                let largest = result.priorityShortfallsByLoss.prefix(3)
                if !largest.isEmpty {
                    body.append(paragraph(text.largestShortfallsIntro))
                    body.append(list(largest.map { text.shortfallSummary($0, result) }))
                }
            }
            let margins = text.marginLines(result)
            if !margins.isEmpty {
                body.append("<h3>\(esc(text.marginTitle))</h3>")
                body.append(list(margins))
            }
        }
        // On a line of its own, so tests can recognise (and ignore) the time it took.
        body.append(#"<p class="solve-time">"#)
        body.append(esc(text.solveTimeLine(result.solveSeconds, method: result.method)))
        body.append("</p>")
        body.append("</section>")

        if let map { body += MapReport.solveSection(map, maps, result, text) }

        if result.diagnosis != nil, result.status == .infeasible {
            body.append(#"<section id="diagnosis" class="page">"#)
            body.append("<h2>\(esc(text.diagnosisTitle))</h2>")
            body.append(paragraph(text.diagnosisIntro))
            body.append(list(text.diagnosisSentences(result)))
            if let relief = result.reserveRelief, !relief.isEmpty {
                body.append(paragraph(text.reliefSentence(relief, result)))
            } else if result.pools.contains(where: { $0.reserve > 0 }) {
                body.append(paragraph(text.noReliefSentence))
            }
            body.append(paragraph(text.noAllocationNote))
            body.append("</section>")
        }

        if result.objective != nil {
            body.append(#"<section id="charts" class="page">"#)
            body.append("<h2>\(esc(text.chartsTitle))</h2>")
            body.append(paragraph(text.detailsIntro))
            body.append(paragraph(text.chartNote, class: "note"))
            body.append(figure(hoursChart(result, text)))
            body.append(figure(poolChart(result, text)))
            body.append(figure(coverageChart(result, text)))
            body.append(figure(hourValueChart(result, text)))
            body.append("</section>")

            body.append(#"<section id="why" class="page">"#)
            body.append("<h2>\(esc(text.shortfallTitle))</h2>")
            body += shortfallPart(result, text)
            body.append("</section>")

            body += MunicipalityReport.htmlSection(pages, result, text)

            // For analysts: the marginal values, after everything a council member reads.
            body.append(#"<section id="analyst" class="page">"#)
            body.append("<h2>\(esc(text.analystTitle))</h2>")
            body.append(paragraph(text.analystIntro))
            body.append(paragraph(text.valueLine(result)))
            body.append("</section>")

            body.append(#"<section id="promises">"#)
            body.append("<h3>\(esc(text.promisesTitle))</h3>")
            let promises = text.promiseSentences(result) + result.valuedReserves.map(text.reserveSentence)
            body.append(promises.isEmpty ? paragraph(text.noPromise) : list(promises))
            body.append("</section>")

            body.append(#"<section id="fte">"#)
            body.append("<h3>\(esc(text.fteTitle))</h3>")
            body.append(list(result.pools.map(text.fteSentence)))
            body.append("</section>")

            let valueRows = result.shortfallsByLoss.prefix(15).compactMap { text.shortfallValuesRow($0, result) }
            if !valueRows.isEmpty {
                body.append(#"<section id="shortfall-values">"#)
                body.append("<h3>\(esc(text.shortfallValuesTitle))</h3>")
                body.append(paragraph(text.shortfallValuesIntro))
                body += table(headers: [text.theme, text.municipality, text.pool, text.valueHereLabel, text.valueElsewhereLabel,
                                        text.weightIncreaseLabel, text.nextPartLabel], numeric: [3, 4, 5, 6], rows: valueRows)
                body.append("</section>")
            }

            body += modeSections(result, text)

            body.append(#"<section id="tables" class="page">"#)
            body.append("<h2>\(esc(text.tablesTitle))</h2>")
            body += allocationTable(result, text)
            body += coverageTable(result, text)
            body += municipalityTable(result, text)
            body += poolTable(result, text)
            body.append("</section>")
        } else {
            body.append(#"<section id="tables">"#)
            body += capacityTable(result, text)
            body.append("</section>")
        }

        body += ManifestSection.html(result.manifest, text)

        return page(title: result.scenario, language: language, body: body)
    }

    // MARK: Page

    /// A whole HTML document around `body`, with the report stylesheet; for every report that
    /// writes HTML (solve, compare, sweep, evaluate).
    public static func page(title: String, language: Language, body: [String]) -> String {
        var out = ["<!DOCTYPE html>", #"<html lang="\#(language.rawValue)">"#, "<head>", #"<meta charset="utf-8">"#,
                   #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
                   "<title>\(esc(title))</title>", "<style>", stylesheet, "</style>", "</head>", "<body>", "<main>"]
        out += body
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Screen and A4 print: a calm page, tables that do not break mid-row, charts kept whole,
    /// each major section on a new printed page.
    public static let stylesheet = """
    :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d5d8dc; --accent: #154273; --paper: #ffffff; }
    * { box-sizing: border-box; }
    html { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
           color: var(--ink); line-height: 1.45; font-size: 15px; }
    body { margin: 0; background: #eef0f3; }
    main { max-width: 880px; margin: 0 auto; background: var(--paper); padding: 28px 40px 40px; }
    header.report { border-bottom: 4px solid var(--accent); margin-bottom: 12px; }
    .kind { margin: 0; color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .05em; }
    h1 { font-size: 1.55rem; margin: .2rem 0 .5rem; color: var(--accent); line-height: 1.2; overflow-wrap: anywhere; }
    h2 { font-size: 1.25rem; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin: 1.8rem 0 .6rem; }
    h3 { font-size: 1.02rem; margin: 1.1rem 0 .3rem; }
    p, li { overflow-wrap: anywhere; }
    .description { color: var(--muted); margin-top: 0; }
    .note, .solve-time { color: var(--muted); font-size: .85rem; }
    ul, ol { padding-left: 1.3rem; margin: .3rem 0 .6rem; }
    li { margin: .2rem 0; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: .6rem 0 .4rem; }
    .tile { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px; padding: 6px 10px; }
    .tile .label { display: block; font-size: .8rem; color: var(--muted); }
    .tile .figure { display: block; font-size: 1.25rem; font-weight: 600; white-space: nowrap; }
    figure { margin: 1.2rem 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
    svg.chart { display: block; width: 100%; height: auto; font-family: inherit; break-inside: avoid; }
    svg.chart text { fill: var(--ink); }
    svg.chart text.cell-label[fill="#FFFFFF"] { fill: #ffffff; }
    svg.chart text.tick { fill: var(--muted); }
    table { border-collapse: collapse; width: 100%; font-size: .82rem; margin: .4rem 0 1.2rem; }
    caption { text-align: left; font-weight: 600; padding: .3rem 0; }
    th, td { border-bottom: 1px solid #e3e5e8; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
    th { background: #f3f5f8; font-weight: 600; }
    td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
    th.num { white-space: normal; }
    tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
    tr { break-inside: avoid; page-break-inside: avoid; }
    thead { display: table-header-group; }
    code { font-size: .85em; overflow-wrap: anywhere; }
    @page { size: A4; margin: 16mm 14mm; }
    @media print {
      html { font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .tiles { grid-template-columns: repeat(4, 1fr); }
      body { background: #ffffff; }
      main { max-width: none; padding: 0; }
      section.page { break-before: page; page-break-before: always; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      li, .tile { break-inside: avoid; }
      .note { display: none; }
    }
    """

    // MARK: Charts

    static func hoursChart(_ result: AllocationResult, _ text: Phrases) -> String {
        let hours = result.hoursMatrix
        let series = result.themes.enumerated().compactMap { index, theme -> SVGCharts.Series? in
            let values = result.municipalities.map { hours.hours(theme: theme.id, municipality: $0.id) }
            guard values.contains(where: { $0 > 0.5 }) else { return nil }
            return SVGCharts.Series(name: theme.name, values: values, colour: SVGCharts.categoricalColour(index))
        }
        return SVGCharts.stackedBars(
            id: "chart-hours", text: .init(title: text.hoursChartTitle, valueAxis: text.hoursAxis, categoryAxis: text.municipality),
            categories: result.municipalities.map(\.name), series: series, format: text.format)
    }

    static func poolChart(_ result: AllocationResult, _ text: Phrases) -> String {
        let pools = result.pools
        return SVGCharts.stackedBars(
            id: "chart-pools", text: .init(title: text.poolChartTitle, valueAxis: text.hoursAxis, categoryAxis: text.pool),
            categories: pools.map(\.name),
            series: [SVGCharts.Series(name: text.allocated, values: pools.map(\.allocated), colour: "#332288"),
                     SVGCharts.Series(name: text.reserve, values: pools.map(\.reserve), colour: "#DDAA33"),
                     SVGCharts.Series(name: text.unused, values: pools.map(\.unused), colour: "#BBBBBB")],
            format: text.format)
    }

    static func coverageChart(_ result: AllocationResult, _ text: Phrases) -> String {
        var share: [String: Double] = [:]
        for line in result.coverage where line.need > 0 { share["\(line.theme)|\(line.municipality)"] = line.share }
        let themes = result.themes.filter { $0.need > 0 }
        return SVGCharts.coverageGrid(
            id: "chart-coverage", text: .init(title: text.coverageChartTitle, valueAxis: text.municipality, categoryAxis: text.theme),
            rows: themes.map(\.name), columns: result.municipalities.map(\.name),
            shares: themes.map { theme in result.municipalities.map { share["\(theme.id)|\($0.id)"] } },
            format: text.format, legendTitle: text.coverageLegend, noValueLabel: text.noNeed)
    }

    static func hourValueChart(_ result: AllocationResult, _ text: Phrases) -> String {
        SVGCharts.stackedBars(
            id: "chart-hour-value", text: .init(title: text.hourValueChartTitle, valueAxis: text.hourValueAxis, categoryAxis: text.pool),
            categories: result.pools.map(\.name),
            series: [SVGCharts.Series(name: text.hourValueSeries, values: result.pools.map(\.hourValue), colour: "#117733")],
            format: text.format, valueLabel: { text.format.rate($0) })
    }

    // MARK: Sections

    private static func shortfallPart(_ result: AllocationResult, _ text: Phrases) -> [String] {
        guard !result.shortfalls.isEmpty else { return [paragraph(text.noShortfall)] }
        let f = text.format
        let ordered = result.shortfallsByLoss
        let shown = 15
        var out = [paragraph(text.effectiveHoursNote + " " + text.shortfallIntro), list(ordered.prefix(shown).map { text.shortfallSentence($0, result) })]
        let rest = ordered.dropFirst(shown)
        if !rest.isEmpty {
            out.append(paragraph(text.shortfallRest(rest.count)))
            out += table(headers: [text.theme, text.municipality, text.share, text.reason], numeric: [2],
                         rows: rest.map { item in
                             [result.name(item.theme), result.name(item.municipality),
                              f.percent(item.share, decimals: 0), text.shortReason(item, result)]
                         })
        }
        return out
    }

    private static func modeSections(_ result: AllocationResult, _ text: Phrases) -> [String] {
        var out: [String] = []
        if let stages = result.stages, !stages.isEmpty {
            out += [#"<section id="stages">"#, "<h2>\(esc(text.stagesTitle))</h2>", "<ol>"]
            out += stages.map { "<li>\(inline(text.stageSentence($0)))</li>" }
            out += ["</ol>", "</section>"]
        }
        if let minimum = result.minAttainment {
            out += [#"<section id="fairness">"#, "<h2>\(esc(text.fairnessTitle))</h2>", paragraph(text.fairnessSentence(minimum)), "</section>"]
        }
        if let selected = result.selected {
            out += [#"<section id="selection">"#, "<h2>\(esc(text.selectionTitle))</h2>",
                    list(selected.map { text.selectionSentence($0, result) }), "</section>"]
        }
        return out
    }

    // MARK: Tables

    private static func allocationTable(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        let hours = result.hoursMatrix
        let municipalities = result.municipalities
        if municipalities.count <= 6 {
            var rows = result.themes.map { theme -> [String] in
                let values = municipalities.map { hours.hours(theme: theme.id, municipality: $0.id) }
                return [theme.name] + values.map { $0 > 0.5 ? f.hours($0) : "–" } + [f.hours(values.reduce(0, +))]
            }
            let totals = municipalities.map(\.hours)
            rows.append([text.total] + totals.map { f.hours($0) } + [f.hours(totals.reduce(0, +))])
            return table(caption: text.allocationTitle, headers: [text.theme] + municipalities.map(\.name) + [text.total],
                         numeric: Set(1...(municipalities.count + 1)), rows: rows, totalRow: true)
        }
        var rows: [[String]] = []
        for theme in result.themes {
            for municipality in municipalities {
                let value = hours.hours(theme: theme.id, municipality: municipality.id)
                if value > 0.5 { rows.append([theme.name, municipality.name, f.hours(value)]) }
            }
        }
        return table(caption: text.allocationTitle, headers: [text.theme, text.municipality, text.hoursLabel], numeric: [2], rows: rows)
    }

    private static func coverageTable(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        let rows = result.themes.filter { $0.need > 0 }.map { theme in
            [theme.core ? "\(theme.name) (\(text.coreTaskMark))" : theme.name, text.levelText(theme.level), f.hours(theme.need),
             f.hours(theme.covered), f.percent(theme.share, decimals: 0), f.hours(theme.hours), text.weightWithRange(theme)]
        }
        var out = table(caption: text.coverageTitle,
                        headers: [text.theme, text.level, text.need, text.covered, text.share, text.hoursLabel, text.weightLabel],
                        numeric: [2, 3, 4, 5, 6], rows: rows)
        if result.themes.contains(where: { $0.weightRange != nil }) { out.append(paragraph(text.weightRangeNote, class: "note")) }
        return out
    }

    private static func municipalityTable(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        return table(caption: text.municipalitiesTitle,
                     headers: [text.municipality, text.hoursLabel, text.value, text.ideal, text.attainment], numeric: [1, 2, 3, 4],
                     rows: result.municipalities.map {
                         [$0.name, f.hours($0.hours), f.number($0.value), f.number($0.ideal), f.percent($0.attainment)]
                     })
    }

    private static func poolTable(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        return table(caption: text.poolsTitle,
                     headers: [text.pool, text.kind, text.capacity, text.allocated, text.reserve, text.unused, text.mutualAid,
                               text.hourValue, text.fteValue],
                     numeric: Set(2...8),
                     rows: result.pools.map {
                         [$0.name, text.kindName($0.kind), f.hours($0.capacity), f.hours($0.allocated), f.hours($0.reserve), f.hours($0.unused),
                          f.hours($0.mutualAid), f.rate($0.hourValue), f.number($0.fteValue)]
                     })
    }

    /// Without an allocation only what each pool has: allocated hours and values would all be 0.
    private static func capacityTable(_ result: AllocationResult, _ text: Phrases) -> [String] {
        let f = text.format
        return table(caption: text.poolsTitle, headers: [text.pool, text.kind, text.capacity, text.reserve], numeric: [2, 3],
                     rows: result.pools.map { [$0.name, text.kindName($0.kind), f.hours($0.capacity), f.hours($0.reserve)] })
    }

    // MARK: HTML helpers

    static func esc(_ text: String) -> String { SVGCharts.escape(text) }

    /// Escapes a sentence from Phrases and turns its Markdown emphasis (**…**) into <strong>.
    static func inline(_ text: String) -> String {
        let parts = esc(text).components(separatedBy: "**")
        guard parts.count >= 3, parts.count % 2 == 1 else { return esc(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<strong>\($0.element)</strong>" : $0.element }.joined()
    }

    static func paragraph(_ text: String, class name: String? = nil) -> String {
        name.map { #"<p class="\#($0)">\#(inline(text))</p>"# } ?? "<p>\(inline(text))</p>"
    }

    static func list(_ items: [String]) -> String {
        (["<ul>"] + items.map { "<li>\(inline($0))</li>" } + ["</ul>"]).joined(separator: "\n")
    }

    private static func tile(_ label: String, _ figure: String) -> String {
        #"<div class="tile"><span class="label">\#(esc(label))</span><span class="figure">\#(esc(figure))</span></div>"#
    }

    private static func figure(_ svg: String) -> String {
        "<figure>\n\(svg)\n</figure>"
    }

    /// A table whose header repeats on every printed page and whose rows never break.
    static func table(caption: String? = nil, headers: [String], numeric: Set<Int>, rows: [[String]], totalRow: Bool = false) -> [String] {
        var out = ["<table>"]
        if let caption { out.append("<caption>\(esc(caption))</caption>") }
        out.append("<thead><tr>" + headers.enumerated().map { numeric.contains($0.offset) ? #"<th class="num">\#(esc($0.element))</th>"# : "<th>\(esc($0.element))</th>" }.joined() + "</tr></thead>")
        out.append("<tbody>")
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { numeric.contains($0.offset) ? #"<td class="num">\#(esc($0.element))</td>"# : "<td>\(esc($0.element))</td>" }.joined()
            out.append((totalRow && index == rows.count - 1 ? #"<tr class="total">"# : "<tr>") + cells + "</tr>")
        }
        out += ["</tbody>", "</table>"]
        return out
    }
}

import CapacityAllocation

/// `ivp compare` as one self-contained HTML file (like the solve report: inline CSS and SVG, no
/// scripts, A4 print): the scenarios side by side, the one sentence per variant a mayor reads
/// first, then per variant the shift in hours per theme and per municipality as diverging bars
/// (largest first), what differs in the input, the promises that bind differently and the hour
/// values. Every word comes from Phrases; every number from the ComparisonResult.
public enum CompareHTMLReport {
    /// Shifts drawn per chart; the tables give the rest.
    static let chartLimit = 15

    /// `maps`: per what-if, in the order of `differences`, its map of the change in hours (MapReport).
    public static func render(_ comparison: ComparisonResult, language: Language, maps: [MunicipalityMap?] = []) -> String {
        let text = Phrases(language)
        let f = text.format
        func name(_ id: String) -> String { comparison.names[id] ?? id }
        let baseName = comparison.scenarios.first?.name ?? comparison.base
        var body: [String] = []

        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(HTMLReport.esc(text.compareKind))</p>"#)
        body.append("<h1>\(HTMLReport.esc(text.compareTitle(baseName)))</h1>")
        body.append("</header>")

        // Summary: the scenarios side by side, then one sentence per variant.
        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(HTMLReport.esc(text.compareScenariosTitle))</h2>")
        body.append(HTMLReport.paragraph(text.compareScenariosIntro, class: "note"))
        let rows = comparison.scenarios.enumerated().map { index, summary -> [String] in
            [index == 0 ? "\(summary.name) (\(text.baseMark))" : summary.name, summary.scenario, text.shortStatus(summary.status),
             summary.objective.map { f.number($0) } ?? "–", summary.objectiveChange.map { CompareReport.signed(f, $0) } ?? "–",
             summary.attainment.map { f.percent($0) } ?? "–", summary.attainmentChange.map { CompareReport.signedPoints(f, $0) } ?? "–"]
        }
        body += HTMLReport.table(headers: [text.scenarioLabel, text.fileLabel, text.statusLabel, text.value, text.changeLabel,
                                           text.attainment, text.changeLabel],
                                 numeric: [3, 4, 5, 6], rows: rows, codeColumns: [1])
        if !comparison.differences.isEmpty {
            body.append("<h3>\(HTMLReport.esc(text.compareHeadlinesTitle))</h3>")
            body.append("<ul>")
            for difference in comparison.differences {
                let title = comparison.scenarios.first { $0.scenario == difference.scenario }?.name ?? difference.scenario
                body.append("<li><strong>\(HTMLReport.esc(title))</strong>: \(HTMLReport.rich(text.compareHeadline(difference, names: comparison.names)))</li>")
            }
            body.append("</ul>")
        }
        body.append("</section>")

        for (index, difference) in comparison.differences.enumerated() {
            let summary = comparison.scenarios.first { $0.scenario == difference.scenario }
            body += variantSection(difference, number: index + 1, title: summary?.name ?? difference.scenario,
                                   hoursMoved: summary?.hoursMoved, stable: comparison.stable, base: comparison.base,
                                   names: comparison.names, text: text, map: index < maps.count ? maps[index] : nil, baseName: baseName)
        }

        body += ManifestSection.html(comparison.manifest, text)
        return HTMLReport.page(title: text.compareTitle(baseName), language: language, body: body, extraStyle: HTMLReport.tradeOffStyle)
    }

    /// One variant of a comparison: its headline, the stable choice's distance, the shifts (charts
    /// and tables), the largest cell shifts, the input changes, the promises and hour values that
    /// change. Also the "what changed against the plan" of the live page (`ivp serve`).
    static func variantSection(_ difference: ScenarioDifference, number: Int, title: String, hoursMoved: Double?, stable: Bool,
                               base: String, names: [String: String], text: Phrases, map: MunicipalityMap? = nil,
                               baseName: String = "") -> [String] {
        let f = text.format
        func name(_ id: String) -> String { names[id] ?? id }
        var body: [String] = []
        body.append(#"<section id="variant-\#(number)" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(title))</h2>")
        body.append(#"<p class="note"><code>\#(HTMLReport.esc(difference.scenario))</code></p>"#)
        body.append(#"<p class="headline">\#(HTMLReport.rich(text.compareHeadline(difference, names: names)))</p>"#)
        if let moved = hoursMoved {
            body.append(HTMLReport.paragraph(text.choiceSentence(stable: stable, hoursMoved: moved,
                                                                 reference: base, kind: .base), class: "note"))
        }
        if let map { body += MapReport.changeFigure(map, baseName: baseName, number: number, text) }

        // The shifts: a chart each for themes and municipalities, then the tables.
        for (kind, shifts, chartTitle, axis) in [
            ("themes", difference.themes, text.shiftThemesChartTitle, text.theme),
            ("municipalities", difference.municipalities, text.shiftMunicipalitiesChartTitle, text.municipality),
        ] where !shifts.isEmpty {
            let shown = shifts.prefix(chartLimit)
            body.append(HTMLReport.figureBlock(SVGCharts.divergingBars(
                id: "chart-shift-\(kind)-\(number)",
                text: .init(title: chartTitle, valueAxis: text.shiftAxis, categoryAxis: axis),
                categories: shown.map { name($0.id) }, values: shown.map(\.change), format: f,
                decreaseLabel: text.fewerHours, increaseLabel: text.moreHours, valueLabel: { f.hours($0) })))
            if shifts.count > shown.count { body.append(HTMLReport.paragraph(text.shiftChartRest(shifts.count - shown.count), class: "note")) }
        }
        for (title, dimension, shifts) in [(text.shiftThemesTitle, text.theme, difference.themes),
                                           (text.shiftMunicipalitiesTitle, text.municipality, difference.municipalities),
                                           (text.shiftPoolsTitle, text.pool, difference.pools)] {
            if shifts.isEmpty {
                body.append("<h3>\(HTMLReport.esc(title))</h3>")
                body.append(HTMLReport.paragraph(text.noShift))
                continue
            }
            body += HTMLReport.table(caption: title, headers: [dimension, text.baseColumn, text.otherColumn, text.changeLabel], numeric: [1, 2, 3],
                                     rows: shifts.map { [name($0.id), f.hours($0.base), f.hours($0.other), CompareReport.signed(f, $0.change)] },
                                     codeColumns: [], class: "shifts")
        }
        if !difference.cells.isEmpty {
            body.append("<h3>\(HTMLReport.esc(text.largestShiftsTitle))</h3>")
            body.append(HTMLReport.list(difference.cells.prefix(12).map { text.cellShiftSentence($0, names: names) }))
        }

        body.append("<h3>\(HTMLReport.esc(text.inputChangesTitle))</h3>")
        if difference.inputChanges.isEmpty {
            body.append(HTMLReport.paragraph(text.noInputChanges))
        } else {
            var changes = difference.inputChanges.prefix(40).map { change in
                [change.path, change.base ?? text.absent, change.other ?? text.absent]
            }
            if difference.inputChanges.count > 40 { changes.append(["…", text.andMore(difference.inputChanges.count - 40), ""]) }
            body += HTMLReport.table(headers: ["", text.baseColumn, text.otherColumn], numeric: [], rows: changes, codeColumns: [0],
                                     class: "changes")
        }

        if !difference.bindingOnlyInBase.isEmpty || !difference.bindingOnlyInOther.isEmpty {
            body.append("<h3>\(HTMLReport.esc(text.promisesChangeTitle))</h3>")
            body.append(HTMLReport.list(
                difference.bindingOnlyInOther.map { "**\(text.bindsOnlyInOther):** " + text.promiseSentence($0, names: names) }
                    + difference.bindingOnlyInBase.map { "**\(text.bindsOnlyInBase):** " + text.promiseSentence($0, names: names) }))
        }
        if !difference.hourValues.isEmpty {
            body += HTMLReport.table(caption: text.hourValueChangeTitle, headers: [text.pool, text.baseColumn, text.otherColumn, text.changeLabel],
                                     numeric: [1, 2, 3],
                                     rows: difference.hourValues.map {
                                         [name($0.id), f.rate($0.base), f.rate($0.other), ($0.change > 0 ? "+" : "") + f.rate($0.change)]
                                     },
                                     codeColumns: [], class: "shifts")
        }
        body.append("</section>")
        return body
    }
}

// MARK: Pieces shared by the compare, sweep and evaluate HTML reports

extension HTMLReport {
    /// A little more style for the trade-off reports: the headline sentence, tables of input
    /// changes with long values, wide tables of points.
    static let tradeOffStyle = """
    p.headline { font-size: 1.02rem; border-left: 4px solid var(--accent); padding: 4px 10px; background: #f6f8fb; }
    table.changes td { overflow-wrap: anywhere; }
    table.changes td:first-child { width: 32%; }
    table.shifts td:first-child { width: 55%; }
    td code { font-size: .95em; }
    """

    /// `page` with extra style rules after the report stylesheet.
    static func page(title: String, language: Language, body: [String], extraStyle: String) -> String {
        page(title: title, language: language, body: body)
            .replacingOccurrences(of: "\n</style>\n", with: "\n\(extraStyle)\n</style>\n")
    }

    /// A sentence from Phrases with `code` (backticks) and **emphasis**, escaped.
    static func rich(_ text: String) -> String {
        let parts = text.components(separatedBy: "`")
        guard parts.count >= 3, parts.count % 2 == 1 else { return inline(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\(esc($0.element))</code>" : inline($0.element) }.joined()
    }

    static func figureBlock(_ svg: String) -> String { "<figure>\n\(svg)\n</figure>" }

    static func tileBlock(_ label: String, _ figure: String) -> String {
        #"<div class="tile"><span class="label">\#(esc(label))</span><span class="figure">\#(esc(figure))</span></div>"#
    }

    /// `table`, with some columns as code (file names, paths) and an optional class.
    static func table(caption: String? = nil, headers: [String], numeric: Set<Int>, rows: [[String]], codeColumns: Set<Int>,
                      class name: String? = nil) -> [String] {
        var out = [name.map { #"<table class="\#($0)">"# } ?? "<table>"]
        if let caption { out.append("<caption>\(esc(caption))</caption>") }
        out.append("<thead><tr>" + headers.enumerated().map { numeric.contains($0.offset) ? #"<th class="num">\#(esc($0.element))</th>"# : "<th>\(esc($0.element))</th>" }.joined() + "</tr></thead>")
        out.append("<tbody>")
        for row in rows {
            out.append("<tr>" + row.enumerated().map { column, value in
                let content = codeColumns.contains(column) && !value.isEmpty ? "<code>\(esc(value))</code>" : esc(value)
                return numeric.contains(column) ? #"<td class="num">\#(content)</td>"# : "<td>\(content)</td>"
            }.joined() + "</tr>")
        }
        out += ["</tbody>", "</table>"]
        return out
    }
}

import CapacityAllocation

/// `ivp risk` as one self-contained HTML file: the summary in tiles, a chart of the value's spread
/// against the plan, charts of the municipalities and themes that carry the risk (expected
/// shortfall, and their value from P10 to P90 with the plan marked), the hours each pool adds and
/// cuts, and the tables of the Markdown report. Every number comes from the RiskResult.
public enum RiskHTMLReport {
    /// Bars per chart.
    static let chartLimit = 12

    public static func render(_ result: RiskResult, language: Language) -> String {
        let text = RiskPhrases(language)
        let f = text.format
        let title = text.title(result.scenario)
        var body: [String] = []
        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(HTMLReport.esc(text.kind))</p>"#)
        body.append("<h1>\(HTMLReport.esc(title))</h1>")
        body.append("</header>")

        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(HTMLReport.esc(text.summaryTitle))</h2>")
        body.append(#"<div class="tiles">"#)
        body.append(HTMLReport.tileBlock(text.tileSamples, "\(result.samples)"))
        body.append(HTMLReport.tileBlock(text.tileMeanValue, f.number(result.objective.mean)))
        body.append(HTMLReport.tileBlock(text.tileP10Value, f.number(result.objective.p10)))
        body.append(HTMLReport.tileBlock(text.tileAllHeld, f.percent(result.probabilityAllHeld)))
        body.append("</div>")
        body.append(HTMLReport.list(RiskReport.summaryLines(result, text)))
        body.append(HTMLReport.paragraph(text.recourseLine))
        body.append("</section>")

        body.append(#"<section id="distribution" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.distributionTitle))</h2>")
        body.append(HTMLReport.figureBlock(SVGCharts.rangeBars(
            id: "chart-risk-value", text: .init(title: text.valueChartTitle, valueAxis: text.valueAxis, categoryAxis: ""),
            categories: [text.value], lows: [result.objective.p10], highs: [result.objective.p90], marks: [result.planObjective],
            format: f, rangeLabel: text.p10ToP90, markLabel: text.planMark, zoomed: true)))
        let rows = RiskReport.distributionRows(result, text)
        body += HTMLReport.table(headers: rows[0], numeric: [1, 2, 3, 4], rows: Array(rows.dropFirst()))
        body.append(HTMLReport.paragraph(text.quantileNote(result.samples)))
        body.append("</section>")

        body.append(#"<section id="promises">"#)
        body.append("<h2>\(HTMLReport.esc(text.promisesTitle))</h2>")
        if result.promises.isEmpty {
            body.append(HTMLReport.paragraph(text.noPromises))
        } else {
            body += HTMLReport.table(headers: [text.promise, text.probabilityHeld, text.expectedShortfall, text.p90Shortfall],
                                     numeric: [1, 2, 3],
                                     rows: result.promises.prefix(RiskReport.promiseLimit).map { RiskReport.promiseRow($0, result, text) })
            if result.promises.count > RiskReport.promiseLimit {
                body.append(HTMLReport.paragraph(text.promisesShown(RiskReport.promiseLimit, of: result.promises.count)))
            }
        }
        body.append("</section>")

        body.append(#"<section id="carriers" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.carriersTitle))</h2>")
        body.append(HTMLReport.paragraph(text.carriersIntro))
        let charted: [(String, String, String, String, [RiskEntity])] = [
            ("municipalities", text.municipality, text.municipalityChartTitle, text.municipalityLossTitle, result.municipalities),
            ("themes", text.theme, text.themeChartTitle, text.themeLossTitle, result.themes),
        ]
        for (id, heading, shortfallTitle, valueTitle, entities) in charted {
            let short = entities.filter { $0.expectedShortfallHours > 0 }.prefix(chartLimit)
            if !short.isEmpty {
                body.append(HTMLReport.figureBlock(SVGCharts.stackedBars(
                    id: "chart-risk-\(id)-shortfall", text: .init(title: shortfallTitle, valueAxis: text.hoursAxis, categoryAxis: heading),
                    categories: short.map { result.name($0.id) },
                    series: [SVGCharts.Series(name: text.expectedShortfall, values: short.map(\.expectedShortfallHours),
                                              colour: SVGCharts.decrease)],
                    format: f, valueLabel: { f.number($0, decimals: 1) })))
            }
            let shown = entities.prefix(chartLimit)
            if !shown.isEmpty {
                body.append(HTMLReport.figureBlock(SVGCharts.rangeBars(
                    id: "chart-risk-\(id)-value", text: .init(title: valueTitle, valueAxis: text.valueAxis, categoryAxis: heading),
                    categories: shown.map { result.name($0.id) }, lows: shown.map(\.value.p10), highs: shown.map(\.value.p90),
                    marks: shown.map(\.planValue), format: f, rangeLabel: text.p10ToP90, markLabel: text.planMark)))
            }
            body += HTMLReport.table(headers: RiskReport.entityHeaders(heading, text), numeric: [1, 2, 3, 4, 5],
                                     rows: entities.prefix(RiskReport.entityLimit).map { RiskReport.entityRow($0, result, text) })
        }
        body.append("</section>")

        body.append(#"<section id="pools" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.poolsTitle))</h2>")
        if result.pools.contains(where: { $0.expectedAddedHours > 0 || $0.expectedTakenHours > 0 }) {
            body.append(HTMLReport.figureBlock(SVGCharts.divergingBars(
                id: "chart-risk-pools", text: .init(title: text.poolChartTitle, valueAxis: text.hoursAxis, categoryAxis: text.pool),
                categories: result.pools.map { result.name($0.id) },
                values: result.pools.map { $0.expectedAddedHours - $0.expectedTakenHours }, format: f,
                decreaseLabel: text.taken, increaseLabel: text.added)))
        }
        body.append(HTMLReport.paragraph(text.poolsIntro))
        body += HTMLReport.table(headers: RiskReport.poolHeaders(text), numeric: Set(1..<RiskReport.poolHeaders(text).count),
                                 rows: result.pools.map { RiskReport.poolRow($0, result, text) })
        body.append("</section>")

        body.append(#"<section id="uncertainty">"#)
        body.append("<h2>\(HTMLReport.esc(text.uncertaintyTitle))</h2>")
        body += HTMLReport.table(headers: [text.parameter, text.distribution, text.group, text.range], numeric: [],
                                 rows: result.uncertainty.map { [$0.parameter, $0.distribution, $0.group ?? "–", text.rangeText($0)] },
                                 codeColumns: [0])
        body.append(HTMLReport.paragraph(text.penaltyLine(result)))
        body.append("</section>")

        body += ManifestSection.html(result.manifest, text.common)
        return HTMLReport.page(title: title, language: language, body: body, extraStyle: HTMLReport.tradeOffStyle)
    }
}

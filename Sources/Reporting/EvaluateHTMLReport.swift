import CapacityAllocation

/// `ivp evaluate` as one self-contained HTML file (like the solve report): the summary (value
/// against the optimum, the gap), the broken promises, the moves that gain most with a chart of
/// the gain per move, the value per municipality against the optimum, and the tables. Every word
/// comes from Phrases; every number from the EvaluationResult.
public enum EvaluateHTMLReport {
    /// `map`: the allocation's attainment against the optimum's per municipality (`MunicipalityMap.evaluation`, MapReport).
    public static func render(_ result: EvaluationResult, language: Language, map: MunicipalityMap? = nil) -> String {
        let text = Phrases(language)
        let f = text.format
        let title = text.evaluateTitle(result.scenario)
        var body: [String] = []

        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(HTMLReport.esc(text.evaluateKind))</p>"#)
        body.append("<h1>\(HTMLReport.esc(result.scenario))</h1>")
        body.append(#"<p class="description">\#(HTMLReport.rich(text.evaluateIntro(result.allocation)))</p>"#)
        body.append("</header>")

        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(HTMLReport.esc(text.summary))</h2>")
        body.append(#"<div class="tiles">"#)
        body.append(HTMLReport.tileBlock(text.keyValue, f.number(result.objective) + (result.attainment.map { " (\(f.percent($0)))" } ?? "")))
        if let optimum = result.optimum {
            body.append(HTMLReport.tileBlock(text.keyOptimum, f.number(optimum) + (result.optimumAttainment.map { " (\(f.percent($0)))" } ?? "")))
        }
        if let gap = result.gap {
            body.append(HTMLReport.tileBlock(text.keyGap, "\(text.evaluateAmount(gap)) \(text.valueHoursUnit)"))
        }
        body.append(HTMLReport.tileBlock(text.keyViolations, "\(result.violations.count)"))
        body.append("</div>")
        body.append(HTMLReport.list([text.evaluateFeasibleLine(result), text.evaluateHoursLine(result), text.evaluateValueLine(result),
                                     text.evaluateOptimumLine(result)]))
        body.append("</section>")

        body.append(#"<section id="violations">"#)
        body.append("<h2>\(HTMLReport.esc(text.violationsTitle))</h2>")
        body.append(result.violations.isEmpty ? HTMLReport.paragraph(text.noViolation)
                                              : HTMLReport.list(result.violations.map { text.violationSentence($0, result) }))
        body.append("</section>")

        body.append(#"<section id="moves">"#)
        body.append("<h2>\(HTMLReport.esc(text.movesTitle))</h2>")
        if result.moves.isEmpty {
            body.append(HTMLReport.paragraph(text.noMoves(result)))
        } else {
            body.append(HTMLReport.paragraph(text.movesIntro))
            body.append(HTMLReport.figureBlock(gainChart(result, text)))
            body.append("<ol>")
            body += result.moves.map { "<li>\(HTMLReport.rich(text.moveSentence($0, result)))</li>" }
            body.append("</ol>")
            body.append(HTMLReport.paragraph(text.movesTotal(result.movesGain, result)))
        }
        body.append("</section>")

        body.append(#"<section id="tables" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.municipalitiesTitle))</h2>")
        if let chart = municipalityChart(result, text) { body.append(HTMLReport.figureBlock(chart)) }
        if let map { body += MapReport.evaluateFigure(map, text) }
        body += HTMLReport.table(
            headers: [text.municipality, text.hoursLabel, text.value, text.ideal, text.attainment, text.optimumValueLabel, text.differenceLabel],
            numeric: Set(1...6),
            rows: result.municipalities.map { municipality in
                [municipality.name, f.hours(municipality.hours), f.number(municipality.value), f.number(municipality.ideal),
                 municipality.ideal > 0 ? f.percent(municipality.attainment) : "–",
                 municipality.optimum.map { f.number($0) } ?? "–",
                 municipality.optimum.map { signed(municipality.value - $0, f) } ?? "–"]
            })
        body += HTMLReport.table(
            caption: text.evaluatePoolsTitle,
            headers: [text.pool, text.allocatableLabel, text.allocated, text.mutualAid, text.optimumLabel],
            numeric: [1, 2, 3, 4],
            rows: result.pools.map { pool in
                [pool.name, f.hours(pool.allocatable), f.hours(pool.allocated), f.hours(pool.mutualAid), pool.optimum.map { f.hours($0) } ?? "–"]
            })
        body.append("</section>")

        body += ManifestSection.html(result.manifest, text)
        return HTMLReport.page(title: title, language: language, body: body, extraStyle: HTMLReport.tradeOffStyle)
    }

    /// The gain of each move, in the order they are to be done.
    static func gainChart(_ result: EvaluationResult, _ text: Phrases) -> String {
        SVGCharts.stackedBars(
            id: "chart-move-gains", text: .init(title: text.moveGainChartTitle, valueAxis: text.gainAxis, categoryAxis: text.moveAxis),
            categories: moveLabels(result, text),
            series: [SVGCharts.Series(name: text.gainSeries, values: result.moves.map(\.gain), colour: "#117733")],
            format: text.format, valueLabel: { "+" + text.evaluateAmount($0) })
    }

    /// The chart's labels, all in the most detailed form that fits every move on one line: "2.
    /// Hilversum: Drugshandel op straat → Veilig uitgaan" (with the municipality at each end when
    /// they differ; the pool's unused hours as a source), else without the municipality, else only
    /// where the hours go.
    static func moveLabels(_ result: EvaluationResult, _ text: Phrases) -> [String] {
        let forms = result.moves.enumerated().map { index, move -> [String] in
            let number = index + 1
            let to = result.name(move.to.theme), place = result.name(move.to.municipality)
            let source = move.from.map { result.name($0.theme) } ?? text.unusedHoursLabel
            let full = move.from.map { $0.municipality != move.to.municipality } == true
                ? "\(number). \(source), \(result.name(move.from!.municipality)) → \(to), \(place)"
                : "\(number). \(place): \(source) → \(to)"
            return [full, "\(number). \(source) → \(to)", "\(number). → \(to), \(place)"]
        }
        let level = (0..<2).first { level in forms.allSatisfy { SVGCharts.textWidth($0[level], size: 11) <= 280 } } ?? 2
        return forms.map { $0[level] }
    }

    /// Value per municipality minus its value in the optimum, largest difference first (every
    /// municipality, so the reader sees who is unchanged); none when there is no optimum or no
    /// municipality differs by half a value-hour.
    static func municipalityChart(_ result: EvaluationResult, _ text: Phrases) -> String? {
        let differences = result.municipalities.compactMap { municipality in
            // Less than half a value-hour is rounding: 0, not "+0".
            municipality.optimum.map { (name: municipality.name, change: abs(municipality.value - $0) < 0.5 ? 0 : municipality.value - $0) }
        }.enumerated().sorted { a, b in
            let x = abs(a.element.change).rounded(), y = abs(b.element.change).rounded()
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        guard differences.contains(where: { abs($0.change) >= 0.5 }) else { return nil }
        return SVGCharts.divergingBars(
            id: "chart-municipality-gap",
            text: .init(title: text.municipalityGapChartTitle, valueAxis: text.municipalityGapAxis, categoryAxis: text.municipality),
            categories: differences.map(\.name), values: differences.map(\.change), format: text.format,
            decreaseLabel: text.lessThanOptimum, increaseLabel: text.moreThanOptimum, valueLabel: { text.evaluateAmount($0) })
    }

    private static func signed(_ value: Double, _ f: NumberFormat) -> String {
        abs(value) < 0.5 ? "0" : (value > 0 ? "+" : "") + f.number(value)
    }
}

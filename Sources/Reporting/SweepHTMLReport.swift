import CapacityAllocation

/// `ivp sweep` as one self-contained HTML file (like the solve report): the trade-off curve (the
/// total value against the swept number) with its breakpoints marked, the value of one more hour
/// of the pools that change most across the sweep, the breakpoints in words and the tables.
/// Every word comes from Phrases; every number from the SweepResult.
public enum SweepHTMLReport {
    /// Pools drawn in the hour-value chart (those whose value changes most).
    static let poolLimit = 5
    /// Columns of the hour-value and coverage tables (points chosen across the sweep).
    static let columnLimit = 7

    /// `map`: the change in hours between the sweep's ends (`MunicipalityMap.sweepChange`, MapReport).
    public static func render(_ sweep: SweepResult, language: Language, map: MunicipalityMap? = nil) -> String {
        let text = Phrases(language)
        let f = text.format
        let title = text.sweepTitle(sweep.scenario, sweep.parameter)
        let feasible = sweep.points.filter { $0.status == .optimal && $0.objective != nil }
        var body: [String] = []

        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(HTMLReport.esc(text.sweepKind))</p>"#)
        body.append("<h1>\(HTMLReport.esc(title))</h1>")
        body.append("</header>")

        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(HTMLReport.esc(text.summary))</h2>")
        body.append(#"<div class="tiles">"#)
        body.append(HTMLReport.tileBlock(text.sweepFeasibleCount, text.sweepCountOf(feasible.count, sweep.points.count)))
        if let low = feasible.compactMap(\.objective).min(), let high = feasible.compactMap(\.objective).max() {
            body.append(HTMLReport.tileBlock(text.sweepHighestValue, f.number(high)))
            body.append(HTMLReport.tileBlock(text.sweepLowestValue, f.number(low)))
        }
        body.append(HTMLReport.tileBlock(text.sweepBreakpointCount, "\(sweep.breakpoints.count)"))
        body.append("</div>")
        var lines = [text.sweepSummary(sweep)]
        if let base = sweep.baseValue { lines.append(text.sweepBaseLine(sweep.parameter, f.compact(base))) }
        let infeasible = sweep.points.filter { $0.status != .optimal || $0.objective == nil }
        if !infeasible.isEmpty { lines.append(text.sweepInfeasibleLine(ranges(infeasible.map(\.parameter), in: sweep, f))) }
        body.append(HTMLReport.list(lines))
        // On a line of its own, so tests can recognise (and ignore) the time it took.
        body.append(#"<p class="solve-time">"#)
        body.append(HTMLReport.esc(text.solveTimeLine(sweep.seconds, method: text.sweepMethod(sweep))))
        body.append("</p>")
        body.append("</section>")

        if !feasible.isEmpty {
            body.append(#"<section id="charts" class="page">"#)
            body.append("<h2>\(HTMLReport.esc(text.sweepCurveTitle))</h2>")
            body.append(HTMLReport.figureBlock(valueChart(sweep, feasible, text)))
            if let chart = hourValueChart(sweep, feasible, text) { body.append(HTMLReport.figureBlock(chart)) }
            body.append("</section>")
        }
        body += MapReport.sweepSection(map, sweep, text)

        body.append(#"<section id="breakpoints">"#)
        body.append("<h2>\(HTMLReport.esc(text.breakpointsTitle))</h2>")
        if sweep.breakpoints.isEmpty {
            body.append(HTMLReport.paragraph(text.noBreakpoints))
        } else {
            body.append(HTMLReport.paragraph(text.breakpointsIntro))
            body.append(HTMLReport.list(sweep.breakpoints.map { text.breakpointSentence($0, sweep) }))
        }
        body.append("</section>")

        body.append(#"<section id="tables" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.tablesTitle))</h2>")
        body += pointsTable(sweep, text)
        let columns = chosenPoints(sweep)
        if !columns.isEmpty {
            let headers = [text.pool] + columns.map { f.compact(sweep.points[$0].parameter) }
            body += HTMLReport.table(caption: text.sweepColumnsCaption(text.sweepHourValuesTitle, sweep.parameter), headers: headers,
                                     numeric: Set(1...columns.count),
                                     rows: sweep.pools.map { pool in
                                         [sweep.names[pool] ?? pool] + columns.map { index in
                                             let point = sweep.points[index]
                                             return point.status == .optimal ? f.number(point.hourValues[pool] ?? 0, decimals: 3) : "–"
                                         }
                                     })
            body += HTMLReport.table(caption: text.sweepColumnsCaption(text.sweepCoverageTitle, sweep.parameter),
                                     headers: [text.theme] + headers.dropFirst(), numeric: Set(1...columns.count),
                                     rows: sweep.themes.map { theme in
                                         [sweep.names[theme] ?? theme] + columns.map { index in
                                             let point = sweep.points[index]
                                             return point.status == .optimal ? f.percent(point.coverage[theme] ?? 0, decimals: 0) : "–"
                                         }
                                     })
            if columns.count < sweep.points.count { body.append(#"<p class="note">\#(HTMLReport.rich(text.sweepColumnsNote))</p>"#) }
        }
        body.append("</section>")

        body += ManifestSection.html(sweep.manifest, text)
        return HTMLReport.page(title: title, language: language, body: body, extraStyle: HTMLReport.tradeOffStyle)
    }

    // MARK: Charts

    /// The point the value curve is measured from: the scenario's own value when it is a feasible
    /// point, else the first feasible point.
    static func reference(_ sweep: SweepResult, _ feasible: [SweepPoint]) -> SweepPoint? {
        if let base = sweep.baseValue, let point = feasible.first(where: { abs($0.parameter - base) < 1e-9 * max(1, abs(base)) }) {
            return point
        }
        return feasible.first
    }

    /// The total value against the swept number, as the change from the reference point (so the
    /// bends show instead of a flat line far above zero); each breakpoint halfway between its two
    /// points, on the line between them.
    static func valueChart(_ sweep: SweepResult, _ feasible: [SweepPoint], _ text: Phrases) -> String {
        let f = text.format
        let origin = reference(sweep, feasible)
        let zero = origin?.objective ?? 0
        let shown = f.compact(origin?.parameter ?? 0)
        let points = feasible.compactMap { point in point.objective.map { (x: point.parameter, y: $0 - zero) } }
        let marks = sweep.breakpoints.compactMap { breakpoint -> (x: Double, y: Double)? in
            guard let a = sweep.points.first(where: { $0.parameter == breakpoint.from })?.objective,
                  let b = sweep.points.first(where: { $0.parameter == breakpoint.to })?.objective else { return nil }
            return (x: (breakpoint.from + breakpoint.to) / 2, y: (a + b) / 2 - zero)
        }
        return SVGCharts.lineChart(
            id: "chart-sweep-value",
            text: .init(title: text.sweepValueChartTitle(sweep.parameter, shown), valueAxis: text.sweepValueAxis,
                        categoryAxis: text.sweepParameterAxis(sweep.parameter)),
            series: [SVGCharts.LineSeries(name: text.sweepValueSeries(sweep.parameter, shown), points: points, colour: "#154273")],
            breakpoints: marks, breakpointLabel: text.breakpoint, format: f,
            xLabel: { f.compact($0) }, yLabel: { ($0 > 0.5 ? "+" : "") + f.number($0) })
    }

    /// Distinct on white and from each other (Tol's indigo and teal, Okabe–Ito vermillion, pink
    /// and orange), for the few pools of the hour-value chart.
    static let lineColours = ["#332288", "#D55E00", "#44AA99", "#CC79A7", "#E69F00"]

    /// The value of one more hour of the pools whose value changes most over the feasible points.
    static func hourValueChart(_ sweep: SweepResult, _ feasible: [SweepPoint], _ text: Phrases) -> String? {
        let f = text.format
        func spread(_ pool: String) -> Double {
            let values = feasible.map { $0.hourValues[pool] ?? 0 }
            return (values.max() ?? 0) - (values.min() ?? 0)
        }
        let order = sweep.pools.enumerated().sorted { a, b in
            let x = spread(a.element), y = spread(b.element)
            return abs(x - y) > 1e-9 ? x > y : a.offset < b.offset
        }.map(\.element)
        // Pools that are worth something somewhere; the most changing first, then in the scenario's order.
        let shown = order.filter { pool in feasible.contains { ($0.hourValues[pool] ?? 0) > 1e-9 } }.prefix(poolLimit)
        guard !shown.isEmpty else { return nil }
        let series = shown.enumerated().map { index, pool in
            SVGCharts.LineSeries(name: sweep.names[pool] ?? pool,
                                 points: feasible.map { (x: $0.parameter, y: $0.hourValues[pool] ?? 0) },
                                 colour: lineColours[index % lineColours.count])
        }
        return SVGCharts.lineChart(
            id: "chart-sweep-hour-values",
            text: .init(title: text.sweepHourValueChartTitle(shown.count), valueAxis: text.hourValueAxis,
                        categoryAxis: text.sweepParameterAxis(sweep.parameter)),
            series: series, breakpoints: [], breakpointLabel: text.breakpoint, format: f,
            xLabel: { f.compact($0) }, yLabel: { f.rate($0) })
    }

    // MARK: Tables

    static func pointsTable(_ sweep: SweepResult, _ text: Phrases) -> [String] {
        let f = text.format
        let rows = zip(sweep.points, sweep.slopes).map { point, slope -> [String] in
            let slope = slope.map { f.number($0, decimals: 2) } ?? "–"
            return [f.compact(point.parameter), text.shortStatus(point.status), point.objective.map { f.number($0) } ?? "–",
                    point.attainment.map { f.percent($0) } ?? "–", slope]
        }
        return HTMLReport.table(caption: text.sweepPointsTitle,
                                headers: [sweep.parameter, text.statusLabel, text.value, text.attainment, text.sweepSlope],
                                numeric: [0, 2, 3, 4], rows: rows)
    }

    /// Indices of at most `columnLimit` feasible points for the wide tables: the ends, the
    /// scenario's own value (when it is one of them) and points evenly in between.
    static func chosenPoints(_ sweep: SweepResult) -> [Int] {
        let feasible = sweep.points.indices.filter { sweep.points[$0].status == .optimal }
        let count = feasible.count
        guard count > columnLimit else { return feasible }
        var chosen = (0..<columnLimit).map { Int((Double($0) * Double(count - 1) / Double(columnLimit - 1)).rounded()) }
        if let base = sweep.baseValue,
           let index = feasible.firstIndex(where: { abs(sweep.points[$0].parameter - base) < 1e-9 * max(1, abs(base)) }),
           !chosen.contains(index) {
            // The scenario's own value replaces the nearest point in between (never an end).
            let nearest = (1..<(columnLimit - 1)).min { abs(chosen[$0] - index) < abs(chosen[$1] - index) } ?? 1
            chosen[nearest] = index
        }
        return Array(Set(chosen)).sorted().map { feasible[$0] }
    }

    /// Runs of parameter values as "0,21–0,3" (in the order of the sweep), single values alone.
    static func ranges(_ values: [Double], in sweep: SweepResult, _ f: NumberFormat) -> String {
        let all = sweep.points.map(\.parameter)
        var parts: [String] = []
        var runStart: Int?, previous: Int?
        let indices = values.compactMap { value in all.firstIndex(of: value) }
        func close() {
            guard let start = runStart, let end = previous else { return }
            parts.append(start == end ? f.compact(all[start]) : "\(f.compact(all[start]))–\(f.compact(all[end]))")
        }
        for index in indices {
            if let last = previous, index == last + 1 { previous = index; continue }
            close()
            runStart = index
            previous = index
        }
        close()
        return parts.joined(separator: ", ")
    }
}

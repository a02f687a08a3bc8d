import Foundation

/// Small, dependency-free SVG charts for the HTML reports: horizontal (stacked) bars, a coverage
/// grid, diverging bars for shifts and a line chart with marked breakpoints. Every chart is one
/// `<svg class="chart">` with a title, axis labels (with units), a legend and a `<title>` per mark,
/// and takes all of its words from the caller, so it can be drawn in any language by any report
/// (solve, compare, sweep, evaluate). Text from a scenario is escaped here.
///
/// Layout is done in a fixed coordinate system (`viewBox`, `width` wide); the page scales it.
/// Labels are wrapped or shortened (with the full text in a tooltip) to the room they have, and
/// every label that must stay inside a box carries `data-max-width`, which the browser test checks.
public enum SVGCharts {
    /// Width of every chart in SVG units (the CSS scales it to the page).
    public static let width: Double = 760

    /// The words of a chart, already in the reader's language.
    public struct Text: Sendable {
        public var title: String
        /// The axis along which values are measured, with the unit: "Uren per jaar".
        public var valueAxis: String
        /// The axis of the categories: "Gemeente".
        public var categoryAxis: String
        public init(title: String, valueAxis: String, categoryAxis: String) {
            self.title = title
            self.valueAxis = valueAxis
            self.categoryAxis = categoryAxis
        }
    }

    /// One series of a (stacked) bar chart: a value per category, one colour, one legend entry.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var colour: String
        public init(name: String, values: [Double], colour: String) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    // MARK: Colours

    /// 18 distinguishable categorical colours (Paul Tol's "muted" scheme, then Okabe–Ito and a
    /// few darker hues), used in order; neighbours in the list differ in lightness as well as hue.
    public static let categorical = [
        "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
        "#E69F00", "#0072B2", "#D55E00", "#56B4E9", "#A6761D", "#009E73", "#CC79A7", "#7F7F7F", "#BBCC33",
    ]

    public static func categoricalColour(_ index: Int) -> String { categorical[index % categorical.count] }

    /// Colour-blind-safe pair for less / more (Okabe–Ito vermillion and blue).
    public static let decrease = "#D55E00"
    public static let increase = "#0072B2"

    /// Room left of the category labels for the rotated axis title.
    static let axisMargin = 24.0

    static let emptyFill = "#F2F2F2", emptyStroke = "#D0D0D0"

    /// Viridis at nine stops, from 0 (dark purple) to 1 (yellow): perceptually uniform, readable
    /// for the common forms of colour blindness and in grey print.
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// The viridis colour of a share in [0, 1].
    public static func viridisColour(_ share: Double) -> String {
        let t = min(1, max(0, share.isFinite ? share : 0)) * Double(viridis.count - 1)
        let lower = Int(t.rounded(.down)), upper = min(viridis.count - 1, lower + 1)
        let fraction = t - Double(lower)
        let a = viridis[lower], b = viridis[upper]
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * fraction).rounded()) }
        return String(format: "#%02X%02X%02X", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// Black or white, whichever reads better on `share`'s viridis colour.
    static func textColour(onShare share: Double) -> String { share >= 0.55 ? "#000000" : "#FFFFFF" }

    // MARK: Charts

    /// Horizontal bars, one per category, stacked by series (one series: plain bars). The total
    /// of each bar is written at its end with `valueLabel` (default: whole numbers).
    public static func stackedBars(id: String, text: Text, categories: [String], series: [Series], format: NumberFormat,
                                   valueLabel: ((Double) -> String)? = nil) -> String {
        let label = valueLabel ?? { format.number($0) }
        let totals = categories.indices.map { index in series.reduce(0) { $0 + max(0, value($1.values, index)) } }
        let ticks = niceTicks(upTo: totals.max() ?? 0)
        let top = ticks.last ?? 1
        let labelWidth = categoryLabelWidth(categories)
        let valueRoom = max(48, (totals.map { textWidth(label($0), size: 11) }.max() ?? 0) + 8)
        let plotLeft = axisMargin + labelWidth + 12, plotRight = width - valueRoom - 8
        let plotWidth = plotRight - plotLeft
        let barHeight = 18.0, rowHeight = 30.0
        var y = 34.0
        var body = [titleText(text.title, id: id)]
        let plotTop = y + 6
        let plotHeight = Double(categories.count) * rowHeight
        body += valueAxis(ticks: ticks, top: top, left: plotLeft, width: plotWidth, y0: plotTop, height: plotHeight, format: format)
        for (index, category) in categories.enumerated() {
            let rowTop = plotTop + Double(index) * rowHeight
            let barTop = rowTop + (rowHeight - barHeight) / 2
            body.append(categoryLabel(category, right: plotLeft - 8, centreY: rowTop + rowHeight / 2, maxWidth: labelWidth))
            var x = plotLeft
            for item in series {
                let amount = max(0, value(item.values, index))
                guard amount > 0 else { continue }
                let w = amount / top * plotWidth
                body.append(#"<rect class="bar" x="\#(n(x))" y="\#(n(barTop))" width="\#(n(w))" height="\#(n(barHeight))" fill="\#(item.colour)" data-value="\#(n(amount, 4))"><title>\#(escape(category)) · \#(escape(item.name)): \#(escape(label(amount)))</title></rect>"#)
                x += w
            }
            body.append(#"<text class="value" x="\#(n(x + 5))" y="\#(n(rowTop + rowHeight / 2 + 4))" font-size="11">\#(escape(label(totals[index])))</text>"#)
        }
        y = plotTop + plotHeight
        body.append(line(plotLeft, plotTop, plotLeft, y, stroke: "#444"))
        body.append(axisTitle(text.valueAxis, x: plotLeft + plotWidth / 2, y: y + 34))
        body.append(rotatedAxisTitle(text.categoryAxis, x: 12, y: plotTop + plotHeight / 2))
        let legend = legendBlock(series.map { ($0.name, $0.colour) }, top: y + 50)
        body += legend.elements
        return svg(id: id, title: text.title, height: legend.bottom + 8, body: body)
    }

    /// A theme × municipality grid of shares in [0, 1] (nil: no need here), coloured on the
    /// viridis scale with the percentage in each cell and a gradient legend.
    public static func coverageGrid(id: String, text: Text, rows: [String], columns: [String], shares: [[Double?]],
                                    format: NumberFormat, legendTitle: String, noValueLabel: String) -> String {
        // Row labels get what the columns leave (at least 200), up to two lines of the longest name.
        let roomForLabels = max(200, width - axisMargin - 20 - Double(columns.count) * 64)
        let labelWidth = min(roomForLabels, max(80, (rows.map { textWidth($0, size: 11) }.max() ?? 80) / 2 + 16))
        let plotLeft = axisMargin + labelWidth + 12
        let available = width - plotLeft - 8
        let cellWidth = max(22, min(90, available / Double(max(1, columns.count))))
        let rotate = columns.contains { textWidth($0, size: 11) > cellWidth * 2 - 4 } || columns.count > 12
        let headerHeight = rotate ? min(160, (columns.map { textWidth($0, size: 11) }.max() ?? 40) + 12) : 30
        let cellHeight = 32.0
        var body = [titleText(text.title, id: id)]
        let gridTop = 46 + headerHeight + 4
        let chartWidth = max(width, plotLeft + cellWidth * Double(columns.count) + 8)
        for (index, column) in columns.enumerated() {
            let centre = plotLeft + (Double(index) + 0.5) * cellWidth
            if rotate {
                let shown = shorten(column, maxWidth: headerHeight - 12, size: 11)
                body.append(#"<text class="label" transform="translate(\#(n(centre + 4)),\#(n(gridTop - 6))) rotate(-90)" font-size="11" data-max-width="\#(n(headerHeight - 8))">\#(escape(shown))\#(shown == column ? "" : "<title>\(escape(column))</title>")</text>"#)
            } else {
                let lines = wrap(column, maxWidth: cellWidth - 4, size: 11, maxLines: 2)
                body.append(multiline(lines, full: column, x: centre, firstBaseline: gridTop - 8 - Double(lines.count - 1) * 13,
                                      anchor: "middle", maxWidth: cellWidth - 2))
            }
        }
        for (row, name) in rows.enumerated() {
            let top = gridTop + Double(row) * cellHeight
            body.append(categoryLabel(name, right: plotLeft - 8, centreY: top + cellHeight / 2, maxWidth: labelWidth))
            for column in columns.indices {
                let x = plotLeft + Double(column) * cellWidth
                let share = row < shares.count && column < shares[row].count ? shares[row][column] : nil
                let tip = "\(escape(name)) · \(escape(columns[column])): "
                if let share {
                    let colour = viridisColour(share)
                    body.append(#"<rect class="cell" x="\#(n(x))" y="\#(n(top))" width="\#(n(cellWidth - 2))" height="\#(n(cellHeight - 2))" fill="\#(colour)" data-value="\#(n(share, 4))"><title>\#(tip)\#(escape(format.percent(share, decimals: 0)))</title></rect>"#)
                    if cellWidth >= 34 {
                        body.append(#"<text class="cell-label" x="\#(n(x + (cellWidth - 2) / 2))" y="\#(n(top + cellHeight / 2 + 3))" font-size="10" text-anchor="middle" fill="\#(textColour(onShare: share))" data-max-width="\#(n(cellWidth - 4))">\#(escape(format.percent(share, decimals: 0)))</text>"#)
                    }
                } else {
                    body.append(#"<rect class="cell empty" x="\#(n(x))" y="\#(n(top))" width="\#(n(cellWidth - 2))" height="\#(n(cellHeight - 2))" fill="\#(emptyFill)" stroke="\#(emptyStroke)"><title>\#(tip)\#(escape(noValueLabel))</title></rect>"#)
                }
            }
        }
        let gridBottom = gridTop + Double(rows.count) * cellHeight
        body.append(rotatedAxisTitle(text.categoryAxis, x: 12, y: gridTop + Double(rows.count) * cellHeight / 2))
        body.append(axisTitle(text.valueAxis, x: plotLeft + cellWidth * Double(columns.count) / 2, y: 42))
        // The legend: a gradient from 0% to 100% with ticks, and a swatch for "no need".
        let legendTop = gridBottom + 18
        let gradientId = "\(id)-scale"
        let stops = (0...8).map { #"<stop offset="\#($0 * 100 / 8)%" stop-color="\#(viridisColour(Double($0) / 8))"/>"# }.joined()
        body.append(#"<defs><linearGradient id="\#(escape(gradientId))" x1="0" x2="1" y1="0" y2="0">\#(stops)</linearGradient></defs>"#)
        let legendLeft = plotLeft, legendWidth = min(300, chartWidth - plotLeft - 180)
        body.append(#"<text class="legend-title" x="\#(n(legendLeft))" y="\#(n(legendTop + 10))" font-size="11" font-weight="bold">\#(escape(legendTitle))</text>"#)
        body.append(#"<rect class="legend-scale" x="\#(n(legendLeft))" y="\#(n(legendTop + 16))" width="\#(n(legendWidth))" height="12" fill="url(#\#(escape(gradientId)))"/>"#)
        for step in 0...4 {
            let x = legendLeft + legendWidth * Double(step) / 4
            body.append(line(x, legendTop + 28, x, legendTop + 32, stroke: "#444"))
            body.append(#"<text class="legend-label" x="\#(n(x))" y="\#(n(legendTop + 44))" font-size="10" text-anchor="middle">\#(escape(format.percent(Double(step) / 4, decimals: 0)))</text>"#)
        }
        let swatchX = legendLeft + legendWidth + 28
        body.append(#"<g class="legend-entry"><rect x="\#(n(swatchX))" y="\#(n(legendTop + 16))" width="12" height="12" fill="\#(emptyFill)" stroke="\#(emptyStroke)"/><text class="legend-label" x="\#(n(swatchX + 17))" y="\#(n(legendTop + 26))" font-size="11" data-max-width="\#(n(chartWidth - swatchX - 25))">\#(escape(shorten(noValueLabel, maxWidth: chartWidth - swatchX - 25, size: 11)))</text></g>"#)
        return svg(id: id, title: text.title, height: legendTop + 54, body: body, width: chartWidth)
    }

    /// Horizontal bars around zero for shifts (for example hours per theme against a base):
    /// decreases to the left in one colour, increases to the right in another, both in the legend.
    public static func divergingBars(id: String, text: Text, categories: [String], values: [Double], format: NumberFormat,
                                     decreaseLabel: String, increaseLabel: String,
                                     valueLabel: ((Double) -> String)? = nil) -> String {
        let label = valueLabel ?? { format.number($0) }
        let signed: (Double) -> String = { $0 > 0 ? "+" + label($0) : label($0) }
        let extent = values.map { abs($0) }.max() ?? 0
        let ticks = niceTicks(upTo: extent)
        let top = ticks.last ?? 1
        let labelWidth = categoryLabelWidth(categories)
        let valueRoom = max(52, (values.map { textWidth(signed($0), size: 11) }.max() ?? 0) + 10)
        let plotLeft = axisMargin + labelWidth + 12 + valueRoom, plotRight = width - valueRoom - 8
        let plotWidth = plotRight - plotLeft
        let zero = plotLeft + plotWidth / 2
        let rowHeight = 26.0, barHeight = 16.0
        let plotTop = 40.0
        let plotHeight = Double(max(1, categories.count)) * rowHeight
        var body = [titleText(text.title, id: id)]
        // Gridlines and tick labels on both sides of zero.
        for tick in ticks {
            for side in tick == 0 ? [1.0] : [-1.0, 1.0] {
                let x = zero + side * tick / top * plotWidth / 2
                body.append(line(x, plotTop, x, plotTop + plotHeight, stroke: tick == 0 ? "#444" : "#E0E0E0"))
                body.append(#"<text class="tick" x="\#(n(x))" y="\#(n(plotTop + plotHeight + 14))" font-size="10" text-anchor="middle">\#(escape(side < 0 ? label(-tick) : label(tick)))</text>"#)
            }
        }
        for (index, category) in categories.enumerated() {
            let rowTop = plotTop + Double(index) * rowHeight
            let amount = index < values.count ? values[index] : 0
            body.append(categoryLabel(category, right: axisMargin + labelWidth + 8, centreY: rowTop + rowHeight / 2, maxWidth: labelWidth))
            let w = abs(amount) / top * plotWidth / 2
            let x = amount < 0 ? zero - w : zero
            let colour = amount < 0 ? decrease : increase
            body.append(#"<rect class="bar \#(amount < 0 ? "decrease" : "increase")" x="\#(n(x))" y="\#(n(rowTop + (rowHeight - barHeight) / 2))" width="\#(n(w))" height="\#(n(barHeight))" fill="\#(colour)" data-value="\#(n(amount, 4))"><title>\#(escape(category)): \#(escape(signed(amount)))</title></rect>"#)
            let textX = amount < 0 ? x - 5 : x + w + 5
            body.append(#"<text class="value" x="\#(n(textX))" y="\#(n(rowTop + rowHeight / 2 + 4))" font-size="11" text-anchor="\#(amount < 0 ? "end" : "start")">\#(escape(signed(amount)))</text>"#)
        }
        let bottom = plotTop + plotHeight
        body.append(axisTitle(text.valueAxis, x: zero, y: bottom + 34))
        body.append(rotatedAxisTitle(text.categoryAxis, x: 12, y: plotTop + plotHeight / 2))
        let legend = legendBlock([(decreaseLabel, decrease), (increaseLabel, increase)], top: bottom + 50)
        body += legend.elements
        return svg(id: id, title: text.title, height: legend.bottom + 8, body: body)
    }

    /// Horizontal range bars: for each category a bar from its least to its most value, with a
    /// mark at one value inside it (for example the hours a municipality can get within 1% of the
    /// optimum, with the optimum's hours marked). Both in the legend; each bar's `<title>` gives
    /// the numbers. `zoomed` starts the axis at a round value just below the least low or mark
    /// instead of at 0, for ranges that are narrow against their size (a year's value: P10 to P90).
    public static func rangeBars(id: String, text: Text, categories: [String], lows: [Double], highs: [Double],
                                 marks: [Double], format: NumberFormat, rangeLabel: String, markLabel: String,
                                 zoomed: Bool = false) -> String {
        let extent = max(highs.max() ?? 0, marks.max() ?? 0)
        let least = min(lows.min() ?? 0, marks.min() ?? 0)
        let ticks = zoomed ? niceTicks(from: least, to: extent) : niceTicks(upTo: extent)
        let base = zoomed ? (ticks.first ?? 0) : 0
        let top = max((ticks.last ?? 1) - base, 1e-9)
        let labelWidth = categoryLabelWidth(categories)
        // Room on the right for half of the last tick's label.
        let plotLeft = axisMargin + labelWidth + 12, plotRight = width - 32
        let plotWidth = plotRight - plotLeft
        let rowHeight = 24.0, barHeight = 12.0
        let plotTop = 40.0
        let plotHeight = Double(max(1, categories.count)) * rowHeight
        var body = [titleText(text.title, id: id)]
        body += valueAxis(ticks: ticks, top: top, left: plotLeft, width: plotWidth, y0: plotTop, height: plotHeight, format: format, base: base)
        func x(_ value: Double) -> Double { plotLeft + max(0, value - base) / top * plotWidth }
        for (index, category) in categories.enumerated() {
            let rowTop = plotTop + Double(index) * rowHeight
            let centre = rowTop + rowHeight / 2
            let low = value(lows, index), high = max(value(highs, index), low), mark = value(marks, index)
            body.append(categoryLabel(category, right: axisMargin + labelWidth + 8, centreY: centre, maxWidth: labelWidth))
            let tip = "\(category): \(format.number(low)) – \(format.number(high)); \(markLabel): \(format.number(mark))"
            // A range of (almost) no width still shows as a sliver.
            let w = max(2, x(high) - x(low))
            body.append(#"<rect class="bar range" x="\#(n(x(low)))" y="\#(n(centre - barHeight / 2))" width="\#(n(w))" height="\#(n(barHeight))" fill="\#(increase)" fill-opacity="0.55" stroke="\#(increase)" data-low="\#(n(low, 4))" data-high="\#(n(high, 4))"><title>\#(escape(tip))</title></rect>"#)
            body.append(#"<line class="mark" x1="\#(n(x(mark)))" y1="\#(n(centre - barHeight / 2 - 4))" x2="\#(n(x(mark)))" y2="\#(n(centre + barHeight / 2 + 4))" stroke="\#(markColour)" stroke-width="2.5" data-value="\#(n(mark, 4))"><title>\#(escape(tip))</title></line>"#)
        }
        let bottom = plotTop + plotHeight
        body.append(axisTitle(text.valueAxis, x: plotLeft + plotWidth / 2, y: bottom + 34))
        body.append(rotatedAxisTitle(text.categoryAxis, x: 12, y: plotTop + plotHeight / 2))
        let legend = legendBlock([LegendEntry(name: rangeLabel, colour: increase),
                                  LegendEntry(name: markLabel, colour: markColour, shape: .line)], top: bottom + 54)
        body += legend.elements
        return svg(id: id, title: text.title, height: legend.bottom + 8, body: body)
    }

    /// The colour of a marked value in a range chart.
    static let markColour = "#1B1B1B"

    /// One line of a line chart.
    public struct LineSeries: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var colour: String
        public init(name: String, points: [(x: Double, y: Double)], colour: String) {
            self.name = name
            self.points = points
            self.colour = colour
        }
    }

    /// Lines over a numeric x axis (for example value against a swept capacity), with the
    /// breakpoints (where the slope changes) marked as open circles, each with a tooltip, and
    /// named in the legend.
    public static func lineChart(id: String, text: Text, series: [LineSeries], breakpoints: [(x: Double, y: Double)],
                                 breakpointLabel: String, format: NumberFormat,
                                 xLabel: ((Double) -> String)? = nil, yLabel: ((Double) -> String)? = nil) -> String {
        let xText = xLabel ?? { format.number($0) }
        let yText = yLabel ?? { format.number($0) }
        let xs = series.flatMap { $0.points.map(\.x) } + breakpoints.map(\.x)
        let ys = series.flatMap { $0.points.map(\.y) } + breakpoints.map(\.y)
        let xTicks = niceTicks(from: xs.min() ?? 0, to: xs.max() ?? 1)
        let yTicks = niceTicks(from: min(0, ys.min() ?? 0), to: ys.max() ?? 1)
        let x0 = xTicks.first ?? 0, x1 = xTicks.last ?? 1, y0 = yTicks.first ?? 0, y1 = yTicks.last ?? 1
        let yRoom = max(40, (yTicks.map { textWidth(yText($0), size: 10) }.max() ?? 0) + 12)
        let plotLeft = 34 + yRoom, plotRight = width - 24
        let plotTop = 40.0, plotHeight = 260.0
        let plotWidth = plotRight - plotLeft
        func px(_ x: Double) -> Double { plotLeft + (x1 > x0 ? (x - x0) / (x1 - x0) : 0.5) * plotWidth }
        func py(_ y: Double) -> Double { plotTop + plotHeight - (y1 > y0 ? (y - y0) / (y1 - y0) : 0.5) * plotHeight }
        var body = [titleText(text.title, id: id)]
        for tick in yTicks {
            body.append(line(plotLeft, py(tick), plotRight, py(tick), stroke: tick == y0 ? "#444" : "#E0E0E0"))
            body.append(#"<text class="tick" x="\#(n(plotLeft - 6))" y="\#(n(py(tick) + 3))" font-size="10" text-anchor="end">\#(escape(yText(tick)))</text>"#)
        }
        for tick in xTicks {
            body.append(line(px(tick), plotTop + plotHeight, px(tick), plotTop + plotHeight + 4, stroke: "#444"))
            body.append(#"<text class="tick" x="\#(n(px(tick)))" y="\#(n(plotTop + plotHeight + 16))" font-size="10" text-anchor="middle">\#(escape(xText(tick)))</text>"#)
        }
        body.append(line(plotLeft, plotTop, plotLeft, plotTop + plotHeight, stroke: "#444"))
        for item in series where !item.points.isEmpty {
            let path = item.points.sorted { $0.x < $1.x }.enumerated()
                .map { "\($0.offset == 0 ? "M" : "L")\(n(px($0.element.x))) \(n(py($0.element.y)))" }.joined(separator: " ")
            body.append(#"<path class="line" d="\#(path)" fill="none" stroke="\#(item.colour)" stroke-width="2.5"><title>\#(escape(item.name))</title></path>"#)
            for point in item.points {
                body.append(#"<circle class="point" cx="\#(n(px(point.x)))" cy="\#(n(py(point.y)))" r="2.5" fill="\#(item.colour)"><title>\#(escape(xText(point.x))): \#(escape(yText(point.y)))</title></circle>"#)
            }
        }
        for point in breakpoints {
            body.append(line(px(point.x), py(point.y), px(point.x), plotTop + plotHeight, stroke: "#888", dash: true))
            body.append(#"<circle class="breakpoint" cx="\#(n(px(point.x)))" cy="\#(n(py(point.y)))" r="5.5" fill="white" stroke="black" stroke-width="2"><title>\#(escape(breakpointLabel)): \#(escape(xText(point.x))) → \#(escape(yText(point.y)))</title></circle>"#)
        }
        let bottom = plotTop + plotHeight
        body.append(axisTitle(text.categoryAxis, x: plotLeft + plotWidth / 2, y: bottom + 36))
        body.append(rotatedAxisTitle(text.valueAxis, x: 12, y: plotTop + plotHeight / 2))
        var entries = series.map { LegendEntry(name: $0.name, colour: $0.colour, shape: .line) }
        if !breakpoints.isEmpty { entries.append(LegendEntry(name: breakpointLabel, colour: "#000000", shape: .circle)) }
        let legend = legendBlock(entries, top: bottom + 52)
        body += legend.elements
        return svg(id: id, title: text.title, height: legend.bottom + 8, body: body)
    }

    // MARK: Scales

    /// Round tick values from 0 up to at least `maximum` (about five steps of 1, 2, 2.5 or 5 × 10ⁿ).
    public static func niceTicks(upTo maximum: Double, count: Int = 5) -> [Double] {
        niceTicks(from: 0, to: maximum, count: count)
    }

    /// Round tick values covering [low, high].
    public static func niceTicks(from low: Double, to high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite else { return [0, 1] }
        var low = low, high = high
        if high <= low { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        if high - low < 1e-12 { low -= 0.5; high += 0.5 }
        let raw = (high - low) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw - 1e-12 } ?? 10 * magnitude
        let first = floor(low / step + 1e-9)
        // Round through the step's decimals, so 3 × 0.2 is 0.6 and not 0.6000000000000001.
        let decimals = max(0, Int(-floor(log10(step))) + 1)
        func tick(_ k: Int) -> Double {
            let value = Double(FixedFormat.string((first + Double(k)) * step, decimals: decimals)) ?? 0
            return value == 0 ? 0 : value
        }
        var ticks = [tick(0)]
        while ticks[ticks.count - 1] < high - 1e-9 * step { ticks.append(tick(ticks.count)) }
        return ticks
    }

    // MARK: Text

    /// Escapes text for HTML and SVG content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// An estimate of the width of `text` in a sans-serif font of `size` units, on the wide side
    /// (DejaVu Sans, the widest common fallback), so estimated layouts do not overflow.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for character in text {
            switch character {
            case "i", "j", "l", "'", "|", ".", ",", ":", ";", "!", "(", ")", "[", "]", " ", "f", "t", "I", "r": em += 0.36
            case "m", "w", "M", "W", "@", "%", "—", "…": em += 0.95
            case "A"..."Z", "0"..."9", "&", "#", "+", "−", "<", ">", "=", "~", "?": em += 0.7
            default: em += 0.61
            }
        }
        return em * size
    }

    /// `text` cut to `maxWidth`, with an ellipsis when cut.
    static func shorten(_ text: String, maxWidth: Double, size: Double) -> String {
        if textWidth(text, size: size) <= maxWidth { return text }
        var shown = ""
        for character in text {
            if textWidth(shown + String(character) + "…", size: size) > maxWidth { break }
            shown.append(character)
        }
        return shown.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// `text` broken at spaces into at most `maxLines` lines of `maxWidth`; the last line is
    /// shortened with an ellipsis when the text does not fit.
    static func wrap(_ text: String, maxWidth: Double, size: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        for (index, word) in words.enumerated() {
            let candidate = current.isEmpty ? word : current + " " + word
            if textWidth(candidate, size: size) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
            if lines.count == maxLines - 1 && index < words.count - 1 && textWidth(current, size: size) > maxWidth {
                break
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            let kept = Array(lines.prefix(maxLines - 1))
            let rest = lines.dropFirst(maxLines - 1).joined(separator: " ")
            lines = kept + [rest]
        }
        if let last = lines.last {
            let wholeShown = lines.joined(separator: " ") == words.joined(separator: " ")
            let cut = shorten(last, maxWidth: maxWidth, size: size)
            if !wholeShown || cut != last {
                lines[lines.count - 1] = cut.hasSuffix("…") ? cut : shorten(last + " …", maxWidth: maxWidth, size: size)
            }
        }
        return lines.isEmpty ? [""] : lines
    }

    // MARK: Pieces

    private static func value(_ values: [Double], _ index: Int) -> Double {
        index < values.count && values[index].isFinite ? values[index] : 0
    }

    /// Numbers in SVG coordinates: one decimal (or `decimals`), no locale, no trailing ".0".
    static func n(_ value: Double, _ decimals: Int = 1) -> String {
        var text = FixedFormat.string(value.isFinite ? value : 0, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    private static func categoryLabelWidth(_ categories: [String]) -> Double {
        let widest = categories.map { textWidth($0, size: 11) }.max() ?? 60
        return min(280, max(60, widest <= 280 ? widest : widest / 2 + 12))
    }

    private static func svg(id: String, title: String, height: Double, body: [String], width chartWidth: Double = width) -> String {
        let head = #"<svg class="chart" id="\#(escape(id))" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n(chartWidth)) \#(n(height))" width="\#(n(chartWidth))" height="\#(n(height))" role="img" aria-labelledby="\#(escape(id))-title" font-family="inherit">"#
        return ([head] + body + ["</svg>"]).joined(separator: "\n")
    }

    private static func titleText(_ title: String, id: String) -> String {
        #"<text class="chart-title" id="\#(escape(id))-title" x="0" y="18" font-size="15" font-weight="bold" data-max-width="\#(n(width))">\#(escape(shorten(title, maxWidth: width, size: 15)))</text>"#
    }

    private static func axisTitle(_ title: String, x: Double, y: Double, size: Double = 12) -> String {
        #"<text class="axis-title" x="\#(n(x))" y="\#(n(y))" font-size="\#(n(size))" text-anchor="middle" data-max-width="\#(n(width - 40))">\#(escape(shorten(title, maxWidth: width - 40, size: size)))</text>"#
    }

    private static func rotatedAxisTitle(_ title: String, x: Double, y: Double) -> String {
        #"<text class="axis-title" transform="translate(\#(n(x)),\#(n(y))) rotate(-90)" font-size="12" text-anchor="middle">\#(escape(title))</text>"#
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, dash: Bool = false) -> String {
        #"<line x1="\#(n(x1))" y1="\#(n(y1))" x2="\#(n(x2))" y2="\#(n(y2))" stroke="\#(stroke)" stroke-width="1"\#(dash ? #" stroke-dasharray="4 3""# : "")/>"#
    }

    private static func categoryLabel(_ name: String, right: Double, centreY: Double, maxWidth: Double) -> String {
        let lines = wrap(name, maxWidth: maxWidth, size: 11, maxLines: 2)
        let first = centreY + 4 - Double(lines.count - 1) * 6.5
        return multiline(lines, full: name, x: right, firstBaseline: first, anchor: "end", maxWidth: maxWidth)
    }

    private static func multiline(_ lines: [String], full: String, x: Double, firstBaseline: Double, anchor: String, maxWidth: Double) -> String {
        let spans = lines.enumerated().map { index, text in
            #"<tspan x="\#(n(x))" dy="\#(index == 0 ? "0" : "13")">\#(escape(text))</tspan>"#
        }.joined()
        let tip = lines.joined(separator: " ") == full ? "" : "<title>\(escape(full))</title>"
        return #"<text class="label" x="\#(n(x))" y="\#(n(firstBaseline))" font-size="11" text-anchor="\#(anchor)" data-max-width="\#(n(maxWidth + 1))">\#(tip)\#(spans)</text>"#
    }

    private static func valueAxis(ticks: [Double], top: Double, left: Double, width plotWidth: Double, y0: Double, height: Double,
                                  format: NumberFormat, base: Double = 0) -> [String] {
        ticks.flatMap { tick -> [String] in
            let x = left + (tick - base) / top * plotWidth
            return [line(x, y0, x, y0 + height, stroke: tick == base ? "#444" : "#E0E0E0"),
                    #"<text class="tick" x="\#(n(x))" y="\#(n(y0 + height + 14))" font-size="10" text-anchor="middle">\#(escape(format.number(tick, decimals: decimals(of: ticks))))</text>"#]
        }
    }

    /// Decimals needed to tell the ticks apart (0 for 0, 5000, 10000; 2 for 0.25, 0.5).
    private static func decimals(of ticks: [Double]) -> Int {
        for decimals in 0...4 {
            let factor = pow(10, Double(decimals))
            if ticks.allSatisfy({ abs(($0 * factor).rounded() - $0 * factor) < 1e-6 }) { return decimals }
        }
        return 4
    }

    struct LegendEntry {
        enum Shape { case square, line, circle }
        var name: String
        var colour: String
        var shape: Shape = .square
    }

    private static func legendBlock(_ entries: [(String, String)], top: Double) -> (elements: [String], bottom: Double) {
        legendBlock(entries.map { LegendEntry(name: $0.0, colour: $0.1) }, top: top)
    }

    /// Legend entries in as many equal columns as fit (at most four), row by row.
    private static func legendBlock(_ entries: [LegendEntry], top: Double) -> (elements: [String], bottom: Double) {
        guard !entries.isEmpty else { return ([], top) }
        let widest = entries.map { textWidth($0.name, size: 11) }.max() ?? 0
        let columns = max(1, min(4, min(entries.count, Int(width / (min(widest, 320) + 30)))))
        let columnWidth = width / Double(columns)
        let labelRoom = columnWidth - 26
        var elements = [#"<g class="legend">"#]
        var y = top
        var rowLines = 1
        for (index, entry) in entries.enumerated() {
            let column = index % columns
            if column == 0 && index > 0 { y += Double(rowLines - 1) * 13 + 18; rowLines = 1 }
            let x = Double(column) * columnWidth
            let lines = wrap(entry.name, maxWidth: labelRoom, size: 11, maxLines: 2)
            rowLines = max(rowLines, lines.count)
            let swatch: String
            switch entry.shape {
            case .square: swatch = #"<rect x="\#(n(x))" y="\#(n(y - 10))" width="12" height="12" fill="\#(entry.colour)" stroke="dimgray" stroke-width="0.5"/>"#
            case .line: swatch = line(x, y - 4, x + 16, y - 4, stroke: entry.colour).replacingOccurrences(of: #"stroke-width="1""#, with: #"stroke-width="2.5""#)
            case .circle: swatch = #"<circle cx="\#(n(x + 7))" cy="\#(n(y - 4))" r="5" fill="white" stroke="\#(entry.colour)" stroke-width="2"/>"#
            }
            let label = multiline(lines, full: entry.name, x: x + 20, firstBaseline: y, anchor: "start", maxWidth: labelRoom)
                .replacingOccurrences(of: #"class="label""#, with: #"class="legend-label""#)
            elements.append(#"<g class="legend-entry">\#(swatch)\#(label)</g>"#)
        }
        elements.append("</g>")
        return (elements, y + Double(rowLines - 1) * 13 + 8)
    }
}

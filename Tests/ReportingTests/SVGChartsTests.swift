import Foundation
import Testing
@testable import Reporting

/// The chart functions on their own: geometry (a bar of half the value is half as wide), legends,
/// axis labels, number formats and escaping. Parsed with regular expressions: the SVG is ours and
/// written one element per line.
@Suite struct SVGChartsTests {
    let dutch = NumberFormat(.nl)
    let english = NumberFormat(.en)
    let text = SVGCharts.Text(title: "Uren per gemeente", valueAxis: "Uren per jaar", categoryAxis: "Gemeente")

    // MARK: Bars

    @Test func aBarOfHalfTheValueIsHalfAsWide() throws {
        let svg = SVGCharts.stackedBars(id: "c", text: text, categories: ["A", "B"],
                                        series: [.init(name: "Uren", values: [50, 100], colour: "#000000")], format: dutch)
        let bars = elements(svg, "rect", class: "bar")
        #expect(bars.count == 2)
        let half = try #require(Double(bars[0]["width"] ?? "")), whole = try #require(Double(bars[1]["width"] ?? ""))
        #expect(abs(half / whole - 0.5) < 0.002)
        #expect(bars[0]["x"] == bars[1]["x"], "bars start at the same zero line")
    }

    @Test func stackedSegmentsArePlacedEndToEndInProportion() throws {
        let svg = SVGCharts.stackedBars(id: "c", text: text, categories: ["A"],
                                        series: [.init(name: "Eén", values: [10], colour: "#111111"),
                                                 .init(name: "Twee", values: [30], colour: "#222222")], format: dutch)
        let bars = elements(svg, "rect", class: "bar")
        #expect(bars.count == 2)
        let x0 = try #require(Double(bars[0]["x"] ?? "")), w0 = try #require(Double(bars[0]["width"] ?? ""))
        let x1 = try #require(Double(bars[1]["x"] ?? "")), w1 = try #require(Double(bars[1]["width"] ?? ""))
        #expect(abs(x0 + w0 - x1) < 0.11, "the second segment starts where the first ends")
        #expect(abs(w1 / w0 - 3) < 0.02)
        #expect(bars[0]["fill"] == "#111111" && bars[1]["fill"] == "#222222")
    }

    @Test func aZoomedRangeStartsItsAxisJustBelowTheLeastValue() throws {
        // P10 144,954 to P90 145,992, plan 145,061: niceTicks over [144,954, 145,992] steps by 250
        // (1,038 / 5 = 207.6 rounds up to 250), from 144,750 to 146,000. So the bar starts
        // (144,954 − 144,750) / 1,250 = 16.32% into the plot and spans 1,038 / 1,250 = 83.04% of it.
        let svg = SVGCharts.rangeBars(id: "r", text: text, categories: ["Waarde"], lows: [144_954], highs: [145_992],
                                      marks: [145_061], format: dutch, rangeLabel: "P10 tot P90", markLabel: "plan", zoomed: true)
        #expect(svg.contains(">144.750</text>") && svg.contains(">146.000</text>") && !svg.contains(">0</text>"))
        let bar = try #require(elements(svg, "rect", class: "bar range").first)
        let x = try #require(Double(bar["x"] ?? "")), width = try #require(Double(bar["width"] ?? ""))
        let unzoomed = SVGCharts.rangeBars(id: "r", text: text, categories: ["Waarde"], lows: [144_954], highs: [145_992],
                                           marks: [145_061], format: dutch, rangeLabel: "P10 tot P90", markLabel: "plan")
        let plain = try #require(elements(unzoomed, "rect", class: "bar range").first)
        let plainWidth = try #require(Double(plain["width"] ?? ""))
        // Unzoomed the axis runs 0 to 150,000 and the bar is 1,038 / 150,000 of the plot: 120 times
        // narrower (within the 0.1 px rounding of a bar about 5 px wide).
        #expect(abs(width / plainWidth / 120 - 1) < 0.03)
        #expect(x > 0)
    }

    @Test func zeroValuesDrawNoSegment() {
        let svg = SVGCharts.stackedBars(id: "c", text: text, categories: ["A", "B"],
                                        series: [.init(name: "S", values: [0, 5], colour: "#000000")], format: dutch)
        #expect(elements(svg, "rect", class: "bar").count == 1)
    }

    @Test func everyChartHasTitleAxisLabelsAndALegendEntryPerSeries() {
        let names = ["Noodhulp (24/7)", "Huiselijk geweld", "Ondermijning"]
        let svg = SVGCharts.stackedBars(id: "chart-x", text: text, categories: ["Hilversum", "Laren"],
                                        series: names.enumerated().map { .init(name: $0.element, values: [1, 2], colour: SVGCharts.categoricalColour($0.offset)) },
                                        format: dutch)
        #expect(svg.hasPrefix(#"<svg class="chart" id="chart-x""#))
        #expect(svg.contains(#"aria-labelledby="chart-x-title""#))
        #expect(texts(svg, class: "chart-title") == ["Uren per gemeente"])
        #expect(Set(texts(svg, class: "axis-title")) == ["Uren per jaar", "Gemeente"])
        let legend = texts(svg, class: "legend-label")
        for name in names { #expect(legend.contains(name), "legend entry \(name)") }
        #expect(svg.components(separatedBy: #"<g class="legend-entry">"#).count - 1 == names.count)
    }

    @Test func ticksAndTotalsUseTheReadersNumberFormat() {
        let series = [SVGCharts.Series(name: "S", values: [124_091], colour: "#000000")]
        let nl = SVGCharts.stackedBars(id: "c", text: text, categories: ["A"], series: series, format: dutch)
        let en = SVGCharts.stackedBars(id: "c", text: text, categories: ["A"], series: series, format: english)
        #expect(texts(nl, class: "tick").contains("25.000"))
        #expect(texts(en, class: "tick").contains("25,000"))
        #expect(texts(nl, class: "value") == ["124.091"])
        #expect(texts(en, class: "value") == ["124,091"])
        let rates = SVGCharts.stackedBars(id: "c", text: text, categories: ["A"], series: [.init(name: "S", values: [0.81], colour: "#000")],
                                          format: dutch, valueLabel: { NumberFormat(.nl).rate($0) })
        #expect(texts(rates, class: "value") == ["0,81"])
        #expect(texts(rates, class: "tick").contains("0,2"))
    }

    @Test func textFromAScenarioIsEscaped() {
        let hostile = #"<script>alert("x")</script> & 'Bla'"#
        let svg = SVGCharts.stackedBars(id: "c", text: .init(title: hostile, valueAxis: "a<b", categoryAxis: "c&d"),
                                        categories: [hostile], series: [.init(name: hostile, values: [1], colour: "#000")], format: dutch)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("alert(\"x\")"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bla&#39;"))
        #expect(svg.contains("a&lt;b") && svg.contains("c&amp;d"))
        #expect(SVGCharts.escape(#"<&>"'"#) == "&lt;&amp;&gt;&quot;&#39;")
    }

    @Test func longLabelsAreWrappedOrShortenedWithTheFullTextAsTooltip() {
        let long = "Cybercrimeteam eenheid Midden-Nederland (aandeel Gooi en Vechtstreek) met een nog veel langere naam dan nodig"
        let svg = SVGCharts.stackedBars(id: "c", text: text, categories: [long, "Kort"],
                                        series: [.init(name: "S", values: [1, 2], colour: "#000")], format: dutch)
        #expect(svg.contains("<title>\(long)</title>"))
        #expect(svg.contains("…"))
        let lines = SVGCharts.wrap(long, maxWidth: 200, size: 11, maxLines: 2)
        #expect(lines.count == 2)
        for line in lines { #expect(SVGCharts.textWidth(line, size: 11) <= 200) }
        #expect(SVGCharts.wrap("Laren", maxWidth: 200, size: 11, maxLines: 2) == ["Laren"])
    }

    // MARK: Coverage grid

    @Test func theCoverageGridColoursSharesOnViridisWithALegend() throws {
        let svg = SVGCharts.coverageGrid(id: "grid", text: .init(title: "Dekking", valueAxis: "Gemeente", categoryAxis: "Thema"),
                                         rows: ["T1", "T2"], columns: ["A", "B"], shares: [[0, 1], [0.5, nil]], format: dutch,
                                         legendTitle: "Gedekt deel", noValueLabel: "geen behoefte")
        let cells = elements(svg, "rect", class: "cell")
        #expect(cells.map { $0["fill"] } == ["#440154", "#FDE725", SVGCharts.viridisColour(0.5)])
        #expect(elements(svg, "rect", class: "cell empty").count == 1)
        #expect(texts(svg, class: "cell-label") == ["0%", "100%", "50%"])
        #expect(svg.contains(#"<linearGradient id="grid-scale""#))
        #expect(svg.contains(#"fill="url(#grid-scale)""#))
        #expect(texts(svg, class: "legend-title") == ["Gedekt deel"])
        #expect(texts(svg, class: "legend-label").contains("geen behoefte"))
        #expect(texts(svg, class: "legend-label").contains("100%"))
        // Dark cells get white text, light ones black.
        #expect(svg.contains(##"fill="#FFFFFF" data-max-width"##) && svg.contains(##"fill="#000000" data-max-width"##))
    }

    @Test func viridisRunsFromPurpleToYellowAndClamps() {
        #expect(SVGCharts.viridisColour(0) == "#440154")
        #expect(SVGCharts.viridisColour(1) == "#FDE725")
        #expect(SVGCharts.viridisColour(-1) == "#440154")
        #expect(SVGCharts.viridisColour(7) == "#FDE725")
        #expect(SVGCharts.viridisColour(.nan) == "#440154")
    }

    // MARK: Diverging bars

    @Test func divergingBarsGoLeftForLessAndRightForMore() throws {
        let svg = SVGCharts.divergingBars(id: "shift", text: .init(title: "Verschuiving", valueAxis: "Uren", categoryAxis: "Thema"),
                                          categories: ["Minder", "Meer"], values: [-50, 100], format: dutch,
                                          decreaseLabel: "minder uren", increaseLabel: "meer uren")
        let less = try #require(elements(svg, "rect", class: "bar decrease").first)
        let more = try #require(elements(svg, "rect", class: "bar increase").first)
        let lessX = try #require(Double(less["x"] ?? "")), lessW = try #require(Double(less["width"] ?? ""))
        let moreX = try #require(Double(more["x"] ?? "")), moreW = try #require(Double(more["width"] ?? ""))
        #expect(abs(lessX + lessW - moreX) < 0.11, "both bars meet at the zero line")
        #expect(abs(lessW / moreW - 0.5) < 0.002)
        #expect(less["fill"] == SVGCharts.decrease && more["fill"] == SVGCharts.increase)
        #expect(texts(svg, class: "value") == ["−50", "+100"])
        #expect(Set(texts(svg, class: "legend-label")) == ["minder uren", "meer uren"])
        #expect(Set(texts(svg, class: "axis-title")) == ["Uren", "Thema"])
    }

    // MARK: Line chart

    @Test func theLineChartMarksEveryBreakpoint() throws {
        let points: [(x: Double, y: Double)] = [(0, 0), (100, 80), (200, 120), (300, 130)]
        let svg = SVGCharts.lineChart(id: "sweep", text: .init(title: "Waarde tegen capaciteit", valueAxis: "Waarde", categoryAxis: "Fte"),
                                      series: [.init(name: "Totale waarde", points: points, colour: "#332288")],
                                      breakpoints: [(100, 80), (200, 120)], breakpointLabel: "knikpunt", format: english)
        let path = try #require(elements(svg, "path", class: "line").first?["d"])
        #expect(path.filter { $0 == "M" }.count == 1 && path.filter { $0 == "L" }.count == 3)
        let marks = elements(svg, "circle", class: "breakpoint")
        #expect(marks.count == 2)
        // A breakpoint sits on the line: at the same place as the point it marks.
        let dots = elements(svg, "circle", class: "point")
        #expect(dots.count == 4)
        #expect(marks[0]["cx"] == dots[1]["cx"] && marks[0]["cy"] == dots[1]["cy"])
        // Higher values are drawn higher (smaller y).
        let ys = dots.compactMap { Double($0["cy"] ?? "") }
        #expect(ys == ys.sorted(by: >))
        #expect(texts(svg, class: "legend-label") == ["Totale waarde", "knikpunt"])
        #expect(Set(texts(svg, class: "axis-title")) == ["Waarde", "Fte"])
        #expect(svg.contains("knikpunt: 100 → 80"))
    }

    @Test func aLineChartWithoutBreakpointsHasNoBreakpointLegend() {
        let svg = SVGCharts.lineChart(id: "l", text: text, series: [.init(name: "S", points: [(1, 1), (2, 3)], colour: "#000")],
                                      breakpoints: [], breakpointLabel: "knikpunt", format: dutch)
        #expect(!svg.contains("knikpunt"))
        #expect(elements(svg, "circle", class: "breakpoint").isEmpty)
    }

    // MARK: Scales

    @Test func ticksAreRoundAndCoverTheData() {
        #expect(SVGCharts.niceTicks(upTo: 124_091) == [0, 25_000, 50_000, 75_000, 100_000, 125_000])
        #expect(SVGCharts.niceTicks(upTo: 100) == [0, 20, 40, 60, 80, 100])
        let rates = SVGCharts.niceTicks(upTo: 0.81)
        #expect(rates.first == 0 && (rates.last ?? 0) >= 0.81 && rates.count <= 7)
        let span = SVGCharts.niceTicks(from: -3, to: 7)
        #expect((span.first ?? 0) <= -3 && (span.last ?? 0) >= 7 && span.contains(0))
        #expect(SVGCharts.niceTicks(upTo: 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    // MARK: Helpers

    /// The attributes of every `<tag class="…">` whose class is exactly `name`.
    private func elements(_ svg: String, _ tag: String, class name: String) -> [[String: String]] {
        svg.split(separator: "\n").compactMap { line -> [String: String]? in
            guard let start = line.range(of: "<\(tag) class=\"\(name)\"") else { return nil }
            let rest = line[start.upperBound...]
            let head = rest[..<(rest.firstIndex(of: ">") ?? rest.endIndex)]
            var attributes: [String: String] = [:]
            let pattern = try! NSRegularExpression(pattern: #"([a-z-]+)="([^"]*)""#)
            let text = String(head)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                let value = String(text[Range(match.range(at: 2), in: text)!])
                attributes[key] = value
            }
            return attributes
        }
    }

    /// The visible text (tspans joined, tooltips dropped) of every `<text class="name">`.
    private func texts(_ svg: String, class name: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<text class="\#(name)"[^>]*>(.*?)</text>"#)
        return pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { match in
            var inner = String(svg[Range(match.range(at: 1), in: svg)!])
            inner = inner.replacingOccurrences(of: #"<title>.*?</title>"#, with: "", options: .regularExpression)
            let spans = inner.components(separatedBy: "<tspan").count - 1
            inner = inner.replacingOccurrences(of: #"<tspan[^>]*>"#, with: spans > 1 ? " " : "", options: .regularExpression)
            inner = inner.replacingOccurrences(of: "</tspan>", with: "")
            return inner.trimmingCharacters(in: .whitespaces)
        }
    }
}

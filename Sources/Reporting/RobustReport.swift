import CapacityAllocation

/// `ivp solve --robust` as Markdown, HTML and JSON. Every number comes from the RobustResult.
public enum RobustReport {
    public static func markdown(_ result: RobustResult, language: Language) -> String {
        let text = RobustPhrases(language)
        var out = ["# \(text.title(result.scenario))", "", text.intro(result), "", "## \(text.summaryTitle)", ""]
        out += text.summaryLines(result).map { "- " + $0 }
        out += ["", "## \(text.reservesTitle)", ""]
        out.append(MarkdownTable.row(headers(text)))
        out.append(MarkdownTable.separator(6, numericFrom: 1))
        for row in rows(result, text) { out.append(MarkdownTable.row(row)) }
        out += ["", "## \(text.distributionTitle)", ""]
        out += text.distributionLines(result).map { "- " + $0 }
        out += ["", "## \(text.methodTitle)", "", text.methodLine(result), "", text.solveTime(result.solveSeconds), ""]
        out += ManifestSection.markdown(result.manifest, Phrases(language))
        return out.joined(separator: "\n") + "\n"
    }

    public static func html(_ result: RobustResult, language: Language) -> String {
        let text = RobustPhrases(language)
        let f = text.format
        var body: [String] = []
        body.append(#"<header class="report">"#)
        body.append(#"<p class="kind">\#(HTMLReport.esc(text.kind))</p>"#)
        body.append("<h1>\(HTMLReport.esc(text.title(result.scenario)))</h1>")
        body.append("</header>")
        body.append(#"<section id="summary" class="summary">"#)
        body.append("<h2>\(HTMLReport.esc(text.summaryTitle))</h2>")
        body.append(HTMLReport.paragraph(text.intro(result)))
        body.append(#"<div class="tiles">"#)
        body.append(HTMLReport.tileBlock("E[Q]", f.number(result.expectedObjective)))
        body.append(HTMLReport.tileBlock("VSS", f.number(result.vss)))
        body.append(HTMLReport.tileBlock("EVPI", f.number(result.evpi)))
        body.append(HTMLReport.tileBlock("P10", f.number(result.distribution.p10)))
        body.append("</div>")
        body.append(HTMLReport.list(text.summaryLines(result)))
        body.append(#"<p class="solve-time">"#)
        body.append(HTMLReport.esc(text.solveTime(result.solveSeconds)))
        body.append("</p>")
        body.append("</section>")
        body.append(#"<section id="reserves" class="page">"#)
        body.append("<h2>\(HTMLReport.esc(text.reservesTitle))</h2>")
        let chart = SVGCharts.divergingBars(
            id: "robust-reserve", text: SVGCharts.Text(title: text.chartTitle, valueAxis: text.hoursAxis, categoryAxis: text.poolHeader),
            categories: result.reserves.map(\.pool), values: result.reserves.map { $0.reserve - $0.fileReserve }, format: f,
            decreaseLabel: text.less, increaseLabel: text.more)
        body.append(HTMLReport.figureBlock(chart))
        body += HTMLReport.table(headers: headers(text), numeric: Set(1...5), rows: rows(result, text))
        body.append("</section>")
        body.append(#"<section id="distribution">"#)
        body.append("<h2>\(HTMLReport.esc(text.distributionTitle))</h2>")
        body.append(HTMLReport.list(text.distributionLines(result)))
        body.append("<h2>\(HTMLReport.esc(text.methodTitle))</h2>")
        body.append(HTMLReport.paragraph(text.methodLine(result)))
        body.append("</section>")
        body += ManifestSection.html(result.manifest, Phrases(language))
        return HTMLReport.page(title: text.title(result.scenario), language: language, body: body)
    }

    public static func json(_ result: RobustResult) throws -> String {
        try JSONReport.render(RobustJSON(result))
    }

    private static func headers(_ text: RobustPhrases) -> [String] {
        [text.poolHeader, text.capacityHeader, text.fileReserveHeader, text.reserveHeader, text.shareHeader, text.changeHeader]
    }

    private static func rows(_ result: RobustResult, _ text: RobustPhrases) -> [[String]] {
        let f = text.format
        return result.reserves.map { pool in
            let change = pool.reserve - pool.fileReserve
            return [pool.pool, f.hours(pool.capacity), f.hours(pool.fileReserve), f.hours(pool.reserve),
                    pool.capacity > 0 ? f.percent(pool.reserve / pool.capacity) : "–",
                    (change > 0.5 ? "+" : "") + f.hours(change)]
        }
    }
}

/// The JSON shape of `ivp solve --robust` (docs/json.md, "Robust reserve").
struct RobustJSON: Encodable {
    struct Reserve: Encodable {
        var pool: String
        var reserve: Double
        var fileReserve: Double
        var capacity: Double
    }

    struct NormalYear: Encodable {
        var value: Double
        var deterministicObjective: Double?
        var givenUp: Double?
    }

    struct Distribution: Encodable {
        var mean: Double
        var p10: Double
        var p50: Double
        var p90: Double
    }

    struct Robust: Encodable {
        var samples: Int
        var seed: UInt64?
        var riskAversion: Double
        var tailShare: Double
        var cutCost: Double
        var shortfallPenalty: Double
        var objective: Double
        var expectedObjective: Double
        var cvar: Double
        var distribution: Distribution
        var expectedValue: Double
        var expectedCutHours: Double
        var expectedShortfallHours: Double
        var fileExpectedObjective: Double
        var expectedValuePlanObjective: Double
        var vss: Double
        var perfectInformationObjective: Double
        var evpi: Double
        var normalYear: NormalYear
        var reserves: [Reserve]
        var iterations: Int
        var cuts: Int
        var gap: Double
    }

    var scenario: String
    var robust: Robust
    var solveSeconds: Double
    var manifest: Manifest

    init(_ result: RobustResult) {
        scenario = result.scenario
        solveSeconds = result.solveSeconds
        manifest = result.manifest
        let d = result.distribution
        robust = Robust(
            samples: result.samples, seed: result.seed, riskAversion: result.riskAversion, tailShare: result.tailShare,
            cutCost: result.cutCost, shortfallPenalty: result.shortfallPenalty, objective: result.objective, expectedObjective: result.expectedObjective,
            cvar: result.cvar, distribution: Distribution(mean: d.mean, p10: d.p10, p50: d.p50, p90: d.p90),
            expectedValue: result.expectedValue, expectedCutHours: result.expectedCutHours,
            expectedShortfallHours: result.expectedShortfallHours, fileExpectedObjective: result.fileExpectedObjective,
            expectedValuePlanObjective: result.expectedValuePlanObjective, vss: result.vss,
            perfectInformationObjective: result.perfectInformationObjective, evpi: result.evpi,
            normalYear: NormalYear(value: result.normalYearValue, deterministicObjective: result.deterministicObjective,
                                   givenUp: result.deterministicObjective.map { $0 - result.normalYearValue }),
            reserves: result.reserves.map { Reserve(pool: $0.pool, reserve: $0.reserve, fileReserve: $0.fileReserve, capacity: $0.capacity) },
            iterations: result.iterations, cuts: result.cuts, gap: result.gap)
    }
}

import Foundation
import Testing

/// `ivp compare`, `ivp sweep` and `ivp evaluate` with `--format html` through the built binary:
/// golden files for the structure of each report on the bundled scenarios, and the checks every
/// self-contained report must pass. Pixels are checked by scripts/browser-test.
@Suite struct HTMLTradeOffTests {
    static let bundled = "Scenarios/gooi-en-vechtstreek-2023.yaml"
    static let compare = ["compare", bundled, "Scenarios/gooi-zuid-capaciteit-min-10.yaml", "Scenarios/crisis-opvang.yaml"]
    static let sweep = ["sweep", bundled, "--vary", "reserve", "--from", "0", "--to", "0.3", "--steps", "31"]

    /// A fresh folder, removed by the caller.
    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-html-tradeoff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The bundled optimum with a few hours of Basisteam Gooi Zuid moved in Hilversum (as in
    /// EvaluateCLITests.aWorseAllocation): two minimums broken, 500 hours unused.
    static func movedAllocation(in directory: URL) throws -> String {
        let solved = try CLI.run(["solve", bundled, "--format", "csv"])
        #expect(solved.status == 0)
        var lines: [String] = []
        for line in solved.stdout.split(separator: "\n") {
            var fields = line.split(separator: ",").map(String.init)
            if fields[0] == "gooi-zuid-basis" && fields[2] == "hilversum", let hours = Double(fields[3]) {
                switch fields[1] {
                case "drugshandel-op-straat": fields[3] = "\(hours + 3000)"
                case "woninginbraak": fields[3] = "\(hours - 2000)"
                case "veilig-uitgaan": fields[3] = "0"
                default: break
                }
            }
            lines.append(fields.joined(separator: ","))
        }
        let path = directory.appendingPathComponent("current.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `text` with the repository's folder left out of every path.
    static func relative(_ text: String) -> String {
        text.replacingOccurrences(of: CLI.repository.path + "/", with: "")
    }

    // MARK: Golden files

    @Test func theDutchCompareReportMatchesItsGoldenFile() throws {
        let output = try CLI.run(Self.compare + ["--format", "html"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        try expectSelfContained(output.stdout, language: "nl",
                                charts: ["chart-shift-themes-1", "chart-shift-municipalities-1", "chart-shift-themes-2", "chart-shift-municipalities-2"])
        // The what-ifs name the base they extend by its full path: the checkout's folder is left out.
        try CLI.expectGolden(Self.relative(output.stdout), "compare.nl.html")
    }

    @Test func theEnglishCompareReportMatchesItsGoldenFile() throws {
        let output = try CLI.run(Self.compare + ["--format", "html", "--lang", "en"])
        #expect(output.status == 0, "\(output.stderr)")
        try expectSelfContained(output.stdout, language: "en", charts: ["chart-shift-themes-1", "chart-shift-municipalities-2"])
        try CLI.expectGolden(Self.relative(output.stdout), "compare.en.html")
    }

    @Test func theSweepReportMatchesItsGoldenFile() throws {
        let output = try CLI.run(Self.sweep + ["--format", "html"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let html = output.stdout
        try expectSelfContained(html, language: "nl", charts: ["chart-sweep-value", "chart-sweep-hour-values"])
        // The solve time stands on a line of its own, so the golden file can ignore it.
        #expect(html.split(separator: "\n").contains { $0.hasPrefix("Rekentijd: ") })
        // Every breakpoint is marked on the curve, and the infeasible points are named.
        let curve = try #require(chartSVG(html, id: "chart-sweep-value"))
        #expect(curve.components(separatedBy: #"<circle class="breakpoint""#).count - 1 == 15)
        #expect(curve.components(separatedBy: #"<circle class="point""#).count - 1 == 21)
        #expect(html.contains("Geen verdeling mogelijk bij: 0,21–0,3."))
        try CLI.expectGolden(html, "sweep-reserve.nl.html")
    }

    @Test func theEnglishSweepReportMatchesItsGoldenFile() throws {
        let output = try CLI.run(Self.sweep + ["--format", "html", "--lang", "en"])
        #expect(output.status == 0, "\(output.stderr)")
        try expectSelfContained(output.stdout, language: "en", charts: ["chart-sweep-value", "chart-sweep-hour-values"])
        #expect(output.stdout.split(separator: "\n").contains { $0.hasPrefix("Solve time: ") })
        try CLI.expectGolden(output.stdout, "sweep-reserve.en.html")
    }

    @Test func theEvaluateReportsMatchTheirGoldenFiles() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.movedAllocation(in: directory)
        for language in ["nl", "en"] {
            let output = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--format", "html", "--lang", language])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.isEmpty)
            let html = output.stdout.replacingOccurrences(of: directory.path, with: "TMP")
            try expectSelfContained(html, language: language, charts: ["chart-move-gains", "chart-municipality-gap"])
            let gains = try #require(chartSVG(html, id: "chart-move-gains"))
            #expect(gains.components(separatedBy: #"<rect class="bar""#).count - 1 == 3)
            #expect(html.contains("<code>TMP/current.csv</code>"))
            try CLI.expectGolden(html, "evaluate.\(language).html")
        }
    }

    // MARK: Other cases

    @Test func theOptimumItselfHasNoMovesAndNoGapChart() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let solved = try CLI.run(["solve", Self.bundled, "--format", "csv"])
        let path = directory.appendingPathComponent("optimum.csv").path
        try solved.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let output = try CLI.run(["evaluate", Self.bundled, "--allocation", path, "--format", "html", "--lang", "en"])
        #expect(output.status == 0)
        try expectSelfContained(output.stdout, language: "en", charts: [])
        #expect(!output.stdout.contains("<svg"))
        #expect(output.stdout.contains("The allocation is optimal: no move gains anything."))
        #expect(output.stdout.contains("No constraint is broken."))
    }

    @Test func aSweepWithoutAFeasiblePointHasNoChart() throws {
        // A flexibility reserve of 60% or more leaves too little for the minimums.
        let output = try CLI.run(["sweep", Self.bundled, "--vary", "reserve", "--values", "0.6,0.7", "--format", "html", "--lang", "en"])
        #expect(output.status == 0)
        try expectSelfContained(output.stdout, language: "en", charts: [])
        #expect(!output.stdout.contains("<svg"))
        #expect(output.stdout.contains("None of the 2 points is feasible."))
        #expect(output.stdout.contains("No allocation is possible at: 0.6–0.7."))
    }

    @Test func namesFromTheWhatIfAreEscaped() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = CLI.repository.appendingPathComponent(Self.bundled).path
        let file = directory.appendingPathComponent("hostile.yaml")
        try """
            extends: \(base)
            name: "IVP <script>alert('x')</script> & \\"co\\""
            municipalities:
              - {id: laren, name: "Laren <NH> & \\"'t Gooi\\""}
            pools:
              - {id: gooi-zuid-basis, fte: 108}
            """.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["compare", Self.bundled, file.path, "--format", "html"])
        #expect(output.status == 0, "\(output.stderr)")
        let html = output.stdout
        #expect(!html.contains("<script") && !html.contains("<NH>"))
        #expect(html.contains("<h2>IVP &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</h2>"))
        #expect(html.contains("Laren &lt;NH&gt; &amp; &quot;&#39;t Gooi&quot;"))
    }

    @Test func theOutputFileHoldsTheSameReport() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("vergelijking.html").path
        let written = try CLI.run(Self.compare + ["--format", "html", "--output", path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        let printed = try CLI.run(Self.compare + ["--format", "html"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == printed.stdout)
    }

    // MARK: Helpers

    /// What every HTML report must be: one whole document in the language asked for, no script,
    /// nothing fetched from elsewhere, balanced sections, tables, figures and charts, and each
    /// chart named in `charts` with a title, two axis labels, a legend and marks.
    private func expectSelfContained(_ html: String, language: String, charts: [String],
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">"), sourceLocation: sourceLocation)
        #expect(html.hasSuffix("</html>\n"), sourceLocation: sourceLocation)
        #expect(!html.lowercased().contains("<script"), sourceLocation: sourceLocation)
        #expect(!html.contains("<link") && !html.contains("@import") && !html.contains("<img"), sourceLocation: sourceLocation)
        #expect(html.components(separatedBy: "http").count == html.components(separatedBy: "http://www.w3.org/2000/svg").count,
                "an address other than the SVG namespace", sourceLocation: sourceLocation)
        #expect(html.contains("@page { size: A4"), sourceLocation: sourceLocation)
        for tag in ["section", "svg", "table", "figure", "ul", "ol", "code"] {
            #expect(html.components(separatedBy: "<\(tag)").count == html.components(separatedBy: "</\(tag)>").count,
                    "unbalanced <\(tag)>", sourceLocation: sourceLocation)
        }
        for chart in charts {
            let svg = try #require(chartSVG(html, id: chart), "no \(chart)", sourceLocation: sourceLocation)
            #expect(svg.contains(#"<text class="chart-title""#), "\(chart): title", sourceLocation: sourceLocation)
            #expect(svg.components(separatedBy: #"<text class="axis-title""#).count - 1 == 2, "\(chart): axis labels", sourceLocation: sourceLocation)
            #expect(svg.contains(#"class="legend-entry""#), "\(chart): legend", sourceLocation: sourceLocation)
            #expect(svg.contains(#"<rect class="bar"#) || svg.contains(#"<path class="line""#), "\(chart): empty", sourceLocation: sourceLocation)
        }
    }

    private func chartSVG(_ html: String, id: String) -> String? {
        guard let start = html.range(of: #"<svg class="chart" id="\#(id)""#) else { return nil }
        guard let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }
}

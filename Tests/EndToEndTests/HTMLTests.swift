import Foundation
import Testing

/// `ivp solve --format html` through the built binary: golden files for the structure of the
/// bundled scenario's report (Dutch, English, and the infeasible over-committed scenario), and
/// checks that hold for every bundled scenario. Pixels are checked by scripts/browser-test.
@Suite struct HTMLTests {
    static let bundled = "Scenarios/gooi-en-vechtstreek-2023.yaml"
    static let charts = ["chart-hours", "chart-pools", "chart-coverage", "chart-hour-value"]

    @Test func theDutchHTMLReportMatchesItsGoldenFile() throws {
        let output = try CLI.run(["solve", Self.bundled, "--format", "html"])
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        try CLI.expectGolden(output.stdout, "gooi-en-vechtstreek.nl.html")
    }

    @Test func theEnglishHTMLReportMatchesItsGoldenFile() throws {
        let output = try CLI.run(["solve", Self.bundled, "--format", "html", "--lang", "en"])
        #expect(output.status == 0)
        try CLI.expectGolden(output.stdout, "gooi-en-vechtstreek.en.html")
    }

    @Test func theInfeasibleScenarioStillGetsAReport() throws {
        let output = try CLI.run(["solve", "Scenarios/gooi-en-vechtstreek-overvraagd.yaml", "--format", "html"])
        #expect(output.status == 3)
        #expect(output.stdout.contains(#"<section id="diagnosis""#))
        #expect(!output.stdout.contains(#"<svg class="chart""#))
        try CLI.expectGolden(output.stdout, "gooi-en-vechtstreek-overvraagd.nl.html")
    }

    @Test func everyBundledScenarioHasAWholeSelfContainedReport() throws {
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: CLI.repository.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(scenarios.count >= 5)
        for scenario in scenarios {
            for language in ["nl", "en"] {
                let output = try CLI.run(["solve", "Scenarios/\(scenario)", "--format", "html", "--lang", language])
                #expect([0, 3].contains(output.status), "\(scenario): exit \(output.status) \(output.stderr)")
                let html = output.stdout
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">"), "\(scenario)")
                #expect(html.hasSuffix("</html>\n"), "\(scenario)")
                #expect(!html.lowercased().contains("<script"), "\(scenario)")
                #expect(html.components(separatedBy: "http").count == html.components(separatedBy: "http://www.w3.org/2000/svg").count,
                        "\(scenario): an address other than the SVG namespace")
                #expect(balanced(html, "section") && balanced(html, "svg") && balanced(html, "table") && balanced(html, "figure"), "\(scenario)")
                if output.status == 0 {
                    for chart in Self.charts {
                        let svg = try #require(chartSVG(html, id: chart), "\(scenario): no \(chart)")
                        #expect(svg.contains(#"<text class="chart-title""#), "\(scenario) \(chart): title")
                        #expect(svg.components(separatedBy: #"<text class="axis-title""#).count - 1 == 2, "\(scenario) \(chart): axis labels")
                        #expect(svg.contains(#"class="legend-entry""#) || svg.contains(#"class="legend-scale""#), "\(scenario) \(chart): legend")
                        #expect(svg.contains(#"<rect class="bar""#) || svg.contains(#"<rect class="cell""#), "\(scenario) \(chart): empty")
                    }
                } else {
                    #expect(!html.contains("<svg"), "\(scenario): a chart without an allocation")
                }
            }
        }
    }

    @Test func namesFromTheScenarioAreEscaped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = CLI.repository.appendingPathComponent(Self.bundled).path
        let file = directory.appendingPathComponent("hostile.yaml")
        try """
            extends: \(base)
            name: "IVP <script>alert('x')</script> & \\"co\\""
            municipalities:
              - {id: laren, name: "Laren <NH> & \\"'t Gooi\\""}
            """.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["solve", file.path, "--format", "html"])
        #expect(output.status == 0, "\(output.stderr)")
        let html = output.stdout
        #expect(!html.contains("<script") && !html.contains("<NH>"))
        #expect(html.contains("<h1>IVP &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</h1>"))
        #expect(html.contains("Laren &lt;NH&gt; &amp; &quot;&#39;t Gooi&quot;"))
    }

    @Test func theOutputFileHoldsTheSameReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rapport.html").path
        let written = try CLI.run(["solve", Self.bundled, "--format", "html", "--lang", "en", "--output", path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        let printed = try CLI.run(["solve", Self.bundled, "--format", "html", "--lang", "en"])
        #expect(CLI.normalised(try String(contentsOfFile: path, encoding: .utf8)) == CLI.normalised(printed.stdout))
    }

    // MARK: Helpers

    private func chartSVG(_ html: String, id: String) -> String? {
        guard let start = html.range(of: #"<svg class="chart" id="\#(id)""#) else { return nil }
        guard let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    private func balanced(_ html: String, _ tag: String) -> Bool {
        html.components(separatedBy: "<\(tag)").count == html.components(separatedBy: "</\(tag)>").count
    }
}

import CapacityAllocation
import Foundation
import Testing
@testable import Reporting

/// The HTML report of small scenarios solved for real: self-contained, escaped, in the reader's
/// language, with the charts when there is an allocation and the diagnosis when there is none.
@Suite struct HTMLReportTests {
    /// Names full of what HTML must not see raw.
    static let hostile = """
        name: "Plan <b>Noord</b> & \\"Zuid\\""
        description: "Een beschrijving met <script>alert('x')</script> & meer"
        hours_per_fte: 1000
        base_teams: [{id: b, name: "Team <B> & 'co'"}]
        municipalities:
          - {id: a, name: "A&B <stad>", base_team: b}
          - {id: c, name: "C \\"dorp\\"", base_team: b}
        pools:
          - {id: p, name: "Pool <p> & 'q'", at: b, kind: general, fte: 1}
        themes:
          - {id: t1, name: "Thema <1> & \\"één\\"", level: local, adopted_by: [a, c], kinds: {general: 1},
             need: {by_municipality: {a: 600, c: 600}}}
          - {id: t2, name: "T2", level: local, adopted_by: [a], kinds: {general: 1}, weight: 0.5,
             need: {by_municipality: {a: 300}}}
        """

    static let infeasible = """
        name: Te veel beloofd
        hours_per_fte: 1000
        base_teams: [{id: b, name: B}]
        municipalities: [{id: a, name: A, base_team: b}]
        pools:
          - {id: p, name: P, at: b, kind: general, fte: 1}
        themes:
          - {id: t, name: T, level: local, adopted_by: [a], kinds: {general: 1}, minimum: 1.0,
             need: {by_municipality: {a: 2000}}}
        """

    private func report(_ yaml: String, _ language: Language = .nl) throws -> (AllocationResult, String) {
        let scenario = try ScenarioLoader.load(text: yaml, name: "test.yaml")
        let result = try Allocator.solve(scenario, options: AllocationOptions(mode: .weighted))
        return (result, HTMLReport.render(result, language: language))
    }

    @Test func theReportIsOneSelfContainedFileWithoutScripts() throws {
        let (_, html) = try report(Self.hostile)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link") && !html.contains("@import") && !html.contains("<img"))
        let addresses = html.components(separatedBy: "http").count - 1
        let svgNamespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
        #expect(addresses == svgNamespaces, "no address but the SVG namespace")
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("break-inside: avoid"))
        #expect(html.contains("section.page { break-before: page"))
        #expect(html.contains("thead { display: table-header-group; }"))
    }

    @Test func everythingFromTheScenarioIsEscaped() throws {
        let (_, html) = try report(Self.hostile)
        for raw in ["<b>Noord</b>", "<script>", "<B>", "<stad>", "<p> &", "<1>"] {
            #expect(!html.contains(raw), "raw \(raw) in the HTML")
        }
        #expect(html.contains("<title>Plan &lt;b&gt;Noord&lt;/b&gt; &amp; &quot;Zuid&quot;</title>"))
        #expect(html.contains("<h1>Plan &lt;b&gt;Noord&lt;/b&gt; &amp; &quot;Zuid&quot;</h1>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; meer"))
        #expect(html.contains("A&amp;B &lt;stad&gt;"))
        #expect(html.contains("Pool &lt;p&gt; &amp; &#39;q&#39;"))
        #expect(html.contains("Thema &lt;1&gt; &amp; &quot;één&quot;"))
    }

    @Test func aFeasibleReportHasTheSummaryFirstThenFourChartsThenTheWhy() throws {
        let (_, html) = try report(Self.hostile)
        let order = [#"<section id="summary""#, #"<section id="charts""#, #"id="chart-hours""#, #"id="chart-pools""#,
                     #"id="chart-coverage""#, #"id="chart-hour-value""#, #"<section id="why""#, #"<section id="promises""#,
                     #"<section id="fte""#, #"<section id="tables""#, #"<section id="manifest""#]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        for (marker, position) in zip(order, positions) { #expect(position != nil, "missing \(marker)") }
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "sections out of order")
        #expect(html.components(separatedBy: #"<svg class="chart""#).count - 1 == 4)
        #expect(html.contains("<h3>Wat we kunnen</h3>") && html.contains("<h3>Wat we opgeven</h3>"))
        #expect(html.contains("<strong>Uitkomst:</strong> optimaal."))
    }

    @Test func dutchByDefaultAndEnglishOnRequestWithTheirNumbers() throws {
        let (_, nl) = try report(Self.hostile, .nl)
        let (_, en) = try report(Self.hostile, .en)
        #expect(nl.contains("<h2>Samenvatting</h2>") && nl.contains("Uren per jaar") && nl.contains("1.000 uur"))
        #expect(en.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(en.contains("<h2>Summary</h2>") && en.contains("Hours per year") && en.contains("1,000 hours"))
        for dutch in ["Samenvatting", "Uren per jaar", "Gemeente", "geen behoefte", "Verantwoording", "Rekentijd"] {
            #expect(!en.contains(dutch), "Dutch \(dutch) in the English report")
        }
        for english in ["Summary", "Hours per year", "Municipality", "no need", "Provenance", "Solve time"] {
            #expect(!nl.contains(english), "English \(english) in the Dutch report")
        }
    }

    @Test func theSolveTimeStandsOnALineOfItsOwn() throws {
        let (_, nl) = try report(Self.hostile, .nl)
        let (_, en) = try report(Self.hostile, .en)
        #expect(nl.split(separator: "\n").contains { $0.hasPrefix("Rekentijd: ") && $0.hasSuffix(").") })
        #expect(en.split(separator: "\n").contains { $0.hasPrefix("Solve time: ") && $0.hasSuffix(").") })
    }

    @Test func anInfeasibleReportExplainsWhyAndDrawsNoAllocation() throws {
        let (result, html) = try report(Self.infeasible)
        #expect(result.status == .infeasible)
        #expect(!html.contains(#"<svg class="chart""#))
        #expect(html.contains(#"<section id="diagnosis""#))
        #expect(html.contains("<h2>Waarom het niet past</h2>"))
        #expect(!html.contains(#"<section id="why""#))
        #expect(html.contains(#"<section id="manifest""#))
    }

    @Test func markdownEmphasisBecomesStrongAndNothingElse() {
        #expect(HTMLReport.inline("**Uitkomst:** goed & wel") == "<strong>Uitkomst:</strong> goed &amp; wel")
        #expect(HTMLReport.inline("a ** b") == "a ** b")
        #expect(HTMLReport.inline("<i>") == "&lt;i&gt;")
    }
}

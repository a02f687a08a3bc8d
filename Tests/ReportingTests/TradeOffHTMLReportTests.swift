import CapacityAllocation
import Foundation
import Testing
@testable import Reporting

/// The HTML reports of compare, sweep and evaluate on small scenarios solved for real: escaped,
/// in the reader's language, with their charts; and the small choices they make (the points of
/// the wide sweep tables, the runs of infeasible values, the move labels).
@Suite struct TradeOffHTMLReportTests {
    /// Names full of what HTML must not see raw; 1,000 hours, 1,500 of need.
    static let hostile = """
        name: "Plan <b>Noord</b> & \\"Zuid\\""
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

    static func scenario(_ yaml: String = hostile, name: String = "test.yaml") throws -> Scenario {
        try ScenarioLoader.load(text: yaml, name: name)
    }

    static func sweep(_ values: [Double]) throws -> SweepResult {
        let scenario = try scenario()
        return try Sweep.run(scenario, parameter: try ScenarioParameter("pools.p.fte", in: scenario), values: values)
    }

    @Test func theSweepReportIsEscapedAndDrawsTheCurve() throws {
        let html = SweepHTMLReport.render(try Self.sweep([0.4, 0.8, 1.2, 1.6, 2.0]), language: .nl)
        for raw in ["<b>Noord</b>", "<p> &", "<1>", "<script"] { #expect(!html.contains(raw), "raw \(raw)") }
        #expect(html.contains("Pool &lt;p&gt; &amp; &#39;q&#39;"))
        #expect(html.contains(#"<svg class="chart" id="chart-sweep-value""#))
        #expect(html.contains(#"<svg class="chart" id="chart-sweep-hour-values""#))
        // Past the 1,200 hours T1 needs, an hour goes to T2 and is worth less: a breakpoint.
        #expect(html.contains(#"<circle class="breakpoint""#))
        #expect(html.contains("In het scenario zelf is pools.p.fte = 1."))
    }

    @Test func sweepLabelsAreInOneLanguage() throws {
        let sweep = try Self.sweep([0.5, 1.0])
        let nl = SweepHTMLReport.render(sweep, language: .nl), en = SweepHTMLReport.render(sweep, language: .en)
        for dutch in ["Samenvatting", "Haalbare punten", "Waar de curve knikt", "Verantwoording", "Rekentijd"] {
            #expect(nl.contains(dutch) && !en.contains(dutch), "\(dutch)")
        }
        for english in ["Summary", "Feasible points", "Where the curve bends", "Provenance", "Solve time"] {
            #expect(en.contains(english) && !nl.contains(english), "\(english)")
        }
    }

    @Test func theWideSweepTablesShowAtMostSevenFeasiblePointsWithTheEndsAndTheScenario() throws {
        // 1 FTE is the scenario's own value; 0 FTE is feasible too (there is no minimum).
        let values = (0...20).map { Double($0) / 10 }
        let sweep = try Self.sweep(values)
        let chosen = SweepHTMLReport.chosenPoints(sweep)
        #expect(chosen.count == 7)
        #expect(chosen.first == 0 && chosen.last == 20)
        #expect(chosen.contains(10))
        #expect(chosen == chosen.sorted())
        let few = try Self.sweep([0.5, 1.0, 1.5])
        #expect(SweepHTMLReport.chosenPoints(few) == [0, 1, 2])
    }

    @Test func infeasibleValuesAreNamedAsRuns() throws {
        let sweep = try Self.sweep([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        let f = NumberFormat(.nl)
        #expect(SweepHTMLReport.ranges([0.2, 0.3, 0.4, 0.6], in: sweep, f) == "0,2–0,4, 0,6")
        #expect(SweepHTMLReport.ranges([0.1], in: sweep, f) == "0,1")
        #expect(SweepHTMLReport.ranges([], in: sweep, f) == "")
    }

    @Test func theCompareReportDrawsTheShiftsOfEachVariantAndEscapesIt() throws {
        let base = try Self.scenario()
        let smaller = try Self.scenario(Self.hostile.replacingOccurrences(of: "fte: 1}", with: "fte: 0.5}")
                                            .replacingOccurrences(of: #"name: "Plan <b>Noord</b> & \"Zuid\"""#, with: #"name: "Kleiner <i>""#),
                                        name: "smaller.yaml")
        let comparison = try Comparison.compare(base: ("base.yaml", base), others: [("smaller.yaml", smaller)])
        let html = CompareHTMLReport.render(comparison, language: .en)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for raw in ["<b>Noord</b>", "<i>", "<stad>", "<1>"] { #expect(!html.contains(raw), "raw \(raw)") }
        #expect(html.contains("<h2>Kleiner &lt;i&gt;</h2>"))
        #expect(html.contains(#"<svg class="chart" id="chart-shift-themes-1""#))
        #expect(html.contains(#"<svg class="chart" id="chart-shift-municipalities-1""#))
        #expect(html.contains(#"<rect class="bar decrease""#))
        #expect(html.contains("<code>pools[p].fte</code>"))
        #expect(html.contains("Shift in hours per theme, against the base"))
    }

    @Test func theEvaluateReportChartsTheGainOfEachMove() throws {
        let scenario = try Self.scenario()
        // Everything on T2 in A, which needs only 300: the rest is worth nothing.
        let csv = "pool,theme,municipality,hours\np,t2,a,1000\n"
        let result = try Evaluator.evaluate(scenario, csv: csv, name: "current.csv")
        #expect(!result.moves.isEmpty)
        let html = EvaluateHTMLReport.render(result, language: .nl)
        #expect(html.contains(#"<svg class="chart" id="chart-move-gains""#))
        #expect(html.components(separatedBy: #"<rect class="bar""#).count - 1 >= result.moves.count)
        #expect(html.contains("<code>current.csv</code>"))
        let labels = EvaluateHTMLReport.moveLabels(result, Phrases(.nl))
        #expect(labels.count == result.moves.count)
        #expect(labels.enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset + 1). ") })
        #expect(labels.allSatisfy { SVGCharts.textWidth($0, size: 11) <= 280 })
    }

    @Test func codeAndEmphasisInSentencesBecomeHTMLAndNothingElse() {
        #expect(HTMLReport.rich("De wijziging van `pools[a].fte` (1 → 2) **kost** <veel>")
                == "De wijziging van <code>pools[a].fte</code> (1 → 2) <strong>kost</strong> &lt;veel&gt;")
        #expect(HTMLReport.rich("een ` losse") == "een ` losse")
        #expect(HTMLReport.rich("`<b>`") == "<code>&lt;b&gt;</code>")
    }
}

import CapacityAllocation

/// The pieces of the live what-if page (`ivp serve`) that the server renders after every change
/// and the page swaps in: the summary tiles and sentences, the report's SVG charts, the coverage
/// grid and "what changed against the plan". The same words (Phrases) and the same charts
/// (SVGCharts) as the HTML report; the page computes no number itself.
public enum LiveFragments {
    /// The summary: the figures as tiles (each with its exact value in `data-value`, so that a
    /// test can compare them with `ivp solve`), the status, capacity, value and margin sentences.
    /// `plan`, when given, adds the change of value and attainment against it.
    public static func summary(_ result: AllocationResult, plan: AllocationResult?, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        var out: [String] = [#"<div class="tiles">"#]
        func tile(_ id: String, _ label: String, _ figure: String, _ value: Double?, change: String? = nil) {
            let data = value.map { #" data-value="\#(exact($0))""# } ?? ""
            let changeText = change.map { #"<span class="change">\#(HTMLReport.esc($0))</span>"# } ?? ""
            out.append(#"<div class="tile" id="tile-\#(id)"><span class="label">\#(HTMLReport.esc(label))</span>"#
                       + #"<span class="figure"\#(data)>\#(HTMLReport.esc(figure))</span>\#(changeText)</div>"#)
        }
        if let objective = result.objective {
            let change = plan?.objective.map { CompareReport.signed(f, objective - $0) }
            tile("objective", text.value, f.number(objective), objective, change: change)
        }
        if let attainment = result.attainment, result.objective != nil {
            let change = plan?.attainment.map { CompareReport.signedPoints(f, attainment - $0) }
            tile("attainment", text.keyAttainment, f.percent(attainment), attainment, change: change)
        }
        tile("capacity", text.keyCapacity, "\(f.hours(result.capacity)) \(text.hoursUnit)", result.capacity)
        if result.objective != nil {
            tile("allocated", text.keyAllocated, "\(f.hours(result.allocated)) \(text.hoursUnit)", result.allocated)
        }
        tile("reserve", text.keyReserve, "\(f.hours(result.reserve)) \(text.hoursUnit)", result.reserve)
        out.append("</div>")
        var lines = [text.statusLine(result), text.capacityLine(result)]
        if result.objective != nil { lines.append(text.valueLine(result)) }
        lines += text.marginLines(result)
        out.append(HTMLReport.list(lines))
        if let diagnosis = result.diagnosis, result.status == .infeasible {
            out.append("<h3>\(HTMLReport.esc(text.diagnosisTitle))</h3>")
            out.append(HTMLReport.paragraph(text.diagnosisIntro))
            out.append(HTMLReport.list(diagnosis.map { text.diagnosisSentence($0, result) }))
            if let relief = result.reserveRelief, !relief.isEmpty { out.append(HTMLReport.paragraph(text.reliefSentence(relief, result))) }
        }
        return out.joined(separator: "\n")
    }

    /// The charts of the HTML report (hours per municipality, the pools, the hour values): empty
    /// without an allocation.
    public static func charts(_ result: AllocationResult, language: Language) -> String {
        guard result.objective != nil else { return "" }
        let text = Phrases(language)
        return [HTMLReport.hoursChart(result, text), HTMLReport.poolChart(result, text), HTMLReport.hourValueChart(result, text)]
            .map(HTMLReport.figureBlock).joined(separator: "\n")
    }

    /// The coverage grid of the HTML report (share of need per theme and municipality).
    public static func coverage(_ result: AllocationResult, language: Language) -> String {
        guard result.objective != nil else { return "" }
        return HTMLReport.figureBlock(HTMLReport.coverageChart(result, Phrases(language)))
    }

    /// "What changed against the plan": the stable difference as the compare report shows one
    /// variant (headline, shifts, input changes, promises, hour values); a sentence when nothing
    /// was changed yet.
    public static func difference(_ difference: ScenarioDifference?, title: String, hoursMoved: Double?,
                                  names: [String: String], language: Language) -> String {
        let text = Phrases(language)
        guard let difference else { return HTMLReport.paragraph(text.noInputChanges) }
        return CompareHTMLReport.variantSection(difference, number: 1, title: title, hoursMoved: hoursMoved, stable: true,
                                                base: text.planLabel, names: names, text: text).joined(separator: "\n")
    }

    /// The report stylesheet and the trade-off reports' additions, for the page.
    public static var stylesheet: String { HTMLReport.stylesheet + "\n" + HTMLReport.tradeOffStyle }

    /// Every digit of a figure (the shortest text that reads back as the same Double).
    static func exact(_ value: Double) -> String { "\(value)" }
}

extension Phrases {
    var planLabel: String { language == .nl ? "het plan" : "the plan" }
}

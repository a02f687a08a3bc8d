import CapacityAllocation

/// The per-municipality pages (HTML and Markdown) and the choropleth map of the solve report.
/// Every figure comes from `MunicipalityPage` and `MunicipalityMap`; this file only prints them.
public enum MunicipalityReport {
    /// Above this many municipalities the whole report leaves the pages out (a national scenario
    /// would have 342); `ivp solve --municipality ID` prints any one of them.
    public static let pagesShownUpTo = 12

    // MARK: Markdown

    /// One municipality's page on its own, as `ivp solve --municipality ID --format markdown` prints it.
    public static func markdown(_ page: MunicipalityPage, _ result: AllocationResult, language: Language) -> String {
        let text = Phrases(language)
        var out = ["# \(result.scenario): \(page.name)", ""]
        out += markdownBody(page, result, text, level: 2)
        return out.joined(separator: "\n") + "\n"
    }

    /// The section of the whole Markdown report: every page, or a note when there are too many.
    static func markdownSection(_ pages: [MunicipalityPage], _ result: AllocationResult, _ text: Phrases) -> [String] {
        guard !pages.isEmpty else { return [] }
        var out = ["## \(text.municipalityPagesTitle)", ""]
        guard pages.count <= pagesShownUpTo else { return out + [text.municipalityPagesOmitted(pages.count), ""] }
        out += [text.municipalityPagesIntro, ""]
        for page in pages {
            out += ["### \(page.name)", ""]
            out += markdownBody(page, result, text, level: 4)
        }
        return out
    }

    private static func markdownBody(_ page: MunicipalityPage, _ result: AllocationResult, _ text: Phrases, level: Int) -> [String] {
        let f = text.format
        let heading = String(repeating: "#", count: level)
        var out = [text.pageFacts(page), "", "- " + text.pageHoursLine(page), "- " + text.pageAttainmentLine(page), ""]
        out += ["\(heading) \(text.themeHoursTitle)", ""]
        out.append(MarkdownTable.row([text.theme, text.hoursLabel, text.need, text.covered, text.share]))
        out.append(MarkdownTable.separator(5, numericFrom: 1))
        for line in page.themes {
            out.append(MarkdownTable.row([line.name, line.hours > 0.5 ? f.hours(line.hours) : "–", f.hours(line.need),
                                          f.hours(line.covered), line.need > 0 ? f.percent(line.share, decimals: 0) : "–"]))
        }
        out.append(MarkdownTable.row(["**\(text.total)**", "**\(f.hours(page.hours))**", "", "", ""]))
        out += ["", "\(heading) \(text.poolHoursTitle)", ""]
        out.append(MarkdownTable.row([text.pool, text.kind, text.hoursLabel]))
        out.append(MarkdownTable.separator(3, numericFrom: 2))
        for line in page.pools {
            out.append(MarkdownTable.row([line.mutualAid ? "\(line.name) (\(text.mutualAidMark))" : line.name,
                                          text.kindName(line.kind), f.hours(line.hours)]))
        }
        out += ["", "\(heading) \(text.pagePromisesTitle(page.name))", ""]
        out += page.promises.isEmpty ? [text.pageNoPromise] : page.promises.map { "- " + text.pagePromiseSentence($0, page, result) }
        out += ["", "\(heading) \(text.pageGiveUpTitle(page.name))", ""]
        out += page.shortfalls.isEmpty ? [text.pageNoShortfall] : page.shortfalls.map { "- " + text.shortfallSummary($0, result) }
        return out + [""]
    }

    // MARK: HTML

    /// One municipality's page as a whole HTML document, with the map when there is one.
    public static func html(_ page: MunicipalityPage, _ result: AllocationResult, map: MunicipalityMap?, language: Language) -> String {
        let text = Phrases(language)
        var body = [#"<header class="report">"#, #"<p class="kind">\#(esc(result.scenario))</p>"#, "<h1>\(esc(page.name))</h1>", "</header>"]
        body += htmlBody(page, result, text, level: 2)
        if let map { body += [#"<section id="map">"#] + mapFigure(map, text, highlight: page.id) + ["</section>"] }
        return HTMLReport.page(title: "\(result.scenario): \(page.name)", language: language, body: body)
    }

    /// The section of the whole HTML report; each municipality on a printed page of its own.
    static func htmlSection(_ pages: [MunicipalityPage], _ result: AllocationResult, _ text: Phrases) -> [String] {
        guard !pages.isEmpty else { return [] }
        var out = [#"<section id="municipalities">"#, "<h2>\(esc(text.municipalityPagesTitle))</h2>"]
        if pages.count > pagesShownUpTo {
            return out + [HTMLReport.paragraph(text.municipalityPagesOmitted(pages.count)), "</section>"]
        }
        out.append(HTMLReport.paragraph(text.municipalityPagesIntro))
        for page in pages {
            out.append(#"<section class="page" id="municipality-\#(esc(page.id))" data-municipality-page="\#(esc(page.id))">"#)
            out.append("<h3>\(esc(page.name))</h3>")
            out += htmlBody(page, result, text, level: 4)
            out.append("</section>")
        }
        return out + ["</section>"]
    }

    private static func htmlBody(_ page: MunicipalityPage, _ result: AllocationResult, _ text: Phrases, level: Int) -> [String] {
        let f = text.format
        var out = [HTMLReport.paragraph(text.pageFacts(page), class: "description"),
                   HTMLReport.list([text.pageHoursLine(page), text.pageAttainmentLine(page)])]
        var themeRows = page.themes.map { line in
            [line.name, line.hours > 0.5 ? f.hours(line.hours) : "–", f.hours(line.need), f.hours(line.covered),
             line.need > 0 ? f.percent(line.share, decimals: 0) : "–"]
        }
        themeRows.append([text.total, f.hours(page.hours), "", "", ""])
        out += HTMLReport.table(caption: text.themeHoursTitle, headers: [text.theme, text.hoursLabel, text.need, text.covered, text.share],
                                numeric: [1, 2, 3, 4], rows: themeRows, totalRow: true)
        out += HTMLReport.table(caption: text.poolHoursTitle, headers: [text.pool, text.kind, text.hoursLabel], numeric: [2],
                                rows: page.pools.map { line in
                                    [line.mutualAid ? "\(line.name) (\(text.mutualAidMark))" : line.name, text.kindName(line.kind), f.hours(line.hours)]
                                })
        out.append("<h\(level)>\(esc(text.pagePromisesTitle(page.name)))</h\(level)>")
        out.append(page.promises.isEmpty ? HTMLReport.paragraph(text.pageNoPromise)
                                         : HTMLReport.list(page.promises.map { text.pagePromiseSentence($0, page, result) }))
        out.append("<h\(level)>\(esc(text.pageGiveUpTitle(page.name)))</h\(level)>")
        out.append(page.shortfalls.isEmpty ? HTMLReport.paragraph(text.pageNoShortfall)
                                           : HTMLReport.list(page.shortfalls.map { text.shortfallSummary($0, result) }))
        return out
    }

    // MARK: Map

    /// ColorBrewer YlGnBu, light to dark, per number of classes: sequential, safe for the common
    /// forms of colour blindness and distinct in grey print.
    static let palettes: [[String]] = [
        ["#41B6C4"],
        ["#A1DAB4", "#2C7FB8"],
        ["#EDF8B1", "#7FCDBB", "#2C7FB8"],
        ["#FFFFCC", "#A1DAB4", "#41B6C4", "#225EA8"],
        ["#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494"],
    ]
    static let noValueFill = "#F2F2F2", white = "#FFFFFF", swatchStroke = "#777777", highlightStroke = "#1B1B1B"
    /// Labels are drawn up to this many municipalities; beyond, each shape keeps its tooltip.
    static let labelledUpTo = 40

    /// The map section of the whole HTML report.
    static func mapSection(_ map: MunicipalityMap, _ text: Phrases) -> [String] {
        [#"<section id="map">"#, "<h2>\(esc(text.mapSectionTitle))</h2>", HTMLReport.paragraph(text.mapIntro)]
            + mapFigure(map, text) + ["</section>"]
    }

    static func mapFigure(_ map: MunicipalityMap, _ text: Phrases, highlight: String? = nil) -> [String] {
        var out = ["<figure>", mapSVG(map, text, highlight: highlight)]
        if !map.unmapped.isEmpty {
            let names = map.unmapped.map { entry in entry.value.map { "\(entry.name) (\(text.format.percent($0)))" } ?? entry.name }
            out.append(#"<p class="unmapped">\#(esc(text.unmappedIntro)) \#(esc(names.joined(separator: ", ")))</p>"#)
        }
        return out + ["</figure>"]
    }

    /// The map; `highlight` outlines one municipality (on its own page).
    /// Class `map`, not `chart`: it has areas and labels, not bars and axes (scripts/browser-test
    /// checks charts and maps apart).
    static func mapSVG(_ map: MunicipalityMap, _ text: Phrases, highlight: String? = nil) -> String {
        func n(_ value: Double) -> String { SVGCharts.n(value) }
        let palette = palettes[max(0, min(palettes.count, map.classes.count) - 1)]
        let top = 30.0
        var body = [#"<text class="chart-title" id="map-attainment-title" x="0" y="18" font-size="15" font-weight="bold">\#(esc(text.mapTitle))</text>"#]
        body.append(#"<g class="areas" transform="translate(0,\#(n(top)))">"#)
        for shape in map.shapes {
            let path = shape.rings.map { ring in
                "M" + ring.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: "L") + "Z"
            }.joined()
            let fill = shape.valueClass.map { palette[min($0, palette.count - 1)] } ?? noValueFill
            let figure = shape.value.map { text.format.percent($0) } ?? text.mapNoValue
            body.append(#"<path class="area" data-municipality="\#(esc(shape.id))" data-cbs-code="\#(esc(shape.code))" d="\#(path)" fill="\#(fill)" fill-rule="evenodd" stroke="\#(white)" stroke-width="1.2" stroke-linejoin="round"><title>\#(esc(shape.name)): \#(esc(figure))</title></path>"#)
        }
        if let shape = map.shapes.first(where: { $0.id == highlight }) {
            let path = shape.rings.map { ring in "M" + ring.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: "L") + "Z" }.joined()
            body.append(#"<path class="highlight" d="\#(path)" fill="none" stroke="\#(highlightStroke)" stroke-width="2.5" stroke-linejoin="round"/>"#)
        }
        body.append("</g>")
        if map.shapes.count <= labelledUpTo {
            body.append(#"<g class="labels" transform="translate(0,\#(n(top)))" font-size="11" text-anchor="middle" stroke="\#(white)" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"#)
            for shape in map.shapes {
                let figure = shape.value.map { text.format.percent($0, decimals: 0) } ?? "–"
                body.append(#"<text class="map-label" x="\#(n(shape.label.x))" y="\#(n(shape.label.y - 2))" font-weight="bold">\#(esc(shape.name))</text>"#)
                body.append(#"<text class="map-label" x="\#(n(shape.label.x))" y="\#(n(shape.label.y + 11))">\#(esc(figure))</text>"#)
            }
            body.append("</g>")
        }
        // The legend under the map: one swatch per class, and one for "no need" when it occurs.
        let legendTop = top + map.height + 12
        body.append(#"<text class="legend-title" x="0" y="\#(n(legendTop + 10))" font-size="11" font-weight="bold">\#(esc(text.mapLegendTitle))</text>"#)
        var x = 0.0
        for (index, valueClass) in map.classes.enumerated() {
            let label = "\(text.format.number(valueClass.lower * 100))–\(text.format.percent(valueClass.upper, decimals: 0))"
            body.append(#"<g class="legend-entry"><rect x="\#(n(x))" y="\#(n(legendTop + 16))" width="14" height="14" fill="\#(palette[min(index, palette.count - 1)])" stroke="\#(swatchStroke)" stroke-width="0.5"/><text class="legend-label" x="\#(n(x + 19))" y="\#(n(legendTop + 27))" font-size="11">\#(esc(label))</text></g>"#)
            x += 92
        }
        if map.shapes.contains(where: { $0.value == nil }) {
            body.append(#"<g class="legend-entry"><rect x="\#(n(x))" y="\#(n(legendTop + 16))" width="14" height="14" fill="\#(noValueFill)" stroke="\#(swatchStroke)" stroke-width="0.5"/><text class="legend-label" x="\#(n(x + 19))" y="\#(n(legendTop + 27))" font-size="11">\#(esc(text.mapNoValue))</text></g>"#)
        }
        let height = legendTop + 48
        body.append(#"<text class="credit tick" x="\#(n(map.width))" y="\#(n(height - 4))" font-size="10" text-anchor="end">\#(esc(text.mapCredit(.shared)))</text>"#)
        let head = #"<svg class="map" id="map-attainment" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n(map.width)) \#(n(height))" width="\#(n(map.width))" height="\#(n(height))" role="img" aria-labelledby="map-attainment-title" font-family="inherit" style="display: block; width: 100%; height: auto; max-width: \#(n(map.width))px">"#
        return ([head] + body + ["</svg>"]).joined(separator: "\n")
    }

    static func esc(_ text: String) -> String { SVGCharts.escape(text) }
}

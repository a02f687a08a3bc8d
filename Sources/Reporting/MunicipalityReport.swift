import CapacityAllocation

/// The per-municipality pages (HTML and Markdown) of a solve and of a comparison (`ivp compare
/// --municipality ID`). Every figure comes from `MunicipalityPage`, `MunicipalityComparison` and
/// `MunicipalityMap`; this file only prints them.
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

    // MARK: What changes in a what-if

    /// `ivp compare BASE WHATIF… --municipality ID --format markdown`.
    public static func compareMarkdown(_ comparison: MunicipalityComparison, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        var out = ["# \(text.compareMunicipalityTitle(comparison.name))", ""]
        if let page = comparison.basePage { out += [text.pageFacts(page), ""] }
        out += [text.compareMunicipalityIntro(comparison), ""]
        guard let base = comparison.basePage else { return (out + [text.compareMunicipalityNoBase(comparison)]).joined(separator: "\n") + "\n" }
        for variant in comparison.variants {
            out += ["## \(variant.name)", "", "`\(variant.scenario)`", ""]
            guard let page = variant.page else {
                out += [text.compareMunicipalityNoVariant(variant), ""]
                continue
            }
            out += ["- " + text.compareMunicipalityHoursLine(base, page), "- " + text.compareMunicipalityAttainmentLine(base, page)]
            if let moved = variant.hoursMoved { out.append("- " + text.compareMunicipalityMoved(moved, stable: comparison.stable)) }
            out += ["", "### \(text.compareMunicipalityThemesTitle)", ""]
            out.append(MarkdownTable.row([text.theme, text.beforeLabel, text.afterLabel, text.changeLabel,
                                          text.coverageBeforeLabel, text.coverageAfterLabel]))
            out.append(MarkdownTable.separator(6, numericFrom: 1))
            for row in themeRows(variant, f) { out.append(MarkdownTable.row(row)) }
            out.append(MarkdownTable.row(["**\(text.total)**", "**\(f.hours(base.hours))**", "**\(f.hours(page.hours))**",
                                          "**\(CompareReport.signed(f, page.hours - base.hours))**", "", ""]))
            out += ["", "### \(text.comparePromisesTitle(comparison.name))", ""]
            out += variant.promises.isEmpty ? [text.compareNoPromiseChange(comparison.name)]
                : variant.promises.map { "- " + text.comparePromiseChange($0, base: base, other: page, name: comparison.name) }
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `ivp compare BASE WHATIF… --municipality ID --format html`.
    public static func compareHTML(_ comparison: MunicipalityComparison, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        var body = [#"<header class="report">"#, #"<p class="kind">\#(esc(text.compareKind))</p>"#,
                    "<h1>\(esc(text.compareMunicipalityTitle(comparison.name)))</h1>"]
        if let page = comparison.basePage { body.append(HTMLReport.paragraph(text.pageFacts(page), class: "description")) }
        body += [#"<p class="description">\#(HTMLReport.rich(text.compareMunicipalityIntro(comparison)))</p>"#, "</header>"]
        guard let base = comparison.basePage else {
            body.append(HTMLReport.paragraph(text.compareMunicipalityNoBase(comparison)))
            return HTMLReport.page(title: text.compareMunicipalityTitle(comparison.name), language: language, body: body)
        }
        for (index, variant) in comparison.variants.enumerated() {
            body += [#"<section id="variant-\#(index + 1)" data-municipality-page="\#(esc(comparison.id))">"#,
                     "<h2>\(esc(variant.name))</h2>", #"<p class="note"><code>\#(esc(variant.scenario))</code></p>"#]
            guard let page = variant.page else {
                body += [#"<p>\#(HTMLReport.rich(text.compareMunicipalityNoVariant(variant)))</p>"#, "</section>"]
                continue
            }
            var lines = [text.compareMunicipalityHoursLine(base, page), text.compareMunicipalityAttainmentLine(base, page)]
            if let moved = variant.hoursMoved { lines.append(text.compareMunicipalityMoved(moved, stable: comparison.stable)) }
            body.append("<ul>" + lines.map { "<li>\(HTMLReport.rich($0))</li>" }.joined() + "</ul>")
            var rows = themeRows(variant, f)
            rows.append([text.total, f.hours(base.hours), f.hours(page.hours), CompareReport.signed(f, page.hours - base.hours), "", ""])
            body += HTMLReport.table(caption: text.compareMunicipalityThemesTitle,
                                     headers: [text.theme, text.beforeLabel, text.afterLabel, text.changeLabel,
                                               text.coverageBeforeLabel, text.coverageAfterLabel],
                                     numeric: [1, 2, 3, 4, 5], rows: rows, totalRow: true)
            body.append("<h3>\(esc(text.comparePromisesTitle(comparison.name)))</h3>")
            body.append(variant.promises.isEmpty ? HTMLReport.paragraph(text.compareNoPromiseChange(comparison.name))
                        : HTMLReport.list(variant.promises.map { text.comparePromiseChange($0, base: base, other: page, name: comparison.name) }))
            body.append("</section>")
        }
        return HTMLReport.page(title: text.compareMunicipalityTitle(comparison.name), language: language, body: body)
    }

    /// Every theme with hours or a need here: hours before, after, the change ("–" without one),
    /// and the coverage shares.
    private static func themeRows(_ variant: MunicipalityComparison.Variant, _ f: NumberFormat) -> [[String]] {
        variant.themes.map { line in
            [line.name, line.base > 0.5 ? f.hours(line.base) : "–", line.other > 0.5 ? f.hours(line.other) : "–",
             abs(line.change) >= 0.5 ? CompareReport.signed(f, line.change) : "–",
             line.baseShare.map { f.percent($0, decimals: 0) } ?? "–", line.otherShare.map { f.percent($0, decimals: 0) } ?? "–"]
        }
    }

    // MARK: Map

    /// The attainment map in a figure (MapSVG.swift draws it); `highlight` outlines one municipality.
    static func mapFigure(_ map: MunicipalityMap, _ text: Phrases, highlight: String? = nil) -> [String] {
        MapSVG.figure(map, text, id: "map-attainment", highlight: highlight)
    }

    static func esc(_ text: String) -> String { SVGCharts.escape(text) }
}

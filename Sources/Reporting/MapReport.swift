import CapacityAllocation

/// The map sections of the HTML reports of solve, compare, sweep and evaluate: what each report
/// inserts where its maps go. The maps come built (CapacityAllocation/Geography/ReportMaps.swift).
enum MapReport {
    /// The solve report's "On the map": attainment with the binding bounds, hours per 1,000
    /// inhabitants, and the coverage of each theme as small multiples.
    static func solveSection(_ map: MunicipalityMap, _ maps: [MunicipalityMap], _ result: AllocationResult, _ text: Phrases) -> [String] {
        var out = [#"<section id="map" class="page">"#, "<h2>\(esc(text.mapSectionTitle))</h2>", HTMLReport.paragraph(text.mapIntro)]
        out += MapSVG.figure(map, text, id: "map-attainment")
        if let hours = maps.first(where: { $0.measure == .hoursPerThousand }) {
            out.append(HTMLReport.paragraph(text.mapHoursIntro))
            out += MapSVG.figure(hours, text, id: "map-hours-per-1000")
        }
        let themes = maps.filter { if case .coverage = $0.measure { true } else { false } }
        if themes.isEmpty {
            out.append(HTMLReport.paragraph(text.mapSmallMultiplesOmitted(result.municipalities.count)))
        } else {
            out.append(HTMLReport.paragraph(text.mapThemesIntro))
            out += [#"<figure class="map-figure">"#, MapSVG.smallMultiples(themes, text, id: "map-themes", name: result.name)]
            // Every theme map holds the same municipalities: those without a code listed once.
            var beside = themes[0]
            beside.borders = themes.flatMap(\.borders)
            beside.unmappedBorders = themes.flatMap(\.unmappedBorders)
            beside.unmapped = beside.unmapped.map { var entry = $0; entry.value = nil; return entry }
            out += MapSVG.beside(beside, text)
            out.append("</figure>")
        }
        return out + ["</section>"]
    }

    /// The change in hours per municipality of one what-if (compare, `variant-N`).
    static func changeFigure(_ map: MunicipalityMap, baseName: String, number: Int, _ text: Phrases) -> [String] {
        [HTMLReport.paragraph(text.mapChangeIntro(baseName))] + MapSVG.figure(map, text, id: "map-change-\(number)")
    }

    /// The sweep's map: the change in hours between its first and last point with an allocation.
    static func sweepSection(_ map: MunicipalityMap?, _ sweep: SweepResult, _ text: Phrases) -> [String] {
        guard let ends = sweep.ends else {
            // Without two points with an allocation there is nothing to map; say so when a map was due.
            return sweep.points.contains(where: { $0.objective != nil }) || sweep.points.isEmpty ? []
                : [#"<section id="map">"#, "<h2>\(esc(text.mapSectionTitle))</h2>", HTMLReport.paragraph(text.mapSweepNoMap), "</section>"]
        }
        guard let map else { return [] } // no municipality has a CBS code
        let f = text.format
        return [#"<section id="map">"#, "<h2>\(esc(text.mapSectionTitle))</h2>",
                HTMLReport.paragraph(text.mapSweepIntro(sweep.parameter, from: f.compact(ends.first), to: f.compact(ends.last),
                                                        lastPoint: sweep.points.last?.parameter == ends.last))]
            + MapSVG.figure(map, text, id: "map-sweep-change") + ["</section>"]
    }

    /// The evaluate report's map: the allocation's attainment against the optimum's.
    static func evaluateFigure(_ map: MunicipalityMap, _ text: Phrases) -> [String] {
        [HTMLReport.paragraph(text.mapEvaluateIntro)] + MapSVG.figure(map, text, id: "map-evaluate")
    }

    static func esc(_ text: String) -> String { SVGCharts.escape(text) }
}

import CapacityAllocation

/// Draws a `MunicipalityMap` as inline SVG: the areas coloured by class, each labelled with its
/// name and figure (so nothing rests on colour alone), hatching where there is no value, the
/// binding displacement bounds as thick dashed lines on the shared borders, a legend with the
/// unit and the credit "Bron: CBS, Kadaster (PDOK)". Colour-blind safe palettes: viridis for
/// sequential maps (light to dark, monotone in grey), orange–blue for changes around zero.
/// Class `map`, not `chart`: scripts/browser-test checks charts and maps apart. Every figure
/// comes from the map; this file only draws.
enum MapSVG {
    /// Viridis from light (low) to dark (high), per number of classes.
    static let sequential: [[String]] = [
        ["#21918C"],
        ["#7AD151", "#3B528B"],
        ["#FDE725", "#21918C", "#440154"],
        ["#FDE725", "#5EC962", "#2C728E", "#440154"],
        ["#FDE725", "#5EC962", "#21918C", "#3B528B", "#440154"],
    ]
    /// Fewer (orange) and more (blue), from near zero outwards: ColorBrewer PuOr and RdBu ends,
    /// told apart with every common colour blindness.
    static let fewer = ["#FEE0B6", "#FDB863", "#E08214", "#B35806"]
    static let more = ["#D1E5F0", "#92C5DE", "#4393C3", "#2166AC"]
    static let noChange = "#E6E6E6", white = "#FFFFFF", swatchStroke = "#777777", ink = "#1B1B1B"
    /// Labels are drawn up to this many municipalities; beyond, each shape keeps its tooltip.
    static let labelledUpTo = 20
    /// Small multiples carry their figures up to this many municipalities.
    static let smallLabelledUpTo = 12
    static let top = 30.0
    static let legendSlot = 184.0

    // MARK: Figures

    /// A map in a figure, with the municipalities not on it and the binding bounds in words.
    static func figure(_ map: MunicipalityMap, _ text: Phrases, id: String, highlight: String? = nil) -> [String] {
        var out = [#"<figure class="map-figure">"#, svg(map, text, id: id, highlight: highlight)]
        out += beside(map, text)
        return out + ["</figure>"]
    }

    /// What the map cannot show: municipalities without a code, and the binding bounds as words.
    static func beside(_ map: MunicipalityMap, _ text: Phrases) -> [String] {
        var out: [String] = []
        if !map.unmapped.isEmpty {
            let names = map.unmapped.map { entry in
                entry.value.map { "\(entry.name) (\(text.mapValue($0, map.measure, short: false)))" } ?? entry.name
            }
            out.append(#"<p class="unmapped">\#(esc(text.unmappedIntro)) \#(esc(names.joined(separator: ", ")))</p>"#)
        }
        let borders = map.borders + map.unmappedBorders
        if !borders.isEmpty { out.append(#"<p class="map-borders">\#(esc(text.mapBordersLine(borders)))</p>"#) }
        return out
    }

    /// The colour of each class of `map`.
    static func colours(_ map: MunicipalityMap) -> [String] {
        guard map.measure.isDiverging else {
            let palette = sequential[max(0, min(sequential.count, map.classes.count) - 1)]
            return map.classes.indices.map { palette[min($0, palette.count - 1)] }
        }
        let below = map.classes.filter { !$0.isNoChange && $0.upper <= 0 }.count
        return map.classes.enumerated().map { index, valueClass in
            if valueClass.isNoChange { return noChange }
            if valueClass.upper <= 0 { return fewer[min(below - index, fewer.count) - 1] }
            return more[min(index - below, more.count) - 1]
        }
    }

    // MARK: One map

    /// The map; `highlight` outlines one municipality (on its own page).
    static func svg(_ map: MunicipalityMap, _ text: Phrases, id: String, highlight: String? = nil) -> String {
        let colours = colours(map)
        var body = [defs(id), #"<text class="chart-title" id="\#(id)-title" x="0" y="18" font-size="15" font-weight="bold">\#(esc(text.mapTitle(map.measure)))</text>"#]
        body.append(#"<g class="areas" transform="translate(0,\#(n(top)))">"#)
        body += areas(map, text, colours: colours, hatch: "\(id)-none")
        body += borderPaths(map, text)
        if let shape = map.shapes.first(where: { $0.id == highlight }) {
            body.append(#"<path class="highlight" d="\#(path(shape.rings))" fill="none" stroke="\#(ink)" stroke-width="2.5" stroke-linejoin="round"/>"#)
        }
        body.append("</g>")
        if map.shapes.count <= labelledUpTo {
            body.append(#"<g class="labels" transform="translate(0,\#(n(top)))" font-size="11" text-anchor="middle" stroke="\#(white)" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"#)
            for shape in map.shapes {
                body.append(#"<text class="map-label" x="\#(n(shape.label.x))" y="\#(n(shape.label.y - 2))" font-weight="bold">\#(esc(shape.name))</text>"#)
                body.append(#"<text class="map-label" x="\#(n(shape.label.x))" y="\#(n(shape.label.y + 11))">\#(esc(text.mapValue(shape.value, map.measure, short: true)))</text>"#)
            }
            body.append("</g>")
        }
        let (legend, legendHeight) = self.legend([map], text, colours: colours, hatch: "\(id)-none", top: top + map.height + 12, width: map.width)
        body += legend
        let height = top + map.height + 12 + legendHeight + 20
        body.append(#"<text class="credit tick" x="\#(n(map.width))" y="\#(n(height - 4))" font-size="10" text-anchor="end">\#(esc(text.mapCredit(.shared)))</text>"#)
        return wrap(body, id: id, width: map.width, height: height)
    }

    // MARK: Small multiples

    /// One small map per theme on one shared scale and legend, three to a row; `name` gives a
    /// theme's name.
    static func smallMultiples(_ maps: [MunicipalityMap], _ text: Phrases, id: String, name: (String) -> String) -> String {
        guard let first = maps.first else { return "" }
        let columns = 3, gap = 16.0, panelWidth = first.width, titleHeight = 34.0
        let width = Double(columns) * panelWidth + Double(columns - 1) * gap
        let colours = colours(first)
        let hatch = "\(id)-none"
        var body = [defs(id), #"<text class="chart-title" id="\#(id)-title" x="0" y="18" font-size="15" font-weight="bold">\#(esc(text.mapTitle(first.measure)))</text>"#]
        var y = top
        for start in stride(from: 0, to: maps.count, by: columns) {
            let panels = maps[start..<min(start + columns, maps.count)]
            let rowHeight = panels.map(\.height).max() ?? 0
            for (column, map) in panels.enumerated() {
                let x = Double(column) * (panelWidth + gap)
                guard case .coverage(let theme) = map.measure else { continue }
                body.append(#"<g class="panel" data-theme="\#(esc(theme))" transform="translate(\#(n(x)),\#(n(y)))">"#)
                var title = wrapped(name(theme), limit: 34)
                if title.count > 2 { title = [title[0], title[1] + "…"] }
                for (line, words) in title.enumerated() {
                    body.append(#"<text class="panel-title" x="0" y="\#(n(13 + Double(line) * 14))" font-size="12" font-weight="bold">\#(esc(words))</text>"#)
                }
                body.append(#"<g class="areas" transform="translate(0,\#(n(titleHeight)))">"#)
                body += areas(map, text, colours: colours, hatch: hatch, prefix: name(theme) + " – ")
                body += borderPaths(map, text, width: 2.5)
                body.append("</g>")
                if map.shapes.count <= smallLabelledUpTo {
                    body.append(#"<g class="labels" transform="translate(0,\#(n(titleHeight)))" font-size="10" text-anchor="middle" stroke="\#(white)" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"#)
                    for shape in map.shapes {
                        body.append(#"<text class="map-label" x="\#(n(shape.label.x))" y="\#(n(shape.label.y + 4))">\#(esc(text.mapValue(shape.value, map.measure, short: true)))</text>"#)
                    }
                    body.append("</g>")
                }
                body.append("</g>")
            }
            y += titleHeight + rowHeight + 8
        }
        let (legend, legendHeight) = self.legend(maps, text, colours: colours, hatch: hatch, top: y + 4, width: width)
        body += legend
        let height = y + 4 + legendHeight + 20
        body.append(#"<text class="credit tick" x="\#(n(width))" y="\#(n(height - 4))" font-size="10" text-anchor="end">\#(esc(text.mapCredit(.shared)))</text>"#)
        return wrap(body, id: id, width: width, height: height)
    }

    // MARK: Pieces

    private static func defs(_ id: String) -> String {
        // Hatching for "no value": told apart from every class in grey print too.
        ##"<defs><pattern id="\##(id)-none" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#F4F4F4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9A9A9A" stroke-width="1.6"/></pattern></defs>"##
    }

    private static func areas(_ map: MunicipalityMap, _ text: Phrases, colours: [String], hatch: String, prefix: String = "") -> [String] {
        map.shapes.map { shape in
            let fill = shape.valueClass.map { colours[min($0, colours.count - 1)] } ?? "url(#\(hatch))"
            let figure = text.mapValue(shape.value, map.measure, short: false)
            return #"<path class="area" data-municipality="\#(esc(shape.id))" data-cbs-code="\#(esc(shape.code))" d="\#(path(shape.rings))" fill="\#(fill)" fill-rule="evenodd" stroke="\#(white)" stroke-width="1.2" stroke-linejoin="round"><title>\#(esc(prefix + shape.name)): \#(esc(figure))</title></path>"#
        }
    }

    /// The binding displacement bounds: a thick dark dashed line on the shared border (on a
    /// white one, so it shows on any fill), a dashed ring where the two touch along only a few
    /// pixels, or a dotted line between the labels where the simplified outlines do not touch.
    private static func borderPaths(_ map: MunicipalityMap, _ text: Phrases, width: Double = 3.5) -> [String] {
        map.borders.map { border in
            let pair = "\(esc(border.first)) \(esc(border.second))"
            if let marker = border.marker {
                return #"<g class="border binding" data-theme="\#(esc(border.theme))" data-municipalities="\#(pair)"><circle cx="\#(n(marker.x))" cy="\#(n(marker.y))" r="6" fill="none" stroke="\#(white)" stroke-width="\#(n(width + 2.5))"/><circle cx="\#(n(marker.x))" cy="\#(n(marker.y))" r="6" fill="none" stroke="\#(ink)" stroke-width="\#(n(width * 0.7))" stroke-dasharray="3 2"><title>\#(esc(text.mapBorderTooltip(border)))</title></circle></g>"#
            }
            let d = border.lines.isEmpty ? "M" + border.connector.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: "L")
                                         : border.lines.map { "M" + $0.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: "L") }.joined()
            let dash = border.lines.isEmpty ? "2 3" : "6 3"
            return #"<g class="border binding" data-theme="\#(esc(border.theme))" data-municipalities="\#(pair)"><path d="\#(d)" fill="none" stroke="\#(white)" stroke-width="\#(n(width + 2.5))" stroke-linecap="round"/><path d="\#(d)" fill="none" stroke="\#(ink)" stroke-width="\#(n(width))" stroke-dasharray="\#(dash)" stroke-linecap="butt"><title>\#(esc(text.mapBorderTooltip(border)))</title></path></g>"#
        }
    }

    /// The legend under the map(s): its unit as title, one swatch per class, hatching for no
    /// value and the binding bound's line when they occur; entries flow in rows. Returns the
    /// lines and the height they take.
    private static func legend(_ maps: [MunicipalityMap], _ text: Phrases, colours: [String], hatch: String, top: Double,
                               width: Double) -> ([String], Double) {
        guard let map = maps.first else { return ([], 0) }
        var out = [#"<text class="legend-title" x="0" y="\#(n(top + 10))" font-size="11" font-weight="bold">\#(esc(text.mapLegendTitle(map.measure)))</text>"#]
        var entries: [(swatch: String, label: String)] = map.classes.enumerated().map { index, valueClass in
            (#"<rect x="0" y="0" width="14" height="14" fill="\#(colours[min(index, colours.count - 1)])" stroke="\#(swatchStroke)" stroke-width="0.5"/>"#,
             text.mapClassLabel(valueClass, map.measure))
        }
        if maps.contains(where: { $0.shapes.contains { $0.value == nil } || $0.unmapped.contains { $0.value == nil } }) {
            entries.append((#"<rect x="0" y="0" width="14" height="14" fill="url(#\#(hatch))" stroke="\#(swatchStroke)" stroke-width="0.5"/>"#,
                            text.mapNoValue(map.measure)))
        }
        if maps.contains(where: { !$0.borders.isEmpty }) {
            entries.append((#"<path d="M0,7L22,7" stroke="\#(ink)" stroke-width="3.5" stroke-dasharray="6 3"/>"#, text.mapBindingBorder))
        }
        let perRow = max(1, Int(width / legendSlot))
        for (index, entry) in entries.enumerated() {
            let x = Double(index % perRow) * legendSlot, y = top + 16 + Double(index / perRow) * 20
            let offset = entry.label == text.mapBindingBorder ? 27.0 : 19.0
            out.append(#"<g class="legend-entry" transform="translate(\#(n(x)),\#(n(y)))">\#(entry.swatch)<text class="legend-label" x="\#(n(offset))" y="11" font-size="11">\#(esc(entry.label))</text></g>"#)
        }
        let rows = (entries.count + perRow - 1) / perRow
        return (out, 16 + Double(rows) * 20)
    }

    private static func wrap(_ body: [String], id: String, width: Double, height: Double) -> String {
        let head = #"<svg class="map" id="\#(id)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n(width)) \#(n(height))" width="\#(n(width))" height="\#(n(height))" role="img" aria-labelledby="\#(id)-title" font-family="inherit" style="display: block; width: 100%; height: auto; max-width: \#(n(width))px">"#
        return ([head] + body + ["</svg>"]).joined(separator: "\n")
    }

    private static func path(_ rings: [[MunicipalityMap.Point]]) -> String {
        rings.map { ring in "M" + ring.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: "L") + "Z" }.joined()
    }

    /// Words in lines of at most `limit` characters (a longer word has a line of its own).
    static func wrapped(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= limit { line += " " + word } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func n(_ value: Double) -> String { SVGCharts.n(value) }
    static func esc(_ text: String) -> String { SVGCharts.escape(text) }
}

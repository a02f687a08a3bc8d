import CapacityAllocation

/// The words of the maps (MapSVG.swift), in Dutch and English.
extension Phrases {

    // MARK: Sections

    var mapSectionTitle: String { pick("Op de kaart", "On the map") }
    var mapIntro: String {
        pick("Realisatie: hoeveel elke gemeente krijgt van wat het dekken van al haar behoeften zou opleveren, gewogen naar de prioriteiten. Hoe donkerder, hoe meer. Een dikke streeplijn op een grens (of een gestreepte ring waar twee gemeenten elkaar maar even raken) is een waterbedgrens die bindt: daar mag de dekking van een thema niet verder uiteenlopen, dus de ene gemeente krijgt minder zodat het niet naar de buurgemeente verschuift.",
            "Attainment: how much each municipality gets of what covering all its needs would bring, weighted by the priorities. The darker, the more. A thick dashed line on a border (or a dashed ring where two municipalities barely touch) is a displacement bound that binds: there the coverage of a theme may differ no further, so one municipality gets less so that crime does not move next door.")
    }
    var mapHoursIntro: String {
        pick("Hoeveel uur politie elke gemeente krijgt per 1.000 inwoners: zo zijn grote en kleine gemeenten te vergelijken.",
            "How many police hours each municipality gets per 1,000 inhabitants, so that large and small municipalities compare.")
    }
    var mapThemesIntro: String {
        pick("Per thema welk deel van de behoefte gedekt wordt, op één schaal voor alle thema's. Gearceerd: geen behoefte aan dat thema daar.",
            "Per theme the share of need that is covered, on one scale for all themes. Hatched: no need for that theme there.")
    }
    func mapChangeIntro(_ base: String) -> String {
        pick("Per gemeente hoeveel uur er bij komt (blauw) of af gaat (oranje) tegenover \(base). Grijs: niets verandert.",
            "Per municipality how many hours it gains (blue) or loses (orange) against \(base). Grey: nothing changes.")
    }
    func mapSweepIntro(_ parameter: String, from: String, to: String, lastPoint: Bool) -> String {
        let last = lastPoint ? "" : pick(" (het laatste punt met een verdeling; daarna past het plan niet meer)",
                                        " (the last point with an allocation; beyond it the plan no longer fits)")
        return pick("Per gemeente hoeveel uur er bij komt (blauw) of af gaat (oranje) als \(parameter) van \(from) naar \(to)\(last) gaat. Grijs: niets verandert.",
                   "Per municipality how many hours it gains (blue) or loses (orange) when \(parameter) goes from \(from) to \(to)\(last). Grey: nothing changes.")
    }
    var mapSweepNoMap: String {
        pick("Geen kaart van het verschil: minder dan twee punten hebben een verdeling.",
            "No map of the difference: fewer than two points have an allocation.")
    }
    var mapEvaluateIntro: String {
        pick("Per gemeente hoeveel procentpunt realisatie de verdeling minder (oranje) of meer (blauw) haalt dan het optimum. Grijs: gelijk aan het optimum.",
            "Per municipality how many percentage points of attainment the allocation gets below (orange) or above (blue) the optimum. Grey: equal to the optimum.")
    }

    // MARK: Titles and legends

    func mapTitle(_ measure: MunicipalityMap.Measure) -> String {
        switch measure {
        case .attainment: pick("Realisatie per gemeente", "Attainment per municipality")
        case .hoursPerThousand: pick("Uren per 1.000 inwoners", "Hours per 1,000 inhabitants")
        case .coverage: pick("Dekking van de behoefte per thema", "Coverage of need per theme")
        case .hoursChange: pick("Verandering in uren per gemeente", "Change in hours per municipality")
        case .attainmentGap: pick("Realisatie tegenover het optimum", "Attainment against the optimum")
        }
    }
    /// Kept for the live page, which names the attainment map.
    var mapTitle: String { mapTitle(.attainment) }

    func mapLegendTitle(_ measure: MunicipalityMap.Measure) -> String {
        switch measure {
        case .attainment: pick("Realisatie", "Attainment")
        case .hoursPerThousand: pick("Uren per 1.000 inwoners", "Hours per 1,000 inhabitants")
        case .coverage: pick("Deel van de behoefte gedekt", "Share of need covered")
        case .hoursChange: pick("Verandering in uren", "Change in hours")
        case .attainmentGap: pick("Verschil in procentpunten", "Difference in percentage points")
        }
    }
    var mapLegendTitle: String { mapLegendTitle(.attainment) }

    /// A class of the legend, in the map's unit.
    func mapClassLabel(_ valueClass: MunicipalityMap.ValueClass, _ measure: MunicipalityMap.Measure) -> String {
        let f = format
        switch measure {
        case .attainment, .coverage:
            return "\(f.number(valueClass.lower * 100))–\(f.percent(valueClass.upper, decimals: 0))"
        case .hoursPerThousand:
            return "\(f.compact(valueClass.lower, maximumDecimals: 1))–\(f.compact(valueClass.upper, maximumDecimals: 1))"
        case .hoursChange:
            if valueClass.isNoChange { return pick("geen verandering", "no change") }
            return pick("\(signed(valueClass.lower)) tot \(signed(valueClass.upper))", "\(signed(valueClass.lower)) to \(signed(valueClass.upper))")
        case .attainmentGap:
            if valueClass.isNoChange { return pick("gelijk aan optimum", "equal to optimum") }
            return pick("\(signed(valueClass.lower * 100, decimals: 1)) tot \(signed(valueClass.upper * 100, decimals: 1))",
                       "\(signed(valueClass.lower * 100, decimals: 1)) to \(signed(valueClass.upper * 100, decimals: 1))")
        }
    }

    /// The figure on a municipality (`short`: the label on the map) or in its tooltip.
    func mapValue(_ value: Double?, _ measure: MunicipalityMap.Measure, short: Bool) -> String {
        guard let value else { return short ? "–" : mapNoValue(measure) }
        let f = format
        switch measure {
        case .attainment, .coverage: return f.percent(value, decimals: short ? 0 : 1)
        case .hoursPerThousand: return short ? f.hours(value) : pick("\(f.hours(value)) uur per 1.000 inwoners", "\(f.hours(value)) hours per 1,000 inhabitants")
        case .hoursChange:
            let figure = abs(value) < measure.zeroTolerance ? "0" : signed(value)
            return short ? figure : pick("\(figure) uur", "\(figure) hours")
        case .attainmentGap:
            let figure = abs(value) < measure.zeroTolerance ? "0" : signed(value * 100, decimals: 1)
            return short ? figure : pick("\(figure) procentpunt", "\(figure) percentage points")
        }
    }

    func mapNoValue(_ measure: MunicipalityMap.Measure) -> String {
        switch measure {
        case .attainment, .coverage, .attainmentGap: pick("geen behoefte", "no need")
        case .hoursPerThousand: pick("geen inwonertal", "no population")
        case .hoursChange: pick("geen verdeling", "no allocation")
        }
    }
    var mapNoValue: String { mapNoValue(.attainment) }

    private func signed(_ value: Double, decimals: Int = 0) -> String {
        let text = format.number(value, decimals: decimals)
        return value > 0 && text != format.number(0, decimals: decimals) ? "+" + text : text
    }

    // MARK: Borders, credit, unmapped

    var mapBindingBorder: String { pick("bindende waterbedgrens", "binding displacement bound") }
    func mapBorderTooltip(_ border: MunicipalityMap.Border) -> String {
        pick("Waterbedgrens voor \(border.themeName): \(border.firstName) en \(border.secondName) verschillen hoogstens \(format.number(border.gap * 100)) procentpunt in dekking, en dat bindt",
            "Displacement bound on \(border.themeName): \(border.firstName) and \(border.secondName) differ by at most \(format.number(border.gap * 100)) percentage points in coverage, and it binds")
    }
    /// The binding bounds in words beside the map, so that they do not rest on a line style alone.
    func mapBordersLine(_ borders: [MunicipalityMap.Border]) -> String {
        let items = borders.map { border in
            pick("\(border.firstName)–\(border.secondName) (\(border.themeName), hoogstens \(format.number(border.gap * 100)) procentpunt)",
                "\(border.firstName)–\(border.secondName) (\(border.themeName), at most \(format.number(border.gap * 100)) percentage points)")
        }
        return pick("Bindende waterbedgrenzen: ", "Binding displacement bounds: ") + items.joined(separator: "; ") + "."
    }
    func mapCredit(_ geography: Geography) -> String { pick(geography.creditDutch, geography.creditEnglish) }
    var unmappedIntro: String { pick("Niet op de kaart (geen CBS-code in het scenario):", "Not on the map (no CBS code in the scenario):") }
    func mapSmallMultiplesOmitted(_ count: Int) -> String {
        pick("Met \(count) gemeenten staan er geen kaartjes per thema in dit rapport: ze zouden te klein zijn om te lezen. De dekking per thema staat in de tabellen.",
            "With \(count) municipalities this report has no small map per theme: they would be too small to read. The coverage per theme is in the tables.")
    }
}

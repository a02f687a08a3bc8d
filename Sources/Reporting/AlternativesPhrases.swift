import CapacityAllocation

/// The words of `ivp alternatives`, in Dutch and English.
extension Phrases {

    var alternativesKind: String { pick("Ruimte rond het optimum", "Room around the optimum") }
    func alternativesTitle(_ scenario: String) -> String { pick("Ruimte rond het optimum: \(scenario)", "Room around the optimum: \(scenario)") }

    /// What stays within the share in this mode.
    func holdSentence(_ mode: SolveMode, _ within: String) -> String {
        switch mode {
        case .weighted:
            pick("Alle verdelingen waarvan de totale waarde ten hoogste \(within) onder het optimum ligt.",
                "Every allocation whose total value is at most \(within) below the optimum.")
        case .lexicographic:
            pick("Alle verdelingen waarin de waarde van elke fase van de rangorde ten hoogste \(within) onder het optimum van die fase ligt.",
                "Every allocation in which the value of every stage of the order of priority is at most \(within) below that stage's optimum.")
        case .maxmin:
            pick("Alle verdelingen waarin de laagste realisatie per gemeente en de totale waarde elk ten hoogste \(within) onder hun optimum liggen.",
                "Every allocation in which the lowest attainment of any municipality and the total value are each at most \(within) below their optimum.")
        case .select:
            pick("Alle verdelingen met dezelfde gekozen lokale prioriteiten waarvan de totale waarde ten hoogste \(within) onder het optimum ligt.",
                "Every allocation with the same chosen local priorities whose total value is at most \(within) below the optimum.")
        }
    }

    var rangesIntro: String {
        pick("Per gemeente en per thema het minste en het meeste aantal uren (van alle pools samen) dat binnen die ruimte mogelijk is, naast de uren bij het optimum. Elke grens geldt op zich: de andere gemeenten en thema's bewegen mee.",
            "For each municipality and each theme the least and the most hours (of all pools together) possible within that room, beside the hours at the optimum. Each bound holds on its own: the other municipalities and themes move along.")
    }
    var municipalityRangesTitle: String { pick("Speelruimte per gemeente", "Room per municipality") }
    var themeRangesTitle: String { pick("Speelruimte per thema", "Room per theme") }
    var leastHours: String { pick("Minste uren", "Least hours") }
    var mostHours: String { pick("Meeste uren", "Most hours") }
    var optimumHours: String { pick("Bij het optimum", "At the optimum") }
    var roomHours: String { pick("Speling (uur)", "Room (hours)") }
    func rangeChartTitle(_ within: String) -> String {
        pick("Uren per gemeente binnen \(within) van het optimum", "Hours per municipality within \(within) of the optimum")
    }
    var hoursPerYearAxis: String { pick("Uren per jaar", "Hours per year") }
    var rangeLegend: String { pick("van minste tot meeste uren", "from least to most hours") }
    var optimumLegend: String { pick("uren bij het optimum", "hours at the optimum") }

    func alternativesSectionTitle(_ within: String) -> String {
        pick("Andere verdelingen binnen \(within)", "Other allocations within \(within)")
    }
    var alternativesIntro: String {
        pick("Elke verdeling hieronder blijft binnen de ruimte en verschilt zoveel mogelijk van het optimum en van de verdelingen ervoor (zo min mogelijk uren op de plekken die al eerder uren kregen).",
            "Each allocation below stays within the room and differs as much as possible from the optimum and from the ones before it (as few hours as possible where earlier allocations put hours).")
    }
    var noAlternatives: String {
        pick("Er is binnen deze ruimte geen andere verdeling gevonden.", "No other allocation was found within this room.")
    }
    func alternativeHeading(_ number: Int) -> String { pick("Alternatief \(number)", "Alternative \(number)") }
    var valueAtOptimum: String { pick("Waarde bij het optimum", "Value at the optimum") }
    var withinLabel: String { pick("Ruimte", "Room") }
    var alternativesCount: String { pick("Alternatieven", "Alternatives") }
    var hoursMovedLabelShort: String { pick("Verschoven uren", "Hours moved") }
    var shiftColumn: String { pick("Verschil (uur)", "Change (hours)") }

    /// What moves where and what it costs.
    func alternativeSummary(_ alternative: Alternative, _ result: AlternativesResult) -> String {
        let f = format
        func name(_ id: String) -> String { result.names[id] ?? id }
        func signed(_ hours: Double) -> String { (hours > 0 ? "+" : "−") + f.hours(abs(hours)) }
        let shifts = alternative.shifts.prefix(3).map { shift in
            pick("\(name(shift.theme)) in \(name(shift.municipality)) \(signed(shift.hours)) uur",
                "\(name(shift.theme)) in \(name(shift.municipality)) \(signed(shift.hours)) h")
        }.joined(separator: ", ")
        let moved = shifts.isEmpty
            ? pick("Verschuift \(f.hours(alternative.hoursMoved)) uur tussen pools, zonder dat een thema in een gemeente noemenswaardig verandert.",
                  "Moves \(f.hours(alternative.hoursMoved)) hours between pools, with no theme in any municipality changing noticeably.")
            : pick("Thema's per gemeente krijgen samen \(f.hours(alternative.hoursShifted)) uur meer of minder dan bij het optimum, het meest: \(shifts).",
                  "Themes per municipality get \(f.hours(alternative.hoursShifted)) hours more or less in total than at the optimum, most of all: \(shifts).")
        let change = result.objective != 0 ? (alternative.objective - result.objective) / abs(result.objective) : 0
        let changeText = (change < 0 ? "−" : "+") + f.percent(abs(change), decimals: 2)
        var cost = pick("Waarde \(f.number(alternative.objective)) (\(changeText) ten opzichte van het optimum)",
                       "Value \(f.number(alternative.objective)) (\(changeText) against the optimum)")
        if let attainment = alternative.attainment, let optimum = result.attainment {
            cost += pick(", realisatie \(f.percent(attainment)) in plaats van \(f.percent(optimum)).",
                        ", attainment \(f.percent(attainment)) instead of \(f.percent(optimum)).")
        } else {
            cost += "."
        }
        return moved + " " + cost
    }

    func alternativesTimeLine(_ result: AlternativesResult) -> String {
        let f = format
        return pick("Rekentijd: oplossen \(f.number(result.solveSeconds, decimals: 2)) s, speelruimte \(f.number(result.rangesSeconds, decimals: 2)) s, alternatieven \(f.number(result.alternativesSeconds, decimals: 2)) s.",
                   "Solve time: solve \(f.number(result.solveSeconds, decimals: 2)) s, ranges \(f.number(result.rangesSeconds, decimals: 2)) s, alternatives \(f.number(result.alternativesSeconds, decimals: 2)) s.")
    }
}

extension Phrases {
    func modeLabelLine(_ mode: SolveMode) -> String {
        language == .nl ? "Werkwijze: \(modeText(mode))." : "Mode: \(modeText(mode))."
    }
}

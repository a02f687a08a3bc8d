import CapacityAllocation

/// Every word of the `ivp risk` reports, in Dutch and English.
struct RiskPhrases {
    let language: Language
    let format: NumberFormat
    let common: Phrases

    init(_ language: Language) {
        self.language = language
        format = NumberFormat(language)
        common = Phrases(language)
    }

    private func pick(_ dutch: String, _ english: String) -> String { language == .nl ? dutch : english }

    func title(_ scenario: String) -> String { pick("Risico: \(scenario)", "Risk: \(scenario)") }
    var kind: String { pick("Risicoanalyse", "Risk analysis") }
    var summaryTitle: String { common.summary }

    func planLine(_ result: RiskResult) -> String {
        let source = result.plan == "optimum"
            ? pick("de optimale verdeling (modus \(result.mode.rawValue))", "the optimal allocation (\(result.mode.rawValue) mode)")
            : pick("de verdeling uit `\(result.plan)`", "the allocation in `\(result.plan)`")
        return pick("Het plan is \(source). Het heeft \(result.samples) getrokken jaren doorstaan (seed \(result.seed)).",
                    "The plan is \(source). It met \(result.samples) sampled years (seed \(result.seed)).")
    }

    func planValueLine(_ result: RiskResult) -> String {
        pick("In het jaar zoals gepland is de waarde \(format.number(result.planObjective)) (\(format.percent(result.planAttainment)) van het ideaal).",
             "In the year as planned its value is \(format.number(result.planObjective)) (\(format.percent(result.planAttainment)) of the ideal).")
    }

    func valueLine(_ result: RiskResult) -> String {
        let o = result.objective
        return pick("Waarde over de getrokken jaren: gemiddeld \(format.number(o.mean)); P10 \(format.number(o.p10)), P50 \(format.number(o.p50)), P90 \(format.number(o.p90)).",
                    "Value over the sampled years: mean \(format.number(o.mean)); P10 \(format.number(o.p10)), P50 \(format.number(o.p50)), P90 \(format.number(o.p90)).")
    }

    func attainmentLine(_ result: RiskResult) -> String {
        let a = result.attainment
        return pick("Realisatie: gemiddeld \(format.percent(a.mean)); P10 \(format.percent(a.p10)), P50 \(format.percent(a.p50)), P90 \(format.percent(a.p90)).",
                    "Attainment: mean \(format.percent(a.mean)); P10 \(format.percent(a.p10)), P50 \(format.percent(a.p50)), P90 \(format.percent(a.p90)).")
    }

    func allHeldLine(_ result: RiskResult) -> String {
        pick("In \(format.percent(result.probabilityAllHeld)) van de jaren houden alle \(result.promises.count) toezeggingen stand.",
             "In \(format.percent(result.probabilityAllHeld)) of the years all \(result.promises.count) promises hold.")
    }

    var recourseLine: String {
        pick("In elk getrokken jaar wordt eerst de reserve vrijgegeven; daarna schuiven uren binnen elke pool om minima en normen te halen. Uren gaan alleen om een toezegging te houden, en als capaciteit wegvalt vervallen de uren die het minst opleveren.",
             "In each sampled year the reserve is released first; then hours move within each pool to keep minimums and norms. Hours move only to keep a promise, and when capacity falls the hours worth least are cut.")
    }

    func quantileNote(_ samples: Int) -> String {
        pick("P10, P50 en P90 zijn percentielen volgens de nearest-rank-regel (rang ⌈p·N/100⌉ van \(samples)); een tekort onder 0,001 uur telt als geen tekort.",
             "P10, P50 and P90 are nearest-rank percentiles (rank ⌈p·N/100⌉ of \(samples)); a shortfall below 0.001 hours counts as none.")
    }

    var tileSamples: String { pick("Getrokken jaren", "Sampled years") }
    var tileMeanValue: String { pick("Gemiddelde waarde", "Mean value") }
    var tileP10Value: String { pick("Waarde P10", "Value P10") }
    var tileAllHeld: String { pick("Alle toezeggingen gehouden", "All promises kept") }

    var distributionTitle: String { pick("Verdeling van waarde en realisatie", "Distribution of value and attainment") }
    var measure: String { pick("Maat", "Measure") }
    var mean: String { pick("Gemiddeld", "Mean") }
    var value: String { common.value }
    var attainment: String { common.attainment }

    var promisesTitle: String { pick("Toezeggingen", "Promises") }
    var promise: String { pick("Toezegging", "Promise") }
    var probabilityHeld: String { pick("Kans dat ze standhoudt", "Probability it holds") }
    var expectedShortfall: String { pick("Verwacht tekort (uur)", "Expected shortfall (hours)") }
    var p90Shortfall: String { pick("Tekort P90 (uur)", "Shortfall P90 (hours)") }
    var noPromises: String { pick("Het scenario heeft geen minima, verdringingsgrenzen of normen.", "The scenario has no minimums, displacement bounds or norms.") }
    func promisesShown(_ shown: Int, of total: Int) -> String {
        pick("De \(shown) zwakste van \(total) toezeggingen; de JSON-uitvoer heeft ze allemaal.",
             "The \(shown) weakest of \(total) promises; the JSON output has them all.")
    }

    func promiseText(_ promise: RiskPromise, _ result: RiskResult) -> String {
        let e = promise.entities.map { result.name($0) }
        switch promise.constraint {
        case "minimum": return pick("minimum \(e[0]) in \(e[1])", "minimum of \(e[0]) in \(e[1])")
        case "displacement": return pick("verdringingsgrens \(e[0]): \(e[1]) boven \(e[2])", "displacement bound of \(e[0]): \(e[1]) above \(e[2])")
        default: return pick("norm \(e[0]) in \(e[1])", "norm of \(e[0]) in \(e[1])")
        }
    }

    var carriersTitle: String { pick("Wie het risico draagt", "Who carries the risk") }
    var carriersIntro: String {
        pick("Gemeenten en thema's met het grootste verwachte tekort op hun toezeggingen eerst, dan met het grootste verwachte verlies aan waarde tegenover het plan.",
             "Municipalities and themes with the largest expected shortfall on their promises first, then the largest expected loss of value against the plan.")
    }
    var municipality: String { common.municipality }
    var theme: String { common.theme }
    var planValue: String { pick("Waarde plan", "Plan value") }
    var meanValue: String { pick("Waarde gemiddeld", "Value mean") }
    var p10Value: String { pick("Waarde P10", "Value P10") }
    var allHeld: String { pick("Kans alles gehouden", "Probability all kept") }

    var poolsTitle: String { pick("Reserve en pools", "Reserve and pools") }
    var pool: String { common.pool }
    var plannedHours: String { pick("Gepland (uur)", "Planned (hours)") }
    var capacity: String { pick("Capaciteit", "Capacity") }
    var capacityP10: String { pick("Capaciteit P10", "Capacity P10") }
    var addedHours: String { pick("Erbij verwacht (uur)", "Added, expected (hours)") }
    var takenHours: String { pick("Eraf verwacht (uur)", "Cut, expected (hours)") }
    var probabilityAdded: String { pick("Kans uren erbij", "Probability hours added") }
    var reserveHours: String { pick("Vrij in plan (uur)", "Free in plan (hours)") }
    var reserveUsed: String { pick("Reserve gebruikt, verwacht (uur)", "Reserve used, expected (hours)") }
    var probabilityReserveUsed: String { pick("Kans reserve gebruikt", "Probability reserve used") }
    var poolsIntro: String {
        pick("Vrij in plan: de reserve en wat het plan ongebruikt laat. Een jaar gebruikt de reserve als het minder vrije uren heeft dan het plan: omdat capaciteit wegvalt of uren erbij komen om toezeggingen te houden.",
             "Free in plan: the reserve and what the plan leaves unused. A year uses the reserve when it has fewer free hours than the plan: because capacity falls or hours are added to keep promises.")
    }

    var uncertaintyTitle: String { pick("Onzekere invoer", "Uncertain inputs") }
    var parameter: String { pick("Parameter", "Parameter") }
    var distribution: String { pick("Verdeling", "Distribution") }
    var group: String { pick("Groep", "Group") }
    var range: String { pick("Bereik van waarden", "Range of values") }
    func rangeText(_ entry: RiskUncertainty) -> String {
        "\(format.compact(entry.lowest)) – \(entry.highest.map { format.compact($0) } ?? "∞")"
    }

    func penaltyLine(_ result: RiskResult) -> String {
        pick("Het herstel-LP rekent \(format.compact(result.movePenalty)) per verschoven uur en \(format.compact(result.shortfallPenalty)) per uur tekort (docs/model.md).",
             "The recourse LP charges \(format.compact(result.movePenalty)) per hour moved and \(format.compact(result.shortfallPenalty)) per hour short (docs/model.md).")
    }

    // Charts
    var valueChartTitle: String { pick("Waarde van de getrokken jaren: P10 tot P90, plan gemarkeerd", "Value of the sampled years: P10 to P90, plan marked") }
    var municipalityChartTitle: String { pick("Verwacht tekort per gemeente (uur)", "Expected shortfall per municipality (hours)") }
    var themeChartTitle: String { pick("Verwacht tekort per thema (uur)", "Expected shortfall per theme (hours)") }
    var municipalityLossTitle: String { pick("Waarde per gemeente: P10 tot P90, plan gemarkeerd", "Value per municipality: P10 to P90, plan marked") }
    var themeLossTitle: String { pick("Waarde per thema: P10 tot P90, plan gemarkeerd", "Value per theme: P10 to P90, plan marked") }
    var hoursAxis: String { pick("uur", "hours") }
    var valueAxis: String { pick("waarde", "value") }
    var p10ToP90: String { pick("P10 tot P90", "P10 to P90") }
    var planMark: String { pick("plan", "plan") }
    var poolChartTitle: String { pick("Uren erbij en eraf per pool, verwacht", "Hours added and cut per pool, expected") }
    var added: String { pick("erbij", "added") }
    var taken: String { pick("eraf", "cut") }
}

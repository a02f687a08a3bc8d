import CapacityAllocation

/// Every sentence of the robust-reserve report, in Dutch and English.
struct RobustPhrases {
    let language: Language
    let format: NumberFormat

    init(_ language: Language) {
        self.language = language
        format = NumberFormat(language)
    }

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var kind: String { pick("Robuuste flexibele reserve", "Robust flexibility reserve") }
    func title(_ scenario: String) -> String { pick("Robuuste reserve: \(scenario)", "Robust reserve: \(scenario)") }
    var summaryTitle: String { pick("Samenvatting", "Summary") }
    var reservesTitle: String { pick("Aanbevolen reserve per capaciteitspool", "Recommended reserve per capacity pool") }
    var valueTitle: String { pick("Wat de robuuste reserve waard is", "What the robust reserve is worth") }
    var distributionTitle: String { pick("Waarde over de getrokken jaren", "Value over the sampled years") }
    var methodTitle: String { pick("Hoe dit is berekend", "How this was computed") }

    func intro(_ result: RobustResult) -> String {
        let f = format
        let seed = result.seed.map { pick(", trekking met seed \($0)", ", drawn with seed \($0)") } ?? ""
        let risk = result.riskAversion > 0
            ? pick(" met risicoaversie \(f.compact(result.riskAversion)): (1 − \(f.compact(result.riskAversion))) × verwachte waarde + \(f.compact(result.riskAversion)) × het gemiddelde van de slechtste \(f.percent(result.tailShare, decimals: 0)) van de jaren (CVaR)",
                   " with risk aversion \(f.compact(result.riskAversion)): (1 − \(f.compact(result.riskAversion))) × expected value + \(f.compact(result.riskAversion)) × the mean of the worst \(f.percent(result.tailShare, decimals: 0)) of years (CVaR)")
            : pick(" naar de verwachte waarde", " for the expected value")
        return pick("De reserve per pool is gekozen tegen \(result.samples) getrokken jaren\(seed),\(risk). In elk jaar vangt eerst de reserve het verlies aan capaciteit op; daarna schuiven uren binnen elke pool om minimums en normen te houden. Een gepland uur dat toch vervalt kost \(f.compact(result.cutCost)) waarde-uur bovenop zijn eigen waarde.",
                    "The reserve per pool is chosen against \(result.samples) sampled years\(seed),\(risk). In each year the reserve first absorbs the loss of capacity; then hours move within each pool to keep minimums and norms. A planned hour that is cut all the same costs \(f.compact(result.cutCost)) value-hours on top of its own value.")
    }

    func summaryLines(_ result: RobustResult) -> [String] {
        let f = format
        let recommended = result.reserves.reduce(0) { $0 + $1.reserve }
        let file = result.reserves.reduce(0) { $0 + $1.fileReserve }
        var lines = [
            pick("Aanbevolen reserve: \(f.hours(recommended)) uur in totaal, tegen \(f.hours(file)) uur in het scenario.",
                 "Recommended reserve: \(f.hours(recommended)) hours in all, against \(f.hours(file)) hours in the scenario."),
            pick("Verwachte waarde met de robuuste reserve: \(f.number(result.expectedObjective)) (optimum); met de reserve uit het scenario: \(f.number(result.fileExpectedObjective)).",
                 "Expected value with the robust reserve: \(f.number(result.expectedObjective)) (optimum); with the scenario's reserve: \(f.number(result.fileExpectedObjective))."),
            pick("Waarde van de stochastische oplossing (VSS): \(f.number(result.vss)): de robuuste reserve min de reserve die het beste is voor het gemiddelde jaar (\(f.number(result.expectedValuePlanObjective))), beide over dezelfde jaren.",
                 "Value of the stochastic solution (VSS): \(f.number(result.vss)): the robust reserve minus the reserve best for the mean year (\(f.number(result.expectedValuePlanObjective))), both over the same years."),
            pick("Waarde van volmaakte informatie (EVPI): \(f.number(result.evpi)): wat het zou opleveren om elk jaar vooraf te kennen (gemiddeld \(f.number(result.perfectInformationObjective))).",
                 "Expected value of perfect information (EVPI): \(f.number(result.evpi)): what knowing each year in advance would add (mean \(f.number(result.perfectInformationObjective)))."),
        ]
        if let deterministic = result.deterministicObjective {
            let givenUp = deterministic - result.normalYearValue
            lines.append(givenUp >= 0
                ? pick("In een normaal jaar (het scenario zoals geschreven) levert de robuuste reserve \(f.number(result.normalYearValue)) op, tegen \(f.number(deterministic)) voor het optimum met de reserve uit het scenario (opnieuw opgelost): \(f.number(givenUp)) minder.",
                       "In a normal year (the scenario as written) the robust reserve gives \(f.number(result.normalYearValue)), against \(f.number(deterministic)) for the optimum with the scenario's reserve (re-solved): \(f.number(givenUp)) less.")
                : pick("In een normaal jaar (het scenario zoals geschreven) levert de robuuste reserve \(f.number(result.normalYearValue)) op, tegen \(f.number(deterministic)) voor het optimum met de reserve uit het scenario (opnieuw opgelost): \(f.number(-givenUp)) meer, want de robuuste reserve is kleiner.",
                       "In a normal year (the scenario as written) the robust reserve gives \(f.number(result.normalYearValue)), against \(f.number(deterministic)) for the optimum with the scenario's reserve (re-solved): \(f.number(-givenUp)) more, since the robust reserve is smaller."))
        }
        return lines
    }

    func distributionLines(_ result: RobustResult) -> [String] {
        let f = format
        let d = result.distribution
        return [
            pick("Waarde per jaar (na vervallen uren en tekorten): gemiddeld \(f.number(d.mean)), P10 \(f.number(d.p10)), P50 \(f.number(d.p50)), P90 \(f.number(d.p90)); het gemiddelde van de slechtste \(f.percent(result.tailShare, decimals: 0)) (CVaR) \(f.number(result.cvar)).",
                 "Value per year (after cut hours and shortfalls): mean \(f.number(d.mean)), P10 \(f.number(d.p10)), P50 \(f.number(d.p50)), P90 \(f.number(d.p90)); the mean of the worst \(f.percent(result.tailShare, decimals: 0)) (CVaR) \(f.number(result.cvar))."),
            pick("Verwacht: \(f.number(result.expectedValue)) waarde, \(f.hours(result.expectedCutHours)) geplande uren die vervallen, \(f.hours(result.expectedShortfallHours)) uur tekort op minimums en normen.",
                 "Expected: \(f.number(result.expectedValue)) value, \(f.hours(result.expectedCutHours)) planned hours cut, \(f.hours(result.expectedShortfallHours)) hours short of minimums and norms."),
        ]
    }

    var poolHeader: String { pick("Pool", "Pool") }
    var capacityHeader: String { pick("Capaciteit (uur)", "Capacity (hours)") }
    var fileReserveHeader: String { pick("Reserve scenario (uur)", "Scenario's reserve (hours)") }
    var reserveHeader: String { pick("Robuuste reserve (uur)", "Robust reserve (hours)") }
    var shareHeader: String { pick("Robuust aandeel", "Robust share") }
    var changeHeader: String { pick("Verschil (uur)", "Change (hours)") }
    var chartTitle: String { pick("Robuuste reserve min de reserve uit het scenario, per pool", "Robust reserve minus the scenario's reserve, per pool") }
    var hoursAxis: String { pick("Uren per jaar", "Hours per year") }
    var less: String { pick("kleiner", "smaller") }
    var more: String { pick("groter", "larger") }

    func methodLine(_ result: RobustResult) -> String {
        pick("L-shaped decompositie met één snede per jaar: \(result.iterations) ronden, \(result.cuts) sneden, resterend verschil tussen boven- en ondergrens \(format.compact(result.gap, maximumDecimals: 9)).",
             "L-shaped decomposition with one cut per year: \(result.iterations) rounds, \(result.cuts) cuts, gap left between upper and lower bound \(format.compact(result.gap, maximumDecimals: 9)).")
    }

    func solveTime(_ seconds: Double) -> String {
        pick("Rekentijd: \(format.number(seconds, decimals: 2)) s.", "Solve time: \(format.number(seconds, decimals: 2)) s.")
    }
}

import CapacityAllocation

/// The words of the HTML report (headings, chart titles, axis labels, legends) in Dutch and
/// English. The sentences themselves are the Markdown report's, in Phrases.swift.
extension Phrases {
    private func choose(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var htmlLanguage: String { language.rawValue }
    var reportKind: String { choose("Rapport capaciteitsverdeling politie", "Police capacity allocation report") }

    // Summary page
    var canDoTitle: String { choose("Wat we kunnen", "What we can do") }
    var giveUpTitle: String { choose("Wat we opgeven", "What we give up") }
    var marginTitle: String { choose("Wat één fte meer of 10% minder betekent", "What one more FTE or a 10% cut would mean") }
    var largestShortfallsIntro: String { choose("De grootste tekorten:", "The largest shortfalls:") }
    var detailsTitle: String { choose("Toelichting en details", "Explanation and details") }
    var detailsIntro: String {
        choose("De volgende pagina's laten zien waar de uren heen gaan, hoeveel van elke behoefte gedekt is, wat elke belofte kost en waarop de uitkomst berust.",
               "The following pages show where the hours go, how much of each need is covered, what each promise costs and what the result rests on.")
    }
    var keyCapacity: String { choose("Capaciteit", "Capacity") }
    var keyAllocated: String { choose("Ingezet", "Allocated") }
    var keyReserve: String { choose("Flexibele reserve", "Flexibility reserve") }
    var keyAttainment: String { choose("Realisatie van de waarde", "Value attained") }
    var hoursUnit: String { choose("uur", "hours") }
    var noAllocationNote: String {
        choose("Omdat de beloften niet passen, is er geen verdeling; hieronder staat alleen de capaciteit per pool.",
               "Because the promises do not fit there is no allocation; below is only the capacity per pool.")
    }

    func bestBoundLine(_ bound: Double, _ gap: Double) -> String {
        choose("Beste bovengrens: \(format.number(bound)); resterend verschil \(format.percent(gap, decimals: 2)).",
               "Best bound: \(format.number(bound)); remaining gap \(format.percent(gap, decimals: 2)).")
    }

    var coreTaskMark: String { choose("kerntaak", "core task") }

    // Charts
    var hoursChartTitle: String { choose("Uren per gemeente, naar thema", "Hours per municipality, by theme") }
    var hoursAxis: String { choose("Uren per jaar", "Hours per year") }
    var poolChartTitle: String { choose("Capaciteit per pool: ingezet, reserve, ongebruikt", "Capacity per pool: allocated, reserve, unused") }
    var coverageChartTitle: String { choose("Dekking van de behoefte per thema en gemeente", "Coverage of need per theme and municipality") }
    var coverageLegend: String { choose("Gedekt deel van de behoefte (effectieve uren / behoefte)", "Share of need covered (effective hours / need)") }
    var noNeed: String { choose("geen behoefte", "no need") }
    var hourValueChartTitle: String { choose("Waarde van één uur extra per pool", "Value of one more hour per pool") }
    var hourValueAxis: String { choose("Waarde-uren per extra uur", "Value-hours per extra hour") }
    var hourValueSeries: String { choose("Waarde per extra uur (schaduwprijs)", "Value per extra hour (shadow price)") }
    var chartNote: String {
        choose("Beweeg over een balk of vak voor het precieze getal; de tabellen hieronder geven alle getallen.",
               "Hover over a bar or cell for the exact number; the tables below give every number.")
    }

    // For compare and sweep (charts of shifts and trade-off curves).
    var shiftAxis: String { choose("Verschuiving in uren per jaar", "Shift in hours per year") }
    var fewerHours: String { choose("minder uren", "fewer hours") }
    var moreHours: String { choose("meer uren", "more hours") }
    var breakpoint: String { choose("knikpunt (helling verandert)", "breakpoint (slope changes)") }

    // Sections
    var chartsTitle: String { choose("In beeld", "At a glance") }
    var tablesTitle: String { choose("De getallen", "The numbers") }
    var whyTitle: String { shortfallTitle }
    var generated: String { choose("Gemaakt met ivp", "Made with ivp") }
    var inputFile: String { choose("Invoerbestand", "Input file") }
    var software: String { choose("Software", "Software") }
}

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

// MARK: Compare, sweep and evaluate as HTML

/// The words of the HTML reports of `ivp compare`, `ivp sweep` and `ivp evaluate`; their
/// sentences are the Markdown reports' (Phrases.swift).
extension Phrases {
    // Compare
    var compareKind: String { choose("Vergelijking van scenario's", "Comparison of scenarios") }
    var compareScenariosTitle: String { choose("De scenario's naast elkaar", "The scenarios side by side") }
    var compareScenariosIntro: String {
        choose("De eerste regel is de basis; de andere scenario's worden ermee vergeleken. Waarde in waarde-uren; realisatie is het deel van de waarde die volledige dekking zou opleveren.",
               "The first row is the base; the other scenarios are compared with it. Value in value-hours; attainment is the share of the value that covering every need in full would bring.")
    }
    var compareHeadlinesTitle: String { choose("Wat elke variant betekent", "What each variant means") }
    var baseColumn: String { choose("Basis", "Base") }
    var otherColumn: String { choose("Variant", "Variant") }
    var fileLabel: String { choose("Bestand", "File") }
    var baseMark: String { choose("basis", "base") }
    var shiftThemesChartTitle: String { choose("Verschuiving in uren per thema, ten opzichte van de basis", "Shift in hours per theme, against the base") }
    var shiftMunicipalitiesChartTitle: String {
        choose("Verschuiving in uren per gemeente, ten opzichte van de basis", "Shift in hours per municipality, against the base")
    }
    func shiftChartRest(_ count: Int) -> String {
        choose("De grafiek toont de 15 grootste verschuivingen; de tabel hieronder geeft ook de \(count) andere.",
               "The chart shows the 15 largest shifts; the table below also gives the \(count) others.")
    }
    var hourValueChangeTitle: String { choose("Waarde van een extra uur per pool", "Value of one more hour per pool") }

    // Sweep
    var sweepKind: String { choose("Afweging: een getal gevarieerd", "Trade-off: one number varied") }
    var sweepCurveTitle: String { choose("De afwegingscurve", "The trade-off curve") }
    func sweepValueChartTitle(_ parameter: String, _ reference: String) -> String {
        choose("Wat elke waarde van \(parameter) kost of oplevert, ten opzichte van \(parameter) = \(reference)",
               "What each value of \(parameter) costs or gains, against \(parameter) = \(reference)")
    }
    func sweepHourValueChartTitle(_ count: Int) -> String {
        choose("Waarde van een extra uur: de \(count) pools die het meest veranderen", "Value of one more hour: the \(count) pools that change most")
    }
    func sweepParameterAxis(_ parameter: String) -> String { choose("Gevarieerd getal: \(parameter)", "Number varied: \(parameter)") }
    var sweepValueAxis: String { choose("Verschil in totale waarde (waarde-uren)", "Change in total value (value-hours)") }
    func sweepValueSeries(_ parameter: String, _ reference: String) -> String {
        choose("Totale waarde in het optimum, min die bij \(parameter) = \(reference)",
               "Total value at the optimum, minus that at \(parameter) = \(reference)")
    }
    func sweepColumnsCaption(_ title: String, _ parameter: String) -> String {
        choose("\(title), per waarde van \(parameter)", "\(title), per value of \(parameter)")
    }
    func sweepBaseLine(_ parameter: String, _ value: String) -> String {
        choose("In het scenario zelf is \(parameter) = \(value).", "In the scenario itself \(parameter) = \(value).")
    }
    func sweepInfeasibleLine(_ values: String) -> String {
        choose("Geen verdeling mogelijk bij: \(values). De curve laat deze punten weg.", "No allocation is possible at: \(values). The curve leaves these points out.")
    }
    var breakpointsTitle: String { choose("Waar de curve knikt", "Where the curve bends") }
    var breakpointsIntro: String {
        choose("Tussen deze punten verandert de waarde van een extra uur van ten minste één pool: daar wordt de curve steiler of vlakker. De open cirkels in de grafiek staan midden tussen de twee punten.",
               "Between these points the value of one more hour of at least one pool changes: there the curve gets steeper or flatter. The open circles in the chart sit halfway between the two points.")
    }
    var noBreakpoints: String {
        choose("De waarde van een extra uur blijft bij elk punt gelijk: de curve is een rechte lijn.",
               "The value of one more hour stays the same at every point: the curve is a straight line.")
    }
    var sweepColumnsNote: String {
        choose("Deze twee tabellen tonen een selectie van de haalbare punten (de uiteinden, het scenario zelf en punten daartussen); `--format csv` of `--format json` geeft elk punt.",
               "These two tables show a selection of the feasible points (the ends, the scenario itself and points in between); `--format csv` or `--format json` gives every point.")
    }
    var sweepFeasibleCount: String { choose("Haalbare punten", "Feasible points") }
    var sweepBreakpointCount: String { choose("Knikpunten", "Breakpoints") }
    func sweepCountOf(_ count: Int, _ total: Int) -> String { choose("\(count) van \(total)", "\(count) of \(total)") }
    var sweepHighestValue: String { choose("Hoogste waarde", "Highest value") }
    var sweepLowestValue: String { choose("Laagste waarde", "Lowest value") }

    // Evaluate
    var evaluateKind: String { choose("Beoordeling van een bestaande verdeling", "Evaluation of an existing allocation") }
    var keyValue: String { choose("Waarde van de verdeling", "Value of the allocation") }
    var keyOptimum: String { choose("Waarde in het optimum", "Value at the optimum") }
    var keyGap: String { choose("Verschil met het optimum", "Gap to the optimum") }
    var keyViolations: String { choose("Gebroken beloften", "Broken promises") }
    var valueHoursUnit: String { choose("waarde-uren", "value-hours") }
    var moveGainChartTitle: String { choose("Wat elke verplaatsing oplevert", "What each move gains") }
    var moveAxis: String { choose("Verplaatsing", "Move") }
    var gainAxis: String { choose("Extra waarde (waarde-uren)", "Value gained (value-hours)") }
    var gainSeries: String { choose("Winst van de verplaatsing, na de verplaatsingen ervoor", "Gain of the move, after the moves before it") }
    var unusedHoursLabel: String { choose("ongebruikte uren", "unused hours") }
    var municipalityGapChartTitle: String { choose("Waarde per gemeente ten opzichte van het optimum", "Value per municipality against the optimum") }
    var municipalityGapAxis: String { choose("Waarde van de verdeling min het optimum (waarde-uren)", "Value of the allocation minus the optimum (value-hours)") }
    var lessThanOptimum: String { choose("minder waarde dan in het optimum", "less value than at the optimum") }
    var moreThanOptimum: String { choose("meer waarde dan in het optimum", "more value than at the optimum") }
    var differenceLabel: String { choose("Verschil", "Difference") }
}

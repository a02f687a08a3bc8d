import CapacityAllocation

/// The words of the HTML report (headings, chart titles, axis labels, legends) in Dutch and
/// English. The sentences themselves are the Markdown report's, in Phrases.swift.
extension Phrases {

    var htmlLanguage: String { language.rawValue }
    var reportKind: String { pick("Rapport capaciteitsverdeling politie", "Police capacity allocation report") }

    // Summary page
    var canDoTitle: String { pick("Wat we kunnen", "What we can do") }
    var giveUpTitle: String { pick("Wat we opgeven", "What we give up") }
    var marginTitle: String { pick("Wat één fte meer of 10% minder betekent", "What one more FTE or a 10% cut would mean") }
    var detailsTitle: String { pick("Toelichting en details", "Explanation and details") }
    var detailsIntro: String {
        pick("De volgende pagina's laten zien waar de uren heen gaan, hoeveel van elke behoefte gedekt is, wat elke belofte kost en waarop de uitkomst berust.",
               "The following pages show where the hours go, how much of each need is covered, what each promise costs and what the result rests on.")
    }
    var keyCapacity: String { pick("Capaciteit", "Capacity") }
    var keyAllocated: String { pick("Ingezet", "Allocated") }
    var keyReserve: String { pick("Flexibele reserve", "Flexibility reserve") }
    var keyAttainment: String { pick("Realisatie (gewogen)", "Attainment (weighted)") }
    var hoursUnit: String { pick("uur", "hours") }
    var noAllocationNote: String {
        pick("Omdat de beloften niet passen, is er geen verdeling; hieronder staat alleen de capaciteit per pool.",
               "Because the promises do not fit there is no allocation; below is only the capacity per pool.")
    }

    func bestBoundLine(_ bound: Double, _ gap: Double) -> String {
        pick("Beste bovengrens: \(format.number(bound)); resterend verschil \(format.percent(gap, decimals: 2)).",
               "Best bound: \(format.number(bound)); remaining gap \(format.percent(gap, decimals: 2)).")
    }

    var coreTaskMark: String { pick("kerntaak", "core task") }

    // Charts
    var hoursChartTitle: String { pick("Uren per gemeente, naar thema", "Hours per municipality, by theme") }
    var hoursAxis: String { pick("Uren per jaar", "Hours per year") }
    var poolChartTitle: String { pick("Capaciteit per pool: ingezet, reserve, ongebruikt", "Capacity per pool: allocated, reserve, unused") }
    var coverageChartTitle: String { pick("Dekking van de behoefte per thema en gemeente", "Coverage of need per theme and municipality") }
    var coverageLegend: String { pick("Gedekt deel van de behoefte (effectieve uren / behoefte)", "Share of need covered (effective hours / need)") }
    var noNeed: String { pick("geen behoefte", "no need") }
    var hourValueChartTitle: String { pick("Marginale waarde van één uur extra per pool", "Marginal value of one more hour per pool") }
    var hourValueAxis: String { pick("Waarde-uren per extra uur", "Value-hours per extra hour") }
    var hourValueSeries: String { pick("Waarde per extra uur (schaduwprijs)", "Value per extra hour (shadow price)") }
    var chartNote: String {
        pick("Beweeg over een balk of vak voor het precieze getal; de tabellen hieronder geven alle getallen.",
               "Hover over a bar or cell for the exact number; the tables below give every number.")
    }

    // For compare and sweep (charts of shifts and trade-off curves).
    var shiftAxis: String { pick("Verschuiving in uren per jaar", "Shift in hours per year") }
    var fewerHours: String { pick("minder uren", "fewer hours") }
    var moreHours: String { pick("meer uren", "more hours") }
    var breakpoint: String { pick("knikpunt (helling verandert)", "breakpoint (slope changes)") }

    // Sections
    var chartsTitle: String { pick("In beeld", "At a glance") }
    var tablesTitle: String { pick("De getallen", "The numbers") }
    var whyTitle: String { shortfallTitle }
    var generated: String { pick("Gemaakt met ivp", "Made with ivp") }
    var inputFile: String { pick("Invoerbestand", "Input file") }
    var software: String { pick("Software", "Software") }
}

// MARK: Compare, sweep and evaluate as HTML

/// The words of the HTML reports of `ivp compare`, `ivp sweep` and `ivp evaluate`; their
/// sentences are the Markdown reports' (Phrases.swift).
extension Phrases {
    // Compare
    var compareKind: String { pick("Vergelijking van scenario's", "Comparison of scenarios") }
    var compareScenariosTitle: String { pick("De scenario's naast elkaar", "The scenarios side by side") }
    var compareScenariosIntro: String {
        pick("De eerste regel is de basis; de andere scenario's worden ermee vergeleken. Waarde in waarde-uren; realisatie is het deel van de waarde die volledige dekking zou opleveren.",
               "The first row is the base; the other scenarios are compared with it. Value in value-hours; attainment is the share of the value that covering every need in full would bring.")
    }
    var compareHeadlinesTitle: String { pick("Wat elke variant betekent", "What each variant means") }
    var baseColumn: String { pick("Basis", "Base") }
    var otherColumn: String { pick("Variant", "Variant") }
    var fileLabel: String { pick("Bestand", "File") }
    var baseMark: String { pick("basis", "base") }
    var shiftThemesChartTitle: String { pick("Verschuiving in uren per thema, ten opzichte van de basis", "Shift in hours per theme, against the base") }
    var shiftMunicipalitiesChartTitle: String {
        pick("Verschuiving in uren per gemeente, ten opzichte van de basis", "Shift in hours per municipality, against the base")
    }
    func shiftChartRest(_ count: Int) -> String {
        pick("De grafiek toont de 15 grootste verschuivingen; de tabel hieronder geeft ook de \(count) andere.",
               "The chart shows the 15 largest shifts; the table below also gives the \(count) others.")
    }
    var hourValueChangeTitle: String { pick("Waarde van een extra uur per pool", "Value of one more hour per pool") }

    // Sweep
    var sweepKind: String { pick("Afweging: een getal gevarieerd", "Trade-off: one number varied") }
    var sweepCurveTitle: String { pick("De afwegingscurve", "The trade-off curve") }
    func sweepValueChartTitle(_ parameter: String, _ reference: String) -> String {
        pick("Wat elke waarde van \(parameter) kost of oplevert, ten opzichte van \(parameter) = \(reference)",
               "What each value of \(parameter) costs or gains, against \(parameter) = \(reference)")
    }
    func sweepHourValueChartTitle(_ count: Int) -> String {
        pick("Waarde van een extra uur: de \(count) pools die het meest veranderen", "Value of one more hour: the \(count) pools that change most")
    }
    func sweepParameterAxis(_ parameter: String) -> String { pick("Gevarieerd getal: \(parameter)", "Number varied: \(parameter)") }
    var sweepValueAxis: String { pick("Verschil in totale waarde (waarde-uren)", "Change in total value (value-hours)") }
    func sweepValueSeries(_ parameter: String, _ reference: String) -> String {
        pick("Totale waarde in het optimum, min die bij \(parameter) = \(reference)",
               "Total value at the optimum, minus that at \(parameter) = \(reference)")
    }
    func sweepColumnsCaption(_ title: String, _ parameter: String) -> String {
        pick("\(title), per waarde van \(parameter)", "\(title), per value of \(parameter)")
    }
    func sweepBaseLine(_ parameter: String, _ value: String) -> String {
        pick("In het scenario zelf is \(parameter) = \(value).", "In the scenario itself \(parameter) = \(value).")
    }
    func sweepInfeasibleLine(_ values: String) -> String {
        pick("Geen verdeling mogelijk bij: \(values). De curve laat deze punten weg.", "No allocation is possible at: \(values). The curve leaves these points out.")
    }
    var breakpointsTitle: String { pick("Waar de curve knikt", "Where the curve bends") }
    var breakpointsIntro: String {
        pick("Tussen deze punten verandert de waarde van een extra uur van ten minste één pool: daar wordt de curve steiler of vlakker. De open cirkels in de grafiek staan midden tussen de twee punten.",
               "Between these points the value of one more hour of at least one pool changes: there the curve gets steeper or flatter. The open circles in the chart sit halfway between the two points.")
    }
    var noBreakpoints: String {
        pick("De waarde van een extra uur blijft bij elk punt gelijk: de curve is een rechte lijn.",
               "The value of one more hour stays the same at every point: the curve is a straight line.")
    }
    var sweepColumnsNote: String {
        pick("Deze twee tabellen tonen een selectie van de haalbare punten (de uiteinden, het scenario zelf en punten daartussen); `--format csv` of `--format json` geeft elk punt.",
               "These two tables show a selection of the feasible points (the ends, the scenario itself and points in between); `--format csv` or `--format json` gives every point.")
    }
    var sweepFeasibleCount: String { pick("Haalbare punten", "Feasible points") }
    var sweepBreakpointCount: String { pick("Knikpunten", "Breakpoints") }
    func sweepCountOf(_ count: Int, _ total: Int) -> String { pick("\(count) van \(total)", "\(count) of \(total)") }
    var sweepHighestValue: String { pick("Hoogste waarde", "Highest value") }
    var sweepLowestValue: String { pick("Laagste waarde", "Lowest value") }

    // Evaluate
    var evaluateKind: String { pick("Beoordeling van een bestaande verdeling", "Evaluation of an existing allocation") }
    var keyValue: String { pick("Waarde van de verdeling", "Value of the allocation") }
    var keyOptimum: String { pick("Waarde in het optimum", "Value at the optimum") }
    var keyGap: String { pick("Verschil met het optimum", "Gap to the optimum") }
    var keyViolations: String { pick("Gebroken beloften", "Broken promises") }
    var valueHoursUnit: String { pick("waarde-uren", "value-hours") }
    var moveGainChartTitle: String { pick("Wat elke verplaatsing oplevert", "What each move gains") }
    var moveAxis: String { pick("Verplaatsing", "Move") }
    var gainAxis: String { pick("Extra waarde (waarde-uren)", "Value gained (value-hours)") }
    var gainSeries: String { pick("Winst van de verplaatsing, na de verplaatsingen ervoor", "Gain of the move, after the moves before it") }
    var unusedHoursLabel: String { pick("ongebruikte uren", "unused hours") }
    var municipalityGapChartTitle: String { pick("Waarde per gemeente ten opzichte van het optimum", "Value per municipality against the optimum") }
    var municipalityGapAxis: String { pick("Waarde van de verdeling min het optimum (waarde-uren)", "Value of the allocation minus the optimum (value-hours)") }
    var lessThanOptimum: String { pick("minder waarde dan in het optimum", "less value than at the optimum") }
    var moreThanOptimum: String { pick("meer waarde dan in het optimum", "more value than at the optimum") }
    var differenceLabel: String { pick("Verschil", "Difference") }
}

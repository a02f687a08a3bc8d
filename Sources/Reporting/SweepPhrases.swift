import CapacityAllocation

/// `ivp sweep`: the trade-off curve in words.
extension Phrases {
    func sweepTitle(_ scenario: String, _ parameter: String) -> String {
        pick("Afweging: \(scenario), \(parameter) gevarieerd", "Trade-off: \(scenario), varying \(parameter)")
    }

    var sweepPointsTitle: String { pick("Waarde per punt", "Value per point") }
    var sweepHourValuesTitle: String { pick("Marginale waarde van een extra uur per pool", "Marginal value of one more hour per pool") }
    var sweepCoverageTitle: String { pick("Dekking van de behoefte per thema", "Coverage of need per theme") }
    var sweepSlope: String { pick("Extra waarde per eenheid", "Value per unit") }

    func sweepSummary(_ sweep: SweepResult) -> String {
        let f = format
        let feasible = sweep.points.filter { $0.objective != nil }
        let infeasible = sweep.points.count - feasible.count
        guard let first = feasible.first, let last = feasible.last,
              let low = first.objective, let high = last.objective else {
            return pick("Geen van de \(sweep.points.count) punten is haalbaar.", "None of the \(sweep.points.count) points is feasible.")
        }
        let count = sweep.breakpoints.count
        let bends = count == 0 ? pick(" De curve knikt niet.", " The curve does not bend.")
            : count == 1 ? pick(" De curve knikt één keer.", " The curve bends once.")
            : pick(" De curve knikt \(count) keer.", " The curve bends \(count) times.")
        var sentence = pick(
            "Bij \(sweep.parameter) = \(f.compact(first.parameter)) is de waarde \(f.number(low)) (\(f.percent(first.attainment ?? 0))), bij \(f.compact(last.parameter)) \(f.number(high)) (\(f.percent(last.attainment ?? 0))).\(bends)",
            "At \(sweep.parameter) = \(f.compact(first.parameter)) the value is \(f.number(low)) (\(f.percent(first.attainment ?? 0))), at \(f.compact(last.parameter)) it is \(f.number(high)) (\(f.percent(last.attainment ?? 0))).\(bends)")
        if infeasible > 0 {
            sentence += infeasible == 1
                ? pick(" 1 van de \(sweep.points.count) punten is onhaalbaar.", " 1 of the \(sweep.points.count) points is infeasible.")
                : pick(" \(infeasible) van de \(sweep.points.count) punten zijn onhaalbaar.", " \(infeasible) of the \(sweep.points.count) points are infeasible.")
        }
        return sentence
    }

    func breakpointSentence(_ breakpoint: SweepBreakpoint, _ sweep: SweepResult) -> String {
        let f = format
        let before = sweep.points.first { $0.parameter == breakpoint.from }
        let after = sweep.points.first { $0.parameter == breakpoint.to }
        let changes = breakpoint.pools.prefix(3).map { pool in
            let from = before?.hourValues[pool] ?? 0, to = after?.hourValues[pool] ?? 0
            // As many decimals as it takes to show the change (two, up to four).
            let decimals = (2...4).first { f.number(from, decimals: $0) != f.number(to, decimals: $0) } ?? 4
            return "\(sweep.names[pool] ?? pool) \(f.number(from, decimals: decimals)) → \(f.number(to, decimals: decimals))"
        }.joined(separator: ", ")
        let more = breakpoint.pools.count > 3 ? pick(" en \(breakpoint.pools.count - 3) andere", " and \(breakpoint.pools.count - 3) more") : ""
        return pick("Tussen \(f.compact(breakpoint.from)) en \(f.compact(breakpoint.to)) verandert de marginale waarde van een extra uur: \(changes)\(more).",
                    "Between \(f.compact(breakpoint.from)) and \(f.compact(breakpoint.to)) the marginal value of one more hour changes: \(changes)\(more).")
    }

    func sweepMethod(_ sweep: SweepResult) -> String {
        let warm = sweep.points.filter(\.warmStart).count
        return pick("\(warm) van \(sweep.points.count) punten warm gestart vanuit de vorige optimale basis",
                    "\(warm) of \(sweep.points.count) points warm-started from the previous optimal basis")
    }

    /// The sentence of a sweep on which allocation each point shows.
    func sweepChoiceSentence(_ sweep: SweepResult) -> String {
        sweep.stable
            ? pick("Elk punt toont van alle even goede verdelingen de verdeling die het dichtst ligt bij die van het scenario zoals het is (kolom ‘uren verschoven’: het minst mogelijke).",
                   "Each point shows, of all equally good allocations, the one closest to the allocation of the scenario as given (column ‘hours moved’: the fewest possible).")
            : pick("Elk punt toont de optimale verdeling zoals de solver die vond (`--no-stable`); de kolom ‘uren verschoven’ kan herschikkingen tussen even goede verdelingen bevatten.",
                   "Each point shows the optimal allocation as the solver found it (`--no-stable`); the column ‘hours moved’ may include reshuffles between equally good allocations.")
    }

    var hoursMovedLabel: String { pick("Uren verschoven", "Hours moved") }

    func infeasiblePointSentence(_ value: String, parameter: String) -> String {
        pick("Bij \(parameter) = \(value) passen de beloften niet:", "At \(parameter) = \(value) the promises do not fit:")
    }
}

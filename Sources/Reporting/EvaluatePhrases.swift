import CapacityAllocation

/// The sentences of `ivp evaluate` (EvaluateReport).
extension Phrases {
    func evaluateTitle(_ scenario: String) -> String {
        pick("Beoordeling van een bestaande verdeling: \(scenario)", "Evaluation of an existing allocation: \(scenario)")
    }

    func evaluateIntro(_ path: String) -> String {
        pick("Beoordeelde verdeling: `\(path)`.", "Allocation evaluated: `\(path)`.")
    }

    /// Whole hours, or two decimals below 10 so that small amounts do not show as 0.
    func evaluateAmount(_ value: Double) -> String {
        abs(value) >= 10 ? format.number(value) : format.compact(value, maximumDecimals: 2)
    }

    func evaluateFeasibleLine(_ result: EvaluationResult) -> String {
        let count = result.violations.count
        if count == 0 {
            return pick("**Beloften:** de verdeling houdt zich aan elke beperking van het scenario.",
                        "**Promises:** the allocation keeps every constraint of the scenario.")
        }
        return pick("**Beloften:** de verdeling breekt \(count) \(count == 1 ? "beperking" : "beperkingen") (zie hieronder).",
                    "**Promises:** the allocation breaks \(count) \(count == 1 ? "constraint" : "constraints") (see below).")
    }

    func evaluateHoursLine(_ result: EvaluationResult) -> String {
        pick("**Uren:** \(format.hours(result.allocated)) ingezet van de \(format.hours(result.allocatable)) uur die de pools na hun reserve hebben.",
             "**Hours:** \(format.hours(result.allocated)) allocated of the \(format.hours(result.allocatable)) hours the pools have after their reserves.")
    }

    func evaluateValueLine(_ result: EvaluationResult) -> String {
        let share = result.attainment.map { format.percent($0) } ?? "–"
        return pick("**Waarde:** \(format.number(result.objective)) van de \(format.number(result.ideal)) waarde-uren die volledige dekking van alle behoeften zou opleveren (\(share)).",
                    "**Value:** \(format.number(result.objective)) of the \(format.number(result.ideal)) value-hours that covering every need in full would bring (\(share)).")
    }

    func evaluateOptimumLine(_ result: EvaluationResult) -> String {
        let f = format
        guard let optimum = result.optimum, let gap = result.gap else {
            return pick("**Optimum:** \(statusText(result.optimumStatus)); er is geen verdeling die elke beperking houdt om mee te vergelijken.",
                        "**Optimum:** \(statusText(result.optimumStatus)); there is no allocation that keeps every constraint to compare with.")
        }
        let share = result.optimumAttainment.map { " (\(f.percent($0)))" } ?? ""
        let head = pick("**Optimum:** \(f.number(optimum))\(share), werkwijze \(modeText(result.mode))",
                        "**Optimum:** \(f.number(optimum))\(share), mode \(modeText(result.mode))")
        if gap == 0 {
            return head + pick("; de verdeling is optimaal.", "; the allocation is optimal.")
        }
        let relative = result.relativeGap.map { " (\(f.percent(abs($0), decimals: 2)))" } ?? ""
        if gap < 0 {
            return head + pick("; de verdeling heeft \(evaluateAmount(-gap)) waarde-uren meer\(relative), omdat deze werkwijze niet alleen de hoogste totale waarde zoekt.",
                               "; the allocation has \(evaluateAmount(-gap)) value-hours more\(relative), as this mode does not only seek the highest total value.")
        }
        return head + pick("; de verdeling blijft daar \(evaluateAmount(gap)) waarde-uren onder\(relative).",
                           "; the allocation falls \(evaluateAmount(gap)) value-hours short of it\(relative).")
    }

    var violationsTitle: String { pick("Gebroken beloften", "Broken promises") }
    var noViolation: String { pick("Geen enkele beperking wordt gebroken.", "No constraint is broken.") }

    func violationSentence(_ violation: Violation, _ result: EvaluationResult) -> String {
        let f = format
        let names = violation.entities.map { result.name($0) }
        let hours = evaluateAmount(violation.hours), bound = evaluateAmount(violation.bound), actual = evaluateAmount(violation.actual)
        switch violation.constraint {
        case .link:
            return pick("\(names[0]) in \(names[1]) krijgt \(hours) effectieve uren meer dan de behoefte van \(bound) uur; die uren tellen niet mee.",
                        "\(names[0]) in \(names[1]) gets \(hours) effective hours beyond its need of \(bound) hours; they count for nothing.")
        case .capacity:
            return pick("\(names[0]) zet \(actual) uur in, \(hours) meer dan de \(bound) uur die na de reserve beschikbaar zijn.",
                        "\(names[0]) allocates \(actual) hours, \(hours) more than the \(bound) hours it has after its reserve.")
        case .mutualAid:
            return pick("\(names[0]) levert \(actual) uur bijstand, \(hours) meer dan de grens van \(bound) uur.",
                        "\(names[0]) lends \(actual) hours of mutual aid, \(hours) more than its limit of \(bound) hours.")
        case .minimum:
            return pick("\(names[0]) in \(names[1]) krijgt \(actual) effectieve uren, \(hours) minder dan het minimum van \(bound) uur.",
                        "\(names[0]) in \(names[1]) gets \(actual) effective hours, \(hours) short of its minimum of \(bound) hours.")
        case .displacement:
            let points = f.number(violation.actual * 100), allowed = f.compact(violation.bound * 100, maximumDecimals: 1)
            return pick("Het dekkingspercentage van \(names[0]) in \(names[1]) ligt \(points) procentpunt boven dat in \(names[2]), waar hoogstens \(allowed) mag: \(hours) uur te veel in \(names[1]).",
                        "The coverage share of \(names[0]) in \(names[1]) is \(points) percentage points above that in \(names[2]), where at most \(allowed) are allowed: \(hours) hours too many in \(names[1]).")
        case .poolLimit:
            let themes = names.dropFirst().joined(separator: ", ")
            return pick("\(names[0]) zet \(actual) uur in op \(themes), \(hours) meer dan het plafond van \(bound) uur.",
                        "\(names[0]) allocates \(actual) hours to \(themes), \(hours) more than its cap of \(bound) hours.")
        case .presence:
            return pick("\(normTitle(violation.entities[0])) in \(names[1]) vraagt \(bound) uur; er zijn er \(actual), \(hours) te weinig.",
                        "\(normTitle(violation.entities[0])) in \(names[1]) asks \(bound) hours; there are \(actual), \(hours) short.")
        }
    }

    var movesTitle: String { pick("Wat het meest oplevert", "What gains most") }

    var movesIntro: String {
        pick("Verplaatsingen van uren binnen één pool, richting het optimum, die geen beperking verder breken. In deze volgorde uitgevoerd tellen de winsten op.",
             "Moves of hours within one pool, towards the optimum, that break no constraint further. Done in this order, their gains add up.")
    }

    func moveSentence(_ move: Move, _ result: EvaluationResult) -> String {
        let hours = evaluateAmount(move.hours), gain = "+" + evaluateAmount(move.gain)
        let pool = result.name(move.pool)
        let to = "\(result.name(move.to.theme)) in \(result.name(move.to.municipality))"
        guard let from = move.from else {
            return pick("Zet \(hours) ongebruikte uren van \(pool) in op \(to): \(gain) waarde.",
                        "Put \(hours) unused hours of \(pool) on \(to): \(gain) value.")
        }
        let source = "\(result.name(from.theme)) in \(result.name(from.municipality))"
        return pick("Verplaats \(hours) uur van \(pool) van \(source) naar \(to): \(gain) waarde.",
                    "Move \(hours) hours of \(pool) from \(source) to \(to): \(gain) value.")
    }

    func movesTotal(_ gain: Double, _ result: EvaluationResult) -> String {
        pick("Samen: +\(evaluateAmount(gain)) waarde, van \(format.number(result.objective)) naar \(format.number(result.objective + gain)).",
             "Together: +\(evaluateAmount(gain)) value, from \(format.number(result.objective)) to \(format.number(result.objective + gain)).")
    }

    func noMoves(_ result: EvaluationResult) -> String {
        if result.gap == 0 {
            return pick("De verdeling is optimaal: geen verplaatsing levert iets op.", "The allocation is optimal: no move gains anything.")
        }
        return pick("Geen enkele verplaatsing van uren binnen één pool richting het optimum levert waarde op zonder een beperking verder te breken.",
                    "No single move of hours within one pool towards the optimum gains value without breaking a constraint further.")
    }

    var evaluatePoolsTitle: String { pick("Uren per pool", "Hours per pool") }
    var allocatableLabel: String { pick("Beschikbaar na reserve", "Available after reserve") }
    var optimumLabel: String { pick("In het optimum", "In the optimum") }
    var optimumValueLabel: String { pick("Waarde in het optimum", "Value in the optimum") }
}

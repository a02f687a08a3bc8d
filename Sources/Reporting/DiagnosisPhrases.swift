import CapacityAllocation

/// Why an infeasible scenario does not fit: the diagnosis lines, the single change that alone
/// would do, and the reserve that could give way.
extension Phrases {
    func diagnosisSentence(_ line: DiagnosisLine, _ result: AllocationResult) -> String {
        diagnosisSentence(line, names: result.names)
    }

    /// Every line of a diagnosis as a sentence, with the single change that alone would do.
    func diagnosisSentences(_ result: AllocationResult) -> [String] {
        (result.diagnosis ?? []).map { line in
            var sentence = diagnosisSentence(line, result)
            if line.detectedBeforeSolving { sentence.insert(contentsOf: detectedBeforeSolving, at: sentence.index(before: sentence.endIndex)) }
            if let change = line.singleChange { sentence += " " + singleChangeSentence(change) }
            return sentence
        }
    }

    /// "On its own, `themes.noodhulp.minimum` at most 0.92 instead of 0.95 makes every promise fit."
    func singleChangeSentence(_ change: SingleChange) -> String {
        let f = format
        let decimals = change.feasible < 10 ? 3 : 1
        let value = f.number(change.feasible, decimals: decimals), now = f.number(change.current, decimals: decimals)
        let cap = change.feasible > change.current
        var sentence = cap
            ? pick("Alleen `\(change.parameter)` ophogen tot minstens \(value) (nu \(now))", "Raising only `\(change.parameter)` to at least \(value) (now \(now))")
            : pick("Alleen `\(change.parameter)` verlagen tot hoogstens \(value) (nu \(now))", "Lowering only `\(change.parameter)` to at most \(value) (now \(now))")
        if let hours = change.hours {
            sentence += pick(", \(f.hours(hours)) uur meer,", ", \(f.hours(hours)) more hours,")
        }
        return sentence + pick(" laat alle beloften passen.", " makes every promise fit.")
    }

    func diagnosisSentence(_ line: DiagnosisLine, names lookup: [String: String]) -> String {
        let f = format
        let names = line.entities.map { lookup[$0] ?? $0 }
        switch line.constraint {
        case .minimum:
            let share = line.feasibleShare.map {
                pick(" (een minimum van \(f.number($0, decimals: 2)) van de behoefte)", " (a minimum of \(f.number($0, decimals: 2)) of the need)")
            } ?? ""
            return pick("Het minimum voor \(names[0]) in \(names[1]) vraagt \(f.hours(line.hoursShort)) uur meer dan er is; haalbaar bij een minimum van \(f.hours(line.feasibleBound)) uur\(share) in plaats van \(f.hours(line.bound)).",
                        "The minimum for \(names[0]) in \(names[1]) needs \(f.hours(line.hoursShort)) hours more than there are; feasible with a minimum of \(f.hours(line.feasibleBound)) hours\(share) instead of \(f.hours(line.bound)).")
        case .capacity:
            let themes = names.dropFirst().joined(separator: ", ")
            return pick("De minimums die alleen \(names[0]) kan leveren (\(themes)) vragen \(f.hours(line.feasibleBound)) uur, \(f.hours(line.hoursShort)) meer dan de \(f.hours(line.bound)) uur die de pool na de reserve heeft.",
                        "The minimums only \(names[0]) can serve (\(themes)) need \(f.hours(line.feasibleBound)) hours, \(f.hours(line.hoursShort)) more than the \(f.hours(line.bound)) hours the pool has after its reserve.")
        case .presence:
            return pick("\(normTitle(line.entities[0])) in \(names[1]) komt \(f.hours(line.hoursShort)) uur tekort; haalbaar bij \(f.hours(line.feasibleBound)) uur in plaats van \(f.hours(line.bound)).",
                        "\(normTitle(line.entities[0])) in \(names[1]) is \(f.hours(line.hoursShort)) hours short; feasible at \(f.hours(line.feasibleBound)) hours instead of \(f.hours(line.bound)).")
        case .displacement:
            return pick("De grens op het waterbedeffect voor \(names[0]) tussen \(names[1]) en \(names[2]) moet \(f.hours(line.hoursShort)) uur wijken; haalbaar bij \(f.percent(line.feasibleBound)) verschil in plaats van \(f.percent(line.bound)).",
                        "The displacement bound on \(names[0]) between \(names[1]) and \(names[2]) must give \(f.hours(line.hoursShort)) hours; feasible at \(f.percent(line.feasibleBound)) apart instead of \(f.percent(line.bound)).")
        case .mutualAid:
            return pick("De bijstand van \(names[0]) moet \(f.hours(line.hoursShort)) uur boven de grens van \(f.hours(line.bound)) uur.",
                        "Mutual aid from \(names[0]) must exceed its limit of \(f.hours(line.bound)) hours by \(f.hours(line.hoursShort)).")
        case .poolLimit:
            let themes = names.dropFirst().joined(separator: ", ")
            return pick("Het plafond van \(names[0]) voor \(themes) moet \(f.hours(line.hoursShort)) uur omhoog (van \(f.hours(line.bound)) uur).",
                        "The cap of \(names[0]) on \(themes) must rise by \(f.hours(line.hoursShort)) hours (from \(f.hours(line.bound)) hours).")
        }
    }

    func reliefSentence(_ relief: [ReserveRelief], _ result: AllocationResult) -> String {
        let parts = relief.map { item in
            pick("de reserve van \(result.name(item.pool)) van \(format.percent(item.reserve, decimals: 0)) naar \(format.percent(item.feasibleReserve, decimals: 1))",
                 "the reserve of \(result.name(item.pool)) from \(format.percent(item.reserve, decimals: 0)) to \(format.percent(item.feasibleReserve, decimals: 1))")
        }
        return pick("Zonder een belofte los te laten past het ook door \(parts.joined(separator: " en ")) te verlagen.",
                    "Without giving up a promise, it also fits by lowering \(parts.joined(separator: " and ")).")
    }

    var noReliefSentence: String {
        pick("Ook zonder enige flexibele reserve passen de beloften niet.", "Even with no flexibility reserve at all, the promises do not fit.")
    }

    var detectedBeforeSolving: String { pick(" (al vóór het rekenen vastgesteld)", " (found before solving)") }

    var diagnosisIntro: String {
        pick("Niet alle beloften passen tegelijk in de capaciteit. Dit is de kleinste verzameling versoepelingen (in uren) die het wel laat passen:",
             "Not all promises fit in the capacity at once. This is the smallest set of relaxations (in hours) that makes them fit:")
    }
}

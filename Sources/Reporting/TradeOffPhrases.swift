import CapacityAllocation

/// What the solve report says about what we give up and why: the shortfalls, the promises and
/// what each costs, the reserves, what one more FTE buys, the weights' ranges and the mode sections.
extension Phrases {
    func shortfallSentence(_ item: Shortfall, _ result: AllocationResult) -> String {
        let f = format
        let theme = result.name(item.theme), place = result.name(item.municipality)
        let share = item.share
        let gets = item.covered <= 0.5
            ? pick("\(theme) in \(place) krijgt 0 uur", "\(theme) in \(place) gets 0 hours")
            : pick("\(theme) in \(place) krijgt \(f.hours(item.covered)) van de \(f.hours(item.need)) uur die nodig zijn (\(f.percent(share, decimals: 0)))",
                   "\(theme) in \(place) gets \(f.hours(item.covered)) of the \(f.hours(item.need)) hours it needs (\(f.percent(share, decimals: 0)))")
        let poolName = item.pool.map { result.name($0) } ?? ""
        var reason: String
        switch item.reason {
        case .noCapacity:
            reason = pick("geen pool van een soort die dit thema kan oppakken werkt in \(place)",
                          "no pool of a kind that can work on this theme serves \(place)")
        case .noValue:
            reason = pick("een extra uur telt hier niet mee (gewicht of waarde 0)", "an extra hour counts for nothing here (weight or value 0)")
        case .outvalued:
            reason = pick("een uur van \(poolName) is elders \(f.rate(item.valueElsewhere ?? 0)) waard, hier \(f.rate(item.valueHere ?? 0))",
                          "an hour of \(poolName) is worth \(f.rate(item.valueElsewhere ?? 0)) elsewhere, here \(f.rate(item.valueHere ?? 0))")
            if let increase = item.weightIncrease {
                reason += pick("; het gewicht zou met \(f.rate(increase)) moeten stijgen", "; its weight would have to rise by \(f.rate(increase))")
            }
        case .displacement:
            let neighbour = item.neighbour.map { result.name($0) } ?? ""
            let neighbourShare = result.coverageShare(theme: item.theme, municipality: item.neighbour)
            reason = pick("de grens op het waterbedeffect houdt het dicht bij \(neighbour) (\(f.percent(neighbourShare, decimals: 0)) gedekt)",
                          "the displacement bound keeps it close to \(neighbour) (\(f.percent(neighbourShare, decimals: 0)) covered)")
        case .notSelected:
            reason = pick("\(place) heeft dit thema niet als lokale prioriteit gekozen", "\(place) did not choose it as a local priority")
        case .tie:
            reason = pick("een uur van \(poolName) is hier evenveel waard als elders (\(f.rate(item.valueElsewhere ?? 0))); een andere, even goede verdeling zou hier meer geven",
                          "an hour of \(poolName) is worth as much here as elsewhere (\(f.rate(item.valueElsewhere ?? 0))); another, equally good allocation would give more here")
        }
        if let segment = item.segmentValue, item.reason != .noCapacity, item.covered > 0.5 {
            reason += pick(" (de volgende uren vallen in een deel van de behoefte dat \(f.rate(segment)) per uur telt)",
                           " (the next hours fall in a part of the need that counts \(f.rate(segment)) per hour)")
        }
        return "\(gets): \(reason)."
    }

    func promiseSentence(_ promise: BindingPromise, _ result: AllocationResult) -> String {
        promiseSentence(promise, names: result.names)
    }

    func promiseSentence(_ promise: BindingPromise, names lookup: [String: String]) -> String {
        let f = format
        let names = promise.entities.map { lookup[$0] ?? $0 }
        switch promise.kind {
        case .minimum:
            return pick("Het minimum voor \(names[0]) in \(names[1]) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur: elk uur minder minimum levert elders zoveel op.",
                        "The minimum for \(names[0]) in \(names[1]) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour: each hour less of minimum gains that much elsewhere.")
        case .displacement:
            return pick("De grens op het waterbedeffect voor \(names[0]) tussen \(names[1]) en \(names[2]) (hoogstens \(f.percent(promise.bound, decimals: 0)) verschil) kost \(f.rate(promise.costPerUnit)) waarde per procentpunt.",
                        "The displacement bound on \(names[0]) between \(names[1]) and \(names[2]) (at most \(f.percent(promise.bound, decimals: 0)) apart) costs \(f.rate(promise.costPerUnit)) value per percentage point.")
        case .mutualAid:
            return pick("De grens op bijstand van \(names[0]) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur.",
                        "The mutual-aid limit of \(names[0]) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour.")
        case .poolLimit:
            let themes = names.dropFirst().joined(separator: ", ")
            return pick("Het plafond van \(names[0]) voor \(themes) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur.",
                        "The cap of \(names[0]) on \(themes) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour.")
        case .presence:
            return pick("De aanwezigheidsnorm voor \(promise.entities[0]) in \(names[1]) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur.",
                        "The presence norm for \(promise.entities[0]) in \(names[1]) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour.")
        case .capacity:
            return pick("De capaciteit van \(names[0]) is volledig benut.", "The capacity of \(names[0]) is fully used.")
        }
    }

    /// One sentence for every minimum of a theme that binds, in however many municipalities.
    func minimumGroupSentence(theme: String, municipalities: [String], hours: Double, lowest: Double, highest: Double) -> String {
        let f = format
        let cost = abs(highest - lowest) < 0.005 ? f.rate(highest) : "\(f.rate(lowest)) \(pick("tot", "to")) \(f.rate(highest))"
        let places = municipalities.count == 1 ? municipalities[0]
            : pick("\(municipalities.count) gemeenten", "\(municipalities.count) municipalities")
        return pick("Het minimum voor \(theme) in \(places) (samen \(f.hours(hours)) uur) kost \(cost) waarde per uur: elk uur minder minimum levert elders zoveel op.",
                    "The minimum for \(theme) in \(places) (\(f.hours(hours)) hours in all) costs \(cost) value per hour: each hour less of minimum gains that much elsewhere.")
    }

    /// Binding minimums as one sentence per theme (not one per municipality), then the other
    /// binding promises one by one: what the Markdown and HTML reports both say.
    func promiseSentences(_ result: AllocationResult) -> [String] {
        let minimums = result.minimumGroups.map { group in
            minimumGroupSentence(theme: result.name(group.theme), municipalities: group.municipalities.map(result.name),
                                 hours: group.hours, lowest: group.lowestCost, highest: group.highestCost)
        }
        return minimums + result.otherBinding.map { promiseSentence($0, result) }
    }

    func reserveSentence(_ pool: PoolResult) -> String {
        let f = format
        return pick("De flexibele reserve van \(pool.name) houdt \(f.hours(pool.reserve)) uur vrij; het eerste uur daarvan zou \(f.rate(pool.hourValue)) waard zijn (marginale waarde).",
                    "The flexibility reserve of \(pool.name) keeps \(f.hours(pool.reserve)) hours free; the first of those hours would be worth \(f.rate(pool.hourValue)) (marginal value).")
    }

    func fteSentence(_ pool: PoolResult) -> String {
        let f = format
        if pool.hourValue <= 0 {
            return pick("\(pool.name): een extra uur levert niets op; er blijven \(f.hours(pool.unused)) uur ongebruikt.",
                        "\(pool.name): an extra hour buys nothing; \(f.hours(pool.unused)) hours stay unused.")
        }
        var sentence: String
        if let gain = pool.fteGain {
            sentence = pick("\(pool.name): één fte extra levert \(f.number(gain)) waarde-uren per jaar op (opnieuw doorgerekend); het eerstvolgende uur is \(f.rate(pool.hourValue)) waard (marginale waarde)",
                            "\(pool.name): one more FTE brings \(f.number(gain)) value-hours a year (re-solved); the next hour is worth \(f.rate(pool.hourValue)) (marginal value)")
        } else {
            sentence = pick("\(pool.name): het eerstvolgende uur is \(f.rate(pool.hourValue)) waard (marginale waarde; \(f.number(pool.fteValue)) per fte zolang die waarde geldt)",
                            "\(pool.name): the next hour is worth \(f.rate(pool.hourValue)) (marginal value; \(f.number(pool.fteValue)) per FTE while that value holds)")
        }
        if let range = pool.hourValueRange, let holds = pool.hourValueHolds {
            let fewer = holds.lower.map { f.hours($0) }
            let more = holds.upper.map { f.hours($0) }
            switch (fewer, more) {
            case (let fewer?, let more?):
                sentence += pick("; dat geldt van \(fewer) uur minder tot \(more) uur meer", "; this holds from \(fewer) fewer to \(more) more hours")
            case (nil, let more?):
                sentence += pick("; dat geldt tot \(more) uur meer", "; this holds up to \(more) more hours")
            case (let fewer?, nil):
                sentence += pick("; dat geldt tot \(fewer) uur minder", "; this holds down to \(fewer) fewer hours")
            case (nil, nil):
                break
            }
            if let beyond = pool.hourValueBeyond, range.upper != nil {
                // When two decimals would hide the change, show three.
                let shown = f.rate(beyond) == f.rate(pool.hourValue)
                    ? "\(f.number(beyond, decimals: 3)) (\(pick("was", "was")) \(f.number(pool.hourValue, decimals: 3)))" : f.rate(beyond)
                sentence += pick("; daarboven \(shown)", "; beyond that, \(shown)")
            }
        }
        return sentence + "."
    }

    var weightLabel: String { pick("Gewicht (bereik)", "Weight (range)") }

    /// "1,00 (0,94–1,03)": the weight and the interval over which the allocation stays the same.
    func weightWithRange(_ theme: ThemeResult) -> String {
        guard let range = theme.weightRange else { return format.rate(theme.weight) }
        let lower = range.lower.map { format.rate($0) } ?? "0"
        let upper = range.upper.map { format.rate($0) } ?? "∞"
        return "\(format.rate(theme.weight)) (\(lower)–\(upper))"
    }

    var weightRangeNote: String {
        pick("Binnen het bereik achter elk gewicht blijft de verdeling van de uren precies gelijk; daarbuiten verschuiven uren.",
             "Within the range after each weight the allocation of hours stays exactly the same; outside it, hours move.")
    }

    func stageSentence(_ stage: StageResult) -> String {
        "\(groupText(stage.group)): \(format.number(stage.objective))"
    }

    /// What the stages mean, and which groups got nothing because earlier ones used every hour.
    func stagesNote(_ stages: [StageResult]) -> String {
        var note = pick("Elke fase haalt zoveel mogelijk waarde voor haar groep zonder iets af te doen aan de fasen ervoor. De waarden per uur hieronder gelden voor de laatste fase, met de eerdere vastgehouden.",
                        "Each stage takes as much value as it can for its group without taking anything from the stages before it. The values per hour below are those of the last stage, with the earlier ones held.")
        let empty = stages.filter { abs($0.objective) < 0.5 }.map { groupText($0.group) }
        if !empty.isEmpty, stages.contains(where: { $0.objective >= 0.5 }) {
            note += " " + pick("Voor \(empty.joined(separator: " en ")) blijft niets over: de eerdere fasen gebruiken elk uur dat zij kunnen inzetten.",
                               "Nothing is left for \(empty.joined(separator: " and ")): the earlier stages use every hour they can use.")
        }
        return note
    }

    func fairnessSentence(_ minimum: Double) -> String {
        pick("Elke gemeente haalt minstens \(format.percent(minimum)) van haar ideale waarde; binnen die grens is de totale waarde zo hoog mogelijk.",
             "Every municipality reaches at least \(format.percent(minimum)) of its ideal value; within that floor the total value is as high as possible.")
    }

    func selectionSentence(_ selection: SelectionResult, _ result: AllocationResult) -> String {
        let place = result.name(selection.municipality)
        let chosen = zip(selection.themes, selection.values).map { "\(result.name($0)) (\(format.number($1)))" }
        var sentence = chosen.isEmpty
            ? pick("\(place) kiest geen lokale prioriteit", "\(place) chooses no local priority")
            : pick("\(place) kiest \(chosen.joined(separator: " en "))", "\(place) chooses \(chosen.joined(separator: " and "))")
        if let alternative = selection.bestAlternative, let value = selection.bestAlternativeValue {
            sentence += pick("; beste alternatief: \(result.name(alternative)) (hoogstens \(format.number(value)))",
                             "; best alternative: \(result.name(alternative)) (at most \(format.number(value)))")
        }
        return sentence + "."
    }

    var reason: String { pick("Reden", "Reason") }

    var shortfallIntro: String {
        pick("Gerangschikt naar gemiste waarde, de grootste eerst.", "Ordered by value missed, largest first.")
    }

    func shortfallRest(_ count: Int) -> String {
        pick("De overige \(count) in het kort:", "The other \(count) in short:")
    }

    func shortReason(_ item: Shortfall, _ result: AllocationResult) -> String {
        switch item.reason {
        case .noCapacity: return pick("geen passende capaciteit", "no capacity of a fitting kind")
        case .noValue: return pick("telt niet mee", "counts for nothing")
        case .outvalued:
            return pick("elders \(format.rate(item.valueElsewhere ?? 0)) per uur, hier \(format.rate(item.valueHere ?? 0))",
                        "\(format.rate(item.valueElsewhere ?? 0)) per hour elsewhere, here \(format.rate(item.valueHere ?? 0))")
        case .displacement:
            return pick("waterbedgrens met \(item.neighbour.map { result.name($0) } ?? "")",
                        "displacement bound with \(item.neighbour.map { result.name($0) } ?? "")")
        case .tie: return pick("even veel waard als elders", "worth as much as elsewhere")
        case .notSelected: return pick("niet gekozen", "not chosen")
        }
    }
}

import CapacityAllocation

/// What the solve report says about what we give up and why: the shortfalls, the promises and
/// what each costs, the reserves, what one more FTE buys, the weights' ranges and the mode sections.
extension Phrases {
    /// Why a shortfall is not smaller, in a mayor's words: no value per hour, no dual; those are
    /// in the analysts' table (`shortfallValuesRow`).
    func shortfallReason(_ item: Shortfall, _ result: AllocationResult) -> String {
        let f = format
        let place = result.name(item.municipality)
        let poolName = item.pool.map { result.name($0) } ?? ""
        let lower = result.isChoice(item)
        switch item.reason {
        case .noCapacity:
            return pick("geen pool die dit thema kan oppakken werkt in \(place)", "no pool that can work on this theme serves \(place)")
        case .noValue:
            return pick("het scenario geeft een extra uur hier geen waarde (gewicht of waarde 0)",
                        "the scenario gives an extra hour here no value (weight or value 0)")
        case .outvalued:
            return lower
                ? pick("de raden gaven dit thema een lager gewicht, dus zet \(poolName) de uren in op wat zij voorop zetten",
                       "the councils weighted this theme lower, so \(poolName) puts its hours on what they put first")
                : pick("\(poolName) zet de uren elders in, waar ze meer opleveren voor de prioriteiten",
                       "\(poolName) puts the hours elsewhere, where they bring more for the priorities")
        case .displacement:
            let neighbour = item.neighbour.map { result.name($0) } ?? ""
            let neighbourShare = result.coverageShare(theme: item.theme, municipality: item.neighbour)
            return pick("de afspraak tegen het waterbedeffect houdt de dekking dicht bij die van \(neighbour) (\(f.percent(neighbourShare, decimals: 0)) gedekt)",
                        "the agreement against displacement keeps the coverage close to that of \(neighbour) (\(f.percent(neighbourShare, decimals: 0)) covered)")
        case .notSelected:
            return pick("\(place) koos dit thema niet als lokale prioriteit", "\(place) did not choose it as a local priority")
        case .tie:
            return pick("\(poolName) brengt hier evenveel op als elders; een andere, even goede verdeling geeft hier meer",
                        "\(poolName) brings as much here as elsewhere; another, equally good allocation gives more here")
        }
    }

    /// A shortfall for the first page: the hours it gets, the share of its need, and why.
    func shortfallSummary(_ item: Shortfall, _ result: AllocationResult) -> String {
        let theme = result.name(item.theme), place = result.name(item.municipality)
        let hours = result.hoursMatrix.hours(theme: item.theme, municipality: item.municipality)
        let gets = hours <= 0.5
            ? pick("\(theme) in \(place) krijgt geen uren", "\(theme) in \(place) gets no hours")
            : pick("\(theme) in \(place) krijgt \(format.hours(hours)) uur, \(format.percent(item.share, decimals: 0)) van de behoefte",
                   "\(theme) in \(place) gets \(format.hours(hours)) hours, \(format.percent(item.share, decimals: 0)) of its need")
        return "\(gets): \(shortfallReason(item, result))."
    }

    /// A shortfall in full: the hours, the effective hours they are worth against the need (see
    /// `effectiveHoursNote`), and why.
    func shortfallSentence(_ item: Shortfall, _ result: AllocationResult) -> String {
        let f = format
        let theme = result.name(item.theme), place = result.name(item.municipality)
        let hours = result.hoursMatrix.hours(theme: item.theme, municipality: item.municipality)
        let gets = hours <= 0.5
            ? pick("\(theme) in \(place) krijgt geen uren (behoefte: \(f.hours(item.need)) effectieve uren)",
                   "\(theme) in \(place) gets no hours (need: \(f.hours(item.need)) effective hours)")
            : pick("\(theme) in \(place) krijgt \(f.hours(hours)) uur, goed voor \(f.hours(item.covered)) van de \(f.hours(item.need)) effectieve uren die nodig zijn (\(f.percent(item.share, decimals: 0)))",
                   "\(theme) in \(place) gets \(f.hours(hours)) hours, worth \(f.hours(item.covered)) of the \(f.hours(item.need)) effective hours it needs (\(f.percent(item.share, decimals: 0)))")
        return "\(gets): \(shortfallReason(item, result))."
    }

    var effectiveHoursNote: String {
        pick("Behoefte en dekking tellen in effectieve uren: een uur telt naar hoe geschikt de pool voor het thema is (een uur van een pool die er half zo geschikt voor is, telt als een half uur).",
             "Need and coverage count in effective hours: an hour counts as much as the pool is suited to the theme (an hour of a pool half as suited counts as half an hour).")
    }

    // MARK: Choices

    /// "Verkeersveiligheid krijgt geen uren en Zorg en veiligheid 19.211 uur (65% van de behoefte)".
    private func choiceList(_ choices: [ThemeChoice], _ result: AllocationResult) -> String {
        let f = format
        // The first share says what it is a share of; the verb only for the first theme.
        let firstShare = choices.firstIndex { $0.hours > 0.5 }
        let items = choices.enumerated().map { index, choice -> String in
            let name = result.name(choice.theme)
            if choice.hours <= 0.5 {
                return index == 0 ? pick("\(name) krijgt geen uren", "\(name) gets no hours") : pick("\(name) geen", "\(name) none")
            }
            let share = index == firstShare ? pick("\(f.percent(choice.share, decimals: 0)) van de behoefte", "\(f.percent(choice.share, decimals: 0)) of its need")
                                            : f.percent(choice.share, decimals: 0)
            return index == 0 ? pick("\(name) krijgt \(f.hours(choice.hours)) uur (\(share))", "\(name) gets \(f.hours(choice.hours)) hours (\(share))")
                              : pick("\(name) \(f.hours(choice.hours)) uur (\(share))", "\(name) \(f.hours(choice.hours)) hours (\(share))")
        }
        return listed(items)
    }

    /// The themes the councils chose to give less, as choices: lower weights (priorities apart
    /// from core tasks), and candidates not chosen.
    func choiceLines(_ result: AllocationResult) -> [String] {
        let choices = result.choices
        var lines: [String] = []
        let lower = choices.filter { $0.reason == .lowerWeight && !$0.core }
        if !lower.isEmpty {
            let these = lower.count == 1 ? pick("dit thema", "this theme") : pick("deze thema's", "these themes")
            lines.append(pick("**Bewust minder:** \(choiceList(lower, result)). De raden gaven \(these) een lager gewicht dan hun prioriteiten: dat is een keuze, geen tekort.",
                              "**Less by choice:** \(choiceList(lower, result)). The councils gave \(these) a lower weight than their priorities: a choice, not a shortfall."))
        }
        let core = choices.filter { $0.reason == .lowerWeight && $0.core }
        if !core.isEmpty {
            lines.append(pick("**Kerntaken** lopen door met een lager gewicht dan de prioriteiten: \(choiceList(core, result)).",
                              "**Core tasks** carry on with a lower weight than the priorities: \(choiceList(core, result))."))
        }
        let notChosen = choices.filter { $0.reason == .notChosen }
        if !notChosen.isEmpty {
            let items = notChosen.map { choice in
                pick("\(result.name(choice.theme)) in \(listed(choice.municipalities.map(result.name)))",
                     "\(result.name(choice.theme)) in \(listed(choice.municipalities.map(result.name)))")
            }
            lines.append(pick("**Niet gekozen** als lokale prioriteit: \(items.joined(separator: "; ")).",
                              "**Not chosen** as a local priority: \(items.joined(separator: "; "))."))
        }
        return lines
    }

    var largestShortfallsIntro: String {
        pick("**De grootste tekorten bij de prioriteiten:**", "**The largest shortfalls among the priorities:**")
    }

    func promiseSentence(_ promise: BindingPromise, _ result: AllocationResult) -> String {
        promiseSentence(promise, names: result.names)
    }

    func promiseSentence(_ promise: BindingPromise, names lookup: [String: String]) -> String {
        let f = format
        let names = promise.entities.map { lookup[$0] ?? $0 }
        switch promise.kind {
        case .minimum:
            return pick("Het minimum voor \(names[0]) in \(names[1]) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur (marginale waarde): het eerste uur minder minimum levert elders zoveel op.",
                        "The minimum for \(names[0]) in \(names[1]) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour (marginal value): the first hour less of minimum gains that much elsewhere.")
        case .displacement:
            return pick("De grens op het waterbedeffect voor \(names[0]) tussen \(names[1]) en \(names[2]) (hoogstens \(f.percent(promise.bound, decimals: 0)) verschil) kost \(f.rate(promise.costPerUnit)) waarde per procentpunt (marginale waarde).",
                        "The displacement bound on \(names[0]) between \(names[1]) and \(names[2]) (at most \(f.percent(promise.bound, decimals: 0)) apart) costs \(f.rate(promise.costPerUnit)) value per percentage point (marginal value).")
        case .mutualAid:
            return pick("De grens op bijstand van \(names[0]) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur (marginale waarde).",
                        "The mutual-aid limit of \(names[0]) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour (marginal value).")
        case .poolLimit:
            let themes = names.dropFirst().joined(separator: ", ")
            return pick("Het plafond van \(names[0]) voor \(themes) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur (marginale waarde).",
                        "The cap of \(names[0]) on \(themes) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour (marginal value).")
        case .presence:
            return pick("\(normTitle(promise.entities[0])) in \(names[1]) (\(f.hours(promise.bound)) uur) kost \(f.rate(promise.costPerUnit)) waarde per uur (marginale waarde).",
                        "\(normTitle(promise.entities[0])) in \(names[1]) (\(f.hours(promise.bound)) hours) costs \(f.rate(promise.costPerUnit)) value per hour (marginal value).")
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
        return pick("Het minimum voor \(theme) in \(places) (samen \(f.hours(hours)) uur) kost \(cost) waarde per uur (marginale waarde): het eerste uur minder minimum levert elders zoveel op.",
                    "The minimum for \(theme) in \(places) (\(f.hours(hours)) hours in all) costs \(cost) value per hour (marginal value): the first hour less of minimum gains that much elsewhere.")
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
                // When two decimals would hide the change, show as many as it takes (up to five);
                // a change below the fifth decimal is said to be one, not shown as two equal numbers.
                if let decimals = (2...5).first(where: { f.number(beyond, decimals: $0) != f.number(pool.hourValue, decimals: $0) }) {
                    let shown = decimals == 2 ? f.rate(beyond)
                        : "\(f.number(beyond, decimals: decimals)) (\(pick("was", "was")) \(f.number(pool.hourValue, decimals: decimals)))"
                    sentence += pick("; daarboven \(shown)", "; beyond that, \(shown)")
                } else if beyond != pool.hourValue {
                    let step = f.number(0.00001, decimals: 5)
                    sentence += beyond < pool.hourValue
                        ? pick("; daarboven minder dan \(step) lager", "; beyond that, less than \(step) lower")
                        : pick("; daarboven minder dan \(step) hoger", "; beyond that, less than \(step) higher")
                }
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
            return result.isChoice(item) ? pick("lager gewicht (keuze)", "lower weight (a choice)")
                                         : pick("uren elders meer waard", "hours worth more elsewhere")
        case .displacement:
            return pick("waterbedgrens met \(item.neighbour.map { result.name($0) } ?? "")",
                        "displacement bound with \(item.neighbour.map { result.name($0) } ?? "")")
        case .tie: return pick("even veel waard als elders", "worth as much as elsewhere")
        case .notSelected: return pick("niet gekozen", "not chosen")
        }
    }

    // MARK: For analysts

    var analystTitle: String { pick("Voor analisten: marginale waarden", "For analysts: marginal values") }

    var analystIntro: String {
        pick("De getallen in dit deel tellen in waarde-uren: een effectief uur gedekte behoefte maal het gewicht van het thema en de waarde van dat deel van de behoefte. Een marginale waarde (schaduwprijs) zegt wat het eerstvolgende uur of procentpunt oplevert of kost; ze geldt binnen het genoemde bereik, en zonder bereik alleen voor het eerstvolgende uur. Wat opnieuw is doorgerekend, staat erbij.",
             "The figures in this part count in value-hours: an effective hour of need covered times the theme's weight and the value of that part of the need. A marginal value (shadow price) says what the next hour or percentage point brings or costs; it holds within the range given, and without a range only for the next hour. What was re-solved says so.")
    }

    var shortfallValuesTitle: String { pick("Waarom een tekort niet kleiner is", "Why a shortfall is not smaller") }

    var shortfallValuesIntro: String {
        pick("Per tekort (de grootste eerst) de marginale waarde van een uur van de pool hier en elders, en hoeveel het gewicht van het thema zou moeten stijgen voordat het eerstvolgende uur hierheen gaat (bij een gelijke rest van de verdeling). Het bereik waarbinnen de hele verdeling gelijk blijft, staat bij elk gewicht in de tabel ‘\(coverageTitle)’.",
             "Per shortfall (largest first) the marginal value of an hour of the pool here and elsewhere, and how much the theme's weight would have to rise before the next hour goes here (with the rest of the allocation unchanged). The range within which the whole allocation stays the same is given with each weight in the table ‘\(coverageTitle)’.")
    }

    var valueHereLabel: String { pick("Marginale waarde hier", "Marginal value here") }
    var valueElsewhereLabel: String { pick("Elders", "Elsewhere") }
    var weightIncreaseLabel: String { pick("Gewicht moet stijgen met", "Weight would have to rise by") }
    var nextPartLabel: String { pick("Volgend deel telt", "Next part counts") }

    /// The row of the analysts' table for a shortfall; nil when its reason has no values.
    func shortfallValuesRow(_ item: Shortfall, _ result: AllocationResult) -> [String]? {
        guard item.reason == .outvalued || item.reason == .tie, let here = item.valueHere ?? item.valueElsewhere else { return nil }
        let f = format
        return [result.name(item.theme), result.name(item.municipality), item.pool.map { result.name($0) } ?? "–", f.rate(here),
                f.rate(item.valueElsewhere ?? 0), item.weightIncrease.map { f.rate($0) } ?? "–", item.segmentValue.map { f.rate($0) } ?? "–"]
    }
}

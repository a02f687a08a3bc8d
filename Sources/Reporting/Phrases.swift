import CapacityAllocation

/// Every sentence and label of the reports, in Dutch and English. Report writers take their words
/// from here and nowhere else, so no label is hard-coded in one language.
struct Phrases {
    let language: Language
    let format: NumberFormat

    init(_ language: Language) {
        self.language = language
        self.format = NumberFormat(language)
    }

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    // MARK: Labels

    var summary: String { pick("Samenvatting", "Summary") }
    var allocationTitle: String { pick("Waar de uren heen gaan", "Where the hours go") }
    var coverageTitle: String { pick("Dekking van de behoefte per thema", "Coverage of need per theme") }
    var municipalitiesTitle: String { pick("Resultaat per gemeente", "Result per municipality") }
    var poolsTitle: String { pick("Capaciteitspools", "Capacity pools") }
    var shortfallTitle: String { pick("Wat niet gedekt wordt, en waarom", "What is not covered, and why") }
    var promisesTitle: String { pick("Wat elke belofte kost", "What each promise costs") }
    var fteTitle: String { pick("Wat één fte extra oplevert", "What one more FTE buys") }
    var stagesTitle: String { pick("Rangorde: waarde per fase", "Order of priority: value per stage") }
    var fairnessTitle: String { pick("Eerlijke verdeling", "Fair share") }
    var selectionTitle: String { pick("Gekozen lokale prioriteiten", "Chosen local priorities") }
    var diagnosisTitle: String { pick("Waarom het niet past", "Why it does not fit") }
    var manifestTitle: String { pick("Verantwoording", "Provenance") }

    var theme: String { pick("Thema", "Theme") }
    var municipality: String { pick("Gemeente", "Municipality") }
    var total: String { pick("Totaal", "Total") }
    var pool: String { pick("Pool", "Pool") }
    var kind: String { pick("Soort", "Kind") }
    var capacity: String { pick("Capaciteit (uur)", "Capacity (hours)") }
    var allocated: String { pick("Ingezet", "Allocated") }
    var reserve: String { pick("Reserve", "Reserve") }
    var unused: String { pick("Ongebruikt", "Unused") }
    var mutualAid: String { pick("Bijstand", "Mutual aid") }
    var hourValue: String { pick("Waarde per uur", "Value per hour") }
    var fteValue: String { pick("Waarde per fte", "Value per FTE") }
    var need: String { pick("Behoefte (uur)", "Need (hours)") }
    var covered: String { pick("Gedekt (eff. uur)", "Covered (eff. hours)") }
    var share: String { pick("Dekking", "Coverage") }
    var hoursLabel: String { pick("Uren", "Hours") }
    var value: String { pick("Waarde", "Value") }
    var ideal: String { pick("Ideaal", "Ideal") }
    var attainment: String { pick("Realisatie", "Attainment") }
    var level: String { pick("Niveau", "Level") }
    var stage: String { pick("Fase", "Stage") }

    func statusText(_ status: AllocationStatus) -> String {
        switch status {
        case .optimal: pick("optimaal", "optimal")
        case .infeasible: pick("onhaalbaar: de beloften passen niet in de capaciteit", "infeasible: the promises do not fit in the capacity")
        case .unbounded: pick("onbegrensd", "unbounded")
        case .timeLimit: pick("tijdslimiet bereikt; beste gevonden oplossing", "time limit reached; best solution found")
        case .error: pick("fout", "error")
        }
    }

    func modeText(_ mode: SolveMode) -> String {
        switch mode {
        case .weighted: pick("gewogen (hoogste totale waarde)", "weighted (highest total value)")
        case .lexicographic: pick("rangorde (kerntaken en district eerst)", "lexicographic (core tasks and district first)")
        case .maxmin: pick("eerlijk (hoogste minimum per gemeente)", "fair (highest minimum per municipality)")
        case .select: pick("keuze (beperkt aantal lokale prioriteiten)", "select (a limited number of local priorities)")
        }
    }

    func levelText(_ level: ThemeLevel) -> String {
        switch level {
        case .national: pick("landelijk", "national")
        case .regional: pick("regionaal (eenheid)", "regional (unit)")
        case .district: "district"
        case .baseTeam: pick("basisteam", "base team")
        case .local: pick("lokaal", "local")
        }
    }

    func groupText(_ group: String) -> String {
        if group == "core" { return pick("kerntaken", "core tasks") }
        if group == "value" { return value.lowercased() }
        return ThemeLevel(rawValue: group).map(levelText) ?? group
    }

    // MARK: Summary lines

    func statusLine(_ result: AllocationResult) -> String {
        var status = statusText(result.status)
        if result.status == .timeLimit && result.objective == nil {
            status = pick("tijdslimiet bereikt voordat er een verdeling gevonden was", "time limit reached before any allocation was found")
        }
        return pick("**Uitkomst:** \(status). Werkwijze: \(modeText(result.mode)).",
                    "**Outcome:** \(status). Mode: \(modeText(result.mode)).")
    }

    func capacityLine(_ result: AllocationResult) -> String {
        let f = format
        guard result.objective != nil else {
            return pick("**Capaciteit:** \(f.hours(result.capacity)) uur, waarvan \(f.hours(result.reserve)) als flexibele reserve.",
                        "**Capacity:** \(f.hours(result.capacity)) hours, of which \(f.hours(result.reserve)) is the flexibility reserve.")
        }
        return pick(
            "**Capaciteit:** \(f.hours(result.capacity)) uur, waarvan \(f.hours(result.allocated)) ingezet, \(f.hours(result.reserve)) als flexibele reserve vrijgehouden en \(f.hours(result.unused)) niet nodig.",
            "**Capacity:** \(f.hours(result.capacity)) hours, of which \(f.hours(result.allocated)) allocated, \(f.hours(result.reserve)) kept free as the flexibility reserve and \(f.hours(result.unused)) not needed.")
    }

    func valueLine(_ result: AllocationResult) -> String {
        guard let objective = result.objective else { return "" }
        let f = format
        let share = result.attainment.map { f.percent($0) } ?? "–"
        return pick(
            "**Waarde:** \(f.number(objective)) van de \(f.number(result.ideal)) waarde-uren die volledige dekking van alle behoeften zou opleveren (\(share)).",
            "**Value:** \(f.number(objective)) of the \(f.number(result.ideal)) value-hours that covering every need in full would bring (\(share)).")
    }

    /// The "what if" lines of the summary: one more FTE where it brings most, a 10% cut, and the
    /// cut that breaks the plan; every figure re-solved (`fte_gain`, `capacity_cut`,
    /// `breaking_cut_share`), the dual only as the value of the next hour.
    func marginLines(_ result: AllocationResult) -> [String] {
        var lines: [String] = []
        if let best = result.pools.filter({ ($0.fteGain ?? 0) > 0 }).max(by: { ($0.fteGain ?? 0) < ($1.fteGain ?? 0) }) {
            lines.append(bestFTELine(best))
        }
        if let cut = result.capacityCut { lines.append(cutLine(cut)) }
        if let share = result.breakingCutShare { lines.append(breakingLine(share, result.breakingPromises ?? [], names: result.names)) }
        return lines
    }

    func bestFTELine(_ pool: PoolResult) -> String {
        let f = format
        var line = pick("**Eén fte extra** levert het meest op bij \(pool.name): \(f.number(pool.fteGain ?? 0)) waarde-uren per jaar (opnieuw doorgerekend).",
                        "**One more FTE** brings most at \(pool.name): \(f.number(pool.fteGain ?? 0)) value-hours a year (re-solved).")
        if pool.hourValue > 0 {
            line += " " + pick("Het eerstvolgende uur is daar \(f.rate(pool.hourValue)) waard (marginale waarde)",
                               "The next hour there is worth \(f.rate(pool.hourValue)) (marginal value)")
            if let upper = pool.hourValueRange?.upper {
                line += pick(", voor de eerste \(f.hours(max(0, upper - pool.allocated - pool.unused))) uur erbij",
                             ", for the first \(f.hours(max(0, upper - pool.allocated - pool.unused))) extra hours")
            }
            line += "."
        }
        return line
    }

    func cutLine(_ cut: CapacityCut) -> String {
        let f = format
        let share = f.percent(cut.share, decimals: 0)
        guard let change = cut.objectiveChange else {
            return pick("**Een korting van \(share)** op de inzetbare uren van elke pool (\(f.hours(cut.hours)) uur minder) maakt het plan onuitvoerbaar: dan passen de beloften niet meer.",
                        "**A \(share) cut** in every pool's allocatable hours (\(f.hours(cut.hours)) fewer hours) makes the plan infeasible: the promises no longer fit.")
        }
        return pick("**Een korting van \(share)** op de inzetbare uren van elke pool (\(f.hours(cut.hours)) uur minder) kost \(f.number(-change)) waarde-uren (opnieuw doorgerekend).",
                    "**A \(share) cut** in every pool's allocatable hours (\(f.hours(cut.hours)) fewer hours) costs \(f.number(-change)) value-hours (re-solved).")
    }

    func breakingLine(_ share: Double, _ promises: [BindingPromise], names: [String: String]) -> String {
        let f = format
        let broken = promises.prefix(3).map { promiseName($0, names: names) }
        let list = broken.isEmpty ? "" : pick(": dan houdt \(listed(broken)) geen stand", ": then \(listed(broken)) can no longer be kept")
        return pick("**Het plan breekt** bij een korting van \(f.percent(share, decimals: 1)) op alle inzetbare uren\(list).",
                    "**The plan breaks** at a cut of \(f.percent(share, decimals: 1)) in all allocatable hours\(list).")
    }

    /// A promise named in a few words ("the presence norm for community in Hilversum").
    func promiseName(_ promise: BindingPromise, names lookup: [String: String]) -> String {
        let names = promise.entities.map { lookup[$0] ?? $0 }
        switch promise.kind {
        case .minimum: return pick("het minimum voor \(names[0]) in \(names[1])", "the minimum for \(names[0]) in \(names[1])")
        case .presence: return pick("de aanwezigheidsnorm voor \(promise.entities[0]) in \(names[1])", "the presence norm for \(promise.entities[0]) in \(names[1])")
        case .displacement: return pick("de grens op het waterbedeffect voor \(names[0]) tussen \(names[1]) en \(names[2])",
                                        "the displacement bound on \(names[0]) between \(names[1]) and \(names[2])")
        case .mutualAid: return pick("de grens op bijstand van \(names[0])", "the mutual-aid limit of \(names[0])")
        case .poolLimit: return pick("het plafond van \(names[0]) voor \(names.dropFirst().joined(separator: ", "))",
                                     "the cap of \(names[0]) on \(names.dropFirst().joined(separator: ", "))")
        case .capacity: return pick("de capaciteit van \(names[0])", "the capacity of \(names[0])")
        }
    }

    /// "a, b and c".
    func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + pick(" en ", " and ") + items.last!
    }

    func uncoveredLine(_ count: Int, _ zero: Int) -> String {
        pick("**Niet volledig gedekt:** \(count) combinaties van thema en gemeente, waarvan \(zero) zonder enig uur.",
             "**Not fully covered:** \(count) combinations of theme and municipality, \(zero) of them without any hours.")
    }

    func solveTimeLine(_ seconds: Double, method: String) -> String {
        pick("Rekentijd: \(format.number(seconds, decimals: 2)) s (\(method)).", "Solve time: \(format.number(seconds, decimals: 2)) s (\(method)).")
    }

    // MARK: Why sentences

    func shortfallSentence(_ item: Shortfall, _ result: AllocationResult) -> String {
        let f = format
        let theme = result.name(item.theme), place = result.name(item.municipality)
        let share = item.need > 0 ? item.covered / item.need : 0
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
            let neighbourShare = result.coverage.first { $0.theme == item.theme && $0.municipality == item.neighbour }?.share ?? 0
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
        var sentences: [String] = []
        var minimums: [String: [BindingPromise]] = [:]
        var order: [String] = []
        for promise in result.binding where promise.kind == .minimum {
            if minimums[promise.entities[0]] == nil { order.append(promise.entities[0]) }
            minimums[promise.entities[0], default: []].append(promise)
        }
        for theme in order {
            let group = minimums[theme] ?? []
            let costs = group.map(\.costPerUnit)
            sentences.append(minimumGroupSentence(
                theme: result.name(theme), municipalities: group.map { result.name($0.entities[1]) },
                hours: group.reduce(0) { $0 + $1.bound }, lowest: costs.min() ?? 0, highest: costs.max() ?? 0))
        }
        return sentences + result.binding.filter { $0.kind != .minimum }.map { promiseSentence($0, result) }
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
        if let range = pool.hourValueRange {
            let available = pool.allocated + pool.unused
            let fewer = range.lower.map { f.hours(max(0, available - $0)) }
            let more = range.upper.map { f.hours(max(0, $0 - available)) }
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
            return pick("De aanwezigheidsnorm voor \(line.entities[0]) in \(names[1]) komt \(f.hours(line.hoursShort)) uur tekort; haalbaar bij \(f.hours(line.feasibleBound)) uur in plaats van \(f.hours(line.bound)).",
                        "The presence norm for \(line.entities[0]) in \(names[1]) is \(f.hours(line.hoursShort)) hours short; feasible at \(f.hours(line.feasibleBound)) hours instead of \(f.hours(line.bound)).")
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

    // MARK: Compare

    /// Which allocation a report shows when there is a reference allocation, in one sentence.
    func choiceSentence(stable: Bool, hoursMoved: Double, reference: String, kind: AllocationReference.Kind) -> String {
        let f = format
        let what = kind == .base ? pick("de verdeling van het uitgangspunt `\(reference)`", "the allocation of the base `\(reference)`")
                                 : pick("de verdeling in `\(reference)`", "the allocation in `\(reference)`")
        if stable {
            return pick("Getoond: van alle even goede verdelingen de verdeling die het dichtst bij \(what) ligt; er verschuiven \(f.hours(hoursMoved)) uur, het minst mogelijke.",
                        "Shown: of all equally good allocations, the one closest to \(what); \(f.hours(hoursMoved)) hours move, the fewest possible.")
        }
        return pick("Getoond: de optimale verdeling zoals de solver die vond (`--no-stable`); die ligt \(f.hours(hoursMoved)) uur van \(what), en een deel daarvan kan een herschikking tussen even goede verdelingen zijn.",
                    "Shown: the optimal allocation as the solver found it (`--no-stable`); it is \(f.hours(hoursMoved)) hours from \(what), and part of that may be a reshuffle between equally good allocations.")
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

    func compareTitle(_ base: String) -> String { pick("Vergelijking met \(base)", "Comparison with \(base)") }
    var scenarioLabel: String { pick("Scenario", "Scenario") }
    var changeLabel: String { pick("Verschil", "Change") }
    var inputChangesTitle: String { pick("Wat er anders is in de invoer", "What differs in the input") }
    var noInputChanges: String { pick("De invoer is gelijk.", "The input is the same.") }
    var absent: String { pick("(afwezig)", "(absent)") }
    func andMore(_ count: Int) -> String { pick("en nog \(count)", "and \(count) more") }
    var shiftThemesTitle: String { pick("Uren per thema", "Hours per theme") }
    var shiftMunicipalitiesTitle: String { pick("Uren per gemeente", "Hours per municipality") }
    var shiftPoolsTitle: String { pick("Uren per pool", "Hours per pool") }
    var largestShiftsTitle: String { pick("Grootste verschuivingen", "Largest shifts") }
    var promisesChangeTitle: String { pick("Beloften die anders binden", "Promises that bind differently") }
    var bindsOnlyInOther: String { pick("bindt alleen hier", "binds only here") }
    var bindsOnlyInBase: String { pick("bindt alleen in de basis", "binds only in the base") }
    var noShift: String { pick("Geen verschuiving.", "No shift.") }

    func cellShiftSentence(_ cell: CellShift, names: [String: String]) -> String {
        let f = format
        let theme = names[cell.theme] ?? cell.theme, place = names[cell.municipality] ?? cell.municipality
        let amount = f.hours(abs(cell.change))
        let shares = "\(f.percent(cell.baseShare, decimals: 0)) → \(f.percent(cell.otherShare, decimals: 0))"
        return cell.change < 0
            ? pick("\(place) verliest \(amount) uur \(theme) (dekking \(shares)).", "\(place) loses \(amount) hours of \(theme) (coverage \(shares)).")
            : pick("\(place) krijgt \(amount) uur meer \(theme) (dekking \(shares)).", "\(place) gains \(amount) hours of \(theme) (coverage \(shares)).")
    }

    /// The one sentence a mayor reads first: what changed, who loses and gains what, and what is held.
    func compareHeadline(_ difference: ScenarioDifference, names: [String: String]) -> String {
        let f = format
        func name(_ id: String) -> String { names[id] ?? id }
        /// An input value as the reader writes numbers (50.000 in Dutch); text stays as it is.
        func shown(_ value: String?) -> String {
            guard let value else { return absent }
            guard let number = Double(value), number.isFinite else { return value }
            return f.compact(number)
        }
        // The name and description change with every what-if; they cause nothing.
        let causes = difference.inputChanges.filter { $0.path != "name" && $0.path != "description" }
        let cause: String
        let plural = causes.count > 1
        switch causes.count {
        case 0: cause = pick("Zonder verschil in de invoer", "With the same input")
        case 1:
            let change = causes[0]
            cause = pick("De wijziging van `\(change.path)` (\(shown(change.base)) → \(shown(change.other)))",
                         "Changing `\(change.path)` (\(shown(change.base)) → \(shown(change.other)))")
        default:
            let listed = causes.prefix(2).map { "`\($0.path)` (\(shown($0.base)) → \(shown($0.other)))" }
            let rest = causes.count > 2 ? pick(" en nog \(causes.count - 2)", " and \(causes.count - 2) more") : ""
            cause = pick("De wijzigingen \(listed.joined(separator: " en "))\(rest)", "Changing \(listed.joined(separator: " and "))\(rest)")
        }
        // The largest shifts, grouped by theme so a theme is named once:
        // "Ondermijning 17.642 uur (Gooise Meren 12.755, Laren 2.635, Hilversum 2.252)".
        func grouped(_ cells: [CellShift]) -> [String] {
            var order: [String] = []
            var byTheme: [String: [CellShift]] = [:]
            for cell in cells {
                if byTheme[cell.theme] == nil { order.append(cell.theme) }
                byTheme[cell.theme, default: []].append(cell)
            }
            return order.map { theme in
                let group = byTheme[theme] ?? []
                let total = group.reduce(0) { $0 + abs($1.change) }
                let places = group.map { "\(name($0.municipality)) \(f.hours(abs($0.change)))" }.joined(separator: ", ")
                return pick("\(name(theme)) \(f.hours(total)) uur (\(places))", "\(f.hours(total)) hours of \(name(theme)) (\(places))")
            }
        }
        let losses = grouped(Array(difference.cells.filter { $0.change < 0 }.prefix(4)))
        let gains = grouped(Array(difference.cells.filter { $0.change > 0 }.prefix(2)))
        var sentence = cause
        let and = pick(" en ", " and ")
        if losses.isEmpty && gains.isEmpty {
            sentence += plural ? pick(" verschuiven geen uren", " moves no hours") : pick(" verschuift geen uren", " moves no hours")
        } else {
            let costs = plural ? pick(" kosten ", " costs ") : pick(" kost ", " costs ")
            let gives = plural ? pick("geven ", "gives ") : pick("geeft ", "gives ")
            if !losses.isEmpty { sentence += costs + losses.joined(separator: ", ") }
            if !gains.isEmpty { sentence += (losses.isEmpty ? " " : and) + gives + gains.joined(separator: and) }
        }
        let held = difference.keptThemes.filter { $0.heldBy != nil }
        if !held.isEmpty {
            let minimum = held.filter { $0.heldBy == .minimum }.map { name($0.theme) }
            let displacement = held.filter { $0.heldBy == .displacement }.map { name($0.theme) }
            var reasons: [String] = []
            if !minimum.isEmpty {
                reasons.append(pick("\(minimum.joined(separator: ", ")) \(minimum.count == 1 ? "houdt zijn" : "houden hun") uren omdat het minimum bindt",
                                    "\(minimum.joined(separator: ", ")) \(minimum.count == 1 ? "keeps its" : "keep their") hours because the minimum binds"))
            }
            if !displacement.isEmpty {
                reasons.append(pick("\(displacement.joined(separator: ", ")) \(displacement.count == 1 ? "houdt zijn" : "houden hun") uren omdat de grens op het waterbedeffect bindt",
                                    "\(displacement.joined(separator: ", ")) \(displacement.count == 1 ? "keeps its" : "keep their") hours because the displacement bound binds"))
            }
            sentence += "; " + reasons.joined(separator: "; ")
        }
        return sentence + "."
    }

    // MARK: Sweep

    func sweepTitle(_ scenario: String, _ parameter: String) -> String {
        pick("Afweging: \(scenario), \(parameter) gevarieerd", "Trade-off: \(scenario), varying \(parameter)")
    }

    var sweepPointsTitle: String { pick("Waarde per punt", "Value per point") }
    var sweepHourValuesTitle: String { pick("Waarde van een extra uur per pool", "Value of one more hour per pool") }
    var sweepCoverageTitle: String { pick("Dekking van de behoefte per thema", "Coverage of need per theme") }
    var sweepSlope: String { pick("Extra waarde per eenheid", "Value per unit") }
    var statusLabel: String { pick("Uitkomst", "Outcome") }

    func shortStatus(_ status: AllocationStatus) -> String {
        switch status {
        case .optimal: pick("optimaal", "optimal")
        case .infeasible: pick("onhaalbaar", "infeasible")
        case .unbounded: pick("onbegrensd", "unbounded")
        case .timeLimit: pick("tijdslimiet", "time limit")
        case .error: pick("fout", "error")
        }
    }

    func sweepSummary(_ sweep: SweepResult) -> String {
        let f = format
        let feasible = sweep.points.filter { $0.objective != nil }
        let infeasible = sweep.points.count - feasible.count
        guard let first = feasible.first, let last = feasible.last,
              let low = first.objective, let high = last.objective else {
            return pick("Geen van de \(sweep.points.count) punten is haalbaar.", "None of the \(sweep.points.count) points is feasible.")
        }
        var sentence = pick(
            "Bij \(sweep.parameter) = \(f.compact(first.parameter)) is de waarde \(f.number(low)) (\(f.percent(first.attainment ?? 0))), bij \(f.compact(last.parameter)) \(f.number(high)) (\(f.percent(last.attainment ?? 0))). De curve knikt \(sweep.breakpoints.count) keer.",
            "At \(sweep.parameter) = \(f.compact(first.parameter)) the value is \(f.number(low)) (\(f.percent(first.attainment ?? 0))), at \(f.compact(last.parameter)) it is \(f.number(high)) (\(f.percent(last.attainment ?? 0))). The curve bends \(sweep.breakpoints.count) times.")
        if infeasible > 0 {
            sentence += pick(" \(infeasible) van de \(sweep.points.count) punten zijn onhaalbaar.", " \(infeasible) of the \(sweep.points.count) points are infeasible.")
        }
        return sentence
    }

    func breakpointSentence(_ breakpoint: SweepBreakpoint, _ sweep: SweepResult) -> String {
        let f = format
        let before = sweep.points.first { $0.parameter == breakpoint.from }
        let after = sweep.points.first { $0.parameter == breakpoint.to }
        let changes = breakpoint.pools.prefix(3).map { pool in
            "\(sweep.names[pool] ?? pool) \(f.rate(before?.hourValues[pool] ?? 0)) → \(f.rate(after?.hourValues[pool] ?? 0))"
        }.joined(separator: ", ")
        let more = breakpoint.pools.count > 3 ? pick(" en \(breakpoint.pools.count - 3) andere", " and \(breakpoint.pools.count - 3) more") : ""
        return pick("Tussen \(f.compact(breakpoint.from)) en \(f.compact(breakpoint.to)) verandert de waarde van een extra uur: \(changes)\(more).",
                    "Between \(f.compact(breakpoint.from)) and \(f.compact(breakpoint.to)) the value of one more hour changes: \(changes)\(more).")
    }

    func sweepMethod(_ sweep: SweepResult) -> String {
        let warm = sweep.points.filter(\.warmStart).count
        return pick("\(warm) van \(sweep.points.count) punten warm gestart vanuit de vorige optimale basis",
                    "\(warm) of \(sweep.points.count) points warm-started from the previous optimal basis")
    }

    var noShortfall: String { pick("Elke behoefte wordt volledig gedekt.", "Every need is covered in full.") }
    var noPromise: String { pick("Geen minimum, waterbedgrens, plafond of norm beperkt de uitkomst.", "No minimum, displacement bound, cap or norm limits the outcome.") }
    var manifestIntro: String { pick("Deze uitkomst is precies te herleiden tot deze invoer:", "This result can be traced to exactly this input:") }
}

// MARK: Evaluate

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
            return pick("De aanwezigheidsnorm voor \(violation.entities[0]) in \(names[1]) vraagt \(bound) uur; er zijn er \(actual), \(hours) te weinig.",
                        "The presence norm for \(violation.entities[0]) in \(names[1]) asks \(bound) hours; there are \(actual), \(hours) short.")
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

extension AllocationResult {
    /// The shortfalls with the most value lost first (ties in the order the model gave them):
    /// the order in which every report lists what is not covered.
    var shortfallsByLoss: [Shortfall] {
        var lost: [String: Double] = [:]
        for line in coverage { lost["\(line.theme)|\(line.municipality)"] = line.ideal - line.value }
        let keyed = shortfalls.enumerated().map { offset, shortfall in
            (lost: lost["\(shortfall.theme)|\(shortfall.municipality)"] ?? 0, offset: offset, shortfall: shortfall)
        }
        return keyed.sorted { $0.lost != $1.lost ? $0.lost > $1.lost : $0.offset < $1.offset }.map(\.shortfall)
    }
}

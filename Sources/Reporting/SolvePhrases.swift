import CapacityAllocation

/// The summary of `ivp solve` in a mayor's words: the outcome, the hours, the attainment, the
/// what-if lines (as changes of the attainment) and how long it took. Value-hours appear only in
/// the analysts' section (`valueLine`).
extension Phrases {
    func statusLine(_ result: AllocationResult) -> String {
        var status = statusText(result.status)
        if result.status == .timeLimit && result.objective == nil {
            status = pick("tijdslimiet bereikt voordat er een verdeling gevonden was", "time limit reached before any allocation was found")
        }
        return pick("**Uitkomst:** \(status). Werkwijze: \(modeText(result.mode)).",
                    "**Outcome:** \(status). Mode: \(modeText(result.mode)).")
    }

    /// The hours in a mayor's words: what the plan puts to work and what it keeps free; the hours
    /// it does not need only when there are any.
    func capacityLine(_ result: AllocationResult) -> String {
        let f = format
        guard result.objective != nil else {
            return pick("**Capaciteit:** \(f.hours(result.capacity)) uur, waarvan \(f.hours(result.reserve)) als flexibele reserve.",
                        "**Capacity:** \(f.hours(result.capacity)) hours, of which \(f.hours(result.reserve)) is the flexibility reserve.")
        }
        let unused = f.hours(result.unused) == "0" ? ""
            : pick("; \(f.hours(result.unused)) uur is niet nodig", "; \(f.hours(result.unused)) hours are not needed")
        return pick(
            "**Uren:** van de \(f.hours(result.capacity)) uur capaciteit zet dit plan \(f.hours(result.allocated)) uur in; \(f.hours(result.reserve)) uur blijft vrij als flexibele reserve\(unused).",
            "**Hours:** of the \(f.hours(result.capacity)) hours of capacity this plan puts \(f.hours(result.allocated)) to work; \(f.hours(result.reserve)) stay free as the flexibility reserve\(unused).")
    }

    /// The attainment without value-hours: the share of what covering every need would bring,
    /// weighted by the priorities.
    func attainmentLine(_ result: AllocationResult) -> String {
        guard result.objective != nil, let attainment = result.attainment else { return "" }
        return pick("**Realisatie:** gewogen naar de prioriteiten brengt dit plan \(format.percent(attainment)) van wat volledige dekking van alle behoeften zou brengen.",
                    "**Attainment:** weighted by the priorities, this plan brings \(format.percent(attainment)) of what covering every need in full would bring.")
    }

    /// The objective in value-hours, for the analysts' section.
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
    /// `breaking_cut_share`) and told as a change of the attainment, not in value-hours.
    func marginLines(_ result: AllocationResult) -> [String] {
        var lines: [String] = []
        if let best = result.bestFTEPool, let points = result.attainmentPoints(best.fteGain ?? 0) {
            lines.append(bestFTELine(best, points: points))
        }
        if let cut = result.capacityCut { lines.append(cutLine(cut, points: cut.objectiveChange.flatMap { result.attainmentPoints(-$0) })) }
        if let share = result.breakingCutShare { lines.append(breakingLine(share, result.breakingPromises ?? [], names: result.names)) }
        return lines
    }

    /// "0,5 procentpunt": a change of the attainment (a share) in percentage points.
    func points(_ share: Double) -> String {
        pick("\(format.number(share * 100, decimals: 1)) procentpunt", "\(format.number(share * 100, decimals: 1)) percentage points")
    }

    func bestFTELine(_ pool: PoolResult, points gain: Double) -> String {
        pick("**Eén fte extra** helpt het meest bij \(pool.name): de realisatie stijgt met \(points(gain)) (opnieuw doorgerekend).",
             "**One more FTE** helps most at \(pool.name): the attainment rises by \(points(gain)) (re-solved).")
    }

    func cutLine(_ cut: CapacityCut, points loss: Double?) -> String {
        let f = format
        let share = f.percent(cut.share, decimals: 0)
        guard let loss else {
            return pick("**\(share) minder inzetbare uren** in elke pool (\(f.hours(cut.hours)) uur) maakt het plan onuitvoerbaar: dan passen de beloften niet meer.",
                        "**\(share) fewer allocatable hours** in every pool (\(f.hours(cut.hours)) hours) makes the plan infeasible: the promises no longer fit.")
        }
        return pick("**\(share) minder inzetbare uren** in elke pool (\(f.hours(cut.hours)) uur) verlaagt de realisatie met \(points(loss)) (opnieuw doorgerekend).",
                    "**\(share) fewer allocatable hours** in every pool (\(f.hours(cut.hours)) hours) lowers the attainment by \(points(loss)) (re-solved).")
    }

    func breakingLine(_ share: Double, _ promises: [BindingPromise], names: [String: String]) -> String {
        let f = format
        let broken = promises.prefix(3).map { promiseName($0, names: names) }
        let verb = broken.count == 1 ? "houdt" : "houden"
        let list = broken.isEmpty ? "" : pick(": dan \(verb) \(listed(broken)) geen stand", ": then \(listed(broken)) can no longer be kept")
        return pick("**Het plan breekt** bij \(f.percent(share, decimals: 1)) minder inzetbare uren\(list).",
                    "**The plan breaks** at \(f.percent(share, decimals: 1)) fewer allocatable hours\(list).")
    }

    func uncoveredLine(_ count: Int, _ zero: Int) -> String {
        let nlZero = zero == 0 ? "" : zero == 1 ? "; 1 daarvan krijgt geen uren" : "; \(zero) daarvan krijgen geen uren"
        let enZero = zero == 0 ? "" : zero == 1 ? "; 1 of them gets no hours" : "; \(zero) of them get no hours"
        return pick("**Niet volledig gedekt:** bij \(count) \(count == 1 ? "combinatie" : "combinaties") van thema en gemeente blijft een deel van de behoefte liggen\(nlZero).",
                    "**Not fully covered:** part of the need stays open in \(count) \(count == 1 ? "combination" : "combinations") of theme and municipality\(enZero).")
    }

    func solveTimeLine(_ seconds: Double, method: String) -> String {
        pick("Rekentijd: \(format.number(seconds, decimals: 2)) s (\(method)).", "Solve time: \(format.number(seconds, decimals: 2)) s (\(method)).")
    }
}

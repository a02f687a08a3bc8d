import CapacityAllocation

/// The summary of `ivp solve`: outcome, capacity, value, the what-if lines and how long it took.
extension Phrases {
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
        if let best = result.bestFTEPool {
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
            if let more = pool.hourValueHolds?.upper {
                line += pick(", voor de eerste \(f.hours(more)) uur erbij", ", for the first \(f.hours(more)) extra hours")
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

    func uncoveredLine(_ count: Int, _ zero: Int) -> String {
        pick("**Niet volledig gedekt:** \(count) combinaties van thema en gemeente, waarvan \(zero) zonder enig uur.",
             "**Not fully covered:** \(count) combinations of theme and municipality, \(zero) of them without any hours.")
    }

    func solveTimeLine(_ seconds: Double, method: String) -> String {
        pick("Rekentijd: \(format.number(seconds, decimals: 2)) s (\(method)).", "Solve time: \(format.number(seconds, decimals: 2)) s (\(method)).")
    }
}

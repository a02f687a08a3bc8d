import CapacityAllocation

/// The words of the per-municipality pages, in Dutch and English (the map's: MapPhrases.swift).
extension Phrases {

    // MARK: Pages

    var municipalityPagesTitle: String { pick("Per gemeente", "Per municipality") }
    var municipalityPagesIntro: String {
        pick("Wat deze verdeling voor elke gemeente betekent: haar uren, de beloften aan haar en wat ze inlevert.",
            "What this allocation means for each municipality: its hours, the promises made to it and what it gives up.")
    }
    func municipalityPagesOmitted(_ count: Int) -> String {
        pick("Met \(count) gemeenten staan de pagina's per gemeente niet in dit rapport; `ivp solve --municipality ID` toont er één.",
            "With \(count) municipalities the pages per municipality are left out of this report; `ivp solve --municipality ID` shows one.")
    }
    var themeHoursTitle: String { pick("Uren per thema", "Hours per theme") }
    var poolHoursTitle: String { pick("Uren per pool", "Hours per pool") }
    var mutualAidMark: String { pick("bijstand", "mutual aid") }
    func pagePromisesTitle(_ name: String) -> String { pick("Beloften aan \(name)", "Promises to \(name)") }
    func pageGiveUpTitle(_ name: String) -> String { pick("Wat \(name) inlevert", "What \(name) gives up") }
    var pageNoShortfall: String { pick("Elke behoefte wordt hier volledig gedekt.", "Every need here is covered in full.") }
    var pageNoPromise: String {
        pick("Het scenario doet deze gemeente geen minimum, aanwezigheidsnorm of waterbedgrens.",
            "The scenario makes this municipality no minimum, presence norm or displacement bound.")
    }

    /// The name of a kind of capacity as the police say it; unknown kinds as written.
    func kindName(_ kind: String) -> String {
        switch kind {
        case "general": pick("basispolitiezorg", "general policing")
        case "community": pick("wijkagenten", "community officers")
        case "investigation": pick("recherche", "investigation")
        case "cyber": pick("cybercrime", "cybercrime")
        case "enforcement": pick("handhaving (boa's)", "municipal enforcement")
        default: kind
        }
    }

    func pageFacts(_ page: MunicipalityPage) -> String {
        var parts: [String] = []
        if let code = page.cbsCode { parts.append(pick("CBS-code \(code)", "CBS code \(code)")) }
        if let population = page.population { parts.append(pick("\(format.hours(population)) inwoners", "\(format.hours(population)) inhabitants")) }
        parts.append(page.areaName)
        return parts.joined(separator: " · ")
    }

    func pageHoursLine(_ page: MunicipalityPage) -> String {
        let f = format
        guard let own = page.hoursPerThousand else {
            return pick("**Uren:** \(f.hours(page.hours)) uur (zonder inwonertal geen uren per 1.000 inwoners).",
                       "**Hours:** \(f.hours(page.hours)) hours (without a population no hours per 1,000 inhabitants).")
        }
        let area = page.areaHoursPerThousand.map {
            pick("; \(page.areaName) als geheel: \(f.hours($0)) per 1.000 inwoners", "; \(page.areaName) as a whole: \(f.hours($0)) per 1,000 inhabitants")
        } ?? ""
        return pick("**Uren:** \(f.hours(page.hours)) uur, \(f.hours(own)) per 1.000 inwoners\(area).",
                   "**Hours:** \(f.hours(page.hours)) hours, \(f.hours(own)) per 1,000 inhabitants\(area).")
    }

    func pageAttainmentLine(_ page: MunicipalityPage) -> String {
        guard page.ideal > 0 else {
            return pick("**Realisatie:** geen behoefte aan de gekozen thema's.", "**Attainment:** no need for the chosen themes.")
        }
        return pick("**Realisatie:** \(format.percent(page.attainment)) van de waarde die volledige dekking hier zou opleveren.",
                   "**Attainment:** \(format.percent(page.attainment)) of the value that covering every need here in full would bring.")
    }

    /// One sentence per promise: what is promised, what the municipality gets, and whether it
    /// holds and binds.
    func pagePromiseSentence(_ promise: MunicipalityPage.Promise, _ page: MunicipalityPage, _ result: AllocationResult) -> String {
        pagePromiseSentence(promise, page, name: result.name)
    }

    /// `pagePromiseSentence` with the names of themes and neighbours from `name`.
    func pagePromiseSentence(_ promise: MunicipalityPage.Promise, _ page: MunicipalityPage, name: (String) -> String) -> String {
        let f = format
        let what: String
        switch promise.kind {
        case .presence:
            let kind = promise.capacityKind ?? ""
            let rate = promise.hoursPerThousand.map { pick(" (\(f.number($0, decimals: 1)) per 1.000 inwoners)", " (\(f.number($0, decimals: 1)) per 1,000 inhabitants)") } ?? ""
            let name = kind == "community" ? pick("Wijkagentnorm", "Community-officer norm")
                                           : pick("Aanwezigheidsnorm voor \(kindName(kind))", "Presence norm for \(kindName(kind))")
            what = pick("**\(name):** minstens \(f.hours(promise.bound)) uur \(kindName(kind))\(rate); \(page.name) krijgt \(f.hours(promise.actual)) uur.",
                       "**\(name):** at least \(f.hours(promise.bound)) hours of \(kindName(kind))\(rate); \(page.name) gets \(f.hours(promise.actual)) hours.")
        case .minimum:
            let theme = name(promise.theme ?? "")
            let share = promise.shareOfNeed.map { pick(" (\(f.percent($0, decimals: 0)) van de behoefte)", " (\(f.percent($0, decimals: 0)) of the need)") } ?? ""
            what = pick("**Minimum voor \(theme):** \(f.hours(promise.bound)) effectieve uur\(share); gedekt: \(f.hours(promise.actual)).",
                       "**Minimum for \(theme):** \(f.hours(promise.bound)) effective hours\(share); covered: \(f.hours(promise.actual)).")
        case .displacement:
            let theme = name(promise.theme ?? ""), neighbour = name(promise.neighbour ?? "")
            let own = f.percent(promise.share ?? 0, decimals: 0), other = f.percent(promise.neighbourShare ?? 0, decimals: 0)
            let gap = f.number(promise.bound * 100)
            what = pick("**Waterbedgrens voor \(theme) met \(neighbour):** de dekking verschilt hoogstens \(gap) procentpunt; \(page.name) \(own), \(neighbour) \(other).",
                       "**Displacement bound on \(theme) with \(neighbour):** coverage differs by at most \(gap) percentage points; \(page.name) \(own), \(neighbour) \(other).")
        }
        return what + " " + promiseStatus(promise, page)
    }

    private func promiseStatus(_ promise: MunicipalityPage.Promise, _ page: MunicipalityPage) -> String {
        let f = format
        guard promise.holds else { return pick("**Niet gehouden.**", "**Not kept.**") }
        guard promise.binds else { return pick("Gehouden, met ruimte.", "Holds, with room to spare.") }
        let cost = promise.costPerUnit.map { cost -> String in
            promise.kind == .displacement
                ? pick(" Deze grens kost \(f.rate(cost)) waarde per procentpunt (marginale waarde).", " This bound costs \(f.rate(cost)) value per percentage point (marginal value).")
                : pick(" Zonder deze belofte zou het eerste uur elders \(f.rate(cost)) waarde opleveren (marginale waarde).", " Without this promise the first hour would bring \(f.rate(cost)) value elsewhere (marginal value).")
        } ?? ""
        switch promise.kind {
        case .presence:
            return pick("**Gehouden en bindend:** \(page.name) krijgt precies de norm, geen uur meer.\(cost)",
                       "**Holds and binds:** \(page.name) gets exactly the norm, not an hour more.\(cost)")
        case .minimum:
            return pick("**Gehouden en bindend:** precies het minimum.\(cost)", "**Holds and binds:** exactly the minimum.\(cost)")
        case .displacement:
            return pick("**Gehouden en bindend:** het verschil staat op de grens.\(cost)", "**Holds and binds:** the difference is at the bound.\(cost)")
        }
    }

    // MARK: What changes in a what-if (`ivp compare --municipality ID`)

    func compareMunicipalityTitle(_ name: String) -> String { pick("\(name): wat verandert er", "\(name): what changes") }
    func compareMunicipalityIntro(_ comparison: MunicipalityComparison) -> String {
        pick("Wat elke variant voor \(comparison.name) betekent tegenover de basis \(comparison.baseName) (`\(comparison.base)`).",
            "What each variant means for \(comparison.name) against the base \(comparison.baseName) (`\(comparison.base)`).")
    }
    func compareMunicipalityNoBase(_ comparison: MunicipalityComparison) -> String {
        pick("De basis heeft geen verdeling (\(shortStatus(comparison.baseStatus))): er is niets om mee te vergelijken.",
            "The base has no allocation (\(shortStatus(comparison.baseStatus))): there is nothing to compare with.")
    }
    func compareMunicipalityNoVariant(_ variant: MunicipalityComparison.Variant) -> String {
        pick("Deze variant heeft geen verdeling (\(shortStatus(variant.status))); `ivp compare` zonder `--municipality` zegt waarom.",
            "This variant has no allocation (\(shortStatus(variant.status))); `ivp compare` without `--municipality` says why.")
    }

    /// Hours before and after, and per 1,000 inhabitants when there is a population.
    func compareMunicipalityHoursLine(_ base: MunicipalityPage, _ other: MunicipalityPage) -> String {
        let f = format
        let change = other.hours - base.hours
        let signedChange = abs(change) < 0.5 ? pick("gelijk", "unchanged") : (change > 0 ? "+" : "") + f.hours(change)
        var line = pick("**Uren:** \(f.hours(base.hours)) → \(f.hours(other.hours)) uur (\(signedChange))",
                       "**Hours:** \(f.hours(base.hours)) → \(f.hours(other.hours)) hours (\(signedChange))")
        if let before = base.hoursPerThousand, let after = other.hoursPerThousand {
            line += pick("; \(f.hours(before)) → \(f.hours(after)) per 1.000 inwoners", "; \(f.hours(before)) → \(f.hours(after)) per 1,000 inhabitants")
        }
        return line + "."
    }

    func compareMunicipalityAttainmentLine(_ base: MunicipalityPage, _ other: MunicipalityPage) -> String {
        guard base.ideal > 0 || other.ideal > 0 else {
            return pick("**Realisatie:** geen behoefte aan de gekozen thema's.", "**Attainment:** no need for the chosen themes.")
        }
        let points = format.number((other.attainment - base.attainment) * 100, decimals: 1)
        let signedPoints = other.attainment > base.attainment && points != format.number(0, decimals: 1) ? "+" + points : points
        return pick("**Realisatie:** \(format.percent(base.attainment)) → \(format.percent(other.attainment)) (\(signedPoints) procentpunt).",
                   "**Attainment:** \(format.percent(base.attainment)) → \(format.percent(other.attainment)) (\(signedPoints) percentage points).")
    }

    func compareMunicipalityMoved(_ hours: Double, stable: Bool) -> String {
        stable
            ? pick("Van de beste verdelingen van deze variant is die getoond die het dichtst bij de basis ligt: \(format.hours(hours)) uur verschoven in het hele scenario, dus alleen wat de variant echt verandert.",
                  "Of this variant's best allocations the one closest to the base is shown: \(format.hours(hours)) hours moved in the whole scenario, so only what the variant really changes.")
            : pick("De ruwe optimale verdeling van de solver (`--no-stable`): \(format.hours(hours)) uur verschoven in het hele scenario.",
                  "The solver's raw optimal allocation (`--no-stable`): \(format.hours(hours)) hours moved in the whole scenario.")
    }

    var compareMunicipalityThemesTitle: String { pick("Uren per thema, voor en na", "Hours per theme, before and after") }
    var beforeLabel: String { pick("Basis", "Base") }
    var afterLabel: String { pick("Variant", "Variant") }
    var coverageBeforeLabel: String { pick("Dekking basis", "Coverage base") }
    var coverageAfterLabel: String { pick("Dekking variant", "Coverage variant") }
    func comparePromisesTitle(_ name: String) -> String { pick("Beloften aan \(name) die veranderen", "Promises to \(name) that change") }
    func compareNoPromiseChange(_ name: String) -> String {
        pick("Geen belofte aan \(name) verandert: wat gehouden werd, wordt gehouden, en wat bond, bindt nog.",
            "No promise to \(name) changes: what held still holds, and what bound still binds.")
    }
    /// A promise that changes state: how it stood in the base, how it stands now.
    func comparePromiseChange(_ change: MunicipalityComparison.PromiseChange, base: MunicipalityPage?, other: MunicipalityPage?,
                              name: (String) -> String) -> String {
        switch (change.base, change.other) {
        case (let before?, let after?):
            return pick("**Nu:** ", "**Now:** ") + pagePromiseSentence(after, other ?? base!, name: name)
                + pick(" (In de basis: ", " (In the base: ") + promiseState(before) + ")"
        case (nil, let after?):
            return pick("**Nieuw:** ", "**New:** ") + pagePromiseSentence(after, other ?? base!, name: name)
        case (let before?, nil):
            return pick("**Vervalt:** ", "**Dropped:** ") + pagePromiseSentence(before, base ?? other!, name: name)
        case (nil, nil):
            return ""
        }
    }

    private func promiseState(_ promise: MunicipalityPage.Promise) -> String {
        guard promise.holds else { return pick("niet gehouden.", "not kept.") }
        return promise.binds ? pick("gehouden en bindend.", "held and binding.") : pick("gehouden, met ruimte.", "held, with room to spare.")
    }
}

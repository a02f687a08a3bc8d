import CapacityAllocation

/// Every sentence and label of the reports, in Dutch and English. Report writers take their words
/// from here and nowhere else, so no label is hard-coded in one language. This file holds the
/// labels every report shares; each report kind has its own file of sentences (SolvePhrases,
/// TradeOffPhrases, DiagnosisPhrases, ComparePhrases, SweepPhrases, EvaluatePhrases).
struct Phrases {
    let language: Language
    let format: NumberFormat

    init(_ language: Language) {
        self.language = language
        self.format = NumberFormat(language)
    }

    func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

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
    var hourValue: String { pick("Marginale waarde per uur", "Marginal value per hour") }
    var fteValue: String { pick("Marginale waarde per fte", "Marginal value per FTE") }
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

    // MARK: Shared by every report

    /// The presence norm of a kind of capacity as the police name it: "wijkagentnorm" for
    /// community officers, else "aanwezigheidsnorm voor basispolitiezorg" (lower case).
    func normName(_ kind: String) -> String {
        kind == "community" ? pick("wijkagentnorm", "community-officer norm")
                            : pick("aanwezigheidsnorm voor \(kindName(kind))", "presence norm for \(kindName(kind))")
    }

    /// "De wijkagentnorm": `normName` with its article, at the start of a sentence.
    func normTitle(_ kind: String) -> String { pick("De \(normName(kind))", "The \(normName(kind))") }

    /// A promise named in a few words ("the community-officer norm in Hilversum").
    func promiseName(_ promise: BindingPromise, names lookup: [String: String]) -> String {
        let names = promise.entities.map { lookup[$0] ?? $0 }
        switch promise.kind {
        case .minimum: return pick("het minimum voor \(names[0]) in \(names[1])", "the minimum for \(names[0]) in \(names[1])")
        case .presence: return pick("de \(normName(promise.entities[0])) in \(names[1])", "the \(normName(promise.entities[0])) in \(names[1])")
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

    var noShortfall: String { pick("Elke behoefte wordt volledig gedekt.", "Every need is covered in full.") }
    var noPromise: String { pick("Geen minimum, waterbedgrens, plafond of norm beperkt de uitkomst.", "No minimum, displacement bound, cap or norm limits the outcome.") }
    var manifestIntro: String { pick("Deze uitkomst is precies te herleiden tot deze invoer:", "This result can be traced to exactly this input:") }
}

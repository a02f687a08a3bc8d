import CapacityAllocation

/// `ivp compare`, and the sentence on which of the equally good allocations a report shows.
extension Phrases {
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
        func phrase(_ shift: ThemeShift) -> String {
            let places = shift.municipalities.map { "\(name($0.id)) \(f.hours($0.hours))" }.joined(separator: ", ")
            return pick("\(name(shift.theme)) \(f.hours(shift.hours)) uur (\(places))", "\(f.hours(shift.hours)) hours of \(name(shift.theme)) (\(places))")
        }
        let shifts = difference.headlineShifts(losses: 4, gains: 2)
        let losses = shifts.losses.map(phrase), gains = shifts.gains.map(phrase)
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
}

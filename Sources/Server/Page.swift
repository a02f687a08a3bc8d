import CapacityAllocation
import Foundation
import Reporting

/// One control of the page: a `--vary` parameter path with its label.
struct Lever: Sendable {
    var key: String
    var label: String
    /// The allowed range, shown as a hint (the server checks it).
    var hint: String
    /// A checkbox (1 or 0: `themes.ID.adopted`) rather than a number.
    var toggle = false
}

/// The page's own words, in Dutch and English (the report's words come from Reporting).
struct PageText {
    let language: Language
    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var title: String { pick("Live what-if", "Live what-if") }
    var levers: String { pick("Knoppen", "Levers") }
    var leversIntro: String {
        pick("Verander een getal en druk op Enter of Tab: het model rekent opnieuw vanaf het plan. Een ongeldige waarde wordt geweigerd en verder verandert er niets.",
             "Change a number and press Enter or Tab: the model re-solves from the plan. An invalid value is refused and nothing else changes.")
    }
    var general: String { pick("Algemeen", "General") }
    var pools: String { pick("Capaciteitspools", "Capacity pools") }
    var themes: String { pick("Thema's", "Themes") }
    var mode: String { pick("Werkwijze", "Decision mode") }
    var reserveAll: String { pick("Flexibele reserve (pools zonder eigen reserve)", "Flexibility reserve (pools without their own)") }
    func levelWeight(_ level: ThemeLevel) -> String {
        let names: [ThemeLevel: (String, String)] = [.national: ("landelijk", "national"), .regional: ("regionaal", "regional"),
                                                     .district: ("district", "district"), .baseTeam: ("basisteam", "base team"),
                                                     .local: ("lokaal", "local")]
        let name = names[level] ?? (level.rawValue, level.rawValue)
        return pick("Gewicht van niveau \(name.0)", "Weight of level \(name.1)")
    }
    func modeName(_ mode: SolveMode) -> String {
        switch mode {
        case .weighted: pick("gewogen", "weighted")
        case .lexicographic: pick("rangorde", "lexicographic")
        case .maxmin: pick("eerlijk (maxmin)", "fair (maxmin)")
        case .select: pick("kiezen", "select")
        }
    }
    var fte: String { pick("fte", "FTE") }
    var availability: String { pick("beschikbaarheid", "availability") }
    var claimedHours: String { pick("geclaimde uren", "claimed hours") }
    var reserve: String { pick("reserve", "reserve") }
    var weight: String { pick("gewicht", "weight") }
    var minimum: String { pick("minimum (aandeel van de behoefte)", "minimum (share of need)") }
    var maxGap: String { pick("max. verschil met buurgemeenten", "displacement bound") }
    var none: String { pick("geen", "none") }
    var adopted: String { pick("aangenomen (uitvinken laat het thema vallen)", "adopted (untick to drop the theme)") }
    func presence(_ kind: String) -> String {
        pick("Aanwezigheidsnorm \(kind) (uur per 1.000 inwoners)", "Presence floor \(kind) (hours per 1,000 inhabitants)")
    }
    var map: String { pick("Kaart", "Map") }
    var compareTitle: String { pick("Twee toestanden naast elkaar", "Two states side by side") }
    var compareA: String { pick("Toestand A (basis)", "State A (base)") }
    var compareB: String { pick("Toestand B", "State B") }
    var compareShow: String { pick("Naast elkaar zetten", "Show side by side") }
    var compareFrame: String { pick("Vergelijking van twee toestanden", "Comparison of two states") }
    var restore: String { pick("Herstel uit een what-if (YAML)", "Restore from a what-if (YAML)") }
    var headlinesPending: String { pick("Kopcijfers worden opnieuw doorgerekend…", "Re-solving the headline figures…") }
    var results: String { pick("Uitkomst", "Result") }
    var summary: String { pick("Samenvatting", "Summary") }
    var changed: String { pick("Wat er verandert ten opzichte van het plan", "What changed against the plan") }
    var charts: String { pick("Grafieken", "Charts") }
    var coverage: String { pick("Dekking per thema en gemeente", "Coverage per theme and municipality") }
    var states: String { pick("Geprobeerde toestanden", "States tried") }
    var undo: String { pick("Ongedaan maken", "Undo") }
    var redo: String { pick("Opnieuw", "Redo") }
    var reset: String { pick("Terug naar het plan", "Reset to the plan") }
    var saveWhatIf: String { pick("Bewaar als what-if (download)", "Save as what-if (download)") }
    var saveToFolder: String { pick("Bewaar in de map van het scenario", "Save into the scenario's folder") }
    var downloadReport: String { pick("Download rapport (HTML)", "Download report (HTML)") }
    var compareWithPlan: String { pick("naast het plan", "beside the plan") }
    var plan: String { pick("plan", "plan") }
    var scenario: String { pick("Scenario", "Scenario") }
    var open: String { pick("Openen", "Open") }
    var languageLabel: String { pick("Taal", "Language") }
    var working: String { pick("Bezig met rekenen…", "Solving…") }
    var done: String { pick("Bijgewerkt.", "Updated.") }
    var saved: String { pick("Bewaard als", "Saved as") }
    var noChange: String { pick("Nog niets veranderd: dit is het plan.", "Nothing changed yet: this is the plan.") }
    var current: String { pick("huidige", "current") }
    var skip: String { pick("Naar de uitkomst", "Skip to the result") }
    var failed: String { pick("Mislukt", "Failed") }

    /// A state's change as a person reads it, with the scenario's names: "Thema Verkeersveiligheid
    /// niet gekozen", "Gooi Zuid basis: fte 126".
    func stateLabel(_ change: StateChange, in scenario: Scenario) -> String {
        switch change {
        case .plan:
            return plan
        case .mode(let mode):
            return "\(self.mode): \(modeName(mode))"
        case .restored(let count):
            return pick("hersteld uit een what-if (\(count) \(count == 1 ? "wijziging" : "wijzigingen"))",
                        "restored from a what-if (\(count) \(count == 1 ? "change" : "changes"))")
        case .parameter(let key, let value):
            let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let number = Page.number(value, language)
            func field(_ name: String) -> String {
                switch name {
                case "fte": fte
                case "availability": availability
                case "claimed_hours": claimedHours
                case "reserve": reserve
                case "weight": weight
                case "minimum": pick("minimum", "minimum")
                case "max_gap": maxGap
                case "hours_per_fte": pick("uren per fte", "hours per FTE")
                case "need": pick("behoefte", "need")
                default: name.replacingOccurrences(of: "_", with: " ")
                }
            }
            switch parts.first {
            case "themes" where parts.count >= 3:
                let name = scenario.themes.first { $0.id == parts[1] }?.name ?? parts[1]
                if parts[2] == "adopted" {
                    return value == 0 ? pick("Thema \(name) niet gekozen", "theme \(name) dropped")
                                      : pick("Thema \(name) gekozen", "theme \(name) adopted")
                }
                return "\(name): \(parts[2...].map(field).joined(separator: " ")) \(number)"
            case "pools" where parts.count >= 3:
                let name = scenario.pools.first { $0.id == parts[1] }?.name ?? parts[1]
                return "\(name): \(parts[2...].map(field).joined(separator: " ")) \(number)"
            case "municipalities" where parts.count >= 3:
                let name = scenario.municipalities.first { $0.id == parts[1] }?.name ?? parts[1]
                return "\(name): \(parts[2...].map(field).joined(separator: " ")) \(number)"
            case "reserve":
                return pick("flexibele reserve \(number)", "flexibility reserve \(number)")
            case "level_weights" where parts.count == 2:
                let level = ThemeLevel(rawValue: parts[1]).map(levelWeight) ?? parts[1]
                return "\(level) \(number)"
            case "presence" where parts.count >= 2:
                return pick("aanwezigheidsnorm \(parts[1]): \(number) uur per 1.000 inwoners",
                            "presence floor \(parts[1]): \(number) hours per 1,000 inhabitants")
            default:
                return "\(key) = \(number)"
            }
        }
    }
}

/// The live page: levers on the left, the server-rendered result on the right, a small script
/// that sends each change and swaps in the fragments the server renders. Everything is served
/// by the binary; nothing is loaded from elsewhere.
enum Page {
    static func levers(_ scenario: Scenario, _ text: PageText) -> [(group: String, levers: [Lever])] {
        var general: [Lever] = []
        if scenario.pools.contains(where: \.usesDefaultReserve) {
            general.append(Lever(key: "reserve", label: text.reserveAll, hint: "[0, 1)"))
        }
        let levels = ThemeLevel.allCases.filter { level in scenario.themes.contains { $0.level == level } }
        general += levels.map { Lever(key: "level_weights.\($0.rawValue)", label: text.levelWeight($0), hint: "≥ 0") }
        general += scenario.presence.map {
            Lever(key: "presence.\($0.kind).hours_per_1000_inhabitants", label: text.presence($0.kind), hint: "≥ 0")
        }
        var groups: [(String, [Lever])] = [(text.general, general)]
        for pool in scenario.pools {
            groups.append((pool.name, [
                Lever(key: "pools.\(pool.id).fte", label: text.fte, hint: "≥ 0"),
                Lever(key: "pools.\(pool.id).availability", label: text.availability, hint: "[0, 1]"),
                Lever(key: "pools.\(pool.id).claimed_hours", label: text.claimedHours, hint: "≥ 0"),
                Lever(key: "pools.\(pool.id).reserve", label: text.reserve, hint: "[0, 1)"),
            ]))
        }
        for theme in scenario.themes {
            let adoption = theme.candidate || theme.level == .local
                ? [Lever(key: "themes.\(theme.id).adopted", label: text.adopted, hint: "", toggle: true)] : []
            groups.append((theme.name, adoption + [
                Lever(key: "themes.\(theme.id).weight", label: text.weight, hint: "≥ 0"),
                Lever(key: "themes.\(theme.id).minimum", label: text.minimum, hint: "[0, 1]"),
                Lever(key: "themes.\(theme.id).max_gap", label: text.maxGap, hint: "≥ 0"),
            ]))
        }
        return groups
    }

    /// The values of every lever in the current state, as the page shows them.
    static func values(_ view: SessionView, language: Language) -> [String: String] {
        guard let scenario = try? view.whatIf.scenario(from: view.scenario.scenario) else { return [:] }
        var values: [String: String] = ["mode": view.whatIf.mode.rawValue]
        let dropped = Set(view.whatIf.dropped)
        // The base's levers (a dropped theme keeps its controls), the state's values.
        for group in levers(view.scenario.scenario, PageText(language: language)) {
            for lever in group.levers {
                if let theme = WhatIf.adoptedTheme(lever.key) {
                    values[lever.key] = dropped.contains(theme) ? "0" : "1"
                    continue
                }
                guard let parameter = try? ScenarioParameter(lever.key, in: scenario) else { continue }
                values[lever.key] = parameter.value(in: scenario).map { number($0, language) } ?? ""
            }
        }
        return values
    }

    static func number(_ value: Double, _ language: Language) -> String {
        let text = FieldText.format(value)
        return language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func render(_ view: SessionView, catalog: Catalog, language: Language, allowSave: Bool) -> String {
        let text = PageText(language: language)
        let values = Self.values(view, language: language)
        let fragments = Fragments.html(view, language: language)
        let scenario = view.scenario.scenario
        var out: [String] = ["<!DOCTYPE html>", #"<html lang="\#(language.rawValue)">"#, "<head>", #"<meta charset="utf-8">"#,
                             #"<meta name="viewport" content="width=device-width, initial-scale=1">"#, #"<link rel="icon" href="data:,">"#,
                             "<title>\(esc(text.title)): \(esc(view.scenario.name))</title>",
                             "<style>", LiveFragments.stylesheet, style, "</style>", "</head>",
                             #"<body><div id="app" data-session="\#(esc(view.id))" data-lang="\#(language.rawValue)" data-state="\#(view.current)" data-pending="0">"#,
                             ##"<a class="skip" href="#results">\##(esc(text.skip))</a>"##]
        // The bar: scenario, language, state actions.
        out.append(#"<header class="bar">"#)
        out.append("<h1>\(esc(view.scenario.name))</h1>")
        out.append(#"<form class="pick" method="get" action="/">"#)
        if catalog.entries.count > 1 {
            out.append(#"<label for="scenario-pick">\#(esc(text.scenario))</label><select id="scenario-pick" name="scenario">"#)
            for entry in catalog.entries {
                out.append(#"<option value="\#(esc(entry.id))"\#(entry.id == view.scenario.id ? " selected" : "")>\#(esc(entry.name))</option>"#)
            }
            out.append(#"</select><input type="hidden" name="lang" value="\#(language.rawValue)"><button type="submit">\#(esc(text.open))</button>"#)
        }
        out.append("</form>")
        out.append(#"<nav class="lang" aria-label="\#(esc(text.languageLabel))">"#)
        for other in Language.allCases {
            let name = other == .nl ? "Nederlands" : "English"
            if other == language {
                out.append(#"<span aria-current="true" lang="\#(other.rawValue)">\#(name)</span>"#)
            } else {
                out.append(#"<a href="/?session=\#(esc(view.id))&amp;lang=\#(other.rawValue)" lang="\#(other.rawValue)" hreflang="\#(other.rawValue)">\#(name)</a>"#)
            }
        }
        out.append("</nav></header>")

        out.append(#"<div class="layout">"#)
        // The levers.
        out.append(#"<aside id="levers" aria-labelledby="levers-title">"#)
        out.append(#"<h2 id="levers-title">\#(esc(text.levers))</h2>"#)
        out.append(#"<p class="note">\#(esc(text.leversIntro))</p>"#)
        out.append(#"<form id="lever-form" novalidate>"#)
        out.append(#"<div class="lever"><label for="lever-mode">\#(esc(text.mode))</label><select id="lever-mode" name="mode" aria-describedby="error-mode">"#)
        for mode in SolveMode.allCases {
            out.append(#"<option value="\#(mode.rawValue)"\#(values["mode"] == mode.rawValue ? " selected" : "")>\#(esc(text.modeName(mode)))</option>"#)
        }
        out.append(#"</select><p class="error" id="error-mode" role="alert" hidden></p></div>"#)
        for (groupIndex, group) in levers(scenario, text).enumerated() where !group.levers.isEmpty {
            out.append(#"<fieldset><legend>\#(esc(group.group))</legend>"#)
            for lever in group.levers {
                let id = "lever-\(groupIndex)-\(Catalog.slug(lever.key))"
                let value = values[lever.key] ?? ""
                if lever.toggle {
                    out.append(#"<div class="lever toggle"><input id="\#(id)" name="\#(esc(lever.key))" type="checkbox"\#(value == "0" ? "" : " checked") aria-describedby="\#(id)-error">"#
                               + #"<label for="\#(id)">\#(esc(lever.label))</label>"#
                               + #"<p class="error" id="\#(id)-error" role="alert" hidden></p></div>"#)
                    continue
                }
                out.append(#"<div class="lever"><label for="\#(id)">\#(esc(lever.label)) <span class="hint">\#(esc(lever.hint))</span></label>"#
                           + #"<input id="\#(id)" name="\#(esc(lever.key))" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" value="\#(esc(value))" placeholder="\#(esc(text.none))" aria-describedby="\#(id)-error">"#
                           + #"<p class="error" id="\#(id)-error" role="alert" hidden></p></div>"#)
            }
            out.append("</fieldset>")
        }
        out.append("</form></aside>")

        // The result.
        out.append(#"<main id="results" tabindex="-1" aria-labelledby="results-title">"#)
        out.append(#"<h2 id="results-title" class="visually-hidden">\#(esc(text.results))</h2>"#)
        out.append(#"<div class="actions" role="toolbar" aria-label="\#(esc(text.states))">"#)
        out.append(#"<button type="button" id="undo"\#(view.canUndo ? "" : " disabled")>\#(esc(text.undo))</button>"#)
        out.append(#"<button type="button" id="redo"\#(view.canRedo ? "" : " disabled")>\#(esc(text.redo))</button>"#)
        out.append(#"<button type="button" id="reset"\#(view.current == 0 ? " disabled" : "")>\#(esc(text.reset))</button>"#)
        out.append(#"<a id="save-whatif" href="/api/sessions/\#(esc(view.id))/whatif.yaml" download>\#(esc(text.saveWhatIf))</a>"#)
        if allowSave { out.append(#"<button type="button" id="save-folder">\#(esc(text.saveToFolder))</button>"#) }
        out.append(#"<a id="download-report" href="/api/sessions/\#(esc(view.id))/report.html?lang=\#(language.rawValue)" download>\#(esc(text.downloadReport))</a>"#)
        // A button of the page's own words opens the file input, which stays hidden: its own
        // button would speak the browser's language ("Choose File" on the Dutch page).
        out.append(#"<button type="button" id="restore">\#(esc(text.restore))</button><input id="restore-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" hidden>"#)
        out.append(#"<p id="status" role="status" aria-live="polite"></p>"#)
        out.append("</div>")
        out.append(#"<div class="columns">"#)
        out.append(#"<section id="summary-section" aria-labelledby="summary-title"><h2 id="summary-title">\#(esc(text.summary))</h2><div id="frag-summary">\#(fragments["summary"] ?? "")</div></section>"#)
        out.append(#"<section id="states-section" aria-labelledby="states-title"><h2 id="states-title">\#(esc(text.states))</h2><div id="frag-states">\#(fragments["states"] ?? "")</div></section>"#)
        out.append("</div>")
        out.append(#"<section id="difference-section" aria-labelledby="difference-title"><h2 id="difference-title">\#(esc(text.changed))</h2><div id="frag-difference">\#(fragments["difference"] ?? "")</div></section>"#)
        out.append(#"<section id="charts-section" aria-labelledby="charts-title"><h2 id="charts-title">\#(esc(text.charts))</h2><div id="frag-charts">\#(fragments["charts"] ?? "")</div></section>"#)
        out.append(#"<section id="map-section" aria-labelledby="map-title"><h2 id="map-title">\#(esc(text.map))</h2><div id="frag-map">\#(fragments["map"] ?? "")</div></section>"#)
        out.append(#"<section id="coverage-section" aria-labelledby="coverage-title"><h2 id="coverage-title">\#(esc(text.coverage))</h2><div id="frag-coverage">\#(fragments["coverage"] ?? "")</div></section>"#)
        out.append(#"<section id="compare-section" aria-labelledby="compare-title" hidden><h2 id="compare-title">\#(esc(text.compareTitle))</h2><iframe id="compare-frame" title="\#(esc(text.compareFrame))"></iframe></section>"#)
        out.append("</main></div>")
        out.append(#"<script id="page-text" type="application/json">\#(jsonText(["working": text.working, "done": text.done, "saved": text.saved, "failed": text.failed, "headlines": text.headlinesPending]))</script>"#)
        out.append("<script>\(script)</script>")
        out.append("</div></body></html>")
        return out.joined(separator: "\n") + "\n"
    }

    static func esc(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// JSON safe inside a <script> element.
    static func jsonText(_ object: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// The page's layout on top of the report stylesheet: levers and result side by side, each
    /// scrolling on its own, so that it fits a projector (1280x720) and a laptop.
    static let style = """
    body { background: #eef0f3; }
    #app { display: flex; flex-direction: column; height: 100vh; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    header.bar { display: flex; align-items: center; gap: 16px; padding: 6px 16px; background: var(--accent); color: #fff; flex: 0 0 auto; }
    header.bar h1 { color: #fff; font-size: 1.15rem; margin: 0; flex: 1 1 auto; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    header.bar a { color: #fff; }
    header.bar form.pick { display: flex; gap: 6px; align-items: center; }
    header.bar nav.lang { display: flex; gap: 10px; }
    header.bar nav.lang span[aria-current] { font-weight: 600; text-decoration: underline; }
    .layout { display: grid; grid-template-columns: minmax(300px, 340px) 1fr; flex: 1 1 auto; min-height: 0; }
    aside#levers { overflow-y: auto; background: #f7f8fa; border-right: 1px solid var(--line); padding: 8px 14px 24px; }
    aside#levers h2 { margin-top: .3rem; }
    fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 10px; padding: 4px 10px 8px; }
    legend { font-weight: 600; font-size: .9rem; padding: 0 4px; }
    .lever { display: grid; grid-template-columns: 1fr 96px; gap: 2px 8px; align-items: center; margin: 4px 0; }
    .lever label { font-size: .85rem; }
    .lever .hint { color: var(--muted); font-size: .75rem; white-space: nowrap; }
    .lever input, .lever select { font: inherit; font-size: .9rem; padding: 2px 6px; width: 100%; border: 1px solid #8a8f96; border-radius: 3px; }
    .lever input[aria-invalid="true"] { border: 2px solid #b00020; background: #fff4f4; }
    .lever .error { grid-column: 1 / -1; color: #b00020; font-size: .8rem; margin: 0; overflow-wrap: anywhere; }
    :focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
    main#results { max-width: none; margin: 0; overflow-y: auto; padding: 10px 24px 40px; background: var(--paper); }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; position: sticky; top: -10px; background: var(--paper); padding: 6px 0; z-index: 2; border-bottom: 1px solid var(--line); }
    .actions button, .actions a { font: inherit; font-size: .85rem; padding: 3px 10px; border: 1px solid var(--accent); border-radius: 3px; background: #fff; color: var(--accent); text-decoration: none; cursor: pointer; }
    .actions button:disabled { opacity: .45; cursor: default; }
    #status { margin: 0 0 0 auto; font-size: .85rem; color: var(--muted); }
    #app[data-pending="1"] #status { color: var(--accent); font-weight: 600; }
    .columns { display: grid; grid-template-columns: 3fr 2fr; gap: 20px; }
    .columns h2, main#results > section > h2 { margin-top: 1rem; }
    .tile .change { display: block; font-size: .8rem; color: var(--muted); }
    #frag-states ol { padding-left: 0; list-style: none; margin: 0; max-height: 260px; overflow-y: auto; }
    #frag-states li { display: flex; gap: 6px; align-items: baseline; margin: 2px 0; font-size: .85rem; }
    #frag-states button { font: inherit; text-align: left; border: 1px solid var(--line); background: #fff; border-radius: 3px; padding: 2px 6px; cursor: pointer; flex: 1 1 auto; overflow-wrap: anywhere; }
    #frag-states button[aria-current="true"] { border-color: var(--accent); background: #e8eef6; font-weight: 600; }
    #frag-states a { font-size: .8rem; white-space: nowrap; }
    #frag-difference section { break-before: auto; }
    .lever.toggle { grid-template-columns: auto 1fr; }
    .lever.toggle input { width: auto; }
    form.compare { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 4px 8px; align-items: center; margin-top: 8px; font-size: .85rem; }
    form.compare select { font: inherit; min-width: 0; }
    form.compare button { font: inherit; grid-column: 2; justify-self: start; padding: 3px 10px; border: 1px solid var(--accent); border-radius: 3px; background: #fff; color: var(--accent); cursor: pointer; }
    #compare-frame { width: 100%; height: 640px; border: 1px solid var(--line); background: #fff; }
    #frag-map svg { max-width: 100%; height: auto; }
    #frag-difference section > h2, #frag-difference section > p:first-of-type { display: none; }
    @media (max-width: 900px) {
      .layout { grid-template-columns: 1fr; }
      #app { height: auto; }
      .columns { grid-template-columns: 1fr; }
    }
    """

    /// Sends each change and swaps in what the server renders; computes no number itself.
    static let script = """
    (function () {
      'use strict';
      var app = document.getElementById('app');
      var session = app.getAttribute('data-session');
      var lang = app.getAttribute('data-lang');
      var words = JSON.parse(document.getElementById('page-text').textContent);
      var status = document.getElementById('status');
      var queue = Promise.resolve();
      var pending = 0;
      function busy(delta) {
        pending += delta;
        app.setAttribute('data-pending', pending > 0 ? '1' : '0');
        document.getElementById('results').setAttribute('aria-busy', pending > 0 ? 'true' : 'false');
      }
      function send(path, body) {
        return fetch('/api/sessions/' + encodeURIComponent(session) + path + '?fragments=' + lang, {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {})
        }).then(function (response) {
          return response.json().then(function (json) { return { status: response.status, json: json }; });
        });
      }
      function showError(control, message) {
        var box = document.getElementById(control.getAttribute('aria-describedby'));
        if (message) { control.setAttribute('aria-invalid', 'true'); } else { control.removeAttribute('aria-invalid'); }
        if (box) { box.textContent = message || ''; box.hidden = !message; }
      }
      function apply(data) {
        Object.keys(data.html).forEach(function (key) {
          var target = document.getElementById('frag-' + key);
          if (target) { target.innerHTML = data.html[key]; }
        });
        Array.prototype.forEach.call(document.querySelectorAll('#lever-form [name]'), function (control) {
          var value = data.values[control.name];
          if (control.type === 'checkbox') {
            if (value !== undefined) { control.checked = value !== '0'; }
          } else {
            if (value !== undefined && document.activeElement !== control) { control.value = value; }
            if (value !== undefined) { control.setAttribute('data-shown', value); }
          }
          showError(control, '');
        });
        document.getElementById('undo').disabled = !data.can_undo;
        document.getElementById('redo').disabled = !data.can_redo;
        document.getElementById('reset').disabled = data.state === 0;
        app.setAttribute('data-state', String(data.state));
      }
      function run(path, body, control) {
        busy(1);
        status.textContent = words.working;
        queue = queue.then(function () { return send(path, body); }).then(function (reply) {
          if (reply.status === 200) {
            apply(reply.json);
            if (reply.json.headlines) { status.textContent = words.done; return; }
            // The headline figures come right after, re-solved for this state; shown only if
            // nothing newer was asked for meanwhile.
            status.textContent = words.headlines;
            var state = reply.json.state;
            return fetch('/api/sessions/' + encodeURIComponent(session) + '/fragments?headlines=true&lang=' + lang, { credentials: 'same-origin' })
              .then(function (response) { return response.json().then(function (json) { return { status: response.status, json: json }; }); })
              .then(function (more) {
                if (more.status === 200 && more.json.state === state && pending === 1) {
                  document.getElementById('frag-summary').innerHTML = more.json.html.summary;
                }
                status.textContent = words.done;
              });
          } else if (control) {
            showError(control, reply.json.error || words.failed);
            status.textContent = reply.json.error || words.failed;
          } else {
            status.textContent = reply.json.error || words.failed;
          }
        }).catch(function (error) {
          status.textContent = words.failed + ': ' + error;
        }).then(function () { busy(-1); });
        return queue;
      }
      var form = document.getElementById('lever-form');
      form.addEventListener('change', function (event) {
        var control = event.target;
        if (!control.name) { return; }
        if (control.type === 'checkbox') {
          run('/changes', { parameter: control.name, value: control.checked ? 1 : 0 }, control);
          return;
        }
        if (control.getAttribute('data-shown') === control.value && control.getAttribute('aria-invalid') !== 'true') { return; }
        run('/changes', { parameter: control.name, value: control.value }, control);
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var control = document.activeElement;
        if (control && control.name && control.form === form) {
          control.dispatchEvent(new Event('change', { bubbles: true }));
        }
      });
      Array.prototype.forEach.call(form.querySelectorAll('[name]'), function (control) {
        control.setAttribute('data-shown', control.value);
        if (control.tagName === 'INPUT') {
          control.addEventListener('keydown', function (event) {
            if (event.key === 'Enter') { event.preventDefault(); control.dispatchEvent(new Event('change', { bubbles: true })); }
            if (event.key === 'Escape') {
              // The shown value back; the refusal goes from the status line too, if it is still there.
              var box = document.getElementById(control.getAttribute('aria-describedby'));
              if (box && !box.hidden && status.textContent === box.textContent) { status.textContent = ''; }
              control.value = control.getAttribute('data-shown');
              showError(control, '');
            }
          });
        }
      });
      document.getElementById('undo').addEventListener('click', function () { run('/undo'); });
      document.getElementById('redo').addEventListener('click', function () { run('/redo'); });
      document.getElementById('reset').addEventListener('click', function () { run('/reset'); });
      document.getElementById('frag-states').addEventListener('click', function (event) {
        var button = event.target.closest('button[data-state]');
        if (button) { run('/states/' + button.getAttribute('data-state')); }
      });
      document.getElementById('frag-states').addEventListener('submit', function (event) {
        event.preventDefault();
        var a = document.getElementById('compare-a').value, b = document.getElementById('compare-b').value;
        var section = document.getElementById('compare-section');
        document.getElementById('compare-frame').src = '/api/sessions/' + encodeURIComponent(session) + '/compare.html?a=' + a + '&b=' + b + '&lang=' + lang;
        section.hidden = false;
        section.scrollIntoView();
      });
      document.getElementById('restore').addEventListener('click', function () { document.getElementById('restore-file').click(); });
      document.getElementById('restore-file').addEventListener('change', function (event) {
        var file = event.target.files[0];
        if (!file) { return; }
        busy(1);
        status.textContent = words.working;
        file.text().then(function (text) {
          return fetch('/api/sessions?lang=' + lang, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/yaml' }, body: text });
        }).then(function (response) { return response.json(); }).then(function (json) {
          if (json.id) { window.location.href = '/?session=' + encodeURIComponent(json.id) + '&lang=' + lang; return; }
          status.textContent = json.error || words.failed;
        }).catch(function (error) { status.textContent = words.failed + ': ' + error; }).then(function () { busy(-1); });
      });
      var save = document.getElementById('save-folder');
      if (save) {
        save.addEventListener('click', function () {
          busy(1);
          fetch('/api/sessions/' + encodeURIComponent(session) + '/save', { method: 'POST', credentials: 'same-origin', body: '{}' })
            .then(function (response) { return response.json(); })
            .then(function (json) { status.textContent = json.file ? words.saved + ' ' + json.file : (json.error || words.failed); })
            .catch(function (error) { status.textContent = words.failed + ': ' + error; })
            .then(function () { busy(-1); });
        });
      }
    })();
    """
}

/// The fragments the page swaps in after a change, rendered by Reporting.
enum Fragments {
    static func html(_ view: SessionView, language: Language) -> [String: String] {
        let text = PageText(language: language)
        var states = ["<ol>"]
        for state in view.states.reversed() {
            let figure = state.objective.map { Page.number(($0 * 10).rounded() / 10, language) } ?? "–"
            let share = state.attainment.map { Page.number(($0 * 1000).rounded() / 10, language) + "%" } ?? state.status.rawValue
            let label = text.stateLabel(state.change, in: view.scenario.scenario)
            let currentMark = state.index == view.current ? #" aria-current="true""# : ""
            var item = #"<li><button type="button" data-state="\#(state.index)"\#(currentMark)>\#(state.index). \#(Page.esc(label)): \#(figure) (\#(share))</button>"#
            if state.index > 0 {
                item += #"<a href="/api/sessions/\#(Page.esc(view.id))/compare.html?a=0&amp;b=\#(state.index)&amp;lang=\#(language.rawValue)" target="_blank" rel="noopener">\#(Page.esc(text.compareWithPlan))</a>"#
            }
            states.append(item + "</li>")
        }
        states.append("</ol>")
        if view.states.count > 1 {
            // Any two states side by side: the compare report of A (as the base) and B.
            func options(_ selected: Int) -> String {
                view.states.map { state in
                    let label = text.stateLabel(state.change, in: view.scenario.scenario)
                    return #"<option value="\#(state.index)"\#(state.index == selected ? " selected" : "")>\#(state.index). \#(Page.esc(label))</option>"#
                }.joined()
            }
            states.append(#"<form class="compare" id="compare-form"><label for="compare-a">\#(Page.esc(text.compareA))</label><select id="compare-a" name="a">\#(options(0))</select>"#
                          + #"<label for="compare-b">\#(Page.esc(text.compareB))</label><select id="compare-b" name="b">\#(options(view.current == 0 ? view.states.count - 1 : view.current))</select>"#
                          + #"<button type="submit">\#(Page.esc(text.compareShow))</button></form>"#)
        }
        let moved = view.result.choice?.hoursMoved
        let difference = view.current == 0 && view.whatIf.entries.isEmpty
            ? "<p>\(Page.esc(text.noChange))</p>"
            : LiveFragments.difference(view.difference, title: text.changed, hoursMoved: moved, names: view.result.names, language: language)
        return [
            "summary": LiveFragments.summary(view.result, plan: view.current == 0 ? nil : view.plan, language: language),
            "charts": LiveFragments.charts(view.result, language: language),
            "coverage": LiveFragments.coverage(view.result, language: language),
            "difference": difference,
            "states": states.joined(separator: "\n"),
            "map": (try? view.whatIf.scenario(from: view.scenario.scenario)).map { LiveFragments.map(view.result, $0, language: language) } ?? "",
        ]
    }

    static func json(_ view: SessionView, language: Language, allowSave: Bool) -> [String: any Sendable] {
        ["html": html(view, language: language), "values": Page.values(view, language: language), "state": view.current,
         "can_undo": view.canUndo, "can_redo": view.canRedo, "status": view.result.status.rawValue, "headlines": view.hasHeadlines,
         "objective": view.result.objective ?? NSNull(), "attainment": view.result.attainment ?? NSNull()]
    }
}

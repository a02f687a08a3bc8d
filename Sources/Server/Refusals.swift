import Foundation
import Reporting

/// The refusal messages of a change in the page's language. The checks (ScenarioParameter, the
/// scenario file's rules) word them in English; the page in Dutch shows them in Dutch, next to the
/// control, with the parameter path and the values as they were. A message without a Dutch form
/// here is shown as it is.
enum Refusals {
    static func text(_ message: String, _ language: Language) -> String {
        guard language == .nl else { return message }
        // "KEY: rest", the key as given.
        var key = "", rest = message
        if let colon = message.range(of: ": "), !message[..<colon.lowerBound].contains(" ") {
            key = String(message[..<colon.lowerBound]) + ": "
            rest = String(message[colon.upperBound...])
        }
        for (pattern, dutch) in patterns {
            guard let match = rest.firstMatch(of: pattern) else { continue }
            return key + dutch(match.output.map { $0.substring.map(String.init) ?? "" })
        }
        return message
    }

    typealias Pattern = Regex<AnyRegexOutput>

    /// English message (the whole rest after "KEY: ") and its Dutch form from the captures.
    static var patterns: [(Pattern, ([String]) -> String)] { [
        (try! Regex(#"^(.+) is outside (.+)$"#), { "\($0[1]) ligt buiten \($0[2])" }),
        (try! Regex(#"^(.+) is not a finite number$"#), { "\($0[1]) is geen eindig getal" }),
        (try! Regex(#"^'(.*)' is not a number$"#), { "'\($0[1])' is geen getal" }),
        (try! Regex(#"^value must be a number$"#), { _ in "de waarde moet een getal zijn" }),
        (try! Regex(#"^no pool '(.+)'$"#), { "er is geen pool '\($0[1])'" }),
        (try! Regex(#"^no theme '(.+)'$"#), { "er is geen thema '\($0[1])'" }),
        (try! Regex(#"^no municipality '(.+)'$"#), { "er is geen gemeente '\($0[1])'" }),
        (try! Regex(#"^no presence rule for kind '(.+)'$"#), { "er is geen aanwezigheidsnorm voor soort '\($0[1])'" }),
        (try! Regex(#"^pool '(.+)' has no mutual_aid$"#), { "pool '\($0[1])' heeft geen mutual_aid" }),
        (try! Regex(#"^at (.+) the pool's capacity after claimed hours is negative$"#),
         { "bij \($0[1]) is de capaciteit van de pool na de geclaimde uren negatief" }),
        (try! Regex(#"^expected a whole number, found (.+)$"#), { "een geheel getal verwacht, gevonden: \($0[1])" }),
        (try! Regex(#"^expected 1 \(adopted\) or 0 \(dropped\), found (.+)$"#), { "1 (aangenomen) of 0 (laten vallen) verwacht, gevonden: \($0[1])" }),
        (try! Regex(#"^only a candidate or a local theme can be dropped or adopted here \('(.+)' is a (.+) theme\)$"#),
         { "alleen een kandidaat- of lokaal thema kan hier worden aangenomen of laten vallen ('\($0[1])' is een thema van niveau \($0[2]))" }),
        (try! Regex(#"^theme '(.+)' is still referenced by a limit of pool '(.+)', so it cannot be dropped$"#),
         { "thema '\($0[1])' wordt nog genoemd in een limiet van pool '\($0[2])' en kan dus niet vervallen" }),
        (try! Regex(#"^at least one theme must stay$"#), { _ in "er moet minstens één thema blijven" }),
        (try! Regex(#"^expected one of (.+)$"#), { "verwacht een van: \($0[1])" }),
        (try! Regex(#"^the changed scenario cannot be solved: (.+)$"#), { "het veranderde scenario is niet door te rekenen: \($0[1])" }),
        (try! Regex(#"^(.+) cannot be varied \((.+)\)$"#), { "\($0[1]) kan niet worden gevarieerd (\($0[2]))" }),
        (try! Regex(#"^unknown parameter \(e\.g\. (.+)\)$"#), { "onbekende parameter (bijvoorbeeld \($0[1]))" }),
        (try! Regex(#"^unknown level '(.+)' \((.+)\)$"#), { "onbekend niveau '\($0[1])' (\($0[2]))" }),
    ] }
}

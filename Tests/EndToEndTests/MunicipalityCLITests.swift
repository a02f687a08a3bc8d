import Foundation
import Testing

/// `ivp solve --municipality ID` and the map of the HTML report, through the built binary.
@Suite struct MunicipalityCLITests {
    static let bundled = "Scenarios/gooi-en-vechtstreek-2023.yaml"
    static let gooi = ["hilversum", "wijdemeren", "gooise-meren", "huizen", "blaricum", "laren"]

    @Test func larensPageStatesTheCommunityOfficerNormAndThatItBinds() throws {
        let dutch = try CLI.run(["solve", Self.bundled, "--municipality", "laren"])
        #expect(dutch.status == 0)
        #expect(dutch.stdout.hasPrefix("# IVP Gooi en Vechtstreek 2023-2026: Laren\n"))
        #expect(dutch.stdout.contains("CBS-code GM0417 · 11.440 inwoners · District Gooi en Vechtstreek"))
        #expect(dutch.stdout.contains("**Uren:** 13.418 uur, 1.173 per 1.000 inwoners; District Gooi en Vechtstreek als geheel: 1.198 per 1.000 inwoners."))
        #expect(dutch.stdout.contains("- **Wijkagentnorm:** minstens 2.224 uur wijkagenten (194,4 per 1.000 inwoners); Laren krijgt 2.224 uur. **Gehouden en bindend:** Laren krijgt precies de norm, geen uur meer."))
        #expect(!dutch.stdout.contains("Hilversum krijgt"))
        let english = try CLI.run(["solve", Self.bundled, "--municipality", "laren", "--lang", "en"])
        #expect(english.stdout.contains("- **Community-officer norm:** at least 2,224 hours of community officers (194.4 per 1,000 inhabitants); Laren gets 2,224 hours. **Holds and binds:** Laren gets exactly the norm, not an hour more."))
        #expect(english.stdout.contains("## What Laren gives up"))
    }

    @Test func aPageAsJSONAndAsHTML() throws {
        let json = try CLI.run(["solve", Self.bundled, "--municipality", "laren", "--format", "json"])
        #expect(json.status == 0)
        let page = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(page["cbs_code"] as? String == "GM0417")
        let promises = try #require(page["promises"] as? [[String: Any]])
        #expect(promises.contains { $0["kind"] as? String == "presence" && $0["binds"] as? Bool == true })
        let html = try CLI.run(["solve", Self.bundled, "--municipality", "laren", "--format", "html"])
        #expect(html.stdout.contains(#"<path class="highlight""#))
        #expect(html.stdout.contains("Wijkagentnorm"))
    }

    @Test func anUnknownMunicipalityIsAnErrorListingTheKnownOnes() throws {
        let output = try CLI.run(["solve", Self.bundled, "--municipality", "naarden"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("'naarden' is not a municipality of the scenario (hilversum, wijdemeren"))
        #expect(output.stdout.isEmpty)
        let csv = try CLI.run(["solve", Self.bundled, "--municipality", "laren", "--format", "csv"])
        #expect(csv.status != 0)
    }

    @Test func theHTMLReportDrawsEveryMunicipalityOnTheMapWithALegendAndTheCredit() throws {
        for language in ["nl", "en"] {
            let output = try CLI.run(["solve", Self.bundled, "--format", "html", "--lang", language])
            #expect(output.status == 0)
            let html = output.stdout
            // Attainment, hours per 1,000 inhabitants, and the 17 themes with a need as small multiples.
            let themes = html.components(separatedBy: #"<g class="panel" data-theme=""#).count - 1
            #expect(themes == 17)
            for id in Self.gooi {
                #expect(html.components(separatedBy: #"<path class="area" data-municipality="\#(id)""#).count - 1 == 2 + themes, "\(id)")
                #expect(html.contains(#"id="municipality-\#(id)""#), "\(id): its page")
            }
            #expect(html.contains(#"<svg class="map" id="map-attainment""#))
            #expect(html.contains(#"<svg class="map" id="map-hours-per-1000""#) && html.contains(#"<svg class="map" id="map-themes""#))
            // The bound on ondermijning between Hilversum and Laren binds (both at the 15-point gap of
            // the reviewed scenario: 80% and 65%): on the attainment map and on the theme's own.
            #expect(html.components(separatedBy: #"<g class="border binding" data-theme="ondermijning" data-municipalities="hilversum laren">"#).count == 3)
            #expect(html.contains(#"class="legend-entry""#))
            #expect(html.contains(language == "nl" ? "Bron: CBS, Kadaster (PDOK)" : "Source: CBS, Kadaster (PDOK)"))
            #expect(!html.contains(#"class="unmapped""#))
        }
    }

    @Test func aMunicipalityWithoutACodeIsListedBesideTheMap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Laren without its code; explicit neighbours, since `borders` needs every code.
        var text = try String(contentsOf: CLI.repository.appendingPathComponent(Self.bundled), encoding: .utf8)
        text = text.replacingOccurrences(of: ", cbs_code: GM0417}", with: "}")
        text = text.replacingOccurrences(of: "neighbours: borders", with: "neighbours: [[laren, blaricum], [laren, hilversum]]")
        let file = folder.appendingPathComponent("gooi.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["solve", file.path, "--format", "html"])
        #expect(output.status == 0)
        #expect(!output.stdout.contains(#"data-municipality="laren""#))
        #expect(output.stdout.contains(#"<p class="unmapped">Niet op de kaart (geen CBS-code in het scenario): Laren ("#))
    }

    @Test func aPopulationFarFromCBSIsAWarningOnStandardError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-warn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOf: CLI.repository.appendingPathComponent(Self.bundled), encoding: .utf8)
        text = text.replacingOccurrences(of: "population: 11440", with: "population: 14000")
        let file = folder.appendingPathComponent("gooi.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["validate", file.path])
        #expect(output.status == 0)
        #expect(output.stderr.contains("municipalities[5].population: warning: 14000 inhabitants is 22% above the CBS figure for GM0417 Laren (NH.)"))
    }

    // MARK: What a what-if changes for one municipality

    @Test func aComparePageForOneMunicipalityWithHandCheckedHours() throws {
        let output = try CLI.run(["compare", Self.bundled, "Scenarios/gooi-zuid-capaciteit-min-10.yaml", "--municipality", "hilversum"])
        #expect(output.status == 0)
        let page = output.stdout
        #expect(page.hasPrefix("# Hilversum: wat verandert er\n\nCBS-code GM0402 · 94.426 inwoners · District Gooi en Vechtstreek\n"))
        // The stable difference (`ivp compare --format json`): Hilversum 122,283 → 114,050 hours;
        // per 1,000 of 94,426 inhabitants 122,283 / 94.426 = 1,295.0 → 114,050 / 94.426 = 1,207.8.
        #expect(page.contains("- **Uren:** 122.283 → 114.050 uur (−8.233); 1.295 → 1.208 per 1.000 inwoners."))
        // Digitale veiligheid: Gooi Zuid's cut takes Hilversum from 80% to 50% coverage.
        #expect(page.contains("| Digitale veiligheid (weerbaarheid, voorlichting, districtelijke structuur) | 9.409 | 5.941 | −3.468 | 80% | 50% |"))
        #expect(page.contains("| Drugshandel op straat (Hilversum) | 16.000 | 16.000 | – | 80% | 80% |"))
        // −3,042 (ondermijning) − 3,468 − 829 (mensenhandel) − 1,889 (verkeer) + 239 + 755 = −8,234,
        // −8,233 from the unrounded hours.
        #expect(page.contains("| **Totaal** | **122.283** | **114.050** | **−8.233** |  |  |"))
        #expect(page.contains("- **Nu:** **Waterbedgrens voor Georganiseerde ondermijnende criminaliteit met Wijdemeren:** de dekking verschilt hoogstens 15 procentpunt; Hilversum 80%, Wijdemeren 65%. **Gehouden en bindend:** het verschil staat op de grens."))
        #expect(page.contains("(In de basis: gehouden, met ruimte.)"))
        #expect(!page.contains("Laren krijgt"))

        let html = try CLI.run(["compare", Self.bundled, "Scenarios/gooi-zuid-capaciteit-min-10.yaml", "Scenarios/crisis-opvang.yaml",
                                "--municipality", "laren", "--format", "html", "--lang", "en"])
        #expect(html.status == 0)
        #expect(html.stdout.contains("<h1>Laren: what changes</h1>"))
        #expect(html.stdout.contains(#"<section id="variant-2" data-municipality-page="laren">"#))
        #expect(html.stdout.contains("<caption>Hours per theme, before and after</caption>"))
    }

    @Test func aComparePageNeedsAMunicipalityOfTheBaseAndAPageFormat() throws {
        let unknown = try CLI.run(["compare", Self.bundled, "Scenarios/crisis-opvang.yaml", "--municipality", "naarden"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--municipality: 'naarden' is not a municipality of \(Self.bundled) (hilversum, wijdemeren"))
        #expect(unknown.stdout.isEmpty)
        let csv = try CLI.run(["compare", Self.bundled, "Scenarios/crisis-opvang.yaml", "--municipality", "laren", "--format", "csv"])
        #expect(csv.status != 0 && csv.stderr.contains("--municipality prints a page in markdown or html, not csv"))
    }

    @Test func theTradeOffReportsMapEveryMunicipality() throws {
        let compare = try CLI.run(["compare", Self.bundled, "Scenarios/gooi-zuid-capaciteit-min-10.yaml", "--format", "html"])
        let sweep = try CLI.run(["sweep", Self.bundled, "--vary", "reserve", "--values", "0,0.1", "--format", "html"])
        for (output, map) in [(compare, "map-change-1"), (sweep, "map-sweep-change")] {
            #expect(output.status == 0)
            #expect(output.stdout.contains(#"<svg class="map" id="\#(map)""#))
            for id in Self.gooi { #expect(output.stdout.components(separatedBy: #"data-municipality="\#(id)""#).count == 2, "\(map) \(id)") }
        }
        // Hilversum loses 8,233 hours when Gooi Zuid loses 10% (the page above).
        #expect(compare.stdout.contains("<title>Hilversum: −8.233 uur</title>"))
    }
}

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
            for id in Self.gooi {
                #expect(html.components(separatedBy: #"<path class="area" data-municipality="\#(id)""#).count == 2, "\(id)")
                #expect(html.contains(#"id="municipality-\#(id)""#), "\(id): its page")
            }
            #expect(html.contains(#"<svg class="map" id="map-attainment""#))
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
}

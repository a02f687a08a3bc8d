import Foundation
import Testing
@testable import CapacityAllocation

/// One test per validation rule of DESIGN.md section 3, each with the exact diagnostic expected.
/// Every case is a one-line edit of `ValidationTests.base`, so that the line numbers are easy to check.
@Suite struct ValidationTests {
    static let file = "test.yaml"

    /// A small valid scenario. Line numbers in the tests below refer to this text (line 1 is `name:`).
    static let base = """
        name: Klein
        hours_per_fte: 1000
        reserve: 0.1
        level_weights: {district: 1.0, local: 0.9}
        units:
          - {id: unit-a, name: Unit A}
        districts:
          - {id: district-a, name: District A, unit: unit-a}
        base_teams:
          - {id: team-a, name: Team A, district: district-a}
        municipalities:
          - {id: alpha, name: Alpha, base_team: team-a, population: 10000}
          - {id: beta, name: Beta, base_team: team-a, population: 5000}
        pools:
          - id: team-a-general
            name: Team A general
            at: team-a
            kind: general
            fte: 10
            availability: 0.9
            claimed_hours: 1000
        themes:
          - id: drugs
            name: Drugs
            level: district
            adopted_by: [district-a]
            kinds: {general: 1.0}
            need: {per_1000_inhabitants: 100}
            severity: {alpha: 1.2}
          - id: youth
            name: Youth
            level: local
            adopted_by: [alpha]
            kinds: {general: 0.8}
            need: {by_municipality: {alpha: 500}}
        """

    /// The same scenario as JSON, laid out one value per line so that lines can be checked.
    static let json = """
        {
          "name": "Klein",
          "hours_per_fte": 1000,
          "reserve": 0.1,
          "level_weights": {
            "district": 1.0,
            "local": 0.9
          },
          "units": [
            {
              "id": "unit-a",
              "name": "Unit A"
            }
          ],
          "districts": [
            {
              "id": "district-a",
              "name": "District A",
              "unit": "unit-a"
            }
          ],
          "base_teams": [
            {
              "id": "team-a",
              "name": "Team A",
              "district": "district-a"
            }
          ],
          "municipalities": [
            {
              "id": "alpha",
              "name": "Alpha",
              "base_team": "team-a",
              "population": 10000
            },
            {
              "id": "beta",
              "name": "Beta",
              "base_team": "team-a",
              "population": 5000
            }
          ],
          "pools": [
            {
              "id": "team-a-general",
              "name": "Team A general",
              "at": "team-a",
              "kind": "general",
              "fte": 10,
              "availability": 0.9,
              "claimed_hours": 1000
            }
          ],
          "themes": [
            {
              "id": "drugs",
              "name": "Drugs",
              "level": "district",
              "adopted_by": ["district-a"],
              "kinds": {"general": 1.0},
              "need": {"per_1000_inhabitants": 100},
              "severity": {"alpha": 1.2}
            },
            {
              "id": "youth",
              "name": "Youth",
              "level": "local",
              "adopted_by": ["alpha"],
              "kinds": {"general": 0.8},
              "need": {"by_municipality": {"alpha": 500}}
            }
          ]
        }
        """

    // MARK: Helpers

    /// `text` with some lines (1-based) replaced; an empty replacement list deletes the line.
    static func edited(_ replacements: [Int: [String]], in text: String = base) -> String {
        var lines = text.components(separatedBy: "\n")
        for (line, replacement) in replacements.sorted(by: { $0.key > $1.key }) {
            lines.replaceSubrange((line - 1)...(line - 1), with: replacement)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with `line` replaced by one new line.
    static func replacing(_ line: Int, with newLine: String, in text: String = base) -> String {
        edited([line: [newLine]], in: text)
    }

    /// `text` with `newLines` inserted after line `line`.
    static func inserting(_ newLines: [String], after line: Int, in text: String = base) -> String {
        let lines = text.components(separatedBy: "\n")
        return edited([line: [lines[line - 1]] + newLines], in: text)
    }

    /// The diagnostics of loading `text`; records an issue when it loads.
    static func problems(_ text: String, file: String = file, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(text: text, name: file)
            Issue.record("expected the scenario to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func diagnostic(_ line: Int?, _ path: String, _ message: String, file: String = file) -> Diagnostic {
        Diagnostic(file: file, path: path, line: line, message: message)
    }

    // MARK: The base texts are valid

    @Test func baseScenarioLoads() throws {
        let scenario = try ScenarioLoader.load(text: Self.base, name: Self.file)
        #expect(scenario.name == "Klein")
        #expect(scenario.municipalities.map(\.id) == ["alpha", "beta"])
        #expect(scenario.pools.map(\.id) == ["team-a-general"])
        #expect(scenario.themes.map(\.id) == ["drugs", "youth"])
        #expect(scenario.pools[0].capacity == 10 * 1000 * 0.9 - 1000)
    }

    @Test func jsonScenarioLoadsTheSameScenarioAsYAML() throws {
        let yaml = try ScenarioLoader.load(text: Self.base, name: "klein.yaml")
        let json = try ScenarioLoader.load(text: Self.json, name: "klein.json")
        #expect(json.name == yaml.name)
        #expect(json.description == yaml.description)
        #expect(json.levelWeights == yaml.levelWeights)
        #expect(json.nodes == yaml.nodes)
        #expect(json.neighbours.map { [$0.0, $0.1] } == yaml.neighbours.map { [$0.0, $0.1] })
        #expect(json.pools == yaml.pools)
        #expect(json.presence == yaml.presence)
        #expect(json.themes == yaml.themes)
        #expect(json.maxSelectedPerMunicipality == yaml.maxSelectedPerMunicipality)
        #expect(json.sources.map(\.path) == ["klein.json"])
    }

    // MARK: Ids and references

    @Test func unknownIDReference() {
        let text = Self.replacing(10, with: "  - {id: team-a, name: Team A, district: district-x}")
        #expect(Self.problems(text) == [
            Self.diagnostic(10, "base_teams[0].district", "unknown id 'district-x' (expected a district)"),
        ])
    }

    @Test func duplicateID() {
        let text = Self.replacing(13, with: "  - {id: alpha, name: Beta, base_team: team-a, population: 5000}")
        #expect(Self.problems(text) == [
            Self.diagnostic(13, "municipalities[1].id", "duplicate id 'alpha' (also used at municipalities[0])"),
        ])
    }

    @Test func duplicateIDAcrossLists() {
        let text = Self.replacing(23, with: "  - id: alpha")
        let problems = Self.problems(text)
        #expect(problems.first == Self.diagnostic(23, "themes[0].id", "duplicate id 'alpha' (also used at municipalities[0])"))
    }

    @Test func referenceToANodeOfTheWrongType() {
        let text = Self.replacing(10, with: "  - {id: team-a, name: Team A, district: alpha}")
        #expect(Self.problems(text) == [
            Self.diagnostic(10, "base_teams[0].district", "'alpha' is a municipality, expected a district"),
        ])
    }

    @Test func poolAtAThemeIsTheWrongType() {
        let text = Self.replacing(17, with: "    at: drugs")
        #expect(Self.problems(text) == [
            Self.diagnostic(17, "pools[0].at", "'drugs' is a theme, expected a unit, district, base team or municipality"),
        ])
    }

    // MARK: Numbers

    @Test func negativeNumber() {
        let text = Self.replacing(19, with: "    fte: -10")
        #expect(Self.problems(text) == [Self.diagnostic(19, "pools[0].fte", "-10 is negative")])
    }

    @Test func infiniteNumber() {
        let text = Self.replacing(19, with: "    fte: .inf")
        #expect(Self.problems(text) == [Self.diagnostic(19, "pools[0].fte", "'.inf' is not a finite number")])
    }

    @Test func notANumber() {
        let text = Self.replacing(12, with: "  - {id: alpha, name: Alpha, base_team: team-a, population: .nan}")
        #expect(Self.problems(text) == [
            Self.diagnostic(12, "municipalities[0].population", "'.nan' is not a finite number"),
        ])
    }

    @Test func jsonNumberTooLargeForADoubleIsNotFinite() {
        // 1e999 overflows a Double to infinity; the message says what the user wrote is too large.
        let text = Self.replacing(49, with: "      \"fte\": 1e999,", in: Self.json)
        #expect(Self.problems(text, file: "test.json") == [
            Self.diagnostic(49, "pools[0].fte", "'1e999' is too large (at most 1000000000)", file: "test.json"),
        ])
    }

    @Test func longNumberIsAbbreviatedInTheMessage() {
        let text = Self.replacing(19, with: "    fte: 1" + String(repeating: "0", count: 400))
        #expect(Self.problems(text) == [
            Self.diagnostic(19, "pools[0].fte", "'1000000000000000000000000000000000000…' is too large (at most 1000000000)"),
        ])
    }

    @Test func tinyNumberIsRejectedBeforeItBreaksTheSolver() {
        // A population of 1e-300 once made GLPK's scaling abort the whole process.
        let text = Self.replacing(13, with: "  - {id: beta, name: Beta, base_team: team-a, population: 1e-300}")
        #expect(Self.problems(text) == [
            Self.diagnostic(13, "municipalities[1].population", "1e-300 is too small (give 0 or at least 0.000000001)"),
        ])
    }

    @Test func hugeNumberIsShownWithoutExponentWhenWhole() {
        let text = Self.replacing(19, with: "    fte: 1e15")
        #expect(Self.problems(text) == [
            Self.diagnostic(19, "pools[0].fte", "1000000000000000 is too large (at most 1000000000)"),
        ])
    }

    @Test func hugeNumberIsRejectedBeforeItOverflowsTheModel() {
        let text = Self.replacing(19, with: "    fte: 1e308")
        #expect(Self.problems(text) == [
            Self.diagnostic(19, "pools[0].fte", "1e+308 is too large (at most 1000000000)"),
        ])
    }

    @Test(arguments: ["1", "1.5", "-0.1"])
    func reserveOutsideItsRange(value: String) {
        let text = Self.replacing(3, with: "reserve: \(value)")
        #expect(Self.problems(text) == [Self.diagnostic(3, "reserve", "\(value) is outside [0, 1)")])
    }

    @Test func poolReserveOutsideItsRange() {
        let text = Self.inserting(["    reserve: 1"], after: 21)
        #expect(Self.problems(text) == [Self.diagnostic(22, "pools[0].reserve", "1 is outside [0, 1)")])
    }

    @Test(arguments: ["1.5", "-0.2"])
    func availabilityOutsideItsRange(value: String) {
        let text = Self.replacing(20, with: "    availability: \(value)")
        #expect(Self.problems(text) == [Self.diagnostic(20, "pools[0].availability", "\(value) is outside [0, 1]")])
    }

    @Test func availabilityOfExactlyOneIsAllowed() throws {
        let scenario = try ScenarioLoader.load(text: Self.replacing(20, with: "    availability: 1"), name: Self.file)
        #expect(scenario.pools[0].availability == 1)
    }

    // MARK: Returns

    @Test func returnSharesNotSummingToOne() {
        let text = Self.inserting(["returns:", "  - {share: 0.5, value: 1.0}", "  - {share: 0.3, value: 0.5}"], after: 4)
        #expect(Self.problems(text) == [Self.diagnostic(6, "returns", "the shares sum to 0.8, not 1")])
    }

    @Test func returnSharesSumIsShownRounded() {
        // 0.1 + 0.2 + 0.6 is 0.9000000000000001 in binary floating point.
        let text = Self.inserting(["returns: [{share: 0.1, value: 1}, {share: 0.2, value: 1}, {share: 0.6, value: 1}]"], after: 4)
        #expect(Self.problems(text) == [Self.diagnostic(5, "returns", "the shares sum to 0.9, not 1")])
    }

    @Test func returnSharesWithinToleranceAreAccepted() throws {
        let text = Self.inserting(["returns: [{share: 0.7, value: 1}, {share: 0.2, value: 0.5}, {share: 0.1, value: 0.2}]"], after: 4)
        let scenario = try ScenarioLoader.load(text: text, name: Self.file)
        #expect(scenario.themes[0].returns.count == 3)
    }

    @Test func returnValuesIncreasing() {
        let text = Self.inserting(["returns:", "  - {share: 0.5, value: 0.5}", "  - {share: 0.5, value: 1.0}"], after: 4)
        #expect(Self.problems(text) == [
            Self.diagnostic(7, "returns[1].value", "values must never increase: 1 follows 0.5"),
        ])
    }

    @Test func themeReturnValuesIncreasing() {
        let text = Self.inserting(["    returns: [{share: 0.5, value: 0.2}, {share: 0.5, value: 0.3}]"], after: 29)
        #expect(Self.problems(text) == [
            Self.diagnostic(30, "themes[0].returns[1].value", "values must never increase: 0.3 follows 0.2"),
        ])
    }

    // MARK: Pools

    @Test func poolCapacityAfterClaimedHoursNegative() {
        let text = Self.replacing(21, with: "    claimed_hours: 20000")
        #expect(Self.problems(text) == [
            Self.diagnostic(21, "pools[0].claimed_hours",
                            "the pool's capacity after claimed hours is negative: 10 FTE × 1000 h × 0.9 − 20000 = -11000 hours"),
        ])
    }

    // MARK: Themes

    @Test func themeWithNoKinds() {
        let text = Self.replacing(27, with: "    kinds: {}")
        #expect(Self.problems(text) == [
            Self.diagnostic(27, "themes[0].kinds", "a theme needs at least one kind of capacity"),
        ])
    }

    @Test func themeWithNullKinds() {
        let text = Self.replacing(27, with: "    kinds:")
        #expect(Self.problems(text) == [
            Self.diagnostic(27, "themes[0].kinds", "a theme needs at least one kind of capacity"),
        ])
    }

    @Test func perThousandInhabitantsWithAMunicipalityWithoutPopulation() {
        let text = Self.replacing(13, with: "  - {id: beta, name: Beta, base_team: team-a}")
        #expect(Self.problems(text) == [
            Self.diagnostic(28, "themes[0].need.per_1000_inhabitants", "needs a population for beta, which has none"),
        ])
    }

    @Test func perThousandInhabitantsOnlyNeedsPopulationsWhereTheThemeApplies() throws {
        // `youth` is adopted by alpha only and counts by municipality; drugs covers beta, so give it hours.
        let text = Self.edited([
            13: ["  - {id: beta, name: Beta, base_team: team-a}"],
            28: ["    need: {by_municipality: {alpha: 100, beta: 50}}"],
        ])
        let scenario = try ScenarioLoader.load(text: text, name: Self.file)
        #expect(scenario.municipalities[1].population == nil)
    }

    @Test func invalidPopulationIsReportedOnceNotAlsoAsMissing() {
        let text = Self.replacing(13, with: "  - {id: beta, name: Beta, base_team: team-a, population: many}")
        #expect(Self.problems(text) == [
            Self.diagnostic(13, "municipalities[1].population", "expected a number, found the value 'many'"),
        ])
    }

    @Test(arguments: ["1.5", "-0.1"])
    func minimumOutsideZeroOne(value: String) {
        let text = Self.inserting(["    minimum: \(value)"], after: 28)
        #expect(Self.problems(text) == [Self.diagnostic(29, "themes[0].minimum", "\(value) is outside [0, 1]")])
    }

    @Test(arguments: ["2", "-0.5"])
    func minEffortOutsideZeroOne(value: String) {
        let text = Self.inserting(["    min_effort: \(value)"], after: 28)
        #expect(Self.problems(text) == [Self.diagnostic(29, "themes[0].min_effort", "\(value) is outside [0, 1]")])
    }

    @Test func unknownLevel() {
        let text = Self.replacing(25, with: "    level: county")
        #expect(Self.problems(text) == [
            Self.diagnostic(25, "themes[0].level",
                            "unknown level 'county' (expected national, regional, district, base_team or local)"),
        ])
    }

    @Test func bothPerThousandAndByMunicipality() {
        let text = Self.replacing(28, with: "    need: {per_1000_inhabitants: 100, by_municipality: {alpha: 5}}")
        #expect(Self.problems(text) == [
            Self.diagnostic(28, "themes[0].need", "give either per_1000_inhabitants or by_municipality, not both"),
        ])
    }

    @Test func neitherPerThousandNorByMunicipality() {
        let text = Self.replacing(28, with: "    need: {}")
        #expect(Self.problems(text) == [
            Self.diagnostic(28, "themes[0].need", "give either per_1000_inhabitants or by_municipality"),
        ])
    }

    // MARK: Types and syntax

    @Test func textWhereANumberIsExpected() {
        let text = Self.replacing(19, with: "    fte: ten")
        #expect(Self.problems(text) == [Self.diagnostic(19, "pools[0].fte", "expected a number, found the value 'ten'")])
    }

    @Test func quotedNumberIsText() {
        let text = Self.replacing(19, with: "    fte: \"10\"")
        #expect(Self.problems(text) == [Self.diagnostic(19, "pools[0].fte", "expected a number, found the text \"10\"")])
    }

    @Test func listWhereAMappingIsExpected() {
        let text = Self.replacing(27, with: "    kinds: [general]")
        #expect(Self.problems(text) == [
            Self.diagnostic(27, "themes[0].kinds", "expected a mapping of kind to efficiency, found a list"),
        ])
    }

    @Test func listWhereAMappingIsExpectedAtTheTop() {
        let text = Self.replacing(4, with: "level_weights: [district, local]")
        #expect(Self.problems(text) == [Self.diagnostic(4, "level_weights", "expected a mapping, found a list")])
    }

    @Test func mappingWhereAListIsExpected() {
        let text = Self.replacing(26, with: "    adopted_by: {district-a: 1}")
        #expect(Self.problems(text) == [Self.diagnostic(26, "themes[0].adopted_by", "expected a list, found a mapping")])
    }

    @Test func malformedYAMLSyntaxHasALine() {
        // The flow mapping opened on line 27 is never closed; the parser notices on the next line.
        let text = Self.replacing(27, with: "    kinds: {general: 1.0")
        #expect(Self.problems(text) == [
            Self.diagnostic(28, "", "not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping that starts on line 27)"),
        ])
    }

    @Test func malformedYAMLMappingValue() {
        let text = Self.replacing(19, with: "    fte: 10: 3")
        #expect(Self.problems(text) == [
            Self.diagnostic(19, "", "not valid YAML: mapping values are not allowed in this context"),
        ])
    }

    @Test func controlCharacterIsReportedWithItsLine() {
        let text = Self.replacing(6, with: "  - {id: unit-a, name: Unit \u{1}A}")
        #expect(Self.problems(text) == [Self.diagnostic(6, "", "cannot read: control characters are not allowed")])
    }

    @Test func duplicateKey() {
        let text = Self.inserting(["    fte: 3"], after: 19)
        #expect(Self.problems(text) == [Self.diagnostic(19, "", "duplicate keys: fte")])
    }

    @Test func emptyFile() {
        #expect(Self.problems("") == [Self.diagnostic(1, "", "the file is empty")])
    }

    @Test func scenarioThatIsNotAMapping() {
        #expect(Self.problems("- a\n- b\n") == [
            Self.diagnostic(1, "", "a scenario must be a mapping of keys, found a list"),
        ])
    }

    @Test func malformedJSONHasALine() {
        let text = Self.replacing(49, with: "      \"fte\": 10", in: Self.json)
        let problems = Self.problems(text, file: "test.json")
        #expect(problems.count == 1)
        #expect(problems.first?.file == "test.json")
        #expect(problems.first?.line == 50)
        #expect(problems.first?.message.hasPrefix("not valid YAML: did not find expected ',' or '}'") == true)
    }

    @Test func jsonTypeErrorCarriesItsLine() {
        let text = Self.replacing(40, with: "      \"population\": \"many\"", in: Self.json)
        #expect(Self.problems(text, file: "test.json") == [
            Self.diagnostic(40, "municipalities[1].population", "expected a number, found the text \"many\"", file: "test.json"),
        ])
    }

    // MARK: Keys

    @Test func unknownKeyTypo() {
        let text = Self.replacing(19, with: "    fet: 10")
        #expect(Self.problems(text) == [
            Self.diagnostic(19, "pools[0].fet",
                            "unknown key 'fet' (expected one of: at, availability, claimed_hours, fte, hours_per_fte, id, kind, limits, mutual_aid, name, reserve)"),
            Self.diagnostic(15, "pools[0].fte", "is required"),
        ])
    }

    @Test func unknownTopLevelKey() {
        let text = Self.replacing(3, with: "reserv: 0.1")
        let problems = Self.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.path == "reserv")
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message.hasPrefix("unknown key 'reserv' (expected one of: base_teams, description,") == true)
    }

    @Test func missingName() {
        let text = Self.edited([1: []])
        #expect(Self.problems(text) == [Self.diagnostic(1, "name", "is required")])
    }

    @Test func missingPoolFTE() {
        let text = Self.edited([19: []])
        #expect(Self.problems(text) == [Self.diagnostic(15, "pools[0].fte", "is required")])
    }

    @Test func missingThemeNeed() {
        let text = Self.edited([28: []])
        #expect(Self.problems(text) == [Self.diagnostic(23, "themes[0].need", "is required")])
    }

    @Test func missingHoursPerFTE() {
        let text = Self.edited([2: []])
        #expect(Self.problems(text) == [
            Self.diagnostic(14, "pools[0].hours_per_fte", "is required (the file sets no default hours_per_fte)"),
        ])
    }

    @Test func hoursPerFTEOnThePoolIsEnough() throws {
        let text = Self.edited([2: [], 19: ["    fte: 10", "    hours_per_fte: 1200"]])
        let scenario = try ScenarioLoader.load(text: text, name: Self.file)
        #expect(scenario.pools[0].hoursPerFTE == 1200)
    }

    // MARK: Several errors

    @Test func severalErrorsAreAllReportedInOrder() {
        let text = Self.edited([
            3: ["reserve: 1.5"],
            10: ["  - {id: team-a, name: Team A, district: nowhere}"],
            19: ["    fte: -1"],
            25: ["    level: county"],
            34: ["    kinds: {general: abc}"],
        ])
        let problems = Self.problems(text)
        #expect(problems.count == 5)
        #expect(problems == [
            Self.diagnostic(3, "reserve", "1.5 is outside [0, 1)"),
            Self.diagnostic(10, "base_teams[0].district", "unknown id 'nowhere' (expected a district)"),
            Self.diagnostic(19, "pools[0].fte", "-1 is negative"),
            Self.diagnostic(25, "themes[0].level",
                            "unknown level 'county' (expected national, regional, district, base_team or local)"),
            Self.diagnostic(34, "themes[1].kinds.general", "expected a number, found the value 'abc'"),
        ])
    }

    @Test func severalLevelWeightProblemsComeInFileOrder() {
        let text = Self.replacing(4, with: "level_weights: {local: -1, district: x, county: 1}")
        #expect(Self.problems(text) == [
            Self.diagnostic(4, "level_weights.county",
                            "unknown key 'county' (expected one of: base_team, district, local, national, regional)"),
            Self.diagnostic(4, "level_weights.local", "-1 is negative"),
            Self.diagnostic(4, "level_weights.district", "expected a number, found the value 'x'"),
        ])
    }

    @Test func errorDescriptionIsFileLinePathMessage() {
        let text = Self.replacing(19, with: "    fte: -10")
        do {
            _ = try ScenarioLoader.load(text: text, name: Self.file)
            Issue.record("expected the scenario to be rejected")
        } catch {
            #expect(error.description == "test.yaml:19: pools[0].fte: -10 is negative")
        }
        #expect(Self.diagnostic(nil, "", "the file is empty").description == "test.yaml: the file is empty")
    }
}

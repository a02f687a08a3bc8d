import Foundation

/// Which real municipalities `ivp generate --real` takes: all 342 of 2024, or those of one police
/// unit.
public enum RealScope: Sendable, Equatable {
    case nation
    /// A police unit by its CBS code (`RE03`).
    case unit(String)

    /// Reads `nation`, or `region` with a unit given by code (`RE03`) or name (`Midden-Nederland`,
    /// any case, spaces or hyphens). The error names what is accepted.
    public static func parse(_ words: [String], geography: Geography = .shared) throws -> RealScope {
        switch words.first {
        case "nation" where words.count == 1:
            return .nation
        case "region" where words.count == 2:
            let wanted = ScenarioGenerator.slug(words[1])
            if let code = geography.units.keys.sorted().first(where: {
                ScenarioGenerator.slug($0) == wanted || ScenarioGenerator.slug(geography.units[$0]!) == wanted
            }) {
                return .unit(code)
            }
            let known = geography.units.keys.sorted().map { "\($0) (\(geography.units[$0]!))" }.joined(separator: ", ")
            throw RealScopeError(message: "unknown police unit '\(words[1])'; expected one of \(known)")
        default:
            throw RealScopeError(message: "--real takes `nation` or `region UNIT` (e.g. `region RE03`), not '\(words.joined(separator: " "))'")
        }
    }
}

public struct RealScopeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension ScenarioGenerator {
    /// A scenario on the real municipalities of 2024 (CBS codes, populations on 1 January 2024,
    /// police units and land borders from the built-in geography), with districts and base teams
    /// drawn up by `realLayout` and the pools and themes of the synthetic generator.
    public init(real scope: RealScope, seed: UInt64 = 1, geography: Geography = .shared) {
        let count = scope == .nation ? geography.municipalities.count
            : geography.municipalities.filter { $0.unit == scope.unitCode }.count
        self.init(municipalities: count, seed: seed)
        real = scope
    }

    /// Districts per unit: one for about this many municipalities (43 in the Netherlands of 2024
    /// for 342 municipalities).
    static let municipalitiesPerDistrict = 8.0
    /// A base team grows by neighbours until it serves this many inhabitants (the Dutch police has
    /// about 170 base teams for 17.9 million inhabitants) or holds `maximumTeamSize` municipalities.
    static let baseTeamInhabitants = 80_000
    static let maximumTeamSize = 4

    /// The organisation over the real municipalities. The units are real. Districts and base
    /// teams are not public in this form, so they are drawn up here, the same way every time:
    /// - per unit, round(municipalities / 8) districts (at least one), centred on its most populous
    ///   municipalities that do not border an earlier centre; the districts then take, in turn, one
    ///   bordering municipality of their unit each (the one with the lowest CBS code), so they are
    ///   contiguous and of even size; a municipality with no land route (an island) joins the
    ///   district whose centre is nearest;
    /// - per district, from the most populous municipality down, a base team takes its bordering
    ///   municipalities of the district, the least populous first, until it serves 80,000
    ///   inhabitants or holds four municipalities.
    func realLayout(_ scope: RealScope, geography: Geography) -> Layout {
        let chosen = geography.municipalities.filter { scope == .nation || $0.unit == scope.unitCode }
        let unitCodes = Array(Set(chosen.map(\.unit))).sorted()
        var layout = Layout(units: [], districts: [], districtUnit: [], baseTeams: [], baseTeamDistrict: [], municipalities: [])
        var usedIDs = Set<String>()
        func uniqueID(_ base: String, _ code: String) -> String {
            let id = usedIDs.contains(base) ? "\(base)-\(code.lowercased())" : base
            usedIDs.insert(id)
            return id
        }
        let ids = Dictionary(uniqueKeysWithValues: chosen.map { ($0.code, uniqueID(Self.slug($0.name), $0.code)) })
        let byCode = Dictionary(uniqueKeysWithValues: chosen.map { ($0.code, $0) })

        for unitCode in unitCodes {
            let unitName = geography.units[unitCode] ?? unitCode
            let unitIndex = layout.units.count
            layout.units.append(("eenheid-\(Self.slug(unitName))", "Eenheid \(unitName)"))
            let members = chosen.filter { $0.unit == unitCode }.map(\.code)   // in CBS code order
            let inUnit = Set(members)
            func neighbours(_ code: String) -> [String] { byCode[code]!.neighbours.filter { inUnit.contains($0) }.sorted() }

            // District centres: the most populous first, skipping those bordering a centre.
            let districtCount = max(1, Int((Double(members.count) / Self.municipalitiesPerDistrict).rounded()))
            let byPopulation = members.sorted { (byCode[$0]!.population, $1) > (byCode[$1]!.population, $0) }
            var centres: [String] = []
            for code in byPopulation where centres.count < districtCount {
                if !centres.contains(where: { neighbours($0).contains(code) }) { centres.append(code) }
            }
            for code in byPopulation where centres.count < districtCount && !centres.contains(code) { centres.append(code) }

            // Grow the districts in turn, one bordering municipality each.
            var district: [String: Int] = [:]
            var districtMembers: [[String]] = centres.map { [$0] }
            for (index, centre) in centres.enumerated() { district[centre] = index }
            func distance(_ code: String, from centre: String) -> Double {
                let a = byCode[code]!.label, b = byCode[centre]!.label
                // Degrees of longitude are about 0.61 of a degree of latitude at 52° N.
                let x = (a.longitude - b.longitude) * 0.61, y = a.latitude - b.latitude
                return x * x + y * y
            }
            var grew = true
            while grew {
                grew = false
                for index in districtMembers.indices {
                    let frontier = Set(districtMembers[index].flatMap(neighbours).filter { district[$0] == nil })
                        .min { (distance($0, from: centres[index]), $0) < (distance($1, from: centres[index]), $1) }
                    if let next = frontier {
                        district[next] = index
                        districtMembers[index].append(next)
                        grew = true
                    }
                }
            }
            for code in members where district[code] == nil {
                let nearest = centres.indices.min { (distance(code, from: centres[$0]), $0) < (distance(code, from: centres[$1]), $1) }!
                district[code] = nearest
                districtMembers[nearest].append(code)
            }

            for (index, centre) in centres.enumerated() {
                let districtIndex = layout.districts.count
                layout.districts.append(("district-\(ids[centre]!)", "District \(byCode[centre]!.name)"))
                layout.districtUnit.append(unitIndex)
                let inDistrict = Set(districtMembers[index])
                var team: [String: Int] = [:]
                let ordered = districtMembers[index].sorted { (byCode[$0]!.population, $1) > (byCode[$1]!.population, $0) }
                for first in ordered where team[first] == nil {
                    let teamIndex = layout.baseTeams.count
                    var teamMembers = [first]
                    team[first] = teamIndex
                    var population = byCode[first]!.population
                    while population < Self.baseTeamInhabitants, teamMembers.count < Self.maximumTeamSize {
                        let candidates = teamMembers.flatMap(neighbours).filter { inDistrict.contains($0) && team[$0] == nil }
                        guard let next = candidates.min(by: { (byCode[$0]!.population, $0) < (byCode[$1]!.population, $1) }) else { break }
                        team[next] = teamIndex
                        teamMembers.append(next)
                        population += byCode[next]!.population
                    }
                    layout.baseTeams.append(("basisteam-\(ids[first]!)", "Basisteam \(byCode[first]!.name)", population))
                    layout.baseTeamDistrict.append(districtIndex)
                    for code in teamMembers.sorted() {
                        let municipality = byCode[code]!
                        layout.municipalities.append(Municipality(id: ids[code]!, name: municipality.name,
                                                                  population: municipality.population,
                                                                  baseTeam: teamIndex, cbsCode: code))
                    }
                }
            }
        }
        return layout
    }

    func realYAML(_ scope: RealScope, geography: Geography = .shared) -> String {
        var random = SplitMix64(seed: seed)
        let layout = realLayout(scope, geography: geography)
        let count = layout.municipalities.count
        let (units, districts, teams) = (layout.units.count, layout.districts.count, layout.baseTeams.count)
        let what = scope == .nation ? "nation" : "region \(scope.unitCode!)"
        var out = YAMLWriter()
        out.line("# Generated by `ivp generate --real \(what)` (seed \(seed)): the \(count) real municipalities of 2024")
        out.line("# with their CBS codes, inhabitants on 1 January 2024 and police units, and their real land")
        out.line("# borders (`neighbours: borders`). Bron: CBS, Kadaster (PDOK).")
        out.line("# Synthetic: the districts and base teams (not public in this form; drawn up per unit around the")
        out.line("# most populous municipalities, contiguous where the borders allow, see docs/cli.md), and all")
        out.line("# capacities, needs, weights and the themes' adopters (drawn with the seed).")
        out.line("name: Nederland (echte gemeenten), \(count) gemeenten (seed \(seed))")
        out.line("description: >-")
        out.line("  \(units) eenheden, \(districts) districten en \(teams) basisteams (districten en basisteams")
        out.line("  verzonnen) over \(count) echte gemeenten met hun inwoners en grenzen. Waterbedgrenzen op")
        out.line("  landelijke thema's koppelen buren over de grenzen van eenheden heen. Capaciteiten en")
        out.line("  behoeften zijn gegenereerd met seed \(seed).")
        Self.writeSettings(to: &out)
        layout.write(to: &out)
        out.line("neighbours: borders")
        Self.writeCapacitiesAndThemes(to: &out, layout: layout, random: &random)
        return out.text
    }

    /// An id from a name: ASCII lowercase letters and digits, other runs turned into one hyphen
    /// ('s-Hertogenbosch: s-hertogenbosch; Súdwest-Fryslân: sudwest-fryslan; Laren (NH.): laren-nh).
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                pendingHyphen = true
            }
        }
        return result
    }
}

extension RealScope {
    var unitCode: String? {
        if case .unit(let code) = self { return code }
        return nil
    }
}

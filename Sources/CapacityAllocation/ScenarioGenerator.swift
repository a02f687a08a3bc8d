import Foundation

/// The sizes `ivp generate --scale` knows, by their number of municipalities.
public enum ScenarioScale: String, Sendable, CaseIterable {
    /// One district of 8 municipalities (about the size of Gooi en Vechtstreek).
    case district
    /// One police unit: 5 districts, 40 municipalities.
    case region
    /// The Netherlands: 10 units, 43 districts, 171 base teams, 342 municipalities.
    case nation

    public var municipalities: Int {
        switch self {
        case .district: 8
        case .region: 40
        case .nation: 342
        }
    }
}

/// A small, fast, seedable generator (SplitMix64, Steele, Lea and Flood 2014). Swift's own random
/// numbers are not reproducible across runs or platforms; a generated scenario must be the same
/// bytes for the same seed everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }

    /// A uniform number in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// A uniform integer in 0..<bound, without the bias of a plain modulo (Lemire's method is not
    /// needed at these sizes; rejection keeps it exact and portable).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64.max - UInt64.max % UInt64(bound)
        var value = next()
        while value >= limit { value = next() }
        return Int(value % UInt64(bound))
    }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A standard normal number (Box-Muller).
    public mutating func normal() -> Double {
        let u = max(unit(), 1e-300), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// The elements of `items` in an order drawn by Fisher-Yates.
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        if result.count < 2 { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, below(index + 1))
        }
        return result
    }

    /// A non-empty random subset of `items` holding about `share` of them, in their original order.
    public mutating func subset<T>(_ items: [T], share: Double) -> [T] {
        guard !items.isEmpty else { return [] }
        var picked = items.filter { _ in chance(share) }
        if picked.isEmpty { picked = [items[below(items.count)]] }
        return picked
    }
}

/// Writes synthetic but realistic scenarios in the format of DESIGN.md section 3, for benchmarks,
/// tests and users who want to try `ivp` at scale. The structure follows the Dutch police: about
/// 34 municipalities a unit, 8 a district and 2 a base team (10 units, 43 districts, 171 base teams
/// and 342 municipalities at national size). Capacities are set from the populations so that every
/// floor (minimums, presence) asks well under the capacity that can serve it: a generated scenario
/// is always feasible. The same seed and size give the same bytes.
public struct ScenarioGenerator {
    public var municipalityCount: Int
    public var seed: UInt64
    /// Real municipalities instead of invented ones (`ivp generate --real`).
    public var real: RealScope?

    public init(municipalities: Int, seed: UInt64 = 1) {
        municipalityCount = max(1, municipalities)
        self.seed = seed
    }

    public init(scale: ScenarioScale, seed: UInt64 = 1) {
        self.init(municipalities: scale.municipalities, seed: seed)
    }

    /// Counts of each level of the organisation for `municipalityCount` municipalities.
    public var structure: (units: Int, districts: Int, baseTeams: Int, municipalities: Int) {
        let count = municipalityCount
        let units = max(1, Int((Double(count) / 34.2).rounded()))
        let districts = min(count, max(units, Int((Double(count) / 8).rounded())))
        let baseTeams = min(count, max(districts, Int((Double(count) / 2).rounded())))
        return (min(units, districts), districts, baseTeams, count)
    }

    // The ten units of the Dutch police, used in order (a smaller scenario uses the first ones).
    static let unitNames = [
        "Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland", "Amsterdam",
        "Den Haag", "Rotterdam", "Zeeland-West-Brabant", "Oost-Brabant", "Limburg",
    ]
    static let namePrefixes = [
        "Aal", "Berg", "Bos", "Brou", "Dier", "Ede", "Ger", "Haar", "Hel", "Hoog", "Kamp", "Leer",
        "Lind", "Meer", "Nij", "Oos", "Ravens", "Rijn", "Schoon", "Sted", "Ter", "Valk", "Wes",
        "Zwart", "Heem", "Gorre", "Moer", "Elst", "Dron", "Veld",
    ]
    static let nameSuffixes = [
        "dam", "dijk", "veen", "wijk", "hoven", "berg", "horst", "loo", "sloot", "woude", "laar",
        "zand", "beek", "broek", "hem", "dorp", "rode", "meer", "stad", "kerk",
    ]

    struct Municipality {
        var id: String
        var name: String
        var population: Int
        var baseTeam: Int
        /// The CBS code of a real municipality (`--real`); nil for an invented one.
        var cbsCode: String? = nil
    }

    /// The organisation of a generated scenario: units, districts, base teams and municipalities,
    /// each lower level pointing into the level above by index.
    struct Layout {
        var units: [(id: String, name: String)]
        var districts: [(id: String, name: String)]
        var districtUnit: [Int]
        var baseTeams: [(id: String, name: String, population: Int)]
        var baseTeamDistrict: [Int]
        var municipalities: [Municipality]

        func districtOf(_ municipality: Municipality) -> Int { baseTeamDistrict[municipality.baseTeam] }

        /// Units, districts, base teams and municipalities as YAML lists.
        func write(to out: inout YAMLWriter) {
            out.line("units:")
            for unit in units { out.line("  - {id: \(unit.id), name: \(scalar(unit.name))}") }
            out.line("districts:")
            for (index, district) in districts.enumerated() {
                out.line("  - {id: \(district.id), name: \(scalar(district.name)), unit: \(units[districtUnit[index]].id)}")
            }
            out.line("base_teams:")
            for (index, team) in baseTeams.enumerated() {
                out.line("  - {id: \(team.id), name: \(scalar(team.name)), district: \(districts[baseTeamDistrict[index]].id)}")
            }
            out.line("municipalities:")
            for municipality in municipalities {
                let code = municipality.cbsCode.map { ", cbs_code: \($0)" } ?? ""
                out.line("  - {id: \(municipality.id), name: \(scalar(municipality.name)), base_team: \(baseTeams[municipality.baseTeam].id), population: \(municipality.population)\(code)}")
            }
        }
    }

    /// The scenario as YAML text.
    public func yaml() -> String {
        if let real { return realYAML(real) }
        var random = SplitMix64(seed: seed)
        let (unitCount, districtCount, baseTeamCount, count) = structure

        // Organisation: contiguous, even slices at every level.
        func slice(_ index: Int, of total: Int, into parts: Int) -> Int { index * parts / total }
        let units = (0..<unitCount).map { index -> (id: String, name: String) in
            let base = Self.unitNames[index % Self.unitNames.count]
            let suffix = index < Self.unitNames.count ? "" : "-\(index / Self.unitNames.count + 1)"
            return ("eenheid-\(base.lowercased().replacingOccurrences(of: " ", with: "-"))\(suffix)", "Eenheid \(base)\(suffix)")
        }
        let districtUnit = (0..<districtCount).map { slice($0, of: districtCount, into: unitCount) }
        let baseTeamDistrict = (0..<baseTeamCount).map { slice($0, of: baseTeamCount, into: districtCount) }

        // Municipality names: every prefix-suffix pair once, in a drawn order.
        var names: [String] = []
        var seen = Set<String>()
        for prefix in Self.namePrefixes {
            for suffix in Self.nameSuffixes where seen.insert(prefix + suffix).inserted { names.append(prefix + suffix) }
        }
        names = random.shuffled(names)
        var municipalities: [Municipality] = []
        for index in 0..<count {
            let round = index / names.count
            let name = names[index % names.count] + (round == 0 ? "" : " \(round + 1)")
            let id = name.lowercased().replacingOccurrences(of: " ", with: "-")
            // Dutch municipalities: median about 28,000 inhabitants, a long tail to the cities.
            let population = Int((28_000 * exp(0.8 * random.normal())).rounded()).clamped(1_500, 900_000)
            municipalities.append(Municipality(id: id, name: name, population: population,
                                               baseTeam: slice(index, of: count, into: baseTeamCount)))
        }
        let districtNames = (0..<districtCount).map { district -> (id: String, name: String) in
            let first = municipalities.first { baseTeamDistrict[$0.baseTeam] == district }!
            return ("district-\(first.id)", "District \(first.name)")
        }
        let baseTeams = (0..<baseTeamCount).map { team -> (id: String, name: String, population: Int) in
            let members = municipalities.filter { $0.baseTeam == team }
            return ("basisteam-\(members[0].id)", "Basisteam \(members[0].name)", members.reduce(0) { $0 + $1.population })
        }
        let layout = Layout(units: units, districts: districtNames, districtUnit: districtUnit, baseTeams: baseTeams,
                            baseTeamDistrict: baseTeamDistrict, municipalities: municipalities)
        func districtOf(_ municipality: Municipality) -> Int { baseTeamDistrict[municipality.baseTeam] }

        var out = YAMLWriter()
        out.line("# Generated by `ivp generate` (seed \(seed), \(count) municipalities): synthetic but shaped")
        out.line("# like the Dutch police. Names, populations, capacities and needs are invented.")
        out.line("name: Synthetisch scenario, \(count) gemeenten (seed \(seed))")
        out.line("description: >-")
        out.line("  \(unitCount) eenheden, \(districtCount) districten, \(baseTeamCount) basisteams en \(count) gemeenten,")
        out.line("  gegenereerd met seed \(seed). Landelijke, regionale, district-, basisteam- en lokale thema's,")
        out.line("  kerntaken met minima, waterbedgrenzen, bijstand, poollimieten en een wijkagentennorm.")
        Self.writeSettings(to: &out)
        layout.write(to: &out)

        // Neighbours: a chain through each district, some chords, and one border to the next
        // district of the same unit, so that displacement bounds cross district lines too.
        var pairs: [(Int, Int)] = []
        for district in 0..<districtCount {
            let members = municipalities.indices.filter { districtOf(municipalities[$0]) == district }
            for (position, index) in members.enumerated() {
                if position + 1 < members.count { pairs.append((index, members[position + 1])) }
                if position + 2 < members.count, random.chance(0.4) { pairs.append((index, members[position + 2])) }
            }
            if district + 1 < districtCount, districtUnit[district] == districtUnit[district + 1], let last = members.last,
               let next = municipalities.indices.first(where: { districtOf(municipalities[$0]) == district + 1 }) {
                pairs.append((last, next))
            }
        }
        if !pairs.isEmpty {
            out.line("neighbours:")
            for (first, second) in pairs { out.line("  - [\(municipalities[first].id), \(municipalities[second].id)]") }
        }
        Self.writeCapacitiesAndThemes(to: &out, layout: layout, random: &random)
        return out.text
    }

    /// The settings every generated scenario shares: hours, reserve, level weights and returns.
    static func writeSettings(to out: inout YAMLWriter) {
        out.line("hours_per_fte: 1350")
        out.line("reserve: 0.1")
        out.line("level_weights: {national: 1.0, regional: 0.9, district: 1.0, base_team: 0.95, local: 0.9}")
        out.line("returns:")
        out.line("  - {share: 0.5, value: 1.0}")
        out.line("  - {share: 0.3, value: 0.6}")
        out.line("  - {share: 0.2, value: 0.25}")
    }

    /// Pools, the presence norm, themes and the selection rule, drawn from `random` and sized from
    /// the populations of `layout`.
    static func writeCapacitiesAndThemes(to out: inout YAMLWriter, layout: Layout, random: inout SplitMix64) {
        let units = layout.units, districtNames = layout.districts, baseTeams = layout.baseTeams
        let municipalities = layout.municipalities, districtUnit = layout.districtUnit
        func districtOf(_ municipality: Municipality) -> Int { layout.districtOf(municipality) }
        // Pools. Per 1,000 inhabitants: 1 FTE of general police, 1 wijkagent per 4,500 inhabitants,
        // 0.25 FTE of district detectives, 0.12 of unit detectives and 0.04 of cyber specialists.
        out.line("pools:")
        func fte(_ value: Double) -> String { Self.number(max(1, (value * 2).rounded() / 2)) }
        for (index, unit) in units.enumerated() {
            let population = Double(municipalities.filter { districtUnit[districtOf($0)] == index }.reduce(0) { $0 + $1.population })
            out.line("  - id: \(unit.id)-investigation")
            out.line("    name: \(unit.name), dienst regionale recherche")
            out.line("    at: \(unit.id)")
            out.line("    kind: investigation")
            out.line("    fte: \(fte(population / 1000 * 0.12))")
            out.line("    availability: 0.85")
            out.line("    claimed_hours: \(Int((population / 1000 * 0.12 * 1350 * 0.85 * 0.3).rounded()))")
            out.line("    limits:")
            out.line("      - {themes: [ondermijning, mensenhandel], max_share: 0.8}")
            out.line("  - id: \(unit.id)-cyber")
            out.line("    name: \(unit.name), cybercrimeteam")
            out.line("    at: \(unit.id)")
            out.line("    kind: cyber")
            out.line("    fte: \(fte(population / 1000 * 0.04))")
            out.line("    availability: 0.9")
            out.line("    reserve: 0.05")
        }
        for (index, district) in districtNames.enumerated() {
            let population = Double(municipalities.filter { districtOf($0) == index }.reduce(0) { $0 + $1.population })
            out.line("  - id: \(district.id)-recherche")
            out.line("    name: \(district.name), districtsrecherche")
            out.line("    at: \(district.id)")
            out.line("    kind: investigation")
            out.line("    fte: \(fte(population / 1000 * 0.25))")
            out.line("    availability: \(Self.number((random.uniform(0.82, 0.9) * 100).rounded() / 100))")
            out.line("    claimed_hours: \(Int((population / 1000 * 0.25 * 1350 * 0.85 * 0.25).rounded()))")
        }
        for team in baseTeams {
            let population = Double(team.population)
            let generalFTE = max(1, (population / 1000 * random.uniform(0.95, 1.1) * 2).rounded() / 2)
            let availability = (random.uniform(0.85, 0.92) * 100).rounded() / 100
            out.line("  - id: \(team.id)-general")
            out.line("    name: \(team.name), basispolitiezorg")
            out.line("    at: \(team.id)")
            out.line("    kind: general")
            out.line("    fte: \(Self.number(generalFTE))")
            out.line("    availability: \(Self.number(availability))")
            // About 40% of the hours go to work outside the plan (intake, custody, guarding).
            out.line("    claimed_hours: \(Int((generalFTE * 1350 * availability * 0.4).rounded()))")
            out.line("    mutual_aid: {max_share: 0.1, efficiency: 0.85}")
            out.line("    limits:")
            out.line("      - {themes: [noodhulp], max_share: 0.5}")
            out.line("  - id: \(team.id)-community")
            out.line("    name: \(team.name), wijkagenten")
            out.line("    at: \(team.id)")
            out.line("    kind: community")
            out.line("    fte: \(fte(population / 4500))")
            out.line("    availability: 0.9")
        }
        for municipality in municipalities where municipality.population >= 20_000 || random.chance(0.3) {
            let boaFTE = max(1, (Double(municipality.population) / 6000 * 2).rounded() / 2)
            out.line("  - id: \(municipality.id)-boa")
            out.line("    name: Handhaving \(municipality.name) (boa's)")
            out.line("    at: \(municipality.id)")
            out.line("    kind: enforcement")
            out.line("    fte: \(Self.number(boaFTE))")
            out.line("    hours_per_fte: 1400")
            out.line("    availability: 0.9")
            out.line("    claimed_hours: \(Int((boaFTE * 1400 * 0.9 * 0.6).rounded()))")
            if municipality.population < 20_000 { out.line("    mutual_aid: {max_share: 0.2, efficiency: 0.9}") }
        }
        out.line("presence:")
        out.line("  - {kind: community, hours_per_1000_inhabitants: 150}")

        // Themes: a fixed catalogue of about 20, adopted at every level by drawn subsets.
        out.line("themes:")
        let allUnits = units.map(\.id), allDistricts = districtNames.map(\.id), allTeams = baseTeams.map(\.id)
        func severity(_ share: Double) -> String? {
            let picked = municipalities.filter { _ in random.chance(share) }
            guard !picked.isEmpty else { return nil }
            let entries = picked.map { "\($0.id): \(Self.number((random.uniform(0.85, 1.25) * 100).rounded() / 100))" }
            return "{\(entries.joined(separator: ", "))}"
        }
        func theme(_ id: String, _ name: String, level: String, adoptedBy: [String], kinds: String, weight: Double = 1,
                   joint: Double? = nil, need: String, minimum: Double? = nil, core: Bool = false, maxGap: Double? = nil,
                   returns: String? = nil, candidate: Bool = false, minEffort: Double? = nil, severityShare: Double = 0.3) {
            out.line("  - id: \(id)")
            out.line("    name: \(name)")
            out.line("    level: \(level)")
            out.line("    adopted_by: [\(adoptedBy.joined(separator: ", "))]")
            out.line("    kinds: \(kinds)")
            out.line("    weight: \(Self.number(weight))")
            if let joint { out.line("    joint_efficiency: \(Self.number(joint))") }
            out.line("    need: \(need)")
            if let severity = severity(severityShare) { out.line("    severity: \(severity)") }
            if let minimum { out.line("    minimum: \(Self.number(minimum))") }
            if core { out.line("    core: true") }
            if let maxGap { out.line("    max_gap: \(Self.number(maxGap))") }
            if let returns { out.line("    returns: \(returns)") }
            if candidate { out.line("    candidate: true") }
            if let minEffort { out.line("    min_effort: \(Self.number(minEffort))") }
        }
        func byMunicipality(_ adopters: [String], level: (Municipality) -> String, low: Double, high: Double) -> String {
            let set = Set(adopters)
            let entries = municipalities.filter { set.contains(level($0)) }.map { municipality in
                "\(municipality.id): \(Int((Double(municipality.population) / 1000 * random.uniform(low, high)).rounded()))"
            }
            return "{by_municipality: {\(entries.joined(separator: ", "))}}"
        }
        let steep = "[{share: 0.6, value: 1.0}, {share: 0.4, value: 0.4}]"
        // National (Landelijke Veiligheidsagenda).
        theme("ondermijning", "Georganiseerde ondermijnende criminaliteit", level: "national", adoptedBy: allUnits,
              kinds: "{investigation: 1.0, general: 0.5, community: 0.5, enforcement: 0.4}", joint: 1.1,
              need: "{per_1000_inhabitants: 300}", maxGap: 0.15)
        theme("mensenhandel", "Mensenhandel", level: "national", adoptedBy: allUnits,
              kinds: "{investigation: 1.0, community: 0.5, general: 0.4}", joint: 1.1, need: "{per_1000_inhabitants: 45}")
        theme("cybercrime", "Cybercrime", level: "national", adoptedBy: allUnits,
              kinds: "{cyber: 1.0, investigation: 0.6}", need: "{per_1000_inhabitants: 40}")
        // Regional (each unit's Regionale Veiligheidsstrategie).
        theme("maatschappelijke-onrust", "Maatschappelijke onrust", level: "regional",
              adoptedBy: random.subset(allUnits, share: 0.6), kinds: "{general: 1.0, community: 0.8}",
              need: "{per_1000_inhabitants: 50}")
        theme("digitale-veiligheid", "Digitale veiligheid en weerbaarheid", level: "regional",
              adoptedBy: random.subset(allUnits, share: 0.5), kinds: "{cyber: 1.0, community: 0.7, general: 0.5}",
              need: "{per_1000_inhabitants: 70}", maxGap: 0.2)
        theme("jonge-aanwas", "Voorkomen jonge aanwas", level: "regional",
              adoptedBy: random.subset(allUnits, share: 0.4), kinds: "{community: 1.0, general: 0.6}",
              need: "{per_1000_inhabitants: 35}", returns: steep)
        // District priorities.
        theme("drugscriminaliteit", "Drugscriminaliteit", level: "district",
              adoptedBy: random.subset(allDistricts, share: 0.5), kinds: "{investigation: 1.0, general: 0.6}",
              joint: 1.1, need: "{per_1000_inhabitants: 90}", maxGap: 0.2)
        theme("sterke-wijken", "Sterke wijken", level: "district",
              adoptedBy: random.subset(allDistricts, share: 0.4), kinds: "{community: 1.0, general: 0.7, enforcement: 0.5}",
              need: "{per_1000_inhabitants: 60}")
        theme("zorg-en-veiligheid", "Zorg en veiligheid (onbegrepen gedrag)", level: "district",
              adoptedBy: random.subset(allDistricts, share: 0.5), kinds: "{community: 1.0, general: 0.8}", weight: 0.6,
              need: "{per_1000_inhabitants: 120}", candidate: true, minEffort: 0.25)
        // Base-team priority.
        let onrustTeams = random.subset(allTeams, share: 0.25)
        theme("onrust-basisteam", "Maatschappelijke (on)rust in de wijk", level: "base_team", adoptedBy: onrustTeams,
              kinds: "{community: 1.0, general: 0.8}",
              need: byMunicipality(onrustTeams, level: { baseTeams[$0.baseTeam].id }, low: 30, high: 200))
        // Local priorities.
        let allMunicipalities = municipalities.map(\.id)
        let drugs = random.subset(allMunicipalities, share: 0.15)
        theme("drugshandel-op-straat", "Drugshandel op straat", level: "local", adoptedBy: drugs,
              kinds: "{general: 1.0, investigation: 0.8, community: 0.7, enforcement: 0.5}",
              need: byMunicipality(drugs, level: { $0.id }, low: 50, high: 220))
        let hic = random.subset(allMunicipalities, share: 0.3)
        theme("high-impact-crimes", "High Impact Crimes", level: "local", adoptedBy: hic,
              kinds: "{general: 1.0, investigation: 0.8, community: 0.6, enforcement: 0.3}",
              need: byMunicipality(hic, level: { $0.id }, low: 100, high: 480), candidate: true, minEffort: 0.3)
        let youth = random.subset(allMunicipalities, share: 0.3)
        theme("jeugd", "Jeugd en jeugdcriminaliteit", level: "local", adoptedBy: youth,
              kinds: "{community: 1.0, general: 0.7, enforcement: 0.6}",
              need: byMunicipality(youth, level: { $0.id }, low: 80, high: 280), candidate: true, minEffort: 0.3)
        theme("verkeersveiligheid", "Verkeersveiligheid (handhaving)", level: "local",
              adoptedBy: random.subset(allDistricts, share: 0.6), kinds: "{general: 1.0, enforcement: 0.7}", weight: 0.3,
              need: "{per_1000_inhabitants: 80}", candidate: true, minEffort: 0.25)
        // Core police tasks: a floor, a low weight, no extra capacity.
        theme("noodhulp", "Noodhulp (24/7)", level: "district", adoptedBy: allDistricts, kinds: "{general: 1.0}",
              weight: 0.3, need: "{per_1000_inhabitants: 350}", minimum: 0.8, core: true, severityShare: 0)
        theme("huiselijk-geweld", "Huiselijk geweld", level: "district", adoptedBy: allDistricts,
              kinds: "{general: 1.0, community: 0.9, investigation: 0.8}", weight: 0.3,
              need: "{per_1000_inhabitants: 60}", minimum: 0.7, core: true)
        theme("woninginbraak", "Woninginbraak", level: "district", adoptedBy: allDistricts,
              kinds: "{general: 1.0, investigation: 0.9, community: 0.7}", weight: 0.3,
              need: "{per_1000_inhabitants: 50}", minimum: 0.6, core: true)
        theme("jaarwisseling", "Jaarwisseling", level: "district", adoptedBy: allDistricts,
              kinds: "{general: 1.0, community: 0.8, enforcement: 0.6}", weight: 0.3,
              need: "{per_1000_inhabitants: 15}", minimum: 0.8, core: true, severityShare: 0.1)
        theme("radicalisering", "Radicalisering", level: "district", adoptedBy: allDistricts,
              kinds: "{community: 1.0, investigation: 0.8}", weight: 0.3, need: "{per_1000_inhabitants: 8}",
              minimum: 0.5, core: true, severityShare: 0.1)
        theme("veilig-uitgaan", "Veilig uitgaan", level: "district", adoptedBy: allDistricts,
              kinds: "{general: 1.0, enforcement: 0.5}", weight: 0.3, need: "{per_1000_inhabitants: 12}",
              minimum: 0.6, core: true, severityShare: 0.1)
        out.line("selection: {max_per_municipality: 2}")
    }

    /// A name as a YAML scalar in a flow mapping: plain when that reads back the same (letters,
    /// digits, spaces, dots, hyphens, parentheses), else double-quoted ('s-Hertogenbosch).
    static func scalar(_ text: String) -> String {
        let plain = text.first.map { $0.isASCII && $0.isLetter } == true && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || " .-()".unicodeScalars.contains($0)
        }
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A number as YAML: integers without a fraction, others in Swift's shortest round-trip form,
    /// which is the same on every platform.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

/// Collects lines of YAML.
struct YAMLWriter {
    var text = ""
    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }
}

private extension Int {
    func clamped(_ low: Int, _ high: Int) -> Int { Swift.min(high, Swift.max(low, self)) }
}

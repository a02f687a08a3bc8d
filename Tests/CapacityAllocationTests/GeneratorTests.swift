import Foundation
import LinearProgramming
import Testing
@testable import CapacityAllocation

/// `ivp generate`: the structure of the scenarios it writes, determinism, and that they solve.
@Suite struct GeneratorTests {
    private func load(_ generator: ScenarioGenerator) throws -> Scenario {
        try ScenarioLoader.load(text: generator.yaml(), name: "generated-\(generator.municipalityCount).yaml")
    }

    private func count(_ scenario: Scenario, _ kind: NodeKind) -> Int {
        scenario.nodes.filter { $0.kind == kind }.count
    }

    @Test func nationHasTheDutchStructure() throws {
        let scenario = try load(ScenarioGenerator(scale: .nation, seed: 7))
        #expect(count(scenario, .unit) == 10)
        #expect(count(scenario, .district) == 43)
        #expect(count(scenario, .baseTeam) == 171)
        #expect(count(scenario, .municipality) == 342)
        #expect((18...22).contains(scenario.themes.count))
        // Every pool kind, every level, every kind of constraint is present.
        #expect(Set(scenario.pools.map(\.kind)) == ["general", "community", "investigation", "cyber", "enforcement"])
        #expect(Set(scenario.themes.map(\.level)) == Set(ThemeLevel.allCases))
        #expect(scenario.pools.contains { $0.mutualAid != nil })
        #expect(scenario.pools.contains { !$0.limits.isEmpty })
        #expect(!scenario.presence.isEmpty)
        #expect(!scenario.neighbours.isEmpty)
        #expect(scenario.themes.contains { $0.core && $0.minimum > 0 })
        #expect(scenario.themes.contains { $0.maxGap != nil })
        #expect(scenario.themes.contains { $0.candidate && $0.minEffort > 0 })
        #expect(scenario.themes.contains { !$0.severity.isEmpty })
        #expect(scenario.maxSelectedPerMunicipality == 2)
        #expect(scenario.municipalities.allSatisfy { ($0.population ?? 0) > 0 })
    }

    @Test(arguments: [1, 2, 5, 8, 13, 40, 100])
    func anySizeLoadsWithoutErrors(municipalities: Int) throws {
        let scenario = try load(ScenarioGenerator(municipalities: municipalities, seed: 3))
        #expect(count(scenario, .municipality) == municipalities)
        #expect(count(scenario, .unit) >= 1)
        #expect(count(scenario, .baseTeam) <= municipalities)
    }

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() {
        let first = ScenarioGenerator(scale: .region, seed: 42).yaml()
        let again = ScenarioGenerator(scale: .region, seed: 42).yaml()
        let other = ScenarioGenerator(scale: .region, seed: 43).yaml()
        #expect(first == again)
        #expect(first != other)
    }

    @Test func splitMixIsTheReferenceSequence() {
        // The first outputs of SplitMix64 seeded with 0 (reference implementation by Vigna).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test(arguments: [ScenarioScale.district, .region])
    func generatedScenariosSolveToOptimality(scale: ScenarioScale) throws {
        let scenario = try load(ScenarioGenerator(scale: scale, seed: 1))
        let result = try Allocator.solve(scenario)
        #expect(result.status == .optimal)
        #expect((result.attainment ?? 0) > 0.3)
        #expect((result.attainment ?? 2) <= 1)
        // 275 rows: the dual simplex; 1,299 rows: the crossover. Both leave a basis for ranging.
        #expect(result.method == (scale == .district ? "dual" : "crossover"))
        #expect(result.pools.contains { $0.hourValueRange != nil })
    }

    @Test func generatedScenarioSolvesInEveryMode() throws {
        let scenario = try load(ScenarioGenerator(municipalities: 6, seed: 5))
        for mode in SolveMode.allCases {
            let result = try Allocator.solve(scenario, options: AllocationOptions(mode: mode))
            #expect(result.status == .optimal, "mode \(mode)")
        }
    }

    /// Every LP method must reach the same optimum (relative 1e-6), and the interior point must
    /// still give the value of an hour in each pool (from its row duals).
    @Test(arguments: [ScenarioScale.district, .region])
    func everyMethodReachesTheSameOptimum(scale: ScenarioScale) throws {
        let scenario = try load(ScenarioGenerator(scale: scale, seed: 11))
        var objectives: [SolverMethod: Double] = [:]
        var hourValues: [SolverMethod: [Double]] = [:]
        for method in [SolverMethod.automatic, .primal, .dual, .interior, .crossover] {
            let result = try Allocator.solve(scenario, options: AllocationOptions(method: method))
            #expect(result.status == .optimal, "\(method)")
            objectives[method] = result.objective
            hourValues[method] = result.pools.map(\.hourValue)
        }
        let reference = try #require(objectives[.dual])
        for (method, objective) in objectives {
            #expect(abs(objective - reference) <= 1e-6 * max(1, abs(reference)), "\(method): \(objective) vs \(reference)")
        }
        // Duals of a degenerate LP need not be unique, but the total value of the capacity
        // they price must agree with the simplex's (strong duality at an optimum).
        let capacities = scenario.pools.map(\.allocatable)
        func priced(_ values: [Double]) -> Double { zip(values, capacities).reduce(0) { $0 + $1.0 * $1.1 } }
        let simplexPrice = priced(try #require(hourValues[.dual]))
        let interiorPrice = priced(try #require(hourValues[.interior]))
        #expect(abs(simplexPrice - interiorPrice) <= 1e-3 * max(1, abs(simplexPrice)))
        #expect(try #require(hourValues[.interior]).allSatisfy { $0 >= -1e-7 })
    }

    /// 80 municipalities make two police units with no pool, neighbour pair or presence row in
    /// common: the model falls apart into two blocks, solved apart (on one thread or two) to the
    /// optimum of the whole, with a basis for ranging in each.
    @Test func twoUnitsAreSolvedApartToTheOptimumOfTheWhole() throws {
        let scenario = try load(ScenarioGenerator(municipalities: 80, seed: 3))
        let program = Formulation(scenario).program
        let decomposition = Decomposition(program)
        #expect(decomposition.blocks.count == 2)
        #expect(decomposition.blocks.allSatisfy { $0.constraints.count > 1_000 })
        let whole = try GLPK.solve(program, options: SolverOptions(method: .dual))
        let one = try Allocator.solve(scenario, options: AllocationOptions(threads: 1))
        let two = try Allocator.solve(scenario, options: AllocationOptions(threads: 2))
        let objective = try #require(one.objective)
        #expect(abs(objective - whole.objective) <= 1e-9 * abs(whole.objective))
        // The same blocks by the same method: the same numbers to the last bit on any number of threads.
        #expect(two.objective == one.objective)
        #expect(two.allocations == one.allocations)
        #expect(two.pools == one.pools)
        #expect(one.method == "crossover")
        #expect(one.pools.allSatisfy { $0.hourValueRange != nil || $0.hourValue == 0 })
        #expect(one.themes.contains { $0.weightRange != nil })
    }

    /// Maxmin on a region: the best lowest attainment is 0.9489055362486057 (the reference model
    /// of Tools/reference, HiGHS through scipy, agrees to 1e-16). With z's objective coefficient 1
    /// GLPK stopped at 0.94887, because one hour moves z by about 1/ideal and those reduced costs
    /// fell below the simplex's tolerance; every method must now reach the same value.
    @Test(arguments: [SolverMethod.automatic, .dual, .primal])
    func maxminReachesTheBestLowestAttainment(method: SolverMethod) throws {
        let scenario = try load(ScenarioGenerator(scale: .region, seed: 1))
        let result = try Allocator.solve(scenario, options: AllocationOptions(mode: .maxmin, method: method))
        let lowest = try #require(result.minAttainment)
        #expect(abs(lowest - 0.9489055362486057) < 1e-9)
        let objective = try #require(result.objective)
        #expect(abs(objective - 1_131_749.4354992616) < 1e-9 * 1_131_749.4354992616)
    }

    /// A sweep over a model of two independent parts warm-starts each part from its own basis and
    /// reaches the cold optimum at every point.
    @Test func sweepOfTwoUnitsWarmStartsEachPart() throws {
        let scenario = try load(ScenarioGenerator(municipalities: 80, seed: 3))
        let parameter = try ScenarioParameter("reserve", in: scenario)
        let values = [0.05, 0.1, 0.15]
        let warm = try Sweep.run(scenario, parameter: parameter, values: values)
        let cold = try Sweep.run(scenario, parameter: parameter, values: values, warmStart: false)
        // The first point starts from the basis of the scenario as given.
        #expect(warm.points.map(\.warmStart) == [true, true, true])
        #expect(cold.points.map(\.warmStart) == [false, false, false])
        for (a, b) in zip(warm.points, cold.points) {
            let x = try #require(a.objective), y = try #require(b.objective)
            #expect(abs(x - y) <= 1e-9 * abs(y))
        }
        // More reserve, less to allocate: the value falls.
        #expect(warm.points[0].objective! > warm.points[2].objective!)
    }

    // MARK: --real: the real municipalities of 2024

    /// The 342 municipalities of 2024 with the CBS figures of the built-in geography: 17,942,942
    /// inhabitants (the national CBS total for 1 January 2024), ten units, and the 848 land-border
    /// pairs, 127 of which join two units (Tools/geography/README.md; counted from the data). The
    /// districts: round(count / 8) per unit, 5 + 10 + 5 + 4 + 1 + 3 + 3 + 5 + 4 + 4 = 44 for units
    /// of 40, 76, 38, 32, 6, 27, 23, 37, 32 and 31 municipalities.
    @Test func realNationHasTheRealMunicipalitiesPopulationsAndBorders() throws {
        let generator = ScenarioGenerator(real: .nation, seed: 1)
        let scenario = try ScenarioLoader.load(text: generator.yaml(), name: "real-nation.yaml")
        #expect(scenario.warnings.isEmpty)
        #expect(count(scenario, .unit) == 10)
        #expect(count(scenario, .district) == 44)
        #expect(count(scenario, .municipality) == 342)
        let municipalities = scenario.municipalities
        #expect(municipalities.reduce(0) { $0 + ($1.population ?? 0) } == 17_942_942)
        let hilversum = try #require(municipalities.first { $0.cbsCode == "GM0402" })
        #expect(hilversum.id == "hilversum" && hilversum.name == "Hilversum" && hilversum.population == 94_435)
        #expect(municipalities.first { $0.cbsCode == "GM0796" }?.id == "s-hertogenbosch")
        #expect(municipalities.first { $0.cbsCode == "GM0417" }?.id == "laren-nh")
        #expect(scenario.neighboursFromBorders)
        #expect(scenario.neighbours.count == 848)
        // Every base team lies in one district and every district in one unit; a border pair
        // whose two municipalities sit in different units is a coupling across units.
        let byID = Dictionary(uniqueKeysWithValues: scenario.nodes.map { ($0.id, $0) })
        func unit(_ id: String) -> String? {
            var node = byID[id]
            while let current = node, current.kind != .unit { node = current.parent.flatMap { byID[$0] } }
            return node?.id
        }
        let crossing = scenario.neighbours.filter { unit($0.0) != unit($0.1) }
        #expect(crossing.count == 127)
        #expect(unit("hilversum") == "eenheid-midden-nederland")
        // The national theme with a displacement bound applies in every municipality: its bound
        // couples the neighbours across unit borders.
        let ondermijning = try #require(scenario.themes.first { $0.id == "ondermijning" })
        #expect(ondermijning.level == .national && ondermijning.maxGap == 0.15)
    }

    /// One unit: Midden-Nederland (RE03) has 38 municipalities in 2024 (2,095,649 inhabitants) and
    /// 76 land-border pairs among them; round(38 / 8) = 5 districts. Its scenario solves.
    @Test func realRegionIsOneUnitAndSolves() throws {
        #expect(try RealScope.parse(["region", "RE03"]) == .unit("RE03"))
        #expect(try RealScope.parse(["region", "midden-nederland"]) == .unit("RE03"))
        #expect(try RealScope.parse(["region", "Zeeland - West-Brabant"]) == .unit("RE08"))
        #expect(try RealScope.parse(["nation"]) == .nation)
        #expect(throws: RealScopeError.self) { try RealScope.parse(["region", "RE11"]) }
        #expect(throws: RealScopeError.self) { try RealScope.parse(["nation", "RE03"]) }
        let scenario = try ScenarioLoader.load(text: ScenarioGenerator(real: .unit("RE03"), seed: 2).yaml(), name: "re03.yaml")
        #expect(count(scenario, .unit) == 1)
        #expect(count(scenario, .district) == 5)
        #expect(count(scenario, .municipality) == 38)
        #expect(scenario.municipalities.reduce(0) { $0 + ($1.population ?? 0) } == 2_095_649)
        #expect(scenario.neighbours.count == 76)
        let result = try Allocator.solve(scenario)
        #expect(result.status == .optimal)
    }

    @Test func slugsAreASCIIIds() {
        #expect(ScenarioGenerator.slug("'s-Hertogenbosch") == "s-hertogenbosch")
        #expect(ScenarioGenerator.slug("Súdwest-Fryslân") == "sudwest-fryslan")
        #expect(ScenarioGenerator.slug("Laren (NH.)") == "laren-nh")
        #expect(ScenarioGenerator.slug("Zeeland - West-Brabant") == "zeeland-west-brabant")
        #expect(ScenarioGenerator.scalar("'s-Gravenhage") == "\"'s-Gravenhage\"")
        #expect(ScenarioGenerator.scalar("Laren (NH.)") == "Laren (NH.)")
    }
}

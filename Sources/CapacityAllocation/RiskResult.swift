import Foundation

/// Mean and nearest-rank percentiles of one figure over the samples. The p-th percentile of N
/// values is the value of rank ⌈p · N / 100⌉ (at least 1) in ascending order; the mean is the
/// sum in sample order divided by N. Both follow from the per-sample figures alone, so a merge of
/// shards computes them to the same bit.
public struct RiskSummary: Sendable, Codable, Equatable {
    public var mean: Double
    public var p10: Double
    public var p50: Double
    public var p90: Double

    public init(_ values: [Double]) {
        guard !values.isEmpty else {
            self.mean = 0; p10 = 0; p50 = 0; p90 = 0
            return
        }
        var sum = 0.0
        for value in values { sum += value }
        mean = sum / Double(values.count)
        let sorted = values.sorted()
        func percentile(_ p: Int) -> Double { sorted[max(1, (p * sorted.count + 99) / 100) - 1] }
        p10 = percentile(10)
        p50 = percentile(50)
        p90 = percentile(90)
    }
}

/// One promise over the samples.
public struct RiskPromise: Sendable, Codable, Equatable {
    public var constraint: String
    public var entities: [String]
    /// Share of the samples in which it holds (no shortfall of `RiskAnalysis.tolerance` or more).
    public var probabilityHeld: Double
    /// Mean shortfall in hours over all samples (0 where it holds).
    public var expectedShortfallHours: Double
    /// The 90th percentile of the shortfall: what a bad year (one in ten) falls short.
    public var p90ShortfallHours: Double
}

/// A municipality or theme over the samples: its value and the promises located in it.
public struct RiskEntity: Sendable, Codable, Equatable {
    public var id: String
    public var value: RiskSummary
    /// The value of the plan in the scenario as given.
    public var planValue: Double
    /// Sum of the expected shortfalls of its promises, in hours.
    public var expectedShortfallHours: Double
    /// Share of the samples in which every promise located in it holds.
    public var probabilityAllHeld: Double
    /// How many promises are located in it.
    public var promises: Int
}

/// A pool over the samples: its capacity and what the recourse did with the plan's hours.
public struct RiskPool: Sendable, Codable, Equatable {
    public var id: String
    public var capacity: Double
    public var allocatable: Double
    public var plannedHours: Double
    public var sampledCapacity: RiskSummary
    /// Mean hours added to the plan (the reserve and unplanned hours released) and taken from it.
    public var expectedAddedHours: Double
    public var expectedTakenHours: Double
    /// Share of the samples in which hours were added to the plan.
    public var probabilityAdded: Double
    /// The plan's free hours as given, C_p − Σ x⁰ (the reserve and what the plan leaves unused).
    public var reserveHours: Double
    /// Mean hours of `reserve_hours` a year takes: its free hours C^s − Σ x^s below the plan's,
    /// because capacity fell or hours were added to keep promises (0 when the year has more).
    public var expectedReserveUsedHours: Double
    /// Share of the samples that take any of them.
    public var probabilityReserveUsed: Double
}

/// What `ivp risk` found; every report reads this value and computes nothing of its own.
public struct RiskResult: Sendable, Codable {
    public var scenario: String
    public var plan: String
    public var mode: SolveMode
    public var samples: Int
    public var seed: UInt64
    public var objective: RiskSummary
    public var attainment: RiskSummary
    public var planObjective: Double
    public var planAttainment: Double
    /// Share of the samples in which every promise holds.
    public var probabilityAllHeld: Double
    /// Weakest first: least probability to hold, then largest expected shortfall, then model order.
    public var promises: [RiskPromise]
    /// Most expected shortfall first, then least mean value against the plan's.
    public var municipalities: [RiskEntity]
    public var themes: [RiskEntity]
    public var pools: [RiskPool]
    public var uncertainty: [RiskUncertainty]
    public var movePenalty: Double
    public var shortfallPenalty: Double
    public var names: [String: String]
    public var manifest: Manifest

    public func name(_ id: String) -> String { names[id] ?? id }

    /// Aggregates the samples (all N of them, in sample order) of a run.
    public init(header: RiskHeader, samples: [RiskSample]) {
        scenario = header.scenario
        plan = header.plan
        mode = header.mode
        self.samples = header.samples
        seed = header.seed
        planObjective = header.planObjective
        planAttainment = header.planAttainment
        uncertainty = header.uncertainty
        movePenalty = header.movePenalty
        shortfallPenalty = header.shortfallPenalty
        names = header.names
        manifest = header.manifest
        let count = Double(max(1, samples.count))
        objective = RiskSummary(samples.map(\.objective))
        attainment = RiskSummary(samples.map { $0.ideal > 0 ? $0.objective / $0.ideal : 0 })
        probabilityAllHeld = Double(samples.filter { $0.brokenPromises.isEmpty }.count) / count

        // Per promise: the shortfall of every sample (0 where it held).
        var shortfalls = [[Double]](repeating: [Double](repeating: 0, count: samples.count), count: header.promises.count)
        for (position, sample) in samples.enumerated() {
            for (promise, hours) in zip(sample.brokenPromises, sample.shortfallHours) { shortfalls[promise][position] = hours }
        }
        let promiseResults = header.promises.enumerated().map { index, promise in
            RiskPromise(constraint: promise.constraint, entities: promise.entities,
                        probabilityHeld: Double(shortfalls[index].filter { $0 == 0 }.count) / count,
                        expectedShortfallHours: RiskSummary(shortfalls[index]).mean,
                        p90ShortfallHours: RiskSummary(shortfalls[index]).p90)
        }
        promises = promiseResults.indices.sorted { a, b in
            let x = promiseResults[a], y = promiseResults[b]
            if x.probabilityHeld != y.probabilityHeld { return x.probabilityHeld < y.probabilityHeld }
            if x.expectedShortfallHours != y.expectedShortfallHours { return x.expectedShortfallHours > y.expectedShortfallHours }
            return a < b
        }.map { promiseResults[$0] }

        // A promise is located in its municipalities and its theme (presence: its municipality only).
        func located(_ promise: RecoursePromise, in id: String, theme: Bool) -> Bool {
            switch promise.constraint {
            case "presence": return !theme && promise.entities.last == id
            default: return theme ? promise.entities.first == id : promise.entities.dropFirst().contains(id)
            }
        }
        func entities(_ ids: [String], values: (RiskSample, Int) -> Double, planValues: [Double], theme: Bool) -> [RiskEntity] {
            let results = ids.enumerated().map { index, id -> RiskEntity in
                let own = header.promises.indices.filter { located(header.promises[$0], in: id, theme: theme) }
                let ownSet = Set(own)
                let expected = own.reduce(0.0) { $0 + RiskSummary(shortfalls[$1]).mean }
                let held = samples.filter { sample in !sample.brokenPromises.contains { ownSet.contains($0) } }.count
                return RiskEntity(id: id, value: RiskSummary(samples.map { values($0, index) }), planValue: planValues[index],
                                  expectedShortfallHours: expected, probabilityAllHeld: Double(held) / count, promises: own.count)
            }
            return results.indices.sorted { a, b in
                let x = results[a], y = results[b]
                if x.expectedShortfallHours != y.expectedShortfallHours { return x.expectedShortfallHours > y.expectedShortfallHours }
                let lossX = x.planValue - x.value.mean, lossY = y.planValue - y.value.mean
                if lossX != lossY { return lossX > lossY }
                return a < b
            }.map { results[$0] }
        }
        municipalities = entities(header.municipalities, values: { $0.municipalityValues[$1] },
                                  planValues: header.municipalityPlanValues, theme: false)
        themes = entities(header.themes, values: { $0.themeValues[$1] }, planValues: header.themePlanValues, theme: true)
        pools = header.pools.enumerated().map { index, id in
            let free = max(0, header.capacities[index] - header.plannedHours[index])
            let used = samples.map { sample -> Double in
                let spare = sample.capacities[index] - (header.plannedHours[index] + sample.addedHours[index] - sample.takenHours[index])
                let taken = min(free, max(0, free - spare))
                return taken < RiskAnalysis.tolerance ? 0 : taken
            }
            return RiskPool(id: id, capacity: header.capacities[index], allocatable: header.allocatable[index],
                            plannedHours: header.plannedHours[index], sampledCapacity: RiskSummary(samples.map { $0.capacities[index] }),
                            expectedAddedHours: RiskSummary(samples.map { $0.addedHours[index] }).mean,
                            expectedTakenHours: RiskSummary(samples.map { $0.takenHours[index] }).mean,
                            probabilityAdded: Double(samples.filter { $0.addedHours[index] > 0 }.count) / count,
                            reserveHours: free, expectedReserveUsedHours: RiskSummary(used).mean,
                            probabilityReserveUsed: Double(used.filter { $0 > 0 }.count) / count)
        }
    }
}

/// A shard's partial result (`ivp risk --shard K/N --output PART`): the run's header and the
/// samples of its contiguous range, every figure kept, so that `ivp risk --merge` gives exactly
/// the report of the unsharded run.
public struct RiskPart: Sendable, Codable {
    public static let formatName = "ivp-risk-part"
    public static let formatVersion = 1
    public var format: String
    public var version: Int
    /// 1-based shard number and the number of shards.
    public var shard: Int
    public var shards: Int
    /// The 0-based sample numbers of the shard: first ..< first + count.
    public var first: Int
    public var count: Int
    public var header: RiskHeader
    public var samples: [RiskSample]

    public init(shard: Int, shards: Int, range: Range<Int>, header: RiskHeader, samples: [RiskSample]) {
        format = RiskPart.formatName
        version = RiskPart.formatVersion
        self.shard = shard
        self.shards = shards
        first = range.lowerBound
        count = range.count
        self.header = header
        self.samples = samples
    }

    /// Encodes the part as JSON (numbers as Swift writes them, which read back to the same bits).
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads parts and merges them into the run's header and all its samples in order. Refuses
    /// parts of other scenarios, plans, seeds or sample counts, and shards that overlap or are missing.
    public static func merge(_ files: [(path: String, data: Data)]) throws(RiskMergeError) -> (header: RiskHeader, samples: [RiskSample]) {
        let decoder = JSONDecoder()
        var parts: [(path: String, part: RiskPart)] = []
        for (path, data) in files {
            guard let part = try? decoder.decode(RiskPart.self, from: data), part.format == formatName else {
                throw RiskMergeError("\(path): not a partial result of ivp risk (write one with --shard K/N --output PART)")
            }
            guard part.version == formatVersion else {
                throw RiskMergeError("\(path): a partial result of version \(part.version); this ivp reads version \(formatVersion)")
            }
            guard part.samples.count == part.count, part.samples.map(\.index) == Array(part.first..<(part.first + part.count)) else {
                throw RiskMergeError("\(path): its samples do not match its range \(part.first + 1)–\(part.first + part.count)")
            }
            parts.append((path, part))
        }
        guard let firstEntry = parts.first else { throw RiskMergeError("give at least one part to merge") }
        let firstPath = firstEntry.path, first = firstEntry.part
        for (path, part) in parts.dropFirst() {
            let a = first.header, b = part.header
            func differ(_ what: String, _ x: String, _ y: String) -> RiskMergeError {
                RiskMergeError("\(path) and \(firstPath) are parts of different runs: \(what) \(y) against \(x)")
            }
            if a.scenarioSha256 != b.scenarioSha256 { throw differ("scenario (sha256)", String(a.scenarioSha256.prefix(12)), String(b.scenarioSha256.prefix(12))) }
            if a.planSha256 != b.planSha256 { throw differ("plan (sha256)", String(a.planSha256.prefix(12)), String(b.planSha256.prefix(12))) }
            if a.seed != b.seed { throw differ("seed", "\(a.seed)", "\(b.seed)") }
            if a.samples != b.samples { throw differ("samples", "\(a.samples)", "\(b.samples)") }
            if part.shards != first.shards { throw differ("shard count", "\(first.shards)", "\(part.shards)") }
            if a != b { throw RiskMergeError("\(path) and \(firstPath) are parts of different runs: their headers differ") }
        }
        var byShard: [Int: String] = [:]
        for (path, part) in parts {
            if let other = byShard[part.shard] {
                throw RiskMergeError("shard \(part.shard)/\(part.shards) is given twice: \(other) and \(path)")
            }
            byShard[part.shard] = path
            let expected = RiskAnalysis.shardRange(index: part.shard, count: part.shards, samples: part.header.samples)
            guard part.first == expected.lowerBound, part.count == expected.count else {
                throw RiskMergeError("\(path): shard \(part.shard)/\(part.shards) should hold samples \(expected.lowerBound + 1)–\(expected.upperBound), not \(part.first + 1)–\(part.first + part.count)")
            }
        }
        let missing = (1...first.shards).filter { byShard[$0] == nil }
        if !missing.isEmpty {
            throw RiskMergeError("missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(first.shards)" }.joined(separator: ", ")) of the run")
        }
        let ordered = parts.sorted { $0.part.shard < $1.part.shard }
        return (first.header, ordered.flatMap { $0.part.samples })
    }
}

public struct RiskMergeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

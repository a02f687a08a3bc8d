/// The pseudo-random numbers of `ivp risk`: SplitMix64 (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014), small, fast and the same on every platform.
///
/// Seed scheme: sample i (0-based) under seed S has its own stream, started at
/// s_i = mix(mix(S) + i) (wrapping arithmetic); its k-th number (k = 1, 2, …) is
/// mix(s_i + k · 0x9E3779B97F4A7C15). So a sample's draws depend only on (S, i): not on the
/// samples before it, the threads or the shard that computes it.
public struct SampleStream: Sendable {
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
    public private(set) var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// The stream of sample `sample` under `seed`.
    public init(seed: UInt64, sample: Int) {
        state = SampleStream.mix(SampleStream.mix(seed) &+ UInt64(sample))
    }

    /// SplitMix64's finaliser (a bijection of the 64-bit integers).
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= SampleStream.increment
        return SampleStream.mix(state)
    }

    /// A quantile strictly inside (0, 1): the top 53 bits, centred, (n + ½) / 2⁵³.
    public mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992
    }
}

/// Draws sampled years of a scenario from its `uncertainty` entries. A draw is made per group
/// (entries with the same `group` share it) and per entry without a group, in the order of their
/// first entry in the file; each entry turns the draw into a value by its inverse CDF.
public struct UncertaintySampler: Sendable {
    public let scenario: Scenario
    public let seed: UInt64
    /// The draw each entry uses: an index into the sample's quantiles.
    public let drawOfEntry: [Int]
    public let drawCount: Int

    public init(_ scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        self.seed = seed
        var drawOfGroup: [String: Int] = [:]
        var draws: [Int] = []
        var count = 0
        for input in scenario.uncertainty {
            if let group = input.group, let draw = drawOfGroup[group] {
                draws.append(draw)
                continue
            }
            if let group = input.group { drawOfGroup[group] = count }
            draws.append(count)
            count += 1
        }
        drawOfEntry = draws
        drawCount = count
    }

    /// The quantile of every draw of sample `sample`.
    public func quantiles(_ sample: Int) -> [Double] {
        var generator = SampleStream(seed: seed, sample: sample)
        return (0..<drawCount).map { _ in generator.nextUnit() }
    }

    /// The value of every entry in sample `sample`, in the order of `scenario.uncertainty`.
    public func values(_ sample: Int) -> [Double] {
        let draws = quantiles(sample)
        return zip(scenario.uncertainty, drawOfEntry).map { input, draw in input.distribution.quantile(draws[draw]) }
    }

    /// The scenario of sample `sample`: every entry's value set as `ivp sweep` sets it.
    public func year(_ sample: Int) throws(ParameterError) -> Scenario {
        var year = scenario
        for (input, value) in zip(scenario.uncertainty, values(sample)) {
            year = try input.parameter.applied(value, to: year)
        }
        return year
    }
}

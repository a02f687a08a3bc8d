import Foundation

/// The probability distribution of one uncertain number of a scenario (DESIGN.md 3, `uncertainty`).
/// Every distribution is sampled by its inverse cumulative distribution function: a quantile
/// u in (0, 1) gives one value, so entries of one `group` that share u move together.
public enum Distribution: Sendable, Equatable {
    case uniform(low: Double, high: Double)
    case triangular(low: Double, mode: Double, high: Double)
    /// A normal distribution truncated at 0: values below 0 are never drawn.
    case normal(mean: Double, sd: Double)
    /// `values[k]` with probability `probabilities[k]`.
    case discrete(values: [Double], probabilities: [Double])

    /// The name used in a scenario file.
    public var name: String {
        switch self {
        case .uniform: "uniform"
        case .triangular: "triangular"
        case .normal: "normal"
        case .discrete: "discrete"
        }
    }

    /// The least value the distribution can give (0 for the truncated normal).
    public var lowest: Double {
        switch self {
        case .uniform(let low, _), .triangular(let low, _, _): low
        case .normal: 0
        case .discrete(let values, let probabilities):
            zip(values, probabilities).filter { $0.1 > 0 }.map { $0.0 }.min() ?? 0
        }
    }

    /// The greatest value it can give (infinity for the normal, which has no upper end).
    public var highest: Double {
        switch self {
        case .uniform(_, let high), .triangular(_, _, let high): high
        case .normal: .infinity
        case .discrete(let values, let probabilities):
            zip(values, probabilities).filter { $0.1 > 0 }.map { $0.0 }.max() ?? 0
        }
    }

    /// The value at quantile `u` (0 < u < 1): the inverse of the cumulative distribution function.
    /// - uniform: low + u (high − low).
    /// - triangular: with c = (mode − low) / (high − low), low + √(u (high − low)(mode − low)) for
    ///   u < c, else high − √((1 − u)(high − low)(high − mode)).
    /// - normal truncated at 0: with F0 = Φ(−mean / sd), mean + sd · Φ⁻¹(F0 + u (1 − F0)), at least 0.
    /// - discrete: the first value whose cumulative probability reaches u.
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .uniform(let low, let high):
            return low + u * (high - low)
        case .triangular(let low, let mode, let high):
            let width = high - low
            guard width > 0 else { return low }
            let split = (mode - low) / width
            if u < split { return low + (u * width * (mode - low)).squareRoot() }
            return high - ((1 - u) * width * (high - mode)).squareRoot()
        case .normal(let mean, let sd):
            let floor = NormalDistribution.cdf(-mean / sd)
            let p = floor + u * (1 - floor)
            return max(0, mean + sd * NormalDistribution.inverseCDF(min(p, 1 - 1e-16)))
        case .discrete(let values, let probabilities):
            var cumulative = 0.0
            for (value, probability) in zip(values, probabilities) {
                cumulative += probability
                if u <= cumulative && probability > 0 { return value }
            }
            // Rounding can leave the sum a hair below 1: the last value with a probability.
            return Array(zip(values, probabilities)).last { $0.1 > 0 }?.0 ?? values.last ?? 0
        }
    }
}

/// One `uncertainty` entry of a scenario: a number addressed like `ivp sweep --vary` and its
/// distribution. Entries with the same `group` are drawn with one shared quantile.
public struct UncertainInput: Sendable {
    /// The parameter path as written, e.g. `pools.gooi-noord-basis.fte`.
    public var key: String
    public var parameter: ScenarioParameter
    public var distribution: Distribution
    public var group: String?
    /// The entry's place in the file (`uncertainty[2]`), for messages.
    public var path: String

    public init(parameter: ScenarioParameter, distribution: Distribution, group: String? = nil, path: String = "") {
        key = parameter.key
        self.parameter = parameter
        self.distribution = distribution
        self.group = group
        self.path = path
    }
}

/// Φ and Φ⁻¹ of the standard normal distribution.
public enum NormalDistribution {
    /// Φ(x) = erfc(−x / √2) / 2, from the C library's erfc (accurate to a few ulp over the whole line).
    public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation (relative error below 1.15e-9),
    /// refined by one step of Halley's method on Φ (then within about 1e-15). Values of p outside
    /// (0, 1) are clamped to the nearest representable interior point.
    public static func inverseCDF(_ probability: Double) -> Double {
        let p = min(max(probability, Double.leastNormalMagnitude), 1 - 1e-16)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley's step: e = Φ(x) − p, u = e √(2π) e^{x²/2}, x ← x − u / (1 + x u / 2).
        let e = cdf(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}

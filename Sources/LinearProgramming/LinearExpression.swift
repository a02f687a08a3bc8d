/// A variable of a `LinearProgram`, identified by its 0-based position.
public struct Variable: Hashable, Sendable, Comparable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }
}

/// A constraint (row) of a `LinearProgram`, identified by its 0-based position.
public struct Constraint: Hashable, Sendable, Comparable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (lhs: Constraint, rhs: Constraint) -> Bool { lhs.index < rhs.index }
}

/// Σ coefficient · variable + constant. Terms are kept in a dictionary, so the same variable
/// added twice is summed, never duplicated (GLPK aborts on a duplicate index in a row).
public struct LinearExpression: Sendable, Equatable {
    public private(set) var terms: [Variable: Double]
    public var constant: Double

    public init(_ terms: [Variable: Double] = [:], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public init(_ variable: Variable, _ coefficient: Double = 1) {
        self.terms = [variable: coefficient]
        self.constant = 0
    }

    public mutating func add(_ variable: Variable, _ coefficient: Double) {
        terms[variable, default: 0] += coefficient
    }

    public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
        for (variable, coefficient) in other.terms { terms[variable, default: 0] += factor * coefficient }
        constant += factor * other.constant
    }

    /// The terms in variable order with zero coefficients dropped: the deterministic form
    /// every backend and export uses.
    public var sortedTerms: [(variable: Variable, coefficient: Double)] {
        terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public var isEmpty: Bool { terms.values.allSatisfy { $0 == 0 } }

    /// The value of the expression for the given variable values, summed in variable order so
    /// the result is the same to the last bit in every run (dictionary order is not).
    public func evaluate(_ values: [Double]) -> Double {
        terms.sorted { $0.key < $1.key }.reduce(constant) { $0 + $1.value * values[$1.key.index] }
    }
}

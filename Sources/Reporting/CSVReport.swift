import CapacityAllocation

/// The allocation as CSV, `pool,theme,municipality,hours,effective_hours` (DESIGN.md 5); `ivp
/// evaluate` reads the same format back. Hours are written in full precision so a round trip is exact.
public enum CSVReport {
    public static let header = "pool,theme,municipality,hours,effective_hours"

    public static func render(_ result: AllocationResult) -> String {
        var lines = [header]
        for line in result.allocations {
            lines.append("\(line.pool),\(line.theme),\(line.municipality),\(number(line.hours)),\(number(line.effectiveHours))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

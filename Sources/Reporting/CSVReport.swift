import CapacityAllocation

/// The allocation as CSV, `pool,theme,municipality,hours,effective_hours` (DESIGN.md 5); `ivp
/// evaluate` and `--closest-to` read the machine dialect back. Hours have at most six decimals
/// (CSVTable): a round trip is exact to a millionth of an hour, inside evaluate's tolerance.
public enum CSVReport {
    public static let header = "pool,theme,municipality,hours,effective_hours"

    public static func render(_ result: AllocationResult, dialect: CSVDialect = .machine) -> String {
        var table = CSVTable(header: ["pool", "theme", "municipality", "hours", "effective_hours"])
        for line in result.allocations {
            table.append([.text(line.pool), .text(line.theme), .text(line.municipality), .number(line.hours), .number(line.effectiveHours)])
        }
        return table.render(dialect)
    }
}

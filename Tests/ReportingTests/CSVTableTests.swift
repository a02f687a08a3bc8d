import CapacityAllocation
import Testing
@testable import Reporting

/// The CSV writer: numbers with at most six decimals and no binary noise, the Dutch Excel dialect,
/// quoting, byte for byte.
@Suite struct CSVTableTests {
    @Test func numbersHaveAtMostSixDecimalsAndNoNoise() {
        // Sums of hours carry noise in the last binary digit; a millionth of an hour is the unit.
        #expect(CSVTable.number(15999.999999999998, .machine) == "16000")
        #expect(CSVTable.number(2414.1200000000003, .machine) == "2414.12")
        #expect(CSVTable.number(900.4499999999999, .machine) == "900.45")
        #expect(CSVTable.number(0.1234567, .machine) == "0.123457")
        #expect(CSVTable.number(-3.5, .machine) == "-3.5")
        #expect(CSVTable.number(-0.0000001, .machine) == "0", "no -0")
        #expect(CSVTable.number(0, .machine) == "0")
        #expect(CSVTable.number(10_000_000_000.5, .machine) == "10000000000.5", "beyond the fast path, no exponent")
        #expect(CSVTable.number(.nan, .machine) == "")
        // Dutch Excel: a decimal comma, and no thousands separator (Excel would read 1.234 as 1234).
        #expect(CSVTable.number(2414.1200000000003, .excelNL) == "2414,12")
        #expect(CSVTable.number(-1234567.25, .excelNL) == "-1234567,25")
    }

    @Test func theDialectsByteForByte() {
        var table = CSVTable(header: ["id", "hours"])
        table.append([.text("a;b"), .number(1.5)])
        table.append([.text(#"say "x", then"#), .number(nil)])
        #expect(table.render(.machine) == "id,hours\na;b,1.5\n\"say \"\"x\"\", then\",\n")
        // A byte order mark so that Excel reads UTF-8; ';' between fields, so 'a;b' is quoted.
        #expect(table.render(.excelNL) == "\u{FEFF}id;hours\n\"a;b\";1,5\n\"say \"\"x\"\", then\";\n")
        #expect(Array(table.render(.excelNL).utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    /// A batch's summary.csv: six decimals at most (146966.8288228999 was written raw), the
    /// seconds to the millisecond, an empty field for a missing figure, a quoted error with the
    /// separator in it; and the same for Dutch Excel.
    @Test func theBatchSummaryInBothDialects() {
        let rows = [
            BatchSummary.Row(scenario: "a.yaml", status: .optimal, objective: 146966.8288228999, attainment: 0.8130001,
                             seconds: 1.2344),
            BatchSummary.Row(scenario: "b.yaml", status: .invalid, seconds: 0.0005, error: "b.yaml:3: weight; must be ≥ 0, got -1"),
        ]
        #expect(Report.batchSummary(rows) == """
            scenario,status,objective,attainment,seconds,error
            a.yaml,optimal,146966.828823,0.813,1.234,
            b.yaml,invalid,,,0.001,"b.yaml:3: weight; must be ≥ 0, got -1"

            """)
        #expect(Report.batchSummary(rows, csv: .excelNL) == "\u{FEFF}" + """
            scenario;status;objective;attainment;seconds;error
            a.yaml;optimal;146966,828823;0,813;1,234;
            b.yaml;invalid;;;0,001;"b.yaml:3: weight; must be ≥ 0, got -1"

            """)
    }
}

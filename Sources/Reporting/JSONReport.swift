import CapacityAllocation
import Foundation

/// The machine contract (DESIGN.md 5): snake_case keys, sorted, every key present.
public enum JSONReport {
    /// Pretty-printed JSON with a final newline, byte for byte what Foundation's JSONEncoder writes
    /// with `.convertToSnakeCase` and `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, but
    /// written by `JSONWriter`, which is faster at national size and leaves anything outside the
    /// results' own shapes to JSONEncoder (JSONWriterTests holds the two to the same bytes).
    public static func render<Value: Encodable>(_ value: Value) throws -> String {
        try JSONWriter.render(value)
    }
}

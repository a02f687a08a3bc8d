import CapacityAllocation

public enum MarkdownReport {
    public static func render(_ result: AllocationResult, language: Language) -> String {
        "# \(result.scenario)\n"
    }
}

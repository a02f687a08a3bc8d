import Foundation

/// The outcome of one scenario of a batch: a status of `ivp solve`'s JSON, or `invalid` for a
/// scenario that fails validation.
public enum BatchStatus: String, Sendable, Equatable, CaseIterable {
    case optimal, infeasible, unbounded
    case timeLimit = "time_limit"
    case invalid, error

    public init(_ status: AllocationStatus) {
        switch status {
        case .optimal: self = .optimal
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .timeLimit: self = .timeLimit
        case .error: self = .error
        }
    }

    /// The batch's outcome is its most serious scenario's: a failure (`error`), then an invalid
    /// scenario, then an infeasible or unbounded one, then a time limit, then `optimal`.
    public var seriousness: Int {
        switch self {
        case .optimal: 0
        case .timeLimit: 1
        case .infeasible, .unbounded: 2
        case .invalid: 3
        case .error: 4
        }
    }
}

/// The summary of a batch, `summary.csv` and `summary.jsonl`: one row per scenario in the
/// batch's order, whatever order the scenarios finished in.
public enum BatchSummary {
    public struct Row: Equatable, Sendable {
        public var scenario: String
        public var status: BatchStatus
        public var objective: Double?
        public var attainment: Double?
        public var seconds: Double
        public var error: String?

        public init(scenario: String, status: BatchStatus, objective: Double? = nil, attainment: Double? = nil,
                    seconds: Double = 0, error: String? = nil) {
            self.scenario = scenario
            self.status = status
            self.objective = objective
            self.attainment = attainment
            self.seconds = seconds
            self.error = error
        }

        /// The row of a solved scenario: its status, objective and attainment, and the result's
        /// message when it is not optimal.
        public init(scenario: String, result: AllocationResult, seconds: Double) {
            self.init(scenario: scenario, status: BatchStatus(result.status), objective: result.objective,
                      attainment: result.attainment, seconds: seconds,
                      error: result.status == .optimal ? nil : result.message)
        }

        /// A line of `summary.jsonl` (or a `.complete` marker); nil when it is not one.
        public init?(jsonLine: String) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any],
                  let scenario = object["scenario"] as? String,
                  let status = (object["status"] as? String).flatMap(BatchStatus.init(rawValue:)) else { return nil }
            self.scenario = scenario
            self.status = status
            objective = (object["objective"] as? NSNumber)?.doubleValue
            attainment = (object["attainment"] as? NSNumber)?.doubleValue
            seconds = (object["seconds"] as? NSNumber)?.doubleValue ?? 0
            error = object["error"] as? String
        }

        public var jsonLine: String {
            "{\"scenario\":\(BatchSummary.jsonString(scenario)),\"status\":\(BatchSummary.jsonString(status.rawValue)),"
                + "\"objective\":\(BatchSummary.jsonNumber(objective)),\"attainment\":\(BatchSummary.jsonNumber(attainment)),"
                + "\"seconds\":\(BatchSummary.jsonNumber((seconds * 1000).rounded() / 1000)),"
                + "\"error\":\(error.map(BatchSummary.jsonString) ?? "null")}"
        }
    }

    /// The text of `summary.jsonl` for `rows`, in their order (`summary.csv` is Reporting's:
    /// `Report.batchSummary`).
    public static func jsonLines(_ rows: [Row]) -> String {
        rows.map { $0.jsonLine + "\n" }.joined()
    }

    /// The most serious outcome of any row (`optimal` for none).
    public static func outcome(_ rows: [Row]) -> BatchStatus {
        rows.map(\.status).max { $0.seriousness < $1.seriousness } ?? .optimal
    }

    /// The rows of several batch folders as one summary, in the order of an unsharded batch: by
    /// scenario path. Stable, so a scenario in two folders keeps both rows in the folders' order.
    public static func merged(_ rows: [Row]) -> [Row] {
        rows.enumerated().sorted { ($0.element.scenario, $0.offset) < ($1.element.scenario, $1.offset) }.map(\.element)
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func jsonNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }
}

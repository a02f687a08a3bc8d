import ArgumentParser
import CapacityAllocation
import Foundation
import LinearProgramming
import Reporting

/// `ivp batch`: solves many scenarios, each in isolation, in parallel threads, and writes one
/// result folder per scenario plus a summary; or merges the summaries of several batch folders.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solves every scenario under the given paths; one result folder each, plus summary.csv and summary.jsonl.",
        discussion: """
            Folders are searched recursively for *.yaml, *.yml and *.json, in sorted order. A failing, \
            invalid or infeasible scenario never stops the others. Exit code: the most serious outcome \
            of any scenario: 1 if any failed (status error), else 2 if any was invalid, else 3 if any \
            was infeasible or unbounded, else 4 if any hit the time limit, else 0. \
            --shard K/N keeps scenario i (counting from 0 in that order) when i mod N = K - 1, so N \
            machines given the same paths split the work without overlap. \
            With --merge the paths are batch output folders and their summaries are merged into --output. \
            Each scenario folder gets a .complete marker, written after its reports: --resume skips the \
            scenarios whose marker and reports are there (a run that was killed) and rebuilds the summary. \
            Temporary files left by a killed run are removed.
            """)

    @Argument(help: "Scenario files or folders; with --merge, batch output folders.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Folder for the results (created when missing).")
    var output: String

    @Option(help: "Scenarios solved at once, each on its own thread.")
    var jobs: Int = 1

    @Option(help: "Only the K-th of N deterministic slices of the scenarios, e.g. 2/8.")
    var shard: String?

    @Option(parsing: .upToNextOption, help: "Report formats written per scenario: markdown, json, csv.")
    var format: [ReportFormat] = [.markdown, .json]

    @Option(help: "Report language: nl or en.")
    var lang: Language = .nl

    @Flag(help: "Merge the summaries of the batch folders given as paths into --output.")
    var merge = false

    @Flag(help: "Skip scenarios whose reports a previous run into --output completed; rebuild the summary.")
    var resume = false

    @OptionGroup var solve: SolveOptionsGroup

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one scenario file or folder") }
        if !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if let shard, BatchPlan.parseShard(shard) == nil {
            throw ValidationError("--shard must be K/N with 1 <= K <= N, e.g. 2/8")
        }
        if merge && shard != nil { throw ValidationError("--shard does not apply to --merge") }
        if merge && resume { throw ValidationError("--resume does not apply to --merge") }
    }

    func run() throws {
        try Run.guarded {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw CommandFailure(message: "--output \(output): is a file; batch writes a folder of results there",
                                     code: ExitStatus.invalidInput)
            }
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
                throw CommandFailure(message: "--output \(output): cannot create the folder: \(reason)", code: ExitStatus.invalidInput)
            }
            // A run killed with SIGKILL (or a power cut) leaves its temporary files behind.
            StaleTemporaryFiles.remove(in: output)
            if merge { return try mergeSummaries() }
            var scenarios = try BatchPlan.scenarioFiles(paths)
            if let shard, let (index, count) = BatchPlan.parseShard(shard) {
                scenarios = BatchPlan.slice(scenarios, shard: index, of: count)
            }
            let rows = runAll(scenarios)
            try BatchSummary.write(rows, to: output)
            return BatchSummary.exitCode(rows)
        }
    }

    // MARK: Solving

    private func runAll(_ scenarios: [String]) -> [BatchSummary.Row] {
        let progress = BatchProgress(total: scenarios.count)
        let state = BatchState(count: scenarios.count)
        let workers = min(jobs, max(1, scenarios.count))
        var allocationOptions = solve.allocationOptions
        // `--jobs` is the number of threads the batch uses, so that it fits the cores a scheduler
        // gives it (Slurm's --cpus-per-task): unless --threads says otherwise, each scenario's
        // independent parts are solved one after another on its worker.
        allocationOptions.threads = allocationOptions.threads ?? 1
        let options = allocationOptions
        let formats = format, language = lang, output = output, resume = resume
        let folders = BatchPlan.folderNames(scenarios)
        // GLPK keeps its state per thread: each worker is a GLPKThread, which creates, solves and
        // deletes its own problems and frees GLPK's environment when it ends (DESIGN.md 6).
        let threads = (0..<workers).map { GLPKThread(name: "ivp-batch-\($0)") }
        for thread in threads {
            thread.perform {
                while let index = state.next() {
                    if resume, let row = BatchMarker.completedRow(scenario: scenarios[index], folder: folders[index],
                                                                  output: output, formats: formats) {
                        state.store(row, at: index)
                        progress.finished(row)
                        continue
                    }
                    let row = Batch.solveOne(scenarios[index], folder: folders[index], output: output,
                                             options: options, formats: formats, language: language)
                    state.store(row, at: index)
                    progress.finished(row)
                }
            }
        }
        // Each thread ends after its loop, once the scenarios run out.
        for thread in threads { thread.stopAndWait() }
        progress.end()
        return state.rows.map { $0! }
    }

    /// Solves one scenario and writes its folder; never throws, so one failure stays its own.
    static func solveOne(_ path: String, folder: String, output: String, options: AllocationOptions,
                         formats: [ReportFormat], language: Language) -> BatchSummary.Row {
        let start = Date()
        let directory = URL(fileURLWithPath: output).appendingPathComponent(folder)
        var row = BatchSummary.Row(scenario: path, status: "error", objective: nil, attainment: nil, seconds: 0, error: nil)
        // The marker goes first and comes back last: a folder without it is not finished.
        let marker = directory.appendingPathComponent(BatchMarker.name).path
        defer { try? OutputFile.write(row.jsonLine + "\n", to: marker) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            unlink(marker)
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(path: path)
            } catch {
                row.status = "invalid"
                row.error = error.description
                try OutputFile.write(error.description + "\n", to: directory.appendingPathComponent("errors.txt").path)
                row.seconds = Date().timeIntervalSince(start)
                return row
            }
            let result = try Allocator.solve(scenario, options: options)
            for format in formats {
                switch format {
                case .markdown:
                    try OutputFile.write(MarkdownReport.render(result, language: language),
                                         to: directory.appendingPathComponent("report.md").path)
                case .json:
                    try OutputFile.write(try JSONReport.render(result), to: directory.appendingPathComponent("report.json").path)
                case .csv:
                    try OutputFile.write(CSVReport.render(result), to: directory.appendingPathComponent("allocation.csv").path)
                case .html: try OutputFile.write(HTMLReport.render(result, language: language), to: directory.appendingPathComponent("report.html").path)
                }
            }
            row.status = result.status.rawValue
            row.objective = result.objective
            row.attainment = result.attainment
            row.error = result.status == .optimal ? nil : result.message
        } catch let failure as CommandFailure {
            row.error = failure.message
        } catch {
            row.error = "\(error)"
        }
        if row.status == "error" {
            try? OutputFile.write((row.error ?? "unknown failure") + "\n", to: directory.appendingPathComponent("errors.txt").path)
        }
        row.seconds = Date().timeIntervalSince(start)
        return row
    }

    // MARK: Merging

    private func mergeSummaries() throws -> Int32 {
        var rows: [BatchSummary.Row] = []
        for folder in paths {
            let path = URL(fileURLWithPath: folder).appendingPathComponent("summary.jsonl").path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(message: "\(path): no batch summary there", code: ExitStatus.invalidInput)
            }
            for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
                guard let row = BatchSummary.Row(jsonLine: String(line)) else {
                    throw CommandFailure(message: "\(path):\(number + 1): not a summary line", code: ExitStatus.invalidInput)
                }
                rows.append(row)
            }
        }
        // The order of an unsharded batch of one folder: by scenario path. Stable, so a scenario
        // that appears in two folders keeps both rows in the order the folders were given.
        rows = rows.enumerated().sorted { ($0.element.scenario, $0.offset) < ($1.element.scenario, $1.offset) }.map(\.element)
        try BatchSummary.write(rows, to: output)
        return BatchSummary.exitCode(rows)
    }
}

/// `.complete` in a scenario's folder: its summary row, written after all its reports, so that
/// `--resume` knows which scenarios a killed run finished.
enum BatchMarker {
    static let name = ".complete"

    /// The row of a scenario that a previous run finished, when its marker and its reports (in
    /// `formats`) are all there.
    static func completedRow(scenario: String, folder: String, output: String, formats: [ReportFormat]) -> BatchSummary.Row? {
        let directory = URL(fileURLWithPath: output).appendingPathComponent(folder)
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
              let row = BatchSummary.Row(jsonLine: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)),
              row.scenario == scenario, row.status != "error" else { return nil }  // a failure is tried again
        let files: [String]
        switch row.status {
        case "invalid": files = ["errors.txt"]
        default:
            files = formats.map { format in
                switch format {
                case .markdown: "report.md"
                case .json: "report.json"
                case .csv: "allocation.csv"
                case .html: "report.html"
                }
            }
        }
        guard files.allSatisfy({ FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }) else { return nil }
        return row
    }
}

/// Which scenarios a batch runs, in which order, and where each one's results go.
enum BatchPlan {
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Every scenario file under `paths`: files as given, folders searched recursively and sorted,
    /// each file once, in the order of `paths`.
    static func scenarioFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            if seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted { files.append(path) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure(message: "\(path): no such file or folder", code: ExitStatus.invalidInput)
            }
            guard isDirectory.boolValue else {
                add(path)
                continue
            }
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = URL(fileURLWithPath: relative).lastPathComponent
                guard !name.hasPrefix("."), extensions.contains(URL(fileURLWithPath: relative).pathExtension.lowercased()) else { continue }
                let full = (path.hasSuffix("/") ? path : path + "/") + relative
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue { found.append(full) }
            }
            // Byte order, not the locale's, so every machine sorts the same way.
            for file in found.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { add(file) }
        }
        return files
    }

    /// "K/N" as (K, N) with 1 <= K <= N.
    static func parseShard(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, (1...count).contains(index) else { return nil }
        return (index, count)
    }

    /// Round robin: scenario i belongs to shard (i mod N) + 1, so shards differ by at most one
    /// scenario in size and each scenario is in exactly one.
    static func slice<T>(_ items: [T], shard index: Int, of count: Int) -> [T] {
        items.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }

    /// One folder name per scenario: its path as given, with `/` as `__`, the extension's dot as
    /// `_` and anything outside letters, digits, `-`, `_` and `.` as `-`; unique by construction
    /// for distinct paths except for clashes of replaced characters, which get a numeric suffix.
    static func folderNames(_ scenarios: [String]) -> [String] {
        var used = Set<String>()
        return scenarios.map { path in
            var trimmed = path
            while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
            while trimmed.hasPrefix("/") { trimmed.removeFirst() }
            let url = URL(fileURLWithPath: trimmed)
            let ext = url.pathExtension
            var stem = ext.isEmpty ? trimmed : String(trimmed.dropLast(ext.count + 1))
            stem = stem.replacingOccurrences(of: "/", with: "__")
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
            var name = String(stem.map { allowed.contains($0) ? $0 : "-" }) + (ext.isEmpty ? "" : "_" + ext)
            if name.hasPrefix(".") { name = "_" + name }
            var candidate = name, counter = 2
            while !used.insert(candidate).inserted {
                candidate = "\(name)-\(counter)"
                counter += 1
            }
            return candidate
        }
    }
}

/// The summary files of a batch: `summary.csv` and `summary.jsonl`, one row per scenario in the
/// batch's order, whatever order the scenarios finished in.
enum BatchSummary {
    struct Row: Equatable {
        var scenario: String
        /// A status of solve's JSON (`optimal`, `infeasible`, `unbounded`, `time_limit`, `error`)
        /// or `invalid` for a scenario that fails validation.
        var status: String
        var objective: Double?
        var attainment: Double?
        var seconds: Double
        var error: String?

        init(scenario: String, status: String, objective: Double?, attainment: Double?, seconds: Double, error: String?) {
            self.scenario = scenario
            self.status = status
            self.objective = objective
            self.attainment = attainment
            self.seconds = seconds
            self.error = error
        }

        init?(jsonLine: String) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any],
                  let scenario = object["scenario"] as? String, let status = object["status"] as? String else { return nil }
            self.scenario = scenario
            self.status = status
            objective = (object["objective"] as? NSNumber)?.doubleValue
            attainment = (object["attainment"] as? NSNumber)?.doubleValue
            seconds = (object["seconds"] as? NSNumber)?.doubleValue ?? 0
            error = object["error"] as? String
        }

        var jsonLine: String {
            "{\"scenario\":\(BatchSummary.jsonString(scenario)),\"status\":\(BatchSummary.jsonString(status)),"
                + "\"objective\":\(BatchSummary.jsonNumber(objective)),\"attainment\":\(BatchSummary.jsonNumber(attainment)),"
                + "\"seconds\":\(BatchSummary.jsonNumber(seconds.rounded(toPlaces: 3))),\"error\":\(error.map(BatchSummary.jsonString) ?? "null")}"
        }

        var csvLine: String {
            [BatchSummary.csvField(scenario), status, objective.map { "\($0)" } ?? "", attainment.map { "\($0)" } ?? "",
             String(format: "%.3f", seconds), BatchSummary.csvField(error ?? "")].joined(separator: ",")
        }
    }

    static let csvHeader = "scenario,status,objective,attainment,seconds,error"

    static func write(_ rows: [Row], to folder: String) throws {
        let csv = ([csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n"
        let jsonl = rows.map { $0.jsonLine + "\n" }.joined()
        try OutputFile.write(csv, to: URL(fileURLWithPath: folder).appendingPathComponent("summary.csv").path)
        try OutputFile.write(jsonl, to: URL(fileURLWithPath: folder).appendingPathComponent("summary.jsonl").path)
    }

    /// The most serious outcome, with the exit codes of `ivp solve`.
    static func exitCode(_ rows: [Row]) -> Int32 {
        let statuses = Set(rows.map(\.status))
        if statuses.contains("error") { return ExitStatus.internalFailure }
        if statuses.contains("invalid") { return ExitStatus.invalidInput }
        if statuses.contains("infeasible") || statuses.contains("unbounded") { return ExitStatus.infeasible }
        if statuses.contains("time_limit") { return ExitStatus.timeLimit }
        return 0
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

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = pow(10, Double(places))
        return (self * factor).rounded() / factor
    }
}

/// Hands out scenario indices to workers and collects their rows.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private(set) var rows: [BatchSummary.Row?]

    init(count: Int) { rows = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < rows.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func store(_ row: BatchSummary.Row, at index: Int) {
        lock.lock()
        rows[index] = row
        lock.unlock()
    }
}

/// Progress on standard error: a bar redrawn in place on a terminal, one plain line per scenario
/// otherwise (logs of Slurm or Kubernetes).
private final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var finishedCount = 0
    private var failed = 0
    private let terminal = isatty(STDERR_FILENO) != 0

    init(total: Int) { self.total = total }

    func finished(_ row: BatchSummary.Row) {
        lock.lock()
        defer { lock.unlock() }
        finishedCount += 1
        if row.status != "optimal" { failed += 1 }
        let seconds = String(format: "%.2f s", row.seconds)
        if terminal {
            let width = 30
            let filled = total == 0 ? width : width * finishedCount / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let name = row.scenario.count > 40 ? "…" + row.scenario.suffix(39) : row.scenario
            let text = "\r\u{1B}[K[\(bar)] \(finishedCount)/\(total), \(failed) not optimal: \(name) \(row.status)"
            StandardStreams.writeError(text)
        } else {
            StandardStreams.writeError("ivp batch: [\(finishedCount)/\(total)] \(row.scenario): \(row.status) (\(seconds))\n")
        }
    }

    func end() {
        lock.lock()
        defer { lock.unlock() }
        if terminal && finishedCount > 0 { StandardStreams.writeError("\n") }
    }
}

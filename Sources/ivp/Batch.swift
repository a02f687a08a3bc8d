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

    @OptionGroup var csv: CSVOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one scenario file or folder") }
        if !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if let shard, BatchShard(shard) == nil {
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
            var scenarios: [String]
            do {
                scenarios = try BatchPlan.scenarioFiles(paths)
            } catch {
                throw CommandFailure(message: "\(error)", code: ExitStatus.invalidInput)
            }
            if let shard = shard.flatMap(BatchShard.init) { scenarios = shard.slice(scenarios) }
            let rows = runAll(scenarios)
            try Batch.writeSummary(rows, to: output, dialect: csv.csvDialect)
            return Batch.exitCode(BatchSummary.outcome(rows))
        }
    }

    // MARK: Solving

    private func runAll(_ scenarios: [String]) -> [BatchSummary.Row] {
        let progress = BatchProgress(total: scenarios.count)
        var allocationOptions = solve.allocationOptions
        // `--jobs` is the number of threads the batch uses, so that it fits the cores a scheduler
        // gives it (Slurm's --cpus-per-task): unless --threads says otherwise, each scenario's
        // independent parts are solved one after another on its worker.
        allocationOptions.threads = allocationOptions.threads ?? 1
        let options = allocationOptions
        let formats = format, language = lang, output = output, resume = resume, dialect = csv.csvDialect
        let folders = BatchPlan.folderNames(scenarios)
        // GLPK keeps its state per thread: each job is a GLPKThread (DESIGN.md 6).
        let rows = GLPKThread.map(scenarios.count, threads: jobs, name: "ivp-batch") { index in
            let folder = URL(fileURLWithPath: output).appendingPathComponent(folders[index])
            let finished = resume
                ? BatchMarker.completedRow(scenario: scenarios[index], folder: folder, reports: formats.map(\.batchFileName))
                : nil
            let row = finished ?? Batch.solveOne(scenarios[index], folder: folder, options: options, formats: formats,
                                                 language: language, dialect: dialect)
            progress.finished(row)
            return row
        }
        progress.end()
        return rows
    }

    /// Solves one scenario and writes its folder; never throws, so one failure stays its own.
    static func solveOne(_ path: String, folder directory: URL, options: AllocationOptions,
                         formats: [ReportFormat], language: Language, dialect: CSVDialect) -> BatchSummary.Row {
        let start = Date()
        var row = BatchSummary.Row(scenario: path, status: .error)
        // The marker goes first and comes back last: a folder without it is not finished.
        let marker = directory.appendingPathComponent(BatchMarker.name).path
        defer { try? OutputFile.write(row.jsonLine + "\n", to: marker) }
        let errors = directory.appendingPathComponent("errors.txt").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: marker)
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(path: path)
            } catch {
                row = BatchSummary.Row(scenario: path, status: .invalid, seconds: Date().timeIntervalSince(start),
                                       error: error.description)
                try OutputFile.write(error.description + "\n", to: errors)
                return row
            }
            let result = try Allocator.solve(scenario, options: options)
            for format in formats {
                let file = directory.appendingPathComponent(format.batchFileName).path
                try OutputFile.write(try Report.render(result, as: format, language: language, csv: dialect), to: file)
            }
            row = BatchSummary.Row(scenario: path, result: result, seconds: 0)
        } catch let failure as CommandFailure {
            row.error = failure.message
        } catch {
            row.error = "\(error)"
        }
        if row.status == .error {
            try? OutputFile.write((row.error ?? "unknown failure") + "\n", to: errors)
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
        rows = BatchSummary.merged(rows)
        try Batch.writeSummary(rows, to: output, dialect: csv.csvDialect)
        return Batch.exitCode(BatchSummary.outcome(rows))
    }

    // MARK: Output

    static func writeSummary(_ rows: [BatchSummary.Row], to folder: String, dialect: CSVDialect) throws {
        try OutputFile.write(Report.batchSummary(rows, csv: dialect),
                             to: URL(fileURLWithPath: folder).appendingPathComponent("summary.csv").path)
        try OutputFile.write(BatchSummary.jsonLines(rows), to: URL(fileURLWithPath: folder).appendingPathComponent("summary.jsonl").path)
    }

    /// The batch's exit code: that of `ivp solve` for its most serious outcome.
    static func exitCode(_ outcome: BatchStatus) -> Int32 {
        switch outcome {
        case .error: ExitStatus.internalFailure
        case .invalid: ExitStatus.invalidInput
        case .infeasible, .unbounded: ExitStatus.infeasible
        case .timeLimit: ExitStatus.timeLimit
        case .optimal: 0
        }
    }
}

extension ReportFormat {
    /// The file a batch writes this report to, in each scenario's folder.
    var batchFileName: String {
        switch self {
        case .markdown: "report.md"
        case .json: "report.json"
        case .csv: "allocation.csv"
        case .html: "report.html"
        }
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
        if row.status != .optimal { failed += 1 }
        let seconds = String(format: "%.2f s", row.seconds)
        if terminal {
            let width = 30
            let filled = total == 0 ? width : width * finishedCount / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let name = row.scenario.count > 40 ? "…" + row.scenario.suffix(39) : row.scenario
            let text = "\r\u{1B}[K[\(bar)] \(finishedCount)/\(total), \(failed) not optimal: \(name) \(row.status.rawValue)"
            StandardStreams.writeError(text)
        } else {
            StandardStreams.writeError("ivp batch: [\(finishedCount)/\(total)] \(row.scenario): \(row.status.rawValue) (\(seconds))\n")
        }
    }

    func end() {
        lock.lock()
        defer { lock.unlock() }
        if terminal && finishedCount > 0 { StandardStreams.writeError("\n") }
    }
}

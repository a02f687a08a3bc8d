import ArgumentParser
import CapacityAllocation
import Foundation
import LinearProgramming
import Reporting

extension ReportFormat: ExpressibleByArgument {}
extension CSVDialect: ExpressibleByArgument {}

/// `--csv-dialect`: how `--format csv` is written (the machine format, or for Dutch Excel).
struct CSVOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --format csv: machine (',' and '.', what evaluate reads back) or excel-nl (';' and decimal commas, for Dutch Excel).",
                               valueName: "dialect"))
    var csvDialect: CSVDialect = .machine
}

extension Language: ExpressibleByArgument {}
extension SolveMode: ExpressibleByArgument {}
extension SolverMethod: ExpressibleByArgument {}

struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output (written whole or not at all).")
    var output: String?

    /// Writes `text` to the output file atomically, or to standard output.
    func write(_ text: String) throws {
        guard let output else {
            try StandardStreams.writeOutput(text)
            return
        }
        try OutputFile.write(text, to: output)
    }
}

enum OutputFile {
    /// Writes to a temporary file beside the target and renames it into place, so a reader never
    /// sees half a report and an old report is never lost to a failed write. A path that cannot be
    /// written (no such folder, no permission) is exit code 2; a write that fails on the way (a
    /// full disk) is exit code 1, and nothing is left behind.
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let data = Data(text.utf8)
        // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written to directly: renaming a
        // file over it would replace the device.
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFDIR {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw CommandFailure(message: "\(path): cannot write: \(String(cString: strerror(errno)))", code: ExitStatus.invalidInput)
            }
            defer { close(descriptor) }
            if let reason = StandardStreams.writeAll(descriptor, data) {
                throw CommandFailure(message: "\(path): cannot write: \(reason)", code: ExitStatus.internalFailure)
            }
            return
        }
        if exists && (status.st_mode & S_IFMT) == S_IFDIR {
            throw CommandFailure(message: "\(path): is a folder; give a file name", code: ExitStatus.invalidInput)
        }
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(message: "\(path): the folder \(directory.path) does not exist", code: ExitStatus.invalidInput)
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        TemporaryFiles.register(temporary)
        defer { TemporaryFiles.unregister(temporary) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure(message: "\(path): cannot write: \(String(cString: strerror(errno)))", code: ExitStatus.invalidInput)
        }
        var failure = StandardStreams.writeAll(descriptor, data)
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw CommandFailure(message: "\(path): cannot write: \(failure)", code: ExitStatus.internalFailure)
        }
        if rename(temporary, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure(message: "\(path): cannot write: \(reason)", code: ExitStatus.invalidInput)
        }
    }
}

/// A failure that ends the command with a message on standard error and an exit code.
struct CommandFailure: Error {
    var message: String
    var code: Int32
}

enum Run {
    /// What a command keeps until the process ends (see `keepUntilExit`).
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `values` alive until the process exits, so the end of a run does not spend time
    /// freeing a national model piece by piece (about 20 ms): the system takes the memory back
    /// at once. Only for what a command holds until its very end.
    static func keepUntilExit(_ values: Any...) {
        kept.append(contentsOf: values)
    }

    /// Runs a command body, turning every error into a message on standard error and its exit code:
    /// never a stack trace.
    static func guarded(_ body: () throws -> Int32) throws {
        let code: Int32
        do {
            code = try body()
        } catch let error as ScenarioError {
            printError(error.description)
            code = ExitStatus.invalidInput
        } catch let error as CommandFailure {
            printError("ivp: \(error.message)")
            code = error.code
        } catch let error as ModelError {
            printError("ivp: the model cannot be solved: \(error.description)")
            code = ExitStatus.invalidInput
        } catch let error as SolverError {
            printError("ivp: \(error.message)")
            code = ExitStatus.internalFailure
        } catch {
            printError("ivp: \(error)")
            code = ExitStatus.internalFailure
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Prints what looks wrong in a scenario but does not stop it (DESIGN.md 3) on standard error.
    static func printWarnings(_ scenario: Scenario) {
        for warning in scenario.warnings { printError(warning.description) }
    }

    static func printError(_ text: String) {
        StandardStreams.writeError(text + "\n")
    }

    /// The bundled Gooi en Vechtstreek scenario, looked up beside the executable's package.
    static func bundledScenario() throws -> String {
        guard let path = BundledScenario.path() else {
            throw CommandFailure(message: "no scenario given and the bundled \(BundledScenario.name) was not found; give a FILE",
                                 code: ExitStatus.invalidInput)
        }
        return path
    }

    static func exitCode(for status: AllocationStatus) -> Int32 {
        switch status {
        case .optimal: 0
        case .infeasible, .unbounded: ExitStatus.infeasible
        case .timeLimit: ExitStatus.timeLimit
        case .error: ExitStatus.internalFailure
        }
    }
}

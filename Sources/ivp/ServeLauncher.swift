import ArgumentParser
import Foundation

/// `ivp serve …` runs the server executable `ivp-serve` from the same build folder, with the same
/// arguments. The server (Hummingbird, SwiftNIO) is its own executable so that the command line
/// builds in a fraction of the time; `scripts/serve` builds and starts it. SIGINT and SIGTERM are
/// passed on, so the server shuts down cleanly, and its exit code is this command's.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Starts the live what-if page for a meeting (and its JSON API) on this computer.",
        discussion: """
            Runs ivp-serve (build it with `swift build -c release --product ivp-serve`, or use \
            scripts/serve); `ivp serve --help-server` lists its options: [SCENARIO|FOLDER] --port N \
            --host ADDR --lang nl|en --allow-save --max-sessions N --change-time-limit SECONDS --token T.
            """)

    @Argument(parsing: .allUnrecognized, help: "The arguments of ivp-serve.")
    var arguments: [String] = []

    func run() throws {
        let server = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ivp-serve")
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            Run.printError("ivp: serve needs ivp-serve beside ivp (\(server.path)); build it with `swift build -c release --product ivp-serve` (or run scripts/serve)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let process = Process()
        process.executableURL = server
        process.arguments = arguments.map { $0 == "--help-server" ? "--help" : $0 }
        do {
            try process.run()
        } catch {
            Run.printError("ivp: cannot start \(server.path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.internalFailure)
        }
        TemporaryFiles.forwardSignals(to: process.processIdentifier)
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}

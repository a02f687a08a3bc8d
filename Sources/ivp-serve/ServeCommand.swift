import ArgumentParser
import CapacityAllocation
import Foundation
import LinearProgramming
import Reporting
import Server

/// `ivp serve`, built as its own executable (`ivp-serve`) so that the command line builds
/// without the server's dependencies; `ivp serve` starts it.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ivp serve",
        abstract: "Starts the live what-if page for a meeting (and its JSON API) on this computer.",
        discussion: """
            Prints the address to open, with an access token (http://127.0.0.1:8080/?token=…); every \
            request needs the token. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM. One line per request \
            on standard error. The JSON API is described in docs/cli.md and docs/openapi.yaml.
            """)

    @Argument(help: "A scenario file or a folder of scenarios; the bundled Gooi en Vechtstreek scenario when omitted.")
    var path: String?

    @Option(help: "Port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(help: "Address to listen on; only this computer by default.")
    var host: String = "127.0.0.1"

    @Option(help: "Language of the page: nl or en.")
    var lang: Language = .nl

    @Flag(help: "Let \"save as what-if\" also write into the scenario's folder.")
    var allowSave = false

    @Option(help: ArgumentHelp("Live sessions kept at most; the least recently used is dropped.", valueName: "n"))
    var maxSessions: Int = 16

    @Option(help: ArgumentHelp("Seconds one change may take (its solve and re-solves).", valueName: "seconds"))
    var changeTimeLimit: Double = 10

    @Option(help: ArgumentHelp("Access token (default: a new random one each start).", valueName: "token"))
    var token: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...1000).contains(maxSessions) else { throw ValidationError("--max-sessions must be between 1 and 1000") }
        guard changeTimeLimit.isFinite, changeTimeLimit > 0 else { throw ValidationError("--change-time-limit must be a positive number of seconds") }
        if let token, token.count < 16 || token.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "_" }) {
            throw ValidationError("--token must be at least 16 letters, digits, - or _")
        }
    }

    func run() async throws {
        // Every session re-solves on a GLPK thread of its own: keep GLPK's freed arrays for reuse.
        GLPK.keepFreedMemory()
        func fail(_ message: String, _ code: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("ivp serve: \(message)\n".utf8))
            return ExitCode(code)
        }
        let catalog: Catalog
        do {
            guard let path = self.path ?? BundledScenario.path() else {
                throw fail("no scenario given and the bundled \(BundledScenario.name) was not found; give a FILE or FOLDER", 2)
            }
            let loaded = try Catalog.load(path)
            for warning in loaded.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            catalog = loaded.catalog
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail("\(error)", 2)
        }
        let configuration = ServeConfiguration(host: host, port: port, language: lang, allowSave: allowSave,
                                               maxSessions: maxSessions, changeTimeLimit: changeTimeLimit, token: token)
        do {
            try await LiveServer.run(catalog, configuration: configuration) { address in
                FileHandle.standardOutput.write(Data((address + "\n").utf8))
            }
        } catch {
            throw fail("\(error)", 1)
        }
    }
}

extension Language: ExpressibleByArgument {}

import Foundation
import Testing

/// `ivp serve` through HTTP, as a script or the page uses it: the built binary on a free port,
/// requests with curl. Every endpoint, the refusals (401, 404, 409, 413, 422) and that the state
/// after random changes is what `ivp solve` gives on the saved what-if.
@Suite struct ServeTests {
    static let token = "servetest-0123456789abcdef"
    static let bundled = CLI.repository.appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml")

    /// A running `ivp serve` on a free port, stopped with SIGTERM at the end.
    final class Server {
        let process = Process()
        let base: String
        let folder: URL
        private let errors = Pipe()

        /// Serves a copy of the bundled scenario in a folder of its own (so --allow-save writes there).
        init(allowSave: Bool = true, extra: [String] = []) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: ServeTests.bundled, to: folder.appendingPathComponent("gooi.yaml"))
            process.executableURL = CLI.binary
            process.arguments = ["serve", folder.path, "--port", "0", "--token", ServeTests.token] + (allowSave ? ["--allow-save"] : []) + extra
            let output = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // The first line on standard output is the address with the token.
            var line = Data()
            let deadline = Date().addingTimeInterval(30)
            while !line.contains(0x0A), Date() < deadline {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let address = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let range = address.range(of: "/?token=") else {
                process.terminate()
                throw ServeTestError("ivp serve printed no address: '\(address)'")
            }
            #expect(address.hasPrefix("http://127.0.0.1:"))
            #expect(address.hasSuffix("token=\(ServeTests.token)"))
            base = String(address[..<range.lowerBound])
        }

        /// Stops the server (SIGTERM) and returns its exit status and standard error (the request log).
        func stop() -> (status: Int32, log: String) {
            process.terminate()
            process.waitUntilExit()
            let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try? FileManager.default.removeItem(at: folder)
            return (process.terminationStatus, log)
        }
    }

    struct ServeTestError: Error, CustomStringConvertible {
        var description: String
        init(_ text: String) { description = text }
    }

    struct Reply {
        var status: Int
        var body: Data
        var headers: String
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// One request with curl; `token: nil` sends none.
    static func request(_ method: String, _ url: String, body: Data? = nil, token: String? = ServeTests.token,
                        headers: [String] = [], contentType: String = "application/json") throws -> Reply {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let bodyFile = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-serve-body-\(UUID().uuidString)")
        let headerFile = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-serve-headers-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: bodyFile)
            try? FileManager.default.removeItem(at: headerFile)
        }
        var arguments = ["curl", "-s", "-X", method, "-D", headerFile.path, "-o", "-", "-w", "\n%{http_code}", url]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        for header in headers { arguments += ["-H", header] }
        if let body {
            try body.write(to: bodyFile)
            arguments += ["-H", "Content-Type: \(contentType)", "--data-binary", "@\(bodyFile.path)"]
        }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
            throw ServeTestError("curl gave no status for \(method) \(url): \(text)")
        }
        let headers = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        return Reply(status: status, body: Data(text[..<newline].utf8), headers: headers)
    }

    static func json(_ object: [String: Any]) -> Data { try! JSONSerialization.data(withJSONObject: object) }

    static func openSession(_ server: Server) throws -> String {
        let reply = try request("POST", "\(server.base)/api/sessions", body: json(["scenario": "gooi"]))
        #expect(reply.status == 201)
        return try #require(reply.json["id"] as? String)
    }

    static func solveObjective(_ file: URL, mode: String = "weighted") throws -> Double? {
        let output = try CLI.run(["solve", file.path, "--format", "json", "--mode", mode])
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return object?["objective"] as? Double
    }

    @Test func everyEndpoint() throws {
        let server = try Server()
        defer { _ = server.stop() }
        let base = server.base

        let scenarios = try Self.request("GET", "\(base)/api/scenarios")
        #expect(scenarios.status == 200)
        let list = try JSONSerialization.jsonObject(with: scenarios.body) as? [[String: Any]]
        #expect(list?.count == 1)
        #expect(list?.first?["id"] as? String == "gooi")
        #expect(list?.first?["name"] as? String == "IVP Gooi en Vechtstreek 2023-2026")

        let id = try Self.openSession(server)
        let plan = try Self.request("GET", "\(base)/api/sessions/\(id)/result")
        #expect(plan.status == 200)
        #expect(plan.json["state"] as? Int == 0)
        let planObjective = try #require(plan.json["objective"] as? Double)
        let solved = try #require(try Self.solveObjective(Self.bundled))
        #expect(abs(planObjective - solved) <= 1e-9 * abs(solved))
        #expect(plan.json["difference"] is NSNull)
        #expect(plan.json["headlines"] != nil || plan.json["capacity_cut"] != nil)

        let change = try Self.request("POST", "\(base)/api/sessions/\(id)/changes",
                                      body: Self.json(["parameter": "pools.gooi-zuid-basis.fte", "value": 126]))
        #expect(change.status == 200)
        #expect(change.json["state"] as? Int == 1)
        let difference = try #require(change.json["difference"] as? [String: Any])
        let inputs = difference["input_changes"] as? [[String: Any]]
        #expect(inputs?.count == 1)
        #expect(inputs?.first?["path"] as? String == "pools[gooi-zuid-basis].fte")
        #expect(inputs?.first?["other"] as? String == "126")
        #expect((change.json["choice"] as? [String: Any])?["stable"] as? Bool == true)
        let changed = try #require(change.json["objective"] as? Double)
        #expect(changed > planObjective)

        let mode = try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: Self.json(["parameter": "mode", "value": "maxmin"]))
        #expect(mode.status == 200)
        #expect(mode.json["mode"] as? String == "maxmin")

        let undo = try Self.request("POST", "\(base)/api/sessions/\(id)/undo")
        #expect(undo.status == 200)
        #expect(undo.json["state"] as? Int == 1)
        #expect(undo.json["objective"] as? Double == changed)
        let redo = try Self.request("POST", "\(base)/api/sessions/\(id)/redo")
        #expect(redo.status == 200)
        #expect(redo.json["state"] as? Int == 2)
        #expect(try Self.request("POST", "\(base)/api/sessions/\(id)/redo").status == 409)

        let states = try Self.request("GET", "\(base)/api/sessions/\(id)/states")
        #expect(states.status == 200)
        #expect((states.json["states"] as? [Any])?.count == 3)
        #expect(states.json["current"] as? Int == 2)
        let jump = try Self.request("POST", "\(base)/api/sessions/\(id)/states/1")
        #expect(jump.status == 200)
        #expect(jump.json["state"] as? Int == 1)

        let yaml = try Self.request("GET", "\(base)/api/sessions/\(id)/whatif.yaml")
        #expect(yaml.status == 200)
        #expect(yaml.text.contains("extends: gooi.yaml"))
        #expect(yaml.text.contains("fte: 126"))
        #expect(yaml.headers.lowercased().contains("content-disposition: attachment"))

        let report = try Self.request("GET", "\(base)/api/sessions/\(id)/report.html?lang=en")
        #expect(report.status == 200)
        #expect(report.text.hasPrefix("<!DOCTYPE html>"))
        #expect(report.text.contains("id=\"chart-hours\""))
        #expect(!report.text.contains("<script"))

        let compare = try Self.request("GET", "\(base)/api/sessions/\(id)/compare.html?a=0&b=1")
        #expect(compare.status == 200)
        #expect(compare.text.contains("chart-shift-themes-1"))
        #expect(try Self.request("GET", "\(base)/api/sessions/\(id)/compare.html?a=0&b=9").status == 404)

        let fragments = try Self.request("GET", "\(base)/api/sessions/\(id)/fragments?lang=en")
        #expect(fragments.status == 200)
        let html = try #require(fragments.json["html"] as? [String: String])
        #expect(html["charts"]?.contains("<svg") == true)
        #expect(html["coverage"]?.contains("chart-coverage") == true)
        #expect(html["difference"]?.contains("gooi-zuid-basis") == true)
        #expect((fragments.json["values"] as? [String: String])?["pools.gooi-zuid-basis.fte"] == "126")

        let save = try Self.request("POST", "\(base)/api/sessions/\(id)/save")
        #expect(save.status == 201)
        let file = try #require(save.json["file"] as? String)
        let saved = server.folder.appendingPathComponent(file)
        #expect(FileManager.default.fileExists(atPath: saved.path))
        let savedObjective = try #require(try Self.solveObjective(saved))
        #expect(abs(savedObjective - changed) <= 1e-9 * abs(changed))

        let reset = try Self.request("POST", "\(base)/api/sessions/\(id)/reset")
        #expect(reset.status == 200)
        #expect(reset.json["state"] as? Int == 0)
        #expect(try Self.request("POST", "\(base)/api/sessions/\(id)/undo").status == 409)

        // The page: with ?token= it sets the cookie, with the cookie it needs no token.
        let page = try Self.request("GET", "\(base)/?token=\(Self.token)&lang=en", token: nil)
        #expect(page.status == 200)
        #expect(page.text.contains("<html lang=\"en\">"))
        #expect(page.headers.contains("ivp_token=\(Self.token)"))
        #expect(!page.text.contains("http://") || !page.text.contains("https://"))
        let withCookie = try Self.request("GET", "\(base)/api/scenarios", token: nil, headers: ["Cookie: ivp_token=\(Self.token)"])
        #expect(withCookie.status == 200)

        let (status, log) = server.stop()
        #expect(status == 0)
        // One line per request: method, path, status, milliseconds; never the token.
        #expect(log.contains("POST /api/sessions/\(id)/changes 200 "))
        #expect(log.contains("GET /api/scenarios 200 "))
        #expect(!log.contains(Self.token))
    }

    @Test func refusals() throws {
        let server = try Server(allowSave: false)
        defer { _ = server.stop() }
        let base = server.base

        // No token, a wrong token: 401 with a message.
        let missing = try Self.request("GET", "\(base)/api/scenarios", token: nil)
        #expect(missing.status == 401)
        #expect((missing.json["error"] as? String)?.contains("token") == true)
        #expect(try Self.request("GET", "\(base)/api/scenarios", token: "wrong-token-0123456789").status == 401)
        #expect(try Self.request("GET", "\(base)/", token: nil).status == 401)

        // Unknown sessions and addresses: 404 with a message.
        let unknown = try Self.request("GET", "\(base)/api/sessions/nosuchsession/result")
        #expect(unknown.status == 404)
        #expect((unknown.json["error"] as? String)?.contains("no session") == true)
        #expect(try Self.request("POST", "\(base)/api/sessions/nosuchsession/changes",
                                 body: Self.json(["parameter": "reserve", "value": 0.1])).status == 404)
        let route = try Self.request("GET", "\(base)/etc/passwd")
        #expect(route.status == 404)
        #expect(route.json["error"] != nil)
        #expect(try Self.request("POST", "\(base)/api/sessions", body: Self.json(["scenario": "../gooi"])).status == 422)

        let id = try Self.openSession(server)
        let before = try Self.request("GET", "\(base)/api/sessions/\(id)/result")
        // Invalid values: 422 naming the problem, nothing changed.
        for (parameter, value, words) in [("pools.gooi-zuid-basis.fte", -5.0, "outside"), ("pools.gooi-zuid-basis.availability", 1.5, "outside"),
                                          ("themes.noodhulp.minimum", 2.0, "outside"), ("reserve", 1.0, "outside"),
                                          ("pools.nosuchpool.fte", 1.0, "no pool"), ("themes.noodhulp.colour", 1.0, "cannot be varied"),
                                          ("presence.community.hours_per_1000_inhabitants", -1.0, "outside"),
                                          ("presence.cyber.hours_per_1000_inhabitants", 1.0, "no presence rule"),
                                          ("themes.noodhulp.adopted", 0.0, "only a candidate or a local theme"),
                                          ("themes.verkeersveiligheid.adopted", 0.5, "expected 1 (adopted) or 0 (dropped)")] as [(String, Double, String)] {
            let reply = try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: Self.json(["parameter": parameter, "value": value]))
            #expect(reply.status == 422, "\(parameter) = \(value)")
            let message = reply.json["error"] as? String ?? ""
            #expect(message.contains(parameter) && message.contains(words), "\(message)")
        }
        // The page in Dutch gets its refusals in Dutch (the key and the values as given).
        let dutch = try Self.request("POST", "\(base)/api/sessions/\(id)/changes?fragments=nl",
                                     body: Self.json(["parameter": "pools.gooi-zuid-basis.availability", "value": "1,5"]))
        #expect(dutch.status == 422)
        #expect(dutch.json["error"] as? String == "pools.gooi-zuid-basis.availability: 1.5 ligt buiten [0, 1]")
        let dutchText = try Self.request("POST", "\(base)/api/sessions/\(id)/changes?fragments=nl",
                                         body: Self.json(["parameter": "reserve", "value": "veel"]))
        #expect(dutchText.json["error"] as? String == "reserve: 'veel' is geen getal")
        let dutchTheme = try Self.request("POST", "\(base)/api/sessions/\(id)/changes?fragments=nl",
                                          body: Self.json(["parameter": "themes.noodhulp.adopted", "value": 0]))
        #expect(dutchTheme.json["error"] as? String
                == "themes.noodhulp.adopted: alleen een kandidaat- of lokaal thema kan hier worden aangenomen of laten vallen ('noodhulp' is een thema van niveau district)")
        let text = try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: Self.json(["parameter": "reserve", "value": "lots"]))
        #expect(text.status == 422)
        let mode = try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: Self.json(["parameter": "mode", "value": "fastest"]))
        #expect(mode.status == 422)
        let after = try Self.request("GET", "\(base)/api/sessions/\(id)/result")
        #expect(after.json["state"] as? Int == 0)
        #expect(after.json["objective"] as? Double == before.json["objective"] as? Double)
        #expect((try Self.request("GET", "\(base)/api/sessions/\(id)/states").json["states"] as? [Any])?.count == 1)

        // Bad bodies: 400; oversized bodies: 413; saving without --allow-save: 403.
        let garbage = try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: Data("not json".utf8))
        #expect(garbage.status == 400)
        #expect(try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: Self.json(["value": 1])).status == 400)
        let huge = Data(("{\"parameter\": \"reserve\", \"value\": 0.1, \"padding\": \"" + String(repeating: "x", count: 200_000) + "\"}").utf8)
        let tooLarge = try Self.request("POST", "\(base)/api/sessions/\(id)/changes", body: huge)
        #expect(tooLarge.status == 413)
        #expect((tooLarge.json["error"] as? String)?.contains("larger than") == true)
        #expect(try Self.request("POST", "\(base)/api/sessions/\(id)/save").status == 403)
        #expect(try Self.request("POST", "\(base)/api/sessions/\(id)/undo").status == 409)

        // The server is still there.
        #expect(try Self.request("GET", "\(base)/api/sessions/\(id)/result").status == 200)
    }

    /// The least recently used session is dropped when the store is full.
    @Test func sessionLimit() throws {
        let server = try Server(extra: ["--max-sessions", "2"])
        defer { _ = server.stop() }
        let first = try Self.openSession(server)
        let second = try Self.openSession(server)
        #expect(try Self.request("GET", "\(server.base)/api/sessions/\(first)/result").status == 200)
        _ = try Self.openSession(server)
        #expect(try Self.request("GET", "\(server.base)/api/sessions/\(second)/result").status == 404)
        #expect(try Self.request("GET", "\(server.base)/api/sessions/\(first)/result").status == 200)
    }

    /// After random changes (some refused), the session's state is what `ivp solve` gives on the
    /// saved what-if, to 1e-9.
    @Test func randomChangesEqualSolvingTheSavedWhatIf() throws {
        let server = try Server()
        defer { _ = server.stop() }
        let id = try Self.openSession(server)
        var random = SplitMix(seed: 20261201)
        let pools = ["gooi-noord-basis", "gooi-zuid-basis", "gooi-noord-wijkagenten", "districtsrecherche", "hilversum-boa"]
        let themes = ["noodhulp", "huiselijk-geweld", "verkeersveiligheid", "ondermijning", "high-impact-crimes", "jeugd-blaricum"]
        var accepted = 0
        for _ in 0..<16 {
            let parameter: String, value: Double
            switch random.next() % 9 {
            case 0: parameter = "pools.\(pools[Int(random.next() % 5)]).fte"; value = (90 + random.unit() * 60).rounded()
            case 1: parameter = "pools.\(pools[Int(random.next() % 5)]).availability"; value = 0.7 + random.unit() * 0.25
            case 2: parameter = "themes.\(themes[Int(random.next() % 6)]).minimum"; value = random.unit() * 0.6
            case 3: parameter = "themes.\(themes[Int(random.next() % 6)]).weight"; value = 0.2 + random.unit() * 1.5
            case 4: parameter = "reserve"; value = random.unit() * 0.2
            case 5: parameter = "themes.ondermijning.max_gap"; value = 0.1 + random.unit() * 0.3
            case 6: parameter = "presence.community.hours_per_1000_inhabitants"; value = (120 + random.unit() * 120).rounded()
            case 7: parameter = "themes.\(["verkeersveiligheid", "jeugd-blaricum"][Int(random.next() % 2)]).adopted"; value = Double(random.next() % 2)
            default: parameter = "pools.gooi-zuid-basis.fte"; value = -1 // refused
            }
            let reply = try Self.request("POST", "\(server.base)/api/sessions/\(id)/changes",
                                         body: Self.json(["parameter": parameter, "value": value]))
            #expect(reply.status == 200 || reply.status == 422)
            if reply.status == 200 { accepted += 1 }
        }
        #expect(accepted >= 8)
        // The last change's answer comes without the headline figures; the result has them.
        let result = try Self.request("GET", "\(server.base)/api/sessions/\(id)/result")
        let save = try Self.request("POST", "\(server.base)/api/sessions/\(id)/save")
        let file = server.folder.appendingPathComponent(try #require(save.json["file"] as? String))
        let output = try CLI.run(["solve", file.path, "--format", "json"])
        let solved = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        #expect(solved?["status"] as? String == result.json["status"] as? String)
        if let objective = result.json["objective"] as? Double {
            let expected = try #require(solved?["objective"] as? Double)
            #expect(abs(objective - expected) <= 1e-9 * max(1, abs(expected)), "server \(objective), ivp solve \(expected)")
            #expect(abs((result.json["attainment"] as? Double ?? 0) - (solved?["attainment"] as? Double ?? 1)) <= 1e-9)
            // The headline figures, re-solved after the change, are ivp solve's.
            func close(_ a: Double?, _ b: Double?) -> Bool {
                guard let a, let b else { return a == nil && b == nil }
                return abs(a - b) <= 1e-7 * max(1, abs(b))
            }
            #expect(close(result.json["breaking_cut_share"] as? Double, solved?["breaking_cut_share"] as? Double))
            let cut = result.json["capacity_cut"] as? [String: Any], solvedCut = solved?["capacity_cut"] as? [String: Any]
            #expect(cut?["status"] as? String == solvedCut?["status"] as? String)
            #expect(close(cut?["objective_change"] as? Double, solvedCut?["objective_change"] as? Double))
            let pools = result.json["pools"] as? [[String: Any]] ?? [], solvedPools = solved?["pools"] as? [[String: Any]] ?? []
            #expect(pools.count == 12 && solvedPools.count == 12)
            for (pool, solvedPool) in zip(pools, solvedPools) {
                #expect(close(pool["fte_gain"] as? Double, solvedPool["fte_gain"] as? Double), "\(pool["id"] ?? "")")
            }
            // The stable choice, made by the session's LP kept warm from state to state, moves the
            // hours that ivp compare's stable choice (its LP built and solved from scratch) moves
            // from the plan to the saved what-if.
            let compared = try CLI.run(["compare", server.folder.appendingPathComponent("gooi.yaml").path, file.path, "--format", "json"])
            let scenarios = (try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any])?["scenarios"] as? [[String: Any]]
            let coldMoved = try #require(scenarios?.last?["hours_moved"] as? Double)
            let warmMoved = try #require((result.json["choice"] as? [String: Any])?["hours_moved"] as? Double)
            #expect(abs(warmMoved - coldMoved) <= 1e-6 * max(1, coldMoved), "server \(warmMoved), ivp compare \(coldMoved)")
        }
    }

    /// The list of states words each change as a person reads it, in the page's language, with
    /// the scenario's names (the API's `label` keeps the parameter path).
    @Test func stateLabelsInThePagesWords() throws {
        let server = try Server()
        defer { _ = server.stop() }
        let id = try Self.openSession(server)
        for (parameter, value) in [("themes.verkeersveiligheid.adopted", 0.0), ("pools.gooi-zuid-basis.fte", 126.5)] {
            let reply = try Self.request("POST", "\(server.base)/api/sessions/\(id)/changes", body: Self.json(["parameter": parameter, "value": value]))
            #expect(reply.status == 200, "\(parameter): \(reply.text)")
        }
        let dutch = try Self.request("GET", "\(server.base)/api/sessions/\(id)/fragments?lang=nl")
        let dutchStates = try #require((dutch.json["html"] as? [String: String])?["states"])
        #expect(dutchStates.contains("1. Thema Verkeersveiligheid (handhaving) niet gekozen:"))
        #expect(dutchStates.contains("2. Basisteam Gooi Zuid, basispolitiezorg: fte 126,5:"))
        #expect(!dutchStates.contains("themes.verkeersveiligheid.adopted"))
        let english = try Self.request("GET", "\(server.base)/api/sessions/\(id)/fragments?lang=en")
        let englishStates = try #require((english.json["html"] as? [String: String])?["states"])
        #expect(englishStates.contains("1. theme Verkeersveiligheid (handhaving) dropped:"))
        #expect(englishStates.contains("2. Basisteam Gooi Zuid, basispolitiezorg: FTE 126.5:"))
        let states = try Self.request("GET", "\(server.base)/api/sessions/\(id)/states")
        #expect((states.json["states"] as? [[String: Any]])?.compactMap { $0["label"] as? String }
                == ["plan", "themes.verkeersveiligheid.adopted = 0", "pools.gooi-zuid-basis.fte = 126.5"])
        // The restore button is the page's own (a hidden file input behind it).
        let page = try Self.request("GET", "\(server.base)/?session=\(id)&lang=nl")
        #expect(page.text.contains(#"<button type="button" id="restore">Herstel uit een what-if (YAML)</button><input id="restore-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" hidden>"#))
    }

    /// A change's answer leaves the headline figures out (they are re-solved after it);
    /// ?headlines=true asks for them in the answer. The map of the state is among the fragments.
    @Test func headlinesAfterTheChange() throws {
        let server = try Server()
        defer { _ = server.stop() }
        let id = try Self.openSession(server)
        let plan = try Self.request("GET", "\(server.base)/api/sessions/\(id)/result")
        #expect(plan.json["capacity_cut"] is [String: Any])
        let quick = try Self.request("POST", "\(server.base)/api/sessions/\(id)/changes",
                                     body: Self.json(["parameter": "pools.gooi-zuid-basis.fte", "value": 126]))
        #expect(quick.status == 200)
        #expect(quick.json["capacity_cut"] is NSNull)
        #expect(quick.json["breaking_cut_share"] is NSNull)
        let fragments = try Self.request("GET", "\(server.base)/api/sessions/\(id)/fragments?lang=en")
        #expect(fragments.json["headlines"] as? Bool == false)
        let html = try #require(fragments.json["html"] as? [String: String])
        // The map of the HTML report: Gooi's six municipalities have CBS codes.
        #expect(html["map"]?.contains(#"<svg"#) == true)
        #expect(html["map"]?.contains("map-attainment-title") == true)
        let full = try Self.request("GET", "\(server.base)/api/sessions/\(id)/fragments?lang=en&headlines=true")
        #expect(full.json["headlines"] as? Bool == true)
        #expect((full.json["html"] as? [String: String])?["summary"]?.contains("One more FTE") == true)
        let withHeadlines = try Self.request("POST", "\(server.base)/api/sessions/\(id)/changes?headlines=true",
                                             body: Self.json(["parameter": "pools.gooi-zuid-basis.fte", "value": 127]))
        #expect(withHeadlines.json["capacity_cut"] is [String: Any])
        let result = try Self.request("GET", "\(server.base)/api/sessions/\(id)/result")
        #expect(result.json["capacity_cut"] as? NSDictionary == withHeadlines.json["capacity_cut"] as? NSDictionary)
    }

    /// A session dropped by the limit on live sessions comes back from its saved what-if: the
    /// same changes (a presence floor and a dropped theme among them), the same figures.
    @Test func restoreFromTheWhatIf() throws {
        let server = try Server(extra: ["--max-sessions", "1"])
        defer { _ = server.stop() }
        let id = try Self.openSession(server)
        for (parameter, value) in [("pools.gooi-zuid-basis.fte", 126.0), ("presence.community.hours_per_1000_inhabitants", 150),
                                   ("themes.verkeersveiligheid.adopted", 0), ("themes.noodhulp.minimum", 0.85), ("reserve", 0.12)] {
            let reply = try Self.request("POST", "\(server.base)/api/sessions/\(id)/changes", body: Self.json(["parameter": parameter, "value": value]))
            #expect(reply.status == 200, "\(parameter): \(reply.text)")
        }
        let before = try Self.request("GET", "\(server.base)/api/sessions/\(id)/result")
        let yaml = try Self.request("GET", "\(server.base)/api/sessions/\(id)/whatif.yaml").text
        #expect(yaml.contains("remove: [verkeersveiligheid]"))
        #expect(yaml.contains("presence:\n  - {kind: community, hours_per_1000_inhabitants: 150}"))
        #expect(yaml.contains("reserve: 0.12"))
        // A second session drops the first (at most one is kept).
        _ = try Self.openSession(server)
        #expect(try Self.request("GET", "\(server.base)/api/sessions/\(id)/result").status == 404)

        let restored = try Self.request("POST", "\(server.base)/api/sessions", body: Data(yaml.utf8), contentType: "application/yaml")
        #expect(restored.status == 201, "\(restored.text)")
        #expect(restored.json["state"] as? Int == 1)
        let newID = try #require(restored.json["id"] as? String)
        let after = try Self.request("GET", "\(server.base)/api/sessions/\(newID)/result")
        let objective = try #require(before.json["objective"] as? Double)
        #expect(abs((after.json["objective"] as? Double ?? 0) - objective) <= 1e-9 * abs(objective))
        #expect(after.json["breaking_cut_share"] as? Double == before.json["breaking_cut_share"] as? Double)
        #expect(after.json["themes"].map { ($0 as? [Any])?.count } == before.json["themes"].map { ($0 as? [Any])?.count })
        let states = try Self.request("GET", "\(server.base)/api/sessions/\(newID)/states")
        let changes = ((states.json["states"] as? [[String: Any]])?.last?["changes"] as? [[String: Any]]) ?? []
        #expect(Set(changes.compactMap { $0["parameter"] as? String })
                == ["pools.gooi-zuid-basis.fte", "presence.community.hours_per_1000_inhabitants", "themes.verkeersveiligheid.adopted",
                    "themes.noodhulp.minimum", "reserve"])
        // The same as JSON: {"whatif": TEXT}.
        let asJSON = try Self.request("POST", "\(server.base)/api/sessions", body: Self.json(["whatif": yaml]))
        #expect(asJSON.status == 201)

        // What cannot be restored is refused, naming it, and opens nothing.
        let elsewhere = try Self.request("POST", "\(server.base)/api/sessions", body: Data("extends: other.yaml\n".utf8), contentType: "application/yaml")
        #expect(elsewhere.status == 422)
        #expect(elsewhere.json["error"] as? String == "extends: 'other.yaml' is not a served scenario's file (served: gooi.yaml)")
        let unknown = try Self.request("POST", "\(server.base)/api/sessions",
                                       body: Data("extends: gooi.yaml\nneighbours: []\n".utf8), contentType: "application/yaml")
        #expect(unknown.status == 422)
        #expect((unknown.json["error"] as? String)?.hasPrefix("neighbours: not one of the page's levers") == true)
        let invalid = try Self.request("POST", "\(server.base)/api/sessions",
                                       body: Data("extends: gooi.yaml\npools:\n  - {id: gooi-zuid-basis, fte: -3}\n".utf8), contentType: "application/yaml")
        #expect(invalid.status == 422)
        #expect(invalid.json["error"] as? String == "pools.gooi-zuid-basis.fte: -3 is outside [0, ∞)")
    }
}

/// A small seeded generator, so the random changes are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

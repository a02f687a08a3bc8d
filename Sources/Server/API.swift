import CapacityAllocation
import Foundation
import Hummingbird
import Reporting

/// The routes: the page, its fragments and the JSON API (docs/openapi.yaml).
struct API: Sendable {
    let catalog: Catalog
    let store: SessionStore
    let configuration: ServeConfiguration

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await page(request) }
        router.get("/api/scenarios") { _, _ in
            Reply.jsonValue(catalog.entries.map { ["id": $0.id, "name": $0.name] })
        }
        router.post("/api/sessions") { request, context in
            // A what-if file (Content-Type application/yaml or text/yaml, or {"whatif": TEXT})
            // restores a session: the plan, then the file's state.
            let type = request.headers[.contentType]?.lowercased() ?? ""
            var restoring: String?
            var body: [String: Any] = [:]
            if type.contains("yaml") {
                var request = request
                let buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
                restoring = String(decoding: Data(buffer: buffer), as: UTF8.self)
            } else {
                body = try await jsonBody(request, context)
                if let text = body["whatif"] as? String { restoring = text }
            }
            if let restoring {
                let read: (CatalogEntry, WhatIf)
                do throws(ServerError) {
                    read = try WhatIfReader.read(restoring, catalog: catalog)
                    // Checked whole before a session is opened: a file the page could not reach opens nothing.
                    _ = try read.1.scenario(from: read.0.scenario)
                } catch {
                    let language = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) } ?? .en
                    throw ServerError(error.kind, Refusals.text(error.message, language))
                }
                let (entry, whatIf) = read
                let (session, _) = try await store.open(entry)
                let view = try await session.restore(whatIf)
                return Reply.json(["id": session.id, "scenario": entry.id, "name": entry.name, "status": view.result.status.rawValue,
                                   "objective": view.result.objective ?? NSNull(), "state": view.current], status: .created)
            }
            let key = (body["scenario"] as? String) ?? (catalog.entries.count == 1 ? catalog.entries[0].id : nil)
            guard let key else { throw ServerError(.unprocessable, "give the scenario to open: {\"scenario\": ID} (GET /api/scenarios lists them)") }
            guard let entry = catalog.entry(key) else {
                throw ServerError(.unprocessable, "no scenario '\(key)' (served: \(catalog.entries.map(\.id).joined(separator: ", ")))")
            }
            let (session, view) = try await store.open(entry)
            return Reply.json(["id": session.id, "scenario": entry.id, "name": entry.name, "status": view.result.status.rawValue,
                               "objective": view.result.objective ?? NSNull()], status: .created)
        }
        router.get("/api/sessions/:id/result") { request, context in
            let view = try await session(context).withHeadlines()
            return try reply(view, request)
        }
        router.post("/api/sessions/:id/changes") { request, context in
            let body = try await jsonBody(request, context)
            let session = try await session(context)
            guard let parameter = body["parameter"] as? String, !parameter.isEmpty else {
                throw ServerError(.badRequest, "give {\"parameter\": PATH, \"value\": NUMBER}: parameter is missing (e.g. pools.ID.fte, themes.ID.minimum, reserve, mode)")
            }
            let query = request.uri.queryParameters
            let headlines = ["true", "1"].contains(query.get("headlines") ?? "")
            // Refusals in the page's language (the fragments') or the one asked for.
            let refusalLanguage = (query.get("fragments") ?? query.get("lang")).flatMap { Language(rawValue: $0) } ?? .en
            do {
                let view: SessionView
                if parameter == "mode" {
                    guard let text = body["value"] as? String, let mode = SolveMode(rawValue: text) else {
                        throw ServerError(.unprocessable, "mode: expected one of \(SolveMode.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    view = try await session.change(mode: mode, headlines: headlines)
                } else {
                    let value: Double
                    if let number = body["value"] as? NSNumber {
                        // true and false are accepted for themes.ID.adopted (1 and 0); for a number lever they are refused there.
                        value = number.doubleValue
                        if API.isBoolean(number), WhatIf.adoptedTheme(parameter) == nil {
                            throw ServerError(.unprocessable, "\(parameter): value must be a number")
                        }
                    } else if let text = body["value"] as? String {
                        guard let number = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else {
                            throw ServerError(.unprocessable, "\(parameter): '\(text)' is not a number")
                        }
                        value = number
                    } else {
                        throw ServerError(.unprocessable, "\(parameter): value must be a number")
                    }
                    view = try await session.change(parameter, value, headlines: headlines)
                }
                return try reply(view, request)
            } catch let error as ServerError where error.kind == .unprocessable {
                throw ServerError(.unprocessable, Refusals.text(error.message, refusalLanguage))
            }
        }
        router.post("/api/sessions/:id/undo") { request, context in try reply(try await session(context).undo(), request) }
        router.post("/api/sessions/:id/redo") { request, context in try reply(try await session(context).redo(), request) }
        router.post("/api/sessions/:id/reset") { request, context in try reply(try await session(context).go(to: 0), request) }
        router.post("/api/sessions/:id/states/:index") { request, context in
            guard let index = context.parameters.get("index", as: Int.self) else {
                throw ServerError(.badRequest, "the state is a number (GET /api/sessions/ID/states lists them)")
            }
            return try reply(try await session(context).go(to: index), request)
        }
        router.get("/api/sessions/:id/states") { _, context in
            let view = try await session(context).current()
            return Reply.json(["current": view.current, "states": view.states.map(stateJSON)])
        }
        router.get("/api/sessions/:id/whatif.yaml") { _, context in
            let view = try await session(context).current()
            let yaml = whatIfYAML(view)
            return Reply.text(yaml, type: "application/yaml; charset=utf-8",
                              headers: [.contentDisposition: #"attachment; filename="\#(whatIfFileName(view))""#])
        }
        router.post("/api/sessions/:id/save") { _, context in
            guard configuration.allowSave else {
                throw ServerError(.forbidden, "saving into the scenario's folder needs ivp serve --allow-save; download the what-if instead (GET /api/sessions/ID/whatif.yaml)")
            }
            let view = try await session(context).current()
            // The file name is made here, from the scenario's own id: nothing of the request reaches the path.
            let folder = URL(fileURLWithPath: view.scenario.folder)
            var number = 1
            var url = folder.appendingPathComponent("\(view.scenario.id)-whatif-\(number).yaml")
            while FileManager.default.fileExists(atPath: url.path) {
                number += 1
                url = folder.appendingPathComponent("\(view.scenario.id)-whatif-\(number).yaml")
            }
            do {
                try Data(whatIfYAML(view).utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw ServerError(.internalError, "could not write \(url.path): \(error.localizedDescription)")
            }
            return Reply.json(["path": url.path, "file": url.lastPathComponent], status: .created)
        }
        router.get("/api/sessions/:id/report.html") { request, context in
            let view = try await session(context).current()
            let language = self.language(request)
            let pages = MunicipalityPage.pages(view.result, try view.whatIf.scenario(from: view.scenario.scenario))
            let html = HTMLReport.render(view.result, language: language, pages: pages)
            return Reply.text(html, type: "text/html; charset=utf-8",
                              headers: [.contentDisposition: #"attachment; filename="\#(view.scenario.id)-report.html""#])
        }
        router.get("/api/sessions/:id/compare.html") { request, context in
            let session = try await session(context)
            let query = request.uri.queryParameters
            guard let a = query.get("a", as: Int.self), let b = query.get("b", as: Int.self) else {
                throw ServerError(.badRequest, "give two states: compare.html?a=0&b=2")
            }
            let comparison = try await session.compare(a, b)
            return Reply.text(CompareHTMLReport.render(comparison, language: language(request)), type: "text/html; charset=utf-8")
        }
        router.get("/api/sessions/:id/fragments") { request, context in
            let session = try await session(context)
            // ?headlines=true: with the headline figures (re-solved once per state).
            let headlines = ["true", "1"].contains(request.uri.queryParameters.get("headlines") ?? "")
            let view = headlines ? try await session.withHeadlines() : try await session.current()
            return Reply.json(Fragments.json(view, language: language(request), allowSave: configuration.allowSave))
        }
    }

    // MARK: Helpers

    /// Whether JSONSerialization read `true` or `false` (a boolean is no value of a number lever).
    static func isBoolean(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }

    func session(_ context: BasicRequestContext) async throws -> Session {
        guard let id = context.parameters.get("id") else { throw ServerError(.badRequest, "no session id") }
        return try await store.session(id)
    }

    func language(_ request: Request) -> Language {
        request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) } ?? configuration.language
    }

    /// The body as a JSON object, at most `maxBodyBytes` (else 413).
    func jsonBody(_ request: Request, _ context: BasicRequestContext) async throws -> [String: Any] {
        var request = request
        let buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
        if buffer.readableBytes == 0 { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)), let map = object as? [String: Any] else {
            throw ServerError(.badRequest, "the body is not a JSON object")
        }
        return map
    }

    /// The JSON of `ivp solve` for the state plus `difference` and `state`; with `?fragments=LANG`
    /// the page's HTML fragments instead.
    func reply(_ view: SessionView, _ request: Request) throws -> Response {
        if let lang = request.uri.queryParameters.get("fragments") {
            let language = Language(rawValue: lang) ?? configuration.language
            return Reply.json(Fragments.json(view, language: language, allowSave: configuration.allowSave))
        }
        let text = try JSONReport.render(view.result)
        let difference = try view.difference.map { try JSONReport.render($0) }
        return Reply.bytes(Self.resultJSON(text, difference: difference, state: view.current), type: "application/json; charset=utf-8")
    }

    /// The result object of `ivp solve` (`result`, as JSONReport writes it) with two more keys:
    /// `difference` (its JSON indented one level, or null) and `state`. Spliced as bytes: the
    /// result's own keys stay exactly as `ivp solve` writes them, and nothing is parsed again.
    static func resultJSON(_ result: String, difference: String?, state: Int) -> [UInt8] {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(result.utf8.count + (difference?.utf8.count ?? 4) * 5 / 4 + 64)
        bytes.append(contentsOf: result.utf8)
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "}") { bytes.removeLast() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        bytes.append(contentsOf: ",\n  \"difference\" : ".utf8)
        if let difference {
            let text = Array(difference.utf8)
            var start = 0, end = text.count
            while start < end, isSpace(text[start]) { start += 1 }
            while end > start, isSpace(text[end - 1]) { end -= 1 }
            for byte in text[start..<end] {
                bytes.append(byte)
                if byte == 0x0A { bytes.append(contentsOf: [0x20, 0x20]) }
            }
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        bytes.append(contentsOf: ",\n  \"state\" : \(state)\n}\n".utf8)
        return bytes
    }

    func stateJSON(_ state: StateSummary) -> [String: any Sendable] {
        ["index": state.index, "label": state.label, "status": state.status.rawValue,
         "objective": state.objective ?? NSNull(), "attainment": state.attainment ?? NSNull(),
         "changes": state.whatIf.entries.map { ["parameter": $0.key, "value": $0.value] as [String: any Sendable] },
         "mode": state.whatIf.mode.rawValue]
    }

    func whatIfYAML(_ view: SessionView) -> String {
        view.whatIf.yaml(baseFile: view.scenario.file, baseName: view.scenario.name, label: "state \(view.current)",
                         base: view.scenario.scenario)
    }

    func whatIfFileName(_ view: SessionView) -> String { "\(view.scenario.id)-whatif-\(view.current).yaml" }

    /// The page: opens a session on the scenario asked for (`?scenario=`, else the first) or
    /// shows an open one (`?session=`), rendered whole so it reads without script too.
    func page(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let language = self.language(request)
        var view: SessionView?
        if let id = query.get("session"), let session = try? await store.session(id) {
            view = try? await session.withHeadlines()
        }
        if view == nil {
            let key = query.get("scenario") ?? catalog.entries[0].id
            guard let entry = catalog.entry(key) else { throw ServerError(.notFound, "no scenario '\(key)'") }
            view = try await store.open(entry).1
        }
        let html = Page.render(view!, catalog: catalog, language: language, allowSave: configuration.allowSave)
        return Reply.text(html, type: "text/html; charset=utf-8",
                          headers: [.contentSecurityPolicy: "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"])
    }
}

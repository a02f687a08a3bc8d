import CapacityAllocation
import Foundation
import Hummingbird
import Logging
import NIOCore
import Reporting

/// How `ivp serve` runs.
public struct ServeConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var language: Language
    /// Whether "save as what-if" may also write into the scenario's folder.
    public var allowSave: Bool
    /// Live sessions kept at most; the least recently used is dropped.
    public var maxSessions: Int
    /// Seconds for one change (solve, stable choice and headline re-solves).
    public var changeTimeLimit: Double
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// The access token every request must carry.
    public var token: String

    public init(host: String = "127.0.0.1", port: Int = 8080, language: Language = .nl, allowSave: Bool = false,
                maxSessions: Int = 16, changeTimeLimit: Double = 10, maxBodyBytes: Int = 64 * 1024, token: String? = nil) {
        self.host = host
        self.port = port
        self.language = language
        self.allowSave = allowSave
        self.maxSessions = maxSessions
        self.changeTimeLimit = changeTimeLimit
        self.maxBodyBytes = maxBodyBytes
        self.token = token ?? Token.random(bytes: 24)
    }
}

/// `ivp serve`: the live what-if page and its JSON API (docs/cli.md, docs/openapi.yaml).
public enum LiveServer {
    /// Serves until SIGINT or SIGTERM. `announce` gets the address to open (with the token) once
    /// the server listens.
    public static func run(_ catalog: Catalog, configuration: ServeConfiguration,
                           announce: @escaping @Sendable (String) -> Void) async throws {
        let store = SessionStore(limit: configuration.maxSessions, timeLimit: configuration.changeTimeLimit)
        let api = API(catalog: catalog, store: store, configuration: configuration)
        let router = Router()
        router.add(middleware: RequestLog())
        router.add(middleware: JSONErrors(maxBodyBytes: configuration.maxBodyBytes))
        router.add(middleware: TokenCheck(token: configuration.token))
        api.register(router)
        let host = configuration.host
        let token = configuration.token
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "ivp"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let shownHost = host.contains(":") ? "[\(host)]" : host
                announce("http://\(shownHost):\(port)/?token=\(token)")
            },
            logger: quietLogger())
        try await app.runService()
        await store.closeAll()
    }

    /// Hummingbird's own log only for errors: the request log is ours (one line per request).
    static func quietLogger() -> Logger {
        var logger = Logger(label: "ivp-serve")
        logger.logLevel = .error
        return logger
    }
}

// MARK: Middleware

/// One line per request on standard error: method, path (never the query, which may hold the
/// token), status and milliseconds.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        func log(_ status: Int) {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let line = "\(request.method.rawValue) \(request.uri.path) \(status) \(String(format: "%.1f", ms))ms\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        do {
            let response = try await next(request, context)
            log(response.status.code)
            return response
        } catch {
            log((error as? HTTPResponseError)?.status.code ?? (error as? ServerError)?.kind.rawValue ?? 500)
            throw error
        }
    }
}

/// Every refusal as `{"error": "..."}` with its status; nothing thrown reaches the client as
/// anything else, and no error stops the server.
struct JSONErrors<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return Reply.error(error)
        } catch is NIOTooManyBytesError {
            return Reply.json(["error": "the request body is larger than \(maxBodyBytes) bytes"], status: .contentTooLarge)
        } catch let error as HTTPError {
            let message: String
            switch error.status {
            case .notFound: message = "no such address: \(request.method.rawValue) \(request.uri.path)"
            case .contentTooLarge: message = "the request body is larger than \(maxBodyBytes) bytes"
            case .methodNotAllowed: message = "\(request.method.rawValue) is not allowed on \(request.uri.path)"
            default: message = error.body ?? error.status.reasonPhrase
            }
            return Reply.json(["error": message], status: error.status)
        } catch {
            return Reply.json(["error": "internal error: \(error)"], status: .internalServerError)
        }
    }
}

/// Every request needs the token: `Authorization: Bearer TOKEN`, the cookie the page gets, or
/// `?token=` (for opening the page; it then sets the cookie).
struct TokenCheck<Context: RequestContext>: RouterMiddleware {
    let token: String
    static var cookieName: String { "ivp_token" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
           Token.equal(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), token) {
            return try await next(request, context)
        }
        if let cookies = request.headers[.cookie] {
            for part in cookies.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("\(Self.cookieName)="), Token.equal(String(pair.dropFirst(Self.cookieName.count + 1)), token) {
                    return try await next(request, context)
                }
            }
        }
        if let given = request.uri.queryParameters.get("token"), Token.equal(given, token) {
            var response = try await next(request, context)
            response.headers[.setCookie] = "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
            return response
        }
        throw ServerError(.unauthorized, "missing or wrong access token: open the address that ivp serve printed (…/?token=…), or send the header Authorization: Bearer TOKEN")
    }
}

// MARK: Replies

enum Reply {
    static func json(_ object: [String: any Sendable], status: HTTPResponse.Status = .ok) -> Response {
        jsonValue(object, status: status)
    }

    static func jsonValue(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"error": "internal error"}"#.utf8)
        return text(String(decoding: data, as: UTF8.self) + "\n", type: "application/json; charset=utf-8", status: status)
    }

    static func error(_ error: ServerError) -> Response {
        json(["error": error.message], status: HTTPResponse.Status(code: error.kind.rawValue))
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        response(ByteBuffer(string: text), type: type, status: status, headers: extra)
    }

    static func bytes(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
        response(ByteBuffer(bytes: bytes), type: type, status: status, headers: [:])
    }

    private static func response(_ body: ByteBuffer, type: String, status: HTTPResponse.Status, headers extra: HTTPFields) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        for field in extra { headers[field.name] = field.value }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}

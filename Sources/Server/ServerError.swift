/// A request the server refuses, with its HTTP status and a message that says what is wrong.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Int, Sendable {
        case badRequest = 400, unauthorized = 401, forbidden = 403, notFound = 404, methodNotAllowed = 405
        case conflict = 409, gone = 410, tooLarge = 413, unsupportedMediaType = 415, unprocessable = 422
        case tooManyRequests = 429, internalError = 500, unavailable = 503
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

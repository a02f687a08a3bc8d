/// One problem found in a scenario: which file, where in it, and what is wrong.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The path inside the file, e.g. `themes[3].kinds`; empty for the file as a whole.
    public var path: String
    /// 1-based line in the file, when known.
    public var line: Int?
    public var message: String

    public init(file: String, path: String, line: Int?, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.message = message
    }

    /// `file:line: path: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !path.isEmpty { text += "\(path): " }
        return text + message
    }
}

/// A scenario that cannot be solved as written. It carries every problem found, not only the first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

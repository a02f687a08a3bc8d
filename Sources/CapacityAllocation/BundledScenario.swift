import Foundation

/// The bundled Gooi en Vechtstreek scenario, for commands run without a file: looked up in the
/// working folder and beside the executable's package (up to five folders up).
public enum BundledScenario {
    public static let name = "Scenarios/gooi-en-vechtstreek-2023.yaml"

    /// Its path, or nil when it is not found.
    public static func path() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.path)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let path = URL(fileURLWithPath: candidate).appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}

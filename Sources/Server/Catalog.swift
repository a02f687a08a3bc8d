import CapacityAllocation
import Foundation

/// A scenario the server serves: loaded and validated once at start. Requests name it by `id`;
/// no path from a request ever reaches the file system.
struct CatalogEntry: Sendable {
    /// The file name without extension, made safe for a URL.
    var id: String
    var name: String
    /// The file name (what a saved what-if `extends:`).
    var file: String
    /// The full path and its folder (where `--allow-save` writes what-ifs).
    var path: String
    var folder: String
    var scenario: Scenario
}

/// The scenarios given to `ivp serve`: one file, or every scenario in a folder (not below it).
public struct Catalog: Sendable {
    var entries: [CatalogEntry]

    /// Loads `path` (a scenario file or a folder of them). A file of a folder that does not load
    /// is skipped with its message in `warnings`; a single file that does not load throws.
    public static func load(_ path: String) throws -> (catalog: Catalog, warnings: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ServerError(.notFound, "\(path) does not exist")
        }
        var files: [String]
        if isDirectory.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                .filter { !$0.hasPrefix(".") }
                .sorted()
                .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        } else {
            files = [path]
        }
        var entries: [CatalogEntry] = []
        var warnings: [String] = []
        var used = Set<String>()
        for file in files {
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(path: file)
            } catch {
                if !isDirectory.boolValue { throw error }
                warnings.append("ivp serve: skipped \(file): \(error.description.split(separator: "\n").first ?? "")")
                continue
            }
            let url = URL(fileURLWithPath: file)
            var id = slug(url.deletingPathExtension().lastPathComponent)
            while used.contains(id) { id += "-2" }
            used.insert(id)
            entries.append(CatalogEntry(id: id, name: scenario.name, file: url.lastPathComponent, path: url.path,
                                        folder: url.deletingLastPathComponent().path, scenario: scenario))
        }
        if entries.isEmpty { throw ServerError(.notFound, "\(path): no scenario to serve") }
        return (Catalog(entries: entries), warnings)
    }

    func entry(_ key: String) -> CatalogEntry? {
        entries.first { $0.id == key } ?? entries.first { $0.name == key || $0.file == key }
    }

    static func slug(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        let mapped = String(text.lowercased().map { allowed.contains($0) ? $0 : "-" })
        return mapped.isEmpty ? "scenario" : mapped
    }
}

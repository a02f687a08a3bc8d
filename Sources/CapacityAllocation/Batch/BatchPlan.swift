import Foundation

/// Which scenarios a batch runs, in which order, and where each one's results go.
public enum BatchPlan {
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Every scenario file under `paths`: files as given, folders searched recursively and sorted,
    /// each file once, in the order of `paths`.
    public static func scenarioFiles(_ paths: [String]) throws(BatchPlanError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            if seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted { files.append(path) }
        }
        for path in paths {
            guard let folder = isFolder(path) else {
                throw BatchPlanError(path: path, problem: "no such file or folder")
            }
            guard folder else {
                add(path)
                continue
            }
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = URL(fileURLWithPath: relative).lastPathComponent
                guard !name.hasPrefix("."), extensions.contains(URL(fileURLWithPath: relative).pathExtension.lowercased()) else { continue }
                let full = (path.hasSuffix("/") ? path : path + "/") + relative
                if isFolder(full) == false { found.append(full) }
            }
            // Byte order, not the locale's, so every machine sorts the same way.
            for file in found.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { add(file) }
        }
        return files
    }

    /// Whether `path` is a folder (following symbolic links); nil when nothing is there.
    static func isFolder(_ path: String) -> Bool? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        return (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory ?? false
    }

    /// One folder name per scenario: its path as given, with `/` as `__`, the extension's dot as
    /// `_` and anything outside letters, digits, `-`, `_` and `.` as `-`; unique by construction
    /// for distinct paths except for clashes of replaced characters, which get a numeric suffix.
    public static func folderNames(_ scenarios: [String]) -> [String] {
        var used = Set<String>()
        return scenarios.map { path in
            var trimmed = path
            while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
            while trimmed.hasPrefix("/") { trimmed.removeFirst() }
            let url = URL(fileURLWithPath: trimmed)
            let ext = url.pathExtension
            var stem = ext.isEmpty ? trimmed : String(trimmed.dropLast(ext.count + 1))
            stem = stem.replacingOccurrences(of: "/", with: "__")
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
            var name = String(stem.map { allowed.contains($0) ? $0 : "-" }) + (ext.isEmpty ? "" : "_" + ext)
            if name.hasPrefix(".") { name = "_" + name }
            var candidate = name, counter = 2
            while !used.insert(candidate).inserted {
                candidate = "\(name)-\(counter)"
                counter += 1
            }
            return candidate
        }
    }
}

/// A path given to a batch that is not there.
public struct BatchPlanError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}

/// The K-th of N deterministic slices of a batch's scenarios (`--shard K/N`), so N machines given
/// the same paths split the work without overlap.
public struct BatchShard: Equatable, Sendable {
    /// K, counting from 1.
    public var index: Int
    /// N.
    public var count: Int

    /// "K/N" with 1 <= K <= N; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Round robin: scenario i belongs to shard (i mod N) + 1, so shards differ by at most one
    /// scenario in size and each scenario is in exactly one.
    public func slice<T>(_ items: [T]) -> [T] {
        items.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

/// `.complete` in a scenario's folder: its summary row, written after all its reports, so that
/// `--resume` knows which scenarios a killed run finished.
public enum BatchMarker {
    public static let name = ".complete"

    /// The row of a scenario that a previous run finished, when its marker is there and so are
    /// its `reports` (file names in its folder; `errors.txt` instead for an invalid scenario). A
    /// failure (`error`) is not finished: it is tried again.
    public static func completedRow(scenario: String, folder: URL, reports: [String]) -> BatchSummary.Row? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
              let row = BatchSummary.Row(jsonLine: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)),
              row.scenario == scenario, row.status != .error else { return nil }
        let files = row.status == .invalid ? ["errors.txt"] : reports
        guard files.allSatisfy({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) else { return nil }
        return row
    }
}

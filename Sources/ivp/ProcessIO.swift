import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard streams, written without traps: Foundation's `FileHandle.write(_:)`
/// stops the process (SIGILL) when a write fails, as on a full disk (`>/dev/full`) or a closed
/// stream (`>&-`). Here a failed write is an error the command reports, with exit code 1.
enum StandardStreams {
    /// Whether the process started with standard output or error closed (`>&-`, `2>&-`).
    nonisolated(unsafe) private(set) static var outputClosed = false
    nonisolated(unsafe) private(set) static var errorClosed = false

    /// Called first of all. A closed standard stream gets /dev/null in its place, so that the next
    /// file opened (a report's temporary file) cannot become "standard output"; writing the report
    /// to a stream that was closed is still an error. SIGPIPE is ignored: a reader that went away
    /// (`ivp solve | head -1`) makes the write fail with EPIPE, a message and exit code 1, not a
    /// death by signal. SIGTERM and SIGINT remove the temporary files first (`TemporaryFiles`).
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == 1 { outputClosed = true }
            if descriptor == 2 { errorClosed = true }
        }
        TemporaryFiles.installSignalHandlers()
    }

    /// Writes `text` to standard output; throws a `CommandFailure` (exit code 1) when it cannot.
    static func writeOutput(_ text: String) throws {
        if outputClosed {
            throw CommandFailure(message: "cannot write to standard output: it is closed", code: ExitStatus.internalFailure)
        }
        if let reason = writeAll(STDOUT_FILENO, Data(text.utf8)) {
            throw CommandFailure(message: "cannot write to standard output: \(reason)", code: ExitStatus.internalFailure)
        }
    }

    /// Writes `text` to standard error, best effort: there is nowhere left to report a failure.
    static func writeError(_ text: String) {
        _ = writeAll(STDERR_FILENO, Data(text.utf8))
    }

    /// Writes all of `data` to `descriptor`; nil when done, else the reason it failed. FileHandle's
    /// throwing write reports a full disk, a closed pipe (SIGPIPE is ignored) or a closed stream as
    /// an error instead of stopping the process.
    static func writeAll(_ descriptor: Int32, _ data: Data) -> String? {
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: data)
            return nil
        } catch let error as NSError {
            // Foundation wraps the system's error; its own sentence is the system's, said longer.
            let posix = error.domain == NSPOSIXErrorDomain ? error : error.userInfo[NSUnderlyingErrorKey] as? NSError
            if let posix, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
            return error.localizedDescription
        }
    }
}

/// The temporary files this process is writing (`OutputFile`'s `.NAME.UUID.tmp`), so that SIGTERM
/// and SIGINT can remove them before the process ends with 143 or 130: a killed run leaves no
/// debris. (SIGKILL cannot be caught: `ivp batch` removes such leftovers when it runs again.)
enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths = Set<String>()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// The signals are handled on a dispatch queue, not in a signal handler, so the cleanup may
    /// take the lock and call anything. The lock is never given back: a thread about to create a
    /// temporary file waits until the process has ended.
    /// `ivp serve` runs the server as a child process: SIGTERM and SIGINT then go on to it (which
    /// shuts down cleanly) instead of ending this process.
    nonisolated(unsafe) private static var child: Int32?

    static func forwardSignals(to process: Int32) {
        lock.lock()
        child = process
        lock.unlock()
    }

    static func installSignalHandlers() {
        for (number, code) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                lock.lock()
                if let child {
                    lock.unlock()
                    kill(child, number)
                    return
                }
                for path in paths { unlink(path) }
                _exit(code)
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// Named `TemporaryFiles` leftovers: `.NAME.<UUID>.tmp`, as `OutputFile` writes them.
enum StaleTemporaryFiles {
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard let last = parts.last, parts.count >= 2 else { return false }
        return UUID(uuidString: String(last)) != nil
    }

    /// Removes the temporary files a killed run left in `folder` and its direct subfolders.
    static func remove(in folder: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            if isTemporaryName(name) {
                try? manager.removeItem(atPath: path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                  let inner = try? manager.contentsOfDirectory(atPath: path) else { continue }
            for innerName in inner where isTemporaryName(innerName) {
                try? manager.removeItem(atPath: (path as NSString).appendingPathComponent(innerName))
            }
        }
    }
}

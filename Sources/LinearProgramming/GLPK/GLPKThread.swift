import Foundation

/// A thread of its own for GLPK's work. GLPK keeps its state per thread (DESIGN.md 6): a problem
/// must be created, solved and deleted on the thread that made it, and a thread that used GLPK
/// frees GLPK's environment (glp_free_env) before it ends. A `GLPKThread` runs the jobs given to
/// it one at a time, in order, on one pinned thread; once stopped it finishes the jobs already
/// queued, runs `cleanup` (where its owner drops the problems it made there), frees GLPK's
/// environment and ends.
///
/// The one owner of GLPK's threads: the partitioned solve keeps one per worker (`BlockThreads`),
/// `ivp batch` one per job, and `ivp serve` one per session, which awaits it from Swift
/// concurrency (`run` async: a task moves between threads at every `await`, a problem must not).
public final class GLPKThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private let stoppedError: any Error & Sendable

    /// Starts the thread. `whenStopped` is the error `run` throws for a job given after `stop`;
    /// `cleanup` runs on the thread after its last job, before GLPK's environment is freed.
    public init(name: String, whenStopped stoppedError: any Error & Sendable = GLPKThreadStopped(),
                cleanup: @escaping @Sendable () -> Void = {}) {
        self.stoppedError = stoppedError
        let worker = Thread { [self] in
            while let job = nextJob() { job() }
            cleanup()
            GLPK.freeThreadEnvironment()
            finished.signal()
        }
        worker.name = name
        // GLPK's factorisations recurse deeply on national-size models; 16 MB, as glpsol's main thread.
        worker.stackSize = 16 << 20
        worker.start()
    }

    /// Queues `job` to run on the thread; false (and `job` is not run) once the thread is stopping.
    @discardableResult
    public func perform(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Runs `body` on the thread and returns its value to the awaiting task; throws the
    /// `whenStopped` error when the thread is stopping.
    public func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            let accepted = perform {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            if !accepted { continuation.resume(throwing: stoppedError) }
        }
    }

    /// Runs `body` on the thread and blocks the calling thread until it has; throws what `body`
    /// throws, or the `whenStopped` error when the thread is stopping.
    public func runAndWait<Value>(_ body: @escaping @Sendable () throws -> Value) throws -> Value {
        let result = ResultSlot<Value>()
        let done = DispatchSemaphore(value: 0)
        let accepted = perform {
            result.value = Result { try body() }
            done.signal()
        }
        guard accepted else { throw stoppedError }
        done.wait()
        return try result.value!.get()
    }

    /// Ends the thread after the jobs already queued (it then runs `cleanup` and frees GLPK's
    /// environment); returns at once. Later jobs are refused.
    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// `stop`, then waits until the thread has run `cleanup` and freed GLPK's environment.
    public func stopAndWait() {
        stop()
        finished.wait()
        finished.signal()  // a second call returns too
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !stopping { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}

extension GLPKThread {
    /// `body` of every index 0..<count, on up to `threads` GLPK threads: each thread takes the
    /// next index until none is left, so a slow job holds up only its own thread. The values come
    /// back in index order, after every thread has ended (and freed GLPK's environment).
    public static func map<Value: Sendable>(_ count: Int, threads: Int, name: String,
                                            _ body: @escaping @Sendable (Int) -> Value) -> [Value] {
        let results = ValueBox<Value>(count: count)
        let threads = (0..<min(threads, max(1, count))).map { GLPKThread(name: "\(name)-\($0)") }
        for thread in threads {
            thread.perform {
                while let index = results.claimNext() { results.store(body(index), at: index) }
            }
        }
        for thread in threads { thread.stopAndWait() }
        return results.values.map { $0! }
    }
}

/// The error `GLPKThread.run` throws for a job given after the thread was stopped.
public struct GLPKThreadStopped: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "the solver thread has ended" }
}

/// A job's result, written on the GLPK thread and read by the waiting thread after the semaphore.
private final class ResultSlot<Value>: @unchecked Sendable {
    var value: Result<Value, any Error>?
}

import Foundation

/// Where the GLPK problems of some blocks live: a worker thread of their own, or (with one host)
/// the calling thread. `problems` is only touched on that thread.
final class BlockHost: @unchecked Sendable {
    var problems: [Int: GLPKProblem] = [:]
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private let threaded: Bool

    init(thread: Bool) {
        threaded = thread
        guard thread else { return }
        let worker = Thread { [self] in
            while let job = nextJob() { job() }
            // Problems are deleted on the thread that made them, then GLPK's environment of this thread.
            problems.removeAll()
            GLPK.freeThreadEnvironment()
            finished.signal()
        }
        worker.stackSize = 16 << 20
        worker.start()
    }

    /// Runs `job` on this host's thread (now, on the calling thread, when it has none).
    func perform(_ job: @escaping @Sendable () -> Void) {
        guard threaded else { return job() }
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !stopping { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    /// Ends the thread after its queued jobs and waits until it has freed its problems.
    func stop() {
        guard threaded else {
            problems.removeAll()
            return
        }
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }
}

/// Results written by several threads, one slot each, read after they are all done.
final class ValueBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

typealias ResultBox = ValueBox<Result<Solution, any Error>>

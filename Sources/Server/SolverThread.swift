import Foundation
import LinearProgramming

/// One dedicated thread for one session's solver. GLPK keeps its state per thread (DESIGN.md 6):
/// a problem must be created, re-solved and deleted on the thread that made it, while Swift
/// concurrency moves a task between threads at every `await`. So every job of a session (the
/// plan's solve, each change's warm re-solve, the reports) runs here, one at a time in order, and
/// async handlers wait for it with a continuation; a slow solve blocks only its own session.
/// Modelled on BlockHost (Sources/LinearProgramming/SolverProblem.swift).
final class SolverThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopping = false

    /// `cleanup` runs on the thread after its last job, before GLPK's environment of the thread
    /// is freed: the session drops its problems there.
    init(name: String, cleanup: @escaping @Sendable () -> Void = {}) {
        let worker = Thread { [self] in
            while let job = nextJob() { job() }
            cleanup()
            GLPK.freeThreadEnvironment()
        }
        worker.name = name
        worker.stackSize = 16 << 20
        worker.start()
    }

    /// Runs `body` on the thread and returns its value to the awaiting task.
    func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            let accepted = enqueue {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            if !accepted { continuation.resume(throwing: ServerError(.gone, "the session has ended")) }
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !stopping { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    /// Ends the thread after the jobs already queued; it then runs `cleanup` and exits.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }
}

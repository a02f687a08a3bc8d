import Foundation
import Testing
@testable import LinearProgramming

/// GLPKThread: the one owner of GLPK's threads. A problem made on it is solved there in later jobs
/// and deleted there by `cleanup`, and a stopped thread refuses work.
@Suite struct GLPKThreadTests {
    /// maximise 2x + y subject to x + y ≤ 3, x ≤ 2 (x, y ≥ 0). By hand: x earns more per unit of
    /// the shared row, so x = 2 (its bound), y = 1 (the rest of the row), objective 2·2 + 1 = 5.
    /// Lowering the row to x + y ≤ 2 leaves y = 0 and objective 4 (a warm re-solve).
    static func program() -> (LinearProgram, Constraint) {
        var program = LinearProgram(name: "thread")
        let x = program.addVariable("x", lower: 0, upper: 2)
        let y = program.addVariable("y", lower: 0)
        var row = LinearExpression(x)
        row.add(y, 1)
        let shared = program.addConstraint("shared", row, upper: 3)
        var objective = LinearExpression(x, 2)
        objective.add(y, 1)
        program.objective = objective
        program.sense = .maximize
        return (program, shared)
    }

    @Test func problemsLiveOnTheThreadFromCreationToCleanup() async throws {
        let holder = ProblemHolder()
        let thread = GLPKThread(name: "ivp-test-thread") { holder.problem = nil; holder.cleanedOn = ObjectIdentifier(Thread.current) }
        let (program, shared) = Self.program()
        let first = try await thread.run {
            holder.problem = try GLPKProblem(program)
            holder.madeOn = ObjectIdentifier(Thread.current)
            return try holder.problem!.solve(SolverOptions()).objective
        }
        #expect(abs(first - 5) < 1e-9)
        let second = try thread.runAndWait {
            try holder.problem!.setBounds(of: shared, lower: nil, upper: 2)
            return try holder.problem!.solve(SolverOptions()).objective
        }
        #expect(abs(second - 4) < 1e-9)
        thread.stopAndWait()
        // Made and deleted on the same thread.
        #expect(holder.madeOn != nil)
        #expect(holder.madeOn == holder.cleanedOn)
        #expect(holder.problem == nil)
    }

    @Test func aStoppedThreadRefusesWorkWithItsError() async throws {
        struct Gone: Error, Sendable, Equatable {}
        let thread = GLPKThread(name: "ivp-test-stopped", whenStopped: Gone())
        thread.stopAndWait()
        #expect(thread.perform {} == false)
        await #expect(throws: Gone.self) { try await thread.run { 1 } }
        #expect(throws: Gone.self) { try thread.runAndWait { 1 } }
    }

    @Test func runAndWaitPassesTheJobsErrorOn() {
        let thread = GLPKThread(name: "ivp-test-error")
        defer { thread.stopAndWait() }
        var program = LinearProgram(name: "bad")
        program.addVariable("x", lower: 2, upper: 1)
        let invalid = program
        #expect(throws: ModelError.emptyBounds("variable x (1): 2.0 > 1.0")) {
            try thread.runAndWait { _ = try GLPKProblem(invalid) }
        }
    }
}

private final class ProblemHolder: @unchecked Sendable {
    var problem: GLPKProblem?
    var madeOn: ObjectIdentifier?
    var cleanedOn: ObjectIdentifier?
}

import CGLPK
import Foundation

/// GLPK's entry points that need no problem object kept: a one-off solve, an export, the version,
/// and the end of a thread's use of GLPK.
public enum GLPK {
    /// The linked library's version, e.g. "5.0" (glp_version).
    public static var version: String { unsafe String(cString: glp_version()) }

    /// Solves `program` on the calling thread and frees every GLPK object before returning.
    public static func solve(_ program: LinearProgram, options: SolverOptions = SolverOptions()) throws -> Solution {
        let problem = try GLPKProblem(program)
        return try problem.solve(options)
    }

    /// Releases GLPK's per-thread environment; a worker thread that used GLPK calls this before it
    /// ends (glp_free_env). Every problem made on the thread must have been deleted first.
    /// Asks the C allocator to keep freed memory for reuse, for the whole process (glibc's
    /// mallopt; elsewhere nothing). Every glp_simplex call allocates and frees work arrays of tens
    /// of MB at national size; by default glibc hands them back to the system (large blocks are
    /// unmapped, a thread's heap trimmed) and the next call faults every page in again. A re-solve
    /// of the real nation on a worker thread took 20 ms where one on the main thread took 2 ms,
    /// nearly all of it page faults. The cost is a higher high-water mark. For a program's `main`.
    public static func keepFreedMemory() {
        #if os(Linux)
        // Blocks up to 32 MB (glibc's largest threshold) come from a heap, not from mmap, and a
        // heap keeps up to 1 GB free at its top instead of trimming it.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }

    public static func freeThreadEnvironment() {
        _ = glp_free_env()
    }

    /// Writes `program` in CPLEX LP or free MPS format, as GLPK writes it.
    public static func export(_ program: LinearProgram, format: ExportFormat) throws -> String {
        try GLPKProblem(program).export(format)
    }

    /// Routes GLPK's terminal output to a hook that drops it, so it can never corrupt a report
    /// written to stdout (glp_term_hook, GLPK manual section 6.1.4). The hook is per thread, like
    /// all of GLPK's state in Debian's build, so every entry point calls this.
    static func silenceTerminal() {
        unsafe glp_term_hook(silentTerminal, nil)
    }

    private static let silentTerminal: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { _, _ in 1 }
}

public enum ExportFormat: String, Sendable, CaseIterable { case lp, mps }

import CGLPK
import Foundation

/// The model as a file: GLPK writes it, with names made safe for the format.
extension GLPKProblem {
    /// The model as GLPK writes it: CPLEX LP or free MPS (glp_write_lp, glp_write_mps).
    public func export(_ format: ExportFormat) throws -> String {
        GLPK.silenceTerminal()
        setNames()
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ivp-export-\(UUID().uuidString).\(format.rawValue)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let code: Int32
        switch format {
        case .lp: code = unsafe glp_write_lp(problem, nil, path)
        case .mps: code = unsafe glp_write_mps(problem, GLP_MPS_FILE, nil, path)
        }
        guard code == 0, var text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SolverError("GLPK could not write the model as \(format.rawValue)")
        }
        if format == .mps {
            // Free MPS has no standard place for the direction (GLPK rejects OBJSENSE), so say it
            // in a comment line; solvers read MPS as minimisation unless told (glpsol --max).
            let sense = program.sense == .maximize ? "maximize (glpsol --max)" : "minimize"
            text = "* Sense:      \(sense)\n" + text
        }
        return text
    }

    /// Names matter only in an exported model, so they are given to GLPK then: at national size
    /// making 50,000 safe, unique names is a tenth of building the problem.
    private func setNames() {
        guard !hasNames else { return }
        hasNames = true
        unsafe glp_set_prob_name(problem, GLPKProblem.safeName(program.name))
        unsafe glp_set_obj_name(problem, "value")
        var usedNames = Set<String>()
        for (index, variable) in program.variables.enumerated() {
            let column = GLPKIndex.oneBased(index)
            unsafe glp_set_col_name(problem, column, GLPKProblem.uniqueName(variable.name, "x\(column)", &usedNames))
        }
        for (index, constraint) in program.constraints.enumerated() {
            let row = GLPKIndex.oneBased(index)
            unsafe glp_set_row_name(problem, row, GLPKProblem.uniqueName(constraint.name, "r\(row)", &usedNames))
        }
    }

    /// GLPK names may hold at most 255 printable characters and, to stay readable in the LP
    /// format, only letters, digits and a few symbols; anything else becomes `_`.
    static func safeName(_ name: String) -> String {
        // Byte by byte: this runs once per row and column, so it must be cheap at national size.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(name.utf8.count, 201))
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: ","):
                bytes.append(byte)
            case 0x80...0xBF:
                continue // a continuation byte of a character already replaced
            default:
                bytes.append(UInt8(ascii: "_"))
            }
        }
        if bytes.isEmpty { bytes = [UInt8(ascii: "_")] }
        if let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: ".") {
            bytes.insert(UInt8(ascii: "_"), at: 0)
        }
        if bytes.count > 200 { bytes = Array(bytes.prefix(200)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func uniqueName(_ name: String, _ fallback: String, _ used: inout Set<String>) -> String {
        var candidate = safeName(name)
        if used.contains(candidate) { candidate = safeName("\(candidate.prefix(180))_\(fallback)") }
        if used.contains(candidate) { candidate = fallback }
        used.insert(candidate)
        return candidate
    }
}

/// GLPK numbers rows and columns from 1 and leaves index 0 of its arrays unused (GLPK manual
/// section 2.1); our variables and constraints count from 0. Every index that crosses over goes
/// through here, so the shift is written once.
enum GLPKIndex {
    /// GLPK's number of the row or column at 0-based `index`.
    static func oneBased(_ index: Int) -> Int32 { Int32(index + 1) }

    /// The 0-based index of GLPK's row or column `number`.
    static func zeroBased(_ number: Int32) -> Int { Int(number) - 1 }

    /// An array as GLPK takes it: `values` from index 1, index 0 unused (glp_load_matrix, glp_btran).
    static func array<Element: Numeric>(_ values: [Element]) -> [Element] { [0] + values }

    /// The 0-based values of an array GLPK filled from index 1.
    static func values<Element>(of array: [Element]) -> [Element] { Array(array.dropFirst()) }

    /// `read` of every row (or column) 1...count, as a 0-based array: one solution value each.
    static func values(count: Int, _ read: (Int32) -> Double) -> [Double] {
        (0..<count).map { read(oneBased($0)) }
    }
}

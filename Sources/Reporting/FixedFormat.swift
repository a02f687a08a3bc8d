import Foundation

/// printf's `%.Nf`, exactly (the C library rounds the binary value, ties to even), without
/// Foundation's `String(format:)`, which goes through CoreFoundation's formatter and was a tenth
/// of a national HTML report's time.
enum FixedFormat {
    static func string(_ value: Double, decimals: Int) -> String {
        let decimals = Int32(max(0, min(decimals, 20)))
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
            let count = withVaList([decimals, value]) { arguments in
                vsnprintf(buffer.baseAddress!, buffer.count, "%.*f", arguments)
            }
            guard count >= 0, Int(count) < buffer.count else { return String(format: "%.\(decimals)f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(count)), as: UTF8.self)
        }
    }
}

import Foundation

/// A value computed on a thread of its own, started at once; `value` waits for it. For work that
/// needs no GLPK problem (GLPK's problems stay on the thread that made them): the result's lists
/// while the ranges are read off the solved problem, a report's lists while the rest is written.
public final class ValueOnAnotherThread<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    public init(_ body: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = body()
            self.done.signal()
        }
    }

    /// The value, once computed (only one caller may ask).
    public var value: Value {
        done.wait()
        return result!
    }
}

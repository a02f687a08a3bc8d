import Foundation

/// Where the GLPK problems of a partitioned problem's blocks live, and the threads that use them.
/// With more than one host each has a `GLPKThread` of its own, so a block's problem is made,
/// solved, ranged and deleted on one thread. With one host everything runs on the calling thread.
/// Blocks go to hosts either as they are claimed (`claimInOrder`: each host takes the next block,
/// largest first, when it is free, so a block that solves slowly does not keep the other hosts
/// waiting) or, when they are used before anything claimed them, as `init` dealt them: largest
/// first, each to the host with the fewest rows so far.
final class BlockThreads: @unchecked Sendable {
    /// For every block: the host that owns its problem. Set on the calling thread only, between runs.
    private(set) var owner: [Int]
    /// The blocks, largest first: the order blocks are dealt and claimed in.
    let order: [Int]
    private let hosts: [BlockHost]

    /// `rows[b]` is the number of rows of block b; at most `threads` hosts, one per block at most.
    init(rows: [Int], threads: Int) {
        let count = max(1, min(threads, rows.count))
        let order = rows.indices.sorted { (rows[$0], $1) > (rows[$1], $0) }
        var load = [Int](repeating: 0, count: count)
        var owner = [Int](repeating: 0, count: rows.count)
        for block in order {
            let host = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
            owner[block] = host
            load[host] += rows[block] + 1
        }
        self.owner = owner
        self.order = order
        hosts = count == 1 ? [BlockHost(thread: nil)]
            : (0..<count).map { BlockHost(thread: GLPKThread(name: "ivp-block-\($0)")) }
    }

    /// The number of hosts (threads, or the calling thread alone).
    var hostCount: Int { hosts.count }

    /// Runs `body` on every host at once, each taking the next unclaimed block (in `order`) as
    /// soon as it is free, until none is left; afterwards each block belongs to the host that
    /// claimed it.
    func claimInOrder(_ body: @escaping @Sendable (BlockHost, Int) -> Void, meanwhile: () -> Void = {}) {
        let queue = ValueBox<Int>(count: order.count)
        let order = order
        runOnEveryHost({ host, hostIndex in
            while let next = queue.claimNext() {
                queue.store(hostIndex, at: next)
                body(host, order[next])
            }
        }, meanwhile: meanwhile)
        for (position, host) in queue.values.enumerated() { owner[order[position]] = host! }
    }

    /// Runs `body` once for every host, on its thread, with the host's index, and waits for all;
    /// `meanwhile` runs on the calling thread before the wait (after `body`, with one host).
    func runOnEveryHost(_ body: @escaping @Sendable (BlockHost, Int) -> Void, meanwhile: () -> Void = {}) {
        let group = DispatchGroup()
        for (index, host) in hosts.enumerated() {
            guard let thread = host.thread else {
                body(host, index)
                continue
            }
            group.enter()
            thread.perform {
                body(host, index)
                group.leave()
            }
        }
        meanwhile()
        group.wait()
    }

    /// Runs `body` on the problem of one block, on its host's thread, and waits for it.
    func run(onBlock block: Int, _ body: @escaping @Sendable (GLPKProblem) throws -> Void) throws {
        let host = hosts[owner[block]]
        guard let thread = host.thread else { return try body(host.problems[block]!) }
        try thread.runAndWait { try body(host.problems[block]!) }
    }

    /// Deletes every block's problem on the thread that made it and ends the threads.
    func stop() {
        for host in hosts {
            guard let thread = host.thread else {
                host.problems.removeAll()
                continue
            }
            thread.perform { host.problems.removeAll() }
            thread.stopAndWait()
        }
    }
}

/// The GLPK problems of some blocks, only touched on the host's thread (or, without a thread,
/// on the calling thread).
final class BlockHost: @unchecked Sendable {
    var problems: [Int: GLPKProblem] = [:]
    let thread: GLPKThread?

    init(thread: GLPKThread?) { self.thread = thread }
}

/// Results written by several threads, one slot each, read after they are all done.
final class ValueBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var claimed = 0
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    /// The next slot no thread has claimed yet, for threads that share out the work; nil at the end.
    func claimNext() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < slots.count else { return nil }
        claimed += 1
        return claimed - 1
    }
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

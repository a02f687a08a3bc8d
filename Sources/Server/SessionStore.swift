import Foundation

/// The live sessions, at most `limit`: opening one more drops the least recently used (its state
/// can be restored from its saved what-if).
actor SessionStore {
    private var sessions: [String: Session] = [:]
    private var lastUsed: [String: UInt64] = [:]
    private var clock: UInt64 = 0
    let limit: Int
    let timeLimit: Double

    init(limit: Int, timeLimit: Double) {
        self.limit = limit
        self.timeLimit = timeLimit
    }

    /// A new session on `entry`, its plan solved. The least recently used session is dropped when
    /// the store is full.
    func open(_ entry: CatalogEntry) async throws -> (Session, SessionView) {
        let session = Session(id: Token.random(bytes: 16), entry: entry, timeLimit: timeLimit)
        while sessions.count >= limit, let oldest = lastUsed.min(by: { $0.value < $1.value })?.key {
            sessions.removeValue(forKey: oldest)?.close()
            lastUsed.removeValue(forKey: oldest)
        }
        sessions[session.id] = session
        touch(session.id)
        do {
            return (session, try await session.start())
        } catch {
            sessions.removeValue(forKey: session.id)?.close()
            lastUsed.removeValue(forKey: session.id)
            throw error
        }
    }

    func session(_ id: String) throws -> Session {
        guard let session = sessions[id] else {
            throw ServerError(.notFound, "no session '\(id)' (it may have ended: at most \(limit) sessions are kept, the least recently used is dropped; open a new one with POST /api/sessions, or restore it by posting its saved what-if there)")
        }
        touch(id)
        return session
    }

    var count: Int { sessions.count }

    func closeAll() {
        for session in sessions.values { session.close() }
        sessions.removeAll()
        lastUsed.removeAll()
    }

    private func touch(_ id: String) {
        clock += 1
        lastUsed[id] = clock
    }
}

enum Token {
    /// `bytes` random bytes as hex, from the system's secure generator.
    static func random(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares in time independent of where the texts differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

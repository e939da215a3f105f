import Synchronization

/// At most `limit` queries outstanding to one server; more wait their turn. A cold cache under a burst
/// of client queries would otherwise send hundreds of datagrams to one authoritative server at once,
/// overflow its socket buffer, and read the drops as a dead server.
final class OutstandingQueries: Sendable {
    private struct Entry {
        var count = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let limit: Int
    private let entries = Mutex<[ServerAddress: Entry]>([:])

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire(_ server: ServerAddress) async {
        let admitted = entries.withLock { entries -> Bool in
            guard entries[server, default: Entry()].count < limit else { return false }
            entries[server, default: Entry()].count += 1
            return true
        }
        if admitted { return }
        await withCheckedContinuation { continuation in
            let resumeNow = entries.withLock { entries -> Bool in
                // The slot may have been freed between the two locks.
                if entries[server, default: Entry()].count < limit {
                    entries[server, default: Entry()].count += 1
                    return true
                }
                entries[server, default: Entry()].waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Frees a slot, handing it straight to the first waiter if there is one.
    func release(_ server: ServerAddress) {
        let next = entries.withLock { entries -> CheckedContinuation<Void, Never>? in
            guard var entry = entries[server] else { return nil }
            if entry.waiters.isEmpty {
                entry.count -= 1
                entries[server] = entry.count == 0 ? nil : entry
                return nil
            }
            let waiter = entry.waiters.removeFirst()
            entries[server] = entry
            return waiter
        }
        next?.resume()
    }
}

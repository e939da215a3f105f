import DNSWire
import Synchronization

/// Upstream exchanges under way, by server and question, so that identical ones are sent once.
final class InflightExchanges: Sendable {
    struct Key: Hashable, Sendable {
        var server: ServerAddress
        var question: Question
    }

    private let table = Mutex<[Key: Task<Message, any Error>]>([:])

    /// The exchange under way for `key`, or a new one made by `start`; `owner` says which.
    func task(for key: Key, start: () -> Task<Message, any Error>) -> (task: Task<Message, any Error>, owner: Bool) {
        table.withLock { table in
            if let existing = table[key] { return (existing, false) }
            let task = start()
            table[key] = task
            return (task, true)
        }
    }

    /// Called by the owner once its exchange is over.
    func finish(_ key: Key) {
        table.withLock { _ = $0.removeValue(forKey: key) }
    }
}

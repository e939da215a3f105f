import DNSWire
import Synchronization

/// Upstream exchanges under way, by server and question, so that identical ones are sent once: the
/// first resolution to need one sends it, the others wait for its outcome.
final class InflightExchanges: Sendable {
    struct Key: Hashable, Sendable {
        var server: ServerAddress
        var question: Question
    }

    /// For each exchange under way, the resolutions waiting for its outcome.
    private let table = Mutex<[Key: [CheckedContinuation<Message?, any Error>]]>([:])

    /// `nil` when the caller is the first to need `key`: it sends the exchange and must call `finish`.
    /// Otherwise the outcome of the exchange already under way (its response, or its error).
    func share(_ key: Key) async throws -> Message? {
        try await withCheckedThrowingContinuation { continuation in
            let first = table.withLock { table -> Bool in
                guard table[key] != nil else {
                    table[key] = []
                    return true
                }
                table[key]?.append(continuation)
                return false
            }
            if first { continuation.resume(returning: nil) }
        }
    }

    /// Called by the first once its exchange is over: everyone waiting gets the same outcome.
    func finish(_ key: Key, with outcome: Result<Message, any Error>) {
        let waiting = table.withLock { $0.removeValue(forKey: key) } ?? []
        for continuation in waiting { continuation.resume(with: outcome.map { Optional($0) }) }
    }
}

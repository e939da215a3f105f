import Synchronization

/// Per-client token buckets (RFC 8906 §3.5-style response rate limiting is left to front ends; this
/// only keeps one client from taking the whole resolver). Bounded: past `maximumClients` the table
/// is cleared, which errs on the side of answering.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Int64
    }

    private let rate: Double
    private let burst: Double
    private let buckets = Mutex<[ClientAddress: Bucket]>([:])
    static let maximumClients = 100_000

    init(queriesPerSecond: Int, burst: Int) {
        rate = Double(queriesPerSecond)
        self.burst = Double(max(burst, 1))
    }

    var isEnabled: Bool { rate > 0 }

    /// Whether a query from `client` at `nowMilliseconds` may be answered.
    func allow(_ client: ClientAddress, nowMilliseconds: Int64) -> Bool {
        guard isEnabled else { return true }
        return buckets.withLock { buckets in
            if buckets.count > Self.maximumClients { buckets.removeAll(keepingCapacity: true) }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: nowMilliseconds)
            let elapsed = Double(max(0, nowMilliseconds - bucket.updated)) / 1000
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updated = nowMilliseconds
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[client] = bucket
            return allowed
        }
    }
}

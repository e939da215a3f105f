/// Resolution failures remembered per question (RFC 9520 §3.2), so that a name whose servers are broken
/// or unreachable is not resolved again from scratch for every client that asks it: while a failure is
/// held, the question gets SERVFAIL (or a stale answer) at once, without upstream traffic.
///
/// The first failure is held `CachePolicy.failureTTL`; a failure again within twice its hold doubles
/// it, up to `CachePolicy.maximumFailureTTL`. A success forgets it. At most `maximumEntries` are
/// held; when full, the entries past their hold go first, and if none has, the failure is not held.
struct FailureCache: Sendable {
    struct Entry: Sendable {
        var failure: ResolutionFailure
        var expires: Moment
        /// How long this failure is held, in seconds (the next one doubles it).
        var seconds: UInt32
    }

    /// A named bound on the entries, so a flood of failing names cannot grow it without limit.
    static let maximumEntries = 10_000

    private(set) var entries: [CacheKey: Entry] = [:]

    /// The failure held for `key` at `now`, and the seconds left on it.
    func failure(_ key: CacheKey, at now: Moment) -> (failure: ResolutionFailure, secondsLeft: UInt32)? {
        guard let entry = entries[key], now < entry.expires else { return nil }
        return (entry.failure, now.seconds(until: entry.expires))
    }

    /// Holds `failure` for `key` from `now`: `initial` seconds, or double the last hold when the last
    /// failure ended less than its own hold ago, never more than `maximum`.
    mutating func record(_ failure: ResolutionFailure, for key: CacheKey, at now: Moment, initial: UInt32, maximum: UInt32) {
        guard initial > 0 else { return }
        var seconds = initial
        if let previous = entries[key], now < previous.expires.adding(seconds: previous.seconds) {
            seconds = previous.seconds > maximum / 2 ? maximum : previous.seconds * 2
        }
        seconds = min(max(seconds, initial), maximum)
        if entries[key] == nil, entries.count >= Self.maximumEntries {
            entries = entries.filter { now < $0.value.expires.adding(seconds: $0.value.seconds) }
            guard entries.count < Self.maximumEntries else { return }
        }
        entries[key] = Entry(failure: failure, expires: now.adding(seconds: seconds), seconds: seconds)
    }

    mutating func forget(_ key: CacheKey) {
        if !entries.isEmpty { entries[key] = nil }
    }

    mutating func removeAll() { entries.removeAll() }
}

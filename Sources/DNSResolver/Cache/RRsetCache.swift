import DNSWire

/// The resolver's cache: RRsets keyed by (name, type, class), each with its own TTL, and negative
/// entries (RFC 2308). A CNAME chain is never stored as a list: each link is an RRset of its own, and
/// answers walk them from the query name every time (`AnswerBuilder`).
///
/// Not thread-safe by itself: the resolver keeps it behind a lock.
public struct RRsetCache: Sendable {
    public var policy: CachePolicy
    private(set) var positive: [CacheKey: CachedRRset] = [:]
    private(set) var negative: [CacheKey: NegativeEntry] = [:]
    /// Approximate bytes held by every entry.
    public private(set) var bytes = 0
    /// Owners of the DNAME RRsets held, so answer walks look for a DNAME above a name only where one
    /// may be, without building every ancestor name (a cache holds few DNAMEs).
    private(set) var dnameOwners: Set<DomainName> = []
    public private(set) var evictions = 0

    public init(policy: CachePolicy = CachePolicy()) { self.policy = policy }

    public var count: Int { positive.count + negative.count }

    // MARK: Reading

    /// The RRset at `key` if it is at least `minimum` credible and fresh at `now` — or, with `stale`,
    /// expired for less than the stale retention (RFC 8767).
    public mutating func rrset(_ key: CacheKey, at now: Moment, minimum: Credibility = .answerable,
                               stale: Bool = false) -> CachedRRset? {
        guard let entry = positive[key], entry.credibility >= minimum, usable(entry.expires, at: now, stale: stale) else {
            return nil
        }
        entry.lastUsed = now
        return entry
    }

    /// The negative entry that answers (name, type): a name error at the name, or no data of the type.
    public mutating func negativeAnswer(_ key: CacheKey, at now: Moment, stale: Bool = false) -> NegativeEntry? {
        let entry = negative[CacheKey.nameError(key.name, key.class)] ?? negative[key]
        guard let entry, usable(entry.expires, at: now, stale: stale) else { return nil }
        entry.lastUsed = now
        return entry
    }

    var mayHoldDNAME: Bool { !dnameOwners.isEmpty }

    private func usable(_ expires: Moment, at now: Moment, stale: Bool) -> Bool {
        now < expires || (stale && now < expires.adding(seconds: policy.staleRetention))
    }

    // MARK: Writing

    /// The TTL an RRset is stored with: the smallest TTL of its records, within the policy's bounds.
    public func clampedTTL(_ ttl: UInt32) -> UInt32 { min(max(ttl, policy.minimumTTL), policy.maximumTTL) }

    /// Stores `rrset` unless a fresh entry at least as credible is already there (RFC 2181 §5.4.1).
    /// Returns the entry that is cached afterwards.
    @discardableResult
    public mutating func insert(_ rrset: CachedRRset, at now: Moment) -> CachedRRset {
        let key = CacheKey(rrset.owner, rrset.type, rrset.class)
        if let existing = positive[key], existing.isFresh(at: now), existing.credibility > rrset.credibility {
            return existing
        }
        // Positive data replaces a negative entry for the same name and type, and a name error at the
        // name (the name exists after all).
        removeNegative(key)
        removeNegative(.nameError(key.name, key.class))
        if let old = positive.updateValue(rrset, forKey: key) { bytes -= old.size }
        bytes += rrset.size
        if rrset.type == .dname { dnameOwners.insert(rrset.owner) }
        evictIfOverBudget(now: now)
        return rrset
    }

    /// Stores a negative answer for `key` (for a name error, the type is ignored).
    public mutating func insertNegative(_ entry: NegativeEntry, for key: CacheKey, at now: Moment) {
        let stored = entry.kind == .nameError ? CacheKey.nameError(key.name, key.class) : key
        // Do not let a negative answer hide fresh authoritative data.
        if entry.kind == .noData, let existing = positive[key], existing.isFresh(at: now),
           existing.credibility >= .authoritativeAnswer {
            return
        }
        if let old = negative.updateValue(entry, forKey: stored) { bytes -= old.size }
        bytes += entry.size
        evictIfOverBudget(now: now)
    }

    private mutating func removeNegative(_ key: CacheKey) {
        if let old = negative.removeValue(forKey: key) { bytes -= old.size }
    }

    /// Removes everything.
    public mutating func removeAll() {
        positive.removeAll()
        negative.removeAll()
        bytes = 0
        dnameOwners.removeAll()
    }

    // MARK: Eviction

    /// When over budget: first whatever is past its stale retention, then the least recently used, down
    /// to 90 % of the budget so that eviction runs rarely.
    private mutating func evictIfOverBudget(now: Moment) {
        guard bytes > policy.memoryBudget else { return }
        let target = policy.memoryBudget / 10 * 9
        for (key, entry) in positive where !usable(entry.expires, at: now, stale: true) { removePositive(key) }
        for (key, entry) in negative where !usable(entry.expires, at: now, stale: true) { removeNegative(key) }
        guard bytes > target else { return }
        var ages: [(Moment, CacheKey, Bool)] = positive.map { ($0.value.lastUsed, $0.key, true) }
        ages += negative.map { ($0.value.lastUsed, $0.key, false) }
        ages.sort { $0.0 < $1.0 }
        for (_, key, isPositive) in ages {
            guard bytes > target else { break }
            if isPositive { removePositive(key) } else { removeNegative(key) }
            evictions += 1
        }
    }

    private mutating func removePositive(_ key: CacheKey) {
        guard let old = positive.removeValue(forKey: key) else { return }
        bytes -= old.size
        if old.type == .dname { dnameOwners.remove(old.owner) }
    }
}

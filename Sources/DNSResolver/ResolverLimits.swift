/// Every bound the resolver works within, named in one place. A resolution that would breach one stops
/// with SERVFAIL and an extended DNS error (RFC 8914) naming the limit.
public struct ResolverLimits: Hashable, Sendable {
    /// CNAME/DNAME links followed from the query name (RFC 1034 §3.6.2 allows chains; loops are cut here).
    public var maximumChainLength = 12
    /// Referrals followed while resolving one name (one step down the tree each).
    public var maximumReferralDepth = 30
    /// Upstream queries sent for one client query, NS-name lookups and retries included.
    public var maximumUpstreamQueries = 96
    /// Nesting of lookups for name-server addresses (a server name whose zone needs another lookup…).
    public var maximumLookupDepth = 4
    /// Wall-clock budget for one client query, from arrival to the answer.
    public var overallDeadline: Duration = .seconds(10)
    /// One exchange with one server.
    public var serverTimeout: Duration = .milliseconds(800)
    /// Tries for one step before it fails: each server in RTT order, then those that timed out again.
    public var serversPerStep = 6
    /// Times a server that timed out is asked again within one step (a lost datagram is not a dead server).
    public var retriesAfterTimeout = 2
    /// Queries outstanding to one server at once; more wait (a burst must not flood one server).
    public var maximumOutstandingPerServer = 64
    /// Labels added one at a time by QNAME minimisation before the full name is sent (RFC 9156 §2.3
    /// MAX_MINIMISE_COUNT).
    public var maximumMinimisedLabels = 10
    /// The EDNS UDP payload size offered upstream (the 2020 DNS flag day value).
    public var upstreamUDPPayloadSize: UInt16 = 1232

    public init() {}
}

/// Cache bounds and TTL policy.
public struct CachePolicy: Hashable, Sendable {
    /// TTLs below this are raised to it (0: never raised).
    public var minimumTTL: UInt32 = 0
    /// TTLs above this are lowered to it (RFC 8767 §4 suggests a week).
    public var maximumTTL: UInt32 = 604_800
    /// Negative answers (RFC 2308 §5) are kept at most this long.
    public var maximumNegativeTTL: UInt32 = 3600
    /// Approximate bytes the cache may hold; the least recently used entries go first when it is full.
    public var memoryBudget = 64 << 20
    /// RFC 8767: how long past expiry an entry may still be served when every upstream fails.
    public var staleRetention: UInt32 = 86_400
    /// RFC 8767 §4: the TTL of a stale answer.
    public var staleAnswerTTL: UInt32 = 30
    /// RFC 9520: a question whose resolution failed gets SERVFAIL without a new attempt for this long
    /// (0: failures are not held; the RFC asks for at least 1 s)…
    public var failureTTL: UInt32 = 5
    /// …doubled each time it fails again right after, up to this (the RFC: at most 5 minutes).
    public var maximumFailureTTL: UInt32 = 60

    public init() {}
}

import DNSWire
import Synchronization

/// One upstream exchange, as `preface resolve --trace` prints it.
public struct TraceEvent: Sendable, CustomStringConvertible {
    public var server: ServerAddress
    public var zone: DomainName
    public var question: Question
    public var transport: TransportProtocol
    /// What came back: `NOERROR referral to example.`, `NXDOMAIN`, `timeout`…
    public var outcome: String
    public var milliseconds: Int64

    public var description: String {
        "\(question.name) \(question.type) → \(server) (\(zone) over \(transport.rawValue.uppercased())): \(outcome) in \(milliseconds) ms"
    }
}

/// The caching recursive resolver (RFC 1034 §5.3.3): iterative resolution from the root hints, an RRset
/// cache, and answers built by `AnswerBuilder` only. I/O-free: upstream queries go through `Transport`,
/// time comes from `ResolverClock`.
public final class Resolver: Sendable {
    public let limits: ResolverLimits
    /// RFC 9156, relaxed: one label more per query below a zone cut; full names where servers object.
    public let qnameMinimisation: Bool
    /// The port every authoritative server is asked on: 53, except in test hierarchies.
    public let serverPort: UInt16
    /// A verified local copy of the root zone (RFC 8806), asked instead of the root servers while fresh.
    public let localRoot: LocalRoot?
    let transport: any Transport
    let clock: any ResolverClock
    let hints: RootHints
    let state: Mutex<State>
    let inflight = InflightExchanges()
    let outstanding: OutstandingQueries

    struct State: Sendable {
        var cache: RRsetCache
        var servers = ServerTable()
        var failures = FailureCache()
    }

    public init(transport: any Transport, hints: RootHints, limits: ResolverLimits = ResolverLimits(),
                cachePolicy: CachePolicy = CachePolicy(), clock: any ResolverClock = MonotonicClock(),
                qnameMinimisation: Bool = true, serverPort: UInt16 = 53, localRoot: LocalRoot? = nil) {
        self.transport = transport
        self.serverPort = serverPort
        self.localRoot = localRoot
        self.hints = hints
        self.limits = limits
        self.clock = clock
        self.qnameMinimisation = qnameMinimisation
        self.state = Mutex(State(cache: RRsetCache(policy: cachePolicy)))
        self.outstanding = OutstandingQueries(limit: limits.maximumOutstandingPerServer)
    }

    /// The cache-hit path: writes the response to `query` into `output` when the cache holds the whole
    /// answer, and returns whether it did. No suspension, no upstream traffic.
    public func answerFromCache(_ query: ClientQuery, maximumSize: Int = WireLimits.maximumMessageSize,
                                into output: inout [UInt8]) -> Bool {
        let now = clock.now
        let chainLimit = limits.maximumChainLength
        let outcome = state.withLock { state in
            AnswerBuilder.build(query, cache: &state.cache, at: now, chainLimit: chainLimit, maximumSize: maximumSize, into: &output)
        }
        if case .answered = outcome { return true }
        return false
    }

    /// Resolves `query` — from the cache where it can, iteratively where it must — and returns the
    /// response in wire form. Never throws: failures become SERVFAIL with an extended DNS error, or a
    /// stale answer (RFC 8767) when the cache has one.
    /// `onFailure` hears why, when the answer is SERVFAIL or stale (the client sees the reason only
    /// when it sent EDNS).
    public func resolve(_ query: ClientQuery, maximumSize: Int = WireLimits.maximumMessageSize,
                        trace: (@Sendable (TraceEvent) -> Void)? = nil,
                        onFailure: ((ResolutionFailure) -> Void)? = nil) async -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        guard query.question.class == .in else {
            // Only the Internet class has a root to start from.
            ResponseEncoding.emptyResponse(query, rcode: .refused, error: nil, into: &output)
            return output
        }
        guard Self.supported(query.question.type) else {
            ResponseEncoding.emptyResponse(query, rcode: .notImp, error: nil, into: &output)
            return output
        }
        var context = ResolutionContext(deadline: clock.now.adding(milliseconds: limits.overallDeadline.milliseconds), trace: trace)
        let questionKey = CacheKey(query.question.name, query.question.type, query.question.class)
        var previousMiss: CacheKey?
        while true {
            switch build(query, pinned: context.pinned, maximumSize: maximumSize, into: &output) {
            case .answered:
                if previousMiss != nil { state.withLock { $0.failures.forget(questionKey) } }
                return output
            case .chainTooLong(let name):
                let failure = ResolutionFailure(.limit, "the CNAME/DNAME chain from \(name) is longer than \(limits.maximumChainLength) links (ResolverLimits.maximumChainLength) or loops")
                onFailure?(failure)
                ResponseEncoding.emptyResponse(query, rcode: .servFail, error: failure.extendedError, into: &output)
                return output
            case .missing(let key):
                if previousMiss == nil, let held = state.withLock({ $0.failures.failure(questionKey, at: clock.now) }) {
                    // RFC 9520: failed a moment ago; not tried again until the hold ends.
                    let failure = ResolutionFailure(held.failure.reason, held.failure.detail + " (failed recently: tried again in \(held.secondsLeft) s)")
                    return failed(query, failure, pinned: context.pinned, maximumSize: maximumSize, onFailure: onFailure, into: &output)
                }
                do {
                    guard key != previousMiss else {
                        throw ResolutionFailure(.badUpstreamData, "the servers for \(key.name) gave no usable answer for \(key.type)")
                    }
                    previousMiss = key
                    try await fill(key, &context, depth: 0)
                } catch {
                    let failure = error as? ResolutionFailure ?? ResolutionFailure(.badUpstreamData, "\(error)")
                    let now = clock.now
                    state.withLock { state in
                        state.failures.record(failure, for: questionKey, at: now, initial: state.cache.policy.failureTTL,
                                              maximum: state.cache.policy.maximumFailureTTL)
                    }
                    return failed(query, failure, pinned: context.pinned, maximumSize: maximumSize, onFailure: onFailure, into: &output)
                }
            }
        }
    }

    /// The response when resolution failed: RFC 8767 §5, an expired answer still in the cache is
    /// better than none (TTL 30, EDE 3 "Stale Answer"); otherwise SERVFAIL with the reason as an EDE.
    private func failed(_ query: ClientQuery, _ failure: ResolutionFailure, pinned: PinnedRRsets, maximumSize: Int,
                        onFailure: ((ResolutionFailure) -> Void)?, into output: inout [UInt8]) -> [UInt8] {
        onFailure?(failure)
        let stale = ExtendedDNSError(infoCode: ExtendedDNSError.stale.infoCode, extraText: failure.detail)
        if case .answered = build(query, pinned: pinned, stale: true, error: stale, maximumSize: maximumSize, into: &output) {
            return output
        }
        ResponseEncoding.emptyResponse(query, rcode: .servFail, error: failure.extendedError, into: &output)
        return output
    }

    /// Zone transfers and the obsolete mail queries are not recursive questions; ANY (RFC 8482) is not
    /// answered from a cache that holds RRsets one by one.
    static func supported(_ type: RRType) -> Bool {
        ![.axfr, .ixfr, .any, RRType(253), RRType(254)].contains(type)
    }

    private func build(_ query: ClientQuery, pinned: PinnedRRsets, stale: Bool = false, error: ExtendedDNSError? = nil,
                       maximumSize: Int, into output: inout [UInt8]) -> AnswerBuilder.Outcome {
        let now = clock.now
        let chainLimit = limits.maximumChainLength
        return state.withLock { state in
            AnswerBuilder.build(query, cache: &state.cache, pinned: pinned, at: now, stale: stale, chainLimit: chainLimit,
                                error: error, maximumSize: maximumSize, into: &output)
        }
    }

    // MARK: Cache access for operators and tests

    /// Entries and approximate bytes held.
    public var cacheStatistics: (entries: Int, bytes: Int, evictions: Int) {
        state.withLock { ($0.cache.count, $0.cache.bytes, $0.cache.evictions) }
    }

    /// Empties the cache, the failures held included.
    public func flushCache() {
        state.withLock { state in
            state.cache.removeAll()
            state.failures.removeAll()
        }
    }

    /// The smoothed RTT the resolver holds for a server, in milliseconds.
    public func smoothedRTT(of server: ServerAddress) -> Double? { state.withLock { $0.servers.smoothedRTT(server) } }
}

/// The state of one client query's resolution.
struct ResolutionContext {
    let deadline: Moment
    let trace: (@Sendable (TraceEvent) -> Void)?
    var upstreamQueries = 0
    var pinned = PinnedRRsets()
    /// (name, type) lookups under way, to stop dependency loops (a server name inside its own zone
    /// without glue, mutually dependent zones).
    var inProgress: Set<CacheKey> = []

    init(deadline: Moment, trace: (@Sendable (TraceEvent) -> Void)?) {
        self.deadline = deadline
        self.trace = trace
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

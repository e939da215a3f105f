import DNSResolver
import DNSWire
import Logging
import Synchronization

/// What the front ends do with every packet, whatever the transport: access control, the rate limit,
/// parsing, and the cache-hit path without leaving the event loop; anything else goes to the resolver.
public final class QueryHandler: Sendable {
    public let resolver: Resolver
    private let access: Mutex<(allow: [AddressPrefix], limiter: RateLimiter)>
    let metrics: ServerMetrics
    let clock = MonotonicClock()

    public init(resolver: Resolver, allow: [AddressPrefix], rateLimit: ServeConfiguration.RateLimit, metrics: ServerMetrics) {
        self.resolver = resolver
        self.access = Mutex((allow, RateLimiter(queriesPerSecond: rateLimit.queriesPerSecond, burst: rateLimit.burst)))
        self.metrics = metrics
    }

    /// Applies a reloaded configuration's access list and rate limit (SIGHUP).
    public func update(allow: [AddressPrefix], rateLimit: ServeConfiguration.RateLimit) {
        access.withLock { $0 = (allow, RateLimiter(queriesPerSecond: rateLimit.queriesPerSecond, burst: rateLimit.burst)) }
    }

    /// What to do with one packet.
    public enum Action: Sendable {
        /// Send this response now.
        case respond([UInt8])
        /// Send nothing (rate limited, or not a DNS query at all).
        case drop
        /// Resolve, then send what `resolve` returns.
        case resolve(ClientQuery, maximumSize: Int, started: Moment)
    }

    /// Runs on the event loop. `client` is the source address's octets (4 or 16).
    public func handle(_ bytes: [UInt8], from client: [UInt8], over transport: TransportProtocol) -> Action {
        let started = clock.now
        (transport == .udp ? metrics.queriesUDP : metrics.queriesTCP).increment()
        let (allow, limiter) = access.withLock { $0 }
        guard limiter.allow(client, nowMilliseconds: started.milliseconds) else {
            metrics.rateLimited.increment()
            return .drop
        }
        let query: ClientQuery
        switch Self.parse(bytes) {
        case .query(let parsed):
            query = parsed
        case .reply(let wire):
            metrics.malformed.increment()
            return .respond(wire)
        case .nothing:
            metrics.malformed.increment()
            return .drop
        }
        guard allow.contains(where: { $0.contains(client) }) else {
            // Not an open resolver (RFC 5358): anyone outside the allowed networks is refused.
            metrics.refused.increment()
            return .respond(query.emptyResponse(rcode: .refused))
        }
        var output: [UInt8] = []
        output.reserveCapacity(512)
        let maximumSize = transport == .udp ? query.maximumUDPResponseSize : WireLimits.maximumMessageSize
        if resolver.answerFromCache(query, maximumSize: maximumSize, into: &output) {
            metrics.cacheHits.increment()
            metrics.latency.recordNanoseconds((clock.now.milliseconds - started.milliseconds) * 1_000_000)
            return .respond(output)
        }
        metrics.cacheMisses.increment()
        return .resolve(query, maximumSize: maximumSize, started: started)
    }

    /// The slow path, off the event loop.
    public func resolve(_ query: ClientQuery, maximumSize: Int, started: Moment) async -> [UInt8] {
        let wire = await resolver.resolve(query, maximumSize: maximumSize)
        if wire.count > 3, wire[3] & 0x0F == RCode.servFail.rawValue {
            metrics.servfail(reason: Self.servfailReason(wire)).increment()
        }
        metrics.latency.recordNanoseconds((clock.now.milliseconds - started.milliseconds) * 1_000_000)
        return wire
    }

    /// The extended DNS error's info code as a metric label (`22`, `0`…), `none` without one.
    static func servfailReason(_ wire: [UInt8]) -> String {
        guard let message = try? Message(wire: wire), let option = message.edns?.option(.extendedDNSError),
              let error = try? ExtendedDNSError(option) else { return "none" }
        return ExtendedDNSError.names[error.infoCode].map { $0.lowercased().replacingSpaces() } ?? String(error.infoCode)
    }

    enum Parsed {
        case query(ClientQuery)
        case reply([UInt8])
        case nothing
    }

    /// A query Preface answers: QR clear, opcode QUERY, one question, EDNS version 0 (RFC 6891 §6.1.3:
    /// BADVERS otherwise). A packet with a readable header but an unusable body gets FORMERR (or
    /// NOTIMP for other opcodes); anything shorter, or a response, gets nothing.
    static func parse(_ bytes: [UInt8]) -> Parsed {
        guard bytes.count >= Header.size, bytes[2] & 0x80 == 0 else { return .nothing }
        let id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        let recursionDesired = bytes[2] & 0x01 != 0
        /// Header only, no question echoed (QDCOUNT 0): the body could not be read.
        func bare(_ rcode: RCode) -> Parsed {
            var output = Array(ClientQuery(id: id, question: Question(.root, .a), recursionDesired: recursionDesired)
                .emptyResponse(rcode: rcode).prefix(Header.size))
            output[4] = 0
            output[5] = 0
            return .reply(output)
        }
        guard (bytes[2] >> 3) & 0x0F == 0 else { return bare(.notImp) }
        guard let message = try? Message(wire: bytes), message.questions.count == 1, let question = message.questions.first,
              message.answers.isEmpty else {
            return bare(.formErr)
        }
        let edns = message.edns
        if let edns, edns.version != 0 {
            // RFC 6891 §6.1.3: BADVERS (16), carried by the OPT record's extended RCODE bits.
            return .reply(ClientQuery(id: id, question: question, recursionDesired: recursionDesired, edns: edns)
                .emptyResponse(rcode: .badVers))
        }
        return .query(ClientQuery(id: id, question: question, recursionDesired: recursionDesired,
                                  checkingDisabled: message.header.checkingDisabled, edns: edns))
    }
}

extension String {
    func replacingSpaces() -> String { String(map { $0 == " " ? "_" : $0 }) }
}

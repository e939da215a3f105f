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
    let logger: Logger
    let clock = MonotonicClock()

    public init(resolver: Resolver, allow: [AddressPrefix], rateLimit: ServeConfiguration.RateLimit, metrics: ServerMetrics,
                logger: Logger = Logger(label: "preface")) {
        self.resolver = resolver
        self.logger = logger
        self.access = Mutex((allow, RateLimiter(queriesPerSecond: rateLimit.queriesPerSecond, burst: rateLimit.burst)))
        self.metrics = metrics
    }

    /// Applies a reloaded configuration's access list and rate limit (SIGHUP).
    public func update(allow: [AddressPrefix], rateLimit: ServeConfiguration.RateLimit) {
        access.withLock { $0 = (allow, RateLimiter(queriesPerSecond: rateLimit.queriesPerSecond, burst: rateLimit.burst)) }
    }

    /// What to do with one packet.
    public enum Action: Sendable {
        /// Send the response now: it is in the `output` buffer given to `handle`.
        case respond
        /// Send nothing (rate limited, or not a DNS query at all).
        case drop
        /// Resolve, then send what `resolve` returns.
        case resolve(ClientQuery, maximumSize: Int, started: Moment)
    }

    /// Runs on the event loop, for a packet from `client`. A response to send at once is written to
    /// `output` (replacing what it held), so a front end can reuse one buffer for every packet it reads.
    public func handle(_ bytes: [UInt8], from client: ClientAddress, over transport: TransportProtocol,
                       into output: inout [UInt8]) -> Action {
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
            output = wire
            return .respond
        case .nothing:
            metrics.malformed.increment()
            return .drop
        }
        guard allow.contains(where: { $0.contains(client) }) else {
            // Not an open resolver (RFC 5358): anyone outside the allowed networks is refused.
            metrics.refused.increment()
            output = query.emptyResponse(rcode: .refused)
            return .respond
        }
        output.removeAll(keepingCapacity: true)
        let maximumSize = transport == .udp ? query.maximumUDPResponseSize : WireLimits.maximumMessageSize
        if resolver.answerFromCache(query, maximumSize: maximumSize, into: &output) {
            metrics.cacheHits.increment()
            metrics.latency.recordNanoseconds((clock.now.milliseconds - started.milliseconds) * 1_000_000)
            return .respond
        }
        metrics.cacheMisses.increment()
        return .resolve(query, maximumSize: maximumSize, started: started)
    }

    /// The slow path, off the event loop. Failures are counted by reason and logged at debug level.
    public func resolve(_ query: ClientQuery, maximumSize: Int, started: Moment) async -> [UInt8] {
        let metrics = self.metrics
        let logger = self.logger
        let wire = await resolver.resolve(query, maximumSize: maximumSize, onFailure: { failure in
            metrics.servfail(reason: failure.reason.rawValue).increment()
            logger.debug("resolution failed", metadata: ["name": "\(query.question.name)", "type": "\(query.question.type)",
                                                          "reason": "\(failure.reason.rawValue)", "detail": "\(failure.detail)"])
        })
        metrics.latency.recordNanoseconds((clock.now.milliseconds - started.milliseconds) * 1_000_000)
        return wire
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
        // The zero-copy view: a query is parsed on every packet, and only its question and OPT are needed.
        guard let view = try? MessageView(wire: bytes), view.questionCount == 1, view.answers.isEmpty,
              let question = view.questions.first?.question else {
            return bare(.formErr)
        }
        let edns = view.additionals.first { $0.type == .opt }.flatMap { try? EDNS($0) }
        if let edns, edns.version != 0 {
            // RFC 6891 §6.1.3: BADVERS (16), carried by the OPT record's extended RCODE bits.
            return .reply(ClientQuery(id: id, question: question, recursionDesired: recursionDesired, edns: edns)
                .emptyResponse(rcode: .badVers))
        }
        return .query(ClientQuery(id: id, question: question, recursionDesired: recursionDesired,
                                  checkingDisabled: view.header.checkingDisabled, edns: edns))
    }
}

import DNSConformance
@testable import DNSServer
import DNSResolver
import DNSWire
import NIOCore
import Testing

/// The front ends' common path, without sockets: access list, rate limit, malformed packets.
struct QueryHandlerTests {
    static func handler(rate: ServeConfiguration.RateLimit = .init(), allow: [AddressPrefix] = AddressPrefix.loopback) throws -> QueryHandler {
        let resolver = Resolver(transport: NoTransport(), hints: try RootHints(text: Array(Authority.rootHints.utf8)))
        return QueryHandler(resolver: resolver, allow: allow, rateLimit: rate, metrics: ServerMetrics())
    }

    struct NoTransport: Transport {
        func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol, timeout: Duration) async throws -> [UInt8] {
            throw TransportError(.timeout)
        }
    }

    static func query(_ name: String = "www.example.", id: UInt16 = 77, edns: EDNS? = EDNS()) throws -> [UInt8] {
        var message = Message(header: Header(id: id, flags: 0x0100), questions: [Question(try DomainName(name), .a)])
        message.edns = edns
        return message.wire()
    }

    static func response(_ action: Handled) throws -> Message {
        guard case .respond(let wire) = action else { throw Failure() }
        return try Message(wire: wire)
    }

    struct Failure: Error {}

    /// `QueryHandler.Action` with the response it wrote, for matching in one pattern.
    enum Handled {
        case respond([UInt8])
        case drop
        case resolve
    }

    @Test func clientsOutsideTheAccessListAreRefused() throws {
        let handler = try Self.handler()
        let refused = try Self.response(handler.handle(try Self.query(), from: [192, 0, 2, 1], over: .udp))
        #expect(refused.rcode == .refused)
        #expect(refused.header.id == 77)
        #expect(refused.questions.first?.name == (try DomainName("www.example.")))
        let loopback = handler.handle(try Self.query(), from: [127, 0, 0, 1], over: .udp)
        guard case .resolve = loopback else {
            Issue.record("a loopback client was not resolved for")
            return
        }
        let mappedLoopback = handler.handle(try Self.query(), from: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1], over: .tcp)
        if case .respond = mappedLoopback { Issue.record("an IPv4-mapped loopback client was refused") }
    }

    /// The access list sees a socket peer's octets in order, IPv4-mapped IPv6 counting as IPv4.
    @Test func clientAddressesAreTheSocketAddressesOctets() throws {
        let v4 = ClientAddress(try SocketAddress(ipAddress: "192.0.2.77", port: 5300))
        #expect(v4 == [192, 0, 2, 77])
        #expect(v4.count == 4 && v4[0] == 192 && v4[3] == 77)
        let v6 = ClientAddress(try SocketAddress(ipAddress: "2001:db8::1:2", port: 53))
        #expect(v6 == [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2])
        #expect(v6.count == 16 && v6[15] == 2 && v6[8] == 0)
        let mapped = ClientAddress(try SocketAddress(ipAddress: "::ffff:127.0.0.1", port: 53))
        #expect(AddressPrefix.loopback.contains { $0.contains(mapped) })
        let outside = ClientAddress(try SocketAddress(ipAddress: "192.0.2.1", port: 53))
        #expect(!AddressPrefix.loopback.contains { $0.contains(outside) })
        let v6Loopback = ClientAddress(try SocketAddress(ipAddress: "::1", port: 53))
        #expect(AddressPrefix.loopback.contains { $0.contains(v6Loopback) })
    }

    @Test func malformedPacketsGetFormErrOrNothing() throws {
        let handler = try Self.handler()
        let loopback: ClientAddress = [127, 0, 0, 1]
        // Too short for a header, or a response: nothing.
        if case .respond = handler.handle([1, 2, 3], from: loopback, over: .udp) { Issue.record("answered a 3-octet packet") }
        var response = try Self.query()
        response[2] |= 0x80
        if case .respond = handler.handle(response, from: loopback, over: .udp) { Issue.record("answered a response") }
        // A header and garbage: FORMERR, header only.
        let formErr = try Self.response(handler.handle(Array(try Self.query().prefix(12)) + [0xFF, 0xFF], from: loopback, over: .udp))
        #expect(formErr.rcode == .formErr)
        #expect(formErr.questions.isEmpty)
        // Another opcode: NOTIMP.
        var notify = try Self.query()
        notify[2] |= 4 << 3
        #expect(try Self.response(handler.handle(notify, from: loopback, over: .udp)).rcode == .notImp)
        // EDNS version 1: BADVERS (RFC 6891 §6.1.3), through the OPT record's extended RCODE.
        var edns = EDNS()
        edns.version = 1
        #expect(try Self.response(handler.handle(try Self.query(edns: edns), from: loopback, over: .udp)).rcode == .badVers)
    }

    @Test func aFloodFromOneClientIsCutAtItsRate() throws {
        var rate = ServeConfiguration.RateLimit()
        rate.queriesPerSecond = 1
        rate.burst = 5
        let handler = try Self.handler(rate: rate, allow: [])
        var dropped = 0
        for _ in 0..<50 {
            if case .drop = handler.handle(try Self.query(), from: [192, 0, 2, 9], over: .udp) { dropped += 1 }
        }
        #expect(dropped == 45)
        // Another client is not affected.
        if case .drop = handler.handle(try Self.query(), from: [192, 0, 2, 10], over: .udp) { Issue.record("another client was limited") }
    }
}

extension QueryHandler {
    func handle(_ bytes: [UInt8], from client: ClientAddress, over transport: TransportProtocol) -> QueryHandlerTests.Handled {
        var output: [UInt8] = [0xEE]
        switch handle(bytes, from: client, over: transport, into: &output) {
        case .respond: return .respond(output)
        case .drop: return .drop
        case .resolve: return .resolve
        }
    }
}

extension QueryHandlerTests {
    /// Answers UDP with a fixed response and fails TCP with a timeout.
    struct HalfWorkingTransport: Transport {
        func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol, timeout: Duration) async throws -> [UInt8] {
            guard transport == .udp else { throw TransportError(.timeout) }
            return query
        }
    }

    @Test func upstreamQueriesAreCountedByTransportAndFailuresByReason() async throws {
        let metrics = ServerMetrics()
        let transport = MeteredTransport(inner: HalfWorkingTransport(), metrics: metrics)
        let server = ServerAddress(host: "127.0.0.1")
        for _ in 0..<3 { _ = try await transport.exchange([1, 2], with: server, over: .udp, timeout: .seconds(1)) }
        await #expect(throws: TransportError.self) { try await transport.exchange([1, 2], with: server, over: .tcp, timeout: .seconds(1)) }
        let lines = String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n")
        #expect(lines.contains("preface_upstream_queries_total{transport=\"udp\"} 3"))
        #expect(lines.contains("preface_upstream_queries_total{transport=\"tcp\"} 1"))
        #expect(lines.contains("preface_upstream_failures_total{reason=\"timeout\"} 1"))
    }
}

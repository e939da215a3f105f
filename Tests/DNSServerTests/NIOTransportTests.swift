import DNSConformance
import DNSResolver
import DNSServer
import DNSWire
import Testing

/// The NIO transport against the conformance runner's real UDP/TCP authoritative servers on loopback
/// (high ports, so no privileges are needed): a whole resolution over real sockets.
struct NIOTransportTests {
    /// A free-ish high port per test run, so concurrent runs do not collide.
    static func port() -> UInt16 { UInt16.random(in: 20_000...40_000) }

    static func chainScenario() throws -> ResolverScenario {
        try ResolverScenario(id: "nio", text: """
        query: www.n A
        zone n:
        order: reversed
        append: other.n 60 A 192.0.2.99
        www.n 3600 CNAME mid.n
        mid.n 3600 CNAME srv.n
        srv.n 2 A 192.0.2.1
        expect NOERROR:
        www.n 3600 CNAME mid.n
        mid.n 3600 CNAME srv.n
        srv.n 2 A 192.0.2.1
        """)
    }

    @Test func resolvesOverRealSocketsInChainOrder() async throws {
        let authority = try Authority(scenarios: [try Self.chainScenario()])
        let port = Self.port()
        let servers = try AuthorityServers(authority, port: port)
        servers.start()
        defer { servers.stop() }
        let resolver = Resolver(transport: NIOTransport(), hints: try RootHints(text: Array(Authority.rootHints.utf8)), serverPort: port)
        let query = ClientQuery(id: 99, question: Question(try DomainName("www.n.nio.test."), .a), edns: EDNS())
        let response = try Message(wire: await resolver.resolve(query))
        #expect(response.rcode == .noError)
        #expect(AnswerOrderCheck.violations(question: query.question, answers: response.answers).isEmpty)
        #expect(response.answers.map(\.type) == [.cname, .cname, .a])
        #expect(response.answers.last?.rdataPresentation == "192.0.2.1")
    }

    @Test func udpAndTCPExchangesReturnTheResponse() async throws {
        let authority = try Authority(scenarios: [try Self.chainScenario()])
        let port = Self.port()
        let servers = try AuthorityServers(authority, port: port)
        servers.start()
        defer { servers.stop() }
        let query = Message(header: Header(id: 4242, flags: 0), questions: [Question(try DomainName("test."), .ns)])
        for over in [TransportProtocol.udp, .tcp] {
            let bytes = try await NIOTransport().exchange(query.wire(), with: ServerAddress(host: Authority.rootAddress, port: port),
                                                          over: over, timeout: .seconds(2))
            let response = try Message(wire: bytes)
            #expect(response.header.id == 4242, "\(over)")
            #expect(response.authorities.contains { $0.type == .ns }, "\(over)")
        }
    }

    @Test func silentServerTimesOut() async throws {
        let query = Message(header: Header(id: 1, flags: 0), questions: [Question(.root, .ns)])
        // Nothing listens on this loopback address: UDP gets an ICMP port unreachable or silence.
        do {
            _ = try await NIOTransport().exchange(query.wire(), with: ServerAddress(host: "127.53.9.9", port: Self.port()),
                                                  over: .udp, timeout: .milliseconds(300))
            Issue.record("an exchange with nobody returned a response")
        } catch let error as TransportError {
            #expect(error.code == .timeout || error.code == .unreachable)
        }
    }
}

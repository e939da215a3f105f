import DNSConformance
import DNSResolver
import DNSServer
import DNSWire
import Foundation
import Glibc
import Synchronization
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
        let resolver = Resolver(transport: NIOTransport(), hints: try RootHints(text: Array(Authority.rootHints.utf8)),
                                limits: .underTestLoad, serverPort: port)
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
        // Idle TCP connections stay open a minute: a starved test task may take seconds between
        // connecting and writing.
        let servers = try AuthorityServers(authority, port: port, tcpIdleTimeout: .seconds(60))
        servers.start()
        defer { servers.stop() }
        let query = Message(header: Header(id: 4242, flags: 0), questions: [Question(try DomainName("test."), .ns)])
        // Generous timeouts: the test bundle's long synchronous tests can hold every cooperative thread.
        for over in [TransportProtocol.udp, .tcp] {
            let bytes = try await NIOTransport().exchange(query.wire(), with: ServerAddress(host: Authority.rootAddress, port: port),
                                                          over: over, timeout: .seconds(30))
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

extension NIOTransportTests {
    /// RFC 5452 §9.2: every UDP query leaves from a port of its own, chosen by the kernel at random.
    @Test func everyUDPQueryComesFromAFreshPort() async throws {
        let server = try UDPReplyServer()
        defer { server.close() }
        let transport = NIOTransport()
        for id in 0..<8 {
            let query = Message(header: Header(id: UInt16(id), flags: 0), questions: [Question(.root, .ns)])
            _ = try await transport.exchange(query.wire(), with: ServerAddress(host: "127.0.0.1", port: server.port),
                                             over: .udp, timeout: .seconds(30))
        }
        let ports = server.sourcePorts
        #expect(ports.count == 8)
        // Eight random picks from the 28,232 ephemeral ports repeat one about once in a thousand runs
        // (it happened here); a transport that kept its socket would repeat them all.
        #expect(Set(ports).count >= 7, "source ports \(ports)")
    }
}

/// A UDP server on 127.0.0.1 that answers every datagram with itself marked as a response, and
/// remembers the source port of each.
final class UDPReplyServer: Sendable {
    final class PortLog: Sendable {
        let ports = Mutex<[UInt16]>([])
    }

    let descriptor: Int32
    let port: UInt16
    private let log = PortLog()

    init() throws {
        let (fd, port) = try Self.loopbackSocket(SOCK_DGRAM)
        descriptor = fd
        self.port = port
        let log = self.log
        Thread {
            var buffer = [UInt8](repeating: 0, count: 2048)
            while true {
                var peer = sockaddr_in()
                var peerLength = socklen_t(MemoryLayout<sockaddr_in>.size)
                let count = withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &peerLength) }
                }
                guard count >= 12 else { return }
                log.ports.withLock { $0.append(UInt16(bigEndian: peer.sin_port)) }
                buffer[2] |= 0x80
                _ = withUnsafePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, buffer, count, 0, $0, peerLength) }
                }
            }
        }.start()
    }

    var sourcePorts: [UInt16] { log.ports.withLock { $0 } }

    /// A socket of `type` bound to 127.0.0.1 on a port the kernel picks, and that port.
    static func loopbackSocket(_ type: __socket_type) throws -> (descriptor: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(type.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard fd >= 0, bound == 0 else { throw TransportError(.unreachable, "bind failed") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        _ = Glibc.close(descriptor)
    }
}

extension NIOTransportTests {
    /// A TCP server that accepts and closes at once: whatever the client then sees (a write on a closed
    /// channel, or the end of the stream), it is a TransportError, so the resolver tries the next server.
    @Test func aTCPServerThatHangsUpGivesATransportError() async throws {
        let (listener, port) = try UDPReplyServer.loopbackSocket(SOCK_STREAM)
        #expect(listen(listener, 8) == 0)
        Thread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                close(connection)
            }
        }.start()
        defer {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        let query = Message(header: Header(id: 7, flags: 0), questions: [Question(.root, .ns)])
        for _ in 0..<5 {
            await #expect(throws: TransportError.self) {
                try await NIOTransport().exchange(query.wire(), with: ServerAddress(host: "127.0.0.1", port: port),
                                                  over: .tcp, timeout: .seconds(30))
            }
        }
    }
}

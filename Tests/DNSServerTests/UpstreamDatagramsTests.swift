import DNSResolver
import DNSServer
import DNSWire
import Foundation
import Glibc
import Testing

/// The upstream UDP path against real sockets on loopback: answers, silence, refusal, and many
/// exchanges at once, each with a socket of its own that is closed afterwards.
struct UpstreamDatagramsTests {
    static func query(_ id: UInt16) -> [UInt8] {
        Message(header: Header(id: id, flags: 0), questions: [Question(.root, .ns)]).wire()
    }

    /// UDP sockets on this machine connected to `port` on 127.0.0.1 (from /proc/net/udp, whose
    /// remote address column reads `0100007F:PORT` in hex).
    static func socketsConnected(to port: UInt16) throws -> Int {
        let remote = "0100007F:" + String(format: "%04X", port)
        return try String(contentsOfFile: "/proc/net/udp", encoding: .utf8).split(separator: "\n")
            .filter { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.map(String.init) == remote }.count
    }

    @Test func aSilentServerTimesOutAfterTheTimeoutNotBefore() async throws {
        // A bound socket that never answers: no ICMP, just silence.
        let (silent, port) = try UDPReplyServer.loopbackSocket(SOCK_DGRAM)
        defer { close(silent) }
        let started = ContinuousClock.now
        do {
            _ = try await NIOTransport().exchange(Self.query(1), with: ServerAddress(host: "127.0.0.1", port: port), over: .udp,
                                                  timeout: .milliseconds(200))
            Issue.record("a silent server gave a response")
        } catch let error as TransportError {
            #expect(error.code == .timeout, "\(error)")
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(200), "timed out after \(elapsed)")
    }

    @Test func aClosedPortFailsAsUnreachableNotAsATimeout() async throws {
        // Nothing listens on this address and port, so Linux answers with ICMP port unreachable, which
        // fails the exchange as unreachable before its timeout would. The kernel rate-limits ICMP
        // across the machine (net.ipv4.icmp_msgs_per_sec) and the test bundle runs many tests at
        // once, so one lost ICMP is allowed for: three tries, one of which must say unreachable.
        var codes: [TransportError.Code] = []
        for attempt in 0..<3 {
            do {
                _ = try await NIOTransport().exchange(Self.query(UInt16(attempt)), with: ServerAddress(host: "127.53.250.1", port: 29_999),
                                                      over: .udp, timeout: .seconds(3))
                Issue.record("nothing listens there, yet a response came")
                return
            } catch let error as TransportError {
                codes.append(error.code)
                if error.code == .unreachable { break }
            }
        }
        #expect(codes.last == .unreachable, "\(codes)")
    }

    @Test func manyExchangesAtOnceEachGetTheirOwnAnswerAndCloseTheirSockets() async throws {
        let server = try UDPReplyServer()
        defer { server.close() }
        let ids = try await withThrowingTaskGroup(of: (sent: UInt16, received: UInt16).self) { group in
            // 100 at once: the reply server reads with one thread, and a default receive buffer holds
            // about 200 queries before the kernel drops them (which is UDP, not the transport).
            for id in UInt16(1)...100 {
                group.addTask {
                    let bytes = try await NIOTransport().exchange(Self.query(id), with: ServerAddress(host: "127.0.0.1", port: server.port),
                                                                  over: .udp, timeout: .seconds(30))
                    return (id, try Message(wire: bytes).header.id)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(ids.count == 100)
        #expect(ids.allSatisfy { $0.sent == $0.received })
        #expect(try Self.socketsConnected(to: server.port) == 0, "sockets left open")
    }
}

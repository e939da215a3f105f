import DNSWire
import Foundation
import Glibc
import Synchronization
import Testing

@testable import DNSConformance

/// The scripted responder on 127.0.0.1 and ::1 in the test process, queried by a small POSIX client.
@Suite(.serialized)
struct ResponderTests {
    /// Answers `www.example.` with the address first and the CNAME after it (the order under test),
    /// `big.example.` with 100 addresses (1,6xx octets), and drops `drop.example.`.
    struct TestScript: ResponderScript {
        func response(to query: Message, over transport: ResponderTransport) -> Message? {
            guard let question = query.questions.first else { return nil }
            var reply = Message.reply(to: query)
            let owner = question.name
            switch owner.description.lowercased() {
            case "www.example.":
                guard let target = try? DomainName("cdn.example.") else { return nil }
                reply.answers = [
                    ResourceRecord(name: target, type: .a, ttl: 300, rdata: [192, 0, 2, 10]),
                    ResourceRecord(name: owner, type: .cname, ttl: 300, rdata: target.wire),
                ]
            case "big.example.":
                reply.answers = (0..<100).map {
                    ResourceRecord(name: owner, type: .a, ttl: 300, rdata: [198, 51, 100, UInt8($0)])
                }
            case "drop.example.":
                return nil
            default:
                reply.rcode = .nxDomain
            }
            return reply
        }
    }

    // MARK: UDP

    @Test func answerOrderIsTheScripts() throws {
        try withResponder { port in
            for address in loopbackAddresses {
                let query = try Self.query(id: 0x1234, "www.example.", .a)
                let bytes = try #require(TestClient.udp(address, port, query.wire()), "no reply from \(address)")
                let response = try Message(wire: bytes)
                #expect(response.header.id == 0x1234)
                #expect(response.header.isResponse && response.header.recursionDesired && response.header.recursionAvailable)
                #expect(!response.header.isTruncated)
                #expect(response.questions == query.questions)
                #expect(response.answers.map(\.type) == [.a, .cname])
                #expect(response.answers.map(\.name.description) == ["cdn.example.", "www.example."])
                #expect(response.edns == nil)
            }
        }
    }

    @Test func replyKeepsTheQuestionsLetterCaseAndEDNS() throws {
        try withResponder { port in
            var query = try Self.query(id: 7, "wWw.ExAmple.", .aaaa)
            query.edns = EDNS(udpPayloadSize: 4096, dnssecOK: true)
            let bytes = try #require(TestClient.udp("127.0.0.1", port, query.wire()))
            let response = try Message(wire: bytes)
            // Letter case is compared on the wire: DomainName equality ignores it.
            #expect(response.questions.first?.name.wire == query.questions.first?.name.wire)
            #expect(response.edns?.udpPayloadSize == 1232)
            #expect(response.edns?.dnssecOK == true)
            #expect(response.answers.count == 2)
        }
    }

    @Test func largeAnswerIsTruncatedOverUDPAndWholeOverTCP() throws {
        try withResponder { port, responder in
            let query = try Self.query(id: 42, "big.example.", .a)
            let udp = try Message(wire: try #require(TestClient.udp("127.0.0.1", port, query.wire())))
            #expect(udp.header.isTruncated)
            #expect(udp.answers.isEmpty) // one RRset: never sent in part (RFC 2181 §9)

            var withEDNS = query
            withEDNS.edns = EDNS(udpPayloadSize: 4096)
            let large = try Message(wire: try #require(TestClient.udp("127.0.0.1", port, withEDNS.wire())))
            #expect(!large.header.isTruncated)
            #expect(large.answers.count == 100)

            let replies = try TestClient.tcp("::1", port, [query.wire()])
            let tcp = try Message(wire: try #require(replies.first))
            #expect(!tcp.header.isTruncated)
            #expect(tcp.answers.count == 100)
            #expect(tcp.answers.map { $0.rdata[3] } == (0..<100).map(UInt8.init))

            let outcomes = responder.queryLog.map { "\($0.transport) \($0.outcome)" }
            #expect(outcomes == ["UDP truncated", "UDP answered", "TCP answered"])
        }
    }

    @Test func droppedQueryGetsNoReply() throws {
        try withResponder { port, responder in
            let query = try Self.query(id: 9, "drop.example.", .a)
            #expect(TestClient.udp("127.0.0.1", port, query.wire(), timeout: 0.3) == nil)
            let entry = try #require(responder.queryLog.last)
            #expect(entry.outcome == .dropped)
            #expect(entry.name == "drop.example.")
            #expect(entry.type == .a)
        }
    }

    @Test func everyQueryIsReportedAsItIsLogged() throws {
        let reported = Mutex<[LoggedQuery]>([])
        try withResponder(onQuery: { entry in reported.withLock { $0.append(entry) } }) { port, responder in
            _ = TestClient.udp("127.0.0.1", port, try Self.query(id: 1, "www.example.", .a).wire())
            _ = try TestClient.tcp("::1", port, [try Self.query(id: 2, "Www.Example.", .aaaa).wire()])
            let entries = reported.withLock { $0 }
            #expect(entries == responder.queryLog)
            #expect(entries.map(\.id) == [1, 2])
            #expect(entries.map(\.transport) == [.udp, .tcp])
            #expect(entries.map(\.name) == ["www.example.", "Www.Example."])
        }
    }

    // MARK: TCP

    @Test func pipelinedTCPQueriesAreAllAnswered() throws {
        try withResponder { port in
            let queries = try [
                Self.query(id: 1, "www.example.", .a).wire(),
                Self.query(id: 2, "big.example.", .a).wire(),
                Self.query(id: 3, "www.example.", .aaaa).wire(),
            ]
            // All three in one write, and again one octet per write.
            for split in [false, true] {
                let replies = try TestClient.tcp("127.0.0.1", port, queries, octetByOctet: split)
                let responses = try replies.map { try Message(wire: $0) }
                #expect(responses.map(\.header.id) == [1, 2, 3])
                #expect(responses.map(\.answers.count) == [2, 100, 2])
                #expect(responses[0].answers.map(\.type) == [.a, .cname])
            }
        }
    }

    @Test func idleTCPConnectionIsClosed() throws {
        try withResponder(idleTimeout: .milliseconds(300)) { port in
            let connection = try TestClient.connect("127.0.0.1", port)
            defer { close(connection) }
            let start = Date()
            var byte: UInt8 = 0
            // recv returns 0 when the responder closes the connection.
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            #expect(recv(connection, &byte, 1, 0) == 0)
            #expect(Date().timeIntervalSince(start) < 3)
        }
    }

    // MARK: Malformed input

    @Test func malformedQueriesGetFormErrOrNothing() throws {
        try withResponder { port, responder in
            // A header announcing a question that is not there: FORMERR with the same ID and RD.
            let headerOnly: [UInt8] = [0xAB, 0xCD, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
            let formErr = try Message(wire: try #require(TestClient.udp("127.0.0.1", port, headerOnly)))
            #expect(formErr.header.id == 0xABCD)
            #expect(formErr.header.isResponse && formErr.header.recursionDesired)
            #expect(formErr.rcode == .formErr)

            // Shorter than a header, or a response (QR set): no reply.
            #expect(TestClient.udp("127.0.0.1", port, [1, 2, 3], timeout: 0.2) == nil)
            var response = try Self.query(id: 5, "www.example.", .a)
            response.header.isResponse = true
            #expect(TestClient.udp("127.0.0.1", port, response.wire(), timeout: 0.2) == nil)

            // A compression pointer loop, random octets, and a zero-length TCP message: no crash,
            // and the responder still answers afterwards.
            let loop: [UInt8] = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1]
            _ = TestClient.udp("127.0.0.1", port, loop, timeout: 0.2)
            var generator = SystemRandomNumberGenerator()
            for length in [12, 13, 40, 300, 512, 1500] {
                // QR cleared, so the responder tries to parse it.
                let garbage = (0..<length).map { index in UInt8.random(in: 0...255, using: &generator) & (index == 2 ? 0x7F : 0xFF) }
                _ = TestClient.udp("127.0.0.1", port, garbage, timeout: 0.05)
            }
            _ = try? TestClient.tcp("127.0.0.1", port, [[]], expecting: 0)
            let good = try Self.query(id: 77, "www.example.", .a)
            let reply = try Message(wire: try #require(TestClient.udp("::1", port, good.wire())))
            #expect(reply.header.id == 77)
            #expect(responder.queryLog.contains { $0.outcome == .formatError && $0.id == 0xABCD })
        }
    }

    // MARK: Lifecycle and errors

    @Test func bindingATakenPortNamesTheAddress() throws {
        try withResponder { port in
            let error = #expect(throws: ResponderError.self) {
                _ = try ScriptedResponder(addresses: ["127.0.0.1"], port: port, script: TestScript())
            }
            #expect(error?.code == .bindFailed)
            #expect(error?.systemError == EADDRINUSE)
            #expect(error?.description.contains("127.0.0.1:\(port)") == true)
        }
        let error = #expect(throws: ResponderError.self) {
            _ = try ScriptedResponder(addresses: ["localhost"], port: 53_999, script: TestScript())
        }
        #expect(error?.code == .invalidAddress)
    }

    @Test func stopWithoutRunAndTwiceIsHarmless() throws {
        let (responder, _) = try Self.bindResponder()
        responder.stop()
        responder.stop()
        responder.run() // returns at once: already stopped
    }

    // MARK: - Helpers

    var loopbackAddresses: [String] { ["127.0.0.1", "::1"] }

    static func query(id: UInt16, _ name: String, _ type: RRType) throws -> Message {
        var header = Header(id: id)
        header.recursionDesired = true
        return Message(header: header, questions: [Question(try DomainName(name), type)])
    }

    private static let nextPort = Mutex(UInt16(0))

    /// A responder on a free high port: 53053 + PID % 1000 onwards, skipping ports in use.
    static func bindResponder(idleTimeout: Duration = .seconds(5),
                              onQuery: (@Sendable (LoggedQuery) -> Void)? = nil) throws -> (ScriptedResponder, UInt16) {
        var lastError: (any Error)?
        for _ in 0..<50 {
            let port = nextPort.withLock { offset in
                defer { offset += 1 }
                return UInt16(53_053 + Int(getpid()) % 1000) + offset
            }
            do {
                let responder = try ScriptedResponder(addresses: ["127.0.0.1", "::1"], port: port, script: TestScript(),
                                                      tcpIdleTimeout: idleTimeout, onQuery: onQuery)
                return (responder, port)
            } catch let error as ResponderError where error.systemError == EADDRINUSE {
                lastError = error
            }
        }
        throw lastError ?? ResponderError(.bindFailed, address: "127.0.0.1", port: 0)
    }

    func withResponder(idleTimeout: Duration = .seconds(5), _ body: (UInt16) throws -> Void) throws {
        try withResponder(idleTimeout: idleTimeout) { port, _ in try body(port) }
    }

    /// Runs `body` against a serving responder, then checks that `stop()` ends `run()` promptly.
    func withResponder(idleTimeout: Duration = .seconds(5), onQuery: (@Sendable (LoggedQuery) -> Void)? = nil,
                       _ body: (UInt16, ScriptedResponder) throws -> Void) throws {
        let (responder, port) = try Self.bindResponder(idleTimeout: idleTimeout, onQuery: onQuery)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            responder.run()
            finished.signal()
        }.start()
        defer {
            responder.stop()
            #expect(finished.wait(timeout: .now() + 5) == .success, "run() did not return after stop()")
        }
        try body(port, responder)
    }
}

/// A minimal blocking DNS client over POSIX sockets.
enum TestClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One datagram out, the first datagram back, or `nil` after `timeout` seconds.
    static func udp(_ address: String, _ port: UInt16, _ query: [UInt8], timeout: Double = 2) -> [UInt8]? {
        guard let target = SocketAddress(address, port: port) else { return nil }
        let descriptor = socket(target.family, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        setReceiveTimeout(descriptor, timeout)
        let sent = query.withUnsafeBytes { query in
            target.withSockaddr { sendto(descriptor, query.baseAddress, query.count, 0, $0, target.length) }
        }
        guard sent == query.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_535)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count >= 0 ? Array(buffer[0..<count]) : nil
    }

    static func connect(_ address: String, _ port: UInt16) throws -> Int32 {
        guard let target = SocketAddress(address, port: port) else { throw Failure(description: "bad address \(address)") }
        let descriptor = socket(target.family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        guard target.withSockaddr({ Glibc.connect(descriptor, $0, target.length) }) == 0 else {
            close(descriptor)
            throw Failure(description: "connect to \(address) port \(port): errno \(errno)")
        }
        return descriptor
    }

    /// Sends every query (2-octet length prefix each), then reads `expecting` framed replies.
    static func tcp(_ address: String, _ port: UInt16, _ queries: [[UInt8]], expecting: Int? = nil,
                    octetByOctet: Bool = false) throws -> [[UInt8]] {
        let descriptor = try connect(address, port)
        defer { close(descriptor) }
        setReceiveTimeout(descriptor, 3)
        let stream = queries.flatMap { [UInt8($0.count >> 8), UInt8($0.count & 0xFF)] + $0 }
        let pieces = octetByOctet ? stream.map { [$0] } : [stream]
        for piece in pieces where !piece.isEmpty {
            guard ResponderSocket.sendAll(descriptor, piece) else { throw Failure(description: "send failed") }
            if octetByOctet { usleep(200) }
        }
        var replies: [[UInt8]] = []
        while replies.count < (expecting ?? queries.count) {
            let length = try read(descriptor, 2)
            replies.append(try read(descriptor, Int(length[0]) << 8 | Int(length[1])))
        }
        return replies
    }

    private static func read(_ descriptor: Int32, _ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: max(count, 1))
        while bytes.count < count {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count - bytes.count, 0) }
            guard received > 0 else { throw Failure(description: "connection closed or timed out after \(bytes.count) of \(count) octets") }
            bytes += buffer[0..<received]
        }
        return bytes
    }

    private static func setReceiveTimeout(_ descriptor: Int32, _ seconds: Double) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }
}

import DNSConformance
import DNSResolver
import DNSServer
import DNSWire
import Foundation
import Synchronization
import Testing

/// Preface against real authoritative servers: the test hierarchy served by NSD (one per loopback
/// address), resolved over real sockets. Needs nsd (scripts/bootstrap); CI sets PREFACE_INTEGRATION=1.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1"), .timeLimit(.minutes(2)))
struct NSDHierarchyTests {
    /// Starts the hierarchy on its own network and a random high port, runs `body`, stops it.
    static func withHierarchy(_ body: (NSDHierarchy, Resolver) async throws -> Void) async throws {
        let network = "127.60.\(UInt8.random(in: 1...250))"
        let port = UInt16.random(in: 20_000...40_000)
        let directory = NSTemporaryDirectory() + "preface-nsd-\(getpid())-\(network)-\(port)"
        let hierarchy = try NSDHierarchy(TestHierarchy(network: network), directory: directory, port: port)
        defer {
            hierarchy.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        let resolver = Resolver(transport: NIOTransport(), hints: try RootHints(file: hierarchy.hintsFile), limits: .underTestLoad,
                                serverPort: port)
        try await body(hierarchy, resolver)
    }

    static func ask(_ resolver: Resolver, _ name: String, _ type: RRType,
                    trace: (@Sendable (TraceEvent) -> Void)? = nil) async throws -> Message {
        let question = Question(try DomainName(name), type)
        let query = ClientQuery(id: .random(in: 0 ... .max), question: question, edns: EDNS())
        let response = try Message(wire: await resolver.resolve(query, trace: trace))
        #expect(response.header.id == query.id)
        #expect(AnswerOrderCheck.violations(question: question, answers: response.answers).isEmpty,
                "\(name) \(type): \(response.answers.map(\.compactPresentation))")
        return response
    }

    @Test func chainIsIdenticalColdWarmAndAfterTheAddressesExpire() async throws {
        try await Self.withHierarchy { _, resolver in
            let expected = [
                "www.example.test. CNAME www.cdn.test.",
                "www.cdn.test. CNAME edge.far.alt.",
                "edge.far.alt. A 192.0.2.10",
                "edge.far.alt. A 192.0.2.11",
            ]
            func lines(_ response: Message) -> [String] {
                response.answers.map { "\($0.name) \($0.type) \($0.rdataPresentation)" }
            }
            let cold = try await Self.ask(resolver, TestHierarchy.chainName, .a)
            #expect(cold.rcode == .noError)
            #expect(lines(cold) == expected)
            let queries = Mutex(0)
            let warm = try await Self.ask(resolver, TestHierarchy.chainName, .a, trace: { _ in queries.withLock { $0 += 1 } })
            #expect(lines(warm) == expected)
            #expect(queries.withLock { $0 } == 0, "a warm answer needs no upstream query")
            // The A RRset lives 2 s, the CNAMEs an hour: only the A RRset is fetched again, and the answer
            // keeps the CNAMEs first.
            try await Task.sleep(for: .milliseconds(2600))
            let asked = Mutex<[String]>([])
            let expired = try await Self.ask(resolver, TestHierarchy.chainName, .a, trace: { event in
                asked.withLock { $0.append("\(event.question.name) \(event.question.type)") }
            })
            #expect(lines(expired) == expected)
            #expect(asked.withLock { $0 } == ["edge.far.alt. A"])
            #expect(expired.answers.prefix(2).allSatisfy { $0.ttl > 3000 })
        }
    }

    @Test func everyKindOfAnswerFromRealServers() async throws {
        try await Self.withHierarchy { _, resolver in
            // DNAME (RFC 6672): the DNAME, the synthesised CNAME, then the chain it leads to.
            let dname = try await Self.ask(resolver, "www.legacy.example.test.", .a)
            #expect(dname.answers.map(\.type) == [.dname, .cname, .cname, .a, .a])
            // A wildcard.
            let wildcard = try await Self.ask(resolver, "anything.wild.example.test.", .a)
            #expect(wildcard.answers.map(\.rdataPresentation) == ["192.0.2.20"])
            // A delegation without glue: the server's name is resolved in another zone first.
            let noGlue = try await Self.ask(resolver, "www.noglue.test.", .a)
            #expect(noGlue.answers.map(\.rdataPresentation) == ["192.0.2.30"])
            // A lame delegation: the only server refuses the zone.
            let lame = try await Self.ask(resolver, "www.lame.test.", .a)
            #expect(lame.rcode == .servFail)
            let error = try #require(lame.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
            #expect(error.infoCode == 22)
            // Half lame: one of two servers refuses; ask until both have been tried.
            for round in 0..<4 {
                let half = try await Self.ask(resolver, "r\(round).half.test.", .a)
                #expect(half.rcode == .nxDomain, "round \(round)")
            }
            // Too big for 1232 octets of UDP: fetched over TCP, all 20 records.
            let big = try await Self.ask(resolver, "big.example.test.", .txt)
            #expect(big.answers.count == 20)
            // An unknown type, byte for byte.
            let unknown = try await Self.ask(resolver, "unknown.example.test.", RRType(65280))
            #expect(unknown.answers.map(\.rdata) == [[0xDE, 0xAD, 0xBE, 0xEF]])
            // NXDOMAIN and NODATA, each with the zone's SOA.
            let nxdomain = try await Self.ask(resolver, "nothing.example.test.", .a)
            #expect(nxdomain.rcode == .nxDomain)
            #expect(nxdomain.authorities.map(\.type) == [.soa])
            let nodata = try await Self.ask(resolver, "edge.far.alt.", .aaaa)
            #expect(nodata.rcode == .noError)
            #expect(nodata.answers.isEmpty)
            #expect(nodata.authorities.map(\.type) == [.soa])
        }
    }
}

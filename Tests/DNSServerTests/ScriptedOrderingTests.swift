import DNSConformance
import DNSResolver
import DNSServer
import DNSWire
import Foundation
import Testing

/// The stub matrix's orderings, served upstream: a scripted authoritative server for `conform.test.`
/// answers every case of the stub scenarios exactly as the scenario orders it (CNAMEs after the
/// addresses, reversed, split RRsets, unrelated records, mixed case…), also shuffled at random and with
/// out-of-bailiwick records added. Preface resolves each over real sockets and must answer in chain
/// order with nothing off the chain.
struct ScriptedOrderingTests {
    static let zone = (try? DomainName("conform.test.")) ?? .root

    /// The root of this small tree: refers names under `conform.test.` to the scripted server; `test.`
    /// is an empty non-terminal (NODATA), anything else does not exist.
    struct DelegatingRoot: ResponderScript {
        let serverAddress: String

        func response(to query: Message, over transport: ResponderTransport) -> Message? {
            var reply = Message.reply(to: query)
            guard let question = query.questions.first, let server = try? DomainName("ns.conform.test."),
                  let address = IPv4Address(serverAddress) else { return reply }
            if question.name.isSubdomain(of: ScriptedOrderingTests.zone) {
                reply.authorities = [ResourceRecord(name: ScriptedOrderingTests.zone, type: .ns, ttl: 86400, rdata: server.wire)]
                reply.additionals = [ResourceRecord(name: server, type: .a, ttl: 86400, rdata: address.octets)]
                return reply
            }
            reply.header.isAuthoritative = true
            let soa = SOA(primaryNameServer: .root, responsibleMailbox: .root, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60)
            reply.authorities = [ResourceRecord(name: .root, type: .soa, ttl: 60, rdata: soa.rdata())]
            if !ScriptedOrderingTests.zone.isSubdomain(of: question.name) { reply.rcode = .nxDomain }
            return reply
        }
    }

    /// The stub scenarios' responder as an authoritative server: AA set, SOA with empty answers, and
    /// optionally the answer shuffled and records from outside its zone added.
    struct AuthoritativeScenarios: ResponderScript {
        let scenarios: ScenarioSet
        var shuffleSeed: UInt64?
        var outOfBailiwick: [ResourceRecord] = []

        func response(to query: Message, over transport: ResponderTransport) -> Message? {
            var reply = scenarios.response(to: query)
            reply.header.isAuthoritative = true
            if reply.answers.isEmpty {
                let soa = SOA(primaryNameServer: ScriptedOrderingTests.zone, responsibleMailbox: ScriptedOrderingTests.zone,
                              serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60)
                reply.authorities = [ResourceRecord(name: ScriptedOrderingTests.zone, type: .soa, ttl: 60, rdata: soa.rdata())]
            } else {
                reply.answers += outOfBailiwick
                if let shuffleSeed {
                    var generator = SeededGenerator(state: shuffleSeed &+ UInt64(query.header.id))
                    reply.answers.shuffle(using: &generator)
                }
            }
            return reply
        }
    }

    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A server for conform.test. whose CNAME leaves its zone and which adds, unasked, an address for
    /// the target: a poisoning attempt (the target's zone does not exist).
    struct OutOfZoneTarget: ResponderScript {
        static let alias = (try? DomainName("www.oob.conform.test.")) ?? .root
        static let target = (try? DomainName("target.elsewhere.test.")) ?? .root

        func response(to query: Message, over transport: ResponderTransport) -> Message? {
            var reply = Message.reply(to: query)
            reply.header.isAuthoritative = true
            if query.questions.first?.name == Self.alias {
                reply.answers = [
                    ResourceRecord(name: Self.target, type: .a, ttl: 3600, rdata: [192, 0, 2, 66]),
                    ResourceRecord(name: Self.alias, type: .cname, ttl: 3600, rdata: Self.target.wire),
                ]
            } else {
                let soa = SOA(primaryNameServer: ScriptedOrderingTests.zone, responsibleMailbox: ScriptedOrderingTests.zone,
                              serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60)
                reply.authorities = [ResourceRecord(name: ScriptedOrderingTests.zone, type: .soa, ttl: 60, rdata: soa.rdata())]
            }
            return reply
        }
    }

    /// Runs `body` with a resolver whose root is the delegating root, and `script` serving conform.test.
    static func withServers(_ script: any ResponderScript, _ body: (Resolver) async throws -> Void) async throws {
        let port = UInt16.random(in: 20_000...40_000)
        let network = "127.62.\(UInt8.random(in: 1...250))"
        let root = try ScriptedResponder(addresses: ["\(network).1"], port: port, script: DelegatingRoot(serverAddress: "\(network).2"))
        let zone = try ScriptedResponder(addresses: ["\(network).2"], port: port, script: script)
        let threads = [root, zone].map { responder in Thread { responder.run() } }
        for thread in threads { thread.start() }
        defer {
            root.stop()
            zone.stop()
        }
        let hints = try RootHints(text: Array(". 3600 NS a.root.\na.root. 3600 A \(network).1\n".utf8))
        try await body(Resolver(transport: NIOTransport(), hints: hints, limits: .underTestLoad, serverPort: port))
    }

    /// Asks for every case of every stub scenario and checks each answer against the chain a correct
    /// stub extracts from the scripted section.
    static func checkEveryCase(_ script: AuthoritativeScenarios, dnssecOK: Bool = false) async throws {
        try await withServers(script) { resolver in
            for scenarioCase in script.scenarios.cases {
                for type in [RRType.a, .aaaa] {
                    let question = Question(scenarioCase.queryName, type)
                    let served = try scenarioCase.answer(for: type)
                    let reference = try AnswerChain(question: question, records: served)
                    let query = ClientQuery(id: .random(in: 0 ... .max), question: question, edns: EDNS())
                    let response = try Message(wire: await resolver.resolve(query))
                    let label = "\(scenarioCase.id) \(type)"
                    #expect(response.rcode == .noError, "\(label)")
                    #expect(AnswerOrderCheck.violations(question: question, answers: response.answers).isEmpty,
                            "\(label): \(response.answers.map(\.compactPresentation))")
                    // Exactly the reference chain, in order; addresses as a set (order inside an RRset is free).
                    #expect(response.answers.filter { $0.type == .cname || $0.type == .dname }.map(\.rdata)
                            == reference.chain.map(\.rdata), "\(label)")
                    #expect(Set(response.answers.filter { $0.type == type }.map(\.rdata)) == Set(reference.answers.map(\.rdata)), "\(label)")
                    #expect(response.answers.count == reference.chain.count + Set(reference.answers.map(\.rdata)).count, "\(label)")
                }
            }
        }
    }

    @Test func everyStubOrderingComesBackInChainOrder() async throws {
        try await Self.checkEveryCase(AuthoritativeScenarios(scenarios: try ScenarioSet.bundled()))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func shuffledAnswersComeBackInChainOrder(_ seed: UInt64) async throws {
        try await Self.checkEveryCase(AuthoritativeScenarios(scenarios: try ScenarioSet.bundled(), shuffleSeed: seed))
    }

    @Test func anAddressForATargetOutsideTheZoneIsNotBelieved() async throws {
        try await Self.withServers(OutOfZoneTarget()) { resolver in
            let question = Question(OutOfZoneTarget.alias, .a)
            let response = try Message(wire: await resolver.resolve(ClientQuery(id: 3, question: question, edns: EDNS())))
            // The CNAME is conform.test.'s to give; the target's address is not: the target's own zone
            // (here: none, the root says NXDOMAIN) decides.
            #expect(response.rcode == .nxDomain)
            #expect(response.answers.map(\.type) == [.cname])
            #expect(AnswerOrderCheck.violations(question: question, answers: response.answers).isEmpty)
        }
    }

    @Test func outOfBailiwickRecordsAreNeitherAnsweredNorCached() async throws {
        let intruder = try DomainName("www.example.test.")
        let poisoned = [
            ResourceRecord(name: intruder, type: .a, ttl: 3600, rdata: [192, 0, 2, 66]),
            ResourceRecord(name: try DomainName("test."), type: .ns, ttl: 3600, rdata: try DomainName("ns.evil.test.").wire),
        ]
        let script = AuthoritativeScenarios(scenarios: try ScenarioSet.bundled(), outOfBailiwick: poisoned)
        try await Self.checkEveryCase(script)
        try await Self.withServers(script) { resolver in
            let case1 = try #require(script.scenarios.cases.first)
            _ = await resolver.resolve(ClientQuery(id: 1, question: Question(case1.queryName, .a)))
            var output: [UInt8] = []
            let cached = resolver.answerFromCache(ClientQuery(id: 2, question: Question(intruder, .a)), into: &output)
            #expect(!cached, "a record from outside the server's zone was cached")
        }
    }
}

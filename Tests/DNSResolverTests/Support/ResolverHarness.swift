import DNSConformance
import DNSResolver
import DNSWire
import Testing

/// A resolver wired to an in-memory copy of the conformance runner's authoritative "Internet"
/// (`Authority`: a root, `test.`, the scenario zones), with a manual clock. Every response it returns
/// has been checked against the invariant (`AnswerOrderCheck`).
struct ResolverHarness {
    let authority: Authority
    let transport: InMemoryTransport
    let clock = ManualClock()
    let resolver: Resolver

    init(scenarios: [ResolverScenario], limits: ResolverLimits = ResolverLimits(), policy: CachePolicy = CachePolicy(),
         qnameMinimisation: Bool = true) throws {
        let authority = try Authority(scenarios: scenarios)
        var responders: [String: InMemoryTransport.Responder] = [:]
        for address in authority.addresses {
            guard let server = authority.server(at: address) else { continue }
            responders[address] = { query, _ in server.response(to: query) }
        }
        self.authority = authority
        self.transport = InMemoryTransport(responders)
        let hints = try RootHints(text: Array(Authority.rootHints.utf8))
        self.resolver = Resolver(transport: transport, hints: hints, limits: limits, cachePolicy: policy, clock: clock,
                                 qnameMinimisation: qnameMinimisation)
    }

    static func bundledScenarios() throws -> [ResolverScenario] {
        try ResolverScenarioFiles.load(ResolverScenarioFiles.bundledDirectory())
    }

    /// Asks the resolver and returns the parsed response, after checking the invariant on it.
    func ask(_ name: DomainName, _ type: RRType, dnssecOK: Bool = false, edns: Bool = true,
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> Message {
        let query = ClientQuery(id: .random(in: 0 ... .max), question: Question(name, type),
                                edns: edns ? EDNS(udpPayloadSize: 1232, dnssecOK: dnssecOK) : nil)
        let wire = await resolver.resolve(query)
        let response = try Message(wire: wire)
        InvariantCheck.expectHolds(response, for: query, sourceLocation: sourceLocation)
        return response
    }

    func ask(_ name: String, _ type: RRType, dnssecOK: Bool = false,
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> Message {
        try await ask(try DomainName(name), type, dnssecOK: dnssecOK, sourceLocation: sourceLocation)
    }
}

/// The invariant, checked on every response a test sees.
enum InvariantCheck {
    static func expectHolds(_ response: Message, for query: ClientQuery, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.header.id == query.id, sourceLocation: sourceLocation)
        #expect(response.header.isResponse, sourceLocation: sourceLocation)
        #expect(response.questions == [query.question], sourceLocation: sourceLocation)
        let violations = AnswerOrderCheck.violations(question: query.question, answers: response.answers)
        #expect(violations.isEmpty, "invariant broken: \(violations) in \(response.answers.map(\.presentation))",
                sourceLocation: sourceLocation)
    }
}

extension Array where Element == ResourceRecord {
    /// The records with TTLs zeroed and each run of one RRset sorted by RDATA: content and RRset order
    /// compare, TTLs and the order inside an RRset (RFC 2181 §5: no meaning) do not.
    var withoutTTLs: [ResourceRecord] {
        var result: [ResourceRecord] = []
        var run: [ResourceRecord] = []
        func flush() {
            result += run.sorted { $0.rdata.lexicographicallyPrecedes($1.rdata) }
            run.removeAll()
        }
        for var record in self {
            record.ttl = 0
            if let last = run.last, !(last.isSameRRset(as: record) && last.type != .rrsig) { flush() }
            run.append(record)
        }
        flush()
        return result
    }
}

import DNSWire

/// The authoritative "Internet" of resolver mode: a root zone, the `test.` TLD, and every zone of
/// every scenario, each on a loopback address of its own (127.53.0.1 the root, .2 `test.`, .3… the
/// scenario zones, in file order), all on port 53.
///
/// The root delegates `test.`, which delegates each scenario zone with glue; every server is
/// authoritative for its one zone only and answers like a plain authoritative server (referrals,
/// CNAME chains followed inside the zone, DNAME synthesis, NXDOMAIN/NODATA with the SOA), except
/// that a zone's `order` may lay its answer sections out wrongly on purpose.
public struct Authority: Sendable {
    public let scenarios: [ResolverScenario]
    public let zones: [AuthorityZone]

    /// The root server's address, the one the hints name.
    public static let rootAddress = "127.53.0.1"
    public static let tldAddress = "127.53.0.2"
    public static let rootServerName = "a.root-servers.test."
    /// TTLs of the infrastructure (root, `test.`, delegations): long, so nothing but the scenario
    /// data expires during a run.
    static let infrastructureTTL: UInt32 = 86400
    /// NS, SOA and server addresses of scenario zones; also their negative TTL (RFC 2308 §5).
    static let zoneTTL: UInt32 = 3600
    static let negativeTTL: UInt32 = 300

    /// Builds the zones for `scenarios`. Throws when there are too many zones for 127.53.0.0/24, or
    /// when a scenario's `expect` block disagrees with what its zones give (`truth`).
    public init(scenarios: [ResolverScenario]) throws {
        self.scenarios = scenarios
        let scenarioZones = scenarios.flatMap(\.zones)
        guard scenarioZones.count <= 252 else {
            throw ScenarioError("\(scenarioZones.count) scenario zones; 127.53.0.3–254 holds 252")
        }
        let root = DomainName.root
        let tld = try DomainName(ResolverScenario.parentDomain)
        let rootServer = try DomainName(Self.rootServerName)
        let tldServer = try DomainName("ns.test.")

        var rootZone = Self.apex(root, server: rootServer, ttl: Self.infrastructureTTL)
        rootZone += [
            Self.address(rootServer, Self.rootAddress, ttl: Self.infrastructureTTL),
            ResourceRecord(name: tld, type: .ns, ttl: Self.infrastructureTTL, rdata: tldServer.wire),
            Self.address(tldServer, Self.tldAddress, ttl: Self.infrastructureTTL),
        ]
        var tldZone = Self.apex(tld, server: tldServer, ttl: Self.infrastructureTTL)
        tldZone += [
            Self.address(tldServer, Self.tldAddress, ttl: Self.infrastructureTTL),
            Self.address(rootServer, Self.rootAddress, ttl: Self.infrastructureTTL),
        ]
        var zones: [AuthorityZone] = []
        for (index, zone) in scenarioZones.enumerated() {
            let address = "127.53.0.\(index + 3)"
            let server = try DomainName("ns", origin: zone.origin)
            // The delegation and its glue in `test.`; the zone's own SOA, NS and server address.
            tldZone.append(ResourceRecord(name: zone.origin, type: .ns, ttl: Self.zoneTTL, rdata: server.wire))
            tldZone.append(Self.address(server, address, ttl: Self.zoneTTL))
            let records = Self.apex(zone.origin, server: server, ttl: Self.zoneTTL) + [Self.address(server, address, ttl: Self.zoneTTL)] + zone.records
            zones.append(AuthorityZone(origin: zone.origin, address: address, ordering: zone.ordering,
                                       appended: zone.appended, records: records))
        }
        self.zones = [
            AuthorityZone(origin: root, address: Self.rootAddress, ordering: .chain, records: rootZone),
            AuthorityZone(origin: tld, address: Self.tldAddress, ordering: .chain, records: tldZone),
        ] + zones

        for scenario in scenarios {
            let truth = truth(for: scenario.question, dnssecOK: scenario.dnssecOK)
            guard truth == scenario.expected else {
                throw ScenarioError("\(scenario.id): the expect block says \(scenario.expected.lines), the zones give \(truth.lines)")
            }
        }
    }

    /// Every server address, root first.
    public var addresses: [String] { zones.map(\.address) }

    /// The root hints file (named.root format) that points resolvers at the runner's root.
    public static var rootHints: String {
        """
        ; Root hints for `preface conform resolvers`: the runner's own root server on loopback.
        ; Give this file to a resolver checked with --target (its root-hints / hint-file setting).
        .                        \(infrastructureTTL * 42)  NS  \(rootServerName)
        \(rootServerName)      \(infrastructureTTL * 42)  A   \(rootAddress)

        """
    }

    /// What a correct resolver answers to `question`: the chain followed through every zone from
    /// the root down, in invariant order, and the RCODE of its last name (RFC 6604 §3).
    public func truth(for question: Question, dnssecOK: Bool) -> ExpectedAnswer {
        var name = question.name
        var answers: [ResourceRecord] = []
        var visited: Set<DomainName> = [name]
        while answers.count <= WireLimits.maximumChainLength {
            // The deepest zone holding the name: the one a resolver ends up asking.
            guard let zone = zones.filter({ name.isSubdomain(of: $0.origin) }).max(by: { $0.origin.labelCount < $1.origin.labelCount }) else {
                return ExpectedAnswer(rcode: .nxDomain, answers: answers)
            }
            switch zone.lookup(name, question.type, dnssecOK: dnssecOK) {
            case .answer(let rrset):
                return ExpectedAnswer(rcode: .noError, answers: answers + rrset)
            case .alias(let records, let next):
                answers += records
                guard visited.insert(next).inserted else { return ExpectedAnswer(rcode: .servFail, answers: []) }
                name = next
            case .noData:
                return ExpectedAnswer(rcode: .noError, answers: answers)
            case .nameError:
                return ExpectedAnswer(rcode: .nxDomain, answers: answers)
            case .referral:
                // A delegation to a zone nobody serves: a lame delegation.
                return ExpectedAnswer(rcode: .servFail, answers: [])
            }
        }
        return ExpectedAnswer(rcode: .servFail, answers: [])
    }

    /// The server listening on `address`, as a script for `ScriptedResponder`.
    public func server(at address: String) -> AuthorityServer? {
        zones.first { $0.address == address }.map(AuthorityServer.init)
    }

    static func apex(_ origin: DomainName, server: DomainName, ttl: UInt32) -> [ResourceRecord] {
        let mailbox = (try? DomainName("hostmaster", origin: origin)) ?? origin
        let soa = SOA(primaryNameServer: server, responsibleMailbox: mailbox, serial: 1, refresh: 3600,
                      retry: 600, expire: 86400, minimum: negativeTTL)
        return [
            ResourceRecord(name: origin, type: .soa, ttl: negativeTTL, rdata: soa.rdata()),
            ResourceRecord(name: origin, type: .ns, ttl: ttl, rdata: server.wire),
        ]
    }

    static func address(_ name: DomainName, _ text: String, ttl: UInt32) -> ResourceRecord {
        ResourceRecord(name: name, type: .a, ttl: ttl, rdata: IPv4Address(text)?.octets ?? [127, 0, 0, 1])
    }
}

/// One authoritative server of the runner: answers for its zone, REFUSED for anything else.
public struct AuthorityServer: ResponderScript {
    public let zone: AuthorityZone

    public func response(to query: Message, over transport: ResponderTransport) -> Message? {
        response(to: query)
    }

    public func response(to query: Message) -> Message {
        var reply = Message.reply(to: query)
        // An authoritative server offers no recursion (RFC 1035 §4.1.1: RA).
        reply.header.recursionAvailable = false
        guard query.header.opcode == .query else {
            reply.rcode = .notImp
            return reply
        }
        guard query.questions.count == 1, let question = query.questions.first else {
            reply.rcode = .formErr
            return reply
        }
        guard question.class == .in, question.name.isSubdomain(of: zone.origin) else {
            reply.rcode = .refused
            return reply
        }
        let dnssecOK = query.edns?.dnssecOK ?? false
        var name = question.name
        var answers: [ResourceRecord] = []
        var visited: Set<DomainName> = [name]
        chain: while answers.count <= WireLimits.maximumChainLength {
            switch zone.lookup(name, question.type, dnssecOK: dnssecOK) {
            case .referral(let cut):
                // Past the first name, the chain leaves this zone: the resolver follows it.
                guard answers.isEmpty else { break chain }
                let delegation = zone.records.filter { $0.type == .ns && $0.name == cut }
                reply.authorities = delegation
                reply.additionals = glue(for: delegation) + reply.additionals
                return reply
            case .answer(let rrset):
                answers += rrset
                if question.type == .ns { reply.additionals = glue(for: rrset) + reply.additionals }
                break chain
            case .alias(let records, let next):
                answers += records
                // RFC 1034 §4.3.2 step 3a: the chain is followed while it stays in the zone.
                guard next.isSubdomain(of: zone.origin), visited.insert(next).inserted else { break chain }
                name = next
            case .noData:
                reply.authorities = zone.soa
                break chain
            case .nameError:
                reply.authorities = zone.soa
                reply.rcode = .nxDomain
                break chain
            }
        }
        reply.header.isAuthoritative = true
        reply.answers = zone.ordering.apply(to: answers) + (answers.isEmpty ? [] : zone.appended)
        return reply
    }

    /// The addresses of the name servers of `nsRecords` that the zone holds.
    private func glue(for nsRecords: [ResourceRecord]) -> [ResourceRecord] {
        nsRecords.filter { $0.type == .ns }.flatMap { record in
            (try? DomainName(wire: record.rdata)).map(zone.addresses(of:)) ?? []
        }
    }
}

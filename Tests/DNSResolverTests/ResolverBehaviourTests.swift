import DNSConformance
import DNSResolver
import DNSWire
import Synchronization
import Testing

/// Iteration behaviours: QNAME minimisation, negative caching, glue credibility, TCP on TC, broken
/// and lame servers, mismatched responses, and the named limits.
struct ResolverBehaviourTests {
    let chainName = "www.c.chain.test."

    @Test func queryNameIsMinimisedOneLabelAtATime() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .noError)
        let rootQueries = harness.transport.log.filter { $0.server.host == Authority.rootAddress }
        #expect(!rootQueries.isEmpty)
        // RFC 9156 §2.3: the root only ever sees `test.`, asked for type A.
        for exchange in rootQueries {
            #expect(exchange.question.name == (try DomainName("test.")))
            #expect(exchange.question.type == .a)
        }
        // The full name goes only to the zone that holds it.
        let full = harness.transport.log.filter { $0.question.name == (try? DomainName(chainName)) }
        #expect(full.allSatisfy { $0.server.host != Authority.rootAddress && $0.server.host != Authority.tldAddress })
    }

    @Test func withoutMinimisationTheFullNameGoesEverywhere() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()], qnameMinimisation: false)
        _ = try await harness.ask(chainName, .a)
        let first = try #require(harness.transport.log.first)
        #expect(first.question == Question(try DomainName(chainName), .a))
        #expect(first.server.host == Authority.rootAddress)
    }

    @Test func upstreamQueriesCarryEDNSWith1232Octets() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        _ = try await harness.ask(chainName, .a)
        #expect(!harness.transport.log.isEmpty)
        #expect(harness.transport.log.allSatisfy { $0.ednsPayload == 1232 })
    }

    @Test func nameErrorIsCachedForTheSOAMinimum() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        let first = try await harness.ask("nothing.c.chain.test.", .a)
        #expect(first.rcode == .nxDomain)
        let soa = try #require(first.authorities.first)
        #expect(soa.type == .soa)
        #expect(soa.ttl <= 300)
        harness.transport.clearLog()
        // RFC 2308 §5: a name error covers every type at the name.
        let again = try await harness.ask("nothing.c.chain.test.", .aaaa)
        #expect(again.rcode == .nxDomain)
        #expect(harness.transport.log.isEmpty)
        harness.clock.advance(seconds: 301)
        _ = try await harness.ask("nothing.c.chain.test.", .a)
        #expect(!harness.transport.log.isEmpty, "the negative entry expired with the SOA minimum (300 s)")
    }

    @Test func noDataIsCachedPerType() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        let first = try await harness.ask("srv.c.chain.test.", .aaaa)
        #expect(first.rcode == .noError)
        #expect(first.answers.isEmpty)
        #expect(first.authorities.map(\.type) == [.soa])
        harness.transport.clearLog()
        _ = try await harness.ask("srv.c.chain.test.", .aaaa)
        #expect(harness.transport.log.isEmpty)
        // Another type at the same name is not covered.
        _ = try await harness.ask("srv.c.chain.test.", .txt)
        #expect(!harness.transport.log.isEmpty)
    }

    @Test func glueIsNeverAnAnswer() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        _ = try await harness.ask(chainName, .a)
        harness.transport.clearLog()
        // ns.test.'s address came as glue from the root: a client asking for it gets it from `test.`'s
        // own server, authoritatively (RFC 2181 §5.4.1).
        let response = try await harness.ask("ns.test.", .a)
        #expect(response.answers.map(\.rdataPresentation) == [Authority.tldAddress])
        #expect(harness.transport.log.contains { $0.server.host == Authority.tldAddress && $0.question.name == (try? DomainName("ns.test.")) })
    }

    @Test func truncatedAnswersAreFetchedOverTCPAndTruncatedForSmallClients() async throws {
        let records = (1...12).map { "big.t 300 TYPE65280 \\# 150 " + String(repeating: String(format: "%02X", $0), count: 150) }
        let scenario = try InlineScenario.make("big", """
        query: big.t TYPE65280
        zone t:
        \(records.joined(separator: "\n"))
        expect NOERROR:
        \(records.joined(separator: "\n"))
        """)
        let harness = try ResolverHarness(scenarios: [scenario])
        let response = try await harness.ask("big.t.big.test.", RRType(65280))
        #expect(response.answers.count == 12)
        #expect(harness.transport.log.contains { $0.over == .tcp && $0.question.type == RRType(65280) })
        // A client without EDNS takes 512 octets: TC, empty sections, so that it asks again over TCP.
        let query = ClientQuery(id: 7, question: Question(try DomainName("big.t.big.test."), RRType(65280)))
        let small = try Message(wire: await harness.resolver.resolve(query, maximumSize: query.maximumUDPResponseSize))
        #expect(small.header.isTruncated)
        #expect(small.answers.isEmpty)
    }

    @Test func brokenAndLameRootServersAreSkipped() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        // Two more "root servers": one never answers, one refuses everything.
        harness.transport.setResponder("127.53.0.250", nil)
        harness.transport.setResponder("127.53.0.251") { query, _ in
            var reply = Message.reply(to: query)
            reply.rcode = .refused
            return reply
        }
        let hints = try RootHints(text: Array("""
        . 3600000 NS a.root-servers.test.
        . 3600000 NS b.root-servers.test.
        . 3600000 NS c.root-servers.test.
        a.root-servers.test. 3600000 A 127.53.0.250
        b.root-servers.test. 3600000 A 127.53.0.251
        c.root-servers.test. 3600000 A \(Authority.rootAddress)
        """.utf8))
        let resolver = Resolver(transport: harness.transport, hints: hints, clock: harness.clock)
        for name in ["www.c.chain.test.", "mid.c.chain.test.", "nothing.chain.test."] {
            let query = ClientQuery(id: 1, question: Question(try DomainName(name), .a))
            let response = try Message(wire: await resolver.resolve(query))
            InvariantCheck.expectHolds(response, for: query)
            #expect(response.rcode == .noError || response.rcode == .nxDomain, "\(name): \(response.rcode)")
        }
        // After the first failures the broken servers sink to the bottom of the order.
        let timeoutRTT = try #require(resolver.smoothedRTT(of: ServerAddress(host: "127.53.0.250")))
        let goodRTT = try #require(resolver.smoothedRTT(of: ServerAddress(host: Authority.rootAddress)))
        #expect(timeoutRTT > goodRTT)
    }

    @Test func responsesWithAnotherIDOrQuestionAreDropped() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        guard let root = harness.authority.server(at: Authority.rootAddress) else { return }
        harness.transport.setResponder(Authority.rootAddress) { query, _ in
            var reply = root.response(to: query)
            reply.header.id &+= 1
            return reply
        }
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .servFail)
        let error = try #require(response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
        #expect(error.infoCode == 22)
        #expect(error.extraText.contains("does not match"))
    }

    @Test func chainLongerThanTheLimitIsServFailWithTheLimitNamed() async throws {
        let links = (0..<14).map { "h\($0).l 300 CNAME h\($0 + 1).l" }
        let scenario = try InlineScenario.make("long", """
        query: h0.l A
        zone l:
        \(links.joined(separator: "\n"))
        h14.l 300 A 192.0.2.1
        expect NOERROR:
        \(links.joined(separator: "\n"))
        h14.l 300 A 192.0.2.1
        """)
        let harness = try ResolverHarness(scenarios: [scenario])
        let response = try await harness.ask("h0.l.long.test.", .a)
        #expect(response.rcode == .servFail)
        #expect(response.answers.isEmpty)
        let error = try #require(response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
        #expect(error.extraText.contains("maximumChainLength"))
    }

    @Test func upstreamQueryBudgetIsServFailWithTheLimitNamed() async throws {
        var limits = ResolverLimits()
        limits.maximumUpstreamQueries = 2
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()], limits: limits)
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .servFail)
        #expect(harness.transport.log.count == 2)
        let error = try #require(response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
        #expect(error.extraText.contains("maximumUpstreamQueries"))
    }

    @Test func overallDeadlineIsServFailWithTheLimitNamed() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        guard let root = harness.authority.server(at: Authority.rootAddress) else { return }
        let clock = harness.clock
        harness.transport.setResponder(Authority.rootAddress) { query, _ in
            clock.advance(seconds: 11)
            return root.response(to: query)
        }
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .servFail)
        let error = try #require(response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
        #expect(error.extraText.contains("overallDeadline"))
    }

    @Test func staleAnswersWhenEveryServerFails() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        _ = try await harness.ask(chainName, .a)
        harness.clock.advance(seconds: 7200)
        for address in harness.authority.addresses { harness.transport.setResponder(address, nil) }
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .noError)
        #expect(response.answers.count == 4)
        // RFC 8767 §4: TTL 30 for what is stale; EDE 3 says so.
        #expect(response.answers.allSatisfy { $0.ttl == 30 })
        let error = try #require(response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
        #expect(error.infoCode == 3)
    }

    @Test func nothingCachedAndNoServerIsServFailNoReachableAuthority() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        for address in harness.authority.addresses { harness.transport.setResponder(address, nil) }
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .servFail)
        let error = try #require(response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) })
        #expect(error.infoCode == 22)
    }

    @Test func upstreamIDsAreRandom() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        _ = try await harness.ask(chainName, .a)
        let ids = harness.transport.log.map(\.id)
        #expect(ids.count >= 3)
        #expect(Set(ids).count == ids.count)
    }

    @Test func zoneTransfersAndAnyAreNotImplemented() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        for type in [RRType.axfr, .any] {
            let response = try await harness.ask(chainName, type)
            #expect(response.rcode == .notImp)
        }
        #expect(harness.transport.log.isEmpty)
    }
}

extension ResolverBehaviourTests {
    @Test func aServerThatLosesOneDatagramIsAskedAgain() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        guard let root = harness.authority.server(at: Authority.rootAddress) else { return }
        let dropped = Mutex(false)
        harness.transport.setResponder(Authority.rootAddress) { query, _ in
            // The first query is lost; the retry is answered.
            let first = dropped.withLock { value in defer { value = true }; return !value }
            return first ? nil : root.response(to: query)
        }
        let response = try await harness.ask(chainName, .a)
        #expect(response.rcode == .noError)
        #expect(harness.transport.log.filter { $0.server.host == Authority.rootAddress }.count >= 2)
    }

    @Test func otherClassesAreRefused() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        let query = ClientQuery(id: 5, question: Question(try DomainName("version.bind."), .txt, RRClass(3)))
        let response = try Message(wire: await harness.resolver.resolve(query))
        #expect(response.rcode == .refused)
        #expect(harness.transport.log.isEmpty)
    }
}

extension ResolverBehaviourTests {
    /// RFC 9520: a failed question is not resolved again while its failure is held (5 s, then 10 s
    /// when it fails again right after); a success forgets it.
    @Test func aFailureIsHeldWithBackoffThenForgottenOnSuccess() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        var responders: [String: InMemoryTransport.Responder] = [:]
        for address in harness.authority.addresses {
            guard let server = harness.authority.server(at: address) else { continue }
            responders[address] = { query, _ in server.response(to: query) }
            harness.transport.setResponder(address, nil)
        }
        func extendedErrorText(_ response: Message) -> String {
            response.edns?.option(.extendedDNSError).flatMap { try? ExtendedDNSError($0) }?.extraText ?? ""
        }
        #expect(try await harness.ask(chainName, .a).rcode == .servFail)
        #expect(!harness.transport.log.isEmpty)
        harness.transport.clearLog()
        // Held: SERVFAIL again, the reason kept, nothing sent.
        harness.clock.advance(seconds: 4)
        let held = try await harness.ask(chainName, .a)
        #expect(held.rcode == .servFail)
        #expect(extendedErrorText(held).contains("failed recently: tried again in 1 s"), "\(extendedErrorText(held))")
        #expect(harness.transport.log.isEmpty)
        // Other questions are not held.
        _ = try await harness.ask("other.c.chain.test.", .a)
        #expect(!harness.transport.log.isEmpty)
        // The hold ends: tried again, fails again, held twice as long.
        harness.clock.advance(seconds: 2)
        harness.transport.clearLog()
        #expect(try await harness.ask(chainName, .a).rcode == .servFail)
        #expect(!harness.transport.log.isEmpty)
        harness.transport.clearLog()
        harness.clock.advance(seconds: 9)
        #expect(try await harness.ask(chainName, .a).rcode == .servFail)
        #expect(harness.transport.log.isEmpty, "held 10 s after the second failure")
        // The servers come back; after the hold the answer comes, and the failure is forgotten.
        for (address, responder) in responders { harness.transport.setResponder(address, responder) }
        harness.clock.advance(seconds: 2)
        #expect(try await harness.ask(chainName, .a).rcode == .noError)
        harness.resolver.flushCache()
        harness.transport.clearLog()
        #expect(try await harness.ask(chainName, .a).rcode == .noError)
        #expect(!harness.transport.log.isEmpty)
    }

    @Test func failuresAreNotHeldWhenTheHoldIsZero() async throws {
        var policy = CachePolicy()
        policy.failureTTL = 0
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()], policy: policy)
        for address in harness.authority.addresses { harness.transport.setResponder(address, nil) }
        #expect(try await harness.ask(chainName, .a).rcode == .servFail)
        harness.transport.clearLog()
        #expect(try await harness.ask(chainName, .a).rcode == .servFail)
        #expect(!harness.transport.log.isEmpty)
    }
}

extension ResolverBehaviourTests {
    /// Answers through another transport after a real delay, so concurrent resolutions overlap.
    struct SlowTransport: Transport {
        let inner: InMemoryTransport
        func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol, timeout: Duration) async throws -> [UInt8] {
            try await Task.sleep(for: .milliseconds(100))
            return try await inner.exchange(query, with: server, over: transport, timeout: timeout)
        }
    }

    /// A burst of identical client questions sends each upstream question to each server once: the
    /// resolutions after the first wait for its answer, and all get the same, complete response.
    @Test func aBurstOfTheSameQuestionAsksUpstreamOnce() async throws {
        let harness = try ResolverHarness(scenarios: [try InlineScenario.chain()])
        let resolver = Resolver(transport: SlowTransport(inner: harness.transport), hints: try RootHints(text: Array(Authority.rootHints.utf8)),
                                clock: harness.clock)
        let question = Question(try DomainName(chainName), .a)
        let responses = try await withThrowingTaskGroup(of: Message.self) { group in
            for id in UInt16(1)...20 {
                group.addTask { try Message(wire: await resolver.resolve(ClientQuery(id: id, question: question, edns: EDNS()))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.count == 20)
        #expect(responses.allSatisfy { $0.rcode == .noError && $0.answers.count == 4 })
        let sent = harness.transport.log.map { "\($0.server.host) \($0.question.name) \($0.question.type)" }
        #expect(!sent.isEmpty)
        #expect(Set(sent).count == sent.count, "sent more than once: \(sent)")
    }
}

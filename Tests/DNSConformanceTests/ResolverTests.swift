import DNSWire
import Foundation
import Glibc
import Synchronization
import Testing

@testable import DNSConformance

/// Resolver mode, the pure parts: the scenario files and their loader, the authoritative servers'
/// answers and truth, the order checker on golden answer sections, the verdicts. Always run.
struct ResolverScenarioTests {
    static let scenarios: [ResolverScenario]? = {
        do { return try ResolverScenarioFiles.load(ResolverScenarioFiles.bundledDirectory()) } catch {
            print("ResolverScenarioFiles.load: \(error)")
            return nil
        }
    }()

    @Test func everyScenarioFileLoadsAndItsExpectBlockIsTheTruth() throws {
        let scenarios = try #require(Self.scenarios)
        #expect(scenarios.count == 13)
        #expect(Set(scenarios.map(\.id)).count == scenarios.count)
        // Authority.init refuses an expect block the zones disagree with.
        let authority = try Authority(scenarios: scenarios)
        #expect(Set(authority.addresses).count == authority.zones.count)
        #expect(authority.addresses.prefix(3) == ["127.53.0.1", "127.53.0.2", "127.53.0.3"])
        for scenario in scenarios {
            #expect(scenario.question.name.isSubdomain(of: scenario.domain), "\(scenario.id)")
            #expect(scenario.domain == (try DomainName(scenario.id + ".test.")))
        }
    }

    @Test func theListedExperimentsAreThere() throws {
        let scenarios = try #require(Self.scenarios)
        let partial = try #require(scenarios.first { $0.id == "02-partial-expiry" })
        #expect(partial.againAfter == 3)
        #expect(partial.zones[0].records.filter { $0.type == .cname }.allSatisfy { $0.ttl == 3600 })
        #expect(partial.zones[0].records.filter { $0.type == .a }.allSatisfy { $0.ttl == 2 })
        #expect(scenarios.first { $0.id == "04-upstream-reversed" }?.zones[0].ordering == .reversed)
        #expect(scenarios.first { $0.id == "09-nxdomain-at-end" }?.expected.rcode == .nxDomain)
        let signed = try #require(scenarios.first { $0.id == "11-rrsigs-beside-rrsets" })
        #expect(signed.dnssecOK)
        #expect(signed.expected.answers.map(\.type) == [.cname, .rrsig, .a, .a, .rrsig])
        #expect(scenarios.first { $0.id == "08-unknown-type-at-end" }?.question.type == RRType(65280))
    }

    @Test func loaderErrorsNameTheFileAndLine() throws {
        func error(_ text: String) -> String {
            do {
                _ = try ResolverScenario(id: "99-x", text: text, file: "99-x.scenario")
                return ""
            } catch { return "\(error)" }
        }
        #expect(error("title: t\nquery: www\n").hasPrefix("99-x.scenario:2: query is"))
        #expect(error("query: www.a A\nwww.a 60 A 192.0.2.1\n").hasPrefix("99-x.scenario:2: a record line outside"))
        #expect(error("query: www.a A\nzone a:\nwww.b 60 A 192.0.2.1\n").contains("99-x.scenario:3: www.b.99-x.test. is not in zone"))
        #expect(error("query: www.a A\nzone a:\norder: sideways\n").contains("99-x.scenario:3: order is one of chain, reversed"))
        #expect(error("query: www.a A\nzone a:\nwww.a 60 MX 10 mail\n").contains("99-x.scenario:3:"))
        #expect(error("query: www.a A\nzone a:\nwww.a 60 A 192.0.2.1\n") == "99-x.scenario: no expect block")
        #expect(error("query: www.a A\nzone a.b:\n").contains("one label below"))
    }

    @Test func anExpectBlockThatDisagreesWithTheZonesIsRefused() throws {
        let scenario = try ResolverScenario(id: "99-x", text: """
            query: www.a A
            zone a:
            www.a 60 CNAME srv.a
            srv.a 60 A 192.0.2.1
            expect NOERROR:
            srv.a 60 A 192.0.2.1
            www.a 60 CNAME srv.a
            """)
        #expect(throws: ScenarioError.self) { _ = try Authority(scenarios: [scenario]) }
    }

    @Test func fakeSignaturesAreWellFormedRRSIGs() throws {
        let scenarios = try #require(Self.scenarios)
        let signed = try #require(scenarios.first { $0.id == "11-rrsigs-beside-rrsets" })
        let signature = try RRSIG(rdata: try #require(signed.expected.answers.first { $0.type == .rrsig }).rdata)
        #expect(signature.typeCovered == .cname)
        #expect(signature.labels == 4)  // www.s.11-rrsigs-beside-rrsets.test.
        #expect(signature.signerName == signed.zones[0].origin)
        #expect(signature.originalTTL == 300)
    }
}

/// The runner's authoritative servers answer like plain authoritative servers.
struct AuthorityServerTests {
    static let authority: Authority? = ResolverScenarioTests.scenarios.flatMap { try? Authority(scenarios: $0) }

    func ask(_ address: String, _ name: String, _ type: RRType, dnssecOK: Bool = false) throws -> Message {
        let authority = try #require(Self.authority)
        let server = try #require(authority.server(at: address))
        var query = Message(header: Header(id: 7), questions: [Question(try DomainName(name), type)])
        query.edns = EDNS(dnssecOK: dnssecOK)
        return try Message(wire: server.response(to: query).wire())
    }

    @Test func theRootPrimesAndRefers() throws {
        let priming = try ask("127.53.0.1", ".", .ns)
        #expect(priming.header.isAuthoritative && !priming.header.recursionAvailable)
        #expect(priming.answers.map(\.rdataPresentation) == ["a.root-servers.test."])
        #expect(priming.additionals.contains { $0.type == .a && $0.rdataPresentation == "127.53.0.1" })
        let referral = try ask("127.53.0.1", "www.c.01-chain-in-order.test.", .a)
        #expect(!referral.header.isAuthoritative && referral.answers.isEmpty)
        #expect(referral.authorities.map(\.compactPresentation) == ["test. 86400 NS ns.test."])
        #expect(referral.additionals.contains { $0.rdataPresentation == "127.53.0.2" })
    }

    @Test func theTLDRefersEachZoneAndAnEmptyNonTerminalIsNODATA() throws {
        let referral = try ask("127.53.0.2", "www.c.01-chain-in-order.test.", .a)
        #expect(referral.authorities.map(\.compactPresentation) == ["c.01-chain-in-order.test. 3600 NS ns.c.01-chain-in-order.test."])
        #expect(referral.additionals.contains { $0.rdataPresentation == "127.53.0.3" })
        // QNAME minimisation asks for <scenario>.test. first: it exists (RFC 8020), without data.
        let empty = try ask("127.53.0.2", "01-chain-in-order.test.", .a)
        #expect(empty.rcode == .noError && empty.answers.isEmpty && empty.authorities.first?.type == .soa)
        #expect(try ask("127.53.0.2", "nothing.test.", .a).rcode == .nxDomain)
        #expect(try ask("127.53.0.3", "www.example.", .a).rcode == .refused)
    }

    @Test func orderingsLayTheAnswerOutOnPurpose() throws {
        let reversed = try ask("127.53.0.7", "www.r.04-upstream-reversed.test.", .a)
        #expect(reversed.answers.map(\.type) == [.a, .a, .cname, .cname])
        #expect(reversed.answers.last?.name == (try DomainName("www.r.04-upstream-reversed.test.")))
        let addressesFirst = try ask("127.53.0.8", "www.f.05-upstream-addresses-first.test.", .a)
        #expect(addressesFirst.answers.map(\.type) == [.a, .a, .cname, .cname])
        #expect(addressesFirst.answers[2].name == (try DomainName("www.f.05-upstream-addresses-first.test.")))
        let appended = try ask("127.53.0.18", "www.x.13-unrelated-record-upstream.test.", .a)
        #expect(appended.answers.map(\.compactPresentation).last == "other.x.13-unrelated-record-upstream.test. 60 A 192.0.2.99")
    }

    @Test func signaturesOnlyWithDO() throws {
        #expect(try ask("127.53.0.16", "www.s.11-rrsigs-beside-rrsets.test.", .a).answers.map(\.type) == [.cname, .a, .a])
        #expect(try ask("127.53.0.16", "www.s.11-rrsigs-beside-rrsets.test.", .a, dnssecOK: true).answers.map(\.type)
            == [.cname, .rrsig, .a, .a, .rrsig])
        #expect(try ask("127.53.0.17", "www.g.12-rrsigs-upstream-last.test.", .a, dnssecOK: true).answers.map(\.type)
            == [.cname, .a, .rrsig, .rrsig])
    }

    @Test func dnameIsSynthesisedAndNegativeAnswersCarryTheSOA() throws {
        let dname = try ask("127.53.0.11", "www.old.d.07-dname.test.", .a)
        #expect(dname.answers.map(\.compactPresentation) == [
            "old.d.07-dname.test. 300 DNAME new.d.07-dname.test.",
            "www.old.d.07-dname.test. 300 CNAME www.new.d.07-dname.test.",
            "www.new.d.07-dname.test. 60 A 192.0.2.4",
        ])
        // The CNAME leaves the zone: the server answers with it alone; the next server says NXDOMAIN.
        let leaving = try ask("127.53.0.13", "www.n.09-nxdomain-at-end.test.", .a)
        #expect(leaving.rcode == .noError && leaving.answers.map(\.type) == [.cname])
        let gone = try ask("127.53.0.14", "gone.m.09-nxdomain-at-end.test.", .a)
        #expect(gone.rcode == .nxDomain && gone.header.isAuthoritative && gone.authorities.map(\.type) == [.soa])
        let nodata = try ask("127.53.0.15", "www.e.10-nodata-at-end.test.", .aaaa)
        #expect(nodata.rcode == .noError && nodata.answers.map(\.type) == [.cname] && nodata.authorities.map(\.type) == [.soa])
    }

    @Test func rootHintsNameTheRunnersRoot() {
        let hints = Authority.rootHints
        #expect(hints.contains("a.root-servers.test."))
        #expect(hints.contains("A   127.53.0.1"))
    }
}

/// Golden answer sections for the order checker: the good ones hold the invariant, each bad one
/// breaks it in one named way.
struct AnswerOrderCheckTests {
    static func record(_ text: String) -> ResourceRecord {
        // "owner ttl TYPE rdata" relative to example., with the scenario file's record syntax.
        (try? ResolverScenario.record(text, domain: DomainName("example."), signer: DomainName("example."), location: "test")) ?? ResourceRecord(name: .root, type: .null, ttl: 0, rdata: [])
    }

    static func section(_ lines: [String]) -> [ResourceRecord] { lines.map(record) }

    static let question = Question((try? DomainName("www.example.")) ?? .root, .a)
    static let chain = ["www 300 CNAME cdn", "cdn 300 CNAME srv", "srv 60 A 192.0.2.1", "srv 60 A 192.0.2.2"]

    func problems(_ lines: [String], _ question: Question = Self.question) -> [String] {
        AnswerOrderCheck.violations(question: question, answers: Self.section(lines)).map(\.description)
    }

    @Test func goodSections() throws {
        #expect(problems(Self.chain) == [])
        #expect(problems(["www 300 A 192.0.2.1"]) == [])
        #expect(problems([]) == [])
        // NXDOMAIN or NODATA at the end: the chain alone.
        #expect(problems(["www 300 CNAME cdn", "cdn 300 CNAME gone"]) == [])
        // Each RRSIG right after its RRset.
        #expect(problems(["www 300 CNAME srv", "www 300 RRSIG CNAME", "srv 60 A 192.0.2.1", "srv 60 RRSIG A"]) == [])
        // DNAME owned by an ancestor, then the synthesised CNAME; or the DNAME alone (RFC 6672 §3.4 clients).
        let dnameQuestion = Question(try DomainName("www.old.example."), .a)
        #expect(problems(["old 300 DNAME new", "www.old 300 CNAME www.new", "www.new 60 A 192.0.2.4"], dnameQuestion) == [])
        #expect(problems(["old 300 DNAME new", "www.new 60 A 192.0.2.4"], dnameQuestion) == [])
        // Letter case does not matter (RFC 4343).
        #expect(problems(["WWW 300 CNAME Cdn", "cdn 300 CNAME srv", "SRV 60 A 192.0.2.1"]) == [])
        // A CNAME query ends at the CNAME.
        #expect(problems(["www 300 CNAME cdn"], Question(try DomainName("www.example."), .cname)) == [])
    }

    @Test func addressesBeforeTheCNAMEs() {
        // The chain itself is intact after the addresses: only where they stand is wrong.
        #expect(problems(["srv 60 A 192.0.2.1", "srv 60 A 192.0.2.2", "www 300 CNAME cdn", "cdn 300 CNAME srv"]) == [
            "record 1: srv.example. A where the chain is at www.example.",
        ])
        // The January 2026 merge: fresh tail first, cached head appended.
        #expect(problems(["cdn 300 CNAME srv", "srv 60 A 192.0.2.1", "www 300 CNAME cdn"]) == [
            "record 1: cdn.example. CNAME where the chain is at www.example.",
            "record 2: srv.example. A where the chain is at www.example.",
        ])
    }

    @Test func cnamesReversed() {
        #expect(problems(["cdn 300 CNAME srv", "www 300 CNAME cdn", "srv 60 A 192.0.2.1"]) == [
            "record 1: cdn.example. CNAME where the chain is at www.example.",
            "record 3: srv.example. A where the chain is at cdn.example.",
        ])
    }

    @Test func signaturesAtTheEnd() {
        #expect(problems(["www 300 CNAME srv", "srv 60 A 192.0.2.1", "www 300 RRSIG CNAME", "srv 60 RRSIG A"]) == [
            "record 3: www.example. RRSIG(CNAME) does not follow the RRset it covers",
            "record 4: srv.example. RRSIG(A) does not follow the RRset it covers",
        ])
        // An RRSIG over another type than the RRset before it.
        #expect(problems(["www 300 CNAME srv", "www 300 RRSIG A", "srv 60 A 192.0.2.1"]) == [
            "record 2: www.example. RRSIG(A) does not follow the RRset it covers",
        ])
    }

    @Test func splitRRsetAndRecordsOffTheChain() {
        #expect(problems(["www 300 CNAME srv", "srv 60 A 192.0.2.1", "other 60 A 192.0.2.9", "srv 60 A 192.0.2.2"]) == [
            "record 4: srv.example. A is split: more of it after other records",
            "record 3: other.example. A after the final RRset",
            "record 4: srv.example. A after the final RRset",
        ])
        #expect(problems(["other 60 A 192.0.2.9", "www 300 A 192.0.2.1"]) == [
            "record 1: other.example. A where the chain is at www.example.",
        ])
        #expect(problems(["www 300 TXT \\# 2 0141"]) == ["record 1: www.example. TXT is neither an alias nor the type asked"])
    }

    @Test func dnameOutOfPlace() throws {
        let question = Question(try DomainName("www.old.example."), .a)
        // PowerDNS Recursor 4.8's orders, as measured.
        #expect(problems(["www.old 300 CNAME www.new", "old 300 DNAME new", "www.new 60 A 192.0.2.4"], question) == [
            "record 2: old.example. DNAME where the chain is at www.new.example.",
        ])
        #expect(problems(["www.old 300 CNAME www.new", "www.new 60 A 192.0.2.4", "old 300 DNAME new"], question) == [
            "record 3: old.example. DNAME after the final RRset",
        ])
    }
}

/// The verdict of one answer against the truth.
struct AnswerJudgementTests {
    static let expected = ExpectedAnswer(rcode: .noError, answers: AnswerOrderCheckTests.section(AnswerOrderCheckTests.chain))

    func judge(_ lines: [String], rcode: RCode = .noError, expected: ExpectedAnswer = Self.expected) -> AnswerJudgement {
        AnswerJudgement(question: AnswerOrderCheckTests.question, rcode: rcode,
                        answers: AnswerOrderCheckTests.section(lines), expected: expected)
    }

    @Test func exactAnswerIsOKWithLowerTTLsAndAnyOrderInsideAnRRset() {
        #expect(judge(AnswerOrderCheckTests.chain).verdict == .ok)
        let aged = judge(["www 17 CNAME cdn", "cdn 17 CNAME srv", "srv 1 A 192.0.2.2", "srv 1 A 192.0.2.1"])
        #expect(aged.verdict == .ok && aged.note == nil)
    }

    @Test func misorderedIsWrongWithANote() throws {
        let judgement = judge(["srv 60 A 192.0.2.1", "srv 60 A 192.0.2.2", "www 300 CNAME cdn", "cdn 300 CNAME srv"])
        #expect(judgement.verdict == .wrong)
        #expect(try #require(judgement.note).hasPrefix("misordered: record 1:"))
    }

    @Test func contentErrorsAreWrong() {
        #expect(judge(AnswerOrderCheckTests.chain + ["other 60 A 192.0.2.9"]).note?.contains("off the chain: other.example. A") == true)
        #expect(judge(["www 300 CNAME cdn", "cdn 300 CNAME srv", "srv 60 A 192.0.2.1", "srv 60 A 192.0.2.3"]).verdict == .wrong)
        let stretched = judge(["www 300 CNAME cdn", "cdn 300 CNAME srv", "srv 61 A 192.0.2.1", "srv 61 A 192.0.2.2"])
        #expect(stretched.verdict == .wrong && stretched.note == "srv.example. A TTL 61 is above the zone's 60")
        #expect(judge([], rcode: .nxDomain).verdict == .wrong)
        #expect(judge(AnswerOrderCheckTests.chain, rcode: .nxDomain).note == "RCODE NXDOMAIN, expected NOERROR")
    }

    @Test func nothingIsEmptyAndSomeIsPartial() {
        #expect(judge([], rcode: .servFail).verdict == .empty)
        #expect(judge([], rcode: .servFail).note?.hasPrefix("RCODE SERVFAIL, expected NOERROR") == true)
        #expect(judge([]).verdict == .empty)
        let partial = judge(["www 300 CNAME cdn", "cdn 300 CNAME srv"])
        #expect(partial.verdict == .partial && partial.note == "missing: srv.example. A")
        // NXDOMAIN without the chain before it: the RCODE is right, the CNAME missing.
        let nxdomain = ExpectedAnswer(rcode: .nxDomain, answers: AnswerOrderCheckTests.section(["www 300 CNAME gone"]))
        #expect(judge([], rcode: .nxDomain, expected: nxdomain).verdict == .partial)
        #expect(judge(["www 300 CNAME gone"], rcode: .nxDomain, expected: nxdomain).verdict == .ok)
    }

    @Test func secondAnswerDecidesAPartialExpiryCell() throws {
        let scenarios = try #require(ResolverScenarioTests.scenarios)
        let scenario = try #require(scenarios.first { $0.id == "02-partial-expiry" })
        var answers = [scenario.expected.answers, Array(scenario.expected.answers.reversed())]
        let cell = ResolverRunner.runCell(peer: "fake", scenario: scenario, againWait: 0.01, ask: { question, _ in
            var response = Message(header: Header(id: 1), questions: [question])
            response.answers = answers.removeFirst()
            return ResolverRunner.Asked(exchange: ResolverExchange(response: response, seconds: 0), standardOutput: "",
                                        standardError: "", status: 0, seconds: 0)
        }, peerGone: { nil })
        #expect(cell.runs.map(\.verdict) == [.ok, .wrong])
        #expect(cell.verdict == .wrong)
        #expect(cell.note?.hasPrefix("the second answer, 0.010 s after the first (OK), decides; answer 2: misordered") == true)
        #expect(cell.expected.first == "NOERROR")
    }

    @Test func aPeerThatDiedIsACrashAndNoResponseATimeout() throws {
        let scenario = try #require(ResolverScenarioTests.scenarios?.first)
        let silent = ResolverRunner.Asked(exchange: ResolverExchange(response: nil, error: "timed out", timedOut: true, seconds: 5),
                                          standardOutput: "", standardError: "", status: 0, seconds: 5)
        #expect(ResolverRunner.runCell(peer: "p", scenario: scenario, againWait: nil, ask: { _, _ in silent }, peerGone: { nil }).verdict == .timeout)
        let crashed = ResolverRunner.runCell(peer: "p", scenario: scenario, againWait: nil, ask: { _, _ in silent },
                                             peerGone: { "killed by signal 11" })
        #expect(crashed.verdict == .crash && crashed.note == "killed by signal 11")
    }
}

/// `preface conform ask` output, peers' configurations, and the `--target` address.
struct ResolverPlumbingTests {
    @Test func exchangeLinesRoundTrip() throws {
        let question = Question(try DomainName("www.example."), .a)
        var response = Message(header: Header(id: 9), questions: [question])
        response.header.isResponse = true
        response.answers = AnswerOrderCheckTests.section(AnswerOrderCheckTests.chain)
        let text = ExchangeLines.render(ResolverExchange(response: response, wire: response.wire(), seconds: 0.0123),
                                        server: "127.0.0.10", question: question)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[1] == #"{"record":"www.example. 300 CNAME cdn.example.","section":"answer"}"#)
        let parsed = try #require(ExchangeLines.parse(text))
        #expect(parsed.response?.answers == response.answers)
        #expect(parsed.seconds == 0.012)

        let silent = ExchangeLines.render(ResolverExchange(response: nil, error: "timed out", timedOut: true, seconds: 5),
                                          server: "127.0.0.10", question: question)
        let failed = try #require(ExchangeLines.parse(silent))
        #expect(failed.response == nil && failed.timedOut && failed.error == "timed out")
        #expect(ExchangeLines.parse("not json") == nil)
    }

    @Test func everyPeerListensOnItsOwnAddressWithTheRunnersHints() {
        let setup = PeerSetup(directory: "/tmp/x", address: "127.0.0.99", hintsFile: "/tmp/x/root.hints", upstreamAddress: "127.0.0.20")
        let addresses = PeerCatalog.all.map(\.address)
        #expect(Set(addresses).count == addresses.count)
        #expect(!addresses.contains(PeerCatalog.upstreamAddress))
        for peer in PeerCatalog.all where peer.unavailableBecause == nil {
            let launch = peer.configure(setup)
            let text = (launch.files.map(\.contents) + launch.arguments).joined(separator: " ")
            #expect(text.contains("127.0.0.99"), "\(peer.id)")
            if peer.upstream == nil {
                #expect(text.contains("/tmp/x/root.hints"), "\(peer.id) must use the runner's hints")
            } else {
                #expect(text.contains("server=127.0.0.20"), "\(peer.id) forwards to its private upstream")
            }
        }
        #expect(PeerCatalog.peer("bind9")?.configure(setup).files.first?.contents.contains("dnssec-validation no;") == true)
        #expect(PeerCatalog.peer("pdns-recursor")?.configure(setup).files.first?.contents.contains("security-poll-suffix=\n") == true)
        #expect(PeerCatalog.peer("unbound")?.configure(setup).files.first?.contents.contains("module-config: \"iterator\"") == true)
    }

    @Test func targetAddresses() {
        let v4 = ResolverRunner.endpoint("127.0.0.1:53")
        #expect(v4?.0 == "127.0.0.1" && v4?.1 == 53)
        let v6 = ResolverRunner.endpoint("[::1]:5353")
        #expect(v6?.0 == "::1" && v6?.1 == 5353)
        #expect(ResolverRunner.endpoint("127.0.0.1") == nil)
        #expect(ResolverRunner.endpoint("localhost:53") == nil)
        #expect(ResolverRunner.endpoint("[::1]53") == nil)
    }
}

/// `preface conform resolvers` end to end, as root, against real resolvers inside a namespace: the
/// verdicts are what Unbound 1.17 and dnsmasq 2.90 (forwarding to Unbound) really do on Debian 12,
/// measured, and nothing is left behind.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1" && geteuid() == 0,
                              "needs root and PREFACE_INTEGRATION=1 (network namespaces)"))
struct ResolverModeTests {
    struct Report: Decodable {
        struct Cell: Decodable {
            let subject: String
            let scenario: String
            let verdict: String
            let note: String?
        }
        struct Heading: Decodable {
            let id: String
            let skippedBecause: String?
        }
        let mode: String
        let cells: [Cell]
        let subjects: [Heading]
    }

    struct Run {
        var status: Int32
        var output: String
        var error: String
        var pid: pid_t
    }

    /// The `preface` executable beside the test bundle.
    static var preface: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("preface").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("preface").path
    }

    static func run(_ argv: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Both pipes at once: a child filling one while the other is read would hang.
        let errorText = Mutex(Data())
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            let data = error.fileHandleForReading.readDataToEndOfFile()
            errorText.withLock { $0 = data }
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   error: String(decoding: errorText.withLock { $0 }, as: UTF8.self), pid: process.processIdentifier)
    }

    static func namespaces() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []).filter { $0.hasPrefix("preface-conform-") })
    }

    /// PIDs of live processes whose command line mentions `text`.
    static func processes(mentioning text: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text) ? pid : nil
        }
    }

    nonisolated(unsafe) static var runnerPID: pid_t = 0

    static let report: Result<Report, Error> = Result {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("preface-resolvers-test-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let run = try Self.run([preface, "conform", "resolvers", "--peers", "unbound,dnsmasq,preface", "--json", json.path])
        runnerPID = run.pid
        guard run.status == 0 else { throw ScenarioError("preface conform resolvers exited \(run.status): \(run.error)") }
        return try JSONDecoder().decode(Report.self, from: Data(contentsOf: json))
    }

    func verdicts(_ peer: String) throws -> [String: String] {
        let report = try Self.report.get()
        return Dictionary(uniqueKeysWithValues: report.cells.filter { $0.subject == peer }.map { ($0.scenario, $0.verdict) })
    }

    @Test func unboundKeepsEveryChainInOrder() throws {
        let report = try Self.report.get()
        #expect(report.mode == "resolvers")
        try #require(report.subjects.first { $0.id == "unbound" }?.skippedBecause == nil)
        let verdicts = try verdicts("unbound")
        #expect(verdicts.count == 13)
        // Measured: Unbound 1.17.1 repairs every upstream order, refills the expired tail after
        // the cached CNAMEs, and puts every RRSIG after its RRset.
        #expect(verdicts.values.allSatisfy { $0 == "OK" }, "\(verdicts.filter { $0.value != "OK" })")
    }

    @Test func dnsmasqPassesUnboundsOrderOnAndRefillsInOrder() throws {
        let report = try Self.report.get()
        try #require(report.subjects.first { $0.id == "dnsmasq" }?.skippedBecause == nil)
        let verdicts = try verdicts("dnsmasq")
        #expect(verdicts.count == 13)
        // Measured: dnsmasq 2.90's cache keeps the chain order, the partial expiry included.
        #expect(verdicts["02-partial-expiry"] == "OK")
        #expect(verdicts["03-partial-expiry-across-zones"] == "OK")
        #expect(verdicts.values.allSatisfy { $0 == "OK" }, "\(verdicts.filter { $0.value != "OK" })")
    }

    @Test func prefaceServeKeepsEveryChainInOrder() throws {
        let report = try Self.report.get()
        try #require(report.subjects.first { $0.id == "preface" }?.skippedBecause == nil)
        let verdicts = try verdicts("preface")
        #expect(verdicts.count == 13)
        #expect(verdicts.values.allSatisfy { $0 == "OK" }, "\(verdicts.filter { $0.value != "OK" })")
    }

    @Test func onlyTheSelectedPeersRan() throws {
        let report = try Self.report.get()
        #expect(report.subjects.map(\.id) == ["unbound", "dnsmasq", "preface"])
    }

    @Test func nothingIsLeftBehind() throws {
        _ = try Self.report.get()
        // Only this run's namespace is checked: other tests of the bundle may be running their own.
        #expect(!Self.namespaces().contains("preface-conform-\(Self.runnerPID)"))
        // The peers' directory held the runner's PID; no process still mentions it.
        #expect(Self.processes(mentioning: "preface-resolvers-\(Self.runnerPID)/").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: ResolverRunner.workDirectoryPrefix + "\(Self.runnerPID)"))
    }

    /// `--target`: Unbound started by the test in a namespace of its own with the hints of
    /// `preface conform hints`, and the runner inside the same namespace serving on its loopback.
    @Test func targetChecksARunningResolver() throws {
        let namespace = try NetworkNamespace.create(name: "\(NetworkNamespace.namePrefix)-\(getpid())-test-target")
        defer { namespace.destroy() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preface-target-test-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hints = try Self.run([Self.preface, "conform", "hints"]).output
        try hints.write(toFile: directory + "/root.hints", atomically: true, encoding: .utf8)
        let launch = PeerCatalog.unbound.configure(PeerSetup(directory: directory, address: "127.0.0.10",
                                                             hintsFile: directory + "/root.hints", upstreamAddress: nil))
        for file in launch.files { try file.contents.write(toFile: directory + "/" + file.name, atomically: true, encoding: .utf8) }
        let unbound = try PeerProcess.start(namespace.command([try #require(SystemCommand.find("unbound"))] + launch.arguments),
                                            logFile: directory + "/log")
        defer { unbound.stop() }
        #expect(namespace.waitUntilServing(port: 53, timeout: 10, addresses: ["127.0.0.10"]))

        let json = directory + "/target.json"
        let run = try Self.run(namespace.command([Self.preface, "conform", "resolvers", "--target", "127.0.0.10:53",
                                                  "--scenarios", "01,02,07,11", "--json", json]))
        #expect(run.status == 0, "\(run.error)")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report.subjects.map(\.id) == ["target"])
        #expect(report.cells.map(\.scenario) == ["01-chain-in-order", "02-partial-expiry", "07-dname", "11-rrsigs-beside-rrsets"])
        #expect(report.cells.allSatisfy { $0.verdict == "OK" }, "\(report.cells.map { "\($0.scenario) \($0.verdict) \($0.note ?? "")" })")
    }
}

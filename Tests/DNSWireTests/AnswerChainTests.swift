import Testing
@testable import DNSWire

/// The stub answer extractor on every ordering a resolver or cache might produce
/// (DESIGN §1; the January 2026 incident put CNAMEs after the addresses).
struct AnswerChainTests {
    static func name(_ text: String) -> DomainName { (try? DomainName(text)) ?? .root }

    static func cname(_ owner: String, _ target: String) -> ResourceRecord {
        ResourceRecord(name: name(owner), type: .cname, ttl: 300, rdata: name(target).wire)
    }

    static func dname(_ owner: String, _ target: String) -> ResourceRecord {
        ResourceRecord(name: name(owner), type: .dname, ttl: 300, rdata: name(target).wire)
    }

    static func a(_ owner: String, _ last: UInt8) -> ResourceRecord {
        ResourceRecord(name: name(owner), type: .a, ttl: 60, rdata: [192, 0, 2, last])
    }

    static func aaaa(_ owner: String, _ last: UInt8) -> ResourceRecord {
        ResourceRecord(name: name(owner), type: .aaaa, ttl: 60, rdata: [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [last])
    }

    static let head = cname("www.example.", "cdn.example.net.")
    static let middle = cname("cdn.example.net.", "edge.cdn.example.org.")
    static let first = a("edge.cdn.example.org.", 1)
    static let second = a("edge.cdn.example.org.", 2)
    static let unrelatedAddress = a("other.example.", 99)
    static let unrelatedAlias = cname("mail.example.", "edge.cdn.example.org.")
    static let question = Question(name("www.example."), .a)

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let records: [ResourceRecord]
        var testDescription: String { label }
    }

    static let orderings: [Case] = [
        Case(label: "in order", records: [head, middle, first, second]),
        Case(label: "CNAMEs after the addresses", records: [first, second, head, middle]),
        Case(label: "partial merge: fresh tail, then cached head", records: [middle, first, second, head]),
        Case(label: "chain reversed", records: [second, first, middle, head]),
        Case(label: "shuffled", records: [middle, second, head, first]),
        Case(label: "address RRset split around the CNAMEs", records: [first, head, middle, second]),
        Case(label: "address RRset split, other way", records: [head, first, middle, second]),
        Case(label: "unrelated address first", records: [unrelatedAddress, head, middle, first, second]),
        Case(label: "unrelated address in the middle", records: [head, unrelatedAddress, middle, first, second]),
        Case(label: "unrelated address last", records: [head, middle, first, second, unrelatedAddress]),
        Case(label: "unrelated CNAME in the middle", records: [head, unrelatedAlias, middle, first, second]),
        Case(label: "unknown type in the middle",
             records: [head, ResourceRecord(name: name("cdn.example.net."), type: RRType(65_280), ttl: 5, rdata: [1, 2, 3]), middle, first, second]),
        Case(label: "mixed letter case",
             records: [cname("WWW.Example.", "CDN.example.NET."), cname("cdn.EXAMPLE.net.", "Edge.Cdn.Example.Org."),
                       a("EDGE.cdn.example.ORG.", 1), a("edge.CDN.example.org.", 2)]),
    ]

    @Test(arguments: orderings)
    func followsTheChainWhateverTheOrder(_ ordering: Case) throws {
        let chain = try AnswerChain(question: Self.question, records: ordering.records)
        #expect(chain.canonicalName == Self.name("edge.cdn.example.org."))
        #expect(chain.addresses.sorted() == ["192.0.2.1", "192.0.2.2"])
        #expect(chain.chain.map(\.type) == [.cname, .cname])
        #expect(chain.chain.first?.name == Self.name("www.example."))
        #expect(!chain.addresses.contains("192.0.2.99"))
    }

    @Test func keepsReceivedOrderOfTheFinalRRset() throws {
        let chain = try AnswerChain(question: Self.question, records: [Self.second, Self.head, Self.middle, Self.first])
        #expect(chain.addresses == ["192.0.2.2", "192.0.2.1"])
    }

    @Test func aaaaQuestionIgnoresAddressesOfTheOtherFamily() throws {
        let records = [Self.aaaa("edge.cdn.example.org.", 7), Self.head, Self.first, Self.middle]
        let chain = try AnswerChain(question: Question(Self.name("www.example."), .aaaa), records: records)
        #expect(chain.addresses == ["2001:db8::7"])
    }

    @Test func plainAddressesWithoutAChain() throws {
        let chain = try AnswerChain(question: Question(Self.name("edge.cdn.example.org."), .a), records: [Self.first, Self.unrelatedAddress])
        #expect(chain.chain.isEmpty)
        #expect(chain.addresses == ["192.0.2.1"])
    }

    @Test func brokenChainGivesNoAddresses() throws {
        // The middle link is missing: the addresses belong to a name the query never reached.
        let chain = try AnswerChain(question: Self.question, records: [Self.first, Self.head, Self.second])
        #expect(chain.canonicalName == Self.name("cdn.example.net."))
        #expect(chain.addresses.isEmpty)
    }

    @Test func addressesOfAnUnrelatedNameAreNeverReturned() throws {
        let chain = try AnswerChain(question: Self.question, records: [Self.unrelatedAddress, Self.unrelatedAlias, Self.first])
        #expect(chain.addresses.isEmpty)
    }

    @Test func loopsAreErrors() {
        let loop = [Self.cname("www.example.", "a.example."), Self.cname("a.example.", "www.example.")]
        #expect(throws: WireError.self) { try AnswerChain(question: Self.question, records: loop) }
        let selfLoop = [Self.cname("www.example.", "WWW.example.")]
        #expect(throws: WireError.self) { try AnswerChain(question: Self.question, records: selfLoop) }
    }

    @Test func overlongChainsAreErrors() {
        var records: [ResourceRecord] = []
        for index in 0...WireLimits.maximumChainLength {
            records.append(Self.cname(index == 0 ? "www.example." : "n\(index).example.", "n\(index + 1).example."))
        }
        #expect(throws: WireError.self) { try AnswerChain(question: Self.question, records: records.reversed()) }
    }

    @Test func dnameIsFollowedWithItsSynthesisedCNAME() throws {
        // RFC 6672 §3.4: DNAME, then the synthesised CNAME, then the answer; here in reverse order.
        let records = [Self.a("www.example.net.", 5), Self.cname("www.example.com.", "www.example.net."),
                       Self.dname("example.com.", "example.net.")]
        let chain = try AnswerChain(question: Question(Self.name("www.example.com."), .a), records: records)
        #expect(chain.chain.map(\.type) == [.dname, .cname])
        #expect(chain.addresses == ["192.0.2.5"])
    }

    @Test func dnameWithoutSynthesisedCNAME() throws {
        let records = [Self.a("www.example.net.", 5), Self.dname("example.com.", "example.net.")]
        let chain = try AnswerChain(question: Question(Self.name("www.example.com."), .a), records: records)
        #expect(chain.chain.map(\.type) == [.dname])
        #expect(chain.canonicalName == Self.name("www.example.net."))
    }

    @Test func cnameQuestionReturnsTheCNAMEItself() throws {
        let chain = try AnswerChain(question: Question(Self.name("www.example."), .cname), records: [Self.middle, Self.head])
        #expect(chain.chain.isEmpty)
        #expect(chain.answers == [Self.head])
    }

    /// A whole response through the wire: build it in the bad order, parse it, extract.
    @Test func throughTheWire() throws {
        var message = Message(header: Header(id: 7, flags: 0x8180), questions: [Self.question])
        message.answers = [Self.first, Self.second, Self.middle, Self.head]
        let parsed = try Message(wire: message.wire())
        #expect(try parsed.answerChain().addresses == ["192.0.2.1", "192.0.2.2"])
    }
}

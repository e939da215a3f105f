import DNSWire
import Testing

/// The library example of README.md, as written there, on a real-shaped response.
struct ReadmeExampleTests {
    @Test func theReadmeExampleWorks() throws {
        // A response with its CNAME after the address, as in January 2026.
        var built = Message(header: Header(id: 1, flags: 0x8180),
                            questions: [Question(try DomainName("www.example."), .a)])
        built.answers = [
            ResourceRecord(name: try DomainName("cdn.example.net."), type: .a, ttl: 60, rdata: [192, 0, 2, 7]),
            ResourceRecord(name: try DomainName("www.example."), type: .cname, ttl: 300, rdata: try DomainName("cdn.example.net.").wire),
        ]
        let bytes = built.wire()

        // From README.md:
        let response = try Message(wire: bytes)
        let chain = try response.answerChain()
        #expect(chain.canonicalName == (try DomainName("cdn.example.net.")))
        #expect(chain.addresses == ["192.0.2.7"])
        #expect(chain.chain.map(\.presentation) == ["www.example.\t300\tIN\tCNAME\tcdn.example.net."])

        let view = try MessageView(wire: bytes)
        #expect(view.answers.filter { $0.type == .a }.map(\.rdata) == [[192, 0, 2, 7]])

        var query = Message(header: Header(id: 1, flags: 0x0100),
                            questions: [Question(try DomainName("www.example."), .aaaa)])
        query.edns = EDNS(udpPayloadSize: 1232, dnssecOK: true)
        let wire = query.wire()
        #expect(try Message(wire: wire).edns?.dnssecOK == true)
    }
}

import Testing
@testable import DNSWire

/// Golden wire forms for name compression (RFC 1035 §4.1.4) and where it must not happen
/// (RFC 3597 §4), worked out by hand.
struct EncoderTests {
    private static func name(_ text: String) throws -> DomainName { try DomainName(text, origin: .root) }

    private static func bytes(_ hex: String) throws -> [UInt8] {
        try #require(VectorFiles.bytes(hex: hex), "bad hex literal")
    }

    /// `message` with the counts its wire form carries, for comparing with a parse.
    private static func counted(_ message: Message) -> Message { RoundTripPropertyTests.counted(message) }

    @Test func cnameResponseCompressesEveryRepeatedSuffix() throws {
        let message = Message(
            header: Header(id: 0, flags: 0x8180),
            questions: [Question(try Self.name("www.example.com."), .a)],
            answers: [
                ResourceRecord(name: try Self.name("www.example.com."), type: .cname, ttl: 3600,
                               rdata: try Self.name("example.com.").wire),
                ResourceRecord(name: try Self.name("example.com."), type: .a, ttl: 3600, rdata: [192, 0, 2, 1]),
            ])
        let golden = try Self.bytes(
            // Header: ID 0, flags QR RD RA, QDCOUNT 1, ANCOUNT 2, NSCOUNT 0, ARCOUNT 0.
            "0000 8180 0001 0002 0000 0000"
            // @12 question name in full: "www" @12, "example" @16, "com" @24, root @28; A IN.
            + "03 777777 07 6578616d706c65 03 636f6d 00  0001 0001"
            // @33 CNAME owner www.example.com.: pointer C00C → 12; CNAME IN TTL 3600 RDLENGTH 2.
            + "c00c 0005 0001 00000e10 0002"
            // @45 CNAME RDATA example.com.: pointer C010 → 16, the suffix of the question name.
            + "c010"
            // @47 A owner example.com.: pointer C010 → 16; A IN TTL 3600 RDLENGTH 4 192.0.2.1.
            + "c010 0001 0001 00000e10 0004 c0000201")
        #expect(golden.count == 63)
        #expect(message.wire() == golden)
        #expect(try Message(wire: golden) == Self.counted(message))
    }

    @Test func mxExchangeIsCompressed() throws {
        // RFC 1035 §3.3.9: MX is an RFC 1035 type, so its EXCHANGE may be compressed (RFC 3597 §4).
        let message = Message(
            header: Header(id: 0x1234, flags: 0x8400),
            questions: [Question(try Self.name("example.com."), .mx)],
            answers: [ResourceRecord(name: try Self.name("example.com."), type: .mx, ttl: 3600,
                                     rdata: [0, 10] + (try Self.name("mail.example.com.")).wire)])
        let golden = try Self.bytes(
            // Header: ID 0x1234, flags QR AA, one question, one answer.
            "1234 8400 0001 0001 0000 0000"
            // @12 example.com. ("example" @12, "com" @20, root @24); MX IN.
            + "07 6578616d706c65 03 636f6d 00  000f 0001"
            // @29 owner: pointer → 12; MX IN TTL 3600 RDLENGTH 9.
            + "c00c 000f 0001 00000e10 0009"
            // @41 PREFERENCE 10, @43 "mail" in full, @48 pointer C00C → 12 for example.com.
            + "000a 04 6d61696c c00c")
        #expect(message.wire() == golden)
        #expect(try Message(wire: golden) == Self.counted(message))
        // The record keeps its RDATA uncompressed.
        #expect(try Message(wire: golden).answers.first?.rdata == [0, 10] + (try Self.name("mail.example.com.")).wire)
    }

    @Test func srvTargetIsNotCompressedNorUsedAsATarget() throws {
        // RFC 2782 / RFC 3597 §4: SRV is not an RFC 1035 type; its target is written in full even
        // though example.com. is already in the message, and later names do not point into it.
        let message = Message(
            header: Header(id: 0, flags: 0x8180),
            questions: [Question(try Self.name("_sip._udp.example.com."), .srv)],
            answers: [
                ResourceRecord(name: try Self.name("_sip._udp.example.com."), type: .srv, ttl: 3600,
                               rdata: [0, 0, 0, 10, 0x13, 0xC4] + (try Self.name("sip.example.com.")).wire),
                ResourceRecord(name: try Self.name("alias.example.com."), type: .cname, ttl: 3600,
                               rdata: try Self.name("sip.example.com.").wire),
            ])
        let golden = try Self.bytes(
            "0000 8180 0001 0002 0000 0000"
            // @12 "_sip" @12, "_udp" @17, "example" @22, "com" @30, root @34; SRV IN.
            + "04 5f736970 04 5f756470 07 6578616d706c65 03 636f6d 00  0021 0001"
            // @39 owner: pointer → 12; SRV IN TTL 3600 RDLENGTH 23.
            + "c00c 0021 0001 00000e10 0017"
            // @51 priority 0, weight 10, port 5060; @57 target sip.example.com. in full.
            + "0000 000a 13c4 03 736970 07 6578616d706c65 03 636f6d 00"
            // @74 owner alias.example.com.: "alias" then pointer C016 → 22; CNAME IN TTL 3600 RDLENGTH 6.
            + "05 616c696173 c016 0005 0001 00000e10 0006"
            // @92 CNAME RDATA sip.example.com.: "sip" then pointer → 22, not C039 (the SRV target at 57).
            + "03 736970 c016")
        #expect(message.wire() == golden)
        #expect(try Message(wire: golden) == Self.counted(message))
    }

    @Test func unknownTypeRDATAIsCopiedVerbatimEvenWhenItLooksLikeAName() throws {
        // RFC 3597 §4: RDATA of an unknown type is opaque; the octets of example.com. inside it are
        // neither compressed nor offered as a compression target.
        let lookalike = try Self.name("example.com.").wire
        let message = Message(
            header: Header(id: 0, flags: 0x8180),
            questions: [Question(try Self.name("example.com."), .a)],
            answers: [
                ResourceRecord(name: try Self.name("example.com."), type: RRType(65280), ttl: 3600, rdata: lookalike),
                ResourceRecord(name: try Self.name("www.example.com."), type: .cname, ttl: 3600, rdata: lookalike),
            ])
        let golden = try Self.bytes(
            "0000 8180 0001 0002 0000 0000"
            // @12 example.com.; A IN.
            + "07 6578616d706c65 03 636f6d 00  0001 0001"
            // @29 owner: pointer → 12; TYPE65280 IN TTL 3600 RDLENGTH 13; @41 the 13 octets as given.
            + "c00c ff00 0001 00000e10 000d  07 6578616d706c65 03 636f6d 00"
            // @54 "www" then pointer → 12; CNAME IN TTL 3600 RDLENGTH 2; @70 pointer → 12, not → 41.
            + "03 777777 c00c 0005 0001 00000e10 0002 c00c")
        #expect(message.wire() == golden)
        #expect(try Message(wire: golden) == Self.counted(message))
    }

    @Test func namesDifferingOnlyInCaseAreNotCompressedTogether() throws {
        // RFC 1034 §3.1: names keep their case. A pointer to a suffix spelled differently would
        // change it, so only exact spellings are pointed at.
        let message = Message(
            header: Header(id: 1, flags: 0x8400),
            questions: [Question(try Self.name("Example.COM."), .mx)],
            answers: [
                ResourceRecord(name: try Self.name("example.com."), type: .mx, ttl: 60,
                               rdata: [0, 10] + (try Self.name("MAIL.example.com.")).wire),
                ResourceRecord(name: try Self.name("mail.EXAMPLE.com."), type: .a, ttl: 60, rdata: [192, 0, 2, 1]),
            ])
        let golden = try Self.bytes(
            "0001 8400 0001 0002 0000 0000"
            // @12 Example.COM. ("COM" @20); MX IN.
            + "07 4578616d706c65 03 434f4d 00  000f 0001"
            // @29 example.com. in full ("com" @37): no suffix of it was written in this case.
            + "07 6578616d706c65 03 636f6d 00  000f 0001 0000003c 0009"
            // @52 preference 10, "MAIL", then pointer → 29 for example.com. spelled the same.
            + "000a 04 4d41494c c01d"
            // @61 "mail", "EXAMPLE", then pointer → 37 for com.
            + "04 6d61696c 07 4558414d504c45 c025  0001 0001 0000003c 0004 c0000201")
        #expect(message.wire() == golden)
        let parsed = try Message(wire: golden)
        #expect(parsed == Self.counted(message))
        #expect(parsed.answers.map(\.name.wire) == message.answers.map(\.name.wire))
    }

    @Test func namesPastOffset0x3FFFAreNotCompressionTargets() throws {
        // RFC 1035 §4.1.4: a pointer holds a 14-bit offset, so a name first written at 0x4000 or later
        // cannot be pointed at; its suffixes written earlier still can.
        let question = try Self.name("a.example.")
        let big = ResourceRecord(name: question, type: .null, ttl: 0, rdata: [UInt8](repeating: 0, count: 16_400))
        let b = try Self.name("b.example.")
        let message = Message(
            questions: [Question(question, .a)],
            answers: [big,
                      ResourceRecord(name: b, type: .a, ttl: 0, rdata: [192, 0, 2, 1]),
                      ResourceRecord(name: b, type: .aaaa, ttl: 0, rdata: [UInt8](repeating: 0, count: 16))])
        let wire = message.wire()
        // Question a.example. at 12…22 ("example" at 14), type and class to 26; the NULL record takes
        // 2 + 10 + 16,400 octets from 27; the first b.example. owner starts at 16,439 = 0x4037.
        let first = 16_439
        #expect(first > 0x3FFF)
        #expect(Array(wire[first..<first + 4]) == [1, 0x62, 0xC0, 0x0E])
        // Its A record is 4 + 10 + 4 octets; the next owner cannot point back at 0x4037 and is written
        // the same way.
        let second = first + 18
        #expect(Array(wire[second..<second + 4]) == [1, 0x62, 0xC0, 0x0E])
        #expect(try Message(wire: wire) == Self.counted(message))
    }

    @Test func headerCountsComeFromTheSections() throws {
        var header = Header(id: 9, flags: 0x0100)
        header.questionCount = 7
        header.answerCount = 99
        header.additionalCount = 3
        let message = Message(header: header, questions: [Question(try Self.name("example."), .a)])
        let wire = message.wire()
        #expect(Array(wire[0..<12]) == [0, 9, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0])
    }
}

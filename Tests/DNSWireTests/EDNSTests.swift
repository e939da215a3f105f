import Testing
@testable import DNSWire

/// EDNS(0) (RFC 6891): the OPT record's fields, the extended RCODE, the common options and their
/// typed views, and the dig-style pseudo-section.
struct EDNSTests {
    private static func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    /// A message for `example.com. A` (12…28) followed by `opt` (the OPT record's octets, ARCOUNT 1),
    /// or by nothing (ARCOUNT 0).
    private static func query(rcodeLow: UInt8 = 0, opt: [UInt8]) -> [UInt8] {
        [0x12, 0x34, 0x01, rcodeLow & 0x0F, 0, 1, 0, 0, 0, 0, 0, opt.isEmpty ? 0 : 1]
            + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 0, 1, 0, 1] + opt
    }

    /// An OPT record: root owner, type 41, CLASS = payload size, TTL = extended RCODE, version, flags.
    private static func opt(payload: Int = 4096, rcodeHigh: UInt8 = 0, version: UInt8 = 0, flags: Int = 0,
                            options: [UInt8] = []) -> [UInt8] {
        [0] + u16(41) + u16(payload) + [rcodeHigh, version] + u16(flags) + u16(options.count) + options
    }

    private static func option(_ code: Int, _ data: [UInt8]) -> [UInt8] { u16(code) + u16(data.count) + data }

    /// A minimal message carrying `edns`.
    private static func message(_ edns: EDNS) -> Message {
        var message = Message(header: Header(id: 1, flags: 0x8180))
        message.edns = edns
        return message
    }

    // MARK: - The OPT record (RFC 6891 §6.1.2, §6.1.3)

    @Test func parsesPayloadSizeDOBitAndVersion() throws {
        let message = try Message(wire: Self.query(opt: Self.opt(payload: 1232, version: 0, flags: 0x8000)))
        let edns = try #require(message.edns)
        #expect(edns.udpPayloadSize == 1232)
        #expect(edns.dnssecOK)
        #expect(edns.version == 0)
        #expect(edns.extendedRCodeHigh == 0)
        #expect(edns.options.isEmpty)
        #expect(message.additionals.count == 1)

        let versionOne = try #require(try Message(wire: Self.query(opt: Self.opt(payload: 512, version: 1))).edns)
        #expect(versionOne.version == 1)
        #expect(!versionOne.dnssecOK)
        #expect(versionOne.udpPayloadSize == 512)
    }

    /// The in-place read from a message view (the server's path) gives what the record read gives,
    /// options included, and refuses what it refuses.
    @Test func readsTheSameFromAViewAsFromTheRecord() throws {
        let options = Self.option(10, [1, 2, 3, 4, 5, 6, 7, 8]) + Self.option(65001, []) + Self.option(12, [0, 0, 0])
        for opt in [Self.opt(payload: 1232, flags: 0x8000), Self.opt(payload: 4096, rcodeHigh: 1, version: 1, options: options)] {
            let view = try MessageView(wire: Self.query(opt: opt))
            let record = try #require(view.additionals.first)
            let fromView = try EDNS(record)
            #expect(fromView == (try EDNS(record.resourceRecord)))
            #expect(fromView.udpPayloadSize == (opt.count > 11 ? 4096 : 1232))
            #expect(fromView.options.count == (opt.count > 11 ? 3 : 0))
        }
        // Not an OPT record: the question is read as a record of type A.
        let view = try MessageView(wire: Self.query(opt: []))
        #expect(throws: WireError.self) { try EDNS(try #require(view.questions.first)) }
        // The sections of a view: counts from the header, nothing else.
        #expect(view.questions.count == 1 && view.answers.isEmpty && view.authorities.isEmpty && view.additionals.isEmpty)
    }

    @Test func buildsTheOPTRecordOctets() throws {
        let edns = EDNS(udpPayloadSize: 1232, dnssecOK: true)
        #expect(edns.record.name == .root)
        #expect(edns.record.type == .opt)
        #expect(edns.record.class.rawValue == 1232)
        #expect(edns.record.ttl == 0x0000_8000)
        #expect(edns.record.rdata == [])
        let wire = Self.message(edns).wire()
        // The last 11 octets: root, type 41, class 1232, TTL 00 00 80 00, RDLENGTH 0.
        #expect(Array(wire.suffix(11)) == [0, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0, 0, 0])
        #expect(Array(wire[10..<12]) == [0, 1])
        #expect(try Message(wire: wire).edns == edns)
    }

    @Test func defaultPayloadIsTheFlagDay2020Size() {
        #expect(EDNS().udpPayloadSize == 1232)
        #expect(!EDNS().dnssecOK)
    }

    @Test func otherFlagBitsAreKeptAsReceived() throws {
        // Z bits (RFC 6891 §6.1.4) must be zero but are preserved, not cleared.
        let message = try Message(wire: Self.query(opt: Self.opt(flags: 0x8001)))
        let edns = try #require(message.edns)
        #expect(edns.flags == 0x8001)
        #expect(try Message(wire: message.wire()).edns?.flags == 0x8001)
    }

    // MARK: - Extended RCODE (RFC 6891 §6.1.3)

    @Test func badversIsHeaderLowBitsZeroAndOPTHighOne() throws {
        // BADVERS = 16 = 0x010: header RCODE 0, OPT extended RCODE 1.
        let wire = Self.query(rcodeLow: 0, opt: Self.opt(rcodeHigh: 1))
        let message = try Message(wire: wire)
        #expect(message.header.rcodeLow == 0)
        #expect(message.rcode == .badVers)
        #expect(message.rcode.description == "BADVERS")

        var built = Self.message(EDNS())
        built.rcode = .badVers
        #expect(built.header.rcodeLow == 0)
        #expect(built.edns?.extendedRCodeHigh == 1)
        let rebuilt = built.wire()
        #expect(rebuilt[3] & 0x0F == 0)
        // OPT TTL starts 5 octets into the record: root (1), type (2), class (2).
        #expect(rebuilt[rebuilt.count - 11 + 5] == 1)
        #expect(try Message(wire: rebuilt).rcode == .badVers)
    }

    @Test func twelveBitRCodeSplitsAcrossHeaderAndOPT() throws {
        var message = Self.message(EDNS())
        message.rcode = RCode(0xABC)
        #expect(message.header.rcodeLow == 0xC)
        #expect(message.edns?.extendedRCodeHigh == 0xAB)
        #expect(try Message(wire: message.wire()).rcode == RCode(0xABC))
        // Without OPT only the header's 4 bits exist.
        #expect(try Message(wire: Self.query(rcodeLow: 3, opt: [])).rcode == .nxDomain)
    }

    @Test func extendedRCodeWithoutOPTIsNotSilentlyLost() {
        var message = Message(header: Header(id: 1, flags: 0x8180))
        message.rcode = .badVers
        #expect(message.rcode == .badVers)
    }

    // MARK: - Removing EDNS

    @Test func settingEDNSToNilRemovesTheOPTRecord() throws {
        var message = try Message(wire: Self.query(opt: Self.opt(options: Self.option(3, []))))
        #expect(message.edns != nil)
        message.edns = nil
        #expect(message.additionals.isEmpty)
        let wire = message.wire()
        #expect(Array(wire[10..<12]) == [0, 0])
        #expect(wire.count == 29)
        #expect(try Message(wire: wire).edns == nil)
        // Setting it again adds one record, never two.
        message.edns = EDNS()
        message.edns = EDNS(udpPayloadSize: 4096)
        #expect(message.additionals.filter { $0.type == .opt }.count == 1)
        #expect(message.edns?.udpPayloadSize == 4096)
    }

    // MARK: - Options (RFC 6891 §6.1.2)

    @Test func nsidRoundTrips() throws {
        // RFC 5001 §2.3: a query carries an empty NSID; the response carries the identifier.
        let wire = Self.query(opt: Self.opt(options: Self.option(3, Array("ns1".utf8))))
        let edns = try #require(try Message(wire: wire).edns)
        let option = try #require(edns.option(.nsid))
        #expect(try NSID(option).identifier == Array("ns1".utf8))
        #expect(NSID(identifier: Array("ns1".utf8)).option == option)
        #expect(option.presentation == "6e7331 (\"ns1\")")
    }

    @Test func clientSubnetIPv4Slash24HasThreeAddressOctets() throws {
        // RFC 7871 §6: ADDRESS is truncated to SOURCE PREFIX-LENGTH bits, "padding with 0 bits to
        // pad to the end of the last octet needed": 192.0.2.0/24 → C0 00 02.
        let data: [UInt8] = [0, 1, 24, 0, 192, 0, 2]
        let wire = Self.query(opt: Self.opt(options: Self.option(8, data)))
        let option = try #require(try Message(wire: wire).edns?.option(.clientSubnet))
        let subnet = try ClientSubnet(option)
        #expect(subnet.family == 1)
        #expect(subnet.sourcePrefixLength == 24)
        #expect(subnet.scopePrefixLength == 0)
        #expect(subnet.address == [192, 0, 2])
        #expect(subnet.option.data == data)
        #expect(subnet.description == "192.0.2.0/24/0")
        #expect(option.presentation == "192.0.2.0/24/0")
    }

    @Test func clientSubnetIPv6AndZeroPrefix() throws {
        // 2001:db8:1::/48 → 6 octets; a /56 scope in a response; /0 has no address at all.
        let v6 = try ClientSubnet(EDNSOption(code: .clientSubnet, data: [0, 2, 48, 56, 0x20, 0x01, 0x0D, 0xB8, 0x00, 0x01]))
        #expect(v6.address.count == 6)
        #expect(v6.description == "2001:db8:1::/48/56")
        let none = try ClientSubnet(EDNSOption(code: .clientSubnet, data: [0, 1, 0, 0]))
        #expect(none.address.isEmpty)
        #expect(none.description == "0.0.0.0/0/0")
    }

    @Test(arguments: [
        ([0, 1, 24, 0, 192, 0, 2, 0] as [UInt8], 4), // /24 with 4 address octets
        ([0, 1, 24, 0, 192, 0], 4), // /24 with 2
        ([0, 1, 33, 0, 192, 0, 2, 1, 0], 2), // /33 for IPv4
        ([0, 2, 129, 0] + [UInt8](repeating: 0, count: 17), 2), // /129 for IPv6
        ([0, 1, 24, 33, 192, 0, 2], 2), // scope /33 for IPv4
        ([0, 1, 24], 0), // shorter than family + prefixes
        ([], 0),
    ])
    func clientSubnetBadLengthsAreRejected(_ data: [UInt8], _ offset: Int) {
        do {
            let subnet = try ClientSubnet(EDNSOption(code: .clientSubnet, data: data))
            Issue.record("accepted \(subnet)")
        } catch let error as WireError {
            #expect(error.code == .badRDATA)
            #expect(error.offset == offset)
        } catch {
            Issue.record("not a WireError: \(error)")
        }
    }

    @Test func clientSubnetBitsBeyondTheSourcePrefixAreRejected() {
        // RFC 7871 §6: "A server receiving an ECS option that uses either too many ADDRESS octets, or
        // that has non-zero ADDRESS bits set beyond SOURCE PREFIX-LENGTH, SHOULD return FORMERR".
        // 192.0.3.0/23: the 24th bit (the low bit of 0x03) is beyond the prefix.
        let option = EDNSOption(code: .clientSubnet, data: [0, 1, 23, 0, 192, 0, 3])
        #expect(throws: WireError.self) { _ = try ClientSubnet(option) }
    }

    @Test func cookieClientOnlyAndClientPlusServer() throws {
        // RFC 7873 §4: 8-octet client cookie, then an optional 8…32-octet server cookie.
        let client: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let server = [UInt8](0x10..<0x20)
        let clientOnly = try Cookie(EDNSOption(code: .cookie, data: client))
        #expect(clientOnly.client == client)
        #expect(clientOnly.server.isEmpty)
        #expect(clientOnly.option.presentation == "0102030405060708")
        let both = try Cookie(EDNSOption(code: .cookie, data: client + server))
        #expect(both.client == client)
        #expect(both.server == server)
        #expect(both.option.data.count == 24)
        #expect(both.option.presentation == "0102030405060708 101112131415161718191a1b1c1d1e1f")
        // Carried through a message unchanged.
        let wire = Self.query(opt: Self.opt(options: Self.option(10, client + server)))
        #expect(try Cookie(try #require(try Message(wire: wire).edns?.option(.cookie))) == both)
    }

    @Test(arguments: [0, 7, 9, 15, 41])
    func cookieOfTheWrongLengthIsRejected(_ length: Int) {
        #expect(throws: WireError.self) { _ = try Cookie(EDNSOption(code: .cookie, data: [UInt8](repeating: 1, count: length))) }
    }

    @Test(arguments: [8, 16, 40])
    func cookieLengthBoundsAreAccepted(_ length: Int) throws {
        #expect(try Cookie(EDNSOption(code: .cookie, data: [UInt8](repeating: 1, count: length))).server.count == length - 8)
    }

    @Test func extendedDNSErrorCodeAndText() throws {
        // RFC 8914 §2: INFO-CODE, then EXTRA-TEXT in UTF-8.
        let data: [UInt8] = [0, 18] + Array("blocked by policy".utf8)
        let wire = Self.query(opt: Self.opt(options: Self.option(15, data)))
        let option = try #require(try Message(wire: wire).edns?.option(.extendedDNSError))
        let error = try ExtendedDNSError(option)
        #expect(error.infoCode == 18)
        #expect(error.extraText == "blocked by policy")
        #expect(error.option.data == data)
        #expect(option.presentation == "18 (Prohibited): \"blocked by policy\"")
        #expect(ExtendedDNSError(infoCode: 22).option.data == [0, 22])
        #expect(ExtendedDNSError(infoCode: 22).option.presentation == "22 (No Reachable Authority)")
        #expect(throws: WireError.self) { _ = try ExtendedDNSError(EDNSOption(code: .extendedDNSError, data: [0])) }
    }

    @Test func paddingIsZeroOctets() throws {
        // RFC 7830 §3: the PADDING option's data is zero octets.
        let padding = Padding(length: 10)
        #expect(padding.option.code.rawValue == 12)
        #expect(padding.option.data == [UInt8](repeating: 0, count: 10))
        #expect(try Padding(padding.option).length == 10)
        var message = Self.message(EDNS(options: [padding.option]))
        let wire = message.wire()
        // OPT RDATA: code 12, length 10, ten zeros.
        #expect(Array(wire.suffix(14)) == [0, 12, 0, 10] + [UInt8](repeating: 0, count: 10))
        message = try Message(wire: wire)
        #expect(message.edns?.option(.padding)?.presentation == "10 octets")
    }

    @Test func unknownOptionIsKeptByteForByte() throws {
        let data: [UInt8] = [0xDE, 0xAD, 0x00, 0xBE, 0xEF]
        let options = Self.option(65001, data) + Self.option(3, [])
        let wire = Self.query(opt: Self.opt(options: options))
        let message = try Message(wire: wire)
        let edns = try #require(message.edns)
        #expect(edns.options.map(\.code.rawValue) == [65001, 3])
        #expect(edns.option(EDNSOptionCode(65001))?.data == data)
        #expect(edns.record.rdata == options)
        #expect(message.wire() == wire)
        #expect(EDNSOptionCode(65001).description == "OPT65001")
    }

    @Test func optionRunningPastRDATAIsRejected() {
        // An option announcing 5 octets with 3 present: the OPT RDATA does not fit its layout.
        let wire = Self.query(opt: Self.opt(options: Self.u16(3) + Self.u16(5) + [1, 2, 3]))
        #expect(throws: WireError.self) { _ = try Message(wire: wire) }
        #expect(throws: WireError.self) { _ = try MessageView(wire: wire) }
    }

    // MARK: - Pseudo-section

    @Test func presentationLinesInDigStyle() throws {
        #expect(EDNS(udpPayloadSize: 1232, dnssecOK: true).presentationLines == ["; EDNS: version: 0, flags: do; udp: 1232"])
        #expect(EDNS(udpPayloadSize: 4096).presentationLines == ["; EDNS: version: 0, flags:; udp: 4096"])
        let options: [EDNSOption] = [
            NSID(identifier: Array("ns1".utf8)).option,
            ClientSubnet(family: 1, sourcePrefixLength: 24, scopePrefixLength: 0, address: [192, 0, 2]).option,
            Cookie(client: [1, 2, 3, 4, 5, 6, 7, 8]).option,
            ExtendedDNSError(infoCode: 18, extraText: "blocked").option,
            Padding(length: 4).option,
            EDNSOption(code: EDNSOptionCode(65001), data: [0xAB]),
        ]
        #expect(EDNS(udpPayloadSize: 1232, version: 1, options: options).presentationLines == [
            "; EDNS: version: 1, flags:; udp: 1232",
            "; NSID: 6e7331 (\"ns1\")",
            "; ECS: 192.0.2.0/24/0",
            "; COOKIE: 0102030405060708",
            "; EDE: 18 (Prohibited): \"blocked\"",
            "; PADDING: 4 octets",
            "; OPT65001: ab",
        ])
        // A malformed option known by code falls back to hex.
        #expect(EDNSOption(code: .clientSubnet, data: [0, 1, 33]).presentation == "000121")
    }

    @Test func messagePresentationHasTheOPTPseudoSection() throws {
        let message = try Message(wire: Self.query(opt: Self.opt(payload: 1232, flags: 0x8000)))
        let lines = message.presentation.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains(";; OPT PSEUDOSECTION:"))
        #expect(lines.contains("; EDNS: version: 0, flags: do; udp: 1232"))
        // OPT is not counted as an additional record, as dig does.
        #expect(lines.contains { $0.hasSuffix("ADDITIONAL: 0") })
        #expect(!lines.contains(";; ADDITIONAL SECTION:"))
    }

    @Test func mustBeZeroFlagsPrintAsDigPrintsThem() {
        // BIND's dns_message_pseudosectiontotext: `; MBZ: 0x%.4x, udp: %u`.
        let edns = EDNS(udpPayloadSize: 4096, dnssecOK: true)
        var withZ = edns
        withZ.flags |= 0x0005
        #expect(withZ.presentationLines.first == "; EDNS: version: 0, flags: do; MBZ: 0x0005, udp: 4096")
    }
}

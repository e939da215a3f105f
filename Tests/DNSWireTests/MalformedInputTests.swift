import Testing
@testable import DNSWire
#if canImport(Glibc)
import Glibc
#endif

/// Hostile and broken messages (STYLE rule 4): each must throw a `WireError` naming the rule broken
/// and where, from `Message(wire:)` and `MessageView(wire:)` alike — never trap.
struct MalformedInputTests {
    // MARK: - Building messages by hand

    private static func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    private static func u32(_ value: UInt32) -> [UInt8] { u16(Int(value >> 16)) + u16(Int(value & 0xFFFF)) }

    /// 12 octets: id 0x4242, flags QR RD RA, then the four counts.
    private static func header(qd: Int = 0, an: Int = 0, ns: Int = 0, ar: Int = 0, id: Int = 0x4242, flags: Int = 0x8180) -> [UInt8] {
        u16(id) + u16(flags) + u16(qd) + u16(an) + u16(ns) + u16(ar)
    }

    /// `example.com.` uncompressed: 13 octets.
    private static let exampleCom: [UInt8] = [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0]

    /// A question: name, type, class IN.
    private static func question(_ name: [UInt8], type: Int = 1) -> [UInt8] { name + u16(type) + u16(1) }

    /// A record: owner, type, class IN, TTL 300, RDLENGTH (the data's unless given), RDATA.
    private static func record(_ owner: [UInt8], type: Int, rdlength: Int? = nil, _ rdata: [UInt8]) -> [UInt8] {
        owner + u16(type) + u16(1) + u32(300) + u16(rdlength ?? rdata.count) + rdata
    }

    /// Header with QDCOUNT 1 and ANCOUNT `an`, then `example.com. A IN` (offsets 12…28): the first
    /// answer starts at 29, its owner `C0 0C` ends at 30, its RDLENGTH is at 39 and its RDATA at 41.
    private static func response(answers: [UInt8], an: Int = 1, questionType: Int = 1) -> [UInt8] {
        header(qd: 1, an: an) + question(exampleCom, type: questionType) + answers
    }

    private static let pointerToQuestion: [UInt8] = [0xC0, 0x0C]

    /// A compression pointer: 0b11 and a 14-bit offset.
    private static func pointer(to offset: Int) -> [UInt8] { [0xC0 | UInt8(offset >> 8), UInt8(offset & 0xFF)] }

    // MARK: - Checking both parsers

    /// The error `Message(wire:)` throws; records an issue if the view disagrees in any way (code,
    /// offset, detail) or if either parser accepts.
    @discardableResult
    private static func rejection(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> WireError? {
        let owned = outcome { _ = try Message(wire: bytes) }
        let viewed = outcome { _ = try MessageView(wire: bytes) }
        #expect(owned == viewed, "Message and MessageView disagree", sourceLocation: sourceLocation)
        guard case .rejected(let error) = owned else {
            Issue.record("accepted", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }

    private static func expectRejected(_ bytes: [UInt8], _ code: WireError.Code, at offset: Int,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        let error = rejection(bytes, sourceLocation: sourceLocation)
        #expect(error?.code == code, "\(error.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
        #expect(error?.offset == offset, "\(error.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
    }

    enum Outcome: Equatable, CustomStringConvertible {
        case accepted
        case rejected(WireError)
        case otherError(String)

        var description: String {
            switch self {
            case .accepted: "accepted"
            case .rejected(let error): "\(error)"
            case .otherError(let text): "non-WireError \(text)"
            }
        }
    }

    private static func outcome(_ body: () throws -> Void) -> Outcome {
        do {
            try body()
            return .accepted
        } catch let error as WireError {
            return .rejected(error)
        } catch {
            return .otherError("\(error)")
        }
    }

    /// Parses with both parsers, which must agree, and returns the owned message.
    private static func accepted(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> Message {
        let message = try Message(wire: bytes)
        let view = try MessageView(wire: bytes)
        #expect(Message(view) == message, sourceLocation: sourceLocation)
        return message
    }

    // MARK: - Header and counts

    @Test(arguments: 0...11)
    func truncatedHeader(_ length: Int) {
        Self.expectRejected(Array(Self.header(qd: 1).prefix(length)), .truncated, at: 0)
    }

    @Test func bareHeaderIsAValidMessage() throws {
        let message = try Self.accepted(Self.header())
        #expect(message.questions.isEmpty && message.answers.isEmpty)
        #expect(message.header.id == 0x4242)
    }

    @Test func questionCountLargerThanTheData() {
        // QDCOUNT 2, one question (12…28): the second name would start at 29, the end.
        Self.expectRejected(Self.header(qd: 2) + Self.question(Self.exampleCom), .truncated, at: 29)
        // ANCOUNT 1, no answer.
        Self.expectRejected(Self.response(answers: []), .truncated, at: 29)
        // Every count at 65,535 over no data at all: rejected at the first name, nothing reserved for
        // the announced 262,140 entries.
        Self.expectRejected(Self.u16(1) + Self.u16(0) + [UInt8](repeating: 0xFF, count: 8), .truncated, at: 12)
    }

    @Test func sixtyFiveThousandFiveHundredThirtySixOctets() {
        let base = Self.header(qd: 1) + Self.question(Self.exampleCom)
        let tooLarge = base + [UInt8](repeating: 0, count: 65_536 - base.count)
        Self.expectRejected(tooLarge, .messageTooLarge, at: 65_535)
        // One octet less is within RFC 1035 §4.2.2's limit: the padding is ignored as trailing octets.
        let largest = Array(tooLarge.dropLast())
        #expect(throws: Never.self) { _ = try Self.accepted(largest) }
        #expect((try? MessageView(wire: largest))?.trailingByteCount == 65_535 - 29)
    }

    // MARK: - Compression pointers (RFC 1035 §4.1.4)

    @Test func selfPointer() {
        Self.expectRejected(Self.header(qd: 1) + Self.question([0xC0, 0x0C]), .badPointer, at: 12)
        // In the answer section: the owner at 29 points at 29.
        Self.expectRejected(Self.response(answers: Self.record([0xC0, 29], type: 1, [192, 0, 2, 1])), .badPointer, at: 29)
    }

    @Test func forwardPointer() {
        // The question name at 12 points at 18, where `example.com.` follows it.
        Self.expectRejected(Self.header(qd: 1) + Self.question([0xC0, 18]) + Self.exampleCom, .badPointer, at: 12)
        // A forward pointer inside RDATA: the CNAME at 41 points at 48.
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 5, [0xC0, 48])),
                            .badPointer, at: 41)
    }

    @Test func twoPointersAtEachOther() {
        // Reached directly: the name at 12 points forward at 14, which points back at 12.
        Self.expectRejected(Self.header(qd: 1) + [0xC0, 14, 0xC0, 12] + Self.u16(1), .badPointer, at: 12)

        // Reached through a valid backward pointer. A NULL record's opaque RDATA at 23 holds
        // `C0 19 C0 17` (23 → 25, 25 → 23); the next record's owner at 27 points at 25.
        // 27 → 25 and 25 → 23 go backwards; at 23 the pointer to 25 does not, and is rejected there.
        let loop: [UInt8] = [0xC0, 25, 0xC0, 23]
        let message = Self.header(an: 2) + Self.record([0], type: 10, loop) + Self.record([0xC0, 25], type: 1, [192, 0, 2, 1])
        Self.expectRejected(message, .badPointer, at: 23)
    }

    @Test func pointerIntoTheHeaderIsFollowedLikeAnyBackwardPointer() throws {
        // Pointers only have to go strictly backwards, so one into the header reads header octets as
        // labels. ID 0x0161 and a flags high octet of 0 spell `a.` at offset 0.
        let spellsA = Self.header(qd: 1, id: 0x0161, flags: 0x0000) + Self.question([0xC0, 0x00])
        #expect(try Self.accepted(spellsA).questions.first?.name == DomainName(labels: [[0x61]]))

        // Unbound's test_packets.5 case 4: a pointer at offset 4, QDCOUNT's high octet 0: the root.
        let unbound = Self.header(qd: 1, an: 1) + Self.question(Self.exampleCom)
            + Self.record([0xC0, 0x04], type: 1, [10, 32, 48, 64])
        #expect(try Self.accepted(unbound).answers.first?.name == .root)

        // Flags 0x8180: the octet at 2 is 0x81, label type 0b10.
        Self.expectRejected(Self.header(qd: 1) + Self.question([0xC0, 0x02]), .badLabelType, at: 2)
    }

    /// A message whose second record's owner takes `hops` pointer hops, all strictly backwards.
    ///
    /// Record 1 (at 12) is NULL with opaque RDATA at 23: the name `a.` (23…25), then `hops - 1`
    /// pointers at 26, 28, …, each to the one before (the first to 23). Record 2's owner points at the
    /// last of them.
    private static func pointerChain(hops: Int) -> [UInt8] {
        let chained = hops - 1
        var rdata: [UInt8] = [1, 0x61, 0]
        for index in 0..<chained {
            rdata += pointer(to: index == 0 ? 23 : 26 + 2 * (index - 1))
        }
        let last = chained == 0 ? 23 : 26 + 2 * (chained - 1)
        return header(an: 2) + record([0], type: 10, rdata) + record(pointer(to: last), type: 1, [192, 0, 2, 1])
    }

    @Test func pointerChainUpToTheLimitIsFollowed() throws {
        #expect(WireLimits.maximumCompressionPointers == 127)
        let message = try Self.accepted(Self.pointerChain(hops: 127))
        #expect(message.answers.count == 2)
        #expect(message.answers[1].name == (try DomainName(labels: [[0x61]])))
    }

    @Test func pointerChainOverTheLimitIsRejected() {
        // Hop 1 is the owner; hop k ≥ 2 is the pointer at 26 + 2 × (127 − k + 1), so hop 128 is the
        // pointer at 26.
        Self.expectRejected(Self.pointerChain(hops: 128), .tooManyPointers, at: 26)
    }

    // MARK: - Labels and names (RFC 1035 §2.3.4, RFC 6891 §5)

    @Test(arguments: [0x40, 0x41, 0x7F, 0x80, 0xBF] as [UInt8])
    func retiredLabelTypes(_ octet: UInt8) {
        let message = Self.header(qd: 1) + [octet] + [UInt8](repeating: 0x61, count: 70) + [0] + Self.u16(1) + Self.u16(1)
        Self.expectRejected(message, .badLabelType, at: 12)
    }

    @Test func sixtyFourOctetLabelReadsAsLabelType01() {
        // 64 is 0b01_000000: on the wire a 64-octet label cannot be told from the retired extended
        // label type, so it is rejected as a bad label type.
        let label = [64] + [UInt8](repeating: 0x61, count: 64)
        Self.expectRejected(Self.header(qd: 1) + Self.question(label + [0]), .badLabelType, at: 12)
        // 63 is fine.
        #expect(throws: Never.self) {
            _ = try Self.accepted(Self.header(qd: 1) + Self.question([63] + [UInt8](repeating: 0x61, count: 63) + [0]))
        }
    }

    /// A 253-octet question name at 12 (labels of 63, 63, 63 and 59 octets at 12, 76, 140, 204;
    /// root at 264), type and class at 265…268.
    private static let longQuestion: [UInt8] = {
        var name: [UInt8] = []
        for length in [63, 63, 63, 59] { name += [UInt8(length)] + [UInt8](repeating: 0x78, count: length) }
        return header(qd: 1, an: 1) + question(name + [0])
    }()

    @Test func nameReachingExactly255OctetsThroughAPointerIsAccepted() throws {
        #expect(Self.longQuestion.count == 269)
        // "a" + 253 = 255.
        let message = try Self.accepted(Self.longQuestion + Self.record([1, 0x61, 0xC0, 0x0C], type: 1, [192, 0, 2, 1]))
        #expect(message.answers.first?.name.wire.count == 255)
    }

    @Test func nameOver255OctetsThroughAPointerIsRejected() {
        // "ab" + 253 = 256: the label lengths add up to 255 at the root label (264), which makes 256.
        Self.expectRejected(Self.longQuestion + Self.record([2, 0x61, 0x62, 0xC0, 0x0C], type: 1, [192, 0, 2, 1]),
                            .nameTooLong, at: 264)
    }

    // MARK: - RDATA

    @Test func rdlengthBeyondTheEnd() {
        // RDLENGTH 10 at 39 with 4 octets after it.
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 1, rdlength: 10, [192, 0, 2, 1])),
                            .truncated, at: 39)
    }

    @Test(arguments: [3, 5])
    func addressRecordOfTheWrongLength(_ length: Int) {
        let rdata = [UInt8](repeating: 7, count: length)
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 1, rdata)), .badRDATA, at: 41)
    }

    @Test func emptyAddressRecordIsAcceptedForUpdate() throws {
        // RFC 2136 §2.5.2/§2.5.4: deletions carry RDLENGTH 0 whatever the type; RFC 3597 keeps it.
        let message = try Self.accepted(Self.response(answers: Self.record(Self.pointerToQuestion, type: 1, [])))
        #expect(message.answers.first?.rdata == [])
    }

    @Test func mxWithOctetsAfterTheExchange() {
        // Preference at 41, `mail` + pointer at 43…49, two stray octets at 50.
        let rdata: [UInt8] = [0, 10, 4] + Array("mail".utf8) + [0xC0, 0x0C, 0xAB, 0xCD]
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 15, rdata), questionType: 15),
                            .badRDATA, at: 50)
    }

    @Test func nameInsideRDATAMayNotRunPastRDLENGTH() {
        // CNAME RDLENGTH 3 covering `03 'w' 'w'`: the label needs 4 octets, though the message goes on.
        let rdata: [UInt8] = [3] + Array("www".utf8) + [0xC0, 0x0C]
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 5, rdlength: 3, rdata)),
                            .truncated, at: 41)
    }

    /// SOA RDATA at 41: MNAME `ns` + pointer (41…45), RNAME `host` + pointer (46…52), then the five
    /// 32-bit fields at 53, 57, 61, 65 and 69.
    private static let soaNames: [UInt8] = [2] + Array("ns".utf8) + [0xC0, 0x0C] + [4] + Array("host".utf8) + [0xC0, 0x0C]

    @Test func soaCutShort() {
        let complete = Self.soaNames + Self.u32(2024) + Self.u32(3600) + Self.u32(600) + Self.u32(86400) + Self.u32(300)
        #expect(throws: Never.self) { _ = try Self.accepted(Self.response(answers: Self.record(Self.pointerToQuestion, type: 6, complete))) }
        // MINIMUM has 3 of its 4 octets.
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 6, Array(complete.dropLast()))),
                            .badRDATA, at: 69)
        // RDLENGTH ends inside RNAME's first label (at 46), 8 octets in.
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 6, rdlength: 8, complete)),
                            .truncated, at: 46)
        // Only the two names.
        Self.expectRejected(Self.response(answers: Self.record(Self.pointerToQuestion, type: 6, Self.soaNames)),
                            .badRDATA, at: 53)
    }

    /// NSEC RDATA at 41: next name `b` + pointer (41…44), then the bitmap at 45.
    private static func nsec(bitmap: [UInt8]) -> [UInt8] {
        response(answers: record(pointerToQuestion, type: 47, [1, 0x62, 0xC0, 0x0C] + bitmap))
    }

    @Test func nsecBitmapWindowLengths() throws {
        // RFC 4034 §4.1.2: a window's length is 1…32.
        Self.expectRejected(Self.nsec(bitmap: [0, 0]), .badRDATA, at: 45)
        Self.expectRejected(Self.nsec(bitmap: [0, 33] + [UInt8](repeating: 0xFF, count: 33)), .badRDATA, at: 45)
        // The second window at 48 repeats window 0.
        Self.expectRejected(Self.nsec(bitmap: [0, 1, 0x40, 0, 1, 0x20]), .badRDATA, at: 48)
        // A window of 32 (every type 0…255 that can be set) and an empty bitmap are fine.
        _ = try Self.accepted(Self.nsec(bitmap: [0, 32] + [UInt8](repeating: 0xFF, count: 32)))
        _ = try Self.accepted(Self.nsec(bitmap: []))
    }

    /// SVCB RDATA at 41: priority 1, target `.` (43), parameters from 44.
    private static func svcb(parameters: [UInt8]) -> [UInt8] {
        response(answers: record(pointerToQuestion, type: 64, [0, 1, 0] + parameters), questionType: 64)
    }

    private static let port443: [UInt8] = u16(3) + u16(2) + [0x01, 0xBB]
    private static let alpnH2: [UInt8] = u16(1) + u16(3) + [2] + Array("h2".utf8)

    @Test func svcbKeysMustStrictlyIncrease() throws {
        // RFC 9460 §2.2: keys in strictly increasing order.
        _ = try Self.accepted(Self.svcb(parameters: Self.alpnH2 + Self.port443))
        // port (44…49) then alpn at 50.
        Self.expectRejected(Self.svcb(parameters: Self.port443 + Self.alpnH2), .badRDATA, at: 50)
        // port twice.
        Self.expectRejected(Self.svcb(parameters: Self.port443 + Self.port443), .badRDATA, at: 50)
    }

    // MARK: - Captured and fuzzed messages

    /// Names of the regular files in a folder under `Vectors/`, sorted.
    private static func files(in folder: String) -> [String] {
        guard let directory = opendir(VectorFiles.directory + "/" + folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    /// Parses with both parsers (which must agree), and for accepted messages checks that printing,
    /// re-encoding and truncating do not trap and that the re-encoded message parses to the same.
    private static func survive(_ bytes: [UInt8], _ label: String) -> Outcome {
        let owned = outcome { _ = try Message(wire: bytes) }
        let viewed = outcome { _ = try MessageView(wire: bytes) }
        #expect(owned == viewed, "\(label): Message \(owned), MessageView \(viewed)")
        if case .otherError = owned { Issue.record("\(label): \(owned)") }
        if let message = try? Message(wire: bytes) {
            _ = message.presentation
            #expect((try? Message(wire: message.wire())) == message, "\(label): re-encoding changed the message")
            let truncated = message.wire(maxSize: 512)
            #expect(truncated.count <= 512, "\(label): \(truncated.count) octets")
            #expect((try? Message(wire: truncated)) != nil, "\(label): truncated form does not parse")
        }
        return owned
    }

    enum Verdict: Equatable, CustomStringConvertible {
        case ok
        case error(WireError.Code, Int)

        var description: String {
            switch self {
            case .ok: "ok"
            case .error(let code, let offset): "\(code)@\(offset)"
            }
        }
    }

    /// DNSWire's verdict on every payload cut from the captures.
    ///
    /// Where dnspython 2.9.2 (INDEX.tsv, column 4) disagrees, and why:
    ///
    /// | file | dnspython | DNSWire | why |
    /// |---|---|---|---|
    /// | dns-answer-emptydata msg001, msg002 | error: UnknownTSIGKey | ok | dnspython refuses a TSIG-signed message without a keyring; that is verification policy, not a wire error. The TSIG RDATA fits its RFC 8945 §4.2 layout. |
    /// | dns-edns-ecs-weirds msg001–msg004 | error: FormError / invalid ECS prefix length | ok | The ECS option data is wrong (msg001: 3 address octets for a /32; msg002, msg003: source prefix 255; msg004: 7 address octets for a /66). DNSWire keeps EDNS options as code + data at the message level (RFC 6891 §6.1.2: options are interpreted by whoever uses them), so the message parses and `ClientSubnet(_:)` rejects the option (asserted below). |
    ///
    /// Every other file gets the same ok/error verdict from both.
    static let captureVerdicts: [String: Verdict] = [
        "OISF+suricata-verify__tests__dns-udp-junkrequest-first__input.pcap__msg001.bin": .error(.badPointer, 15),
        "OISF+suricata-verify__tests__dns-udp-junkrequest-first__input.pcap__msg002.bin": .ok,
        "OISF+suricata-verify__tests__dns-udp-junkrequest-first__input.pcap__msg003.bin": .ok,
        "OISF+suricata-verify__tests__dns-udp-junkrequest-first__input.pcap__msg004.bin": .ok,
        "OISF+suricata-verify__tests__dns__dns-answer-emptydata__input.pcap__msg001.bin": .ok,
        "OISF+suricata-verify__tests__dns__dns-answer-emptydata__input.pcap__msg002.bin": .ok,
        "OISF+suricata-verify__tests__dns__dns-corrupt-additionals__input.pcap__msg001.bin": .ok,
        "OISF+suricata-verify__tests__dns__dns-corrupt-additionals__input.pcap__msg002.bin": .error(.truncated, 157),
        "OISF+suricata-verify__tests__dns__dns-forward-pointer__input.pcap__msg001.bin": .error(.badPointer, 12),
        "OISF+suricata-verify__tests__dns__dns-forward-pointer__input.pcap__msg002.bin": .ok,
        "the-tcpdump-group+tcpdump__tests__dns-badlabel.pcap__msg001.bin": .error(.nameTooLong, 266),
        "the-tcpdump-group+tcpdump__tests__dns-zlip-1.pcap__msg001.bin": .error(.badPointer, 12),
        "the-tcpdump-group+tcpdump__tests__dns-zlip-2.pcap__msg001.bin": .error(.badPointer, 12),
        "the-tcpdump-group+tcpdump__tests__dns-zlip-3.pcap__msg001.bin": .error(.badPointer, 75),
        "the-tcpdump-group+tcpdump__tests__dns_fwdptr.pcap__msg001.bin": .error(.badPointer, 46),
        "the-tcpdump-group+tcpdump__tests__dns_udp_2.pcap__msg001.bin": .ok,
        "the-tcpdump-group+tcpdump__tests__dns_udp_2.pcap__msg002.bin": .error(.truncated, 55),
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-bad.pcap__msg001.bin": .error(.truncated, 184),
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-bad.pcap__msg002.bin": .error(.truncated, 184),
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-bad.pcap__msg003.bin": .error(.truncated, 184),
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-bad.pcap__msg004.bin": .error(.truncated, 204),
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg002.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg003.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg004.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg005.bin": .error(.truncated, 55),
        "zeek+zeek__testing__btest__Traces__dns-svcb-rdlength-mismatch.pcap__msg001.bin": .error(.truncated, 37),
        "zeek+zeek__testing__btest__Traces__dns-zero-RRs.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns-zero-RRs.pcap__msg002.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__conn-count-too-large.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__dns-binds.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__dns-binds.pcap__msg002.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__dns-corrupt.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__dns-corrupt.pcap__msg002.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__dns-edns-bad-length.pcap__msg001.bin": .error(.truncated, 40),
        "zeek+zeek__testing__btest__Traces__dns__dns-invalid-names.pcap__msg001.bin": .error(.truncated, 12),
        "zeek+zeek__testing__btest__Traces__dns__dns-invalid-names.pcap__msg002.bin": .error(.badPointer, 12),
        "zeek+zeek__testing__btest__Traces__dns__dns-invalid-names.pcap__msg003.bin": .error(.truncated, 16),
        "zeek+zeek__testing__btest__Traces__dns__loc-29-trunc.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__loc-29-trunc.pcap__msg002.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__loc-invalid-length.pcap__msg001.bin": .error(.badRDATA, 41),
        "zeek+zeek__testing__btest__Traces__dns__max-compression-depth.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__sshfp-trunc.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__sshfp-trunc.pcap__msg002.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__sshfp-trunc.pcap__msg003.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__sshfp-trunc.pcap__msg004.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__svcb-alpn-malformed-len-too-long.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__svcb-alpn-malformed-len-too-long.pcap__msg002.bin": .error(.badRDATA, 55),
        "zeek+zeek__testing__btest__Traces__dns__svcb-alpn-malformed-len-too-short.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__svcb-alpn-malformed-len-too-short.pcap__msg002.bin": .error(.badRDATA, 55),
        "zeek+zeek__testing__btest__Traces__dns__svcb-port-malformed.pcap__msg001.bin": .ok,
        "zeek+zeek__testing__btest__Traces__dns__svcb-port-malformed.pcap__msg002.bin": .error(.badRDATA, 55),
    ]

    /// Files where DNSWire and dnspython disagree, as explained above.
    static let disagreementsWithDNSPython: Set<String> = [
        "OISF+suricata-verify__tests__dns__dns-answer-emptydata__input.pcap__msg001.bin",
        "OISF+suricata-verify__tests__dns__dns-answer-emptydata__input.pcap__msg002.bin",
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg001.bin",
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg002.bin",
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg003.bin",
        "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg004.bin",
    ]

    @Test func everyCapturedPayloadGetsItsVerdict() {
        let names = Self.files(in: "malformed-from-pcaps").filter { $0.hasSuffix(".bin") }
        #expect(names.count == 52)
        #expect(Set(names) == Set(Self.captureVerdicts.keys))
        for name in names {
            guard let bytes = VectorFiles.read("malformed-from-pcaps/" + name) else {
                Issue.record("cannot read \(name)")
                continue
            }
            let verdict: Verdict = switch Self.survive(bytes, name) {
            case .accepted: .ok
            case .rejected(let error): .error(error.code, error.offset)
            case .otherError: .error(WireError.Code(rawValue: "other"), -1)
            }
            #expect(verdict == Self.captureVerdicts[name], "\(name)")
        }
    }

    @Test func disagreementsWithDNSPythonAreTheDocumentedOnes() {
        var disagreements: Set<String> = []
        var rows = 0
        for line in VectorFiles.lines("malformed-from-pcaps/INDEX.tsv").dropFirst() where !line.isEmpty {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 4 else {
                Issue.record("short row \(line)")
                continue
            }
            rows += 1
            let name = String(columns[0])
            let dnspythonAccepts = columns[3] == "ok"
            let dnswireAccepts = Self.captureVerdicts[name] == .ok
            if dnspythonAccepts != dnswireAccepts { disagreements.insert(name) }
        }
        #expect(rows == 52)
        #expect(disagreements == Self.disagreementsWithDNSPython)
    }

    @Test func malformedClientSubnetOptionsAreRejectedByTheTypedView() throws {
        for index in 1...4 {
            let name = "zeek+zeek__testing__btest__Traces__dns-edns-ecs-weirds.pcap__msg00\(index).bin"
            let message = try Message(wire: VectorFiles.read("malformed-from-pcaps/" + name) ?? [])
            let option = try #require(message.edns?.option(.clientSubnet), "\(name)")
            #expect(throws: WireError.self, "\(name)") { _ = try ClientSubnet(option) }
        }
    }

    /// c-ares' fuzzing corpus: every input parses or throws a `WireError`, and the two parsers agree.
    @Test func cAresFuzzInputsNeverTrap() {
        let names = Self.files(in: "c-ares+c-ares/test/fuzzinput")
        #expect(names.count == 74)
        var accepted = 0
        var rejections: [String: WireError.Code] = [:]
        for name in names {
            guard let bytes = VectorFiles.read("c-ares+c-ares/test/fuzzinput/" + name) else {
                Issue.record("cannot read \(name)")
                continue
            }
            switch Self.survive(bytes, name) {
            case .accepted: accepted += 1
            case .rejected(let error): rejections[name] = error.code
            case .otherError: break
            }
        }
        #expect(accepted == 61)
        // The OSS-Fuzz reproducers that are not DNS messages DNSWire could accept, by rule broken.
        #expect(rejections["clusterfuzz-5732960017317888"] == .messageTooLarge) // 207,725 octets
        #expect(rejections["clusterfuzz-5637790584012800"] == .badPointer)
        #expect(rejections["clusterfuzz-5680630672654336"] == .nameTooLong)
        #expect(rejections["multi-indir"] == .nameTooLong)
        #expect(rejections["answer_aaaa"] == .badRDATA) // an AAAA with 4 octets of RDATA
        #expect(rejections["answer_a"] == nil)
    }
}

/// A message that ends one octet into an owner name: the owned parse's shortcuts for root and
/// pointer-only names must not read or accept what is not there.
struct OneOctetNameTests {
    @Test(arguments: [UInt8(0x05), 0xC0, 0x00])
    func messageEndingOneOctetIntoAName(_ octet: UInt8) {
        // Header with ANCOUNT 1, then a single octet where the owner name starts.
        let wire: [UInt8] = [0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, octet]
        let owned = Result { try Message(wire: wire) }
        let view = Result { try MessageView(wire: wire) }
        #expect(throws: WireError.self) { try owned.get() }
        #expect(throws: WireError.self) { try view.get() }
    }
}

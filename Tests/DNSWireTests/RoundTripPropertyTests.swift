import Testing
@testable import DNSWire

/// Properties of parse ∘ build over seeded random messages: the round trip is the identity (letter
/// case included), the view agrees with the owned model, compression only shrinks and stays out of
/// RDATA that RFC 3597 §4 says to leave alone, and truncation drops whole RRsets from the end.
///
/// Every run uses the same seeds, so a failure names a seed and a message index that reproduce it.
struct RoundTripPropertyTests {
    /// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
    /// small, fast, and the same sequence on every platform.
    struct SplitMix64: RandomNumberGenerator {
        private var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [UInt64] = [1, 2, 0x5EED, 0xD15E_A5ED]

    /// The throwing initialiser (with a `String`, `DomainName(_:)` alone is the failable one).
    private static func name(_ text: String) throws -> DomainName { try DomainName(text, origin: .root) }
    static let messagesPerSeed = 500

    @Test func splitMix64IsTheReferenceSequence() {
        // First outputs for seed 0 from the reference implementation (Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    // MARK: - Random messages

    /// Builds random messages. Names in one message share zones, sometimes spelled with the same
    /// letter case (so compression has something to do) and sometimes not (so it must not change a
    /// name's case by pointing at another spelling); names in RDATA that is never compressed get
    /// random case too.
    struct MessageGenerator {
        var random: SplitMix64
        /// Larger RRsets and RDATA, so that truncation at 512 octets has something to do.
        let large: Bool
        private var zones: [[[UInt8]]] = []
        /// (owner lower-cased, type, class) of every RRset so far: each RRset is generated whole.
        private var rrsets: Set<[UInt8]> = []

        init(seed: UInt64, large: Bool = false) {
            random = SplitMix64(seed: seed)
            self.large = large
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
        mutating func u16() -> [UInt8] { bytes(2) }

        /// A label of random octets: mostly letters in random case, some digits and punctuation that
        /// needs escaping, some octets outside ASCII.
        mutating func label() -> [UInt8] {
            let length = chance(4) ? 63 : int(1...10)
            return (0..<length).map { _ in
                switch int(0...9) {
                case 0...4:
                    let letter = UInt8(ascii: "a") + UInt8(int(0...25))
                    return chance(50) ? letter - 0x20 : letter
                case 5: return UInt8(ascii: "0") + UInt8(int(0...9))
                case 6: return [0x2E, 0x2D, 0x5F, 0x5C, 0x20, 0x2A, 0x3B, 0x22][int(0...7)]
                default: return UInt8.random(in: 0...255, using: &random)
                }
            }
        }

        /// 1…`count` labels that fit within 255 octets together with `suffix`.
        mutating func labels(_ count: ClosedRange<Int>, under suffix: [[UInt8]] = []) -> [[UInt8]] {
            var result = (0..<int(count)).map { _ in label() } + suffix
            while result.reduce(1, { $0 + $1.count + 1 }) > WireLimits.maximumNameLength { result.removeFirst() }
            return result
        }

        /// Letters of `label` in random case.
        mutating func recased(_ label: [UInt8]) -> [UInt8] {
            label.map { byte in
                let lower = asciiLowercase(byte)
                guard (0x61...0x7A).contains(lower) else { return byte }
                return chance(50) ? lower - 0x20 : lower
            }
        }

        /// `labels` as a name, each label as generated or, one time in four, in another letter case.
        mutating func spelled(_ labels: [[UInt8]]) -> DomainName {
            let result = labels.map { chance(25) ? recased($0) : $0 }
            return (try? DomainName(labels: result)) ?? .root
        }

        /// A name for a compressible position: often the zone apex or a name under one of the
        /// message's zones, so that suffixes repeat.
        mutating func name() -> DomainName {
            if zones.isEmpty || chance(15) { zones.append(labels(1...3)) }
            let zone = zones[int(0...(zones.count - 1))]
            switch int(0...9) {
            case 0: return spelled(labels(1...5))
            case 1, 2: return spelled(zone)
            default: return spelled(labels(1...2, under: zone))
            }
        }

        /// A name for RDATA that is never compressed (RFC 3597 §4): like the message's other names,
        /// so often spelled exactly like one already written (a pointer to it would shorten the RDATA
        /// on the wire), sometimes in fresh letter case (a pointer would change its case).
        mutating func uncompressedName() -> DomainName {
            let base = name()
            return chance(50) ? base : spelled(base.labels.map { recased(Array($0)) })
        }

        static let unknownTypes = 0xFF00...0xFFFE

        mutating func type() -> RRType {
            let types: [RRType] = [.a, .aaaa, .ns, .cname, .mx, .soa, .txt, .srv, .ds, .rrsig, .nsec]
            let index = int(0...types.count)
            return index == types.count ? RRType(UInt16(int(Self.unknownTypes))) : types[index]
        }

        mutating func rdata(_ type: RRType) -> [UInt8] {
            switch type {
            case .a: return bytes(4)
            case .aaaa: return bytes(16)
            case .ns, .cname: return name().wire
            case .mx: return u16() + name().wire
            case .soa: return name().wire + name().wire + bytes(20)
            case .txt:
                let count = int(1...(large ? 4 : 3))
                return (0..<count).flatMap { _ -> [UInt8] in
                    let length = chance(3) ? 255 : int(0...(large ? 120 : 40))
                    return [UInt8(length)] + bytes(length)
                }
            case .srv: return u16() + u16() + u16() + uncompressedName().wire
            case .ds: return u16() + bytes(2) + bytes(int(0...48))
            case .rrsig:
                return [UInt8](RRType.a.rawValue.bigEndianBytes) + bytes(16) + uncompressedName().wire + bytes(int(0...64))
            case .nsec:
                let types = (0..<int(0...6)).map { _ in RRType(UInt16(int(0...1_300))) }
                return uncompressedName().wire + TypeBitmap.encode(types)
            default:
                // Opaque RDATA; half the time it holds a name of this message, which must not be
                // compressed or taken as a compression target.
                return chance(50) ? bytes(int(0...3)) + name().wire + bytes(int(0...3)) : bytes(int(0...40))
            }
        }

        /// One RRset of 1…4 records, never one already generated for this message.
        mutating func rrset() -> [ResourceRecord] {
            var owner: DomainName
            var type: RRType
            repeat {
                owner = name()
                type = self.type()
            } while !rrsets.insert(owner.lowercased().wire + type.rawValue.bigEndianBytes).inserted
            let ttl = UInt32.random(in: 0...UInt32.max, using: &random)
            let count = type == .cname || type == .soa ? 1 : int(1...(large ? 4 : 3))
            return (0..<count).map { _ in ResourceRecord(name: owner, type: type, ttl: ttl, rdata: rdata(type)) }
        }

        mutating func edns() -> EDNS {
            var edns = EDNS(udpPayloadSize: UInt16(int(512...4096)), dnssecOK: chance(50), version: UInt8(int(0...1)))
            edns.extendedRCodeHigh = UInt8(int(0...2))
            edns.flags |= chance(10) ? 0x0001 : 0
            let codes: [UInt16] = [3, 8, 10, 12, 15, 65001]
            edns.options = (0..<int(0...3)).map { _ in
                EDNSOption(code: EDNSOptionCode(codes[int(0...(codes.count - 1))]), data: bytes(int(0...16)))
            }
            return edns
        }

        mutating func message() -> Message {
            zones = []
            rrsets = []
            var header = Header(id: UInt16(int(0...0xFFFF)), flags: UInt16(int(0...0xFFFF)))
            if large { header.isTruncated = false }
            var message = Message(header: header)
            message.questions = (0..<int(0...2)).map { _ in Question(name(), type(), chance(90) ? .in : .ch) }
            let rrsetCount = large ? 3...9 : 0...3
            message.answers = (0..<int(rrsetCount)).flatMap { _ in rrset() }
            message.authorities = (0..<int(rrsetCount)).flatMap { _ in rrset() }
            message.additionals = (0..<int(rrsetCount)).flatMap { _ in rrset() }
            if chance(60) { message.edns = edns() }
            return message
        }
    }

    /// `message` with the header counts a parse of its wire form reports.
    static func counted(_ message: Message) -> Message {
        var result = message
        result.header.questionCount = UInt16(message.questions.count)
        result.header.answerCount = UInt16(message.answers.count)
        result.header.authorityCount = UInt16(message.authorities.count)
        result.header.additionalCount = UInt16(message.additionals.count)
        return result
    }

    /// Every owner and RDATA, section by section, with the owner's exact octets.
    static func exactRecords(_ message: Message) -> [[UInt8]] {
        message.questions.map { $0.name.wire + $0.type.rawValue.bigEndianBytes }
            + (message.answers + message.authorities + message.additionals).map { $0.name.wire + $0.rdata }
    }

    // MARK: - Round trip

    @Test(arguments: seeds)
    func parsingTheWireFormGivesTheMessageBack(_ seed: UInt64) throws {
        var generator = MessageGenerator(seed: seed)
        for index in 0..<Self.messagesPerSeed {
            let message = generator.message()
            let wire = message.wire()
            let parsed = try Message(wire: wire)
            #expect(parsed == Self.counted(message), "seed \(seed) message \(index)")
            // `==` ignores the case of owner names; their octets must survive too.
            #expect(Self.exactRecords(parsed) == Self.exactRecords(message), "seed \(seed) message \(index): letter case changed")
            #expect(parsed.edns == message.edns)
            let view = try MessageView(wire: wire)
            #expect(Message(view) == parsed, "seed \(seed) message \(index): view differs")
            #expect(view.trailingByteCount == 0)
            // Building again from the parsed message gives the same octets.
            #expect(parsed.wire() == wire, "seed \(seed) message \(index): not stable")
        }
    }

    @Test func builtMessageEqualsItsParsedWireForm() throws {
        let message = Message(header: Header(id: 7), questions: [Question(try Self.name("example.com."), .a)])
        let parsed = try Message(wire: message.wire())
        #expect(parsed.questions == message.questions)
        #expect(parsed == message)
    }

    @Test func differentlySpelledNamesKeepTheirCase() throws {
        // RFC 1034 §3.1: "When you receive a domain name or label, you should preserve its case."
        // The second owner differs from the question only in case; the MX exchange from the owner.
        var message = Message(header: Header(id: 1, flags: 0x8400))
        message.questions = [Question(try Self.name("Example.COM."), .mx)]
        message.answers = [ResourceRecord(name: try Self.name("example.com."), type: .mx, ttl: 60,
                                          rdata: [0, 10] + (try Self.name("MAIL.example.com.")).wire),
                           ResourceRecord(name: try Self.name("mail.EXAMPLE.com."), type: .a, ttl: 60, rdata: [192, 0, 2, 1])]
        let parsed = try Message(wire: message.wire())
        #expect(parsed.questions.map(\.name.wire) == message.questions.map(\.name.wire))
        #expect(parsed.answers.map(\.name.wire) == message.answers.map(\.name.wire))
        // RDATA is compared octet for octet, so this also checks the MX exchange.
        #expect(parsed == Self.counted(message))
        // EncoderTests.namesDifferingOnlyInCaseAreNotCompressedTogether has the octets.
    }

    // MARK: - Compression

    /// Octets without any compression: header, then every name in full.
    static func uncompressedSize(_ message: Message) -> Int {
        Header.size + message.questions.reduce(0) { $0 + $1.name.wire.count + 4 }
            + (message.answers + message.authorities + message.additionals).reduce(0) { $0 + $1.name.wire.count + 10 + $1.rdata.count }
    }

    @Test func tenRecordsUnderOneOwnerWriteTheOwnerOnce() throws {
        let owner = try Self.name("host.example.com.")
        #expect(owner.wire.count == 18)
        let records = (1...10).map { ResourceRecord(name: owner, type: .a, ttl: 60, rdata: [192, 0, 2, UInt8($0)]) }
        let message = Message(answers: records)
        // 12 + 18 (owner once) + 9 × 2 (pointers) + 10 × (10 + 4).
        #expect(message.wire().count == 12 + 18 + 9 * 2 + 10 * 14)
        #expect(message.wire().count < 12 + 10 * (18 + 14))
        #expect(Self.uncompressedSize(message) == 12 + 10 * (18 + 14))
    }

    @Test(arguments: seeds)
    func compressionNeverGrowsAMessage(_ seed: UInt64) {
        var generator = MessageGenerator(seed: seed)
        var smaller = 0
        for index in 0..<Self.messagesPerSeed {
            let message = generator.message()
            let size = message.wire().count
            #expect(size <= Self.uncompressedSize(message), "seed \(seed) message \(index)")
            if size < Self.uncompressedSize(message) { smaller += 1 }
        }
        // Names share zones, so compression almost always finds something.
        #expect(smaller > Self.messagesPerSeed * 8 / 10)
    }

    /// RFC 3597 §4: the types whose RDATA names may be compressed are those of RFC 1035 (the
    /// generator uses NS, CNAME, MX and SOA of them).
    static let rfc1035NameTypes: Set<RRType> = [.ns, .md, .mf, .cname, .soa, .mb, .mg, .mr, .ptr, .minfo, .mx]

    @Test func onlyRFC1035TypesAreCompressibleInTheDescriptorTable() {
        for value in 0...UInt16.max {
            let type = RRType(value)
            #expect((type.descriptor.compression == .compressed) == Self.rfc1035NameTypes.contains(type), "\(type)")
        }
    }

    @Test(arguments: seeds)
    func rdataOfUncompressibleTypesIsWrittenVerbatim(_ seed: UInt64) throws {
        // RFC 3597 §4: names in the RDATA of types other than the RFC 1035 ones are not compressed
        // (SRV, RFC 2782; RRSIG and NSEC, RFC 4034 §6.2 as kept by RFC 6840), nor is opaque RDATA
        // touched. The view's `rdataRange` is where the RDATA sits in the wire form.
        var generator = MessageGenerator(seed: seed)
        var verbatim = 0
        var compressed = 0
        for index in 0..<Self.messagesPerSeed {
            let message = generator.message()
            let view = try MessageView(wire: message.wire())
            let sent = message.answers + message.authorities + message.additionals
            let received = Array(view.answers) + Array(view.authorities) + Array(view.additionals)
            try #require(sent.count == received.count)
            for (record, onWire) in zip(sent, received) {
                let octets = Array(view.wire[onWire.rdataRange])
                if !Self.rfc1035NameTypes.contains(record.type) {
                    #expect(octets == record.rdata, "seed \(seed) message \(index): \(record.type) RDATA changed on the wire")
                    if [.srv, .rrsig, .nsec].contains(record.type) || record.type.rawValue >= 0xFF00 { verbatim += 1 }
                } else if octets.count < record.rdata.count {
                    compressed += 1
                }
            }
        }
        // Both branches were exercised.
        #expect(verbatim > 500)
        #expect(compressed > 500)
    }

    // MARK: - Truncation (RFC 2181 §9, RFC 6891 §7)

    /// (owner lower-cased, type, class) → record count, for one section.
    static func rrsetSizes(_ records: [ResourceRecord]) -> [[UInt8]: Int] {
        records.reduce(into: [:]) { sizes, record in
            sizes[record.name.lowercased().wire + record.type.rawValue.bigEndianBytes + record.class.rawValue.bigEndianBytes, default: 0] += 1
        }
    }

    @Test(arguments: seeds)
    func truncationDropsWholeRRsetsFromTheEnd(_ seed: UInt64) throws {
        var generator = MessageGenerator(seed: seed, large: true)
        var truncatedCount = 0
        for index in 0..<Self.messagesPerSeed {
            let message = generator.message()
            let context = "seed \(seed) message \(index)"
            let wire = message.wire(maxSize: 512)
            #expect(wire.count <= 512, "\(context): \(wire.count) octets")
            let parsed = try Message(wire: wire)
            if message.wire().count <= 512 {
                #expect(parsed == Self.counted(message), "\(context): fits, yet changed")
                continue
            }
            let plainAdditionals = message.additionals.filter { $0.type != .opt }
            let keptAdditionals = parsed.additionals.filter { $0.type != .opt }
            // Whatever is kept is a prefix of each section, and nothing follows a section cut short.
            #expect(Array(message.answers.prefix(parsed.answers.count)) == parsed.answers, "\(context)")
            #expect(Array(message.authorities.prefix(parsed.authorities.count)) == parsed.authorities, "\(context)")
            #expect(Array(plainAdditionals.prefix(keptAdditionals.count)) == keptAdditionals, "\(context)")
            if parsed.answers.count < message.answers.count { #expect(parsed.authorities.isEmpty, "\(context)") }
            if parsed.authorities.count < message.authorities.count { #expect(keptAdditionals.isEmpty, "\(context)") }
            // Whole RRsets only.
            for section in [Section.answer, .authority, .additional] {
                let original = Self.rrsetSizes(message.records(in: section))
                for (key, count) in Self.rrsetSizes(parsed.records(in: section)) {
                    #expect(count == original[key], "\(context): \(section) RRset cut")
                }
            }
            // TC exactly when an answer or authority RRset was dropped (RFC 2181 §9); the original TC
            // was clear.
            let droppedAnswerOrAuthority = parsed.answers.count < message.answers.count
                || parsed.authorities.count < message.authorities.count
            #expect(parsed.header.isTruncated == droppedAnswerOrAuthority, "\(context)")
            // RFC 6891 §7: the OPT record stays.
            #expect(parsed.edns == message.edns, "\(context)")
            if droppedAnswerOrAuthority { truncatedCount += 1 }
        }
        // Most of these messages are over 512 octets and lose answer or authority RRsets.
        #expect(truncatedCount > Self.messagesPerSeed / 4)
    }

    @Test func droppingOnlyAdditionalRRsetsLeavesTCClear() throws {
        // RFC 2181 §9: TC is for data the requester needs; glue that does not fit is simply left out.
        let zone = try Self.name("example.")
        var message = Message(header: Header(id: 1, flags: 0x8000))
        message.questions = [Question(zone, .ns)]
        message.answers = (1...2).map { ResourceRecord(name: zone, type: .ns, ttl: 60, rdata: (try? Self.name("ns\($0).example."))?.wire ?? []) }
        message.additionals = (0..<40).map { index in
            ResourceRecord(name: (try? Self.name("host\(index).example.")) ?? zone, type: .aaaa, ttl: 60,
                           rdata: [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [UInt8(index)])
        }
        message.edns = EDNS(udpPayloadSize: 512)
        #expect(message.wire().count > 512)
        let wire = message.wire(maxSize: 512)
        #expect(wire.count <= 512)
        let parsed = try Message(wire: wire)
        #expect(!parsed.header.isTruncated)
        #expect(parsed.answers == message.answers)
        #expect(parsed.additionals.count < message.additionals.count)
        #expect(parsed.additionals.count > 1)
        #expect(parsed.edns == message.edns)
        #expect(Array(message.additionals.prefix(parsed.additionals.count - 1)) == parsed.additionals.filter { $0.type != .opt })
    }

    @Test func truncationNeverSplitsAnRRsetWhoseRecordsAreNotAdjacent() throws {
        // Two A records of one RRset with a TXT RRset between them that does not fit in 512 octets.
        let owner = try Self.name("x.example.")
        let filler = ResourceRecord(name: owner, type: .txt, ttl: 60, rdata: [255] + [UInt8](repeating: 0x61, count: 255))
        var message = Message(header: Header(id: 1, flags: 0x8000))
        message.additionals = [
            ResourceRecord(name: owner, type: .a, ttl: 60, rdata: [192, 0, 2, 1]),
            filler,
            ResourceRecord(name: owner, type: .txt, ttl: 60, rdata: [200] + [UInt8](repeating: 0x62, count: 200)),
            ResourceRecord(name: owner, type: .a, ttl: 60, rdata: [192, 0, 2, 2]),
        ]
        let parsed = try Message(wire: message.wire(maxSize: 512))
        let kept = parsed.additionals.filter { $0.type == .a }.count
        #expect(kept == 0 || kept == 2, "kept \(kept) of the 2 A records")
    }
}

extension FixedWidthInteger {
    /// Network byte order.
    fileprivate var bigEndianBytes: [UInt8] {
        (0..<(Self.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}

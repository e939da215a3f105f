import Foundation
import Testing
import DNSWire
#if canImport(Glibc)
import Glibc
#endif

/// Typed RDATA views: built from the erased RDATA of real records, they must give back the same
/// octets and the field values other implementations print for them.
@Suite struct TypedRDataTests {}

// MARK: - Vectors

/// Reading the vector files. Foundation is fine here: only the library must do without it.
fileprivate enum TypedRDataVectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(path)), as: UTF8.self)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(path)))
    }

    /// `test_ldnsrr.cN`: a line of RR wire hex, then the line ldns prints for it.
    static func ldnsPairs(_ file: String) throws -> [(wire: [UInt8], text: String)] {
        let lines = try text("NLnetLabs+unbound/testdata/\(file)").split(separator: "\n", omittingEmptySubsequences: true)
        return stride(from: 0, to: lines.count - 1, by: 2).map { (hex(lines[$0]), String(lines[$0 + 1])) }
    }

    /// Hex digits, ignoring anything else (spaces, line breaks).
    static func hex(_ text: some StringProtocol) -> [UInt8] {
        let digits = text.unicodeScalars.compactMap { UInt8(String($0), radix: 16) }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// Every type some view covers.
    static let typesWithViews: Set<RRType> = Set([
        A.types, AAAA.types, NS.types, CNAME.types, DNAME.types, PTR.types, SOA.types, MX.types, AFSDB.types,
        TXT.types, HINFO.types, RP.types, SRV.types, NAPTR.types, CAA.types, URI.types, DS.types, DNSKEY.types,
        RRSIG.types, NSEC.types, NSEC3.types, NSEC3PARAM.types, CSYNC.types, ZONEMD.types, SVCB.types,
        TLSA.types, SSHFP.types, LOC.types, TSIG.types,
    ].joined())

    /// One RR in wire form, read through a one-answer message (12-octet header, ANCOUNT 1).
    static func record(_ wire: [UInt8]) throws -> ResourceRecord {
        let message = try Message(wire: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0] + wire)
        guard let record = message.answers.first else { throw WireError(.truncated, at: 0, "no answer") }
        return record
    }
}

/// Presentation text, as far as these tests need it.
fileprivate enum PresentationText {
    /// Splits RDATA text into tokens: whitespace-separated, a quoted string one token (quotes
    /// kept), `;` outside quotes starting a comment (returned separately).
    static func tokens(_ text: String) -> (tokens: [String], comment: String?) {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                current.append(character)
                quoted.toggle()
            } else if !quoted, character == ";" {
                if !current.isEmpty { tokens.append(current) }
                return (tokens, String(text[index...]))
            } else if !quoted, character == " " || character == "\t" {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
            index = text.index(after: index)
        }
        if !current.isEmpty { tokens.append(current) }
        return (tokens, nil)
    }

    /// A token's octets: quotes removed, `\DDD` and `\X` decoded.
    static func octets(_ token: String) -> [UInt8] {
        var utf8 = Array(token.utf8)[...]
        if utf8.first == UInt8(ascii: "\""), utf8.last == UInt8(ascii: "\""), utf8.count >= 2 {
            utf8 = utf8.dropFirst().dropLast()
        }
        var output: [UInt8] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\\"), index + 1 < utf8.endIndex {
                if index + 3 < utf8.endIndex, let value = UInt8(String(decoding: utf8[(index + 1)...(index + 3)], as: UTF8.self)) {
                    output.append(value)
                    index += 4
                } else {
                    output.append(utf8[index + 1])
                    index += 2
                }
            } else {
                output.append(utf8[index])
                index += 1
            }
        }
        return output
    }

    static func name(_ token: String) throws -> DomainName { try DomainName(token, origin: .root) }

    static func base64(_ tokens: some Sequence<String>) -> [UInt8] {
        [UInt8](Data(base64Encoded: tokens.joined()) ?? Data())
    }

    /// RFC 4648 §7 base32hex, no padding, either case.
    static func base32Hex(_ text: String) -> [UInt8] {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv")
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.lowercased() {
            guard let value = alphabet.firstIndex(of: character) else { continue }
            buffer = buffer << 5 | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8(truncatingIfNeeded: buffer >> (bits - 8)))
                bits -= 8
            }
        }
        return output
    }

    /// `YYYYMMDDHHmmSS` UTC as seconds since 1970 (RFC 4034 §3.2).
    static func time(_ text: String) -> UInt32? {
        let digits = Array(text)
        guard digits.count == 14 else { return UInt32(text) }
        func number(_ range: Range<Int>) -> Int { Int(String(digits[range])) ?? 0 }
        let year = number(0..<4), month = number(4..<6), day = number(6..<8)
        // Days from 1970-01-01 to the civil date (proleptic Gregorian).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + number(8..<10) * 3600 + number(10..<12) * 60 + number(12..<14)
        return UInt32(truncatingIfNeeded: seconds)
    }

    /// `12.34m` or `-24m` as centimetres.
    static func centimetres(_ text: String) -> Int64? {
        var text = Substring(text)
        if text.hasSuffix("m") { text = text.dropLast() }
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count > 1 {
            let digits = String(parts[1].prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)
            fraction = Int64(digits) ?? 0
        }
        let value = whole * 100 + fraction
        return negative ? -value : value
    }

    /// `d m s.sss H` as signed thousandths of an arc second.
    static func milliarcseconds(_ degrees: String, _ minutes: String, _ seconds: String, _ hemisphere: String) -> Int64? {
        guard let d = Int64(degrees), let m = Int64(minutes) else { return nil }
        let parts = seconds.split(separator: ".")
        guard let s = Int64(parts[0]) else { return nil }
        let thousandths = parts.count > 1 ? Int64(String(parts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0 : 0
        let value = ((d * 60 + m) * 60 + s) * 1000 + thousandths
        return hemisphere == "S" || hemisphere == "W" ? -value : value
    }
}

// MARK: - Round trip and fields, against ldns

/// Builds `V` from the record, checks it gives back the same octets and the same record, and
/// returns it for field checks.
fileprivate func roundTrip<V: RDataView>(_ type: V.Type, _ record: ResourceRecord,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws -> V {
    let view = try record.view(as: V.self)
    let rdata = view.rdata()
    if rdata != record.rdata {
        Issue.record("\(record.type) at \(record.name): rdata() differs from the record's RDATA", sourceLocation: sourceLocation)
    }
    if try V(rdata: rdata) != view {
        Issue.record("\(record.type) at \(record.name): view differs after a round trip", sourceLocation: sourceLocation)
    }
    let rebuilt = ResourceRecord(name: record.name, class: record.class, ttl: record.ttl, view, type: record.type)
    if rebuilt != record {
        Issue.record("\(record.type) at \(record.name): record differs when rebuilt from the view", sourceLocation: sourceLocation)
    }
    return view
}

/// Checks the record's view against the fields of the text ldns printed for it. Returns false
/// when the type has no view.
fileprivate func checkAgainstPresentation(_ record: ResourceRecord, _ text: String) throws -> Bool {
    typealias P = PresentationText
    let (t, comment) = P.tokens(text)
    func number<T: FixedWidthInteger>(_ index: Int, _: T.Type = T.self) -> T? {
        index < t.count ? T(t[index]) : nil
    }
    func name(_ index: Int) -> DomainName? {
        index < t.count ? try? P.name(t[index]) : nil
    }
    let context = "\(record.type) \(text.prefix(120))"
    switch record.type {
    case .a:
        let view = try roundTrip(A.self, record)
        #expect(view.address.description == t[0], "\(context)")
        #expect(IPv4Address(t[0]) == view.address, "\(context)")
    case .aaaa:
        let view = try roundTrip(AAAA.self, record)
        #expect(view.address.description == t[0], "\(context)")
        #expect(IPv6Address(t[0]) == view.address, "\(context)")
    case .ns:
        #expect(try roundTrip(NS.self, record).nameServer == P.name(t[0]), "\(context)")
    case .cname:
        #expect(try roundTrip(CNAME.self, record).target == P.name(t[0]), "\(context)")
    case .dname:
        #expect(try roundTrip(DNAME.self, record).target == P.name(t[0]), "\(context)")
    case .ptr:
        #expect(try roundTrip(PTR.self, record).target == P.name(t[0]), "\(context)")
    case .soa:
        let view = try roundTrip(SOA.self, record)
        #expect(view.primaryNameServer == name(0) && view.responsibleMailbox == name(1), "\(context)")
        #expect([view.serial, view.refresh, view.retry, view.expire, view.minimum] == t[2...6].map { UInt32($0) }, "\(context)")
    case .mx:
        let view = try roundTrip(MX.self, record)
        #expect(view.preference == number(0) && view.exchange == name(1), "\(context)")
    case .afsdb:
        let view = try roundTrip(AFSDB.self, record)
        #expect(view.subtype == number(0) && view.hostname == name(1), "\(context)")
    case .txt, .spf:
        #expect(try roundTrip(TXT.self, record).strings == t.map(P.octets), "\(context)")
    case .hinfo:
        let view = try roundTrip(HINFO.self, record)
        #expect([view.cpu, view.os] == t.map(P.octets), "\(context)")
    case .rp:
        let view = try roundTrip(RP.self, record)
        #expect(view.mailbox == name(0) && view.textDomain == name(1), "\(context)")
    case .srv:
        let view = try roundTrip(SRV.self, record)
        #expect([view.priority, view.weight, view.port] == t[0...2].map { UInt16($0) }, "\(context)")
        #expect(view.target == name(3), "\(context)")
    case .naptr:
        let view = try roundTrip(NAPTR.self, record)
        #expect(view.order == number(0) && view.preference == number(1), "\(context)")
        #expect([view.flags, view.services, view.regexp] == t[2...4].map(P.octets), "\(context)")
        #expect(view.replacement == name(5), "\(context)")
    case .caa:
        let view = try roundTrip(CAA.self, record)
        #expect(view.flags == number(0) && view.tag == P.octets(t[1]) && view.value == P.octets(t[2]), "\(context)")
        #expect(view.isIssuerCritical == (view.flags >= 128), "\(context)")
    case .ds, .cds, .dlv:
        let view = try roundTrip(DS.self, record)
        #expect(view.keyTag == number(0) && view.algorithm.rawValue == number(1) && view.digestType.rawValue == number(2), "\(context)")
        #expect(view.digest == TypedRDataVectors.hex(t[3...].joined()), "\(context)")
    case .dnskey:
        let view = try roundTrip(DNSKEY.self, record)
        #expect(view.flags == number(0) && view.protocol == number(1) && view.algorithm.rawValue == number(2), "\(context)")
        #expect(view.publicKey == P.base64(t[3...]), "\(context)")
        // ldns comments each key `;{id = N (ksk), size = …}`.
        let id = comment.flatMap { $0.split(separator: "=").dropFirst().first }
            .flatMap { UInt16($0.split(separator: " ").first ?? "") }
        #expect(id != nil && view.keyTag == id, "\(context)")
        #expect(view.isZoneKey == (view.flags & 256 != 0) && view.isSecureEntryPoint == comment?.contains("ksk"), "\(context)")
    case .rrsig:
        let view = try roundTrip(RRSIG.self, record)
        #expect(view.typeCovered == RRType(t[0]) && view.algorithm.rawValue == number(1) && view.labels == number(2), "\(context)")
        #expect(view.originalTTL == number(3) && view.expiration == P.time(t[4]) && view.inception == P.time(t[5]), "\(context)")
        #expect(view.keyTag == number(6) && view.signerName == name(7), "\(context)")
        #expect(view.signature == P.base64(t[8...]), "\(context)")
        if let comment { #expect(comment.contains("id = \(view.keyTag)"), "\(context)") }
    case .nsec:
        let view = try roundTrip(NSEC.self, record)
        #expect(view.nextName == name(0) && view.types == t[1...].map { RRType($0) }, "\(context)")
    case .nsec3:
        let view = try roundTrip(NSEC3.self, record)
        #expect(view.hashAlgorithm.rawValue == number(0) && view.flags == number(1) && view.iterations == number(2), "\(context)")
        #expect(view.salt == (t[3] == "-" ? [] : TypedRDataVectors.hex(t[3])), "\(context)")
        #expect(view.nextHashedOwner == P.base32Hex(t[4]) && view.types == t[5...].map { RRType($0) }, "\(context)")
    case .nsec3param:
        let view = try roundTrip(NSEC3PARAM.self, record)
        #expect(view.hashAlgorithm.rawValue == number(0) && view.flags == number(1) && view.iterations == number(2), "\(context)")
        #expect(view.salt == (t[3] == "-" ? [] : TypedRDataVectors.hex(t[3])), "\(context)")
    case .sshfp:
        let view = try roundTrip(SSHFP.self, record)
        #expect(view.algorithm == number(0) && view.fingerprintType == number(1), "\(context)")
        #expect(view.fingerprint == TypedRDataVectors.hex(t[2...].joined()), "\(context)")
    case .tlsa:
        let view = try roundTrip(TLSA.self, record)
        #expect([view.usage, view.selector, view.matchingType] == t[0...2].map { UInt8($0) }, "\(context)")
        #expect(view.certificateAssociationData == TypedRDataVectors.hex(t[3...].joined()), "\(context)")
    case .loc:
        let view = try roundTrip(LOC.self, record)
        #expect(view.version == 0, "\(context)")
        #expect(view.latitudeMilliarcseconds == P.milliarcseconds(t[0], t[1], t[2], t[3]), "\(context)")
        #expect(view.longitudeMilliarcseconds == P.milliarcseconds(t[4], t[5], t[6], t[7]), "\(context)")
        #expect(view.altitudeCentimetres == P.centimetres(t[8]), "\(context)")
        let sizes = [view.size, view.horizontalPrecision, view.verticalPrecision].map { LOC.centimetres($0).map(Int64.init) }
        #expect(sizes == t[9...11].map(P.centimetres), "\(context)")
    case .csync:
        let view = try roundTrip(CSYNC.self, record)
        #expect(view.serial == number(0) && view.flags == number(1) && view.types == t[2...].map { RRType($0) }, "\(context)")
        #expect(view.isImmediate == (view.flags & 1 != 0) && view.usesSOAMinimum == (view.flags & 2 != 0), "\(context)")
    case .tsig:
        let view = try roundTrip(TSIG.self, record)
        #expect(view.algorithm == name(0) && view.timeSigned == number(1) && view.fudge == number(2), "\(context)")
        #expect(view.mac.count == number(3, Int.self), "\(context)")
        // ldns leaves the MAC out when it is empty: the fields after it shift left.
        let rest = view.mac.isEmpty ? Array(t[4...]) : Array(t[5...])
        if !view.mac.isEmpty { #expect(view.mac == P.base64([t[4]]), "\(context)") }
        #expect(view.originalID == UInt16(rest[0]) && view.error.transactionSignatureDescription == rest[1], "\(context)")
        #expect(view.otherData.count == Int(rest[2]), "\(context)")
    case .zonemd:
        let view = try roundTrip(ZONEMD.self, record)
        #expect(view.serial == number(0) && view.scheme.rawValue == number(1) && view.hashAlgorithm.rawValue == number(2), "\(context)")
        #expect(view.digest == TypedRDataVectors.hex(t[3...].joined()), "\(context)")
    default:
        return false
    }
    return true
}

extension TypedRDataTests {
    @Suite struct LDNSVectors {
        @Test("test_ldnsrr: every record with a view round-trips and matches ldns's fields",
              arguments: ["test_ldnsrr.c1", "test_ldnsrr.c2", "test_ldnsrr.c3", "test_ldnsrr.c4", "test_ldnsrr.c5"])
        func roundTripAndFields(file: String) throws {
            let pairs = try TypedRDataVectors.ldnsPairs(file)
            #expect(pairs.count > 40)
            var checked: [RRType: Int] = [:]
            var skipped = 0
            for (wire, line) in pairs {
                let columns = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
                guard columns.count == 5, let type = RRType(String(columns[3])) else {
                    Issue.record("\(file): no type or RDATA column in \(line)")
                    continue
                }
                let record: ResourceRecord
                do {
                    record = try TypedRDataVectors.record(wire)
                } catch {
                    // ldns writes NSAP-PTR RDATA as a character-string, not the name RFC 1706 §6
                    // says it is; the message parser rightly refuses it. No view covers that type.
                    #expect(!TypedRDataVectors.typesWithViews.contains(type), "\(line): \(error)")
                    skipped += 1
                    continue
                }
                #expect(record.type == type, "\(line)")
                if try checkAgainstPresentation(record, String(columns[4])) {
                    checked[record.type, default: 0] += 1
                }
            }
            #expect(!checked.isEmpty && skipped <= 2)
            print("\(file): skipped \(skipped), checked \(checked.values.reduce(0, +)) records:",
                  checked.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }

        @Test("test_ldnsrr.c5: ZONEMD digests of any length parse (RFC 8976 Appendix A.3's private scheme)")
        func zonemdPrivateScheme() throws {
            let pairs = try TypedRDataVectors.ldnsPairs("test_ldnsrr.c5").filter { $0.text.contains("\tZONEMD\t") }
            let views = try pairs.map { try TypedRDataVectors.record($0.wire).view(as: ZONEMD.self) }
            #expect(views.count == 11)
            let privateScheme = try #require(views.first { $0.scheme.rawValue == 241 })
            #expect(privateScheme.digest.count == 20 && privateScheme.hashAlgorithm == .sha384)
            #expect(views.contains { $0.scheme == .simple && $0.hashAlgorithm == .sha512 && $0.digest.count == 64 })
            #expect(views.contains { $0.hashAlgorithm.rawValue == 240 && $0.digest.count == 16 })
        }
    }
}

// MARK: - RFC 4034 examples (hickory-dns test data)

extension TypedRDataTests {
    @Suite struct RFC4034Examples {
        static let folder = "hickory-dns+hickory-dns/crates/proto/tests/test-data"

        /// The key from the `.rdata` text (`flags protocol algorithm base64`), whose public key
        /// must be the `.key` octets. (The `.key` file holds the public key field only, RFC 3110
        /// format, not the whole RDATA.)
        func key(_ section: String) throws -> DNSKEY {
            let publicKey = try TypedRDataVectors.bytes("\(Self.folder)/rfc4034-\(section).key")
            let tokens = PresentationText.tokens(try TypedRDataVectors.text("\(Self.folder)/rfc4034-\(section).rdata")).tokens
            try #require(tokens.count >= 4)
            let flags = try #require(UInt16(tokens[0]))
            let algorithm = DNSSECAlgorithm(try #require(UInt8(tokens[2])))
            let text = DNSKEY(flags: flags, protocol: try #require(UInt8(tokens[1])), algorithm: algorithm,
                              publicKey: PresentationText.base64(tokens[3...]))
            #expect(text.publicKey == publicKey && publicKey.count == 130)
            let key = try DNSKEY(rdata: text.rdata())
            #expect(key == text && key.rdata() == [UInt8(flags >> 8), UInt8(flags & 0xFF), 3, algorithm.rawValue] + publicKey)
            return key
        }

        @Test("RFC 4034 §2.3: the example DNSKEY has key tag 2642, as the §3.3 RRSIG names it")
        func section2_3() throws {
            let key = try key("2.3")
            #expect(key.keyTag == 2642)
            #expect(key.flags == 256 && key.isZoneKey && !key.isSecureEntryPoint && !key.isRevoked)
            #expect(key.algorithm == .rsaSHA1 && key.protocol == 3)
            // RFC 4034 §3.3's RRSIG over example.com's A record, signed by this key.
            let signature = RRSIG(typeCovered: .a, algorithm: .rsaSHA1, labels: 3, originalTTL: 86400,
                                  expiration: PresentationText.time("20030322173103") ?? 0,
                                  inception: PresentationText.time("20030220173103") ?? 0, keyTag: key.keyTag,
                                  signerName: try DomainName("example.com.", origin: .root), signature: [1, 2, 3])
            #expect(try RRSIG(rdata: signature.rdata()) == signature)
        }

        @Test("RFC 4034 §5.4: the DS example matches its DNSKEY (key tag 60485, algorithm, SHA-1 digest)")
        func section5_4() throws {
            let key = try key("5.4")
            #expect(key.keyTag == 60485)
            // dskey.example.com. 86400 IN DS 60485 5 1 ( 2BB183AF5F22588179A53B0A98631FAD1A292118 )
            let ds = DS(keyTag: 60485, algorithm: DNSSECAlgorithm(5), digestType: .sha1,
                        digest: TypedRDataVectors.hex("2BB183AF5F22588179A53B0A98631FAD1A292118"))
            #expect(ds.keyTag == key.keyTag && ds.algorithm == key.algorithm)
            // RFC 4034 §5.1.4: digest = SHA-1(owner name in canonical form | DNSKEY RDATA).
            let owner = try DomainName("dskey.example.com.", origin: .root)
            #expect(SHA1.hash(owner.lowercased().wire + key.rdata()) == ds.digest)
            let parsed = try DS(rdata: ds.rdata())
            #expect(parsed == ds && parsed.rdata() == TypedRDataVectors.hex("EC45 05 01 2BB183AF5F22588179A53B0A98631FAD1A292118"))
            // The same RDATA read as CDS, and written back as a CDS record.
            let record = ResourceRecord(name: owner, ttl: 86400, ds, type: .cds)
            #expect(record.type == .cds)
            #expect(try record.view(as: DS.self) == ds)
            #expect(ResourceRecord(name: owner, ttl: 86400, ds).type == .ds)
        }

        @Test("RFC 4034 Appendix B.1: algorithm 1 keys take their tag from the modulus, not the checksum")
        func algorithmOneKeyTag() throws {
            // RFC 3110 §2 layout: exponent length 1, exponent 3, then the modulus; its last three
            // octets are 0xAB 0xCD 0xEF, so the tag is 0xABCD.
            let key = DNSKEY(flags: 256, algorithm: .rsaMD5, publicKey: [1, 3] + [UInt8](repeating: 0x5A, count: 61) + [0xAB, 0xCD, 0xEF])
            #expect(key.keyTag == 0xABCD)
            var other = key
            other.algorithm = .rsaSHA1
            #expect(other.keyTag != 0xABCD)
            #expect(DNSKEY(flags: 256, algorithm: .rsaMD5, publicKey: [1]).keyTag == 0)
        }

        @Test("RFC 5011 §7 and RFC 4034 §2.1.1: DNSKEY flag bits")
        func flags() {
            let key = DNSKEY(flags: 257 | 128, algorithm: .ed25519, publicKey: [UInt8](repeating: 7, count: 32))
            #expect(key.isZoneKey && key.isSecureEntryPoint && key.isRevoked)
            #expect(!DNSKEY(flags: 0, algorithm: .ed25519, publicKey: []).isZoneKey)
        }
    }
}

/// SHA-1 (RFC 3174), only to check the RFC 4034 §5.4 DS digest; the library has no hashes.
fileprivate enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message + [0x80]
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) * 8
        padded += (0..<8).map { UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64($0))) }
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            var w = (0..<16).map { i in
                (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(padded[chunk + 4 * i + $1]) }
            }
            for i in 16..<80 {
                let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                w.append(x << 1 | x >> 31)
            }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch i {
                case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, temp)
            }
            h = [h[0] &+ a, h[1] &+ b, h[2] &+ c, h[3] &+ d, h[4] &+ e]
        }
        return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }
}

// MARK: - RFC 9460 SVCB vectors (dnspython)

extension TypedRDataTests {
    @Suite struct SVCBVectors {
        static let folder = "rthalley+dnspython/tests"

        /// The RFC 3597 `\# N ( hex )` blocks of `svcb_test_vectors.generic`, comments dropped.
        static func wireVectors() throws -> [[UInt8]] {
            let text = try TypedRDataVectors.text("\(folder)/svcb_test_vectors.generic")
            var vectors: [[UInt8]] = []
            var current: String? = nil
            for line in text.split(separator: "\n") {
                let content = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                if content.hasPrefix("\\#") {
                    current = ""
                } else if content.trimmingCharacters(in: .whitespaces) == ")", let block = current {
                    vectors.append(TypedRDataVectors.hex(block))
                    current = nil
                } else if current != nil {
                    current? += content
                }
            }
            return vectors
        }

        /// The presentation records of `svcb_test_vectors.text`, parentheses joined.
        static func textVectors() throws -> [[String]] {
            let text = try TypedRDataVectors.text("\(folder)/svcb_test_vectors.text")
            var records: [[String]] = []
            var open: [String]? = nil
            for line in text.split(separator: "\n") where !line.hasPrefix(";") {
                let tokens = PresentationText.tokens(String(line)).tokens
                guard !tokens.isEmpty else { continue }
                var joined = (open ?? []) + tokens.filter { $0 != "(" && $0 != ")" }
                joined = joined.map { $0.hasPrefix("(") ? String($0.dropFirst()) : $0 }
                    .map { $0.hasSuffix(")") ? String($0.dropLast()) : $0 }
                if line.contains("("), !line.contains(")") {
                    open = joined
                } else {
                    records.append(joined)
                    open = nil
                }
            }
            return records
        }

        static func name(_ text: String) -> DomainName? { try? DomainName(text, origin: .root) }

        @Test("Appendix D: every vector round-trips and its priority and target match the text form")
        func roundTrip() throws {
            let wires = try Self.wireVectors()
            let texts = try Self.textVectors()
            #expect(wires.count == 10 && texts.count == 10)
            for (wire, text) in zip(wires, texts) {
                let view = try SVCB(rdata: wire)
                #expect(view.rdata() == wire)
                #expect(try SVCB(rdata: view.rdata()) == view)
                #expect(view.priority == UInt16(text[0]) && view.target == Self.name(text[1]), "\(text)")
                #expect(view.isAliasMode == (view.priority == 0))
                let rebuilt = try SVCB(priority: view.priority, target: view.target, parameters: view.parameters.reversed())
                #expect(rebuilt == view && rebuilt.hashValue == view.hashValue)
                let https = ResourceRecord(name: .root, ttl: 300, view, type: .https)
                #expect(https.type == .https)
                #expect(try https.view(as: SVCB.self) == view)
            }
        }

        @Test("Appendix D: typed parameters")
        func parameters() throws {
            let views = try Self.wireVectors().map(SVCB.init(rdata:))
            try #require(views.count == 10)
            #expect(views[0].isAliasMode && views[0].parameters.isEmpty && views[0].target == Self.name("foo.example.com."))
            #expect(views[1].priority == 1 && views[1].target == .root && views[1].parameters.isEmpty)
            #expect(views[2].port == 53 && views[2].alpn == nil && views[2].mandatory == nil)
            #expect(views[3].value(for: 667) == Array("hello".utf8))
            #expect(views[4].value(for: 667) == Array("hello".utf8) + [210] + Array("qoo".utf8))
            #expect(views[5].ipv6hint == [IPv6Address("2001:db8::1"), IPv6Address("2001:db8::53:1")].compactMap { $0 })
            #expect(views[6].ipv6hint == [IPv6Address("2001:db8:ffff:ffff:ffff:ffff:198.51.100.100")].compactMap { $0 })
            #expect(views[6].ipv6hint?.first?.description == "2001:db8:ffff:ffff:ffff:ffff:c633:6464")
            // alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1, sorted on the wire.
            #expect(views[7].parameters.map(\.key) == [0, 1, 4])
            #expect(views[7].mandatory == [1, 4])
            #expect(views[7].alpn == [Array("h2".utf8), Array("h3-19".utf8)])
            #expect(views[7].ipv4hint == [IPv4Address(192, 0, 2, 1)])
            #expect(!views[7].noDefaultALPN && views[7].echConfig == nil && views[7].dohPath == nil)
            for view in views[8...9] {
                #expect(view.alpn == [Array("f\\oo,bar".utf8), Array("h2".utf8)])
            }
        }

        /// Priority 1, target `.`, then the parameters.
        static func rdata(_ parameters: [UInt8]) -> [UInt8] { [0, 1, 0] + parameters }

        @Test("RFC 9460 §2.2, §7, §8 and Appendix D.3: malformed parameters are refused with their offset",
              arguments: [
                  // Keys out of order: port (3) after ipv4hint (4).
                  ([0, 4, 0, 4, 192, 0, 2, 1, 0, 3, 0, 2, 0, 53], 11),
                  // The same key twice.
                  ([0, 3, 0, 2, 0, 53, 0, 3, 0, 2, 0, 54], 9),
                  // mandatory lists itself.
                  ([0, 0, 0, 2, 0, 0], 3),
                  // mandatory lists alpn, which is absent.
                  ([0, 0, 0, 2, 0, 1, 0, 3, 0, 2, 0, 53], 3),
                  // mandatory lists port twice.
                  ([0, 0, 0, 4, 0, 3, 0, 3, 0, 3, 0, 2, 0, 53], 3),
                  // alpn with no protocol id.
                  ([0, 1, 0, 0], 3),
                  // port of 3 octets.
                  ([0, 3, 0, 3, 0, 0, 53], 3),
                  // no-default-alpn with a value.
                  ([0, 2, 0, 1, 0], 3),
                  // ipv4hint of 5 octets.
                  ([0, 4, 0, 5, 1, 2, 3, 4, 5], 3),
                  // ipv6hint of 15 octets.
                  ([0, 6, 0, 15] + [UInt8](repeating: 0, count: 15), 3),
              ] as [([UInt8], Int)])
        func malformed(parameters: [UInt8], offset: Int) throws {
            let error = try #require(throws: WireError.self) { try SVCB(rdata: Self.rdata(parameters)) }
            #expect(error.code == .badRDATA && error.offset == offset, "\(error)")
        }

        @Test("RFC 9460 §2.2: a value running past the RDATA is truncated, not read")
        func truncatedValue() throws {
            let error = try #require(throws: WireError.self) { try SVCB(rdata: Self.rdata([0, 3, 0, 4, 0, 53])) }
            #expect(error.code == .truncated && error.offset == 7)
        }

        @Test("Built views sort their keys and refuse what the wire form cannot carry")
        func building() throws {
            let view = try SVCB(priority: 1, target: .root,
                                parameters: [(6, IPv6Address("::1")?.octets ?? []), (3, [1, 187]), (1, [2] + Array("h2".utf8))])
            #expect(view.parameters.map(\.key) == [1, 3, 6] && view.port == 443 && view.ipv6hint == [IPv6Address(high: 0, low: 1)])
            #expect(throws: WireError.self) { try SVCB(priority: 1, target: .root, parameters: [(3, [0, 1]), (3, [0, 2])]) }
            #expect(throws: WireError.self) { try SVCB(priority: 1, target: .root, parameters: [(3, [0])]) }
            #expect(throws: WireError.self) { try SVCB(priority: 1, target: .root, parameters: [(0, [0, 3])]) }
            #expect(throws: WireError.self) {
                try SVCB(priority: 1, target: .root, parameters: [(9999, [UInt8](repeating: 0, count: 65_536))])
            }
        }
    }
}

// MARK: - RDATA that does not fit

/// Octets of a name in uncompressed wire form.
fileprivate func wire(_ name: String) -> [UInt8] { ((try? DomainName(name, origin: .root)) ?? .root).wire }

/// The error `body` throws, which must be a `WireError`.
fileprivate func wireError(_ body: () throws -> Any) -> WireError? {
    do {
        _ = try body()
        return nil
    } catch let error as WireError {
        return error
    } catch {
        return nil
    }
}

extension TypedRDataTests {
    @Suite struct Malformed {
        /// Each case: what is wrong, the parse, the code and the offset expected.
        static let cases: [(String, @Sendable () throws -> Any, WireError.Code, Int)] = [
            ("A of 3 octets", { try A(rdata: [192, 0, 2]) }, .badRDATA, 0),
            ("A of 5 octets", { try A(rdata: [192, 0, 2, 1, 0]) }, .badRDATA, 0),
            ("AAAA of 15 octets", { try AAAA(rdata: [UInt8](repeating: 0, count: 15)) }, .badRDATA, 0),
            ("NS empty", { try NS(rdata: []) }, .truncated, 0),
            ("NS name without its root label", { try NS(rdata: [3, 0x6E, 0x73, 0x31]) }, .truncated, 4),
            ("CNAME with an octet after the name", { try CNAME(rdata: wire("a.example.") + [0]) }, .badRDATA, 11),
            ("PTR as a bare compression pointer", { try PTR(rdata: [0xC0, 0x00]) }, .badPointer, 0),
            ("DNAME with a label type 0b01", { try DNAME(rdata: [0x41, 0]) }, .badLabelType, 0),
            ("MX without its exchange", { try MX(rdata: [0, 10]) }, .truncated, 2),
            ("MX with a trailing octet", { try MX(rdata: [0, 10] + wire("mx.example.") + [7]) }, .badRDATA, 14),
            ("SOA cut inside SERIAL", { try SOA(rdata: wire("ns.") + wire("mail.") + [0, 0, 1]) }, .truncated, 10),
            ("SOA with RNAME compressed against MNAME",
             { try SOA(rdata: wire("ns.") + [0xC0, 0] + [UInt8](repeating: 0, count: 20)) }, .badRDATA, 4),
            ("SOA with an octet after MINIMUM",
             { try SOA(rdata: wire("ns.") + wire("mail.") + [UInt8](repeating: 0, count: 21)) }, .badRDATA, 30),
            ("TXT empty", { try TXT(rdata: []) }, .badRDATA, 0),
            ("TXT string running past the end", { try TXT(rdata: [2, 0x61, 0x62, 5, 0x61]) }, .truncated, 4),
            ("HINFO with one string", { try HINFO(rdata: [2, 0x50, 0x43]) }, .truncated, 3),
            ("RP with one name", { try RP(rdata: wire("admin.example.")) }, .truncated, 15),
            ("AFSDB without a subtype", { try AFSDB(rdata: [0]) }, .truncated, 0),
            ("SRV cut inside port", { try SRV(rdata: [0, 1, 0, 1, 0]) }, .truncated, 4),
            ("NAPTR with REGEXP overrunning", { try NAPTR(rdata: [0, 1, 0, 1, 0, 0, 9, 0x21]) }, .truncated, 7),
            ("CAA with an empty tag", { try CAA(rdata: [0, 0, 0x61]) }, .badRDATA, 1),
            ("CAA tag overrunning", { try CAA(rdata: [0, 9, 0x69]) }, .truncated, 2),
            ("URI with no target", { try URI(rdata: [0, 1, 0, 1]) }, .badRDATA, 4),
            ("DS of 3 octets", { try DS(rdata: [0xEC, 0x45, 5]) }, .truncated, 3),
            ("DNSKEY of 3 octets", { try DNSKEY(rdata: [1, 0, 3]) }, .truncated, 3),
            ("RRSIG without a signer", { try RRSIG(rdata: [UInt8](repeating: 0, count: 18)) }, .truncated, 18),
            ("NSEC with a window of length 0", { try NSEC(rdata: wire("b.") + [0, 0]) }, .badRDATA, 3),
            ("NSEC with a window of length 33", { try NSEC(rdata: wire("b.") + [0, 33] + [UInt8](repeating: 1, count: 33)) }, .badRDATA, 3),
            ("NSEC with windows out of order", { try NSEC(rdata: wire("b.") + [1, 1, 0x40, 0, 1, 0x40]) }, .badRDATA, 6),
            ("NSEC with a trailing zero octet in a window (RFC 4034 §4.1.2)",
             { try NSEC(rdata: wire("b.") + [0, 2, 0x40, 0]) }, .badRDATA, 3),
            ("NSEC window overrunning", { try NSEC(rdata: wire("b.") + [0, 4, 0x40]) }, .truncated, 5),
            ("NSEC3 with a hash of length 0", { try NSEC3(rdata: [1, 0, 0, 0, 0, 0]) }, .badRDATA, 5),
            ("NSEC3 salt overrunning", { try NSEC3(rdata: [1, 0, 0, 0, 8, 1]) }, .truncated, 5),
            ("NSEC3PARAM with an octet after the salt", { try NSEC3PARAM(rdata: [1, 0, 0, 0, 1, 0xAA, 0]) }, .badRDATA, 6),
            ("CSYNC without flags", { try CSYNC(rdata: [0, 0, 0, 1]) }, .truncated, 4),
            ("ZONEMD of 5 octets", { try ZONEMD(rdata: [0, 0, 0, 1, 1]) }, .truncated, 5),
            ("TLSA of 2 octets", { try TLSA(rdata: [3, 1]) }, .truncated, 2),
            ("SSHFP of 1 octet", { try SSHFP(rdata: [4]) }, .truncated, 1),
            ("LOC version 1 (RFC 1876 §2)", { try LOC(rdata: [1] + [UInt8](repeating: 0, count: 15)) }, .badRDATA, 0),
            ("LOC version 0 of 15 octets", { try LOC(rdata: [UInt8](repeating: 0, count: 15)) }, .badRDATA, 0),
            ("LOC empty", { try LOC(rdata: []) }, .truncated, 0),
            ("TSIG with the MAC overrunning", { try TSIG(rdata: wire("hmac-sha256.") + [0, 0, 0, 0, 0, 1, 1, 44, 0, 32, 1]) }, .truncated, 23),
            ("TSIG without other data", { try TSIG(rdata: wire("hmac-sha256.") + [0, 0, 0, 0, 0, 1, 1, 44, 0, 0, 0, 1, 0, 0]) }, .truncated, 27),
            ("SVCB without a target", { try SVCB(rdata: [0, 1]) }, .truncated, 2),
        ]

        @Test("Views refuse RDATA that does not fit, with the offset in the RDATA", arguments: 0..<cases.count)
        func refused(index: Int) {
            let (what, parse, code, offset) = Self.cases[index]
            let error = wireError(parse)
            #expect(error?.code == code && error?.offset == offset, "\(what): \(error.map(String.init(describing:)) ?? "no WireError")")
        }

        @Test("view(as:) refuses a record of a type the view does not cover")
        func wrongType() throws {
            let record = ResourceRecord(name: .root, type: .a, ttl: 0, rdata: [192, 0, 2, 1])
            #expect(try record.view(as: A.self).address == IPv4Address(192, 0, 2, 1))
            let error = wireError { try record.view(as: AAAA.self) }
            #expect(error?.code == .wrongType)
            // RDATA that happens to fit is still refused: the type decides.
            let ns = ResourceRecord(name: .root, type: .ns, ttl: 0, rdata: wire("a."))
            #expect(wireError { try ns.view(as: CNAME.self) }?.code == .wrongType)
            #expect(wireError { try ResourceRecord(name: .root, type: .cdnskey, ttl: 0, rdata: [1, 1, 3, 13]).view(as: DS.self) }?.code == .wrongType)
            #expect(try ResourceRecord(name: .root, type: .cdnskey, ttl: 0, rdata: [1, 1, 3, 13]).view(as: DNSKEY.self).isSecureEntryPoint)
        }

        @Test("Initialisers refuse fields the wire form cannot carry")
        func building() throws {
            let long = [UInt8](repeating: 0x61, count: 256)
            #expect(wireError { try TXT(strings: [long]) }?.code == .valueOutOfRange)
            #expect(wireError { try TXT(strings: []) }?.code == .valueOutOfRange)
            #expect(wireError { try HINFO(cpu: long, os: []) }?.code == .valueOutOfRange)
            #expect(wireError { try NAPTR(order: 0, preference: 0, flags: [], services: long, regexp: [], replacement: .root) }?.code == .valueOutOfRange)
            #expect(wireError { try CAA(flags: 0, tag: [], value: []) }?.code == .valueOutOfRange)
            #expect(wireError { try URI(priority: 1, weight: 1, target: []) }?.code == .valueOutOfRange)
            #expect(wireError { try NSEC3(hashAlgorithm: .sha1, flags: 0, iterations: 0, salt: long, nextHashedOwner: [1], types: []) }?.code == .valueOutOfRange)
            #expect(wireError { try NSEC3(hashAlgorithm: .sha1, flags: 0, iterations: 0, salt: [], nextHashedOwner: [], types: []) }?.code == .valueOutOfRange)
            #expect(wireError { try NSEC3PARAM(hashAlgorithm: .sha1, flags: 0, iterations: 0, salt: long) }?.code == .valueOutOfRange)
            #expect(wireError { try TSIG(algorithm: .root, timeSigned: 1 << 48, fudge: 300, mac: [], originalID: 0, error: .noError, otherData: []) }?.code == .valueOutOfRange)

            let txt = TXT(splitting: [UInt8](repeating: 0x62, count: 600))
            #expect(txt.strings.map(\.count) == [255, 255, 90] && txt.joined.count == 600)
            #expect(try TXT(rdata: txt.rdata()) == txt)
            #expect(TXT(splitting: []).rdata() == [0])
        }

        @Test("Type lists are kept sorted and unique, so the bitmap gives them back unchanged")
        func typeLists() throws {
            let nsec = NSEC(nextName: .root, types: [.rrsig, .a, .nsec, .a, RRType(1234), .caa])
            #expect(nsec.types == [.a, .rrsig, .nsec, .caa, RRType(1234)])
            #expect(try NSEC(rdata: nsec.rdata()) == nsec)
            let csync = CSYNC(serial: 66, flags: 3, types: [.aaaa, .ns, .a])
            #expect(csync.rdata() == [0, 0, 0, 66, 0, 3, 0, 4, 0x60, 0, 0, 0x08] && csync.isImmediate && csync.usesSOAMinimum)
            let empty = try NSEC3(hashAlgorithm: .sha1, flags: 1, iterations: 0, salt: [], nextHashedOwner: [UInt8](repeating: 9, count: 20), types: [])
            #expect(empty.isOptOut && empty.rdata().count == 26)
            #expect(try NSEC3(rdata: empty.rdata()) == empty)
        }

        @Test("Every view round-trips a value built in code")
        func builtValues() throws {
            let name = try DomainName("Host.Example.", origin: .root)
            let values: [any RDataView] = [
                A(address: IPv4Address(198, 51, 100, 7)), AAAA(address: IPv6Address(high: 0x2001_0DB8 << 32, low: 1)),
                NS(nameServer: name), CNAME(target: name), DNAME(target: name), PTR(target: name),
                SOA(primaryNameServer: name, responsibleMailbox: .root, serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5),
                MX(preference: 10, exchange: name), AFSDB(subtype: 1, hostname: name), try TXT(strings: [[], [0x22]]),
                try HINFO(cpu: Array("RFC8482".utf8), os: []), RP(mailbox: name, textDomain: .root),
                SRV(priority: 0, weight: 5, port: 443, target: name),
                try NAPTR(order: 1, preference: 2, flags: [0x53], services: [], regexp: [], replacement: name),
                try CAA(flags: 128, tag: Array("issue".utf8), value: []), try URI(priority: 1, weight: 2, target: [0x68]),
                DS(keyTag: 0, algorithm: DNSSECAlgorithm(0), digestType: DigestType(0), digest: [0]),
                DNSKEY(flags: 257, algorithm: .ed448, publicKey: []),
                RRSIG(typeCovered: RRType(65_534), algorithm: .ed25519, labels: 2, originalTTL: 3600, expiration: .max,
                      inception: 0, keyTag: 1, signerName: name, signature: []),
                NSEC(nextName: name, types: []), CSYNC(serial: 0, flags: 0, types: [.ns]),
                try NSEC3PARAM(hashAlgorithm: .sha1, flags: 0, iterations: 0, salt: []),
                ZONEMD(serial: 1, scheme: ZONEMDScheme(rawValue: 241), hashAlgorithm: ZONEMDHashAlgorithm(rawValue: 240), digest: []),
                try SVCB(priority: 0, target: name, parameters: []),
                TLSA(usage: 3, selector: 1, matchingType: 1, certificateAssociationData: []),
                SSHFP(algorithm: 4, fingerprintType: 2, fingerprint: [1]),
                LOC(size: 0x12, horizontalPrecision: 0x16, verticalPrecision: 0x13, latitude: 1 << 31, longitude: 0, altitude: .max),
                try TSIG(algorithm: name, timeSigned: (1 << 48) - 1, fudge: 300, mac: [1], originalID: 7, error: .badSig, otherData: [0, 0, 0, 0, 0, 1]),
            ]
            #expect(Set(values.map { "\(type(of: $0))" }).count == 28)
            for value in values {
                let roundTripped = roundTrips(value)
                #expect(roundTripped, "\(value)")
            }
            #expect(wire("Host.Example.") == (try MX(rdata: MX(preference: 1, exchange: name).rdata())).exchange.wire)
        }

        func roundTrips<V: RDataView>(_ value: V) -> Bool {
            (try? V(rdata: value.rdata())) == value && ResourceRecord(name: .root, ttl: 0, value).type == V.types.first
        }
    }
}

// MARK: - IP addresses

extension TypedRDataTests {
    @Suite struct IPAddresses {
        @Test("RFC 5952 §4 and §5: canonical text", arguments: [
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), // §4.2.3: the first of equal runs
            ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), // §4.2.2: one zero group stays
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"), // §4.2.3: the longest run
            ("2001:DB8::ABCD", "2001:db8::abcd"), // §4.3: lower case
            ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("1:0:0:0:0:0:0:0", "1::"),
            ("0:0:0:0:0:0:0:1:", ""), ("::ffff:192.0.2.1", "::ffff:192.0.2.1"), ("::ffff:c000:0201", "::ffff:192.0.2.1"),
            ("::ffff:0:0", "::ffff:0.0.0.0"), ("::192.0.2.1", "::192.0.2.1"), ("::0.0.1.0", "::100"),
            ("::ffff:0:192.0.2.1", "::ffff:0:c000:201"), ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("fe80::1%eth0", ""), (":::", ""), ("1::2::3", ""), ("1:2:3:4:5:6:7:8:9", ""), ("12345::", ""),
            ("1.2.3.4", ""), ("::1.2.3", ""), ("::1.2.3.04", ""), ("::1.2.3.4:5", ""), ("1.2.3.4::", ""), ("g::", ""),
            (":1::", ""), ("1::2:", ""), ("", ""), ("1:2:3:4:5:6:7", ""), ("::1:2:3:4:5:6:7:8", ""),
        ])
        func ipv6(text: String, canonical: String) {
            let address = IPv6Address(text)
            #expect(address?.description == (canonical.isEmpty ? nil : canonical))
            if let address {
                #expect(IPv6Address(address.description) == address)
                #expect(IPv6Address(octets: address.octets) == address)
                #expect(address.groups.count == 8)
            }
        }

        @Test("IPv4 dotted quads", arguments: [
            ("192.0.2.1", true), ("0.0.0.0", true), ("255.255.255.255", true), ("256.0.0.1", false),
            ("1.2.3", false), ("1.2.3.4.5", false), ("01.2.3.4", false), ("1..3.4", false), ("1.2.3.4 ", false),
            ("", false), ("a.b.c.d", false), ("1.2.3.-4", false),
        ])
        func ipv4(text: String, valid: Bool) {
            let address = IPv4Address(text)
            #expect((address != nil) == valid)
            if let address {
                #expect(address.description == text && IPv4Address(octets: address.octets) == address)
            }
            #expect(IPv4Address(octets: [1, 2, 3]) == nil && IPv6Address(octets: [UInt8](repeating: 0, count: 15)) == nil)
        }

        #if canImport(Glibc)
        /// glibc's `inet_ntop`/`inet_pton`: what ldns and dig print and accept on Linux.
        static func systemText(_ octets: [UInt8]) -> String? {
            var buffer = [CChar](repeating: 0, count: 64)
            return octets.withUnsafeBytes { bytes in
                inet_ntop(AF_INET6, bytes.baseAddress, &buffer, 64).map { String(cString: $0) }
            }
        }

        static func systemParse(_ text: String) -> [UInt8]? {
            var octets = [UInt8](repeating: 0, count: 16)
            return inet_pton(AF_INET6, text, &octets) == 1 ? octets : nil
        }

        @Test("IPv6 text agrees with glibc for addresses with every shape of zero runs")
        func againstGlibc() throws {
            var generator = SystemRandomNumberGenerator()
            for round in 0..<20_000 {
                // Each group zero with probability 1/2, and sometimes small or IPv4-like tails.
                var octets = [UInt8](repeating: 0, count: 16)
                for group in 0..<8 where Bool.random(using: &generator) {
                    let value = round % 3 == 0 ? UInt16.random(in: 0...3, using: &generator) : UInt16.random(in: 0...0xFFFF, using: &generator)
                    octets[2 * group] = UInt8(value >> 8)
                    octets[2 * group + 1] = UInt8(value & 0xFF)
                }
                if round % 7 == 0 { octets[10] = 0xFF; octets[11] = 0xFF; for i in 0..<10 { octets[i] = 0 } }
                let address = try #require(IPv6Address(octets: octets))
                let expected = try #require(Self.systemText(octets))
                #expect(address.description == expected, "\(octets)")
                #expect(IPv6Address(expected) == address && Self.systemParse(address.description) == octets)
            }
        }

        @Test("IPv6 parsing accepts what glibc's inet_pton accepts", arguments: [
            "::", "::1", "1::", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "::ffff:1.2.3.4",
            "1::1.2.3.4", "0001:0002::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", ":::", "1::2::3", ":1", "1:", "::1.2.3.256",
            "::01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "00001::", "::g", "1.2.3.4", "::1.2.3.4.5", " ::1", "::1:2:3:4:5:6:7",
            "1:2:3:4:5:6::1.2.3.4", "1:2:3:4:5::1.2.3.4", "[::1]", "::ffff:1.2.3.4:1",
        ])
        func parsingAgainstGlibc(text: String) {
            #expect(IPv6Address(text)?.octets == Self.systemParse(text), "\(text)")
        }
        #endif
    }
}

// MARK: - No trap on hostile RDATA

extension TypedRDataTests {
    @Suite struct NoTrap {
        /// Parses `rdata` as `V`; whatever parses must round-trip exactly.
        static func probe<V: RDataView>(_: V.Type, _ rdata: [UInt8]) -> Bool {
            guard let view = try? V(rdata: rdata) else { return true }
            return view.rdata() == rdata && (try? V(rdata: view.rdata())) == view
        }

        static func probeAll(_ rdata: [UInt8]) -> Bool {
            probe(A.self, rdata) && probe(AAAA.self, rdata) && probe(NS.self, rdata) && probe(CNAME.self, rdata)
                && probe(DNAME.self, rdata) && probe(PTR.self, rdata) && probe(SOA.self, rdata) && probe(MX.self, rdata)
                && probe(AFSDB.self, rdata) && probe(TXT.self, rdata) && probe(HINFO.self, rdata) && probe(RP.self, rdata)
                && probe(SRV.self, rdata) && probe(NAPTR.self, rdata) && probe(CAA.self, rdata) && probe(URI.self, rdata)
                && probe(DS.self, rdata) && probe(DNSKEY.self, rdata) && probe(RRSIG.self, rdata) && probe(NSEC.self, rdata)
                && probe(NSEC3.self, rdata) && probe(NSEC3PARAM.self, rdata) && probe(CSYNC.self, rdata)
                && probe(ZONEMD.self, rdata) && probe(SVCB.self, rdata) && probe(TLSA.self, rdata) && probe(SSHFP.self, rdata)
                && probe(LOC.self, rdata) && probe(TSIG.self, rdata)
        }

        @Test("Every prefix and one-octet corruption of real RDATA, read as every view: no trap, exact round trip")
        func prefixesAndCorruptions() throws {
            var samples: [[UInt8]] = try SVCBVectors.wireVectors()
            for file in ["test_ldnsrr.c4", "test_ldnsrr.c5"] {
                for pair in try TypedRDataVectors.ldnsPairs(file) {
                    guard let record = try? TypedRDataVectors.record(pair.wire), record.rdata.count < 600 else { continue }
                    samples.append(record.rdata)
                }
            }
            var generator = SystemRandomNumberGenerator()
            var probes = 0
            for rdata in samples {
                for length in 0...rdata.count {
                    probes += 1
                    #expect(Self.probeAll(Array(rdata.prefix(length))), "\(rdata.prefix(length))")
                }
                for _ in 0..<32 where !rdata.isEmpty {
                    var corrupted = rdata
                    corrupted[Int.random(in: 0..<rdata.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                    probes += 1
                    #expect(Self.probeAll(corrupted), "\(corrupted)")
                }
            }
            #expect(probes > 5000)
        }
    }
}

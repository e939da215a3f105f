import DNSWire
import Testing
@testable import DNSZone

/// Signed data and keys for the signature tests, built by hand from published examples.
enum SignatureVectors {
    static func base64(_ text: String) -> [UInt8] { ZoneText.base64(Array(text.utf8)) ?? [] }

    static func name(_ text: String) -> DomainName { (try? DomainName(text)) ?? .root }

    /// RFC 4034 §3.1.8.1: the RRSIG RDATA without its signature (signer's name lower-cased,
    /// §6.2), then each record as owner ‖ type ‖ class ‖ original TTL ‖ RDLENGTH ‖ RDATA, the
    /// records in canonical order (§6.3). The tests' RDATA is already in canonical form.
    static func signedData(_ rrsig: RRSIG, owner: DomainName, rdatas: [[UInt8]]) -> [UInt8] {
        var prefix = rrsig
        prefix.signature = []
        prefix.signerName = rrsig.signerName.lowercased()
        var data = prefix.rdata()
        for rdata in rdatas.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            data += owner.lowercased().wire
            data.appendUInt16(rrsig.typeCovered.rawValue)
            data.appendUInt16(RRClass.in.rawValue)
            data.appendUInt32(rrsig.originalTTL)
            data.appendUInt16(UInt16(rdata.count))
            data += rdata
        }
        return data
    }

    /// The records owned by the root at the top of Zones/root.zone: SOA, NS, NSEC, DNSKEY, their
    /// RRSIGs. Read only up to the first other owner, so the 2 MB zone is not parsed in full.
    static let rootApex: [ResourceRecord] = {
        guard let bytes = ZoneVectorFiles.read(ZoneVectorFiles.zones + "/root.zone") else { return [] }
        var parser = ZoneParser(text: bytes, file: "root.zone", origin: .root)
        var records: [ResourceRecord] = []
        while let record = try? parser.next(), record.name.isRoot { records.append(record) }
        return records
    }()

    static var rootKeys: [DNSKEY] { rootApex.filter { $0.type == .dnskey }.compactMap { try? DNSKEY(rdata: $0.rdata) } }

    /// The root's RRSIG over `type` and that RRset's RDATA.
    static func rootSignature(over type: RRType) -> (RRSIG, [[UInt8]])? {
        let rrsig = rootApex.filter { $0.type == .rrsig }.compactMap { try? RRSIG(rdata: $0.rdata) }.first { $0.typeCovered == type }
        return rrsig.map { ($0, rootApex.filter { $0.type == type }.map(\.rdata)) }
    }
}

struct SignatureCryptoTests {
    typealias V = SignatureVectors

    /// `www.example.net. 3600 IN A 192.0.2.1`, the RRset of RFC 6605 §6.
    static let rfc6605A: [UInt8] = [192, 0, 2, 1]
    /// `www.example.net. 3600 IN A 192.0.2.91`, the RRset of RFC 5702 §6.
    static let rfc5702A: [UInt8] = [192, 0, 2, 91]
    /// `example.com. 3600 IN MX 10 mail.example.com.`, the RRset of RFC 8080 §6.
    static let rfc8080MX: [UInt8] = [0, 10] + V.name("mail.example.com.").wire

    static func check(_ key: DNSKEY, _ rrsig: RRSIG, owner: String, rdata: [UInt8]) -> SignatureCheck {
        let data = V.signedData(rrsig, owner: V.name(owner), rdatas: [rdata])
        return SignatureCrypto.verify(signature: rrsig.signature, over: data, with: key)
    }

    // RFC 6605 §6.1: example.net. DNSKEY 257 3 13, RRSIG A 13 3 3600 20100909100439 20100812100439 55648.
    static let p256Key = DNSKEY(flags: 257, algorithm: .ecdsaP256SHA256, publicKey: V.base64(
        "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=="))
    static let p256Signature = RRSIG(
        typeCovered: .a, algorithm: .ecdsaP256SHA256, labels: 3, originalTTL: 3600,
        expiration: 1_284_026_679, inception: 1_281_607_479, keyTag: 55648, signerName: V.name("example.net."),
        signature: V.base64("qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw=="))

    // RFC 6605 §6.2: example.net. DNSKEY 257 3 14, RRSIG A 14 3 3600 20100909102025 20100812102025 10771.
    static let p384Key = DNSKEY(flags: 257, algorithm: .ecdsaP384SHA384, publicKey: V.base64(
        "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40"))
    static let p384Signature = RRSIG(
        typeCovered: .a, algorithm: .ecdsaP384SHA384, labels: 3, originalTTL: 3600,
        expiration: 1_284_027_625, inception: 1_281_608_425, keyTag: 10771, signerName: V.name("example.net."),
        signature: V.base64("/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm"))

    // RFC 8080 §6.1 as corrected by verified erratum 4935 (algorithm 15 and 2 labels in the RRSIGs):
    // RRSIG MX 15 2 3600 1440021600 1438207200, keys 3613 and 35217.
    static let ed25519Examples: [(key: String, tag: UInt16, signature: String)] = [
        ("l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 3613,
         "oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg=="),
        ("zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=", 35217,
         "zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQoSm5poJ7gD7AQR0O7KuI5k2pcBg=="),
    ]

    static func ed25519Signature(_ example: (key: String, tag: UInt16, signature: String)) -> RRSIG {
        RRSIG(typeCovered: .mx, algorithm: .ed25519, labels: 2, originalTTL: 3600, expiration: 1_440_021_600,
              inception: 1_438_207_200, keyTag: example.tag, signerName: V.name("example.com."),
              signature: V.base64(example.signature))
    }

    // RFC 5702 §6.1 (a 512-bit RSA/SHA-256 key) and §6.2 (a 1024-bit RSA/SHA-512 key), both signing
    // RRSIG A 3 3600 20300101000000 20000101000000.
    static let rsaSHA256Key = DNSKEY(flags: 256, algorithm: .rsaSHA256, publicKey: V.base64(
        "AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk="))
    static let rsaSHA256Signature = RRSIG(
        typeCovered: .a, algorithm: .rsaSHA256, labels: 3, originalTTL: 3600, expiration: 1_893_456_000,
        inception: 946_684_800, keyTag: 9033, signerName: V.name("example.net."),
        signature: V.base64("kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg=="))
    static let rsaSHA512Key = DNSKEY(flags: 256, algorithm: .rsaSHA512, publicKey: V.base64(
        "AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL"))
    static let rsaSHA512Signature = RRSIG(
        typeCovered: .a, algorithm: .rsaSHA512, labels: 3, originalTTL: 3600, expiration: 1_893_456_000,
        inception: 946_684_800, keyTag: 3740, signerName: V.name("example.net."),
        signature: V.base64("tsb4wnjRUDnB1BUi+t6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRaeUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOLDiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw="))

    @Test func rfc6605Section6_1ECDSAP256() {
        #expect(Self.p256Key.keyTag == 55648)
        #expect(Self.check(Self.p256Key, Self.p256Signature, owner: "www.example.net.", rdata: Self.rfc6605A) == .valid)
    }

    @Test func rfc6605Section6_2ECDSAP384() {
        #expect(Self.p384Key.keyTag == 10771)
        #expect(Self.check(Self.p384Key, Self.p384Signature, owner: "www.example.net.", rdata: Self.rfc6605A) == .valid)
    }

    /// The signer's name and the owner are lower-cased in the signed data (RFC 4034 §6.2), so the
    /// case they were written in does not matter.
    @Test func rfc6605SignedDataIsCanonical() {
        var rrsig = Self.p256Signature
        rrsig.signerName = V.name("EXAMPLE.Net.")
        #expect(Self.check(Self.p256Key, rrsig, owner: "WWW.example.NET.", rdata: Self.rfc6605A) == .valid)
    }

    @Test(arguments: 0..<2)
    func rfc8080Section6_1Ed25519(_ index: Int) {
        let example = Self.ed25519Examples[index]
        let key = DNSKEY(flags: 257, algorithm: .ed25519, publicKey: V.base64(example.key))
        #expect(key.keyTag == example.tag)
        #expect(Self.check(key, Self.ed25519Signature(example), owner: "example.com.", rdata: Self.rfc8080MX) == .valid)
    }

    /// RFC 5702 §6.1's key is 512 bits: refused, with the floor named, rather than trapped on.
    @Test func rfc5702Section6_1RSASHA256KeyIsBelowTheFloor() {
        let check = Self.check(Self.rsaSHA256Key, Self.rsaSHA256Signature, owner: "www.example.net.", rdata: Self.rfc5702A)
        #expect(check == .badKey("RSA key of 512 bits is below the 1024-bit floor of the crypto library"))
        #expect(Self.rsaSHA256Key.keyTag == 9033)
    }

    @Test func rfc5702Section6_2RSASHA512() {
        #expect(Self.rsaSHA512Key.keyTag == 3740)
        #expect(Self.check(Self.rsaSHA512Key, Self.rsaSHA512Signature, owner: "www.example.net.", rdata: Self.rfc5702A) == .valid)
    }

    /// The root zone's DNSKEY RRset is signed by KSK 20326 (RSA/SHA-256, 2048 bits).
    @Test func rootDNSKEYRRsetVerifiesWithKSK20326() throws {
        let (rrsig, rdatas) = try #require(V.rootSignature(over: .dnskey))
        #expect(rdatas.count == 3)
        let key = try #require(V.rootKeys.first { $0.keyTag == rrsig.keyTag })
        #expect(rrsig.keyTag == 20326)
        let data = V.signedData(rrsig, owner: .root, rdatas: rdatas)
        #expect(SignatureCrypto.verify(signature: rrsig.signature, over: data, with: key) == .valid)
        let other = try #require(V.rootKeys.first { $0.keyTag == 38696 })
        #expect(SignatureCrypto.verify(signature: rrsig.signature, over: data, with: other) == .invalid)
    }

    /// One prepared zone-signing key checks the apex SOA, NS and NSEC signatures.
    @Test func rootZoneSigningKeyPreparedOnce() throws {
        let zsk = try #require(V.rootKeys.first { !$0.isSecureEntryPoint })
        let prepared = PreparedKey(zsk)
        #expect(prepared.algorithm == .rsaSHA256)
        for type in [RRType.soa, .ns, .nsec] {
            let (rrsig, rdatas) = try #require(V.rootSignature(over: type))
            #expect(rrsig.keyTag == zsk.keyTag)
            let data = V.signedData(rrsig, owner: .root, rdatas: rdatas)
            #expect(prepared.verify(signature: rrsig.signature, over: data) == .valid, "RRSIG \(type)")
        }
    }

    @Test func flippedSignatureBitIsInvalid() throws {
        var p256 = Self.p256Signature
        p256.signature[10] ^= 0x01
        #expect(Self.check(Self.p256Key, p256, owner: "www.example.net.", rdata: Self.rfc6605A) == .invalid)

        var p384 = Self.p384Signature
        p384.signature[0] ^= 0x80
        #expect(Self.check(Self.p384Key, p384, owner: "www.example.net.", rdata: Self.rfc6605A) == .invalid)

        let example = Self.ed25519Examples[0]
        var ed25519 = Self.ed25519Signature(example)
        ed25519.signature[63] ^= 0x01
        let edKey = DNSKEY(flags: 257, algorithm: .ed25519, publicKey: V.base64(example.key))
        #expect(Self.check(edKey, ed25519, owner: "example.com.", rdata: Self.rfc8080MX) == .invalid)

        var rsa = Self.rsaSHA512Signature
        rsa.signature[rsa.signature.count - 1] ^= 0x01
        #expect(Self.check(Self.rsaSHA512Key, rsa, owner: "www.example.net.", rdata: Self.rfc5702A) == .invalid)
    }

    @Test func alteredDataIsInvalid() {
        #expect(Self.check(Self.p256Key, Self.p256Signature, owner: "www.example.net.", rdata: [192, 0, 2, 2]) == .invalid)
        #expect(Self.check(Self.rsaSHA512Key, Self.rsaSHA512Signature, owner: "ftp.example.net.", rdata: Self.rfc5702A) == .invalid)
        var ttl = Self.p384Signature
        ttl.originalTTL = 3601
        #expect(Self.check(Self.p384Key, ttl, owner: "www.example.net.", rdata: Self.rfc6605A) == .invalid)
    }

    /// Signatures of the wrong length are invalid, not a crash.
    @Test func malformedSignaturesAreInvalid() {
        for signature in [[], [UInt8](repeating: 1, count: 63), [UInt8](repeating: 1, count: 65), [UInt8](repeating: 0xFF, count: 300)] {
            #expect(SignatureCrypto.verify(signature: signature, over: [1, 2, 3], with: Self.p256Key) == .invalid)
            #expect(SignatureCrypto.verify(signature: signature, over: [1, 2, 3], with: Self.p384Key) == .invalid)
            #expect(SignatureCrypto.verify(signature: signature, over: [1, 2, 3], with: Self.rsaSHA512Key) == .invalid)
            let edKey = DNSKEY(flags: 257, algorithm: .ed25519, publicKey: V.base64(Self.ed25519Examples[0].key))
            #expect(SignatureCrypto.verify(signature: signature, over: [1, 2, 3], with: edKey) == .invalid)
        }
    }

    static func isBadKey(_ check: SignatureCheck, mentioning words: String) -> Bool {
        if case .badKey(let reason) = check { return reason.contains(words) }
        return false
    }

    /// RFC 3110 §2 keys cut short or with impossible lengths: `.badKey`, never a trap.
    @Test func truncatedRSAKeysAreBadKeys() {
        let full = Self.rsaSHA512Key.publicKey
        let cases: [([UInt8], String)] = [
            ([], "empty"),
            ([0], "exponent length"),
            ([0, 1], "exponent length"),
            ([0, 0, 0], "exponent of length 0"),
            ([3, 1, 0], "too short"),
            ([0, 0xFF, 0xFF, 1, 2, 3], "too short"),
            (Array(full.prefix(4)), "too short"),
            (Array(full.prefix(6)), "RSA key of 16 bits is below"),
            (Array(full.prefix(full.count - 1)), "bits is below"),
            ([1, 3, 0, 0, 0], "modulus of zero"),
            ([1, 0] + full.dropFirst(2), "exponent of zero"),
        ]
        for (bytes, words) in cases {
            let key = DNSKEY(flags: 256, algorithm: .rsaSHA256, publicKey: bytes)
            let check = SignatureCrypto.verify(signature: [1], over: [1], with: key)
            #expect(Self.isBadKey(check, mentioning: words), "\(bytes.prefix(6)): \(check)")
        }
    }

    /// RFC 3110 §2 allows a two-octet exponent length after a zero octet.
    @Test func longFormExponentLength() throws {
        let full = Self.rsaSHA512Key.publicKey
        #expect(full.first == 3)
        let longForm = [0, 0, 3] + full.dropFirst()
        let key = DNSKEY(flags: 256, algorithm: .rsaSHA512, publicKey: Array(longForm))
        let data = V.signedData(Self.rsaSHA512Signature, owner: V.name("www.example.net."), rdatas: [Self.rfc5702A])
        #expect(SignatureCrypto.verify(signature: Self.rsaSHA512Signature.signature, over: data, with: key) == .valid)
    }

    @Test func rsaKeyLimits() {
        // 4104 bits: over RFC 3110's 4096.
        let large = [1, 3, 0xC1] + [UInt8](repeating: 0x55, count: 512)
        let tooLarge = SignatureCrypto.verify(signature: [1], over: [1], with: DNSKEY(flags: 256, algorithm: .rsaSHA256, publicKey: large))
        #expect(tooLarge == .badKey("RSA key of 4104 bits is over the 4096-bit limit of RFC 3110 §2"))
        // An even modulus, an even exponent, a 40-bit exponent.
        let full = Self.rsaSHA512Key.publicKey
        #expect(Array(full.prefix(4)) == [3, 1, 0, 1])
        let modulus = Array(full.dropFirst(4))
        let even = SignatureCrypto.verify(signature: [1], over: [1], with: DNSKEY(flags: 256, algorithm: .rsaSHA1, publicKey: [1, 3] + modulus.dropLast() + [0x10]))
        #expect(Self.isBadKey(even, mentioning: "modulus is even"))
        let evenExponent = SignatureCrypto.verify(signature: [1], over: [1], with: DNSKEY(flags: 256, algorithm: .rsaSHA1, publicKey: [1, 4] + modulus))
        #expect(Self.isBadKey(evenExponent, mentioning: "odd"))
        let hugeExponent = SignatureCrypto.verify(signature: [1], over: [1], with: DNSKEY(flags: 256, algorithm: .rsaSHA1, publicKey: [5, 0x80, 0, 0, 0, 1] + modulus))
        #expect(Self.isBadKey(hugeExponent, mentioning: "40 bits is over the 33-bit limit"))
    }

    /// RSASHA1 and RSASHA1-NSEC3-SHA1 accept a 1024-bit key (RFC 4034 §5.4's dskey.example.com.);
    /// no published signature by a key of 1024 bits or more exists for them, so only a wrong
    /// signature is checked.
    @Test func rsaSHA1KeysPrepare() {
        let publicKey = V.base64("AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==")
        for algorithm in [DNSSECAlgorithm.rsaSHA1, .rsaSHA1NSEC3SHA1] {
            let key = DNSKEY(flags: 256, algorithm: algorithm, publicKey: publicKey)
            #expect(SignatureCrypto.verify(signature: [UInt8](repeating: 7, count: 128), over: [1, 2, 3], with: key) == .invalid)
        }
    }

    @Test func badCurveKeys() {
        let short = SignatureCrypto.verify(signature: [], over: [], with: DNSKEY(flags: 257, algorithm: .ecdsaP256SHA256, publicKey: [UInt8](repeating: 1, count: 63)))
        #expect(short == .badKey("ECDSA P-256 key of 63 octets; it must be exactly 64"))
        let offCurve = SignatureCrypto.verify(signature: [], over: [], with: DNSKEY(flags: 257, algorithm: .ecdsaP384SHA384, publicKey: [UInt8](repeating: 1, count: 96)))
        #expect(Self.isBadKey(offCurve, mentioning: "not a point on the curve"))
        let ed = SignatureCrypto.verify(signature: [], over: [], with: DNSKEY(flags: 257, algorithm: .ed25519, publicKey: [1, 2, 3]))
        #expect(Self.isBadKey(ed, mentioning: "Ed25519 key of 3 octets"))
    }

    /// RFC 4034 §2.1.2: a protocol other than 3 makes the key unusable.
    @Test func protocolOtherThanThree() {
        var key = Self.p256Key
        key.protocol = 4
        let data = V.signedData(Self.p256Signature, owner: V.name("www.example.net."), rdatas: [Self.rfc6605A])
        #expect(Self.isBadKey(SignatureCrypto.verify(signature: Self.p256Signature.signature, over: data, with: key), mentioning: "protocol"))
    }

    @Test func unsupportedAlgorithms() {
        for number: UInt8 in [0, 1, 2, 3, 6, 12, 16, 17, 23, 253, 254, 200] {
            let algorithm = DNSSECAlgorithm(number)
            #expect(!SignatureCrypto.isSupported(algorithm))
            let key = DNSKEY(flags: 257, algorithm: algorithm, publicKey: Self.rsaSHA512Key.publicKey)
            #expect(SignatureCrypto.verify(signature: [1], over: [1], with: key) == .unsupportedAlgorithm(algorithm))
        }
        for number: UInt8 in [5, 7, 8, 10, 13, 14, 15] {
            #expect(SignatureCrypto.isSupported(DNSSECAlgorithm(number)))
        }
    }

    /// PKCS#1 DER for a small key, checked octet by octet (X.690 §8.3, §10.1).
    @Test func pkcs1Encoding() throws {
        guard case .success(let components) = RSAPublicKeyComponents.parse([1, 3, 0, 0x80, 0x01]) else {
            Issue.record("did not parse")
            return
        }
        #expect(components.modulusBits == 16)
        #expect(components.pkcs1DER() == [0x30, 0x08, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x01, 0x03])
        let big = [UInt8](repeating: 0xFF, count: 200)
        guard case .success(let long) = RSAPublicKeyComponents.parse([1, 1] + big) else {
            Issue.record("did not parse")
            return
        }
        let der = long.pkcs1DER()
        #expect(Array(der.prefix(7)) == [0x30, 0x81, 0xCF, 0x02, 0x81, 0xC9, 0x00])
        #expect(der.count == 3 + 0xCF)
    }
}

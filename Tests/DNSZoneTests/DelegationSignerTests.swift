import DNSWire
import Testing
@testable import DNSZone

struct DelegationSignerTests {
    typealias V = SignatureVectors

    static func hex(_ text: String) -> [UInt8] { ZoneVectorFiles.bytes(hex: text) ?? [] }

    /// RFC 4034 §5.4: `dskey.example.com. 86400 IN DNSKEY 256 3 5 …`, key tag 60485.
    static let dskeyExample = DNSKEY(flags: 256, algorithm: .rsaSHA1, publicKey: V.base64(
        "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw=="))
    static let dskeyOwner = V.name("dskey.example.com.")

    @Test func rfc4034Section5_4SHA1() {
        #expect(Self.dskeyExample.keyTag == 60485)
        let expected = Self.hex("2BB183AF5F22588179A53B0A98631FAD1A292118")
        #expect(DS.digest(of: Self.dskeyExample, owner: Self.dskeyOwner, digestType: .sha1) == expected)
        let ds = DS(keyTag: 60485, algorithm: .rsaSHA1, digestType: .sha1, digest: expected)
        #expect(ds.matches(Self.dskeyExample, owner: Self.dskeyOwner))
    }

    @Test func rfc4509Section2_3SHA256() {
        let expected = Self.hex("D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A")
        #expect(DS.digest(of: Self.dskeyExample, owner: Self.dskeyOwner, digestType: .sha256) == expected)
        let ds = DS(keyTag: 60485, algorithm: .rsaSHA1, digestType: .sha256, digest: expected)
        #expect(ds.matches(Self.dskeyExample, owner: Self.dskeyOwner))
    }

    /// RFC 4034 §5.1.4 digests the canonical (lower-cased) owner name.
    @Test func ownerCaseDoesNotMatter() {
        let upper = V.name("DSKEY.Example.COM.")
        #expect(DS.digest(of: Self.dskeyExample, owner: upper, digestType: .sha1)
                == DS.digest(of: Self.dskeyExample, owner: Self.dskeyOwner, digestType: .sha1))
    }

    @Test func rfc6605Section6_1P256SHA256() {
        let ds = DS(keyTag: 55648, algorithm: .ecdsaP256SHA256, digestType: .sha256,
                    digest: Self.hex("b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17"))
        #expect(ds.matches(SignatureCryptoTests.p256Key, owner: V.name("example.net.")))
    }

    @Test func rfc6605Section6_2P384SHA384() {
        let ds = DS(keyTag: 10771, algorithm: .ecdsaP384SHA384, digestType: .sha384,
                    digest: Self.hex("72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6"))
        #expect(ds.matches(SignatureCryptoTests.p384Key, owner: V.name("example.net.")))
        #expect(DS.digest(of: SignatureCryptoTests.p384Key, owner: V.name("example.net."), digestType: .sha384)?.count == 48)
    }

    /// RFC 8080 §6.1: `DS 3613 15 2 3aa5…` and `DS 35217 15 2 4017…` (not changed by erratum 4935).
    @Test func rfc8080Section6_1Ed25519() {
        let digests = ["3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79a304b",
                       "401781b934e392de492ec77ae2e15d70f6575a1c0bc59c5275c04ebe80c6614c"]
        for (example, digest) in zip(SignatureCryptoTests.ed25519Examples, digests) {
            let key = DNSKEY(flags: 257, algorithm: .ed25519, publicKey: V.base64(example.key))
            let ds = DS(keyTag: example.tag, algorithm: .ed25519, digestType: .sha256, digest: Self.hex(digest))
            #expect(ds.matches(key, owner: V.name("example.com.")))
        }
    }

    @Test func unsupportedDigestTypes() {
        for type in [DigestType.gost, .gost2012, .sm3, DigestType(0), DigestType(200)] {
            #expect(DS.digest(of: Self.dskeyExample, owner: Self.dskeyOwner, digestType: type) == nil)
            let ds = DS(keyTag: 60485, algorithm: .rsaSHA1, digestType: type, digest: [UInt8](repeating: 0, count: 32))
            #expect(!ds.matches(Self.dskeyExample, owner: Self.dskeyOwner))
        }
    }

    /// Key tag, algorithm, digest and owner must all agree.
    @Test func mismatches() {
        let digest = Self.hex("2BB183AF5F22588179A53B0A98631FAD1A292118")
        let good = DS(keyTag: 60485, algorithm: .rsaSHA1, digestType: .sha1, digest: digest)
        var wrongTag = good
        wrongTag.keyTag = 60486
        var wrongAlgorithm = good
        wrongAlgorithm.algorithm = .rsaSHA1NSEC3SHA1
        var wrongDigest = good
        wrongDigest.digest[0] ^= 1
        var shortDigest = good
        shortDigest.digest.removeLast()
        for ds in [wrongTag, wrongAlgorithm, wrongDigest, shortDigest] {
            #expect(!ds.matches(Self.dskeyExample, owner: Self.dskeyOwner))
        }
        #expect(!good.matches(Self.dskeyExample, owner: V.name("example.com.")))
        var revoked = Self.dskeyExample
        revoked.flags |= 0x0080
        #expect(!good.matches(revoked, owner: Self.dskeyOwner))
    }

    /// Zones/root.ds names both key-signing keys of Zones/root.zone, and not the zone-signing key.
    @Test func rootDSMatchesRootKeys() throws {
        let records = try ZoneParser.parseFile(ZoneVectorFiles.zones + "/root.ds", origin: .root, defaultTTL: 0)
        let signers = try records.map { try DS(rdata: $0.rdata) }
        #expect(signers.map(\.keyTag).sorted() == [20326, 38696])
        let keys = V.rootKeys
        #expect(keys.count == 3)
        for ds in signers {
            #expect(keys.filter { ds.matches($0, owner: .root) }.map(\.keyTag) == [ds.keyTag])
        }
        let zsk = try #require(keys.first { !$0.isSecureEntryPoint })
        #expect(!signers.contains { $0.matches(zsk, owner: .root) })
    }

    /// Zones/root.key holds the same key-signing keys as the zone itself.
    @Test func rootKeyFileMatchesZone() throws {
        let records = try ZoneParser.parseFile(ZoneVectorFiles.zones + "/root.key", origin: .root, defaultTTL: 0)
        let fileKeys = try records.map { try DNSKEY(rdata: $0.rdata) }
        #expect(fileKeys.map(\.keyTag).sorted() == [20326, 38696])
        let zoneKeys = V.rootKeys.filter(\.isSecureEntryPoint)
        #expect(Set(fileKeys) == Set(zoneKeys))
    }
}

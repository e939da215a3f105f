import DNSWire
import Testing
@testable import DNSZone

/// Whole-zone DNSSEC verification of the real root zone, at a time inside its signatures' window
/// and at one after it.
struct ZoneSignatureTests {
    static let rootZone: Zone? = try? Zone.load(path: ZoneVectorFiles.zones + "/root.zone", origin: .root)

    static func rootAnchor() throws -> TrustAnchor {
        try TrustAnchor.load(path: ZoneVectorFiles.zones + "/root.key", at: nil)
    }

    @Test func rootZoneIsSecureOnAugustFirst() throws {
        let zone = try #require(Self.rootZone)
        let time = try #require(ZoneSignatureVerifier.time("20260801000000"))
        let report = ZoneSignatureVerifier(zone: zone, trustAnchor: try Self.rootAnchor(), at: time).verify()
        #expect(report.status == .secure, "\(report.failures.prefix(5))")
        #expect(report.anchoredKeyTags == [20326])
        #expect(report.failures.isEmpty)
        #expect(report.denial == "NSEC, 1439 names")
        // The root zone's 2,792 RRSIGs each sign one RRset, and every one verifies.
        #expect(report.verifiedRRsets == 2792)
        #expect(report.validUntil.map(TimeText.string) == "20260813200000")
        #expect(report.validFrom.map(TimeText.string) == "20260731190000")
    }

    @Test func rootZoneHasExpiredInNovember() throws {
        let zone = try #require(Self.rootZone)
        let time = try #require(ZoneSignatureVerifier.time("20261125000000"))
        let report = ZoneSignatureVerifier(zone: zone, trustAnchor: try Self.rootAnchor(), at: time).verify()
        #expect(report.status == .bogus)
        #expect(report.failures.count == 2792)
        #expect(report.failures.first?.reason.contains("expired on 2026") == true)
    }

    /// The IANA XML and the DS file anchor the same key.
    @Test(arguments: ["root.ds", "root-anchors.xml"])
    func otherAnchorFormatsAgree(_ file: String) throws {
        let zone = try #require(Self.rootZone)
        let time = try #require(ZoneSignatureVerifier.time("20260801000000"))
        let anchor = try TrustAnchor.load(path: ZoneVectorFiles.zones + "/" + file, at: UInt32(time))
        let report = ZoneSignatureVerifier(zone: zone, trustAnchor: anchor, at: time).verify()
        #expect(report.status == .secure)
        #expect(report.anchoredKeyTags == [20326])
    }

    /// A key the zone does not hold as its anchor: bogus, saying which tags were expected.
    @Test func foreignAnchorIsBogus() throws {
        let zone = try #require(Self.rootZone)
        let time = try #require(ZoneSignatureVerifier.time("20260801000000"))
        var anchor = try Self.rootAnchor()
        anchor.keys = anchor.keys.map { key in
            var key = key
            key.publicKey[key.publicKey.count - 1] ^= 1
            return key
        }
        let report = ZoneSignatureVerifier(zone: zone, trustAnchor: anchor, at: time).verify()
        #expect(report.status == .bogus)
        #expect(report.failures.first?.type == .dnskey)
    }
}

import DNSWire
import Testing
@testable import DNSZone

/// ZONEMD (RFC 8976) computation and verification on the RFC's own examples, the Verisign suite
/// and the real root zone.
struct ZoneDigestTests {
    static let appendix = ZoneVectorFiles.zonemd + "/ldns-25-ZONEMD/"

    static func appendixZone(_ name: String) throws -> Zone {
        let origin = try ZoneFileTests.appendixOrigin(name) ?? DomainName(name.hasPrefix("A.4") ? "uri.arpa." : "root-servers.net.")
        return try Zone.load(path: appendix + name, origin: origin)
    }

    /// RFC 8976 Appendix A: each zone verifies, and the digest computed is the one published.
    @Test(arguments: [
        ("A.1.Simple-EXAMPLE-Zone.zone", "c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c"),
        ("A.2.Complex-EXAMPLE-Zone.zone", "31cefb03814f5062ad12fa951ba0ef5f8da6ae354a415767246f7dc932ceb1e742a2108f529db6a33a11c01493de358d"),
        ("A.3.EXAMPLE-Zone-with-multiple-digests.zone", "62e6cf51b02e54b9b5f967d547ce43136792901f9f88e637493daaf401c92c279dd10f0edb1c56f8080211f8480ee306"),
        ("A.4.The-URI.ARPA-Zone.zone", "1291b78ddf7669b1a39d014d87626b709b55774c5d7d58fadc556439889a10eaf6f11d615900a4f996bd46279514e473"),
        ("A.5.The-ROOT-SERVERS.NET-Zone.zone", "f1ca0ccd91bd5573d9f431c00ee0101b2545c97602be0a978a3b11dbfc1c776d5b3e86ae3d973d6b5349ba7f04340f79"),
    ])
    func appendixZoneVerifies(_ name: String, _ sha384: String) throws {
        let zone = try Self.appendixZone(name)
        #expect(ZoneDigest.compute(zone, algorithm: .sha384).map { ZoneDigest.hex($0) } == sha384)
        let report = ZoneDigest.verify(zone)
        #expect(report.status == .verified, "\(report.summary)")
    }

    /// RFC 8976 A.3: SHA-384 and SHA-512 verify; the private scheme 241 and algorithm 240 (with a
    /// 20-octet digest) are ignored, not errors.
    @Test func multipleDigestsEachGetTheirVerdict() throws {
        let report = ZoneDigest.verify(try Self.appendixZone("A.3.EXAMPLE-Zone-with-multiple-digests.zone"))
        let verdicts = report.entries.map { "\($0.zonemd?.scheme.rawValue ?? 0)/\($0.zonemd?.hashAlgorithm.rawValue ?? 0)=\($0.verdict)" }
        #expect(verdicts.sorted() == ["1/1=verified", "1/240=unsupported", "1/2=verified", "241/1=unsupported"])
    }

    @Test func repeatedSchemeAndAlgorithmFails() throws {
        let report = ZoneDigest.verify(try Zone.load(path: Self.appendix + "repeated-ZONEMD-scheme-and-algorithm.zone",
                                                     origin: DomainName("example.")))
        #expect(report.status == .failed)
        #expect(report.entries.allSatisfy { $0.verdict == .duplicate })
    }

    /// The real root zone of 2026-07-31 verifies with its SHA-384 digest.
    @Test func rootZoneVerifies() throws {
        let zone = try Zone.load(path: ZoneVectorFiles.zones + "/root.zone", origin: .root)
        let report = ZoneDigest.verify(zone)
        #expect(report.status == .verified, "\(report.summary)")
        #expect(zone.soa.serial == 2026073102)
    }

    /// A one-octet change anywhere — an authoritative A, a glue AAAA, a DS digest — breaks it.
    @Test(arguments: [
        ("a.root-servers.net.", RRType.a),
        ("a.nic.aaa.", RRType.aaaa),
        ("com.", RRType.ds),
    ])
    func oneOctetChangeFailsTheDigest(_ owner: String, _ type: RRType) throws {
        var records = try ZoneParser.parseFile(ZoneVectorFiles.zones + "/root.zone", origin: .root)
        let name = try DomainName(owner)
        let index = try #require(records.firstIndex { $0.name == name && $0.type == type })
        records[index].rdata[records[index].rdata.count - 1] ^= 0x01
        let zone = try Zone(origin: .root, records: records)
        if type == .aaaa { #expect(zone.authorities[zone.rrsets.firstIndex { $0.name == name && $0.type == type } ?? 0] == .glue) }
        let report = ZoneDigest.verify(zone)
        #expect(report.status == .failed)
        #expect(report.entries.map(\.verdict) == [.mismatch])
    }

    /// A root zone carrying a type nobody has heard of still loads, and verifies once the digest
    /// is recomputed over it — the October 2023 failure, the other way round.
    @Test func unknownTypeLoadsAndVerifies() throws {
        var text = try #require(ZoneVectorFiles.read(ZoneVectorFiles.zones + "/root.zone"))
        text += Array("example-unknown. 86400 IN TYPE65280 \\# 6 0102 0304 0506\n".utf8)
        // Not at the apex, but not below a cut either: an authoritative name of the root zone.
        var parser = ZoneParser(text: text, origin: .root)
        var records: [ResourceRecord] = []
        while let record = try parser.next() { records.append(record) }
        var zone = try Zone(origin: .root, records: records)
        #expect(ZoneDigest.verify(zone).status == .failed)
        let replacement = try #require(ZoneDigest.record(for: zone, algorithm: .sha384))
        records.removeAll { $0.type == .zonemd }
        records.append(replacement)
        zone = try Zone(origin: .root, records: records)
        #expect(zone.rrset(try DomainName("example-unknown."), RRType(65280))?.records.first?.rdata == [1, 2, 3, 4, 5, 6])
        #expect(ZoneDigest.verify(zone).status == .verified)
    }
}

import DNSResolver
import DNSWire
import DNSZone
import Foundation
import Synchronization
import Testing

/// The local root on the real root zone of Zones/ (serial 2026073102, signatures valid 2026-07-31 19:00
/// to 2026-08-13 20:00 UTC): verification, the answers it gives, staleness, refusals.
struct LocalRootTests {
    static let zones = String(#filePath.prefix(upTo: #filePath.range(of: "/Tests/")?.lowerBound ?? #filePath.endIndex)) + "/Zones"
    /// 2026-08-01 00:00:00 UTC, inside the signature window.
    static let august1: UInt64 = 1_785_542_400
    static let text: [UInt8] = ZoneFileRead.bytes(zones + "/root.zone")

    static func anchor() throws -> TrustAnchor {
        try TrustAnchor.load(path: zones + "/root.key", at: nil)
    }

    /// Verified once for every test (a whole-zone DNSSEC check takes seconds in a debug build).
    static let copy: Result<LocalRootCopy, LocalRootRefusal>? = try? LocalRootVerifier.verify(
        text: text, source: "Zones/root.zone", trustAnchor: anchor(), at: august1, lastAcceptedSerial: nil)

    static func verified() throws -> LocalRootCopy {
        try #require(copy).get()
    }

    static func query(_ name: String, _ type: RRType) throws -> Message {
        var query = Message(header: Header(id: 9, flags: 0), questions: [Question(try DomainName(name), type)])
        query.edns = EDNS(udpPayloadSize: 1232, dnssecOK: true)
        return query
    }

    @Test func theShippedRootZoneVerifiesAndReferrals() throws {
        let copy = try Self.verified()
        #expect(copy.serial == 2026073102)
        let referral = copy.response(to: try Self.query("www.example.com.", .a))
        #expect(!referral.header.isAuthoritative)
        #expect(referral.authorities.filter { $0.type == .ns }.count == 13)
        #expect(referral.authorities.contains { $0.type == .ds })
        #expect(referral.additionals.contains { $0.type == .a && $0.name == (try? DomainName("a.gtld-servers.net.")) })
    }

    @Test func junkTLDsGetNXDOMAINWithTheNSECProof() throws {
        let copy = try Self.verified()
        let response = copy.response(to: try Self.query("no-such-tld-preface.", .a))
        #expect(response.rcode == .nxDomain)
        #expect(response.header.isAuthoritative)
        #expect(response.authorities.first?.type == .soa)
        let nsecs = response.authorities.filter { $0.type == .nsec }
        #expect(nsecs.count == 2)
        // The covering NSEC's owner sorts before the name, its next name after it (RFC 4034 §6.1).
        let name = try DomainName("no-such-tld-preface.")
        #expect(nsecs.contains { $0.name < name && (try? NSEC(rdata: $0.rdata)).map { name < $0.nextName } == true })
    }

    @Test func apexQuestionsAreAnswered() throws {
        let copy = try Self.verified()
        let response = copy.response(to: try Self.query(".", .dnskey))
        #expect(response.header.isAuthoritative)
        #expect(response.answers.filter { $0.type == .dnskey }.count == 3)
        #expect(response.answers.contains { $0.type == .rrsig })
    }

    @Test func staleOnceTheSignaturesExpire() throws {
        let copy = try Self.verified()
        #expect(copy.staleness(at: Self.august1 + 86_400, maximumAge: 7 * 86_400) == nil)
        // 2026-08-14: past the signatures' end (and past the SOA expire of 7 days too).
        let reason = try #require(copy.staleness(at: 1_786_665_600, maximumAge: 30 * 86_400))
        #expect(reason.contains("expired on 2026-08-13"))
        #expect(copy.staleness(at: Self.august1 + 3 * 86_400, maximumAge: 2 * 86_400)?.contains("maximum age") == true)
    }

    @Test func refusedWhenExpiredCorruptedOrOlder() throws {
        let anchor = try Self.anchor()
        // 2026-11-25: every signature has expired.
        let expired = LocalRootVerifier.verify(text: Self.text, source: "t", trustAnchor: anchor, at: 1_795_564_800, lastAcceptedSerial: nil)
        #expect(expired.refusal?.stage == .dnssec)
        // One octet of glue changed: the digest no longer matches.
        var text = String(decoding: Self.text, as: UTF8.self)
        text = text.replacingFirst("198.41.0.4", with: "198.41.0.5")
        let corrupted = LocalRootVerifier.verify(text: Array(text.utf8), source: "t", trustAnchor: anchor, at: Self.august1, lastAcceptedSerial: nil)
        #expect(corrupted.refusal?.stage == .zonemd)
        let older = LocalRootVerifier.verify(text: Self.text, source: "t", trustAnchor: anchor, at: Self.august1, lastAcceptedSerial: 2026080100)
        #expect(older.refusal?.stage == .serial)
    }

    @Test func stateChangesAreReportedOnceAndTheCopyStopsBeingUsedWhenStale() throws {
        let clock = Mutex(Self.august1)
        let changes = Mutex<[LocalRoot.Status]>([])
        let localRoot = LocalRoot(maximumAge: 30 * 86_400, wallClock: { clock.withLock { $0 } },
                                  onChange: { status in changes.withLock { $0.append(status) } })
        #expect(localRoot.usableCopy() == nil)
        localRoot.install(try Self.verified())
        #expect(localRoot.usableCopy() != nil)
        #expect(localRoot.usableCopy() != nil)
        clock.withLock { $0 = 1_786_665_600 }
        #expect(localRoot.usableCopy() == nil)
        #expect(localRoot.usableCopy() == nil)
        let seen = changes.withLock { $0 }
        #expect(seen.map(\.inUse) == [true, false])
        #expect(seen.last?.reason.contains("stale") == true)
    }
}

extension Result where Failure == LocalRootRefusal {
    var refusal: LocalRootRefusal? {
        if case .failure(let refusal) = self { return refusal }
        return nil
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

enum ZoneFileRead {
    static func bytes(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { Array($0) } ?? []
    }
}

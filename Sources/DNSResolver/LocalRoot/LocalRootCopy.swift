import DNSWire
import DNSZone

/// A copy of the root zone that passed every check (RFC 8806 §2: "the resolver MUST verify the
/// contents"): ZONEMD verified, DNSSEC secure to the trust anchor, fresh when loaded. It answers the
/// resolver's own root-level questions the way a root server would: referrals to the TLDs with
/// their glue, the apex RRsets, and NXDOMAIN (with the NSEC proof) for names that do not exist.
public struct LocalRootCopy: Sendable {
    public let zone: Zone
    public var serial: UInt32 { zone.soa.serial }
    /// Wall-clock seconds since 1970 when it was verified.
    public let verifiedAt: UInt64
    /// The earliest expiry among the signatures its verification used: stale from then on.
    public let signaturesValidUntil: UInt64
    /// Where it came from, for logs (`file Zones/root.zone`, `AXFR 127.0.0.1:53`…).
    public let source: String
    /// NSEC RRsets in canonical order, for NXDOMAIN proofs.
    private let nsecs: [RRset]

    init(zone: Zone, verifiedAt: UInt64, signaturesValidUntil: UInt64, source: String) {
        self.zone = zone
        self.verifiedAt = verifiedAt
        self.signaturesValidUntil = signaturesValidUntil
        self.source = source
        self.nsecs = zone.rrsets.filter { $0.type == .nsec }
    }

    /// Why the copy may not be used at `now` (seconds since 1970), or `nil` when it may. Stale means
    /// (DESIGN §2): past the earliest expiry of the signatures it relies on, past the SOA expire
    /// since it was verified, or past `maximumAge` since then.
    public func staleness(at now: UInt64, maximumAge: UInt64) -> String? {
        if now > signaturesValidUntil {
            return "its signatures expired on \(TimeText.readable(signaturesValidUntil))"
        }
        if now > verifiedAt + UInt64(zone.soa.expire) {
            return "it was verified \(now - verifiedAt) s ago, past the SOA expire of \(zone.soa.expire) s"
        }
        if now > verifiedAt + maximumAge {
            return "it was verified \(now - verifiedAt) s ago, past the configured maximum age of \(maximumAge) s"
        }
        return nil
    }

    /// The response a root server gives to `query` (one question).
    public func response(to query: Message) -> Message {
        var reply = Message(header: Header(id: query.header.id, flags: 0x8000), questions: query.questions)
        guard let question = query.questions.first, question.class == zone.class else {
            reply.rcode = .refused
            return reply
        }
        let signed = query.edns?.dnssecOK ?? false
        if signed || query.edns != nil { reply.edns = EDNS(udpPayloadSize: 1232, dnssecOK: signed) }
        let name = question.name
        let tld = name.ancestor(labels: 1)
        if !name.isRoot, let delegation = zone.rrset(tld, .ns), !(question.type == .ds && name == tld) {
            // RFC 1034 §4.3.2 step 3b: a referral, with the DS RRset (or its absence proven) when signed.
            reply.authorities = delegation.records
            if signed {
                if let ds = zone.rrset(tld, .ds) {
                    reply.authorities += ds.records + signatures(tld, covering: .ds)
                } else if let nsec = zone.rrset(tld, .nsec) {
                    reply.authorities += nsec.records + signatures(tld, covering: .nsec)
                }
            }
            for target in delegation.records.compactMap({ try? DomainName(wire: $0.rdata) }) {
                for type in [RRType.a, .aaaa] { reply.additionals += zone.rrset(target, type)?.records ?? [] }
            }
            if signed || query.edns != nil { reply.edns = EDNS(udpPayloadSize: 1232, dnssecOK: signed) }
            return reply
        }
        reply.header.isAuthoritative = true
        if name.isRoot || (question.type == .ds && name == tld && zone.rrset(tld, .ns) != nil) {
            if let rrset = zone.rrset(name, question.type) {
                reply.answers = rrset.records + (signed ? signatures(name, covering: question.type) : [])
            } else {
                reply.authorities = negative(proving: name, signed: signed, nameError: false)
            }
            return reply
        }
        // RFC 1034 §4.3.2 step 3c: below the root, only delegations exist.
        reply.rcode = .nxDomain
        reply.authorities = negative(proving: name, signed: signed, nameError: true)
        return reply
    }

    private func signatures(_ name: DomainName, covering type: RRType) -> [ResourceRecord] {
        (zone.rrset(name, .rrsig)?.records ?? []).filter { (try? RRSIG(rdata: $0.rdata))?.typeCovered == type }
    }

    /// The SOA and, when signed, the NSEC records that prove the answer (RFC 4035 §3.1.3): for a name
    /// error the NSEC covering the name and the one covering the wildcard `*.` (the apex NSEC).
    private func negative(proving name: DomainName, signed: Bool, nameError: Bool) -> [ResourceRecord] {
        var records = [zone.soaRecord]
        guard signed else { return records }
        records += signatures(zone.origin, covering: .soa)
        var proofs: [RRset] = []
        if nameError {
            if let covering = nsecs.last(where: { $0.name < name }) { proofs.append(covering) }
            if let apex = zone.rrset(zone.origin, .nsec), !proofs.contains(where: { $0.name == apex.name }) { proofs.append(apex) }
        } else if let own = zone.rrset(name, .nsec) {
            proofs.append(own)
        }
        for proof in proofs { records += proof.records + signatures(proof.name, covering: .nsec) }
        return records
    }
}

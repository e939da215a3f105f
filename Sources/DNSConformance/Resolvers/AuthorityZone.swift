import DNSWire

/// One zone the runner serves authoritatively, on an address of its own.
public struct AuthorityZone: Sendable, Hashable {
    public var origin: DomainName
    /// The loopback address its server listens on (port 53).
    public var address: String
    public var ordering: AnswerOrdering
    /// Appended to every non-empty answer section, off the chain (a careless server).
    public var appended: [ResourceRecord] = []
    /// Every record of the zone: SOA and NS at the apex, data, delegations (NS below the apex)
    /// and their glue.
    public var records: [ResourceRecord]

    /// What the zone holds for one name and type (RFC 1034 §4.3.2, steps 3a–3c, one zone only).
    enum Lookup: Equatable {
        /// The name is at or below a delegation: the child zone's NS RRset.
        case referral(cut: DomainName)
        /// The RRset of the asked type, its RRSIGs after it when asked with DO.
        case answer([ResourceRecord])
        /// A CNAME at the name, or a DNAME above it and the CNAME synthesised from it (RFC 6672
        /// §3.1): the records, and the name to look at next.
        case alias([ResourceRecord], next: DomainName)
        /// The name exists (perhaps as an empty non-terminal), without the asked type.
        case noData
        case nameError
    }

    /// `name` (at or below `origin`) and `type`, as this zone answers it.
    func lookup(_ name: DomainName, _ type: RRType, dnssecOK: Bool) -> Lookup {
        // Delegations: the highest cut on the way down from the apex. The DS RRset of a cut lives
        // in the parent (RFC 4034 §5), so a DS query at the cut itself is answered here.
        if let cut = delegation(above: name), !(type == .ds && name == cut) { return .referral(cut: cut) }
        if let dname = dname(above: name) { return dname }
        let owned = records.filter { $0.name == name }
        func withSignatures(_ rrset: [ResourceRecord], _ covered: RRType) -> [ResourceRecord] {
            guard dnssecOK else { return rrset }
            return rrset + owned.filter { $0.type == .rrsig && (try? RRSIG(rdata: $0.rdata))?.typeCovered == covered }
        }
        // RFC 1034 §3.6.2: a CNAME owner has no other data; a CNAME query gets the CNAME itself.
        if type != .cname, let alias = owned.first(where: { $0.type == .cname }), let target = try? DomainName(wire: alias.rdata) {
            return .alias(withSignatures([alias], .cname), next: target)
        }
        let rrset = owned.filter { $0.type == type }
        if !rrset.isEmpty { return .answer(withSignatures(rrset, type)) }
        // RFC 8020: a name with descendants exists (an empty non-terminal), so it is NODATA.
        return records.contains(where: { $0.name.isSubdomain(of: name) }) ? .noData : .nameError
    }

    /// The owner of the highest NS RRset strictly below the apex that is `name` or above it.
    func delegation(above name: DomainName) -> DomainName? {
        ancestors(of: name, includingSelf: true).first { candidate in
            records.contains { $0.type == .ns && $0.name == candidate }
        }
    }

    /// A DNAME at a proper ancestor of `name` (RFC 6672 §2.2), the highest one, as an alias.
    private func dname(above name: DomainName) -> Lookup? {
        for ancestor in (name != origin ? [origin] : []) + ancestors(of: name, includingSelf: false) {
            guard let dname = records.first(where: { $0.type == .dname && $0.name == ancestor }),
                  let target = try? DomainName(wire: dname.rdata),
                  let rewritten = try? name.replacingSuffix(ancestor, with: target) else { continue }
            let synthesised = ResourceRecord(name: name, type: .cname, ttl: dname.ttl, rdata: rewritten.wire)
            return .alias([dname, synthesised], next: rewritten)
        }
        return nil
    }

    /// The names strictly between the apex and `name` (and `name` itself when asked), highest first.
    private func ancestors(of name: DomainName, includingSelf: Bool) -> [DomainName] {
        var result: [DomainName] = []
        var current: DomainName? = includingSelf ? name : name.parent
        while let candidate = current, candidate != origin, candidate.isSubdomain(of: origin) {
            result.append(candidate)
            current = candidate.parent
        }
        return result.reversed()
    }

    /// The addresses the zone knows for `host` (glue, or its own data).
    func addresses(of host: DomainName) -> [ResourceRecord] {
        records.filter { ($0.type == .a || $0.type == .aaaa) && $0.name == host }
    }

    /// The apex SOA, for the authority section of negative answers (RFC 2308 §3).
    var soa: [ResourceRecord] {
        records.filter { $0.type == .soa && $0.name == origin }
    }
}

import DNSWire

/// One RRset taken from an upstream response: its records (same owner, type and class, possibly
/// gathered from several places in the section), the RRSIGs covering it, and how credible it is.
struct ReceivedRRset {
    var owner: DomainName
    var type: RRType
    var `class`: RRClass
    var rdatas: [[UInt8]] = []
    var signatures: [[UInt8]] = []
    /// RFC 2181 §5.2: an RRset's TTL is the smallest of its records'.
    var ttl: UInt32 = .max
    var credibility: Credibility

    var key: CacheKey { CacheKey(owner, type, `class`) }
}

/// What an upstream response means for the question that was asked, after scrubbing: only RRsets on
/// the chain from the asked name and inside the server's zone (its bailiwick) are kept; everything else
/// in the answer section is dropped, whatever order it came in. Unbound's `iter_scrub.c` does the same.
struct UpstreamResponse {
    enum Kind: Equatable {
        /// The chain from the asked name, as far as this zone holds it (maybe to the final RRset, maybe
        /// leaving the zone), or a negative answer for its last name.
        case answer
        /// A delegation to `child`, a zone below the server's.
        case referral(child: DomainName)
        /// The server is not a usable authority for the zone (refused, failed, or answered like a
        /// recursive server or an upward referral).
        case lame(String)
    }

    var kind: Kind
    /// RRsets to cache, in chain order.
    var rrsets: [ReceivedRRset] = []
    /// For `.referral`: the child's NS RRset and the in-bailiwick addresses of its servers.
    var delegation: ReceivedRRset?
    var glue: [ReceivedRRset] = []
    /// A negative answer for the last name of the chain.
    var negative: (key: CacheKey, kind: NegativeEntry.Kind, authority: [ResourceRecord], ttl: UInt32)?

    /// Scrubs `message`, the response of a server for `zone` to `question`.
    init(_ message: Message, zone: DomainName, question: Question, chainLimit: Int) {
        let rcode = message.rcode
        guard rcode == .noError || rcode == .nxDomain else {
            self.kind = .lame("answered \(rcode)")
            return
        }
        func inZone(_ name: DomainName) -> Bool { name.isSubdomain(of: zone) }
        let credibility: Credibility = message.header.isAuthoritative ? .authoritativeAnswer : .nonAuthoritativeAnswer
        let answers = Self.group(message.answers, class: question.class, credibility: credibility)

        // The chain from the asked name, RRset by RRset, only while it stays in the zone.
        var rrsets: [ReceivedRRset] = []
        var name = question.name
        var final = false
        var visited: Set<DomainName> = [name]
        chain: while rrsets.count <= chainLimit * 2, inZone(name) {
            if let dname = Self.dname(above: name, class: question.class, in: answers, zone: zone),
               let target = try? DomainName(wire: dname.rdatas[0]),
               let rewritten = try? name.replacingSuffix(dname.owner, with: target) {
                // RFC 6672 §3.4: the synthesised CNAME is not cached; answers make their own from the DNAME.
                rrsets.append(dname)
                guard visited.insert(rewritten).inserted else { break chain }
                name = rewritten
                continue
            }
            if let rrset = answers[CacheKey(name, question.type, question.class)] {
                rrsets.append(rrset)
                final = true
                break
            }
            if question.type != .cname, let alias = answers[CacheKey(name, .cname, question.class)],
               let target = try? DomainName(wire: alias.rdatas[0]) {
                rrsets.append(alias)
                guard visited.insert(target).inserted else { break chain }
                name = target
                continue
            }
            break
        }
        self.rrsets = rrsets
        self.kind = .answer
        guard !final, inZone(name) else { return }

        // The chain stops inside the zone: a negative answer for its last name, or a referral.
        let authority = message.authorities.filter { $0.class == question.class && inZone($0.name) }
        let lastKey = CacheKey(name, question.type, question.class)
        if let soa = authority.first(where: { $0.type == .soa && name.isSubdomain(of: $0.name) }) {
            // RFC 2308 §5: the negative TTL is the smaller of the SOA's TTL and its MINIMUM field.
            let minimum = (try? SOA(rdata: soa.rdata))?.minimum ?? 0
            let proof = authority.filter { [.soa, .rrsig, .nsec, .nsec3].contains($0.type) }
            negative = (lastKey, rcode == .nxDomain ? .nameError : .noData, proof, min(soa.ttl, minimum))
            return
        }
        if rcode == .nxDomain {
            // No SOA to say how long: good for this answer only.
            negative = (lastKey, .nameError, [], 0)
            return
        }
        guard rrsets.isEmpty else { return }
        // A referral: the deepest NS RRset below the zone at or above the name (RFC 1034 §4.3.2 step 3b).
        let cuts = Self.group(authority.filter { $0.type == .ns }, class: question.class, credibility: .additional)
            .values.filter { $0.owner != zone && inZone($0.owner) && name.isSubdomain(of: $0.owner) }
        if let ns = cuts.max(by: { $0.owner.labelCount < $1.owner.labelCount }) {
            let serverNames = Set(ns.rdatas.compactMap { try? DomainName(wire: $0) })
            // Glue only for the delegation's servers, and only inside the zone that sent it.
            let addresses = message.additionals.filter {
                ($0.type == .a || $0.type == .aaaa) && $0.class == question.class && inZone($0.name) && serverNames.contains($0.name)
            }
            kind = .referral(child: ns.owner)
            delegation = ns
            glue = Array(Self.group(addresses, class: question.class, credibility: .additional).values)
            return
        }
        if message.header.isAuthoritative {
            // NODATA without an SOA (RFC 2308 §2.2 type 3): good for this answer only.
            negative = (lastKey, .noData, [], 0)
            return
        }
        kind = .lame(message.authorities.contains { $0.type == .ns } ? "referral outside the zone \(zone)" : "neither an answer nor a referral for \(zone)")
    }

    /// Records grouped into RRsets by (owner, type, class), RRSIGs attached to the RRset they cover.
    static func group(_ records: [ResourceRecord], class: RRClass, credibility: Credibility) -> [CacheKey: ReceivedRRset] {
        var groups: [CacheKey: ReceivedRRset] = [:]
        for record in records where record.class == `class` && record.type != .rrsig && record.type != .opt {
            let key = CacheKey(record.name, record.type, record.class)
            var group = groups[key] ?? ReceivedRRset(owner: record.name, type: record.type, class: record.class, credibility: credibility)
            if !group.rdatas.contains(record.rdata) { group.rdatas.append(record.rdata) }
            group.ttl = min(group.ttl, record.ttl)
            groups[key] = group
        }
        for record in records where record.type == .rrsig && record.class == `class` {
            guard let covered = try? RRSIG(rdata: record.rdata).typeCovered else { continue }
            groups[CacheKey(record.name, covered, record.class)]?.signatures.append(record.rdata)
        }
        return groups
    }

    /// The DNAME RRset at the closest proper ancestor of `name` inside `zone`.
    static func dname(above name: DomainName, class: RRClass, in groups: [CacheKey: ReceivedRRset], zone: DomainName) -> ReceivedRRset? {
        var ancestor = name.parent
        while let owner = ancestor, owner.isSubdomain(of: zone) {
            if let dname = groups[CacheKey(owner, .dname, `class`)], !dname.rdatas.isEmpty { return dname }
            ancestor = owner.parent
        }
        return nil
    }
}

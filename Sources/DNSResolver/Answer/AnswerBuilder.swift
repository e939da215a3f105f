import DNSWire

/// Builds every answer Preface gives — the one place an answer section is written.
///
/// The invariant (DESIGN "The invariant"; RFC 1034 §4.3.1, §3.6.2; RFC 6672 §3.4): the answer section
/// starts with the RRset owned by the query name; each following CNAME/DNAME RRset is owned by the
/// target of the one before it; each RRset is followed directly by its RRSIGs (with DO); the final
/// RRset comes last; nothing off the chain. It holds by construction: the section is written while the
/// chain is walked, hop by hop, from the query name through the cache, so there is no list of records to
/// merge or reorder. A hop that is missing or expired stops the walk and names where resolution must
/// resume.
public enum AnswerBuilder {
    public enum Outcome: Hashable, Sendable {
        /// A whole response is in the buffer.
        case answered(RCode)
        /// The chain cannot be completed from what is known: resolve this name and type, then build again.
        case missing(CacheKey)
        /// More CNAME/DNAME links than the limit allows (or a loop); nothing usable is in the buffer.
        case chainTooLong(DomainName)
    }

    /// Writes the response to `query` from the cache (and the RRsets pinned by the current resolution)
    /// at `now` into `output`. With `stale`, expired entries within the stale retention count too and
    /// are given the stale TTL (RFC 8767 §4). `maximumSize` is the client's limit: a larger response is
    /// sent empty with TC set (RFC 2181 §9), and the client asks again over TCP.
    public static func build(_ query: ClientQuery, cache: inout RRsetCache, pinned: PinnedRRsets = .none,
                             at now: Moment, stale: Bool = false, chainLimit: Int = ResolverLimits().maximumChainLength,
                             error: ExtendedDNSError? = nil, maximumSize: Int = WireLimits.maximumMessageSize,
                             into output: inout [UInt8]) -> Outcome {
        let question = query.question
        let signed = query.dnssecOK
        let staleTTL = cache.policy.staleAnswerTTL
        var answerCount = 0
        var authorityCount = 0
        /// The TTL to write: what is left, or the stale TTL for an entry served past its expiry.
        func ttl(_ remaining: UInt32, fresh: Bool) -> UInt32 { fresh || !stale ? remaining : staleTTL }
        func positive(_ key: CacheKey) -> CachedRRset? {
            pinned.rrset(key) ?? cache.rrset(key, at: now, stale: stale)
        }
        /// Writes `rrset` (and its RRSIGs when signed) with its owner at `owner`; returns the offset of
        /// its first RDATA.
        func write(_ rrset: CachedRRset, owner: Int?) -> Int {
            let remaining = ttl(rrset.remainingTTL(at: now), fresh: rrset.isFresh(at: now))
            var first = output.count
            for (index, rdata) in rrset.rdatas.enumerated() {
                let at = ResponseEncoding.appendRecord(name: rrset.owner, pointingTo: owner, type: rrset.type, class: rrset.class,
                                                       ttl: remaining, rdata: rdata, to: &output)
                if index == 0 { first = at }
            }
            if signed {
                for signature in rrset.signatures {
                    ResponseEncoding.appendRecord(name: rrset.owner, pointingTo: owner, type: .rrsig, class: rrset.class,
                                                  ttl: remaining, rdata: signature, to: &output)
                }
            }
            answerCount += rrset.rdatas.count + (signed ? rrset.signatures.count : 0)
            return first
        }

        ResponseEncoding.startResponse(query, into: &output)
        var rcode = RCode.noError
        var name = question.name
        // Where a whole copy of `name` sits in the buffer, for the next owner's pointer.
        var nameOffset: Int? = Header.size
        var links = 0

        walk: while true {
            // RFC 6672 §2.2, §3.4: a DNAME above the name rewrites it; the CNAME synthesised from it
            // (TTL of the DNAME) follows it.
            if cache.mayHoldDNAME || !pinned.dnameOwners.isEmpty,
               let (dname, target) = dname(above: name, question.class,
                                           owners: pinned.dnameOwners.isEmpty ? cache.dnameOwners : cache.dnameOwners.union(pinned.dnameOwners),
                                           positive) {
                links += 1
                guard links <= chainLimit else { return .chainTooLong(question.name) }
                let dnameTTL = ttl(dname.remainingTTL(at: now), fresh: dname.isFresh(at: now))
                _ = write(dname, owner: nil)
                let targetOffset = ResponseEncoding.appendRecord(name: name, pointingTo: nameOffset, type: .cname,
                                                                 class: question.class, ttl: dnameTTL, rdata: target.wire, to: &output)
                answerCount += 1
                name = target
                nameOffset = targetOffset
                continue walk
            }
            if let final = positive(CacheKey(name, question.type, question.class)) {
                _ = write(final, owner: nameOffset)
                break walk
            }
            if question.type != .cname, let alias = positive(CacheKey(name, .cname, question.class)), let target = alias.aliasTarget {
                links += 1
                guard links <= chainLimit else { return .chainTooLong(question.name) }
                nameOffset = write(alias, owner: nameOffset)
                name = target
                continue walk
            }
            let key = CacheKey(name, question.type, question.class)
            if let negative = pinned.negativeAnswer(key) ?? cache.negativeAnswer(key, at: now, stale: stale) {
                // RFC 2308 §5: the SOA's TTL counts down like any other; RFC 6604 §3: the RCODE is the
                // last name's.
                let remaining = ttl(now.seconds(until: negative.expires), fresh: negative.isFresh(at: now))
                for record in negative.authority where signed || (record.type != .rrsig && record.type != .nsec && record.type != .nsec3) {
                    ResponseEncoding.appendRecord(name: record.name, pointingTo: nil, type: record.type, class: record.class,
                                                  ttl: min(remaining, record.ttl), rdata: record.rdata, to: &output)
                    authorityCount += 1
                }
                if negative.kind == .nameError { rcode = .nxDomain }
                break walk
            }
            return .missing(key)
        }

        var additionals = 0
        if query.edns != nil {
            ResponseEncoding.appendOPT(for: query, error: error, to: &output)
            additionals = 1
        }
        guard output.count <= maximumSize else {
            ResponseEncoding.emptyResponse(query, rcode: rcode, error: error, truncated: true, into: &output)
            return .answered(rcode)
        }
        ResponseEncoding.setHeader(flags: ResponseEncoding.flags(for: query, rcode: rcode), answers: answerCount,
                                   authorities: authorityCount, additionals: additionals, in: &output)
        return .answered(rcode)
    }

    /// The DNAME at the closest proper ancestor of `name` among `owners`, and the name it rewrites
    /// `name` to (RFC 6672 §2.2).
    private static func dname(above name: DomainName, _ class: RRClass, owners: Set<DomainName>,
                              _ positive: (CacheKey) -> CachedRRset?) -> (CachedRRset, DomainName)? {
        var best: (CachedRRset, DomainName)?
        for owner in owners where owner != name && name.isSubdomain(of: owner) && owner.wire.count > (best?.0.owner.wire.count ?? -1) {
            if let dname = positive(CacheKey(owner, .dname, `class`)), let target = dname.aliasTarget,
               let rewritten = try? name.replacingSuffix(owner, with: target) {
                best = (dname, rewritten)
            }
        }
        return best
    }
}

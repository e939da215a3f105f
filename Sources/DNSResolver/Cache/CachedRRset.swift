import DNSWire

/// What the cache is keyed by: owner (compared without letter case), type and class (RFC 2181 §5).
public struct CacheKey: Hashable, Sendable {
    public var name: DomainName
    public var type: RRType
    public var `class`: RRClass

    public init(_ name: DomainName, _ type: RRType, _ class: RRClass = .in) {
        self.name = name
        self.type = type
        self.class = `class`
    }

    /// The key of a name error (NXDOMAIN), which covers every type at the name (RFC 2308 §5).
    static func nameError(_ name: DomainName, _ class: RRClass) -> CacheKey { CacheKey(name, RRType(0), `class`) }
}

/// One RRset as cached: its records' RDATA, the RRSIGs that cover it, and when it expires. Immutable
/// but for `lastUsed`, which only the cache touches, under its lock.
public final class CachedRRset: @unchecked Sendable {
    public let owner: DomainName
    public let type: RRType
    public let `class`: RRClass
    /// The RDATA of each record, in the order received.
    public let rdatas: [[UInt8]]
    /// RDATA of the RRSIG records covering this RRset (same owner and class), in the order received.
    public let signatures: [[UInt8]]
    /// The TTL it was stored with (after the cache's floor and ceiling).
    public let ttl: UInt32
    public let expires: Moment
    public let credibility: Credibility
    /// For a CNAME or DNAME: the target, read once here so answer walks allocate nothing.
    public let aliasTarget: DomainName?
    /// Approximate bytes held, for the memory budget.
    let size: Int
    /// Last time it was read or written, for eviction. Touched under the cache's lock only.
    var lastUsed: Moment

    public init(owner: DomainName, type: RRType, class: RRClass, rdatas: [[UInt8]], signatures: [[UInt8]],
                ttl: UInt32, storedAt now: Moment, credibility: Credibility) {
        self.owner = owner
        self.type = type
        self.class = `class`
        self.rdatas = rdatas
        self.signatures = signatures
        self.ttl = ttl
        self.expires = now.adding(seconds: ttl)
        self.credibility = credibility
        self.aliasTarget = (type == .cname || type == .dname) ? rdatas.first.flatMap { try? DomainName(wire: $0) } : nil
        self.lastUsed = now
        self.size = 96 + owner.wire.count + rdatas.reduce(0) { $0 + $1.count + 24 } + signatures.reduce(0) { $0 + $1.count + 24 }
    }

    /// Seconds left at `now` (0 once expired).
    public func remainingTTL(at now: Moment) -> UInt32 { now.seconds(until: expires) }

    public func isFresh(at now: Moment) -> Bool { now < expires }

    /// The records, with `ttl` as their TTL; RRSIGs after them when `signed`.
    public func records(ttl: UInt32, signed: Bool) -> [ResourceRecord] {
        var records = rdatas.map { ResourceRecord(name: owner, type: type, class: `class`, ttl: ttl, rdata: $0) }
        if signed {
            records += signatures.map { ResourceRecord(name: owner, type: .rrsig, class: `class`, ttl: ttl, rdata: $0) }
        }
        return records
    }
}

/// A cached negative answer (RFC 2308): the name does not exist (`nameError`), or it has no data of
/// the type (`noData`). Holds the authority records to send with it: the SOA and, when the upstream
/// sent them, RRSIGs and the NSEC/NSEC3 proof.
public final class NegativeEntry: @unchecked Sendable {
    public enum Kind: Sendable { case nameError, noData }

    public let kind: Kind
    public let authority: [ResourceRecord]
    public let ttl: UInt32
    public let expires: Moment
    let size: Int
    var lastUsed: Moment

    public init(kind: Kind, authority: [ResourceRecord], ttl: UInt32, storedAt now: Moment) {
        self.kind = kind
        self.authority = authority
        self.ttl = ttl
        self.expires = now.adding(seconds: ttl)
        self.lastUsed = now
        self.size = 96 + authority.reduce(0) { $0 + $1.name.wire.count + $1.rdata.count + 48 }
    }

    public func isFresh(at now: Moment) -> Bool { now < expires }
}

import DNSWire

/// The RRsets and negative answers accepted while resolving one client query. The answer to that query
/// may use them whatever their TTL (0 included, RFC 1035 §3.2.1) and whether or not the cache kept
/// them, so a full cache or a short TTL can never stop a resolution from finishing.
public struct PinnedRRsets: Sendable {
    var positive: [CacheKey: CachedRRset] = [:]
    var negative: [CacheKey: NegativeEntry] = [:]
    var dnameOwners: Set<DomainName> = []

    public init() {}

    public static let none = PinnedRRsets()

    public var isEmpty: Bool { positive.isEmpty && negative.isEmpty }

    mutating func pin(_ rrset: CachedRRset) {
        positive[CacheKey(rrset.owner, rrset.type, rrset.class)] = rrset
        if rrset.type == .dname { dnameOwners.insert(rrset.owner) }
    }

    mutating func pin(_ entry: NegativeEntry, for key: CacheKey) {
        negative[entry.kind == .nameError ? CacheKey.nameError(key.name, key.class) : key] = entry
    }

    func rrset(_ key: CacheKey) -> CachedRRset? { positive.isEmpty ? nil : positive[key] }

    func negativeAnswer(_ key: CacheKey) -> NegativeEntry? {
        negative.isEmpty ? nil : negative[CacheKey.nameError(key.name, key.class)] ?? negative[key]
    }
}

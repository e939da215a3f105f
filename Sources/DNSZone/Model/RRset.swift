import DNSWire

/// The records of one owner name, type and class (RFC 2181 §5): the unit DNSSEC signs and the
/// unit a zone is ordered in.
public struct RRset: Hashable, Sendable {
    public let name: DomainName
    public let type: RRType
    public let `class`: RRClass
    /// In canonical order (RFC 4034 §6.3), duplicates removed; each record keeps its own TTL, so a
    /// zone with mixed TTLs is digested as written (RFC 8976 §3.3.1).
    public let records: [ResourceRecord]
    /// Each record's RDATA in canonical form (RFC 4034 §6.2), in the same order as `records`.
    public let canonicalRData: [[UInt8]]
    /// How many records were dropped as duplicates of another (equal canonical RDATA).
    public let duplicatesRemoved: Int

    /// Groups records that share name, type and class: sorts them canonically and drops repeats.
    /// The caller guarantees `records` is not empty and shares one name, type and class.
    init(sameKey records: ArraySlice<ResourceRecord>) {
        let first = records[records.startIndex] // trap-ok: the caller passes a non-empty group
        self.name = first.name
        self.type = first.type
        self.class = first.class
        guard records.count > 1 else {
            self.records = [first]
            self.canonicalRData = [first.canonicalRData]
            self.duplicatesRemoved = 0
            return
        }
        let pairs = records.map { ($0, $0.canonicalRData) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
        var kept: [ResourceRecord] = []
        var canonical: [[UInt8]] = []
        kept.reserveCapacity(pairs.count)
        canonical.reserveCapacity(pairs.count)
        for (record, rdata) in pairs where canonical.last != rdata {
            kept.append(record)
            canonical.append(rdata)
        }
        self.records = kept
        self.canonicalRData = canonical
        self.duplicatesRemoved = records.count - kept.count
    }

    /// The TTL of the first record (all records of an RRset should share it: RFC 2181 §5.2).
    public var ttl: UInt32 { records.first?.ttl ?? 0 }

    /// Whether the records disagree on TTL, which RFC 2181 §5.2 deprecates.
    public var hasMixedTTLs: Bool { records.contains { $0.ttl != ttl } }
}

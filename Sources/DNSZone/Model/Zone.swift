import DNSWire

/// A zone: its origin, its SOA, and every RRset at or below the origin in canonical order
/// (RFC 4034 §6.1 for names, then type), each marked with the authority it has there — the
/// model ZONEMD digests and DNSSEC verifies.
public struct Zone: Sendable {
    public let origin: DomainName
    /// The class of the SOA; every record must share it (RFC 1035 §5.2).
    public let `class`: RRClass
    /// The SOA record at the apex.
    public let soaRecord: ResourceRecord
    public let soa: SOA
    /// Every RRset at or below the origin, in canonical order.
    public let rrsets: [RRset]
    /// What each RRset of `rrsets` is (same indices).
    public let authorities: [Authority]
    /// Records above or beside the origin: kept out of the model (RFC 8976 §3.3: not digested).
    public let outOfZone: [ResourceRecord]

    /// What an RRset is, by where it sits relative to zone cuts (RFC 1034 §4.2.1, RFC 4035 §2.2,
    /// RFC 6672 §2.4).
    public enum Authority: Hashable, Sendable {
        /// Data the zone answers for; signed when the zone is signed. Includes DS and NSEC at a cut.
        case authoritative
        /// The NS RRset at a zone cut (not signed: RFC 4035 §2.2).
        case delegation
        /// An address record at or below a zone cut, needed to reach the child's servers.
        case glue
        /// Data hidden by a cut or a DNAME above it (or non-glue data at a cut): in the file, never
        /// served, still digested by ZONEMD (RFC 8976 §3.3.1).
        case occluded
    }

    /// Builds the model from parsed records.
    ///
    /// - Throws: `ZoneError` with code `.zoneContent` when there is no SOA at `origin`, more than
    ///   one different SOA, or a record whose class is not the SOA's (RFC 1035 §5.2).
    public init(origin: DomainName, records: [ResourceRecord], file: String = "<zone>") throws {
        func failure(_ reason: String) -> ZoneError { ZoneError(.zoneContent, file: file, line: 0, column: 0, reason) }
        let soas = records.filter { $0.type == .soa && $0.name == origin }
        guard let soaRecord = soas.first else {
            throw failure("no SOA record at the origin \(origin); a zone starts with one (RFC 1035 §5.2)")
        }
        if let other = soas.first(where: { $0.canonicalRData != soaRecord.canonicalRData }) {
            throw failure("two different SOA records at \(origin): serials \((try? soaRecord.view(as: SOA.self))?.serial ?? 0) and \((try? other.view(as: SOA.self))?.serial ?? 0)")
        }
        do {
            soa = try soaRecord.view(as: SOA.self)
        } catch {
            throw failure("the SOA record at \(origin) is malformed: \(error)")
        }
        if let stray = records.first(where: { $0.class != soaRecord.class }) {
            throw failure("\(stray.name) \(stray.type) is of class \(stray.class) in a zone of class \(soaRecord.class); a zone has one class (RFC 1035 §5.2)")
        }
        self.origin = origin
        self.class = soaRecord.class
        self.soaRecord = soaRecord
        var inside: [ResourceRecord] = []
        var outside: [ResourceRecord] = []
        inside.reserveCapacity(records.count)
        for record in records {
            if record.name.isSubdomain(of: origin) { inside.append(record) } else { outside.append(record) }
        }
        outOfZone = outside
        rrsets = Zone.group(inside)
        authorities = Zone.classify(rrsets, origin: origin)
    }

    /// Reads and models a zone file.
    public static func load(path: String, origin: DomainName, limits: ZoneLimits = .init()) throws -> Zone {
        let records = try ZoneParser.parseFile(path, origin: origin, limits: limits)
        return try Zone(origin: origin, records: records, file: path)
    }

    /// The RRset of `name` and `type`, found by binary search.
    public func rrset(_ name: DomainName, _ type: RRType) -> RRset? {
        var low = 0
        var high = rrsets.count
        while low < high {
            let middle = (low + high) / 2
            if Zone.precedes(rrsets[middle].name, rrsets[middle].type, name, type) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < rrsets.count, rrsets[low].name == name, rrsets[low].type == type else { return nil }
        return rrsets[low]
    }

    /// Number of records after duplicates were removed.
    public var recordCount: Int { rrsets.reduce(0) { $0 + $1.records.count } }

    /// Records by type, every record counted once.
    public var countsByType: [RRType: Int] {
        var counts: [RRType: Int] = [:]
        for rrset in rrsets { counts[rrset.type, default: 0] += rrset.records.count }
        return counts
    }

    /// Canonical order of RRsets: owner (RFC 4034 §6.1), then type.
    static func precedes(_ name: DomainName, _ type: RRType, _ otherName: DomainName, _ otherType: RRType) -> Bool {
        let order = DomainName.canonicalOrder(name, otherName)
        return order < 0 || order == 0 && type.rawValue < otherType.rawValue
    }

    /// Sorts records into canonical order and groups them into RRsets. Zone files usually list
    /// each owner's records together and owners in canonical order already, so runs of one owner
    /// are found first and only the runs are sorted, when they need it.
    private static func group(_ records: [ResourceRecord]) -> [RRset] {
        var runs: [Range<Int>] = []
        var start = 0
        for index in records.indices.dropFirst() where records[index].name != records[start].name {
            runs.append(start..<index)
            start = index
        }
        if !records.isEmpty { runs.append(start..<records.count) }
        func owner(_ run: Range<Int>) -> DomainName { records[run.lowerBound].name }
        let inOrder = zip(runs, runs.dropFirst()).allSatisfy { DomainName.canonicalOrder(owner($0), owner($1)) < 0 }
        if !inOrder { runs.sort { DomainName.canonicalOrder(owner($0), owner($1)) < 0 } }
        var result: [RRset] = []
        result.reserveCapacity(runs.count * 2)
        var index = 0
        while index < runs.count {
            // One owner: its run, plus any later runs of the same owner (now adjacent).
            var members = records[runs[index]]
            var next = index + 1
            while next < runs.count, owner(runs[next]) == owner(runs[index]) {
                members = ArraySlice(Array(members) + records[runs[next]])
                next += 1
            }
            if !zip(members, members.dropFirst()).allSatisfy({ $0.type.rawValue <= $1.type.rawValue }) {
                members = ArraySlice(members.sorted { $0.type.rawValue < $1.type.rawValue })
            }
            var typeStart = members.startIndex
            for position in members.indices.dropFirst() where members[position].type != members[typeStart].type {
                result.append(RRset(sameKey: members[typeStart..<position]))
                typeStart = position
            }
            result.append(RRset(sameKey: members[typeStart...]))
            index = next
        }
        return result
    }

    /// One pass in canonical order: the names below a cut or a DNAME follow it directly, so a
    /// stack of the enclosing cuts is enough.
    private static func classify(_ rrsets: [RRset], origin: DomainName) -> [Authority] {
        let cutNames = Set(rrsets.lazy.filter { $0.type == .ns && $0.name != origin }.map(\.name))
        var enclosing: [DomainName] = [] // cuts and DNAME owners strictly above the current name
        var result: [Authority] = []
        result.reserveCapacity(rrsets.count)
        var index = 0
        while index < rrsets.count {
            let name = rrsets[index].name
            while let last = enclosing.last, !name.isSubdomain(of: last) { enclosing.removeLast() }
            let belowCut = enclosing.contains { cutNames.contains($0) }
            let belowDNAME = !enclosing.isEmpty && !belowCut
            let atCut = cutNames.contains(name)
            var hasDNAME = false
            while index < rrsets.count, rrsets[index].name == name {
                let type = rrsets[index].type
                hasDNAME = hasDNAME || type == .dname
                let isAddress = type == .a || type == .aaaa
                if belowCut {
                    result.append(isAddress ? .glue : .occluded)
                } else if belowDNAME {
                    result.append(.occluded)
                } else if atCut {
                    // RFC 4035 §2.2: at a cut only DS and NSEC (and their RRSIGs) are the parent's.
                    switch type {
                    case .ns: result.append(.delegation)
                    case .ds, .nsec, .rrsig: result.append(.authoritative)
                    default: result.append(isAddress ? .glue : .occluded)
                    }
                } else {
                    result.append(.authoritative)
                }
                index += 1
            }
            if atCut || hasDNAME { enclosing.append(name) }
        }
        return result
    }
}

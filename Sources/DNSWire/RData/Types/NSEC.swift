/// NSEC record RDATA (RFC 4034 §4.1): the next owner name in the zone and the types at this one.
public struct NSEC: RDataView {
    public static let types: [RRType] = [.nsec]
    /// Written in its original case: RFC 6840 §5.1 removed NSEC from the types whose RDATA names
    /// are lower-cased.
    public var nextName: DomainName
    /// The types present at the owner, ascending, without repeats.
    public let types: [RRType]

    /// `types` may be in any order, with repeats; the view keeps them sorted and unique.
    public init(nextName: DomainName, types: some Sequence<RRType>) {
        self.nextName = nextName
        self.types = sortedUniqueTypes(types)
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "NSEC") { decoder in
            NSEC(nextName: try decoder.name("next domain name"), types: try decoder.typeBitmap())
        }
    }

    public func rdata() -> [UInt8] { nextName.wire + TypeBitmap.encode(types) }
}

/// CSYNC record RDATA (RFC 7477 §2.1): which parent-side records a child wants copied.
public struct CSYNC: RDataView {
    public static let types: [RRType] = [.csync]
    /// The child's SOA serial this request belongs to.
    public var serial: UInt32
    /// Bit 0 (1) immediate, bit 1 (2) soaminimum (RFC 7477 §2.1.1.2).
    public var flags: UInt16
    /// The types to synchronise, ascending, without repeats.
    public let types: [RRType]

    /// `types` may be in any order, with repeats; the view keeps them sorted and unique.
    public init(serial: UInt32, flags: UInt16, types: some Sequence<RRType>) {
        self.serial = serial
        self.flags = flags
        self.types = sortedUniqueTypes(types)
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "CSYNC") { decoder in
            CSYNC(serial: try decoder.uint32("CSYNC SOA serial"), flags: try decoder.uint16("CSYNC flags"),
                  types: try decoder.typeBitmap())
        }
    }

    /// RFC 7477 §2.1.1.2.1: act without waiting for the serial to be seen.
    public var isImmediate: Bool { flags & 0x0001 != 0 }
    /// RFC 7477 §2.1.1.2.2: only act if the child's SOA serial is at least `serial`.
    public var usesSOAMinimum: Bool { flags & 0x0002 != 0 }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint32(serial)
        encoder.uint16(flags)
        encoder.bytes(TypeBitmap.encode(types))
        return encoder.output
    }
}

/// Types ascending without repeats, the order a type bitmap gives them back in.
func sortedUniqueTypes(_ types: some Sequence<RRType>) -> [RRType] {
    var result = types.sorted()
    var kept = 0
    for type in result where kept == 0 || result[kept - 1] != type {
        result[kept] = type
        kept += 1
    }
    result.removeSubrange(kept...)
    return result
}

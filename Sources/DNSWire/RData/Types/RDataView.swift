/// A typed view of one RR type's RDATA, built from the erased form `ResourceRecord.rdata` and able
/// to produce it again (STYLE rule 3: the octets are the record; views are derived from them).
///
/// Every view keeps this promise: `try V(rdata: view.rdata()) == view`, and for RDATA the view
/// accepts, `try V(rdata: octets).rdata() == octets`. RDATA that does not fit the type's layout
/// (too short, octets left over, a field out of its RFC range, a compression pointer) is rejected
/// with a `WireError` whose offset counts from the start of the RDATA.
///
/// Equality is the fields' own: names compare without regard to ASCII case (RFC 4343), so two
/// views can be equal while their `rdata()` differ in letter case.
///
/// Fields whose every value can be written are `var`; fields with a limit the wire form imposes
/// (a `<character-string>` of at most 255 octets, sorted type lists…) are `let` and set through an
/// initialiser that checks or normalises them.
public protocol RDataView: Hashable, Sendable {
    /// The RR types whose RDATA has this layout; the first is the one records are built with by
    /// default (DS covers CDS, TA and DLV; DNSKEY covers CDNSKEY and RKEY…).
    static var types: [RRType] { get }
    /// Reads uncompressed RDATA. Throws `WireError` (`.truncated`, `.badRDATA`) with the offset in
    /// the RDATA.
    init(rdata: [UInt8]) throws
    /// The RDATA in uncompressed wire form.
    func rdata() -> [UInt8]
}

extension ResourceRecord {
    /// The record's RDATA as the typed view `V`.
    ///
    /// Throws `WireError.Code.wrongType` if the record's type is not one of `V.types`, or the
    /// view's own error if the RDATA does not fit.
    public func view<V: RDataView>(as: V.Type) throws -> V {
        guard V.types.contains(type) else {
            let expected = V.types.map(\.description).joined(separator: ", ")
            throw WireError(.wrongType, at: 0, "a \(type) record cannot be read as \(V.self) (\(expected))")
        }
        return try V(rdata: rdata)
    }

    /// A record holding `view`'s RDATA, of type `type`: by default `V.types[0]`; pass `.cds`,
    /// `.https`… for the other types in `V.types` (the type is not checked against them).
    public init<V: RDataView>(name: DomainName, class: RRClass = .in, ttl: UInt32, _ view: V, type: RRType? = nil) {
        self.init(name: name, type: type ?? V.types.first ?? RRType(0), class: `class`, ttl: ttl, rdata: view.rdata())
    }
}

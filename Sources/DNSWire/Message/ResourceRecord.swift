/// A question (RFC 1035 §4.1.2).
public struct Question: Hashable, Sendable {
    public var name: DomainName
    public var type: RRType
    public var `class`: RRClass

    public init(_ name: DomainName, _ type: RRType, _ class: RRClass = .in) {
        self.name = name
        self.type = type
        self.class = `class`
    }
}

/// A resource record: owner, type, class, TTL and RDATA octets.
///
/// RDATA is kept in uncompressed wire form, whatever the type: unknown types round-trip byte for
/// byte (RFC 3597), and typed views (`record.view(as: SOA.self)`, `MX(rdata:)`…) are built from it on demand.
public struct ResourceRecord: Hashable, Sendable {
    public var name: DomainName
    public var type: RRType
    public var `class`: RRClass
    public var ttl: UInt32
    /// Uncompressed RDATA.
    public var rdata: [UInt8]

    public init(name: DomainName, type: RRType, class: RRClass = .in, ttl: UInt32, rdata: [UInt8]) {
        self.name = name
        self.type = type
        self.class = `class`
        self.ttl = ttl
        self.rdata = rdata
    }

    /// Builds a record from RDATA that may be foreign: it is checked against the type's layout.
    public init(name: DomainName, type: RRType, class: RRClass = .in, ttl: UInt32, checkedRData rdata: [UInt8]) throws {
        let checked = try rdata.withUnsafeBytes { bytes in
            var reader = WireReader(bytes)
            return try type.descriptor.readRData(&reader)
        }
        self.init(name: name, type: type, class: `class`, ttl: ttl, rdata: checked)
    }
}

/// The four sections of a message.
public enum Section: Int, Sendable, CaseIterable, CustomStringConvertible {
    case question, answer, authority, additional

    public var description: String {
        switch self {
        case .question: "QUESTION"
        case .answer: "ANSWER"
        case .authority: "AUTHORITY"
        case .additional: "ADDITIONAL"
        }
    }
}

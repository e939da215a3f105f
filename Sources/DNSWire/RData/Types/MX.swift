/// MX record RDATA (RFC 1035 §3.3.9): a mail exchange for the owner, lower preference first.
public struct MX: RDataView {
    public static let types: [RRType] = [.mx]
    public var preference: UInt16
    public var exchange: DomainName

    public init(preference: UInt16, exchange: DomainName) {
        self.preference = preference
        self.exchange = exchange
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "MX") { decoder in
            MX(preference: try decoder.uint16("PREFERENCE"), exchange: try decoder.name("EXCHANGE"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(preference)
        encoder.name(exchange)
        return encoder.output
    }
}

/// AFSDB record RDATA (RFC 1183 §1): an AFS cell database server (subtype 1) or a DCE
/// authenticated name server (subtype 2). RFC 5864 moved AFS to SRV.
public struct AFSDB: RDataView {
    public static let types: [RRType] = [.afsdb]
    public var subtype: UInt16
    public var hostname: DomainName

    public init(subtype: UInt16, hostname: DomainName) {
        self.subtype = subtype
        self.hostname = hostname
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "AFSDB") { decoder in
            AFSDB(subtype: try decoder.uint16("subtype"), hostname: try decoder.name("hostname"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(subtype)
        encoder.name(hostname)
        return encoder.output
    }
}

/// A record RDATA (RFC 1035 §3.4.1): one IPv4 address.
public struct A: RDataView {
    public static let types: [RRType] = [.a]
    public var address: IPv4Address

    public init(address: IPv4Address) { self.address = address }

    public init(rdata: [UInt8]) throws {
        address = try RDataDecoder.decode(rdata, "A", length: 4) { decoder in
            IPv4Address(rawValue: try decoder.uint32("A address"))
        }
    }

    public func rdata() -> [UInt8] { address.octets }
}

/// AAAA record RDATA (RFC 3596 §2.2): one IPv6 address.
public struct AAAA: RDataView {
    public static let types: [RRType] = [.aaaa]
    public var address: IPv6Address

    public init(address: IPv6Address) { self.address = address }

    public init(rdata: [UInt8]) throws {
        address = try RDataDecoder.decode(rdata, "AAAA", length: 16) { decoder in
            let high = try decoder.uint64("AAAA address")
            return IPv6Address(high: high, low: try decoder.uint64("AAAA address"))
        }
    }

    public func rdata() -> [UInt8] { address.octets }
}

/// NS record RDATA (RFC 1035 §3.3.11): a host that is authoritative for the owner's zone.
public struct NS: RDataView {
    public static let types: [RRType] = [.ns]
    public var nameServer: DomainName

    public init(nameServer: DomainName) { self.nameServer = nameServer }

    public init(rdata: [UInt8]) throws {
        nameServer = try RDataDecoder.decode(rdata, "NS") { try $0.name("NSDNAME") }
    }

    public func rdata() -> [UInt8] { nameServer.wire }
}

/// CNAME record RDATA (RFC 1035 §3.3.1): the canonical name the owner is an alias of.
public struct CNAME: RDataView {
    public static let types: [RRType] = [.cname]
    public var target: DomainName

    public init(target: DomainName) { self.target = target }

    public init(rdata: [UInt8]) throws {
        target = try RDataDecoder.decode(rdata, "CNAME") { try $0.name("CNAME") }
    }

    public func rdata() -> [UInt8] { target.wire }
}

/// DNAME record RDATA (RFC 6672 §2.1): the name the owner's subtree is redirected to.
public struct DNAME: RDataView {
    public static let types: [RRType] = [.dname]
    public var target: DomainName

    public init(target: DomainName) { self.target = target }

    public init(rdata: [UInt8]) throws {
        target = try RDataDecoder.decode(rdata, "DNAME") { try $0.name("target") }
    }

    public func rdata() -> [UInt8] { target.wire }
}

/// PTR record RDATA (RFC 1035 §3.3.12): the name the owner points to.
public struct PTR: RDataView {
    public static let types: [RRType] = [.ptr]
    public var target: DomainName

    public init(target: DomainName) { self.target = target }

    public init(rdata: [UInt8]) throws {
        target = try RDataDecoder.decode(rdata, "PTR") { try $0.name("PTRDNAME") }
    }

    public func rdata() -> [UInt8] { target.wire }
}

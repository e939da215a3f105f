/// SOA record RDATA (RFC 1035 §3.3.13): the start of a zone of authority.
public struct SOA: RDataView {
    public static let types: [RRType] = [.soa]
    /// MNAME: the primary name server of the zone.
    public var primaryNameServer: DomainName
    /// RNAME: the mailbox of the person responsible for the zone, its first label the local part.
    public var responsibleMailbox: DomainName
    /// The zone's version; compared in sequence-space arithmetic (RFC 1982).
    public var serial: UInt32
    /// Seconds before a secondary checks the serial again.
    public var refresh: UInt32
    /// Seconds before a secondary retries a failed refresh.
    public var retry: UInt32
    /// Seconds after which a secondary that cannot refresh stops answering for the zone.
    public var expire: UInt32
    /// TTL of negative answers (RFC 2308 §4: the MINIMUM field's meaning since then).
    public var minimum: UInt32

    public init(primaryNameServer: DomainName, responsibleMailbox: DomainName, serial: UInt32,
                refresh: UInt32, retry: UInt32, expire: UInt32, minimum: UInt32) {
        self.primaryNameServer = primaryNameServer
        self.responsibleMailbox = responsibleMailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "SOA") { decoder in
            SOA(primaryNameServer: try decoder.name("MNAME"), responsibleMailbox: try decoder.name("RNAME"),
                serial: try decoder.uint32("SERIAL"), refresh: try decoder.uint32("REFRESH"),
                retry: try decoder.uint32("RETRY"), expire: try decoder.uint32("EXPIRE"),
                minimum: try decoder.uint32("MINIMUM"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.name(primaryNameServer)
        encoder.name(responsibleMailbox)
        for value in [serial, refresh, retry, expire, minimum] { encoder.uint32(value) }
        return encoder.output
    }
}

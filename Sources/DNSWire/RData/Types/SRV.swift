/// SRV record RDATA (RFC 2782): where a service runs. A target of `.` means the service is
/// decidedly not available at this domain.
public struct SRV: RDataView {
    public static let types: [RRType] = [.srv]
    /// Lower values are tried first.
    public var priority: UInt16
    /// Relative share among targets of equal priority.
    public var weight: UInt16
    public var port: UInt16
    public var target: DomainName

    public init(priority: UInt16, weight: UInt16, port: UInt16, target: DomainName) {
        self.priority = priority
        self.weight = weight
        self.port = port
        self.target = target
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "SRV") { decoder in
            SRV(priority: try decoder.uint16("priority"), weight: try decoder.uint16("weight"),
                port: try decoder.uint16("port"), target: try decoder.name("target"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(priority)
        encoder.uint16(weight)
        encoder.uint16(port)
        encoder.name(target)
        return encoder.output
    }
}

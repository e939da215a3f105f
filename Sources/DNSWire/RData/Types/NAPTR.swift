/// NAPTR record RDATA (RFC 3403 §4.1): one rewrite rule of the Dynamic Delegation Discovery System.
public struct NAPTR: RDataView {
    public static let types: [RRType] = [.naptr]
    /// Rules are applied in increasing order.
    public var order: UInt16
    /// Among rules of equal order, lower is preferred.
    public var preference: UInt16
    /// `<character-string>`s, at most 255 octets each.
    public let flags: [UInt8]
    public let services: [UInt8]
    public let regexp: [UInt8]
    /// The next name to look up, when `regexp` is empty.
    public var replacement: DomainName

    /// Throws `WireError.Code.valueOutOfRange` if a string is over 255 octets.
    public init(order: UInt16, preference: UInt16, flags: [UInt8], services: [UInt8], regexp: [UInt8],
                replacement: DomainName) throws {
        try checkRDataLength(flags, 0...255, "NAPTR flags")
        try checkRDataLength(services, 0...255, "NAPTR services")
        try checkRDataLength(regexp, 0...255, "NAPTR regexp")
        self.order = order
        self.preference = preference
        self.flags = flags
        self.services = services
        self.regexp = regexp
        self.replacement = replacement
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "NAPTR") { decoder in
            try NAPTR(order: try decoder.uint16("ORDER"), preference: try decoder.uint16("PREFERENCE"),
                      flags: try decoder.characterString("FLAGS"), services: try decoder.characterString("SERVICES"),
                      regexp: try decoder.characterString("REGEXP"), replacement: try decoder.name("REPLACEMENT"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(order)
        encoder.uint16(preference)
        encoder.characterString(flags)
        encoder.characterString(services)
        encoder.characterString(regexp)
        encoder.name(replacement)
        return encoder.output
    }
}

/// CAA record RDATA (RFC 8659 §4.1): which certification authorities may issue for the owner.
public struct CAA: RDataView {
    public static let types: [RRType] = [.caa]
    /// Bit 0 (128) is Issuer Critical; the others are reserved.
    public var flags: UInt8
    /// The property tag (`issue`, `issuewild`, `iodef`…): 1…255 octets, ASCII letters and digits.
    public let tag: [UInt8]
    /// The property value, up to the end of the RDATA.
    public var value: [UInt8]

    /// Throws `WireError.Code.valueOutOfRange` if the tag is empty or over 255 octets.
    public init(flags: UInt8, tag: [UInt8], value: [UInt8]) throws {
        // RFC 8659 §4.1: "The tag length MUST be at least 1."
        try checkRDataLength(tag, 1...255, "CAA tag")
        self.flags = flags
        self.tag = tag
        self.value = value
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "CAA") { decoder in
            let flags = try decoder.uint8("CAA flags")
            let tagOffset = decoder.offset
            let tag = try decoder.characterString("CAA tag")
            guard !tag.isEmpty else {
                throw WireError(.badRDATA, at: tagOffset, "CAA tag length is 0; it must be at least 1 (RFC 8659 §4.1)")
            }
            return try CAA(flags: flags, tag: tag, value: decoder.rest())
        }
    }

    /// RFC 8659 §4.1: an issuer that does not understand a critical property must not issue.
    public var isIssuerCritical: Bool { flags & 0x80 != 0 }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint8(flags)
        encoder.characterString(tag)
        encoder.bytes(value)
        return encoder.output
    }
}

/// URI record RDATA (RFC 7553 §4.5): a URI for the owner's service.
public struct URI: RDataView {
    public static let types: [RRType] = [.uri]
    /// Lower values are tried first.
    public var priority: UInt16
    /// Relative share among targets of equal priority.
    public var weight: UInt16
    /// The URI octets, up to the end of the RDATA; never empty.
    public let target: [UInt8]

    /// Throws `WireError.Code.valueOutOfRange` if `target` is empty.
    public init(priority: UInt16, weight: UInt16, target: [UInt8]) throws {
        // RFC 7553 §4.4: "The length of the Target field MUST be greater than zero."
        guard !target.isEmpty else {
            throw WireError(.valueOutOfRange, at: 0, "URI target is empty (RFC 7553 §4.4)")
        }
        self.priority = priority
        self.weight = weight
        self.target = target
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "URI") { decoder in
            let priority = try decoder.uint16("URI priority")
            let weight = try decoder.uint16("URI weight")
            guard !decoder.isAtEnd else {
                throw WireError(.badRDATA, at: decoder.offset, "URI target is empty (RFC 7553 §4.4)")
            }
            return try URI(priority: priority, weight: weight, target: decoder.rest())
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(priority)
        encoder.uint16(weight)
        encoder.bytes(target)
        return encoder.output
    }
}

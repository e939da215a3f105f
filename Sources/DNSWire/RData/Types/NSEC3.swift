/// NSEC3 record RDATA (RFC 5155 §3.2): the next hashed owner name and the types at this one.
public struct NSEC3: RDataView {
    public static let types: [RRType] = [.nsec3]
    /// The hash (RFC 5155 §11: 1 is SHA-1, the only one defined).
    public var hashAlgorithm: DigestType
    /// Bit 7 (1) is Opt-Out (RFC 5155 §3.1.2.1); the others are reserved.
    public var flags: UInt8
    /// Extra hash iterations (RFC 9276 §3.1 asks for 0).
    public var iterations: UInt16
    /// 0…255 octets.
    public let salt: [UInt8]
    /// The next hashed owner name, unencoded: 1…255 octets (RFC 5155 §3.2).
    public let nextHashedOwner: [UInt8]
    /// The types present at the original owner name, ascending, without repeats.
    public let types: [RRType]

    /// Throws `WireError.Code.valueOutOfRange` if the salt is over 255 octets or the hash is not
    /// 1…255 octets. `types` may be in any order, with repeats.
    public init(hashAlgorithm: DigestType, flags: UInt8, iterations: UInt16, salt: [UInt8],
                nextHashedOwner: [UInt8], types: some Sequence<RRType>) throws {
        try checkRDataLength(salt, 0...255, "NSEC3 salt")
        try checkRDataLength(nextHashedOwner, 1...255, "NSEC3 next hashed owner name")
        self.hashAlgorithm = hashAlgorithm
        self.flags = flags
        self.iterations = iterations
        self.salt = salt
        self.nextHashedOwner = nextHashedOwner
        self.types = sortedUniqueTypes(types)
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "NSEC3") { decoder in
            let hashAlgorithm = DigestType(try decoder.uint8("NSEC3 hash algorithm"))
            let flags = try decoder.uint8("NSEC3 flags")
            let iterations = try decoder.uint16("NSEC3 iterations")
            let salt = try decoder.characterString("NSEC3 salt")
            let hashOffset = decoder.offset
            let nextHashedOwner = try decoder.characterString("NSEC3 next hashed owner name")
            // RFC 5155 §3.2: the hash length ranges "from 1 to 255 octets".
            guard !nextHashedOwner.isEmpty else {
                throw WireError(.badRDATA, at: hashOffset, "NSEC3 hash length is 0; it must be 1…255 (RFC 5155 §3.2)")
            }
            return try NSEC3(hashAlgorithm: hashAlgorithm, flags: flags, iterations: iterations, salt: salt,
                             nextHashedOwner: nextHashedOwner, types: try decoder.typeBitmap())
        }
    }

    /// RFC 5155 §3.1.2.1: the span may cover unsigned delegations.
    public var isOptOut: Bool { flags & 0x01 != 0 }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint8(hashAlgorithm.rawValue)
        encoder.uint8(flags)
        encoder.uint16(iterations)
        encoder.characterString(salt)
        encoder.characterString(nextHashedOwner)
        encoder.bytes(TypeBitmap.encode(types))
        return encoder.output
    }
}

/// NSEC3PARAM record RDATA (RFC 5155 §4.2): the hash parameters an authoritative server uses.
public struct NSEC3PARAM: RDataView {
    public static let types: [RRType] = [.nsec3param]
    public var hashAlgorithm: DigestType
    /// Must be 0 in NSEC3PARAM (RFC 5155 §4.1.2); kept as received.
    public var flags: UInt8
    public var iterations: UInt16
    /// 0…255 octets.
    public let salt: [UInt8]

    /// Throws `WireError.Code.valueOutOfRange` if the salt is over 255 octets.
    public init(hashAlgorithm: DigestType, flags: UInt8, iterations: UInt16, salt: [UInt8]) throws {
        try checkRDataLength(salt, 0...255, "NSEC3PARAM salt")
        self.hashAlgorithm = hashAlgorithm
        self.flags = flags
        self.iterations = iterations
        self.salt = salt
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "NSEC3PARAM") { decoder in
            try NSEC3PARAM(hashAlgorithm: DigestType(try decoder.uint8("NSEC3PARAM hash algorithm")),
                           flags: try decoder.uint8("NSEC3PARAM flags"),
                           iterations: try decoder.uint16("NSEC3PARAM iterations"),
                           salt: try decoder.characterString("NSEC3PARAM salt"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint8(hashAlgorithm.rawValue)
        encoder.uint8(flags)
        encoder.uint16(iterations)
        encoder.characterString(salt)
        return encoder.output
    }
}

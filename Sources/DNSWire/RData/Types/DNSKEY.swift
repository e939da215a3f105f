/// DNSKEY record RDATA (RFC 4034 §2.1): a zone's public key. The same layout serves CDNSKEY
/// (RFC 7344 §3.2) and RKEY.
public struct DNSKEY: RDataView {
    public static let types: [RRType] = [.dnskey, .cdnskey, .rkey]
    /// Zone Key (256), Revoke (128, RFC 5011 §7), Secure Entry Point (1); the rest reserved.
    public var flags: UInt16
    /// Must be 3 (RFC 4034 §2.1.2); other values are kept so they can be reported and refused at
    /// validation.
    public var `protocol`: UInt8
    public var algorithm: DNSSECAlgorithm
    /// In the algorithm's own format (RFC 3110 for RSA, RFC 6605 for ECDSA, RFC 8080 for EdDSA…).
    public var publicKey: [UInt8]

    public init(flags: UInt16, protocol: UInt8 = 3, algorithm: DNSSECAlgorithm, publicKey: [UInt8]) {
        self.flags = flags
        self.protocol = `protocol`
        self.algorithm = algorithm
        self.publicKey = publicKey
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "DNSKEY") { decoder in
            DNSKEY(flags: try decoder.uint16("DNSKEY flags"), protocol: try decoder.uint8("DNSKEY protocol"),
                   algorithm: DNSSECAlgorithm(try decoder.uint8("DNSKEY algorithm")), publicKey: decoder.rest())
        }
    }

    /// RFC 4034 §2.1.1: bit 7. Only zone keys may verify RRSIGs.
    public var isZoneKey: Bool { flags & 0x0100 != 0 }
    /// RFC 4034 §2.1.1: bit 15, "SEP", conventionally set on key-signing keys.
    public var isSecureEntryPoint: Bool { flags & 0x0001 != 0 }
    /// RFC 5011 §2.1: bit 8, REVOKE.
    public var isRevoked: Bool { flags & 0x0080 != 0 }

    /// The key tag (RFC 4034 Appendix B), as DS and RRSIG records name this key.
    public var keyTag: UInt16 {
        let rdata = self.rdata()
        if algorithm == .rsaMD5 {
            // RFC 4034 Appendix B.1: for algorithm 1 the tag is "the most significant 16 bits of
            // the least significant 24 bits in the public key modulus", and the modulus ends the
            // key (RFC 3110 §2): the third- and second-to-last octets of the RDATA. (The RFC's
            // parenthetical "4th to last and 3rd to last" disagrees with its own definition;
            // BIND and ldns both follow the definition.)
            guard publicKey.count >= 3 else { return 0 }
            let end = rdata.count
            return UInt16(rdata[end - 3]) << 8 | UInt16(rdata[end - 2])
        }
        // RFC 4034 Appendix B: the RDATA summed as 16-bit big-endian words, carries folded once.
        var accumulator: UInt32 = 0
        for (index, octet) in rdata.enumerated() {
            accumulator += index & 1 == 0 ? UInt32(octet) << 8 : UInt32(octet)
        }
        accumulator += accumulator >> 16 & 0xFFFF
        return UInt16(truncatingIfNeeded: accumulator)
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(flags)
        encoder.uint8(`protocol`)
        encoder.uint8(algorithm.rawValue)
        encoder.bytes(publicKey)
        return encoder.output
    }
}

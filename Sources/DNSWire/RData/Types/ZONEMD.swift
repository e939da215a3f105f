/// ZONEMD record RDATA (RFC 8976 §2.2): a digest of the whole zone.
public struct ZONEMD: RDataView {
    public static let types: [RRType] = [.zonemd]
    /// The SOA serial of the zone the digest was computed over.
    public var serial: UInt32
    public var scheme: ZONEMDScheme
    public var hashAlgorithm: ZONEMDHashAlgorithm
    /// Kept whatever its length. RFC 8976 §2.2.4 wants at least 12 octets and the full hash size
    /// for SHA-384/SHA-512, but that is for the verifier to judge: Appendix A.3 carries a 20-octet
    /// digest under a private scheme, which must still parse.
    public var digest: [UInt8]

    public init(serial: UInt32, scheme: ZONEMDScheme, hashAlgorithm: ZONEMDHashAlgorithm, digest: [UInt8]) {
        self.serial = serial
        self.scheme = scheme
        self.hashAlgorithm = hashAlgorithm
        self.digest = digest
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "ZONEMD") { decoder in
            ZONEMD(serial: try decoder.uint32("ZONEMD serial"), scheme: ZONEMDScheme(rawValue: try decoder.uint8("ZONEMD scheme")),
                   hashAlgorithm: ZONEMDHashAlgorithm(rawValue: try decoder.uint8("ZONEMD hash algorithm")),
                   digest: decoder.rest())
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint32(serial)
        encoder.uint8(scheme.rawValue)
        encoder.uint8(hashAlgorithm.rawValue)
        encoder.bytes(digest)
        return encoder.output
    }
}

/// DS record RDATA (RFC 4034 §5.1): a digest of a child zone's DNSKEY. The same layout serves CDS
/// (RFC 7344 §3.1), TA and DLV (RFC 4431 §2).
public struct DS: RDataView {
    public static let types: [RRType] = [.ds, .cds, .ta, .dlv]
    /// The key tag of the DNSKEY digested (RFC 4034 §5.1.1, Appendix B).
    public var keyTag: UInt16
    public var algorithm: DNSSECAlgorithm
    public var digestType: DigestType
    /// Kept whatever its length: a digest of the wrong size for its type is a validation failure,
    /// not a wire error (and CDS `0 0 0 00` deletes, RFC 8078 §4, has a 1-octet digest).
    public var digest: [UInt8]

    public init(keyTag: UInt16, algorithm: DNSSECAlgorithm, digestType: DigestType, digest: [UInt8]) {
        self.keyTag = keyTag
        self.algorithm = algorithm
        self.digestType = digestType
        self.digest = digest
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "DS") { decoder in
            DS(keyTag: try decoder.uint16("DS key tag"), algorithm: DNSSECAlgorithm(try decoder.uint8("DS algorithm")),
               digestType: DigestType(try decoder.uint8("DS digest type")), digest: decoder.rest())
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(keyTag)
        encoder.uint8(algorithm.rawValue)
        encoder.uint8(digestType.rawValue)
        encoder.bytes(digest)
        return encoder.output
    }
}

/// RRSIG record RDATA (RFC 4034 §3.1): a signature over one RRset.
public struct RRSIG: RDataView {
    public static let types: [RRType] = [.rrsig]
    /// The type of the RRset signed.
    public var typeCovered: RRType
    public var algorithm: DNSSECAlgorithm
    /// Labels in the original owner name, not counting the root or a leading `*` (RFC 4034 §3.1.3).
    public var labels: UInt8
    /// The RRset's TTL as signed (RFC 4034 §3.1.4).
    public var originalTTL: UInt32
    /// Seconds since 1970 modulo 2³², compared in serial-number arithmetic (RFC 4034 §3.1.5).
    public var expiration: UInt32
    public var inception: UInt32
    /// The key tag of the DNSKEY that verifies this signature.
    public var keyTag: UInt16
    /// The owner of that DNSKEY: the zone that signed.
    public var signerName: DomainName
    public var signature: [UInt8]

    public init(typeCovered: RRType, algorithm: DNSSECAlgorithm, labels: UInt8, originalTTL: UInt32,
                expiration: UInt32, inception: UInt32, keyTag: UInt16, signerName: DomainName, signature: [UInt8]) {
        self.typeCovered = typeCovered
        self.algorithm = algorithm
        self.labels = labels
        self.originalTTL = originalTTL
        self.expiration = expiration
        self.inception = inception
        self.keyTag = keyTag
        self.signerName = signerName
        self.signature = signature
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "RRSIG") { decoder in
            RRSIG(typeCovered: RRType(try decoder.uint16("type covered")),
                  algorithm: DNSSECAlgorithm(try decoder.uint8("RRSIG algorithm")),
                  labels: try decoder.uint8("RRSIG labels"), originalTTL: try decoder.uint32("original TTL"),
                  expiration: try decoder.uint32("signature expiration"),
                  inception: try decoder.uint32("signature inception"), keyTag: try decoder.uint16("RRSIG key tag"),
                  signerName: try decoder.name("signer's name"), signature: decoder.rest())
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(typeCovered.rawValue)
        encoder.uint8(algorithm.rawValue)
        encoder.uint8(labels)
        encoder.uint32(originalTTL)
        encoder.uint32(expiration)
        encoder.uint32(inception)
        encoder.uint16(keyTag)
        encoder.name(signerName)
        encoder.bytes(signature)
        return encoder.output
    }
}

/// TLSA record RDATA (RFC 6698 §2.1): a certificate association for a TLS service. SMIMEA
/// (RFC 8162 §2) has the same layout.
public struct TLSA: RDataView {
    public static let types: [RRType] = [.tlsa, .smimea]
    /// 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE (RFC 7218 §2.1).
    public var usage: UInt8
    /// 0 full certificate, 1 SubjectPublicKeyInfo.
    public var selector: UInt8
    /// 0 exact, 1 SHA-256, 2 SHA-512.
    public var matchingType: UInt8
    public var certificateAssociationData: [UInt8]

    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, certificateAssociationData: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.certificateAssociationData = certificateAssociationData
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "TLSA") { decoder in
            TLSA(usage: try decoder.uint8("TLSA usage"), selector: try decoder.uint8("TLSA selector"),
                 matchingType: try decoder.uint8("TLSA matching type"), certificateAssociationData: decoder.rest())
        }
    }

    public func rdata() -> [UInt8] { [usage, selector, matchingType] + certificateAssociationData }
}

/// SSHFP record RDATA (RFC 4255 §3.1): the fingerprint of a host's SSH key.
public struct SSHFP: RDataView {
    public static let types: [RRType] = [.sshfp]
    /// 1 RSA, 2 DSA, 3 ECDSA (RFC 6594), 4 Ed25519 (RFC 7479), 6 Ed448 (RFC 8709).
    public var algorithm: UInt8
    /// 1 SHA-1, 2 SHA-256 (RFC 6594).
    public var fingerprintType: UInt8
    public var fingerprint: [UInt8]

    public init(algorithm: UInt8, fingerprintType: UInt8, fingerprint: [UInt8]) {
        self.algorithm = algorithm
        self.fingerprintType = fingerprintType
        self.fingerprint = fingerprint
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "SSHFP") { decoder in
            SSHFP(algorithm: try decoder.uint8("SSHFP algorithm"), fingerprintType: try decoder.uint8("SSHFP type"),
                  fingerprint: decoder.rest())
        }
    }

    public func rdata() -> [UInt8] { [algorithm, fingerprintType] + fingerprint }
}

/// A DNSSEC algorithm number (IANA "DNS Security Algorithm Numbers"). Open.
public struct DNSSECAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let rsaMD5 = DNSSECAlgorithm(1), dh = DNSSECAlgorithm(2), dsa = DNSSECAlgorithm(3)
    public static let rsaSHA1 = DNSSECAlgorithm(5), dsaNSEC3SHA1 = DNSSECAlgorithm(6)
    public static let rsaSHA1NSEC3SHA1 = DNSSECAlgorithm(7), rsaSHA256 = DNSSECAlgorithm(8)
    public static let rsaSHA512 = DNSSECAlgorithm(10), eccGOST = DNSSECAlgorithm(12)
    public static let ecdsaP256SHA256 = DNSSECAlgorithm(13), ecdsaP384SHA384 = DNSSECAlgorithm(14)
    public static let ed25519 = DNSSECAlgorithm(15), ed448 = DNSSECAlgorithm(16), sm2SM3 = DNSSECAlgorithm(17)
    public static let eccGOST12 = DNSSECAlgorithm(23)
    public static let indirect = DNSSECAlgorithm(252), privateDNS = DNSSECAlgorithm(253), privateOID = DNSSECAlgorithm(254)

    static let names: [UInt8: String] = [
        1: "RSAMD5", 2: "DH", 3: "DSA", 5: "RSASHA1", 6: "DSA-NSEC3-SHA1", 7: "RSASHA1-NSEC3-SHA1",
        8: "RSASHA256", 10: "RSASHA512", 12: "ECC-GOST", 13: "ECDSAP256SHA256", 14: "ECDSAP384SHA384",
        15: "ED25519", 16: "ED448", 17: "SM2SM3", 23: "ECC-GOST12", 252: "INDIRECT", 253: "PRIVATEDNS",
        254: "PRIVATEOID",
    ]

    public var description: String { DNSSECAlgorithm.names[rawValue] ?? "\(rawValue)" }
}

/// A DS / ZONEMD / NSEC3 hash or digest type. DS digests (IANA "Digest Algorithms"): 1 SHA-1,
/// 2 SHA-256, 3 GOST, 4 SHA-384, 5/6 GOST 2012 / SM3.
public struct DigestType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let sha1 = DigestType(1), sha256 = DigestType(2), gost = DigestType(3), sha384 = DigestType(4)
    public static let gost2012 = DigestType(5), sm3 = DigestType(6)

    public var description: String {
        switch rawValue {
        case 1: "SHA-1"
        case 2: "SHA-256"
        case 3: "GOST R 34.11-94"
        case 4: "SHA-384"
        case 5: "GOST R 34.11-2012"
        case 6: "SM3"
        default: "\(rawValue)"
        }
    }
}

/// ZONEMD scheme (RFC 8976 §5.2) and hash algorithm (§5.3) registries.
public struct ZONEMDScheme: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }
    public static let simple = ZONEMDScheme(1)
    public var description: String { self == .simple ? "SIMPLE" : "\(rawValue)" }
}

public struct ZONEMDHashAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }
    public static let sha384 = ZONEMDHashAlgorithm(1)
    public static let sha512 = ZONEMDHashAlgorithm(2)
    public var description: String {
        switch self {
        case .sha384: "SHA384"
        case .sha512: "SHA512"
        default: "\(rawValue)"
        }
    }
}

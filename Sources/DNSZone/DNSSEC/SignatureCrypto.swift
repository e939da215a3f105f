import Crypto
import CryptoExtras
import DNSWire

/// What checking one signature with one key found.
public enum SignatureCheck: Hashable, Sendable {
    /// The key made the signature over exactly these octets.
    case valid
    /// The signature does not verify (wrong key, altered data, or a malformed signature).
    case invalid
    /// Preface has no implementation of the key's algorithm (RSAMD5, DSA, GOST, Ed448, private…).
    case unsupportedAlgorithm(DNSSECAlgorithm)
    /// The key cannot be used: the reason says which rule or limit it breaks.
    case badKey(String)
}

/// The signature algorithms of DNSSEC, over swift-crypto.
///
/// RSA (RFC 3110, RFC 5702), ECDSA (RFC 6605) and Ed25519 (RFC 8080). Build a ``PreparedKey`` once
/// per DNSKEY when it verifies many signatures: parsing the key is the expensive part.
public enum SignatureCrypto {
    /// RSA moduli below this many bits are refused: swift-crypto's `unsafeDERRepresentation`
    /// initialiser, the most permissive it has, will not build smaller keys.
    public static let minimumRSAModulusBits = 1024
    /// RFC 3110 §2: "the exponent and modulus are each limited to 4096 bits in length".
    public static let maximumRSAModulusBits = 4096
    /// RSA public exponents over this many bits are refused by the crypto library (BoringSSL's
    /// guard against slow verification); DNSSEC keys use 3 or 65537.
    public static let maximumRSAExponentBits = 33

    /// Whether `verify` implements `algorithm`.
    public static func isSupported(_ algorithm: DNSSECAlgorithm) -> Bool {
        switch algorithm {
        case .rsaSHA1, .rsaSHA1NSEC3SHA1, .rsaSHA256, .rsaSHA512, .ecdsaP256SHA256, .ecdsaP384SHA384, .ed25519:
            true
        default:
            false
        }
    }

    /// Checks `signature` over `signedData` (RFC 4034 §3.1.8.1: RRSIG RDATA without the signature,
    /// then the canonical RRset) with `key`. Prepares the key each time: for many signatures by one
    /// key, build a ``PreparedKey`` instead.
    public static func verify(signature: [UInt8], over signedData: [UInt8], with key: DNSKEY) -> SignatureCheck {
        PreparedKey(key).verify(signature: signature, over: signedData)
    }
}

/// A DNSKEY turned into a ready crypto key once, or the reason it cannot be used.
public struct PreparedKey: Sendable {
    private enum Verifier: Sendable {
        case rsa(_RSA.Signing.PublicKey, RSAHash)
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case unusable(SignatureCheck)
    }

    /// RFC 3110 §3 (SHA-1), RFC 5702 §3 (SHA-256, SHA-512): the digest signed with PKCS#1 v1.5.
    private enum RSAHash: Sendable {
        case sha1, sha256, sha512
    }

    /// The algorithm of the DNSKEY this was built from.
    public let algorithm: DNSSECAlgorithm
    private let verifier: Verifier

    /// Parses `key`'s public key in its algorithm's format. Never fails: a key that cannot be used
    /// makes every `verify` answer `.badKey` or `.unsupportedAlgorithm`.
    public init(_ key: DNSKEY) {
        algorithm = key.algorithm
        verifier = Self.prepare(key)
    }

    /// Checks `signature` over `signedData`.
    public func verify(signature: [UInt8], over signedData: [UInt8]) -> SignatureCheck {
        let valid: Bool
        switch verifier {
        case .unusable(let reason):
            return reason
        case .rsa(let publicKey, let hash):
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            let padding = _RSA.Signing.Padding.insecurePKCS1v1_5
            switch hash {
            case .sha1:
                valid = publicKey.isValidSignature(rsaSignature, for: Insecure.SHA1.hash(data: signedData), padding: padding)
            case .sha256:
                valid = publicKey.isValidSignature(rsaSignature, for: SHA256.hash(data: signedData), padding: padding)
            case .sha512:
                valid = publicKey.isValidSignature(rsaSignature, for: SHA512.hash(data: signedData), padding: padding)
            }
        case .p256(let publicKey):
            // RFC 6605 §4: the signature is r ‖ s, 32 octets each; any other length cannot verify.
            guard let ecdsaSignature = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return .invalid }
            valid = publicKey.isValidSignature(ecdsaSignature, for: SHA256.hash(data: signedData))
        case .p384(let publicKey):
            guard let ecdsaSignature = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return .invalid }
            valid = publicKey.isValidSignature(ecdsaSignature, for: SHA384.hash(data: signedData))
        case .ed25519(let publicKey):
            // RFC 8080 §4: the 64-octet signature of RFC 8032 §5.1.6; the library refuses other lengths.
            valid = publicKey.isValidSignature(signature, for: signedData)
        }
        return valid ? .valid : .invalid
    }

    private static func prepare(_ key: DNSKEY) -> Verifier {
        // RFC 4034 §2.1.2: a protocol other than 3 makes the key invalid for verification.
        guard key.protocol == 3 else {
            return .unusable(.badKey("DNSKEY protocol field is \(key.protocol); RFC 4034 §2.1.2 requires 3"))
        }
        switch key.algorithm {
        case .rsaSHA1, .rsaSHA1NSEC3SHA1:
            return rsa(key.publicKey, .sha1)
        case .rsaSHA256:
            return rsa(key.publicKey, .sha256)
        case .rsaSHA512:
            return rsa(key.publicKey, .sha512)
        case .ecdsaP256SHA256:
            // RFC 6605 §4: the key is the point's x ‖ y, 32 octets each, without the 0x04 prefix.
            guard key.publicKey.count == 64 else { return badLength("ECDSA P-256", key.publicKey.count, 64) }
            guard let publicKey = try? P256.Signing.PublicKey(rawRepresentation: key.publicKey) else {
                return .unusable(.badKey("ECDSA P-256 key is not a point on the curve"))
            }
            return .p256(publicKey)
        case .ecdsaP384SHA384:
            guard key.publicKey.count == 96 else { return badLength("ECDSA P-384", key.publicKey.count, 96) }
            guard let publicKey = try? P384.Signing.PublicKey(rawRepresentation: key.publicKey) else {
                return .unusable(.badKey("ECDSA P-384 key is not a point on the curve"))
            }
            return .p384(publicKey)
        case .ed25519:
            // RFC 8080 §3: the 32-octet public key of RFC 8032 §5.1.5.
            guard key.publicKey.count == 32 else { return badLength("Ed25519", key.publicKey.count, 32) }
            guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey) else {
                return .unusable(.badKey("Ed25519 key was refused by the crypto library"))
            }
            return .ed25519(publicKey)
        default:
            return .unusable(.unsupportedAlgorithm(key.algorithm))
        }
    }

    private static func badLength(_ kind: String, _ count: Int, _ expected: Int) -> Verifier {
        .unusable(.badKey("\(kind) key of \(count) octets; it must be exactly \(expected)"))
    }

    /// RFC 3110 §2: exponent length (one octet, or zero then two octets), exponent, modulus.
    private static func rsa(_ bytes: [UInt8], _ hash: RSAHash) -> Verifier {
        let components: RSAPublicKeyComponents
        switch RSAPublicKeyComponents.parse(bytes) {
        case .success(let parsed): components = parsed
        case .failure(let reason): return .unusable(.badKey(reason))
        }
        let bits = components.modulusBits
        guard bits >= SignatureCrypto.minimumRSAModulusBits else {
            return .unusable(.badKey("RSA key of \(bits) bits is below the \(SignatureCrypto.minimumRSAModulusBits)-bit floor of the crypto library"))
        }
        guard bits <= SignatureCrypto.maximumRSAModulusBits else {
            return .unusable(.badKey("RSA key of \(bits) bits is over the \(SignatureCrypto.maximumRSAModulusBits)-bit limit of RFC 3110 §2"))
        }
        // RFC 8017 §3.1: an odd modulus, and an odd exponent of at least 3. The crypto library
        // checks these too; checking first says which one is wrong.
        guard components.modulus.last.map({ $0 & 1 == 1 }) == true else {
            return .unusable(.badKey("RSA modulus is even, so it is not a product of two odd primes"))
        }
        guard components.exponent.last.map({ $0 & 1 == 1 }) == true, components.exponentBits >= 2 else {
            return .unusable(.badKey("RSA exponent must be odd and at least 3"))
        }
        guard components.exponentBits <= SignatureCrypto.maximumRSAExponentBits else {
            return .unusable(.badKey("RSA exponent of \(components.exponentBits) bits is over the \(SignatureCrypto.maximumRSAExponentBits)-bit limit of the crypto library"))
        }
        // `PublicKey(n:e:)` refuses keys under 2048 bits; the DER initialiser's floor is 1024,
        // which DNSSEC needs (RFC 5702 §6.2 and many deployed zone-signing keys are 1024 bits).
        guard let publicKey = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: components.pkcs1DER()) else {
            return .unusable(.badKey("RSA key of \(bits) bits was refused by the crypto library"))
        }
        return .rsa(publicKey, hash)
    }
}

/// The two numbers of an RSA public key, big-endian without leading zero octets.
struct RSAPublicKeyComponents {
    var exponent: ArraySlice<UInt8>
    var modulus: ArraySlice<UInt8>

    enum Parsed {
        case success(RSAPublicKeyComponents)
        case failure(String)
    }

    /// Reads the RFC 3110 §2 layout, checking every length against the octets present.
    static func parse(_ bytes: [UInt8]) -> Parsed {
        guard let first = bytes.first else { return .failure("RSA key is empty") }
        var offset = 1
        var exponentLength = Int(first)
        if first == 0 {
            guard bytes.count >= 3 else { return .failure("RSA key of \(bytes.count) octets ends inside its 3-octet exponent length") }
            exponentLength = Int(bytes[1]) << 8 | Int(bytes[2])
            offset = 3
        }
        guard exponentLength > 0 else { return .failure("RSA key has an exponent of length 0") }
        guard bytes.count - offset > exponentLength else {
            return .failure("RSA key of \(bytes.count) octets is too short for its \(exponentLength)-octet exponent and a modulus")
        }
        // RFC 3110 §2 prohibits leading zero octets; they are dropped rather than refused, as
        // they change neither number.
        let exponent = bytes[offset..<offset + exponentLength].drop { $0 == 0 }
        let modulus = bytes[(offset + exponentLength)...].drop { $0 == 0 }
        guard !exponent.isEmpty else { return .failure("RSA key has an exponent of zero") }
        guard !modulus.isEmpty else { return .failure("RSA key has a modulus of zero") }
        return .success(RSAPublicKeyComponents(exponent: exponent, modulus: modulus))
    }

    var modulusBits: Int { Self.bitLength(modulus) }
    var exponentBits: Int { Self.bitLength(exponent) }

    private static func bitLength(_ magnitude: ArraySlice<UInt8>) -> Int {
        guard let top = magnitude.first else { return 0 }
        return (magnitude.count - 1) * 8 + (8 - top.leadingZeroBitCount)
    }

    /// PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` in DER
    /// (RFC 8017 Appendix A.1.1; X.690 §8.3 for INTEGER, §10.1 for definite lengths).
    func pkcs1DER() -> [UInt8] {
        var body: [UInt8] = []
        Self.appendInteger(modulus, to: &body)
        Self.appendInteger(exponent, to: &body)
        var output: [UInt8] = [0x30]
        Self.appendLength(body.count, to: &output)
        output += body
        return output
    }

    /// A positive INTEGER: a 0x00 first when the top bit is set, so it is not read as negative.
    private static func appendInteger(_ magnitude: ArraySlice<UInt8>, to output: inout [UInt8]) {
        let pad = (magnitude.first ?? 0) & 0x80 != 0
        output.append(0x02)
        appendLength(magnitude.count + (pad ? 1 : 0), to: &output)
        if pad { output.append(0) }
        output += magnitude
    }

    /// Short form below 128, else 0x80 | count followed by the length in big-endian octets.
    private static func appendLength(_ length: Int, to output: inout [UInt8]) {
        guard length >= 0x80 else {
            output.append(UInt8(length))
            return
        }
        var octets: [UInt8] = []
        var remaining = length
        while remaining > 0 {
            octets.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
            remaining >>= 8
        }
        output.append(0x80 | UInt8(octets.count))
        output += octets
    }
}

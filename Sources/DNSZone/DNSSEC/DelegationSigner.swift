import Crypto
import DNSWire

extension DS {
    /// The DS digest of `key` owned by `owner` (RFC 4034 §5.1.4): the hash of the owner name in
    /// canonical form (lower-cased, RFC 4034 §6.2) followed by the DNSKEY RDATA.
    ///
    /// SHA-1 (RFC 4034 §5.1.4), SHA-256 (RFC 4509 §2.1) and SHA-384 (RFC 6605 §2); `nil` for any
    /// other digest type (GOST R 34.11-94, RFC 5933, among them).
    public static func digest(of key: DNSKEY, owner: DomainName, digestType: DigestType) -> [UInt8]? {
        var data = owner.lowercased().wire
        data += key.rdata()
        switch digestType {
        case .sha1: return Array(Insecure.SHA1.hash(data: data))
        case .sha256: return Array(SHA256.hash(data: data))
        case .sha384: return Array(SHA384.hash(data: data))
        default: return nil
        }
    }

    /// Whether this DS names `key` owned by `owner`: key tag, algorithm and digest all equal
    /// (RFC 4035 §5.2). A DS of an unsupported digest type matches nothing.
    public func matches(_ key: DNSKEY, owner: DomainName) -> Bool {
        guard keyTag == key.keyTag, algorithm == key.algorithm,
              let expected = DS.digest(of: key, owner: owner, digestType: digestType) else { return false }
        return expected == digest
    }
}

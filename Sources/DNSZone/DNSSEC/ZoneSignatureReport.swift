import DNSWire

/// The outcome of verifying a whole zone's DNSSEC data at one moment.
public struct ZoneSignatureReport: Sendable {
    public enum Status: String, Sendable {
        /// The DNSKEY RRset is signed by a key matching the trust anchor, every authoritative RRset
        /// has a valid signature at the validation time, and the NSEC or NSEC3 chain is complete.
        case secure
        /// Something above failed; `failures` says what.
        case bogus
        /// No DNSKEY and no RRSIG: the zone is not signed.
        case unsigned
        /// Everything verifies against the zone's own secure-entry-point keys, but no trust anchor
        /// was given, so nothing ties those keys to anyone.
        case unanchored = "valid, not anchored"
    }

    /// One thing that did not verify.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var name: DomainName
        public var type: RRType
        public var reason: String
        public var description: String { "\(name) \(type): \(reason)" }
    }

    public var status: Status
    /// Key tags of the DNSKEYs that matched the trust anchor and signed the DNSKEY RRset.
    public var anchoredKeyTags: [UInt16]
    /// Key tags of every key whose signature was used.
    public var signingKeyTags: [UInt16]
    public var failures: [Failure]
    /// RRsets whose signature verified.
    public var verifiedRRsets: Int
    /// Signatures checked cryptographically.
    public var signaturesChecked: Int
    /// The window in which every signature used is valid: the latest inception and the earliest
    /// expiration, seconds since 1970. `nil` when no signature was used.
    public var validFrom: UInt64?
    public var validUntil: UInt64?
    /// How names are proven absent, and how many links the chain has: "NSEC, 1439 names".
    public var denial: String

    public var isSecure: Bool { status == .secure }
}

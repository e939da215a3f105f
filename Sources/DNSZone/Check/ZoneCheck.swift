import DNSWire

/// Everything Preface requires of a zone copy before trusting it, in one pass: the model, the
/// ZONEMD digest (RFC 8976), the DNSSEC signatures and chain (RFC 4035), and freshness — each
/// signature used valid at the validation time.
public struct ZoneCheck: Sendable {
    public let zone: Zone
    public let digest: ZoneDigestReport
    public let signatures: ZoneSignatureReport
    /// Seconds since 1970.
    public let time: UInt64
    public let trustAnchorGiven: Bool

    /// Checks `zone` at `time`. Without a trust anchor a signed zone is checked against its own
    /// secure-entry-point keys (`.unanchored`).
    public init(zone: Zone, trustAnchor: TrustAnchor?, at time: UInt64) {
        self.zone = zone
        self.time = time
        self.trustAnchorGiven = trustAnchor != nil
        digest = ZoneDigest.verify(zone)
        signatures = ZoneSignatureVerifier(zone: zone, trustAnchor: trustAnchor, at: time).verify()
    }

    /// Whether the signatures used are all valid at the validation time (an unsigned zone has
    /// nothing to expire).
    public var isFresh: Bool {
        guard let from = signatures.validFrom, let until = signatures.validUntil else { return true }
        return from <= time && time <= until
    }

    /// Whether the DNSSEC verdict is acceptable: secure; or, with no trust anchor given, unsigned
    /// or valid against the zone's own keys.
    public var signaturesAcceptable: Bool {
        switch signatures.status {
        case .secure: true
        case .unsigned, .unanchored: !trustAnchorGiven
        case .bogus: false
        }
    }

    /// ZONEMD verified, DNSSEC acceptable, fresh.
    public var passed: Bool { digest.isVerified && signaturesAcceptable && isFresh && signatures.status != .bogus }

    /// Why the zone did not pass, one line each, most important first; empty when it passed.
    public var problems: [String] {
        var result: [String] = []
        if !digest.isVerified { result.append("ZONEMD \(digest.summary)") }
        switch signatures.status {
        case .bogus:
            let expired = signatures.failures.filter { $0.reason.contains("expired on") }
            if !expired.isEmpty, let first = expired.first {
                result.append("DNSSEC bogus: \(expired.count) RRsets have only expired signatures (first: \(first))")
            } else if let first = signatures.failures.first {
                result.append("DNSSEC bogus: \(signatures.failures.count) failure\(signatures.failures.count == 1 ? "" : "s") (first: \(first))")
            }
        case .unsigned where trustAnchorGiven:
            result.append("DNSSEC: a trust anchor was given but the zone is not signed")
        case .unanchored where trustAnchorGiven:
            result.append("DNSSEC: the zone's keys do not match the trust anchor")
        default:
            break
        }
        if !isFresh, let from = signatures.validFrom, let until = signatures.validUntil {
            result.append(time > until
                ? "stale: the signatures used expired on \(TimeText.readable(until)) (valid from \(TimeText.readable(from)))"
                : "not yet valid: the signatures used are valid from \(TimeText.readable(from))")
        }
        return result
    }
}

import DNSWire

/// Verifies a whole zone's DNSSEC data (RFC 4035 §5, RFC 6840) at a given moment: the DNSKEY RRset
/// against a trust anchor, every authoritative RRset's signatures, and the NSEC or NSEC3 chain.
///
/// The validation time is always a parameter: nothing here reads the clock.
public struct ZoneSignatureVerifier {
    public let zone: Zone
    public let trustAnchor: TrustAnchor?
    /// Seconds since 1970.
    public let time: UInt64

    /// - Parameters:
    ///   - trustAnchor: keys or DS records for the zone's origin. Without one, the zone's own
    ///     secure-entry-point keys are trusted and a fully valid zone is reported `.unanchored`.
    ///   - time: the validation time, seconds since 1970.
    /// Seconds since 1970 for `YYYYMMDDHHmmSS` (UTC), the form RRSIG times and `--at` use.
    public static func time(_ text: String) -> UInt64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 14 else { return nil }
        return ZoneText.time(bytes[...]).map(UInt64.init)
    }

    public init(zone: Zone, trustAnchor: TrustAnchor?, at time: UInt64) {
        self.zone = zone
        self.trustAnchor = trustAnchor
        self.time = time
    }

    /// A signature and the key that verified it.
    private struct UsableKey {
        var tag: UInt16
        var key: DNSKEY
        var prepared: PreparedKey
    }

    private struct Tally {
        var failures: [ZoneSignatureReport.Failure] = []
        var signingTags: Set<UInt16> = []
        var verified = 0
        var checked = 0
        var latestInception: UInt64?
        var earliestExpiration: UInt64?
    }

    public func verify() -> ZoneSignatureReport {
        let origin = zone.origin
        let signatures = zone.rrsets.contains { $0.type == .rrsig }
        guard let keyRRset = zone.rrset(origin, .dnskey) else {
            var report = ZoneSignatureReport(status: signatures ? .bogus : .unsigned, anchoredKeyTags: [], signingKeyTags: [],
                                             failures: [], verifiedRRsets: 0, signaturesChecked: 0, denial: "none")
            if signatures {
                report.failures.append(.init(name: origin, type: .dnskey, reason: "the zone has RRSIGs but no DNSKEY RRset at its apex"))
            }
            return report
        }
        var tally = Tally()
        // RFC 4034 §2.1.1: only zone keys (bit 7) sign zone data; RFC 5011 §2.1: revoked keys never do.
        var zoneKeys: [UsableKey] = []
        for record in keyRRset.records {
            guard let key = try? record.view(as: DNSKEY.self) else {
                tally.failures.append(.init(name: origin, type: .dnskey, reason: "a DNSKEY record is malformed"))
                continue
            }
            guard key.isZoneKey, key.protocol == 3 else { continue }
            zoneKeys.append(UsableKey(tag: key.keyTag, key: key, prepared: PreparedKey(key)))
        }
        // The DNSKEY RRset must be signed by a key the trust anchor vouches for (RFC 4035 §5.2).
        let entryKeys: [UsableKey]
        if let trustAnchor {
            entryKeys = zoneKeys.filter { !$0.key.isRevoked && trustAnchor.matches($0.key, owner: origin) }
        } else {
            let secureEntryPoints = zoneKeys.filter { $0.key.isSecureEntryPoint && !$0.key.isRevoked }
            entryKeys = secureEntryPoints.isEmpty ? zoneKeys : secureEntryPoints
        }
        let signaturesByName = indexSignatures()
        let keysetFailure = check(keyRRset, keys: entryKeys, signatures: signaturesByName[origin] ?? [], &tally)
        var anchoredTags: [UInt16] = []
        if let keysetFailure {
            let anchorTags = trustAnchor.map { anchor in
                (anchor.keys.map(\.keyTag) + anchor.delegationSigners.map(\.keyTag)).map(String.init).joined(separator: ", ")
            }
            let reason = entryKeys.isEmpty
                ? "no DNSKEY in the zone matches the trust anchor (anchor key tags \(anchorTags ?? "none"); zone key tags \(zoneKeys.map { String($0.tag) }.joined(separator: ", ")))"
                : "not validly signed by a key matching the trust anchor: \(keysetFailure)"
            tally.failures.append(.init(name: origin, type: .dnskey, reason: reason))
        } else {
            anchoredTags = Array(tally.signingTags).sorted()
        }
        for (index, rrset) in zone.rrsets.enumerated() where zone.authorities[index] == .authoritative {
            guard rrset.type != .rrsig, !(rrset.type == .dnskey && rrset.name == origin) else { continue }
            if let failure = check(rrset, keys: zoneKeys, signatures: signaturesByName[rrset.name] ?? [], &tally) {
                tally.failures.append(.init(name: rrset.name, type: rrset.type, reason: failure))
            }
        }
        let denial = DenialChain(zone: zone).verify()
        tally.failures += denial.failures
        let status: ZoneSignatureReport.Status = !tally.failures.isEmpty ? .bogus : trustAnchor == nil ? .unanchored : .secure
        return ZoneSignatureReport(
            status: status, anchoredKeyTags: anchoredTags, signingKeyTags: Array(tally.signingTags).sorted(),
            failures: tally.failures, verifiedRRsets: tally.verified, signaturesChecked: tally.checked,
            validFrom: tally.latestInception, validUntil: tally.earliestExpiration, denial: denial.summary)
    }

    /// RRSIGs by owner name, parsed once.
    private func indexSignatures() -> [DomainName: [RRSIG]] {
        var result: [DomainName: [RRSIG]] = [:]
        for rrset in zone.rrsets where rrset.type == .rrsig {
            result[rrset.name] = rrset.records.compactMap { try? $0.view(as: RRSIG.self) }
        }
        return result
    }

    /// Checks one RRset (RFC 4035 §5.3): `nil` when a signature by one of `keys` verifies at the
    /// validation time, else why not. Of several valid signatures, the one valid longest counts;
    /// when every genuine signature is outside its validity period, the latest still sets the
    /// freshness window, so an expired zone says when it expired.
    private func check(_ rrset: RRset, keys: [UsableKey], signatures: [RRSIG], _ tally: inout Tally) -> String? {
        let covering = signatures.filter { $0.typeCovered == rrset.type }
        guard !covering.isEmpty else { return "no RRSIG covers it" }
        var reasons: [String] = []
        var best: (tag: UInt16, inception: UInt64, expiration: UInt64, current: Bool)?
        let now = UInt32(truncatingIfNeeded: time)
        for signature in covering {
            // RFC 4035 §5.3.1: the signer is the zone, the label count fits the owner.
            guard signature.signerName == zone.origin else {
                reasons.append("signer \(signature.signerName) is not the zone \(zone.origin)")
                continue
            }
            guard Int(signature.labels) <= rrset.name.labelCount else {
                reasons.append("RRSIG labels \(signature.labels) exceed the owner's \(rrset.name.labelCount)")
                continue
            }
            let candidates = keys.filter { $0.tag == signature.keyTag && $0.key.algorithm == signature.algorithm }
            guard !candidates.isEmpty else {
                reasons.append("key \(signature.keyTag) (algorithm \(signature.algorithm)) is not among the usable keys")
                continue
            }
            let data = SignedData.build(signature, rrset: rrset)
            var verdict = "no key verified it"
            var valid = false
            for candidate in candidates {
                tally.checked += 1
                let outcome = candidate.prepared.verify(signature: signature.signature, over: data)
                if outcome == .valid {
                    valid = true
                    break
                }
                verdict = describe(outcome, tag: candidate.tag)
            }
            guard valid else {
                reasons.append(verdict)
                continue
            }
            // RFC 4034 §3.1.5: times compare in serial-number arithmetic (RFC 1982).
            let inception = absolute(signature.inception)
            let expiration = absolute(signature.expiration)
            let started = Int32(bitPattern: now &- signature.inception) >= 0
            let unexpired = Int32(bitPattern: signature.expiration &- now) >= 0
            if !started { reasons.append("signature by key \(signature.keyTag) is not valid before \(TimeText.readable(inception))") }
            if !unexpired { reasons.append("signature by key \(signature.keyTag) expired on \(TimeText.readable(expiration))") }
            let current = started && unexpired
            if let chosen = best, chosen.current && !current || chosen.current == current && chosen.expiration >= expiration {
                continue
            }
            best = (signature.keyTag, inception, expiration, current)
        }
        if let best {
            tally.latestInception = max(tally.latestInception ?? 0, best.inception)
            tally.earliestExpiration = min(tally.earliestExpiration ?? .max, best.expiration)
            if best.current {
                tally.verified += 1
                tally.signingTags.insert(best.tag)
                return nil
            }
        }
        return reasons.joined(separator: "; ")
    }

    private func describe(_ check: SignatureCheck, tag: UInt16) -> String {
        switch check {
        case .valid: "valid"
        case .invalid: "signature by key \(tag) does not verify (the data or the signature was changed)"
        case .unsupportedAlgorithm(let algorithm): "algorithm \(algorithm) is not supported"
        case .badKey(let reason): "key \(tag) cannot be used: \(reason)"
        }
    }

    /// An RRSIG time (seconds mod 2³²) as the absolute time nearest the validation time.
    private func absolute(_ value: UInt32) -> UInt64 {
        let offset = Int64(Int32(bitPattern: value &- UInt32(truncatingIfNeeded: time)))
        return UInt64(max(0, Int64(clamping: time) + offset))
    }
}

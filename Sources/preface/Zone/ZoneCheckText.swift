import DNSWire
import DNSZone

/// What `preface zone check` prints: a few lines a person reads, or one JSON object.
struct ZoneCheckText {
    let check: ZoneCheck
    let file: String
    let trustAnchorPath: String?

    private var zone: Zone { check.zone }

    static func duration(_ seconds: UInt64) -> String {
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3600
        let minutes = seconds % 3600 / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m \(seconds % 60)s"
    }

    private var typeCounts: [(RRType, Int)] {
        zone.countsByType.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
    }

    private var dnssecLine: String {
        let signatures = check.signatures
        switch signatures.status {
        case .secure:
            return "secure: DNSKEY RRset signed by \(tags(signatures.anchoredKeyTags)) matching the trust anchor \(trustAnchorPath ?? "")"
                + "; \(signatures.verifiedRRsets) RRsets verified with \(tags(signatures.signingKeyTags)); \(signatures.denial)"
        case .unanchored:
            return "valid, not anchored: no trust anchor given; \(signatures.verifiedRRsets) RRsets verified against the zone's own keys \(tags(signatures.signingKeyTags)); \(signatures.denial)"
        case .unsigned:
            return "unsigned: no DNSKEY and no RRSIG"
        case .bogus:
            return "bogus: \(signatures.failures.count) failure\(signatures.failures.count == 1 ? "" : "s")"
        }
    }

    private func tags(_ values: [UInt16]) -> String {
        values.isEmpty ? "no key" : (values.count == 1 ? "key " : "keys ") + values.map(String.init).joined(separator: ", ")
    }

    private var freshnessLine: String {
        let at = TimeText.readable(check.time)
        guard let from = check.signatures.validFrom, let until = check.signatures.validUntil else {
            return "no signatures, so nothing expires; SOA expire \(zone.soa.expire) s after the last successful refresh"
        }
        let window = "signatures valid \(TimeText.readable(from)) .. \(TimeText.readable(until))"
        let state: String
        if check.time > until {
            state = "STALE at \(at): expired \(Self.duration(check.time - until)) ago"
        } else if check.time < from {
            state = "not yet valid at \(at)"
        } else {
            state = "fresh at \(at), \(Self.duration(until - check.time)) left"
        }
        return "\(window); \(state); SOA expire \(Self.duration(UInt64(zone.soa.expire))) after the last successful refresh"
    }

    var text: String {
        var lines: [String] = []
        lines.append("zone \(zone.origin) (\(file)): serial \(zone.soa.serial)")
        lines.append("  SOA: refresh \(zone.soa.refresh) retry \(zone.soa.retry) expire \(zone.soa.expire) minimum \(zone.soa.minimum)")
        let duplicates = zone.rrsets.reduce(0) { $0 + $1.duplicatesRemoved }
        var counts = "  records: \(zone.recordCount) in \(zone.rrsets.count) RRsets"
        if duplicates > 0 { counts += ", \(duplicates) duplicates dropped" }
        if !zone.outOfZone.isEmpty { counts += ", \(zone.outOfZone.count) out-of-zone records ignored" }
        lines.append(counts)
        lines.append("  by type: " + typeCounts.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        lines.append("ZONEMD: \(check.digest.summary)")
        for entry in check.digest.entries {
            lines.append("  \(entry.verdict.rawValue): \(entry.detail)")
        }
        lines.append("DNSSEC: \(dnssecLine)")
        for failure in check.signatures.failures.prefix(5) {
            lines.append("  \(failure)")
        }
        if check.signatures.failures.count > 5 {
            lines.append("  … and \(check.signatures.failures.count - 5) more")
        }
        lines.append("freshness: \(freshnessLine)")
        if check.passed {
            lines.append("verdict: PASS")
        } else {
            lines.append("verdict: FAIL")
            for problem in check.problems { lines.append("  \(problem)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var json: String {
        let signatures = check.signatures
        let object: JSONValue = .object([
            ("file", .string(file)),
            ("origin", .string(zone.origin.description)),
            ("serial", .integer(Int(zone.soa.serial))),
            ("soa", .object([("refresh", .integer(Int(zone.soa.refresh))), ("retry", .integer(Int(zone.soa.retry))),
                             ("expire", .integer(Int(zone.soa.expire))), ("minimum", .integer(Int(zone.soa.minimum)))])),
            ("records", .integer(zone.recordCount)),
            ("rrsets", .integer(zone.rrsets.count)),
            ("outOfZone", .integer(zone.outOfZone.count)),
            ("types", .object(typeCounts.map { ($0.0.description, .integer($0.1)) })),
            ("zonemd", .object([
                ("status", .string(check.digest.isVerified ? "verified" : "\(check.digest.status)")),
                ("summary", .string(check.digest.summary)),
                ("records", .array(check.digest.entries.map { entry in
                    .object([
                        ("scheme", entry.zonemd.map { .integer(Int($0.scheme.rawValue)) } ?? .null),
                        ("hashAlgorithm", entry.zonemd.map { .integer(Int($0.hashAlgorithm.rawValue)) } ?? .null),
                        ("verdict", .string(entry.verdict.rawValue)),
                        ("detail", .string(entry.detail)),
                    ])
                })),
            ])),
            ("dnssec", .object([
                ("status", .string(signatures.status.rawValue)),
                ("trustAnchor", trustAnchorPath.map { .string($0) } ?? .null),
                ("anchoredKeyTags", .array(signatures.anchoredKeyTags.map { .integer(Int($0)) })),
                ("signingKeyTags", .array(signatures.signingKeyTags.map { .integer(Int($0)) })),
                ("verifiedRRsets", .integer(signatures.verifiedRRsets)),
                ("denial", .string(signatures.denial)),
                ("failureCount", .integer(signatures.failures.count)),
                ("failures", .array(signatures.failures.prefix(100).map { .string($0.description) })),
            ])),
            ("freshness", .object([
                ("at", .string(TimeText.readable(check.time))),
                ("validFrom", signatures.validFrom.map { .string(TimeText.readable($0)) } ?? .null),
                ("validUntil", signatures.validUntil.map { .string(TimeText.readable($0)) } ?? .null),
                ("fresh", .bool(check.isFresh)),
                ("soaExpireSeconds", .integer(Int(zone.soa.expire))),
            ])),
            ("passed", .bool(check.passed)),
            ("problems", .array(check.problems.map { .string($0) })),
        ])
        return object.text + "\n"
    }
}

import DNSWire

/// The outcome of checking a zone's apex ZONEMD RRset (RFC 8976 §4): a verdict for each record and
/// one for the zone.
public struct ZoneDigestReport: Sendable {
    /// What one ZONEMD record says about the zone.
    public enum Verdict: String, Sendable, CaseIterable {
        /// Supported scheme and algorithm, serial equal to the SOA's, digest equal to the zone's.
        case verified
        /// Supported, but the digest differs from the zone's: the zone was changed or damaged.
        case mismatch
        /// A scheme or hash algorithm Preface does not implement: ignored (RFC 8976 §4).
        case unsupported
        /// Another record of the RRset has the same scheme and algorithm (RFC 8976 §2.4).
        case duplicate
        /// The record's serial is not the SOA's: it belongs to another version of the zone.
        case serialMismatch = "serial mismatch"
        /// Shorter than 12 octets or than the algorithm's output (RFC 8976 §2.2.4).
        case tooShort = "too short"
        /// RDATA too short to hold serial, scheme and algorithm.
        case malformed
    }

    public struct Entry: Sendable {
        public var record: ResourceRecord
        /// `nil` when the RDATA is malformed.
        public var zonemd: ZONEMD?
        public var verdict: Verdict
        /// Why, for a person.
        public var detail: String
    }

    /// The zone as a whole.
    public enum Status: Sendable, Equatable {
        /// At least one supported digest matches.
        case verified
        /// No apex ZONEMD record: nothing to verify.
        case absent
        /// Only unsupported ZONEMD records: the zone is *not* verified (RFC 8976 §4), which a
        /// consumer must treat like a failure when it requires a digest.
        case unsupportedOnly
        /// Supported records exist and none matches.
        case failed
    }

    public var entries: [Entry]
    public var status: Status

    public var isVerified: Bool { status == .verified }

    /// One line for a person: the status and, when not verified, the first reason.
    public var summary: String {
        switch status {
        case .verified:
            let used = entries.filter { $0.verdict == .verified }.map { "\($0.zonemd?.hashAlgorithm.description ?? "?")" }
            return "verified (\(used.joined(separator: ", ")))"
        case .absent:
            return "not verified: the zone has no ZONEMD record at its apex"
        case .unsupportedOnly:
            return "not verified: every ZONEMD record uses an unsupported scheme or hash algorithm (\(entries.map(\.detail).joined(separator: "; ")))"
        case .failed:
            let first = entries.first { $0.verdict != .unsupported } ?? entries.first
            return "failed: \(first?.detail ?? "no usable ZONEMD record")"
        }
    }
}

extension ZoneDigest {
    /// Checks the apex ZONEMD RRset against the zone (RFC 8976 §4, steps 3–5; the DNSSEC step is
    /// `ZoneSignatureVerifier`'s). Each supported algorithm's digest is computed once.
    public static func verify(_ zone: Zone) -> ZoneDigestReport {
        guard let rrset = zone.rrset(zone.origin, .zonemd) else { return ZoneDigestReport(entries: [], status: .absent) }
        let serial = zone.soa.serial
        var pairs: [UInt16: Int] = [:]
        let parsed = rrset.records.map { try? $0.view(as: ZONEMD.self) }
        for zonemd in parsed {
            guard let zonemd else { continue }
            pairs[UInt16(zonemd.scheme.rawValue) << 8 | UInt16(zonemd.hashAlgorithm.rawValue), default: 0] += 1
        }
        var computed: [ZONEMDHashAlgorithm: [UInt8]] = [:]
        var entries: [ZoneDigestReport.Entry] = []
        for (record, zonemd) in zip(rrset.records, parsed) {
            guard let zonemd else {
                entries.append(.init(record: record, zonemd: nil, verdict: .malformed,
                                     detail: "ZONEMD RDATA of \(record.rdata.count) octets cannot hold serial, scheme and algorithm"))
                continue
            }
            let label = "ZONEMD scheme \(zonemd.scheme), hash \(zonemd.hashAlgorithm)"
            func entry(_ verdict: ZoneDigestReport.Verdict, _ detail: String) {
                entries.append(.init(record: record, zonemd: zonemd, verdict: verdict, detail: "\(label): \(detail)"))
            }
            guard zonemd.scheme == .simple else {
                entry(.unsupported, "scheme \(zonemd.scheme.rawValue) is not one Preface implements (only 1, SIMPLE)")
                continue
            }
            guard let length = digestLength(of: zonemd.hashAlgorithm) else {
                entry(.unsupported, "hash algorithm \(zonemd.hashAlgorithm.rawValue) is not one Preface implements (1 SHA-384, 2 SHA-512)")
                continue
            }
            if pairs[UInt16(zonemd.scheme.rawValue) << 8 | UInt16(zonemd.hashAlgorithm.rawValue), default: 0] > 1 {
                entry(.duplicate, "more than one ZONEMD record with this scheme and algorithm (RFC 8976 §2.4); none of them counts")
                continue
            }
            guard zonemd.serial == serial else {
                entry(.serialMismatch, "serial \(zonemd.serial) is not the SOA serial \(serial)")
                continue
            }
            guard zonemd.digest.count >= minimumDigestLength, zonemd.digest.count >= length else {
                entry(.tooShort, "digest of \(zonemd.digest.count) octets; \(zonemd.hashAlgorithm) gives \(length)")
                continue
            }
            guard zonemd.digest.count == length else {
                entry(.mismatch, "digest of \(zonemd.digest.count) octets; \(zonemd.hashAlgorithm) gives \(length)")
                continue
            }
            if computed[zonemd.hashAlgorithm] == nil { computed[zonemd.hashAlgorithm] = compute(zone, algorithm: zonemd.hashAlgorithm) }
            let actual = computed[zonemd.hashAlgorithm] ?? []
            if actual == zonemd.digest {
                entry(.verified, "digest matches the zone")
            } else {
                entry(.mismatch, "digest does not match the zone, which digests to \(hex(actual.prefix(8)))…")
            }
        }
        let status: ZoneDigestReport.Status
        if entries.contains(where: { $0.verdict == .verified }) {
            status = .verified
        } else if entries.allSatisfy({ $0.verdict == .unsupported }) {
            status = .unsupportedOnly
        } else {
            status = .failed
        }
        return ZoneDigestReport(entries: entries, status: status)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

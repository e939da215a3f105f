import DNSWire
import DNSZone

/// Preface's side of the in-process stages, doing what `preface zone check` does: parse, take the
/// origin from the SOA, build the model; then ZONEMD; then the whole `ZoneCheck`.
enum PrefaceZone {
    enum Work {
        case parse
        case digest
        case check(trustAnchorPath: String, time: UInt64)
    }

    /// - Returns: `nil` when the stage gave the right answer, else what went wrong. `records` is
    ///   the record count of the model, checked against the warm-up's.
    static func run(_ path: String, _ work: Work, records: inout Int) -> String? {
        let zone: Zone
        do {
            zone = try load(path)
        } catch {
            return "\(error)"
        }
        records = zone.recordCount + zone.outOfZone.count
        switch work {
        case .parse:
            return nil
        case .digest:
            let report = ZoneDigest.verify(zone)
            return report.isVerified ? nil : "ZONEMD \(report.summary)"
        case .check(let trustAnchorPath, let time):
            let anchor: TrustAnchor
            do {
                anchor = try TrustAnchor.load(path: trustAnchorPath, at: UInt32(clamping: time))
            } catch {
                return "trust anchor: \(error)"
            }
            let check = ZoneCheck(zone: zone, trustAnchor: anchor, at: time)
            guard check.passed, check.signatures.status == .secure else {
                return "ZoneCheck did not pass: \(check.problems.joined(separator: "; "))"
            }
            return nil
        }
    }

    static func load(_ path: String) throws -> Zone {
        let records = try ZoneParser.parseFile(path)
        guard let origin = records.first(where: { $0.type == .soa })?.name else {
            throw ZoneError(.zoneContent, file: path, line: 0, column: 0, "no SOA record, so no origin")
        }
        return try Zone(origin: origin, records: records, file: path)
    }
}

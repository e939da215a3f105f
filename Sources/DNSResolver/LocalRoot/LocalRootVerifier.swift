import DNSWire
import DNSZone

/// Why a root zone copy was refused: the stage that failed and what it said.
public struct LocalRootRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Stage: String, Sendable {
        case limits, parse, zonemd, dnssec, freshness, serial
    }

    public var stage: Stage
    public var reason: String

    public var description: String { "\(stage.rawValue): \(reason)" }
}

/// The checks a root zone copy passes before it is used, in DESIGN §2's order: size and record limits
/// → parse (unknown types allowed) → ZONEMD (scheme 1, SHA-384/512; a supported digest must match;
/// unsupported-only is not verified) → DNSSEC (the DNSKEY RRset chained to the trust anchor, every
/// signature valid) → fresh now → serial not lower than the last accepted (RFC 1982).
public enum LocalRootVerifier {
    /// Record and size limits for a root zone: ten times today's (about 25,000 records, 2.2 MB).
    public static let limits = ZoneLimits(maximumFileSize: 64 << 20, maximumRecordCount: 500_000)

    /// Verifies zone text.
    public static func verify(text: [UInt8], source: String, trustAnchor: TrustAnchor, at now: UInt64,
                              lastAcceptedSerial: UInt32?) -> Result<LocalRootCopy, LocalRootRefusal> {
        let records: [ResourceRecord]
        do {
            var parser = ZoneParser(text: text, file: source, origin: .root, limits: limits)
            var parsed: [ResourceRecord] = []
            while let record = try parser.next() { parsed.append(record) }
            records = parsed
        } catch let error as ZoneError {
            return .failure(LocalRootRefusal(stage: error.code == .limitExceeded ? .limits : .parse, reason: "\(error)"))
        } catch {
            return .failure(LocalRootRefusal(stage: .parse, reason: "\(error)"))
        }
        return verify(records: records, source: source, trustAnchor: trustAnchor, at: now, lastAcceptedSerial: lastAcceptedSerial)
    }

    /// Verifies a zone file.
    public static func verify(file path: String, trustAnchor: TrustAnchor, at now: UInt64,
                              lastAcceptedSerial: UInt32?) -> Result<LocalRootCopy, LocalRootRefusal> {
        let records: [ResourceRecord]
        do {
            records = try ZoneParser.parseFile(path, origin: .root, limits: limits)
        } catch let error as ZoneError {
            return .failure(LocalRootRefusal(stage: error.code == .limitExceeded ? .limits : .parse, reason: "\(error)"))
        } catch {
            return .failure(LocalRootRefusal(stage: .parse, reason: "\(error)"))
        }
        return verify(records: records, source: "file \(path)", trustAnchor: trustAnchor, at: now, lastAcceptedSerial: lastAcceptedSerial)
    }

    /// Verifies records (from a zone transfer, or parsed text).
    public static func verify(records: [ResourceRecord], source: String, trustAnchor: TrustAnchor, at now: UInt64,
                              lastAcceptedSerial: UInt32?) -> Result<LocalRootCopy, LocalRootRefusal> {
        guard records.count <= limits.maximumRecordCount else {
            return .failure(LocalRootRefusal(stage: .limits, reason: "\(records.count) records is over the limit of \(limits.maximumRecordCount)"))
        }
        let zone: Zone
        do {
            zone = try Zone(origin: .root, records: records, file: source)
        } catch {
            return .failure(LocalRootRefusal(stage: .parse, reason: "\(error)"))
        }
        let check = ZoneCheck(zone: zone, trustAnchor: trustAnchor, at: now)
        guard check.digest.isVerified else {
            return .failure(LocalRootRefusal(stage: .zonemd, reason: check.digest.summary))
        }
        guard check.signatures.status == .secure else {
            let first = check.signatures.failures.first.map { " (first: \($0))" } ?? ""
            return .failure(LocalRootRefusal(stage: .dnssec, reason: "\(check.signatures.status.rawValue)\(first)"))
        }
        guard check.isFresh, let until = check.signatures.validUntil else {
            return .failure(LocalRootRefusal(stage: .freshness, reason: check.problems.last ?? "the signatures are not valid now"))
        }
        if let last = lastAcceptedSerial, SerialNumber.isLess(zone.soa.serial, than: last) {
            return .failure(LocalRootRefusal(stage: .serial, reason: "serial \(zone.soa.serial) is lower than \(last), the last accepted (RFC 1982)"))
        }
        return .success(LocalRootCopy(zone: zone, verifiedAt: now, signaturesValidUntil: until, source: source))
    }
}

/// RFC 1982 serial number arithmetic on 32 bits.
public enum SerialNumber {
    public static func isLess(_ a: UInt32, than b: UInt32) -> Bool {
        a != b && ((a < b && b - a < 1 << 31) || (a > b && a - b > 1 << 31))
    }
}

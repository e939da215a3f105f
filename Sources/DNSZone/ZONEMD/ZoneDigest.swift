import Crypto
import DNSWire

/// Computes the message digest of a zone (RFC 8976 §3) with the SIMPLE scheme.
public enum ZoneDigest {
    /// The hash algorithms Preface computes (RFC 8976 §5.3).
    public static let supportedAlgorithms: [ZONEMDHashAlgorithm] = [.sha384, .sha512]

    /// RFC 8976 §2.2.4: digests shorter than this are not to be trusted, whatever the algorithm.
    public static let minimumDigestLength = 12

    /// The digest length of `algorithm`, or `nil` when it is not supported.
    public static func digestLength(of algorithm: ZONEMDHashAlgorithm) -> Int? {
        switch algorithm {
        case .sha384: SHA384.byteCount
        case .sha512: SHA512.byteCount
        default: nil
        }
    }

    /// The SIMPLE digest (RFC 8976 §3.3) of `zone` with `algorithm`, or `nil` when the algorithm
    /// is not supported.
    ///
    /// Every RR at or below the origin is digested once, in canonical order, with its own TTL
    /// (§3.3.1): glue, occluded data and ZONEMD RRsets below the apex included; the apex ZONEMD
    /// RRset and the RRSIGs that cover it excluded (§3.3.1.1).
    public static func compute(_ zone: Zone, algorithm: ZONEMDHashAlgorithm) -> [UInt8]? {
        switch algorithm {
        case .sha384:
            var hasher = SHA384()
            feed(zone) { chunk in hasher.update(bufferPointer: chunk) }
            return Array(hasher.finalize())
        case .sha512:
            var hasher = SHA512()
            feed(zone) { chunk in hasher.update(bufferPointer: chunk) }
            return Array(hasher.finalize())
        default:
            return nil
        }
    }

    /// A ZONEMD record for `zone`: the apex owner, the SOA's serial and TTL, the digest.
    public static func record(for zone: Zone, algorithm: ZONEMDHashAlgorithm) -> ResourceRecord? {
        guard let digest = compute(zone, algorithm: algorithm) else { return nil }
        let rdata = ZONEMD(serial: zone.soa.serial, scheme: .simple, hashAlgorithm: algorithm, digest: digest).rdata()
        return ResourceRecord(name: zone.origin, type: .zonemd, class: zone.class, ttl: zone.soaRecord.ttl, rdata: rdata)
    }

    /// Hands the zone's canonical wire form to `update` in chunks of about 64 KiB.
    private static func feed(_ zone: Zone, _ update: (UnsafeRawBufferPointer) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16 + 1024)
        for rrset in zone.rrsets {
            let atApex = rrset.name == zone.origin
            if atApex, rrset.type == .zonemd { continue }
            for (index, record) in rrset.records.enumerated() {
                if atApex, rrset.type == .rrsig, coveredType(record.rdata) == .zonemd { continue }
                record.appendCanonicalWire(to: &buffer, canonicalRData: rrset.canonicalRData[index])
                if buffer.count >= 1 << 16 {
                    buffer.withUnsafeBytes(update)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        buffer.withUnsafeBytes(update)
    }

    /// The type an RRSIG covers: its first two RDATA octets.
    static func coveredType(_ rdata: [UInt8]) -> RRType? {
        guard rdata.count >= 2 else { return nil }
        return RRType(UInt16(rdata[0]) << 8 | UInt16(rdata[1]))
    }
}

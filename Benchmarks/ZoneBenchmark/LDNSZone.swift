import CLDNS
import Glibc

/// ldns's side of the in-process stages, called the way `ldns-verify-zone` calls it (ldns 1.8.3
/// `examples/ldns-verify-zone.c`: no origin, default TTL 0, class IN).
enum LDNSZone {
    /// Reads `path` into an `ldns_dnssec_zone`, optionally checks its ZONEMD, frees it.
    ///
    /// - Returns: `nil` when ldns read the zone (and, with `verifyDigest`, a ZONEMD record matched),
    ///   else what went wrong. `names` is the zone's name count, checked against the warm-up's.
    static func run(_ path: String, verifyDigest: Bool, names: inout Int) -> String? {
        guard let file = fopen(path, "r") else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
        defer { fclose(file) }
        var zone: UnsafeMutablePointer<ldns_dnssec_zone>? = nil
        let status = ldns_dnssec_zone_new_frm_fp(&zone, file, nil, 0, LDNS_RR_CLASS_IN)
        guard let zone else { return "ldns_dnssec_zone_new_frm_fp: \(describe(status))" }
        defer { ldns_dnssec_zone_deep_free(zone) }
        guard status == LDNS_STATUS_OK else { return "ldns_dnssec_zone_new_frm_fp: \(describe(status))" }
        guard zone.pointee.soa != nil else { return "ldns found no SOA in \(path)" }
        names = zone.pointee.names.map { Int($0.pointee.count) } ?? 0
        if verifyDigest {
            let digest = ldns_dnssec_zone_verify_zonemd(zone)
            guard digest == LDNS_STATUS_OK else { return "ldns_dnssec_zone_verify_zonemd: \(describe(digest))" }
        }
        return nil
    }

    /// Records in the zone ldns read from `path` (RRsets, their signatures, NSEC and its
    /// signatures), walked once outside the timing to compare with Preface's count.
    static func recordCount(_ path: String) -> Int? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var zone: UnsafeMutablePointer<ldns_dnssec_zone>? = nil
        let status = ldns_dnssec_zone_new_frm_fp(&zone, file, nil, 0, LDNS_RR_CLASS_IN)
        guard let zone else { return nil }
        defer { ldns_dnssec_zone_deep_free(zone) }
        guard status == LDNS_STATUS_OK, let tree = zone.pointee.names else { return nil }
        func length(_ list: UnsafeMutablePointer<ldns_dnssec_rrs>?) -> Int {
            var count = 0
            var entry = list
            while let current = entry {
                count += 1
                entry = current.pointee.next
            }
            return count
        }
        var records = 0
        // The tree ends in a sentinel node, not NULL; its count says how many real nodes there are.
        var node = ldns_rbtree_first(tree)
        for _ in 0..<tree.pointee.count {
            guard let current = node else { break }
            if let name = current.pointee.data?.assumingMemoryBound(to: ldns_dnssec_name.self) {
                var rrset = name.pointee.rrsets
                while let set = rrset {
                    records += length(set.pointee.rrs) + length(set.pointee.signatures)
                    rrset = set.pointee.next
                }
                records += (name.pointee.nsec == nil ? 0 : 1) + length(name.pointee.nsec_signatures)
            }
            node = ldns_rbtree_next(current)
        }
        return records
    }

    static func describe(_ status: ldns_status) -> String {
        guard let text = ldns_get_errorstr_by_id(status) else { return "status \(status.rawValue)" }
        return "\(String(cString: text)) (status \(status.rawValue))"
    }
}

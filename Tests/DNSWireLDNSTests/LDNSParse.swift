import CLDNS
import Glibc

/// What ldns 1.8 makes of one message with `ldns_wire2pkt`.
struct LDNSParse {
    let status: ldns_status
    /// The answer, authority and additional records as `ldns_rr2str_fmt` prints them with
    /// no output-format flags (ldns's `nocomments`), final newline removed. ldns takes OPT records out of the
    /// additional section into its EDNS fields and a TSIG record into `tsig` (wire2host.c), so
    /// neither is here. Empty when the parse failed or `printing` was off.
    let records: [String]
    /// The TSIG record ldns took out of the additional section, printed like `records`.
    let tsig: String?

    var accepted: Bool { status == LDNS_STATUS_OK }
    /// ldns's own words for the status ("Invalid compression pointer"…).
    var statusText: String { String(cString: ldns_get_errorstr_by_id(status)) }

    init(_ wire: [UInt8], printing: Bool = false) {
        var packet: UnsafeMutablePointer<ldns_pkt>? = nil
        status = wire.withUnsafeBufferPointer { ldns_wire2pkt(&packet, $0.baseAddress, $0.count) }
        guard let packet else {
            records = []
            tsig = nil
            return
        }
        defer { ldns_pkt_free(packet) }
        guard printing, status == LDNS_STATUS_OK else {
            records = []
            tsig = nil
            return
        }
        var texts: [String] = []
        for list in [ldns_pkt_answer(packet), ldns_pkt_authority(packet), ldns_pkt_additional(packet)] {
            guard let list else { continue }
            for index in 0..<ldns_rr_list_rr_count(list) {
                texts.append(LDNSParse.text(of: ldns_rr_list_rr(list, index)))
            }
        }
        records = texts
        tsig = ldns_pkt_tsig(packet).map { LDNSParse.text(of: $0) }
    }

    /// One record as ldns prints it, without DNSSEC comments and without the final newline.
    private static func text(of record: UnsafeMutablePointer<ldns_rr>?) -> String {
        // No flags: what `ldns_output_format_nocomments` holds (host2str.c), built here because
        // Swift 6 does not allow reading that global C variable.
        var format = ldns_output_format(flags: 0, data: nil)
        guard let record, let characters = ldns_rr2str_fmt(&format, record) else {
            return "<ldns could not print this record>"
        }
        defer { free(characters) }
        var text = String(cString: characters)
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

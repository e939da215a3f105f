import DNSWire

/// The documented reasons for DNSWire and ldns to disagree about whether a message is well
/// formed. Each is recognised from the evidence — DNSWire's error code and offset, and the
/// record it falls in — never from which file the message came from. Every one found so far is
/// DNSWire rejecting what ldns 1.8 accepts; a message ldns rejects and DNSWire accepts has no
/// excuse here and fails the test.
enum KnownDisagreement: String, CaseIterable, Sendable {
    case forwardCompressionPointer
    case ednsOptionsUncheckedByLDNS
    case serviceParametersUncheckedByLDNS
    case locLengthUncheckedByLDNS
    case rdataEndsBeforeItsFields
    case rdataLongerThanItsFieldsInLastRecord

    /// Why the disagreement is acceptable.
    var reason: String {
        switch self {
        case .forwardCompressionPointer:
            "RFC 1035 §4.1.4 pointers refer to a prior occurrence of a name, and STYLE rule 4 rejects forward "
                + "pointers; ldns follows any pointer that lands inside the message (wire2host.c ldns_wire2dname)"
        case .ednsOptionsUncheckedByLDNS:
            "RFC 6891 §6.1.2: OPT RDATA is a run of {code, length, data} options, which DNSWire walks; "
                + "ldns_wire2pkt keeps OPT RDATA as one opaque field (its EDNS data) and never reads the options"
        case .serviceParametersUncheckedByLDNS:
            "RFC 9460 §7 fixes the value layout of each SvcParamKey (alpn: length-prefixed ids, port: 2 octets…), "
                + "which DNSWire checks; ldns_wire2pkt reads SvcParams as one field and checks values only when printing"
        case .locLengthUncheckedByLDNS:
            "RFC 1876 §2: version 0 LOC RDATA is exactly 16 octets; ldns reads LOC RDATA as one field up to RDLENGTH"
        case .rdataEndsBeforeItsFields:
            "RDLENGTH ends at a field boundary before the type's layout is complete (RFC 1035 §3.2.1); "
                + "ldns_wire2rdf stops reading fields at RDLENGTH and keeps a record with fields missing"
        case .rdataLongerThanItsFieldsInLastRecord:
            "octets follow the last field of the type's layout (RFC 1035 §4.1.3: RDLENGTH is the RDATA's length); "
                + "ldns_wire2rdf reads the fields and then carries on from where they ended, not from RDLENGTH, "
                + "which only goes unnoticed when no record follows"
        }
    }

    /// Why DNSWire rejected with `error` a message that ldns accepted, or nil if no documented
    /// reason applies.
    static func explaining(_ error: WireError, in wire: [UInt8]) -> KnownDisagreement? {
        let offset = error.offset
        if error.code == .badPointer, offset + 1 < wire.count, wire[offset] & 0xC0 == 0xC0,
           (Int(wire[offset] & 0x3F) << 8 | Int(wire[offset + 1])) > offset {
            return .forwardCompressionPointer
        }
        let records = RecordLayout.records(of: wire)
        guard let index = records.firstIndex(where: { $0.rdata.lowerBound <= offset && offset <= $0.rdata.upperBound }) else {
            return nil
        }
        let record = records[index]
        switch (record.type, error.code) {
        case (.opt, .truncated), (.opt, .badRDATA):
            return .ednsOptionsUncheckedByLDNS
        case (.svcb, .badRDATA), (.https, .badRDATA):
            return .serviceParametersUncheckedByLDNS
        case (.loc, .badRDATA):
            return .locLengthUncheckedByLDNS
        default:
            break
        }
        if error.code == .truncated, offset == record.rdata.upperBound {
            return .rdataEndsBeforeItsFields
        }
        if error.code == .badRDATA, index == records.count - 1, records.count == RecordLayout.announcedRecords(in: wire) {
            return .rdataLongerThanItsFieldsInLastRecord
        }
        return nil
    }
}

/// Where each record of a message sits, found by following RDLENGTH alone and stepping over
/// names without decoding them. Only used to say in which record a DNSWire error lies.
enum RecordLayout {
    struct Record {
        var type: RRType
        /// The RDATA's octets in the message, as RDLENGTH gives them.
        var rdata: Range<Int>
    }

    /// Answer, authority and additional records as far as they can be walked.
    static func records(of wire: [UInt8]) -> [Record] {
        guard wire.count >= 12 else { return [] }
        var offset = 12
        func uint16(_ at: Int) -> Int? { at + 1 < wire.count ? Int(wire[at]) << 8 | Int(wire[at + 1]) : nil }
        func skipName() -> Bool {
            while offset < wire.count {
                let length = Int(wire[offset])
                if length & 0xC0 == 0xC0 { offset += 2; return offset <= wire.count }
                offset += length + 1
                if length == 0 { return true }
            }
            return false
        }
        for _ in 0..<(uint16(4) ?? 0) {
            guard skipName() else { return [] }
            offset += 4
        }
        var records: [Record] = []
        for _ in 0..<announcedRecords(in: wire) {
            guard skipName(), let type = uint16(offset), let length = uint16(offset + 8) else { break }
            let start = offset + 10
            guard start + length <= wire.count else { break }
            records.append(Record(type: RRType(UInt16(type)), rdata: start..<start + length))
            offset = start + length
        }
        return records
    }

    /// ANCOUNT + NSCOUNT + ARCOUNT.
    static func announcedRecords(in wire: [UInt8]) -> Int {
        guard wire.count >= 12 else { return 0 }
        return stride(from: 6, to: 12, by: 2).reduce(0) { $0 + (Int(wire[$1]) << 8 | Int(wire[$1 + 1])) }
    }
}

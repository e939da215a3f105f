import DNSWire

/// Low-level writing of response parts into a byte buffer, shared by the answer builder and the error
/// responses. Names are written whole or as a pointer to an earlier whole copy (RFC 1035 §4.1.4).
enum ResponseEncoding {
    /// Header flags of a response: QR, RA, and the client's RD and CD copied (RFC 1035 §4.1.1, RFC 4035 §3.2.2).
    static func flags(for query: ClientQuery, rcode: RCode, truncated: Bool = false) -> UInt16 {
        var flags: UInt16 = 0x8000 | 0x0080
        if query.recursionDesired { flags |= 0x0100 }
        if query.checkingDisabled { flags |= 0x0010 }
        if truncated { flags |= 0x0200 }
        return flags | (rcode.rawValue & 0x0F)
    }

    /// Header with zero counts, then the question; returns where the question name starts (12).
    static func startResponse(_ query: ClientQuery, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        appendUInt16(query.id, to: &output)
        output.append(contentsOf: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0] as [UInt8])
        output.append(contentsOf: query.question.name.wire)
        appendUInt16(query.question.type.rawValue, to: &output)
        appendUInt16(query.question.class.rawValue, to: &output)
    }

    static func setHeader(flags: UInt16, answers: Int, authorities: Int, additionals: Int, in output: inout [UInt8]) {
        store(flags, at: 2, in: &output)
        store(UInt16(clamping: answers), at: 6, in: &output)
        store(UInt16(clamping: authorities), at: 8, in: &output)
        store(UInt16(clamping: additionals), at: 10, in: &output)
    }

    /// One record. `owner` is an offset to point at, or `nil` to write `name` whole. Returns the offset
    /// of the RDATA.
    @discardableResult
    static func appendRecord(name: DomainName, pointingTo owner: Int?, type: RRType, class: RRClass, ttl: UInt32,
                             rdata: [UInt8], to output: inout [UInt8]) -> Int {
        if let owner, owner < 0x4000 {
            appendUInt16(0xC000 | UInt16(owner), to: &output)
        } else {
            output.append(contentsOf: name.wire)
        }
        appendUInt16(type.rawValue, to: &output)
        appendUInt16(`class`.rawValue, to: &output)
        appendUInt32(ttl, to: &output)
        appendUInt16(UInt16(clamping: rdata.count), to: &output)
        let start = output.count
        output.append(contentsOf: rdata)
        return start
    }

    /// The OPT record (RFC 6891 §6.1.2): the resolver's payload size, the client's DO bit echoed, and
    /// an extended DNS error when there is one (RFC 8914).
    static func appendOPT(for query: ClientQuery, rcode: RCode = .noError, error: ExtendedDNSError?, to output: inout [UInt8]) {
        output.append(0)
        appendUInt16(RRType.opt.rawValue, to: &output)
        appendUInt16(UInt16(WireLimits.recommendedUDPPayloadSize), to: &output)
        // TTL field: extended RCODE (the upper 8 bits, RFC 6891 §6.1.3), version 0, DO echoed.
        appendUInt32(UInt32(rcode.rawValue >> 4 & 0xFF) << 24 | (query.dnssecOK ? 0x8000 : 0), to: &output)
        guard let error else {
            appendUInt16(0, to: &output)
            return
        }
        let option = error.option
        appendUInt16(UInt16(clamping: 4 + option.data.count), to: &output)
        appendUInt16(option.code.rawValue, to: &output)
        appendUInt16(UInt16(clamping: option.data.count), to: &output)
        output.append(contentsOf: option.data)
    }

    /// A response with no records: an error (SERVFAIL, REFUSED, FORMERR…) or a truncated answer.
    static func emptyResponse(_ query: ClientQuery, rcode: RCode, error: ExtendedDNSError?, truncated: Bool = false,
                              into output: inout [UInt8]) {
        startResponse(query, into: &output)
        var additionals = 0
        if query.edns != nil {
            appendOPT(for: query, rcode: rcode, error: error, to: &output)
            additionals = 1
        }
        setHeader(flags: flags(for: query, rcode: rcode, truncated: truncated), answers: 0, authorities: 0,
                  additionals: additionals, in: &output)
    }

    @inline(__always)
    static func appendUInt16(_ value: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value >> 8))
        output.append(UInt8(truncatingIfNeeded: value))
    }

    @inline(__always)
    static func appendUInt32(_ value: UInt32, to output: inout [UInt8]) {
        appendUInt16(UInt16(truncatingIfNeeded: value >> 16), to: &output)
        appendUInt16(UInt16(truncatingIfNeeded: value), to: &output)
    }

    static func store(_ value: UInt16, at offset: Int, in output: inout [UInt8]) {
        guard offset + 1 < output.count else { return }
        output[offset] = UInt8(truncatingIfNeeded: value >> 8)
        output[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}

/// EDNS(0) (RFC 6891 §6): the OPT pseudo-record's fields, read from and written to the record.
public struct EDNS: Hashable, Sendable {
    /// Requestor's UDP payload size (the OPT CLASS field).
    public var udpPayloadSize: UInt16
    /// Upper 8 bits of the 12-bit extended RCODE (RFC 6891 §6.1.3).
    public var extendedRCodeHigh: UInt8
    public var version: UInt8
    /// DO and the reserved Z flags, as on the wire.
    public var flags: UInt16
    /// Options in wire order; unknown codes are kept as they came.
    public var options: [EDNSOption]

    public init(udpPayloadSize: UInt16 = UInt16(WireLimits.recommendedUDPPayloadSize), dnssecOK: Bool = false,
                version: UInt8 = 0, options: [EDNSOption] = []) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedRCodeHigh = 0
        self.version = version
        self.flags = dnssecOK ? 0x8000 : 0
        self.options = options
    }

    /// DO: DNSSEC answer OK (RFC 3225).
    public var dnssecOK: Bool {
        get { flags & 0x8000 != 0 }
        set { flags = newValue ? flags | 0x8000 : flags & ~0x8000 }
    }

    /// Reads an OPT record (RFC 6891 §6.1.2, §6.1.3).
    public init(_ record: ResourceRecord) throws {
        guard record.type == .opt else { throw WireError(.wrongType, at: 0, "\(record.type) is not OPT") }
        self.init(class: record.class, ttl: record.ttl)
        options = try record.rdata.withUnsafeBytes { try Self.options(in: $0) }
    }

    /// Reads an OPT record in place from a message view, decoding neither its owner nor a copy of its
    /// RDATA (a query's OPT is read on every packet the server takes).
    public init(_ record: MessageView.Record) throws {
        guard record.type == .opt else { throw WireError(.wrongType, at: record.nameOffset, "\(record.type) is not OPT") }
        self.init(class: record.class, ttl: record.ttl)
        let range = record.rdataRange
        options = range.isEmpty ? [] : try record.view.wire.withUnsafeBytes { try Self.options(in: UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    private init(class: RRClass, ttl: UInt32) {
        udpPayloadSize = `class`.rawValue
        extendedRCodeHigh = UInt8(ttl >> 24)
        version = UInt8(ttl >> 16 & 0xFF)
        flags = UInt16(ttl & 0xFFFF)
        options = []
    }

    private static func options(in rdata: UnsafeRawBufferPointer) throws -> [EDNSOption] {
        var options: [EDNSOption] = []
        var reader = WireReader(rdata)
        while !reader.isAtEnd {
            let code = EDNSOptionCode(try reader.readUInt16("option code"))
            let length = Int(try reader.readUInt16("option length"))
            options.append(EDNSOption(code: code, data: Array(try reader.readBytes(length, "option data"))))
        }
        return options
    }

    /// The OPT record: owner root, CLASS = payload size, TTL = extended RCODE, version, flags.
    public var record: ResourceRecord {
        var rdata: [UInt8] = []
        for option in options {
            rdata += [UInt8(option.code.rawValue >> 8), UInt8(option.code.rawValue & 0xFF),
                      UInt8(truncatingIfNeeded: option.data.count >> 8), UInt8(truncatingIfNeeded: option.data.count)]
            rdata += option.data
        }
        let ttl = UInt32(extendedRCodeHigh) << 24 | UInt32(version) << 16 | UInt32(flags)
        return ResourceRecord(name: .root, type: .opt, class: RRClass(udpPayloadSize), ttl: ttl, rdata: rdata)
    }

    /// The first option with `code`.
    public func option(_ code: EDNSOptionCode) -> EDNSOption? { options.first { $0.code == code } }
}

/// One EDNS option: code and data (RFC 6891 §6.1.2).
public struct EDNSOption: Hashable, Sendable {
    public var code: EDNSOptionCode
    public var data: [UInt8]

    public init(code: EDNSOptionCode, data: [UInt8]) {
        self.code = code
        self.data = data
    }
}

extension Message {
    /// The EDNS record in the additional section, if there is one. Setting replaces it (or adds
    /// it at the end); `nil` removes it.
    public var edns: EDNS? {
        get { additionals.first { $0.type == .opt }.flatMap { try? EDNS($0) } }
        set {
            let index = additionals.firstIndex { $0.type == .opt }
            switch (index, newValue) {
            case let (index?, value?): additionals[index] = value.record
            case let (nil, value?): additionals.append(value.record)
            case let (index?, nil): additionals.remove(at: index)
            case (nil, nil): break
            }
        }
    }

    /// The full RCODE: the header's 4 bits extended by the OPT record's 8 (RFC 6891 §6.1.3).
    public var rcode: RCode {
        get { RCode(UInt16(edns?.extendedRCodeHigh ?? 0) << 4 | UInt16(header.rcodeLow)) }
        set {
            header.rcodeLow = UInt8(newValue.rawValue & 0x0F)
            let high = UInt8(truncatingIfNeeded: newValue.rawValue >> 4)
            if var edns {
                edns.extendedRCodeHigh = high
                self.edns = edns
            } else if high != 0 {
                // RFC 6891 §6.1.3: RCODEs over 15 exist only with an OPT record to carry the high bits.
                var edns = EDNS()
                edns.extendedRCodeHigh = high
                self.edns = edns
            }
        }
    }
}

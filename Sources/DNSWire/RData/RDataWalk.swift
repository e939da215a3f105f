/// Receives RDATA as it is walked: plain octets and decompressed names.
protocol RDataSink: NameSink {
    /// Octets `range` of the message, copied unchanged.
    mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>)
    /// Called after the last label of each name (the sink adds the root label if it keeps names).
    mutating func endName()
}

extension DiscardingNameSink: RDataSink {
    func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {}
    func endName() {}
}

extension AppendingNameSink: RDataSink {
    mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }
    mutating func endName() { output.append(0) }
}

extension RRTypeDescriptor {
    /// The RDATA at the reader, checked against this type's layout, in uncompressed form, in an
    /// array of exactly its length.
    func readRData(_ reader: inout WireReader) throws -> [UInt8] {
        if !containsNames {
            // Uncompressed form is the received form: check once, copy once.
            let start = reader.offset
            var sink = DiscardingNameSink()
            try walkRData(&reader, into: &sink)
            let bytes = reader.bytes
            return try makeOctets(count: reader.offset - start) { base in
                if let source = bytes.baseAddress {
                    base.update(from: (source + start).assumingMemoryBound(to: UInt8.self), count: reader.offset - start)
                }
            }
        }
        // Names inside: decompress on the stack in one walk; when that does not fit, measure first.
        let start = reader.offset
        let small: [UInt8]? = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2048) { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var writer = WritingNameSink(base, capacity: buffer.count)
            try walkRData(&reader, into: &writer)
            return writer.overflowed ? nil : Array(UnsafeBufferPointer(start: base, count: writer.written))
        }
        if let small { return small }
        reader.offset = start
        var probe = reader
        var counter = CountingNameSink()
        try walkRData(&probe, into: &counter)
        let rdata = try makeOctets(count: counter.length) { base in
            var writer = WritingNameSink(base, capacity: counter.length)
            try walkRData(&reader, into: &writer)
        }
        reader.offset = probe.offset
        return rdata
    }

    /// Walks the RDATA between the reader's offset and its limit, checking it against this type's
    /// layout, and hands octets and decompressed names to `sink`. Opaque types and empty RDATA
    /// (RFC 2136 §2.5 deletions, RFC 3597) are copied unchecked.
    func walkRData<Sink: RDataSink>(_ reader: inout WireReader, into sink: inout Sink) throws {
        let start = reader.offset
        guard let fields, reader.limit > start else {
            sink.copy(reader.bytes, start..<reader.limit)
            reader.offset = reader.limit
            return
        }
        if let fixedLength {
            guard reader.remaining == fixedLength else {
                throw WireError(.badRDATA, at: start, "\(mnemonic) RDATA is \(fixedLength) octets, not \(reader.remaining)")
            }
            sink.copy(reader.bytes, start..<reader.limit)
            reader.offset = reader.limit
            return
        }
        var copiedUpTo = start
        for field in fields {
            if field.mayHoldName {
                sink.copy(reader.bytes, copiedUpTo..<reader.offset)
                try walkNameBearing(field, rdataStart: start, &reader, into: &sink)
                copiedUpTo = reader.offset
            } else {
                try skip(field, rdataStart: start, &reader)
            }
        }
        guard reader.isAtEnd else {
            throw WireError(.badRDATA, at: reader.offset, "\(reader.remaining) octets after the last \(mnemonic) field")
        }
        sink.copy(reader.bytes, copiedUpTo..<reader.offset)
    }

    private func readName<Sink: RDataSink>(_ reader: inout WireReader, into sink: inout Sink) throws {
        try reader.readName(into: &sink)
        sink.endName()
    }

    /// Fields that are or may contain names; octets around the names go to the sink too.
    private func walkNameBearing<Sink: RDataSink>(
        _ field: RDataField, rdataStart: Int, _ reader: inout WireReader, into sink: inout Sink
    ) throws {
        func copyFixed(_ count: Int, _ what: StaticString) throws {
            let from = reader.offset
            try reader.skip(count, what)
            sink.copy(reader.bytes, from..<reader.offset)
        }
        switch field {
        case .name:
            try readName(&reader, into: &sink)
        case .ipseckeyGateway:
            // RFC 4025 §2.3: the gateway type is the second octet of the RDATA.
            let gatewayType = reader.bytes[rdataStart + 1] // trap-ok: two checked uint8 fields precede
            switch gatewayType {
            case 0: break
            case 1: try copyFixed(4, "IPSECKEY IPv4 gateway")
            case 2: try copyFixed(16, "IPSECKEY IPv6 gateway")
            case 3: try readName(&reader, into: &sink)
            default: throw WireError(.badRDATA, at: rdataStart + 1, "IPSECKEY gateway type \(gatewayType) is not 0…3")
            }
        case .amtrelay:
            // RFC 8777 §4.2: D bit and 7-bit relay type, then the relay.
            let typeOffset = reader.offset
            let relayType = try reader.readUInt8("AMTRELAY type") & 0x7F
            sink.copy(reader.bytes, typeOffset..<reader.offset)
            switch relayType {
            case 0: break
            case 1: try copyFixed(4, "AMTRELAY IPv4 relay")
            case 2: try copyFixed(16, "AMTRELAY IPv6 relay")
            case 3: try readName(&reader, into: &sink)
            default: throw WireError(.badRDATA, at: typeOffset, "AMTRELAY relay type \(relayType) is not 0…3")
            }
        case .a6:
            // RFC 2874 §3.1.1: prefix length, address suffix, prefix name when the prefix is not 0.
            let from = reader.offset
            let prefixLength = Int(try reader.readUInt8("A6 prefix length"))
            guard prefixLength <= 128 else {
                throw WireError(.badRDATA, at: from, "A6 prefix length \(prefixLength) is over 128")
            }
            try reader.skip((128 - prefixLength + 7) / 8, "A6 address suffix")
            sink.copy(reader.bytes, from..<reader.offset)
            if prefixLength > 0 { try readName(&reader, into: &sink) }
        case .hip:
            // RFC 8005 §5: HIT length, PK algorithm, PK length, HIT, public key, rendezvous servers.
            let from = reader.offset
            let hitLength = Int(try reader.readUInt8("HIP HIT length"))
            try reader.skip(1, "HIP PK algorithm")
            let keyLength = Int(try reader.readUInt16("HIP PK length"))
            try reader.skip(hitLength, "HIP HIT")
            try reader.skip(keyLength, "HIP public key")
            sink.copy(reader.bytes, from..<reader.offset)
            while !reader.isAtEnd { try readName(&reader, into: &sink) }
        default:
            try skip(field, rdataStart: rdataStart, &reader)
        }
    }

    /// Fields without names: check their length and move past them.
    private func skip(_ field: RDataField, rdataStart: Int, _ reader: inout WireReader) throws {
        if let length = field.fixedLength {
            guard reader.remaining >= length else {
                throw WireError(.badRDATA, at: reader.offset, "\(mnemonic) RDATA ends inside a \(length)-octet field")
            }
            reader.offset += length
            return
        }
        switch field {
        case .characterString, .unquotedCharacterString, .hexWithLength8, .base32WithLength8:
            let length = Int(try reader.readUInt8("length octet"))
            try reader.skip(length, "character-string")
        case .characterStrings:
            guard !reader.isAtEnd else { throw WireError(.badRDATA, at: reader.offset, "\(mnemonic) needs a character-string") }
            while !reader.isAtEnd {
                let length = Int(try reader.readUInt8("length octet"))
                try reader.skip(length, "character-string")
            }
        case .base64WithLength16:
            let length = Int(try reader.readUInt16("length"))
            try reader.skip(length, "data")
        case .base64, .hex, .nsapHex, .quotedRest, .nxtBitmap, .atma:
            reader.offset = reader.limit
        case .typeBitmap:
            try TypeBitmap.validate(&reader)
        case .wks:
            try reader.skip(5, "WKS address and protocol")
            reader.offset = reader.limit
        case .loc:
            // RFC 1876 §2: version 0 is 16 octets; other versions are opaque.
            if !reader.isAtEnd, reader.bytes[reader.offset] == 0 {
                guard reader.remaining == 16 else {
                    throw WireError(.badRDATA, at: reader.offset, "LOC version 0 is 16 octets, not \(reader.remaining)")
                }
            }
            reader.offset = reader.limit
        case .apl:
            // RFC 3123 §4: family, prefix, N + AFD length (≤ 4 for IPv4, ≤ 16 for IPv6), AFD part.
            while !reader.isAtEnd {
                let itemStart = reader.offset
                let family = try reader.readUInt16("APL address family")
                try reader.skip(1, "APL prefix")
                let length = Int(try reader.readUInt8("APL AFD length") & 0x7F)
                if family == 1 && length > 4 || family == 2 && length > 16 {
                    throw WireError(.badRDATA, at: itemStart, "APL AFD part of \(length) octets is too long for family \(family)")
                }
                try reader.skip(length, "APL AFD part")
            }
        case .ednsOptions:
            while !reader.isAtEnd {
                try reader.skip(2, "EDNS option code")
                let length = Int(try reader.readUInt16("EDNS option length"))
                try reader.skip(length, "EDNS option data")
            }
        case .svcParams:
            try SVCParameters.validate(&reader)
        default:
            throw WireError(.badRDATA, at: reader.offset, "no rule for field \(field)")
        }
    }
}

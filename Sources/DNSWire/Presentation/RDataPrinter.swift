/// Writes RDATA in presentation format, driven by the type's descriptor. RDATA that does not fit
/// its layout, empty RDATA and opaque types are written in the generic form `\# len hex`
/// (RFC 3597 §5).
enum RDataPrinter {
    static func append(type: RRType, rdata: [UInt8], to output: inout [UInt8]) {
        let descriptor = type.descriptor
        guard let fields = descriptor.fields, type != .opt else {
            appendGeneric(rdata, to: &output)
            return
        }
        let start = output.count
        let printed: Bool = rdata.withUnsafeBytes { bytes in
            var reader = WireReader(bytes)
            do {
                for (index, field) in fields.enumerated() {
                    if index > 0, output.count > start, output.last != UInt8(ascii: " ") { output.append(UInt8(ascii: " ")) }
                    try appendField(field, &reader, rdata: rdata, to: &output)
                }
                return reader.isAtEnd
            } catch {
                return false
            }
        }
        if !printed {
            output.removeSubrange(start...)
            appendGeneric(rdata, to: &output)
        } else if output.last == UInt8(ascii: " ") {
            output.removeLast()
        }
    }

    /// RFC 3597 §5: `\# <length> <hex>`.
    static func appendGeneric(_ rdata: [UInt8], to output: inout [UInt8]) {
        output.append("\\# ")
        output.appendDecimal(rdata.count)
        if !rdata.isEmpty {
            output.append(UInt8(ascii: " "))
            TextEncoding.appendHex(rdata, to: &output)
        }
    }

    static func appendField(_ field: RDataField, _ reader: inout WireReader, rdata: [UInt8], to output: inout [UInt8]) throws {
        switch field {
        case .uint8: output.appendDecimal(try reader.readUInt8())
        case .uint16: output.appendDecimal(try reader.readUInt16())
        case .uint32: output.appendDecimal(try reader.readUInt32())
        case .uint48:
            let high = UInt64(try reader.readUInt16())
            output.appendDecimal(high << 32 | UInt64(try reader.readUInt32()))
        case .ipv4: AddressText.appendIPv4(try reader.readBytes(4), to: &output)
        case .ipv6: AddressText.appendIPv6(Array(try reader.readBytes(16)), to: &output)
        case .name: try reader.readName().appendPresentation(to: &output)
        case .characterString: appendQuoted(try readCharacterString(&reader), to: &output)
        case .unquotedCharacterString:
            // RFC 8659 §4.1: the CAA tag is 1…15 letters and digits; any other tag has no text form that
            // reads back the same, so the record falls back to the generic form.
            let tag = try readCharacterString(&reader)
            guard (1...15).contains(tag.count), tag.allSatisfy(isLetterOrDigit) else {
                throw WireError(.badRDATA, at: reader.offset, "CAA tag is not 1…15 letters and digits (RFC 8659 §4.1)")
            }
            output.append(contentsOf: tag)
        case .characterStrings:
            var first = true
            while !reader.isAtEnd {
                if !first { output.append(UInt8(ascii: " ")) }
                appendQuoted(try readCharacterString(&reader), to: &output)
                first = false
            }
        case .quotedRest: appendQuoted(try reader.readBytes(reader.remaining), to: &output)
        case .base64: TextEncoding.appendBase64(try reader.readBytes(reader.remaining), to: &output)
        case .hex: TextEncoding.appendHex(try reader.readBytes(reader.remaining), to: &output)
        case .nsapHex:
            output.append("0x")
            TextEncoding.appendHex(try reader.readBytes(reader.remaining), to: &output)
        case .hexWithLength8:
            let salt = try readCharacterString(&reader)
            if salt.isEmpty { output.append(UInt8(ascii: "-")) } else { TextEncoding.appendHex(salt, to: &output) }
        case .base32WithLength8:
            // RFC 5155 §3.2: the next hashed owner name is never empty; empty has no text form.
            let hash = try readCharacterString(&reader)
            guard !hash.isEmpty else { throw WireError(.badRDATA, at: reader.offset, "empty NSEC3 next hashed owner") }
            TextEncoding.appendBase32Hex(hash, to: &output)
        case .base64WithLength16:
            let length = Int(try reader.readUInt16())
            output.appendDecimal(length)
            if length > 0 {
                output.append(UInt8(ascii: " "))
                TextEncoding.appendBase64(try reader.readBytes(length), to: &output)
            }
        case .typeBitmap:
            var lookahead = reader
            try TypeBitmap.validateMinimal(&lookahead)
            appendTypes(TypeBitmap.types(in: try reader.readBytes(reader.remaining)), to: &output)
        case .nxtBitmap: try appendNXTBitmap(&reader, to: &output)
        case .rrType: output.append(RRType(try reader.readUInt16()).description)
        case .time: TimeText.append(UInt64(try reader.readUInt32()), to: &output)
        case .transactionError: output.append(RCode(try reader.readUInt16()).transactionSignatureDescription)
        case .certificateType: output.append(certificateTypeName(try reader.readUInt16()))
        case .eui48, .eui64:
            let octets = try reader.readBytes(field == .eui48 ? 6 : 8)
            for (index, byte) in octets.enumerated() {
                if index > 0 { output.append(UInt8(ascii: "-")) }
                TextEncoding.appendHex([byte], uppercase: false, to: &output)
            }
        case .ilnp64:
            let octets = Array(try reader.readBytes(8))
            for group in 0..<4 {
                if group > 0 { output.append(UInt8(ascii: ":")) }
                TextEncoding.appendHex(octets[(2 * group)..<(2 * group + 2)], uppercase: false, to: &output)
            }
        case .ednsOptions: TextEncoding.appendHex(try reader.readBytes(reader.remaining), to: &output)
        case .wks, .loc, .apl, .ipseckeyGateway, .hip, .svcParams, .a6, .amtrelay, .atma:
            try appendSpecial(field, &reader, rdata: rdata, to: &output)
        }
    }

    static func readCharacterString(_ reader: inout WireReader) throws -> ArraySlice<UInt8> {
        let length = Int(try reader.readUInt8())
        return try reader.readBytes(length)
    }

    /// A `<character-string>` in quotes (RFC 1035 §5.1): `"` and `\` escaped with a backslash,
    /// octets outside printable ASCII as `\DDD`.
    static func appendQuoted(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in bytes { appendStringOctet(byte, quoted: true, to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    static func appendStringOctet(_ byte: UInt8, quoted: Bool, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            output.append(UInt8(ascii: "\\"))
            output.append(byte)
        case UInt8(ascii: " ") where !quoted:
            appendDecimalEscape(byte, to: &output)
        case 0x20...0x7E:
            output.append(byte)
        default:
            appendDecimalEscape(byte, to: &output)
        }
    }

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20)
    }

    static func appendTypes(_ types: [RRType], to output: inout [UInt8]) {
        for (index, type) in types.enumerated() {
            if index > 0 { output.append(UInt8(ascii: " ")) }
            output.append(type.description)
        }
    }

    /// RFC 2535 §5.2: bit n of the NXT bitmap is type n (types 1…127 only).
    static func appendNXTBitmap(_ reader: inout WireReader, to output: inout [UInt8]) throws {
        let bitmap = try reader.readBytes(reader.remaining)
        // The text lists types, so trailing zero octets (which RFC 2535 §5.2 forbids) would not read back.
        guard bitmap.last != 0 else { throw WireError(.badRDATA, at: reader.offset, "NXT bitmap ends in a zero octet") }
        var types: [RRType] = []
        for (index, byte) in bitmap.enumerated() {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { types.append(RRType(UInt16(index * 8 + bit))) }
        }
        appendTypes(types, to: &output)
    }

    /// RFC 4398 §2.1 certificate types.
    static func certificateTypeName(_ value: UInt16) -> String {
        switch value {
        case 1: "PKIX"
        case 2: "SPKI"
        case 3: "PGP"
        case 4: "IPKIX"
        case 5: "ISPKI"
        case 6: "IPGP"
        case 7: "ACPKIX"
        case 8: "IACPKIX"
        case 253: "URI"
        case 254: "OID"
        default: String(value)
        }
    }
}


/// Whole-RDATA presentation formats with their own rules.
extension RDataPrinter {
    static func appendSpecial(_ field: RDataField, _ reader: inout WireReader, rdata: [UInt8], to output: inout [UInt8]) throws {
        switch field {
        case .wks: try appendWKS(&reader, to: &output)
        case .loc: try appendLOC(&reader, to: &output)
        case .apl: try appendAPL(&reader, to: &output)
        case .ipseckeyGateway:
            // RFC 4025 §3: "." when there is no gateway. The type is RDATA octet 1.
            switch rdata[1] { // trap-ok: two uint8 fields were read before this one
            case 0: output.append(UInt8(ascii: "."))
            case 1: AddressText.appendIPv4(try reader.readBytes(4), to: &output)
            case 2: AddressText.appendIPv6(Array(try reader.readBytes(16)), to: &output)
            case 3: try reader.readName().appendPresentation(to: &output)
            default: throw WireError(.badRDATA, at: 1, "IPSECKEY gateway type")
            }
        case .hip: try appendHIP(&reader, to: &output)
        case .svcParams: try appendServiceParameters(&reader, to: &output)
        case .a6:
            // RFC 2874 §3.1.2: prefix length, address (suffix bits), prefix name.
            let prefixLength = Int(try reader.readUInt8())
            guard prefixLength <= 128 else { throw WireError(.badRDATA, at: 0, "A6 prefix length") }
            let suffix = Array(try reader.readBytes((128 - prefixLength + 7) / 8))
            output.appendDecimal(prefixLength)
            output.append(UInt8(ascii: " "))
            AddressText.appendIPv6([UInt8](repeating: 0, count: 16 - suffix.count) + suffix, to: &output)
            if prefixLength > 0 {
                output.append(UInt8(ascii: " "))
                try reader.readName().appendPresentation(to: &output)
            }
        case .amtrelay:
            // RFC 8777 §5: precedence (already written), D bit, type, relay ("." for none).
            let typeOctet = try reader.readUInt8()
            output.appendDecimal(typeOctet >> 7)
            output.append(UInt8(ascii: " "))
            output.appendDecimal(typeOctet & 0x7F)
            output.append(UInt8(ascii: " "))
            switch typeOctet & 0x7F {
            case 0: output.append(UInt8(ascii: "."))
            case 1: AddressText.appendIPv4(try reader.readBytes(4), to: &output)
            case 2: AddressText.appendIPv6(Array(try reader.readBytes(16)), to: &output)
            case 3: try reader.readName().appendPresentation(to: &output)
            default: throw WireError(.badRDATA, at: 1, "AMTRELAY type")
            }
        case .atma:
            // ATM Forum af-saa-0069.000: format 0 = AESA in hex, 1 = E.164 as "+digits".
            let format = try reader.readUInt8()
            let address = try reader.readBytes(reader.remaining)
            guard !address.isEmpty else { throw WireError(.badRDATA, at: 1, "ATMA address is empty") }
            switch format {
            case 0: TextEncoding.appendHex(address, to: &output)
            case 1:
                output.append(UInt8(ascii: "+"))
                guard address.allSatisfy({ (0x30...0x39).contains($0) }) else { throw WireError(.badRDATA, at: 1, "ATMA E.164 digits") }
                output.append(contentsOf: address)
            default: throw WireError(.badRDATA, at: 0, "ATMA format")
            }
        default:
            throw WireError(.badRDATA, at: reader.offset, "no printer for \(field)")
        }
    }

    /// RFC 1035 §3.4.2: address, protocol, and the ports whose bits are set.
    static func appendWKS(_ reader: inout WireReader, to output: inout [UInt8]) throws {
        AddressText.appendIPv4(try reader.readBytes(4), to: &output)
        let protocolNumber = try reader.readUInt8()
        output.append(UInt8(ascii: " "))
        switch protocolNumber {
        case 6: output.append("tcp")
        case 17: output.append("udp")
        default: output.appendDecimal(protocolNumber)
        }
        for (index, byte) in try reader.readBytes(reader.remaining).enumerated() {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                output.append(UInt8(ascii: " "))
                output.appendDecimal(index * 8 + bit)
            }
        }
    }

    /// RFC 1876 §3: `d m s.sss N|S d m s.sss E|W alt[m] size[m] hp[m] vp[m]`.
    static func appendLOC(_ reader: inout WireReader, to output: inout [UInt8]) throws {
        guard try reader.readUInt8() == 0 else { throw WireError(.badRDATA, at: 0, "LOC version other than 0") }
        let size = try reader.readUInt8()
        let horizontal = try reader.readUInt8()
        let vertical = try reader.readUInt8()
        let latitude = try reader.readUInt32()
        let longitude = try reader.readUInt32()
        let altitude = try reader.readUInt32()
        appendCoordinate(latitude, positive: "N", negative: "S", to: &output)
        output.append(UInt8(ascii: " "))
        appendCoordinate(longitude, positive: "E", negative: "W", to: &output)
        output.append(UInt8(ascii: " "))
        // Altitude: centimetres above a base 100,000 m below the WGS 84 spheroid.
        appendMeters(Int(altitude) - 10_000_000, to: &output)
        for precision in [size, horizontal, vertical] {
            output.append(UInt8(ascii: " "))
            // Mantissa and power of ten, in centimetres; 9 × 10^9 needs more than 32 bits.
            var centimetres = Int(precision >> 4)
            for _ in 0..<Int(precision & 0x0F) { centimetres *= 10 }
            appendMeters(centimetres, to: &output, alwaysFraction: centimetres < 100)
        }
    }

    /// Thousandths of an arc second, offset by 2^31.
    static func appendCoordinate(_ value: UInt32, positive: String, negative: String, to output: inout [UInt8]) {
        let signed = Int(value) - (1 << 31)
        let magnitude = abs(signed)
        TimeText.appendPadded(magnitude / 3_600_000, 2, to: &output)
        output.append(UInt8(ascii: " "))
        TimeText.appendPadded(magnitude / 60_000 % 60, 2, to: &output)
        output.append(UInt8(ascii: " "))
        TimeText.appendPadded(magnitude / 1000 % 60, 2, to: &output)
        output.append(UInt8(ascii: "."))
        TimeText.appendPadded(magnitude % 1000, 3, to: &output)
        output.append(UInt8(ascii: " "))
        output.append(signed >= 0 ? positive : negative)
    }

    /// Metres with centimetres when there are any (`-24m`, `10.33m`); sizes under a metre always
    /// show them (`0.30m`, `0.00m`), as RFC 1876's examples and ldns do.
    static func appendMeters(_ centimetres: Int, to output: inout [UInt8], alwaysFraction: Bool = false) {
        if centimetres < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = abs(centimetres)
        output.appendDecimal(magnitude / 100)
        if magnitude % 100 != 0 || alwaysFraction {
            output.append(UInt8(ascii: "."))
            TimeText.appendPadded(magnitude % 100, 2, to: &output)
        }
        output.append(UInt8(ascii: "m"))
    }

    /// RFC 3123 §5: `[!]family:address/prefix`, items separated by spaces.
    static func appendAPL(_ reader: inout WireReader, to output: inout [UInt8]) throws {
        var first = true
        while !reader.isAtEnd {
            if !first { output.append(UInt8(ascii: " ")) }
            first = false
            let family = try reader.readUInt16()
            let prefix = try reader.readUInt8()
            let lengthOctet = try reader.readUInt8()
            let part = Array(try reader.readBytes(Int(lengthOctet & 0x7F)))
            // RFC 3123 §4.1: trailing zero octets are not sent; the text form cannot keep them.
            guard part.last != 0 else { throw WireError(.badRDATA, at: reader.offset, "APL address part ends in a zero octet") }
            if lengthOctet & 0x80 != 0 { output.append(UInt8(ascii: "!")) }
            output.appendDecimal(family)
            output.append(UInt8(ascii: ":"))
            // RFC 3123 §4.1: the prefix fits the family's address length.
            guard prefix <= (family == 1 ? 32 : 128) else { throw WireError(.badRDATA, at: reader.offset, "APL prefix /\(prefix) too long") }
            switch family {
            case 1:
                guard part.count <= 4 else { throw WireError(.badRDATA, at: reader.offset, "APL IPv4 part") }
                AddressText.appendIPv4(part + [UInt8](repeating: 0, count: 4 - part.count), to: &output)
            case 2:
                guard part.count <= 16 else { throw WireError(.badRDATA, at: reader.offset, "APL IPv6 part") }
                AddressText.appendIPv6(part + [UInt8](repeating: 0, count: 16 - part.count), to: &output)
            default:
                throw WireError(.badRDATA, at: reader.offset, "APL family \(family) has no presentation format")
            }
            output.append(UInt8(ascii: "/"))
            output.appendDecimal(prefix)
        }
    }

    /// RFC 8005 §6: `algorithm HIT(hex) public-key(base64) rendezvous-servers…`.
    static func appendHIP(_ reader: inout WireReader, to output: inout [UInt8]) throws {
        let hitLength = Int(try reader.readUInt8())
        let algorithm = try reader.readUInt8()
        let keyLength = Int(try reader.readUInt16())
        let hit = try reader.readBytes(hitLength)
        let key = try reader.readBytes(keyLength)
        // RFC 8005 §5: neither the HIT nor the public key is empty; the text form has no spelling for empty.
        guard !hit.isEmpty, !key.isEmpty else { throw WireError(.badRDATA, at: 0, "HIP HIT or public key is empty") }
        output.appendDecimal(algorithm)
        output.append(UInt8(ascii: " "))
        TextEncoding.appendHex(hit, to: &output)
        output.append(UInt8(ascii: " "))
        TextEncoding.appendBase64(key, to: &output)
        while !reader.isAtEnd {
            output.append(UInt8(ascii: " "))
            try reader.readName().appendPresentation(to: &output)
        }
    }

    /// RFC 9460 §2.1, §7: `key=value` pairs; lists comma-separated. Parameters that break §2.2 or §8
    /// (keys out of order, a value that does not fit its key) have no text form that reads back the
    /// same, so they throw and the record is printed as `\#`.
    static func appendServiceParameters(_ reader: inout WireReader, to output: inout [UInt8]) throws {
        var lookahead = reader
        try SVCParameters.validate(&lookahead)
        var first = true
        while !reader.isAtEnd {
            if !first { output.append(UInt8(ascii: " ")) }
            first = false
            let key = try reader.readUInt16()
            let length = Int(try reader.readUInt16())
            let value = Array(try reader.readBytes(length))
            // `ech=` with nothing after it does not read back as an empty value.
            guard key != 5 || !value.isEmpty else { throw WireError(.badRDATA, at: reader.offset, "empty ech value") }
            output.append(SVCParameters.keyName(key))
            switch key {
            case 0:
                output.append(UInt8(ascii: "="))
                for index in stride(from: 0, to: value.count - 1, by: 2) {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(SVCParameters.keyName(UInt16(value[index]) << 8 | UInt16(value[index + 1])))
                }
            case 1:
                // RFC 9460 §7.1.1 and Appendix A.1: a comma-separated list of 1…255-octet ids, at least one.
                // A reader undoes the <character-string> escapes first and the value-list escapes after,
                // so a `,` or `\` inside an id is escaped twice: `\\,` and `\\\\`.
                var list: [UInt8] = []
                var offset = 0
                while offset < value.count {
                    let end = offset + 1 + Int(value[offset])
                    guard end > offset + 1, end <= value.count else {
                        throw WireError(.badRDATA, at: reader.offset, "alpn id is empty or overruns its value")
                    }
                    if offset > 0 { list.append(UInt8(ascii: ",")) }
                    for byte in value[(offset + 1)..<end] {
                        if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\\") { list.append(UInt8(ascii: "\\")) }
                        list.append(byte)
                    }
                    offset = end
                }
                guard !list.isEmpty else { throw WireError(.badRDATA, at: reader.offset, "alpn has no id") }
                output.append(UInt8(ascii: "="))
                appendQuoted(list, to: &output)
            case 2, 8:
                break
            case 3:
                output.append(UInt8(ascii: "="))
                output.appendDecimal(UInt16(value[0]) << 8 | UInt16(value[1]))
            case 4:
                output.append(UInt8(ascii: "="))
                for index in stride(from: 0, to: value.count, by: 4) {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    AddressText.appendIPv4(value[index..<(index + 4)], to: &output)
                }
            case 5:
                output.append(UInt8(ascii: "="))
                TextEncoding.appendBase64(value, to: &output)
            case 6:
                output.append(UInt8(ascii: "="))
                for index in stride(from: 0, to: value.count, by: 16) {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    AddressText.appendIPv6(Array(value[index..<(index + 16)]), to: &output)
                }
            default:
                if !value.isEmpty {
                    output.append(UInt8(ascii: "="))
                    appendQuoted(value, to: &output)
                }
            }
        }
    }
}

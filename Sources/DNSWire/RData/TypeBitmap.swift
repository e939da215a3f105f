/// The NSEC/NSEC3/CSYNC type bitmap (RFC 4034 §4.1.2): windows of (number, length 1…32, bits).
public enum TypeBitmap {
    static func validate(_ reader: inout WireReader) throws {
        var previousWindow = -1
        while !reader.isAtEnd {
            let at = reader.offset
            let window = Int(try reader.readUInt8("bitmap window"))
            let length = Int(try reader.readUInt8("bitmap length"))
            guard (1...32).contains(length) else {
                throw WireError(.badRDATA, at: at, "type bitmap window \(window) has length \(length); it must be 1…32 (RFC 4034 §4.1.2)")
            }
            guard window > previousWindow else {
                throw WireError(.badRDATA, at: at, "type bitmap window \(window) out of order (RFC 4034 §4.1.2)")
            }
            previousWindow = window
            try reader.skip(length, "bitmap")
        }
    }

    /// `validate`, and also RFC 4034 §4.1.2's "trailing zero octets MUST be omitted" (so no window is empty):
    /// the form in which the type list printed as text reads back to the same octets.
    static func validateMinimal(_ reader: inout WireReader) throws {
        var lookahead = reader
        try validate(&lookahead)
        while !reader.isAtEnd {
            let at = reader.offset
            let window = try reader.readUInt8("bitmap window")
            let length = Int(try reader.readUInt8("bitmap length"))
            guard try reader.readBytes(length).last != 0 else {
                throw WireError(.badRDATA, at: at, "type bitmap window \(window) ends in a zero octet (RFC 4034 §4.1.2)")
            }
        }
    }

    /// The types present in a valid bitmap, ascending.
    public static func types(in bytes: some Collection<UInt8>) -> [RRType] {
        let bytes = Array(bytes)
        var result: [RRType] = []
        var offset = 0
        while offset + 2 <= bytes.count {
            let window = Int(bytes[offset])
            let length = Int(bytes[offset + 1])
            let end = min(offset + 2 + length, bytes.count)
            for index in (offset + 2)..<end {
                let byte = bytes[index]
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                    result.append(RRType(UInt16(window * 256 + (index - offset - 2) * 8 + bit)))
                }
            }
            offset = end
        }
        return result
    }

    /// Encodes a set of types as a bitmap.
    public static func encode(_ types: some Sequence<RRType>) -> [UInt8] {
        var windows: [Int: [UInt8]] = [:]
        for type in types {
            let window = Int(type.rawValue >> 8)
            let low = Int(type.rawValue & 0xFF)
            var bits = windows[window] ?? []
            if bits.count <= low / 8 { bits += [UInt8](repeating: 0, count: low / 8 + 1 - bits.count) }
            bits[low / 8] |= 0x80 >> UInt8(low % 8)
            windows[window] = bits
        }
        var output: [UInt8] = []
        for window in windows.keys.sorted() {
            guard let bits = windows[window] else { continue }
            output.append(UInt8(window))
            output.append(UInt8(bits.count))
            output += bits
        }
        return output
    }
}

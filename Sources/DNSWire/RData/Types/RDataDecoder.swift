/// Reads the fields of one uncompressed RDATA for a typed view. Wraps `WireReader`, so every read
/// is bounds-checked and errors carry the offset in the RDATA.
struct RDataDecoder {
    var reader: WireReader
    /// The type's mnemonic, for error messages.
    let mnemonic: String

    /// Runs `body` over `rdata` and checks it used every octet.
    ///
    /// With `length`, the RDATA must be exactly that long (types made only of fixed-size fields).
    static func decode<Value>(
        _ rdata: [UInt8], _ mnemonic: String, length: Int? = nil,
        _ body: (inout RDataDecoder) throws -> Value
    ) throws -> Value {
        if let length, rdata.count != length {
            throw WireError(.badRDATA, at: 0, "\(mnemonic) RDATA is \(length) octets, not \(rdata.count)")
        }
        return try rdata.withUnsafeBytes { bytes in
            var decoder = RDataDecoder(reader: WireReader(bytes), mnemonic: mnemonic)
            let value = try body(&decoder)
            guard decoder.reader.isAtEnd else {
                throw WireError(.badRDATA, at: decoder.reader.offset,
                                "\(decoder.reader.remaining) octets after the last \(mnemonic) field")
            }
            return value
        }
    }

    var offset: Int { reader.offset }
    var isAtEnd: Bool { reader.isAtEnd }

    mutating func uint8(_ what: StaticString) throws -> UInt8 { try reader.readUInt8(what) }
    mutating func uint16(_ what: StaticString) throws -> UInt16 { try reader.readUInt16(what) }
    mutating func uint32(_ what: StaticString) throws -> UInt32 { try reader.readUInt32(what) }

    mutating func uint64(_ what: StaticString) throws -> UInt64 {
        let high = try reader.readUInt32(what)
        return UInt64(high) << 32 | UInt64(try reader.readUInt32(what))
    }

    /// A 48-bit unsigned integer (TSIG Time Signed, RFC 8945 §4.2).
    mutating func uint48(_ what: StaticString) throws -> UInt64 {
        let high = try reader.readUInt16(what)
        let low = try reader.readUInt32(what)
        return UInt64(high) << 32 | UInt64(low)
    }

    /// `count` octets.
    mutating func bytes(_ count: Int, _ what: StaticString) throws -> [UInt8] {
        Array(try reader.readBytes(count, what))
    }

    /// Everything up to the end of the RDATA (possibly nothing).
    mutating func rest() -> [UInt8] {
        // The reader's `remaining` is never negative, so this read cannot fail.
        (try? bytes(reader.remaining, "rest")) ?? []
    }

    /// A length octet and that many octets: a `<character-string>` (RFC 1035 §3.3), an NSEC3 salt
    /// or hash (RFC 5155 §3.2).
    mutating func characterString(_ what: StaticString) throws -> [UInt8] {
        let length = Int(try reader.readUInt8(what))
        return try bytes(length, what)
    }

    /// A 16-bit length and that many octets (TSIG MAC and Other Data, RFC 8945 §4.2).
    mutating func data16(_ what: StaticString) throws -> [UInt8] {
        let length = Int(try reader.readUInt16(what))
        return try bytes(length, what)
    }

    /// A domain name. RDATA held by a `ResourceRecord` is uncompressed, and a pointer inside
    /// standalone RDATA has nothing meaningful to point at, so a compressed name is rejected: it
    /// could not be written back unchanged.
    mutating func name(_ what: StaticString) throws -> DomainName {
        let start = reader.offset
        let name = try reader.readName()
        guard reader.offset - start == name.wire.count else {
            throw WireError(.badRDATA, at: start,
                            "\(mnemonic) \(what) is compressed; RDATA outside a message holds uncompressed names (RFC 3597 §4)")
        }
        return name
    }

    /// The rest of the RDATA as a type bitmap (RFC 4034 §4.1.2), which must be in its one canonical
    /// form so that it is written back unchanged.
    mutating func typeBitmap() throws -> [RRType] {
        let start = reader.offset
        var check = reader
        try TypeBitmap.validate(&check)
        let bitmap = rest()
        // RFC 4034 §4.1.2: "Blocks with no types present MUST NOT be included. Trailing zero octets
        // in the bitmap MUST be omitted." Lengths are 1…32 (checked above), so a window whose last
        // octet is not zero has at least one type.
        var index = 0
        while index + 1 < bitmap.count {
            let end = index + 2 + Int(bitmap[index + 1])
            guard end <= bitmap.count, bitmap[end - 1] != 0 else {
                throw WireError(.badRDATA, at: start + index,
                                "\(mnemonic) type bitmap window \(bitmap[index]) ends with a zero octet (RFC 4034 §4.1.2)")
            }
            index = end
        }
        return TypeBitmap.types(in: bitmap)
    }
}

/// Writes the fields of one RDATA, in uncompressed wire form.
struct RDataEncoder {
    /// The message encoder, used with compression off, so integers and names are written one way.
    private var encoder = MessageEncoder(capacity: 64)

    init() {}

    var output: [UInt8] { encoder.output }

    mutating func uint8(_ value: UInt8) { encoder.output.append(value) }
    mutating func uint16(_ value: UInt16) { encoder.append(value) }
    mutating func uint32(_ value: UInt32) { encoder.append(value) }

    /// The low 48 bits of `value`.
    mutating func uint48(_ value: UInt64) {
        encoder.append(UInt16(truncatingIfNeeded: value >> 32))
        encoder.append(UInt32(truncatingIfNeeded: value))
    }

    mutating func bytes(_ bytes: some Sequence<UInt8>) { encoder.output.append(contentsOf: bytes) }

    /// A length octet and the octets; callers keep `bytes` within 255 octets.
    mutating func characterString(_ bytes: [UInt8]) {
        uint8(UInt8(truncatingIfNeeded: bytes.count))
        encoder.output.append(contentsOf: bytes)
    }

    /// A 16-bit length and the octets; callers keep `bytes` within 65,535 octets.
    mutating func data16(_ bytes: [UInt8]) {
        uint16(UInt16(truncatingIfNeeded: bytes.count))
        encoder.output.append(contentsOf: bytes)
    }

    mutating func name(_ name: DomainName) { encoder.writeName(name.wire[...], compress: false) }
}

/// Checks a length-limited field handed to a view's initialiser.
func checkRDataLength(_ bytes: [UInt8], _ range: ClosedRange<Int>, _ what: String) throws {
    guard range.contains(bytes.count) else {
        throw WireError(.valueOutOfRange, at: 0,
                        "\(what) of \(bytes.count) octets; it must be \(range.lowerBound)…\(range.upperBound)")
    }
}

import DNSWire

/// Decoders for the pieces of presentation text shared by owners and RDATA fields.
enum ZoneText {
    static func fail(_ token: ZoneToken, file: String = "", _ reason: String, code: ZoneError.Code = .badRData) -> ZoneError {
        ZoneError(code, file: file, line: token.line, column: token.column, reason)
    }

    /// A domain name: `@` is the origin; a name without a trailing (unescaped) dot is relative to it.
    static func name(_ token: ZoneToken, origin: DomainName?) throws -> DomainName {
        if token.isWord("@") {
            guard let origin else { throw fail(token, "\"@\" needs an origin: add $ORIGIN or pass origin:", code: .missingContext) }
            return origin
        }
        if origin == nil && !isAbsolute(token.text) {
            throw fail(token, "\"\(token.string)\" is relative and no origin is known: end it with \".\" or add $ORIGIN", code: .missingContext)
        }
        do {
            return try DomainName(utf8: token.text, origin: origin ?? .root)
        } catch let wire as WireError {
            throw fail(token, "bad domain name \"\(token.string)\": \(wire.detail)", code: .syntax)
        }
    }

    /// Whether the text ends with a dot that is not escaped.
    static func isAbsolute(_ text: ArraySlice<UInt8>) -> Bool {
        guard text.last == UInt8(ascii: ".") else { return false }
        var backslashes = 0
        var index = text.endIndex - 2
        while index >= text.startIndex && text[index] == UInt8(ascii: "\\") {
            backslashes += 1
            index -= 1
        }
        return backslashes % 2 == 0
    }

    /// The octets of a `<character-string>` (RFC 1035 §5.1): `\X` is X, `\DDD` is the octet DDD.
    static func characterString(_ token: ZoneToken, file: String) throws -> [UInt8] {
        let text = token.text
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < text.endIndex else { throw fail(token, file: file, "lone backslash at the end of \"\(token.string)\"") }
            let next = text[index + 1]
            if (0x30...0x39).contains(next) {
                guard index + 3 < text.endIndex,
                      let value = decimalEscape(text[(index + 1)...(index + 3)]) else {
                    throw fail(token, file: file, "\\DDD needs three decimal digits 000…255 in \"\(token.string)\"")
                }
                output.append(value)
                index += 4
            } else {
                output.append(next)
                index += 2
            }
        }
        return output
    }

    static func decimalEscape(_ digits: ArraySlice<UInt8>) -> UInt8? {
        var value = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value <= 255 ? UInt8(value) : nil
    }

    /// An unsigned decimal number no larger than `maximum`.
    static func decimal(_ text: some Collection<UInt8>, maximum: UInt64) -> UInt64? {
        guard !text.isEmpty, text.count <= 20 else { return nil }
        var value: UInt64 = 0
        for digit in text {
            guard (0x30...0x39).contains(digit) else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value <= maximum ? value : nil
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Hexadecimal digits, an even number of them.
    static func hex(_ text: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 2)
        var high: UInt8?
        for byte in text {
            guard let value = hexValue(byte) else { return nil }
            if let pending = high {
                output.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil ? output : nil
    }

    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    /// Base64 (RFC 4648 §4) with `=` padding; whole groups of four.
    static func base64(_ text: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var count = 0
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                buffer <<= 6
                count += 1
            } else {
                let value = base64Values[Int(byte)]
                guard value != 0xFF, padding == 0 else { return nil }
                buffer = buffer << 6 | UInt32(value)
                count += 1
            }
            if count == 4 {
                guard padding <= 2 else { return nil }
                output.append(UInt8(truncatingIfNeeded: buffer >> 16))
                if padding < 2 { output.append(UInt8(truncatingIfNeeded: buffer >> 8)) }
                if padding < 1 { output.append(UInt8(truncatingIfNeeded: buffer)) }
                buffer = 0
                count = 0
                if padding > 0 { padding = 3 } // nothing may follow a padded group
            }
        }
        return count == 0 ? output : nil
    }

    /// Base32hex without padding (RFC 4648 §7), either letter case (NSEC3, RFC 5155 §3.3).
    static func base32Hex(_ text: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt64 = 0
        var bits = 0
        for byte in text {
            let value: UInt8
            switch byte {
            case 0x30...0x39: value = byte - 0x30
            case 0x41...0x56: value = byte - 0x41 + 10
            case 0x61...0x76: value = byte - 0x61 + 10
            default: return nil
            }
            buffer = buffer << 5 | UInt64(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt64(bits)))
            }
        }
        // Leftover bits must be zero padding.
        return buffer & ((1 << UInt64(bits)) - 1) == 0 ? output : nil
    }

    /// Seconds since 1970 from `YYYYMMDDHHmmSS` (UTC), or plain seconds (RFC 4034 §3.2).
    static func time(_ text: ArraySlice<UInt8>) -> UInt32? {
        guard text.count == 14 else { return decimal(text, maximum: UInt64(UInt32.max)).map(UInt32.init) }
        func part(_ offset: Int, _ length: Int) -> Int? {
            let start = text.startIndex + offset
            return decimal(text[start..<(start + length)], maximum: 9999).map(Int.init)
        }
        guard let year = part(0, 4), let month = part(4, 2), let day = part(6, 2),
              let hour = part(8, 2), let minute = part(10, 2), let second = part(12, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        // Days from civil (H. Hinnant), the inverse of DNSWire's TimeText.civilDate.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        guard seconds >= 0, seconds <= Int(UInt32.max) else { return nil }
        return UInt32(seconds)
    }
}

extension Array where Element == UInt8 {
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendUInt32(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value & 0xFF))
    }
}

import DNSWire

/// Builds uncompressed RDATA from its presentation form by walking the type's descriptor: one case
/// per `RDataField`, each the inverse of DNSWire's printer for that field.
struct RDataTextParser {
    let tokens: ArraySlice<ZoneToken>
    let origin: DomainName?
    let file: String
    let entryLine: Int
    var position: Int
    var output: [UInt8] = []

    init(tokens: ArraySlice<ZoneToken>, origin: DomainName?, file: String, entryLine: Int) {
        self.tokens = tokens
        self.origin = origin
        self.file = file
        self.entryLine = entryLine
        self.position = tokens.startIndex
    }

    func fail(_ token: ZoneToken, _ reason: String) -> ZoneError {
        ZoneError(.badRData, file: file, line: token.line, column: token.column, reason)
    }

    var atEnd: Bool { position >= tokens.endIndex }

    /// The next token, or an error naming what was expected.
    mutating func take(_ expected: String) throws -> ZoneToken {
        guard position < tokens.endIndex else {
            let last = tokens.last
            throw ZoneError(.badRData, file: file, line: last?.line ?? entryLine, column: (last?.column ?? 1) + (last?.text.count ?? 0),
                            "the RDATA ends where \(expected) was expected")
        }
        defer { position += 1 }
        return tokens[position]
    }

    /// The remaining tokens' text joined (base64 and hex may be split by blanks).
    mutating func takeRest() -> [UInt8] {
        var joined: [UInt8] = []
        while position < tokens.endIndex {
            joined += tokens[position].text
            position += 1
        }
        return joined
    }

    mutating func parse(type: RRType) throws -> [UInt8] {
        if let first = tokens.first, first.isWord("\\#") {
            return try parseGeneric()
        }
        let descriptor = type.descriptor
        guard let fields = descriptor.fields else {
            let token = tokens.first ?? ZoneToken(text: [], quoted: false, line: entryLine, column: 1)
            throw fail(token, "\(type) has no standard text form; write its RDATA as \\# length hex (RFC 3597 §5)")
        }
        for field in fields { try parseField(field) }
        if position < tokens.endIndex {
            throw fail(tokens[position], "unexpected \"\(tokens[position].string)\" after the RDATA of \(type)")
        }
        guard output.count <= 65_535 else { throw fail(tokens[tokens.startIndex], "RDATA of \(output.count) octets is over 65535") }
        return output
    }

    /// RFC 3597 §5: `\# length hex…`, valid for every type.
    mutating func parseGeneric() throws -> [UInt8] {
        _ = try take("\\#")
        let lengthToken = try take("the RDATA length")
        guard let length = ZoneText.decimal(lengthToken.text, maximum: 65_535) else {
            throw fail(lengthToken, "\\# must be followed by the RDATA length in decimal, 0…65535")
        }
        let start = tokens.indices.contains(position) ? tokens[position] : lengthToken
        guard let bytes = ZoneText.hex(takeRest()) else { throw fail(start, "\\# RDATA must be hexadecimal digits, an even number of them") }
        guard bytes.count == Int(length) else {
            throw fail(lengthToken, "\\# says \(length) octets but the hex gives \(bytes.count)")
        }
        return bytes
    }

    mutating func integer(_ expected: String, maximum: UInt64) throws -> UInt64 {
        let token = try take(expected)
        guard !token.quoted, let value = ZoneText.decimal(token.text, maximum: maximum) else {
            throw fail(token, "\"\(token.string)\" is not \(expected) (a decimal number 0…\(maximum))")
        }
        return value
    }

    mutating func name(_ expected: String = "a domain name") throws -> DomainName {
        let token = try take(expected)
        do {
            return try ZoneText.name(token, origin: origin)
        } catch let failure as ZoneError {
            throw ZoneError(failure.code, file: file, line: failure.line, column: failure.column, failure.reason)
        }
    }

    mutating func characterString(_ token: ZoneToken, limit: Int? = 255) throws -> [UInt8] {
        let bytes = try ZoneText.characterString(token, file: file)
        if let limit, bytes.count > limit {
            throw fail(token, "a <character-string> holds at most \(limit) octets; this one has \(bytes.count) (split it into several strings)")
        }
        return bytes
    }

    mutating func ipv4(_ token: ZoneToken) throws -> [UInt8] {
        guard let address = IPv4Address(utf8: token.text) else { throw fail(token, "\"\(token.string)\" is not an IPv4 address") }
        return address.octets
    }

    mutating func ipv6(_ token: ZoneToken) throws -> [UInt8] {
        guard let address = IPv6Address(utf8: token.text) else { throw fail(token, "\"\(token.string)\" is not an IPv6 address") }
        return address.octets
    }

    mutating func rrType(_ token: ZoneToken) throws -> RRType {
        guard !token.quoted, let type = RRType(token.string) else {
            throw ZoneError(.unknownType, file: file, line: token.line, column: token.column,
                            "\"\(token.string)\" is not an RR type; write unknown types as TYPEnnn")
        }
        return type
    }

    mutating func parseField(_ field: RDataField) throws {
        switch field {
        case .uint8: output.append(UInt8(try integer("an 8-bit number", maximum: 255)))
        case .uint16: output.appendUInt16(UInt16(try integer("a 16-bit number", maximum: 65_535)))
        case .uint32:
            // SOA timers are often written with units (`1h`), as BIND accepts.
            let token = try take("a 32-bit number")
            if let value = ZoneText.decimal(token.text, maximum: UInt64(UInt32.max)) {
                output.appendUInt32(UInt32(value))
            } else {
                do {
                    output.appendUInt32(try ZoneParser.ttl(token, file: file))
                } catch {
                    throw fail(token, "\"\(token.string)\" is not a 32-bit number")
                }
            }
        case .uint48:
            let value = try integer("a 48-bit number", maximum: 1 << 48 - 1)
            output.appendUInt16(UInt16(value >> 32))
            output.appendUInt32(UInt32(value & 0xFFFF_FFFF))
        case .ipv4: output += try ipv4(try take("an IPv4 address"))
        case .ipv6: output += try ipv6(try take("an IPv6 address"))
        case .name: output += try name().wire
        case .characterString, .unquotedCharacterString:
            let bytes = try characterString(try take("a character string"))
            output.append(UInt8(bytes.count))
            output += bytes
        case .characterStrings:
            while !atEnd {
                let bytes = try characterString(try take("a character string"))
                output.append(UInt8(bytes.count))
                output += bytes
            }
        case .quotedRest:
            if !atEnd { output += try characterString(try take("a string"), limit: nil) }
        case .base64:
            let start = atEnd ? nil : tokens[position]
            guard let bytes = ZoneText.base64(takeRest()) else { throw fail(start ?? tokens[tokens.startIndex], "bad base64 (RFC 4648 §4)") }
            output += bytes
        case .hex, .ednsOptions:
            let start = atEnd ? nil : tokens[position]
            guard let bytes = ZoneText.hex(takeRest()) else { throw fail(start ?? tokens[tokens.startIndex], "bad hexadecimal: an even number of 0-9 A-F digits") }
            output += bytes
        case .nsapHex:
            // RFC 1706 §5: `0x` then hex digits, with optional dots for readability.
            let token = try take("an NSAP address")
            var text = Array(token.text) + takeRest()
            guard text.count >= 2, text[0] == UInt8(ascii: "0"), text[1] | 0x20 == UInt8(ascii: "x") else {
                throw fail(token, "an NSAP address starts with 0x (RFC 1706 §5)")
            }
            text.removeFirst(2)
            guard let bytes = ZoneText.hex(text.filter { $0 != UInt8(ascii: ".") }) else { throw fail(token, "bad hexadecimal in the NSAP address") }
            output += bytes
        case .hexWithLength8:
            let token = try take("hex or \"-\"")
            if token.isWord("-") {
                output.append(0)
            } else {
                guard let bytes = ZoneText.hex(token.text), bytes.count <= 255 else { throw fail(token, "expected up to 255 octets in hex, or \"-\" for none") }
                output.append(UInt8(bytes.count))
                output += bytes
            }
        case .base32WithLength8:
            let token = try take("a base32hex value")
            guard let bytes = ZoneText.base32Hex(token.text), bytes.count <= 255 else { throw fail(token, "bad base32hex (RFC 4648 §7), up to 255 octets") }
            output.append(UInt8(bytes.count))
            output += bytes
        case .base64WithLength16:
            let lengthToken = try take("a length")
            guard let length = ZoneText.decimal(lengthToken.text, maximum: 65_535) else { throw fail(lengthToken, "expected a length 0…65535") }
            output.appendUInt16(UInt16(length))
            if length > 0 {
                let token = try take("base64 data")
                guard let bytes = ZoneText.base64(token.text), bytes.count == Int(length) else {
                    throw fail(token, "expected \(length) octets of base64")
                }
                output += bytes
            }
        case .typeBitmap:
            var types: [RRType] = []
            while !atEnd { types.append(try rrType(try take("an RR type"))) }
            output += TypeBitmap.encode(types)
        case .nxtBitmap:
            // RFC 2535 §5.2: bit n is type n; only types 1…127.
            var bitmap: [UInt8] = []
            while !atEnd {
                let token = try take("an RR type")
                let type = try rrType(token)
                guard type.rawValue < 128 else { throw fail(token, "NXT bitmaps hold types below 128 only (RFC 2535 §5.2)") }
                let index = Int(type.rawValue) / 8
                if bitmap.count <= index { bitmap += [UInt8](repeating: 0, count: index + 1 - bitmap.count) }
                bitmap[index] |= 0x80 >> UInt8(type.rawValue % 8)
            }
            output += bitmap
        case .rrType: output.appendUInt16(try rrType(try take("an RR type")).rawValue)
        case .time:
            let token = try take("a time")
            guard let value = ZoneText.time(token.text) else { throw fail(token, "\"\(token.string)\" is not a time: YYYYMMDDHHmmSS (UTC) or seconds") }
            output.appendUInt32(value)
        case .transactionError:
            let token = try take("an error code")
            guard let value = Self.transactionError(token.string) else { throw fail(token, "\"\(token.string)\" is not an RCODE name or number") }
            output.appendUInt16(value)
        case .certificateType:
            let token = try take("a certificate type")
            guard let value = Self.certificateType(token.string) else { throw fail(token, "\"\(token.string)\" is not a certificate type (RFC 4398 §2.1)") }
            output.appendUInt16(value)
        case .eui48, .eui64:
            let token = try take("an EUI address")
            let count = field == .eui48 ? 6 : 8
            let parts = token.text.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            guard parts.count == count, parts.allSatisfy({ $0.count == 2 }), let bytes = ZoneText.hex(parts.joined()) else {
                throw fail(token, "expected \(count) dash-separated hex octets (RFC 7043 §3)")
            }
            output += bytes
        case .ilnp64:
            let token = try take("a 64-bit locator")
            let parts = token.text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard parts.count == 4 else { throw fail(token, "expected four colon-separated hex groups (RFC 6742 §2.3)") }
            for part in parts {
                guard (1...4).contains(part.count), let bytes = ZoneText.hex([UInt8](repeating: 0x30, count: 4 - part.count) + part) else {
                    throw fail(token, "expected four colon-separated groups of 1…4 hex digits (RFC 6742 §2.3)")
                }
                output += bytes
            }
        case .wks, .loc, .apl, .ipseckeyGateway, .hip, .svcParams, .a6, .amtrelay, .atma:
            try parseSpecial(field)
        }
    }

    /// TSIG/TKEY error names as DNSWire prints them (`RCode.transactionSignatureDescription`), or numbers.
    static let transactionErrors: [String: UInt16] = {
        var table: [String: UInt16] = [:]
        for value in UInt16(0)..<64 where table[RCode(value).transactionSignatureDescription] == nil {
            table[RCode(value).transactionSignatureDescription] = value
        }
        return table
    }()

    static func transactionError(_ text: String) -> UInt16? {
        if let value = transactionErrors[text.uppercased()] { return value }
        let upper = text.uppercased()
        let digits = upper.hasPrefix("RCODE") ? Substring(upper.dropFirst(5)) : Substring(upper)
        return ZoneText.decimal(digits.utf8, maximum: 65_535).map(UInt16.init)
    }

    /// RFC 4398 §2.1 mnemonics. DNSWire's printer table is internal; this mirrors it.
    static let certificateTypes: [String: UInt16] = [
        "PKIX": 1, "SPKI": 2, "PGP": 3, "IPKIX": 4, "ISPKI": 5, "IPGP": 6, "ACPKIX": 7, "IACPKIX": 8, "URI": 253, "OID": 254,
    ]

    static func certificateType(_ text: String) -> UInt16? {
        certificateTypes[text.uppercased()] ?? ZoneText.decimal(text.utf8, maximum: 65_535).map(UInt16.init)
    }
}

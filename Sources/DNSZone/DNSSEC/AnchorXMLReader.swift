import DNSWire

/// A reader for the small XML of RFC 9718 §2 (elements, attributes, text, comments, the five
/// predefined entities and character references). DTDs are refused, so no entity can expand.
struct AnchorXMLReader {
    struct Element {
        var name: String
        var attributes: [String: String] = [:]
        var children: [Element] = []
        var text: [UInt8] = []
        var line: Int
        var column: Int

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        /// The text without surrounding blanks.
        var trimmedText: ArraySlice<UInt8> {
            let start = text.firstIndex { !AnchorXMLReader.isBlank($0) } ?? text.endIndex
            let end = text.lastIndex { !AnchorXMLReader.isBlank($0) }.map { $0 + 1 } ?? start
            return text[start..<max(start, end)]
        }
    }

    /// Nesting deeper than this is refused (the format needs 3 levels).
    static let maximumDepth = 16

    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: Reading

    private func failure(_ reason: String, _ code: ZoneError.Code = .syntax) -> ZoneError {
        ZoneError(code, file: file, line: line, column: column, reason)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func startsWith(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return bytes.count - index >= utf8.count && bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    /// XML 1.0 §2.3 `S`: space, tab, line feed, carriage return.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private mutating func skipBlanks() {
        while let byte = current, Self.isBlank(byte) { advance() }
    }

    private mutating func skip(past terminator: String, what: String) throws {
        while !startsWith(terminator) {
            guard current != nil else { throw failure("\(what) is never closed with \"\(terminator)\"") }
            advance()
        }
        advance(terminator.utf8.count)
    }

    /// Skips what may come before or after the root element: blanks, comments, `<?…?>`.
    private mutating func skipMisc() throws {
        while true {
            skipBlanks()
            if startsWith("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if startsWith("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if startsWith("<!") {
                throw failure("<!DOCTYPE> and other declarations are not accepted in a trust anchor file")
            } else {
                return
            }
        }
    }

    /// The root element of the document.
    mutating func document() throws -> Element {
        if startsWith("\u{FEFF}") { advance(3) }
        try skipMisc()
        guard current == UInt8(ascii: "<") else { throw failure("expected the root element") }
        let root = try element(depth: 1)
        try skipMisc()
        guard current == nil else { throw failure("content after the root element </\(root.name)>") }
        return root
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x3A, 0x5F, 0x80...0xFF: true
        default: false
        }
    }

    private mutating func name() throws -> String {
        let start = index
        while let byte = current, Self.isNameByte(byte) { advance() }
        guard index > start else { throw failure("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// An element starting at its `<`.
    private mutating func element(depth: Int) throws -> Element {
        guard depth <= Self.maximumDepth else {
            throw failure("elements nested over \(Self.maximumDepth) deep", .limitExceeded)
        }
        var element = Element(name: "", line: line, column: column)
        advance()
        element.name = try name()
        while true {
            skipBlanks()
            if startsWith("/>") {
                advance(2)
                return element
            }
            if current == UInt8(ascii: ">") {
                advance()
                break
            }
            let attribute = try name()
            skipBlanks()
            guard current == UInt8(ascii: "=") else { throw failure("expected = after attribute \(attribute)") }
            advance()
            skipBlanks()
            guard let quote = current, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw failure("the value of attribute \(attribute) must be quoted")
            }
            advance()
            var value: [UInt8] = []
            while current != quote {
                guard let byte = current else { throw failure("the value of attribute \(attribute) is never closed") }
                if byte == UInt8(ascii: "<") { throw failure("< inside the value of attribute \(attribute)") }
                try characterData(into: &value)
            }
            advance()
            guard element.attributes.updateValue(String(decoding: value, as: UTF8.self), forKey: attribute) == nil else {
                throw failure("attribute \(attribute) given twice")
            }
        }
        while true {
            guard current != nil else { throw failure("<\(element.name)> is never closed") }
            if startsWith("</") {
                advance(2)
                let closing = try name()
                guard closing == element.name else { throw failure("</\(closing)> closes <\(element.name)>") }
                skipBlanks()
                guard current == UInt8(ascii: ">") else { throw failure("expected > after </\(closing)") }
                advance()
                return element
            } else if startsWith("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if startsWith("<![CDATA[") {
                advance(9)
                while !startsWith("]]>") {
                    guard let byte = current else { throw failure("a CDATA section is never closed") }
                    element.text.append(byte)
                    advance()
                }
                advance(3)
            } else if startsWith("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if current == UInt8(ascii: "<") {
                element.children.append(try self.element(depth: depth + 1))
            } else {
                try characterData(into: &element.text)
            }
        }
    }

    /// One character of text or an attribute value, with `&…;` references resolved.
    private mutating func characterData(into output: inout [UInt8]) throws {
        guard let byte = current else { return }
        guard byte == UInt8(ascii: "&") else {
            output.append(byte)
            advance()
            return
        }
        let start = index + 1
        guard let end = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw failure("& must start a reference such as &amp; (XML 1.0 §4.1)")
        }
        let reference = String(decoding: bytes[start..<end], as: UTF8.self)
        let predefined = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
        var scalar: Unicode.Scalar?
        if let text = predefined[reference] {
            scalar = text.unicodeScalars.first
        } else if reference.hasPrefix("#x"), let value = UInt32(reference.dropFirst(2), radix: 16) {
            scalar = Unicode.Scalar(value)
        } else if reference.hasPrefix("#"), let value = UInt32(reference.dropFirst(), radix: 10) {
            scalar = Unicode.Scalar(value)
        }
        guard let scalar else { throw failure("unknown reference &\(reference);") }
        output += Array(String(Character(scalar)).utf8)
        advance(end + 1 - index)
    }

    // MARK: Meaning

    /// RFC 9718 §2: `<TrustAnchor>` with one `<Zone>` and `<KeyDigest>`s, each holding
    /// `<KeyTag>`, `<Algorithm>`, `<DigestType>` and `<Digest>` (`<Flags>`, `<PublicKey>` ignored).
    static func anchor(from root: Element, file: String, at time: UInt32?) throws -> TrustAnchor {
        func failure(_ element: Element, _ reason: String) -> ZoneError {
            ZoneError(.trustAnchor, file: file, line: element.line, column: element.column, reason)
        }
        guard root.name == "TrustAnchor" else {
            throw failure(root, "the root element is <\(root.name)>; an anchor file's is <TrustAnchor> (RFC 9718 §2)")
        }
        guard let zone = root.child("Zone") else { throw failure(root, "<TrustAnchor> has no <Zone>") }
        let zoneText = String(decoding: zone.trimmedText, as: UTF8.self)
        guard let owner = try? DomainName(zoneText) else { throw failure(zone, "<Zone> \"\(zoneText)\" is not a domain name") }

        let digests = root.children.filter { $0.name == "KeyDigest" }
        guard !digests.isEmpty else { throw failure(root, "<TrustAnchor> has no <KeyDigest>") }
        var anchor = TrustAnchor(owner: owner)
        for keyDigest in digests {
            func number(_ name: String, maximum: UInt64) throws -> UInt64 {
                guard let field = keyDigest.child(name) else { throw failure(keyDigest, "<KeyDigest> has no <\(name)>") }
                guard let value = ZoneText.decimal(field.trimmedText, maximum: maximum) else {
                    throw failure(field, "<\(name)> must be a number from 0 to \(maximum)")
                }
                return value
            }
            func date(_ name: String) throws -> Int64? {
                guard let text = keyDigest.attributes[name] else { return nil }
                guard let seconds = xmlDateTimeSeconds(Array(text.utf8)) else {
                    throw failure(keyDigest, "\(name)=\"\(text)\" is not a date such as 2017-02-02T00:00:00+00:00 (on or after 1970)")
                }
                return seconds
            }
            let keyTag = try number("KeyTag", maximum: UInt64(UInt16.max))
            let algorithm = try number("Algorithm", maximum: UInt64(UInt8.max))
            let digestType = try number("DigestType", maximum: UInt64(UInt8.max))
            guard let digestField = keyDigest.child("Digest") else { throw failure(keyDigest, "<KeyDigest> has no <Digest>") }
            guard let digest = ZoneText.hex(digestField.trimmedText), !digest.isEmpty else {
                throw failure(digestField, "<Digest> must be hexadecimal digits, an even number of them")
            }
            guard let validFrom = try date("validFrom") else { throw failure(keyDigest, "<KeyDigest> has no validFrom") }
            let validUntil = try date("validUntil")
            if let time {
                guard validFrom <= Int64(time), validUntil.map({ Int64(time) < $0 }) ?? true else { continue }
            }
            anchor.delegationSigners.append(DS(keyTag: UInt16(keyTag), algorithm: DNSSECAlgorithm(UInt8(algorithm)),
                                               digestType: DigestType(UInt8(digestType)), digest: digest))
        }
        if let time, anchor.delegationSigners.isEmpty {
            throw failure(root, "none of the \(digests.count) <KeyDigest> elements is valid at \(time) (seconds since 1970)")
        }
        return anchor
    }
}

/// Seconds since 1970 from an XML Schema `dateTime` (`2017-02-02T00:00:00+00:00`): fractions of a
/// second dropped, `Z` or no zone meaning UTC, `±hh:mm` subtracted. `nil` if malformed or before 1970.
func xmlDateTimeSeconds(_ text: [UInt8]) -> Int64? {
    // YYYY-MM-DDThh:mm:ss: the separators at fixed places, digits elsewhere.
    let separators: [Int: UInt8] = [4: 0x2D, 7: 0x2D, 10: 0x54, 13: 0x3A, 16: 0x3A]
    guard text.count >= 19 else { return nil }
    var digits: [UInt8] = []
    for position in 0..<19 {
        if let separator = separators[position] {
            guard text[position] == separator else { return nil }
        } else {
            digits.append(text[position])
        }
    }
    // ZoneText.time reads exactly this YYYYMMDDhhmmss form, in UTC.
    guard let local = ZoneText.time(digits[...]) else { return nil }
    var rest = text[19...]
    if rest.first == UInt8(ascii: ".") {
        rest = rest.dropFirst().drop { (0x30...0x39).contains($0) }
    }
    var offset: Int64 = 0
    if rest.first == UInt8(ascii: "Z") {
        rest = rest.dropFirst()
    } else if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        let zone = Array(rest.dropFirst())
        guard zone.count == 5, zone[2] == UInt8(ascii: ":"),
              let hours = ZoneText.decimal(zone[0..<2], maximum: 14),
              let minutes = ZoneText.decimal(zone[3..<5], maximum: 59) else { return nil }
        offset = Int64(hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        rest = []
    }
    guard rest.isEmpty else { return nil }
    // A time written with offset +hh:mm is that much ahead of UTC.
    return Int64(local) - offset
}

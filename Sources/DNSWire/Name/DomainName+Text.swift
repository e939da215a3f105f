extension DomainName: CustomStringConvertible {
    /// Reads a name in presentation format (RFC 1035 §5.1): labels separated by `.`, `\X` for a
    /// literal character and `\DDD` for an octet in decimal. A name without a trailing dot is taken
    /// relative to `origin` (the root by default).
    public init(_ text: some StringProtocol, origin: DomainName = .root) throws {
        try self.init(utf8: Array(text.utf8)[...], origin: origin)
    }

    /// The same, from UTF-8 octets (as a zone file holds them), without building a `String`.
    public init(utf8: ArraySlice<UInt8>, origin: DomainName = .root) throws {
        func text() -> String { String(decoding: utf8, as: UTF8.self) }
        if utf8.count == 1, utf8.first == UInt8(ascii: ".") {
            self = .root
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + origin.wire.count + 1)
        var labelStart = 0
        var index = utf8.startIndex
        var absolute = false
        func closeLabel(at position: Int) throws {
            let length = bytes.count - labelStart - 1
            guard length > 0 else { throw WireError(.badText, at: position, "empty label in \"\(text())\"") }
            guard length <= WireLimits.maximumLabelLength else {
                throw WireError(.labelTooLong, at: position, "label of \(length) octets in \"\(text())\"; the limit is 63")
            }
            bytes[labelStart] = UInt8(length)
        }
        bytes.append(0)
        while index < utf8.endIndex {
            let character = utf8[index]
            switch character {
            case UInt8(ascii: "."):
                try closeLabel(at: index - utf8.startIndex)
                if index == utf8.endIndex - 1 {
                    absolute = true
                } else {
                    labelStart = bytes.count
                    bytes.append(0)
                }
                index += 1
            case UInt8(ascii: "\\"):
                let (value, consumed) = try Self.unescape(utf8, at: index)
                bytes.append(value)
                index += consumed
            default:
                bytes.append(character)
                index += 1
            }
        }
        if !absolute {
            guard !utf8.isEmpty else { throw WireError(.badText, at: 0, "empty name") }
            try closeLabel(at: index - utf8.startIndex)
            bytes.append(contentsOf: origin.wire.dropLast())
        }
        bytes.append(0)
        guard bytes.count <= WireLimits.maximumNameLength else {
            throw WireError(.nameTooLong, at: 0, "\"\(text())\" is \(bytes.count) octets in wire form; the limit is 255")
        }
        self.init(validatedWire: bytes)
    }

    /// Decodes `\X` or `\DDD` at `index`; returns the octet and how many characters it used.
    static func unescape(_ utf8: ArraySlice<UInt8>, at index: Int) throws -> (UInt8, Int) {
        func text() -> String { String(decoding: utf8, as: UTF8.self) }
        let offset = index - utf8.startIndex
        guard index + 1 < utf8.endIndex else {
            throw WireError(.badText, at: offset, "lone backslash at the end of \"\(text())\"")
        }
        let next = utf8[index + 1]
        guard next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") else { return (next, 2) }
        guard index + 3 < utf8.endIndex else {
            throw WireError(.badText, at: offset, "\\DDD escape needs three digits in \"\(text())\"")
        }
        var value = 0
        for digit in utf8[(index + 1)...(index + 3)] {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else {
                throw WireError(.badText, at: offset, "\\DDD escape needs three digits in \"\(text())\"")
            }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        guard value <= 255 else { throw WireError(.badText, at: offset, "\\\(value) is over 255 in \"\(text())\"") }
        return (UInt8(value), 4)
    }

    /// Presentation format, absolute (trailing dot). Escapes `.`, `;`, `(`, `)`, `\` and `"` with a
    /// backslash, a `$` that starts the name (it would read as a directive at the start of a
    /// line, RFC 1035 §5.1), and anything not a printable ASCII character as `\DDD`.
    public var description: String {
        if isRoot { return "." }
        var output: [UInt8] = []
        output.reserveCapacity(wire.count + 4)
        appendPresentation(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the presentation form as UTF-8 bytes.
    public func appendPresentation(to output: inout [UInt8]) {
        if isRoot {
            output.append(UInt8(ascii: "."))
            return
        }
        if wire.count > 1, wire[1] == UInt8(ascii: "$") { output.append(UInt8(ascii: "\\")) }
        var offset = 0
        while offset < wire.count, wire[offset] != 0 {
            let length = Int(wire[offset])
            for byte in wire[(offset + 1)...(offset + length)] {
                appendEscapedNameOctet(byte, to: &output)
            }
            output.append(UInt8(ascii: "."))
            offset += length + 1
        }
    }
}

@inline(__always)
func appendEscapedNameOctet(_ byte: UInt8, to output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"), UInt8(ascii: "\""):
        output.append(UInt8(ascii: "\\"))
        output.append(byte)
    case 0x21...0x7E:
        output.append(byte)
    default:
        appendDecimalEscape(byte, to: &output)
    }
}

@inline(__always)
func appendDecimalEscape(_ byte: UInt8, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\\"))
    output.append(UInt8(ascii: "0") + byte / 100)
    output.append(UInt8(ascii: "0") + (byte / 10) % 10)
    output.append(UInt8(ascii: "0") + byte % 10)
}

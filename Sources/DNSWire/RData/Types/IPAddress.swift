/// An IPv4 address: the RDATA of an A record (RFC 1035 §3.4.1), SVCB `ipv4hint` values.
public struct IPv4Address: RawRepresentable, Hashable, Sendable, Comparable {
    /// The address as a 32-bit number, first octet in the high bits.
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Exactly 4 octets, in network order.
    public init?(octets: some Collection<UInt8>) {
        guard octets.count == 4 else { return nil }
        rawValue = octets.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The 4 octets in network order.
    public var octets: [UInt8] {
        [UInt8(truncatingIfNeeded: rawValue >> 24), UInt8(truncatingIfNeeded: rawValue >> 16),
         UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue)]
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension IPv4Address: CustomStringConvertible, LosslessStringConvertible {
    /// Reads dotted-quad text: four decimal numbers 0…255 without leading zeros (as `inet_pton`
    /// does, so `010` is never taken for octal or decimal by mistake).
    public init?(_ text: String) {
        self.init(utf8: Array(text.utf8)[...])
    }

    /// Dotted-quad text as UTF-8 octets.
    public init?(utf8 text: ArraySlice<UInt8>) {
        guard let value = IPv4Address.parse(text) else { return nil }
        rawValue = value
    }

    /// Dotted quad, `192.0.2.1`.
    public var description: String {
        var output: [UInt8] = []
        appendPresentation(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the dotted quad as UTF-8.
    public func appendPresentation(to output: inout [UInt8]) {
        for (index, octet) in octets.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ".")) }
            if octet >= 100 { output.append(UInt8(ascii: "0") + octet / 100) }
            if octet >= 10 { output.append(UInt8(ascii: "0") + (octet / 10) % 10) }
            output.append(UInt8(ascii: "0") + octet % 10)
        }
    }

    /// Parses a dotted quad in one pass; also used for the IPv4 tail of IPv6 text.
    static func parse(_ text: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var number: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | number
                parts += 1
                number = 0
                digits = 0
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10, digits < 3, !leadingZero || digits == 0 else { return nil }
            leadingZero = digits == 0 && digit == 0
            number = number * 10 + UInt32(digit)
            digits += 1
            guard number <= 255 else { return nil }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | number
    }
}

/// An IPv6 address: the RDATA of an AAAA record (RFC 3596 §2.2), SVCB `ipv6hint` values.
public struct IPv6Address: Hashable, Sendable, Comparable {
    /// Octets 0…7 and 8…15, in network order.
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Exactly 16 octets, in network order.
    public init?(octets: some Collection<UInt8>) {
        guard octets.count == 16 else { return nil }
        high = octets.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        low = octets.dropFirst(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The 16 octets in network order.
    public var octets: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: half >> (56 - 8 * UInt64(index % 8)))
        }
    }

    /// The eight 16-bit groups, leftmost first.
    public var groups: [UInt16] {
        (0..<8).map { index in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> (48 - 16 * UInt64(index % 4)))
        }
    }

    /// `::ffff:0:0/96` (RFC 4291 §2.5.5.2).
    public var isIPv4Mapped: Bool { high == 0 && low >> 32 == 0xFFFF }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension IPv6Address: CustomStringConvertible, LosslessStringConvertible {
    /// Reads any RFC 4291 §2.2 text form: eight groups of 1…4 hex digits, at most one `::` for a
    /// run of zero groups, and optionally a dotted-quad IPv4 address in place of the last two
    /// groups. Zone indices (`%eth0`) are not addresses and are refused.
    public init?(_ text: String) {
        self.init(utf8: Array(text.utf8)[...])
    }

    /// RFC 4291 §2.2 text as UTF-8 octets, read in one pass without allocating.
    public init?(utf8 text: ArraySlice<UInt8>) {
        let colon = UInt8(ascii: ":")
        var groups: (UInt64, UInt64) = (0, 0) // groups so far, packed 4 per half
        var count = 0
        var gapAt = -1 // groups before the `::`
        var index = text.startIndex
        let end = text.endIndex
        func append(_ group: UInt16) {
            if count < 4 { groups.0 = groups.0 << 16 | UInt64(group) } else { groups.1 = groups.1 << 16 | UInt64(group) }
            count += 1
        }
        if end - index >= 2, text[index] == colon, text[index + 1] == colon {
            gapAt = 0
            index += 2
        }
        while index < end {
            guard count < 8 else { return nil }
            let groupStart = index
            var value: UInt16 = 0
            var digits = 0
            while index < end, let digit = IPv6Address.hexDigitValue(text[index]) {
                guard digits < 4 else { return nil }
                value = value << 4 | UInt16(digit)
                digits += 1
                index += 1
            }
            if index < end, text[index] == UInt8(ascii: ".") {
                // A dotted quad stands for the last two groups.
                guard count <= 6, let ipv4 = IPv4Address.parse(text[groupStart..<end]) else { return nil }
                append(UInt16(truncatingIfNeeded: ipv4 >> 16))
                append(UInt16(truncatingIfNeeded: ipv4))
                index = end
                break
            }
            guard digits > 0 else { return nil }
            append(value)
            guard index < end else { break }
            guard text[index] == colon, index + 1 < end else { return nil }
            index += 1
            if text[index] == colon {
                guard gapAt < 0 else { return nil }
                gapAt = count
                index += 1
            }
        }
        if gapAt >= 0 {
            guard count <= 7 else { return nil }
        } else {
            guard count == 8 else { return nil }
        }
        // Spread the groups read into their places: those after the gap move to the end.
        var placed: (UInt64, UInt64) = (0, 0)
        func group(_ position: Int) -> UInt16 {
            let half = position < 4 ? groups.0 : groups.1
            let inHalf = position < 4 ? min(count, 4) : count - 4
            return UInt16(truncatingIfNeeded: half >> (16 * UInt64(inHalf - 1 - position % 4)))
        }
        let tailCount = gapAt >= 0 ? count - gapAt : 0
        for position in 0..<8 {
            let source: Int?
            if gapAt < 0 {
                source = position
            } else if position < gapAt {
                source = position
            } else if position >= 8 - tailCount {
                source = gapAt + position - (8 - tailCount)
            } else {
                source = nil
            }
            let value = source.map(group) ?? 0
            if position < 4 { placed.0 = placed.0 << 16 | UInt64(value) } else { placed.1 = placed.1 << 16 | UInt64(value) }
        }
        high = placed.0
        low = placed.1
    }

    private static func hexDigitValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// RFC 5952 text, e.g. `2001:db8::1`.
    public var description: String {
        var output: [UInt8] = []
        appendPresentation(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the RFC 5952 text as UTF-8:
    /// - §4.1 no leading zeros in a group; §4.3 lower-case hex digits;
    /// - §4.2 the longest run of two or more zero groups becomes `::` (the first, on a tie; a lone
    ///   zero group is written `0`);
    /// - §5 a dotted-quad tail where a well-known prefix says the low 32 bits are an IPv4 address:
    ///   IPv4-mapped `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2), and IPv4-compatible `::a.b.c.d`
    ///   (§2.5.5.1) when the seventh group is not zero, so `::1` stays `::1`. This is what
    ///   `inet_ntop` in glibc, and so ldns and dig on Linux, print.
    public func appendPresentation(to output: inout [UInt8]) {
        let groups = self.groups
        let dottedTail = isIPv4Mapped || (high == 0 && low >> 32 == 0 && low >> 16 != 0)
        let hexGroups = dottedTail ? 6 : 8
        // The longest run of zero groups, at least two long.
        var bestStart = -1
        var bestLength = 1
        var runStart = 0
        for index in 0...hexGroups {
            if index < hexGroups, groups[index] == 0 { continue }
            if index - runStart > bestLength {
                bestStart = runStart
                bestLength = index - runStart
            }
            runStart = index + 1
        }
        var index = 0
        while index < hexGroups {
            if index == bestStart {
                output.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: ":")])
                index += bestLength
                continue
            }
            if index > 0, index != bestStart + bestLength { output.append(UInt8(ascii: ":")) }
            appendHexGroup(groups[index], to: &output)
            index += 1
        }
        if dottedTail {
            if bestStart + bestLength != hexGroups { output.append(UInt8(ascii: ":")) }
            IPv4Address(rawValue: UInt32(truncatingIfNeeded: low)).appendPresentation(to: &output)
        }
    }

    private func appendHexGroup(_ group: UInt16, to output: inout [UInt8]) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: group >> UInt16(shift) & 0xF)
            if digit != 0 || started || shift == 0 {
                output.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
                started = true
            }
        }
    }
}

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
        guard let value = IPv4Address.parse(Array(text.utf8)[...]) else { return nil }
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

    /// Parses a dotted quad; also used for the IPv4 tail of IPv6 text.
    static func parse(_ text: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        for part in text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...3).contains(part.count), part.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
                  part.count == 1 || part.first != UInt8(ascii: "0") else { return nil }
            let number = part.reduce(0) { $0 * 10 + UInt32($1 - UInt8(ascii: "0")) }
            guard number <= 255 else { return nil }
            value = value << 8 | number
            parts += 1
        }
        return parts == 4 ? value : nil
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
        let utf8 = Array(text.utf8)
        let colon = UInt8(ascii: ":")
        // Split at the `::`, if there is one; a second one is an error.
        var head = utf8[...]
        var tail: ArraySlice<UInt8>? = nil
        var index = 0
        while index + 1 < utf8.count {
            if utf8[index] == colon, utf8[index + 1] == colon {
                guard tail == nil else { return nil }
                head = utf8[..<index]
                tail = utf8[(index + 2)...]
                index += 2
            } else {
                index += 1
            }
        }
        guard let headGroups = IPv6Address.parseGroups(head, endsAddress: tail == nil) else { return nil }
        var groups = headGroups
        if let tail {
            guard let tailGroups = IPv6Address.parseGroups(tail, endsAddress: true),
                  headGroups.count + tailGroups.count <= 7 else { return nil }
            groups += [UInt16](repeating: 0, count: 8 - headGroups.count - tailGroups.count) + tailGroups
        }
        guard groups.count == 8 else { return nil }
        high = groups[0..<4].reduce(0) { $0 << 16 | UInt64($1) }
        low = groups[4..<8].reduce(0) { $0 << 16 | UInt64($1) }
    }

    /// Colon-separated hex groups; an empty slice is no groups. When `endsAddress`, the last part
    /// may be a dotted quad standing for two groups.
    private static func parseGroups(_ text: ArraySlice<UInt8>, endsAddress: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if endsAddress, index == parts.count - 1, part.contains(UInt8(ascii: ".")) {
                guard let ipv4 = IPv4Address.parse(part) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: ipv4 >> 16))
                groups.append(UInt16(truncatingIfNeeded: ipv4))
                continue
            }
            guard (1...4).contains(part.count) else { return nil }
            var value: UInt16 = 0
            for character in part {
                guard let digit = hexDigitValue(character) else { return nil }
                value = value << 4 | UInt16(digit)
            }
            groups.append(value)
        }
        return groups.count <= 8 ? groups : nil
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

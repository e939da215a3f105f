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
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = Int(group >> UInt16(shift) & 0xF)
            if digit != 0 || started || shift == 0 {
                output.append(digits[digit])
                started = true
            }
        }
    }
}

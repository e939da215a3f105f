/// An IPv4 or IPv6 address as it appeared in a packet header. Cheap to hash (two words), so it
/// can key TCP connections; `presentation` gives the text form.
struct IPAddress: Hashable, Sendable {
    /// IPv4: 0 and the address in the low 32 bits of `low`. IPv6: the first and last 64 bits.
    var high: UInt64
    var low: UInt64
    var isIPv6: Bool

    init(ipv4 value: UInt32) {
        high = 0
        low = UInt64(value)
        isIPv6 = false
    }

    init(ipv6 high: UInt64, _ low: UInt64) {
        self.high = high
        self.low = low
        isIPv6 = true
    }

    /// Dotted quad for IPv4 (RFC 791); RFC 5952 §4 canonical text for IPv6: lower-case hex, no
    /// leading zeros, the longest run (first if tied) of two or more zero groups as "::", and
    /// (§5) IPv4-mapped addresses ending in dotted quad.
    var presentation: String {
        guard isIPv6 else { return Self.dottedQuad(UInt32(truncatingIfNeeded: low)) }
        let groups: [UInt16] = (0..<8).map { index in
            let word = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: word >> (48 - 16 * UInt64(index % 4)))
        }
        // RFC 5952 §5: ::ffff:0:0/96 is written with the IPv4 address in dotted quad.
        if high == 0, low >> 32 == 0xFFFF {
            return "::ffff:" + Self.dottedQuad(UInt32(truncatingIfNeeded: low))
        }
        var bestStart = -1
        var bestLength = 1  // §4.2.2: a single zero group is not shortened.
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex(bestStart + bestLength..<8)
    }

    private static func dottedQuad(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}

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

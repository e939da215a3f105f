import DNSWire

/// An IPv4 or IPv6 network, `address/length`: who may ask the resolver.
public struct AddressPrefix: Sendable, Hashable, CustomStringConvertible {
    public let network: [UInt8]
    public let length: Int

    /// 127.0.0.0/8 and ::1/128.
    public static let loopback: [AddressPrefix] = [
        AddressPrefix("127.0.0.0/8"), AddressPrefix("::1/128"),
    ].compactMap { $0 }

    /// Parses `192.0.2.0/24`, `2001:db8::/32`, or a single address (a /32 or /128).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddressBytes.parse(String(parts[0])) else { return nil }
        let maximum = address.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : maximum
        guard let length, (0...maximum).contains(length) else { return nil }
        self.length = length
        self.network = Self.masked(address, length)
    }

    /// Whether `address` (4 or 16 octets; an IPv4-mapped IPv6 address counts as IPv4) is inside.
    public func contains(_ address: ClientAddress) -> Bool {
        // Checked on every query: compares in place, allocating nothing.
        var start = 0
        if address.count == 16, network.count == 4 {
            for index in 0..<10 where address[index] != 0 { return false }
            guard address[10] == 0xFF, address[11] == 0xFF else { return false }
            start = 12
        }
        guard address.count - start == network.count else { return false }
        for (index, byte) in network.enumerated() {
            let bits = max(0, min(8, length - index * 8))
            guard bits > 0 else { return true }
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if address[start + index] & mask != byte { return false }
        }
        return true
    }

    static func masked(_ address: [UInt8], _ length: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let bits = max(0, min(8, length - index * 8))
            return bits == 8 ? byte : byte & ~(0xFF >> UInt8(bits))
        }
    }

    public var description: String { "\(IPAddressBytes.text(network))/\(length)" }
}

/// Address text ↔ octets, with DNSWire's address parsers (RFC 4291 §2.2, RFC 5952 text).
public enum IPAddressBytes {
    public static func parse(_ text: String) -> [UInt8]? {
        text.contains(":") ? IPv6Address(text)?.octets : IPv4Address(text)?.octets
    }

    public static func text(_ octets: [UInt8]) -> String {
        if octets.count == 4 { return IPv4Address(octets: octets)?.description ?? "?" }
        return IPv6Address(octets: octets)?.description ?? "?"
    }
}

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
    public func contains(_ address: [UInt8]) -> Bool {
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

/// Address text ↔ octets, without the C library (so configurations validate the same everywhere).
public enum IPAddressBytes {
    public static func parse(_ text: String) -> [UInt8]? {
        text.contains(":") ? parseIPv6(text) : parseIPv4(text)
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { part -> UInt8? in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII) else { return nil }
            return UInt8(part)
        }
        return octets.count == 4 ? octets : nil
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(String(piece)) {
                    result += [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + [UInt16](repeating: 0, count: halves.count == 2 ? missing : 0) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    public static func text(_ octets: [UInt8]) -> String {
        if octets.count == 4 { return octets.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: octets.count - 1, by: 2) {
            groups.append(String(UInt16(octets[index]) << 8 | UInt16(octets[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }
}

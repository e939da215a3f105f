/// Typed readers of the registered SvcParams (RFC 9460 §7, RFC 9461 §5). Values were checked when
/// the view was built, so these only return `nil` when the key is absent.
extension SVCB {
    /// The value of `key`, if present.
    public func value(for key: UInt16) -> [UInt8]? {
        parameters.first { $0.key == key }?.value
    }

    /// Key 0 (RFC 9460 §8): keys a client must understand to use this record.
    public var mandatory: [UInt16]? {
        value(for: 0).map { value in
            stride(from: 0, to: value.count - 1, by: 2).map { UInt16(value[$0]) << 8 | UInt16(value[$0 + 1]) }
        }
    }

    /// Key 1 (RFC 9460 §7.1): ALPN protocol identifiers, each an octet string such as `h2`.
    public var alpn: [[UInt8]]? {
        value(for: 1).map { value in
            var identifiers: [[UInt8]] = []
            var index = 0
            while index < value.count {
                let end = min(index + 1 + Int(value[index]), value.count)
                identifiers.append(Array(value[(index + 1)..<end]))
                index = end
            }
            return identifiers
        }
    }

    /// Key 2 (RFC 9460 §7.1): the default ALPN set is not offered.
    public var noDefaultALPN: Bool { value(for: 2) != nil }

    /// Key 3 (RFC 9460 §7.2): the TCP or UDP port.
    public var port: UInt16? {
        guard let value = value(for: 3), value.count == 2 else { return nil }
        return UInt16(value[0]) << 8 | UInt16(value[1])
    }

    /// Key 4 (RFC 9460 §7.3): IPv4 addresses a client may use before resolving the target.
    public var ipv4hint: [IPv4Address]? {
        value(for: 4).map { value in
            stride(from: 0, to: value.count - 3, by: 4).compactMap { IPv4Address(octets: value[$0..<($0 + 4)]) }
        }
    }

    /// Key 5, `ech` (registered by RFC 9460 §14.3.2 for TLS Encrypted Client Hello): an
    /// ECHConfigList, kept opaque.
    public var echConfig: [UInt8]? { value(for: 5) }

    /// Key 6 (RFC 9460 §7.3): IPv6 addresses a client may use before resolving the target.
    public var ipv6hint: [IPv6Address]? {
        value(for: 6).map { value in
            stride(from: 0, to: value.count - 15, by: 16).compactMap { IPv6Address(octets: value[$0..<($0 + 16)]) }
        }
    }

    /// Key 7 (RFC 9461 §5): the DoH URI template's relative path, UTF-8.
    public var dohPath: [UInt8]? { value(for: 7) }
}

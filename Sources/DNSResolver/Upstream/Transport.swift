/// An authoritative server's address: an IPv4 or IPv6 address in text form and a port.
public struct ServerAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16 = 53) {
        self.host = host
        self.port = port
    }

    /// The address as written in a record's RDATA (A: 4 octets, AAAA: 16), on `port`.
    public init?(addressRData rdata: [UInt8], port: UInt16 = 53) {
        switch rdata.count {
        case 4: self.init(host: rdata.map(String.init).joined(separator: "."), port: port)
        case 16:
            let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(rdata[$0]) << 8 | UInt16(rdata[$0 + 1]), radix: 16) }
            self.init(host: groups.joined(separator: ":"), port: port)
        default: return nil
        }
    }

    public var isIPv6: Bool { host.contains(":") }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// UDP or TCP (RFC 7766).
public enum TransportProtocol: String, Sendable {
    case udp, tcp
}

/// Why an exchange with a server produced no response.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// No response before the timeout.
        case timeout
        /// The server could not be reached (ICMP unreachable, connection refused or reset).
        case unreachable
        /// The connection or the response was unusable (short read, oversized length prefix…).
        case malformed
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}

/// Sends one query to one server and returns the first response to it.
///
/// The resolver core does no I/O of its own: it hands each upstream query to a transport. The real one
/// (UDP from a fresh random port per query, TCP per RFC 7766) lives in `DNSServer`; tests use an
/// in-memory one. A transport may return a response whose ID or question does not match; the resolver
/// checks and drops those itself.
public protocol Transport: Sendable {
    func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol,
                  timeout: Duration) async throws -> [UInt8]
}

import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A client's address as its 4 or 16 octets, held inline: the access list and the rate limit look at
/// it on every packet, so taking it from a socket address allocates nothing.
public struct ClientAddress: Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The octets, big-endian, left-aligned: octet 0 is the top byte of `high`.
    private var high: UInt64 = 0
    private var low: UInt64 = 0
    /// 4 (IPv4), 16 (IPv6), or 0 (not an IP address: a Unix socket).
    public private(set) var count = 0

    /// The first 16 of `octets` (4 or 16 are meaningful).
    public init(octets: some Sequence<UInt8>) {
        for octet in octets.prefix(16) {
            if count < 8 { high |= UInt64(octet) << (56 - 8 * UInt64(count)) } else { low |= UInt64(octet) << (56 - 8 * UInt64(count - 8)) }
            count += 1
        }
    }

    public init(arrayLiteral octets: UInt8...) { self.init(octets: octets) }

    /// The address of a socket peer (none for a Unix socket).
    public init(_ address: SocketAddress) {
        switch address {
        case .v4(let address):
            // s_addr is in network order: its bytes in memory are the octets in order.
            self = withUnsafeBytes(of: address.address.sin_addr.s_addr) { ClientAddress(octets: $0) }
        case .v6(let address):
            self = withUnsafeBytes(of: address.address.sin6_addr) { ClientAddress(octets: $0) }
        case .unixDomainSocket:
            self.init(octets: EmptyCollection())
        }
    }

    /// The address of a datagram's source, as recvmmsg gives it.
    init(_ storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            self = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    withUnsafeBytes(of: address.pointee.sin_addr.s_addr) { ClientAddress(octets: $0) }
                }
            }
        case AF_INET6:
            self = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    withUnsafeBytes(of: address.pointee.sin6_addr) { ClientAddress(octets: $0) }
                }
            }
        default:
            self.init(octets: EmptyCollection())
        }
    }

    public subscript(index: Int) -> UInt8 {
        index < 8 ? UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index))) : UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index - 8)))
    }
}

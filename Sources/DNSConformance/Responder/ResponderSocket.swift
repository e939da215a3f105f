import Glibc

/// An IPv4 or IPv6 socket address built from an address literal.
struct SocketAddress {
    private(set) var storage = sockaddr_storage()
    let length: socklen_t
    let family: Int32

    /// `nil` when `text` is neither an IPv4 nor an IPv6 literal.
    init?(_ text: String, port: UInt16) {
        var storage = sockaddr_storage()
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        if inet_pton(AF_INET, text, &ipv4) == 1 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = ipv4
            Self.copy(address, into: &storage)
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        } else if inet_pton(AF_INET6, text, &ipv6) == 1 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = ipv6
            Self.copy(address, into: &storage)
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            return nil
        }
        self.storage = storage
    }

    private static func copy<T>(_ address: T, into storage: inout sockaddr_storage) {
        withUnsafeBytes(of: address) { source in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
        }
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>) -> R) -> R {
        withUnsafeBytes(of: storage) { body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self)) } // trap-ok: a stored struct always has an address
    }
}

/// The POSIX calls the responder makes, each returning an error code instead of trapping.
enum ResponderSocket {
    /// A socket bound to `address`:`port`, listening when it is TCP. Close-on-exec, so the stub
    /// clients the runner starts never inherit it.
    static func bind(address: String, port: UInt16, transport: ResponderTransport) throws(ResponderError) -> Int32 {
        guard let socketAddress = SocketAddress(address, port: port) else {
            throw ResponderError(.invalidAddress, address: address, port: port)
        }
        func failure(_ code: ResponderError.Code) -> ResponderError {
            ResponderError(code, address: address, port: port, transport: transport, systemError: errno)
        }
        let type = transport == .udp ? SOCK_DGRAM : SOCK_STREAM
        let descriptor = socket(socketAddress.family, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure(.socketFailed) }
        var one: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        // SO_REUSEADDR only for TCP, where it lets a restarted responder bind past TIME_WAIT. On UDP,
        // Linux would let a second socket with SO_REUSEADDR bind the same port and silently steal
        // the queries of the first; without it, a port taken by anyone fails with EADDRINUSE.
        if transport == .tcp, setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, size) != 0 {
            let error = failure(.socketFailed)
            close(descriptor)
            throw error
        }
        // One socket per address: `::1` must not also claim IPv4 (it cannot, but v6-only keeps it so).
        if socketAddress.family == AF_INET6,
           setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, size) != 0 {
            let error = failure(.socketFailed)
            close(descriptor)
            throw error
        }
        let bound = socketAddress.withSockaddr { Glibc.bind(descriptor, $0, socketAddress.length) }
        guard bound == 0 else {
            let error = failure(.bindFailed)
            close(descriptor)
            throw error
        }
        if transport == .tcp {
            // accept() must never block after poll() said "readable": the client may have gone.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            guard listen(descriptor, 64) == 0 else {
                let error = failure(.listenFailed)
                close(descriptor)
                throw error
            }
        }
        return descriptor
    }

    /// Sends all of `bytes` on a connected socket; `false` when the peer went away or the send timed out.
    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a client that closed early must not kill the responder with SIGPIPE.
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return send(descriptor, base + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                sent += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Bounds how long a send may block on a client that stopped reading.
    static func setSendTimeout(_ descriptor: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }
}

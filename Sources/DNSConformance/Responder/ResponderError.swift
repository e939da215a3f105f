import Glibc

/// The responder's one error type: which socket could not be set up, and why.
public struct ResponderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. An open set of named values, so new codes never break callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The address is not an IPv4 or IPv6 literal.
        public static let invalidAddress = Code(rawValue: "invalid-address")
        /// `socket`, `setsockopt` or `pipe` failed.
        public static let socketFailed = Code(rawValue: "socket-failed")
        /// `bind` failed (EADDRINUSE, EACCES, EADDRNOTAVAIL…).
        public static let bindFailed = Code(rawValue: "bind-failed")
        /// `listen` failed.
        public static let listenFailed = Code(rawValue: "listen-failed")
    }

    public var code: Code
    public var address: String
    public var port: UInt16
    /// The transport of the socket, when the failure concerns one.
    public var transport: ResponderTransport?
    /// `errno` of the failed call, 0 when there is none.
    public var systemError: Int32

    public init(_ code: Code, address: String, port: UInt16, transport: ResponderTransport? = nil, systemError: Int32 = 0) {
        self.code = code
        self.address = address
        self.port = port
        self.transport = transport
        self.systemError = systemError
    }

    public var description: String {
        let endpoint = address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
        let socket = transport.map { "\($0) " } ?? ""
        guard code != .invalidAddress else {
            return "cannot serve DNS on \(endpoint): \"\(address)\" is not an IPv4 or IPv6 address"
        }
        var text = "cannot serve DNS on \(socket)\(endpoint): \(code)"
        if systemError != 0 { text += ": \(String(cString: strerror(systemError)))" }
        if let hint { text += " (\(hint))" }
        return text
    }

    /// How to fix the usual causes.
    private var hint: String? {
        switch systemError {
        case EADDRINUSE: "another process is serving that port; stop it or pick another port"
        case EACCES: "ports below 1024 need root or CAP_NET_BIND_SERVICE"
        case EADDRNOTAVAIL: "no interface has that address: is `lo` up, is IPv6 enabled?"
        case EAFNOSUPPORT: "the kernel has this address family disabled"
        default: nil
        }
    }
}

import DNSResolver

/// Everything `preface serve` can be told, with the defaults it runs with when told nothing: listen on
/// 127.0.0.1:53 and [::1]:53, answer loopback clients only, local root from `Zones/root.zone` checked
/// against `Zones/root.key`, root hints from `Zones/root.hints`.
public struct ServeConfiguration: Sendable {
    public var listen: [ListenAddress] = [ListenAddress(host: "127.0.0.1", port: 53), ListenAddress(host: "::1", port: 53)]
    /// Clients allowed to ask; everyone else gets REFUSED. Loopback only by default: never an open resolver.
    public var allow: [AddressPrefix] = AddressPrefix.loopback
    public var rateLimit = RateLimit()
    public var udp = UDPSettings()
    public var tcp = TCPSettings()
    public var cache = CachePolicy()
    public var limits = ResolverLimits()
    public var rootHints = "Zones/root.hints"
    public var qnameMinimisation = true
    /// The port authoritative servers are asked on (53, except for test hierarchies).
    public var serverPort: UInt16 = 53
    public var localRoot = LocalRootSettings()
    /// Where Prometheus metrics are served (`nil`: not served).
    public var metrics: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 9153)
    public var logLevel = "info"

    public init() {}

    public struct RateLimit: Sendable, Hashable {
        /// Queries per second one client address may send (0, the default: no limit — every local
        /// client shares 127.0.0.1, so a default limit would cap the whole machine).
        public var queriesPerSecond = 0
        /// How many may come at once above the rate.
        public var burst = 2000
    }

    public struct UDPSettings: Sendable, Hashable {
        /// Each UDP socket's receive buffer (SO_RCVBUFFORCE when running as root, else SO_RCVBUF, which
        /// the kernel caps at net.core.rmem_max). The default holds a few thousand queries, so a burst
        /// that arrives while the event loop is busy waits instead of being dropped.
        public var receiveBuffer = 4 << 20
    }

    public struct TCPSettings: Sendable, Hashable {
        /// A connection with no query for this long is closed (RFC 7766 §6.2.3).
        public var idleTimeout: Duration = .seconds(10)
        /// Connections open at once; more are closed as they arrive.
        public var maximumConnections = 512
        /// Queries a connection may have in flight (RFC 7766 §6.2.1.1 pipelining).
        public var maximumPipelined = 64
    }

    public struct LocalRootSettings: Sendable, Hashable {
        public var enabled = true
        /// The copy to load at start (and on SIGHUP).
        public var file: String? = "Zones/root.zone"
        public var trustAnchor = "Zones/root.key"
        /// Servers to transfer the root zone from (AXFR over TCP, RFC 5936).
        public var axfr: [ListenAddress] = []
        /// HTTPS URLs to fetch the root zone from (e.g. https://www.internic.net/domain/root.zone).
        public var https: [String] = []
        /// A CA file trusted for those URLs besides the system's roots (a private mirror's CA).
        public var httpsTrustRoots: String?
        /// Where the last verified copy is kept, so a restart needs no network.
        public var stateDirectory = "/var/lib/preface"
        /// A copy older than this since its last verified load is stale whatever its signatures say.
        public var maximumAge: Duration = .seconds(7 * 86_400)
    }
}

/// `host:port`, `[v6]:port`, or a bare address (port 53).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:53`, `[::1]:53`, `::1` or `127.0.0.1`.
    public init?(_ text: String, defaultPort: UInt16 = 53) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { port = defaultPort } else if rest.hasPrefix(":"), let value = UInt16(rest.dropFirst()) { port = value } else { return nil }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            guard let value = UInt16(text[text.index(after: colon)...]) else { return nil }
            port = value
        } else {
            host = text
            port = defaultPort
        }
        guard IPAddressBytes.parse(host) != nil else { return nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

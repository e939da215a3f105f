import DNSWire

/// What the resolver remembers about each authoritative server: its smoothed round-trip time, and the
/// zones it was found lame for.
struct ServerStatistics: Sendable {
    /// Smoothed RTT in milliseconds; servers never asked start low and a little random, so each is tried.
    var smoothedRTT: Double
    /// Zone (as a lower-cased name) → when the server stops being treated as lame for it.
    var lameUntil: [DomainName: Moment] = [:]

    static let unknownRTT: ClosedRange<Double> = 5...30
    static let maximumRTT: Double = 10_000
    /// How long a server that answered lamely for a zone is skipped for it.
    static let lameHoldSeconds: UInt32 = 900

    static func unknown() -> ServerStatistics { ServerStatistics(smoothedRTT: .random(in: unknownRTT)) }

    /// RFC 6298-style smoothing of a measured RTT.
    mutating func record(rtt milliseconds: Double) {
        smoothedRTT = smoothedRTT * 0.7 + milliseconds * 0.3
    }

    /// A timeout doubles the estimate (back-off), up to a ceiling.
    mutating func recordTimeout(_ timeout: Double) {
        smoothedRTT = min(max(smoothedRTT * 2, timeout), Self.maximumRTT)
    }

    func isLame(for zone: DomainName, at now: Moment) -> Bool {
        guard let until = lameUntil[zone] else { return false }
        return now < until
    }
}

/// Server statistics for every server asked, keyed by address.
struct ServerTable: Sendable {
    private var servers: [ServerAddress: ServerStatistics] = [:]
    /// Bound on the table, so a resolver asked about many domains keeps a flat footprint.
    static let maximumServers = 100_000

    /// `candidates` in the order to try them: not lame for `zone` first, lowest smoothed RTT first.
    mutating func order(_ candidates: [ServerAddress], zone: DomainName, at now: Moment) -> [ServerAddress] {
        if servers.count > Self.maximumServers { servers.removeAll() }
        let scored = candidates.map { address -> (ServerAddress, Bool, Double) in
            let stats = servers[address] ?? { let fresh = ServerStatistics.unknown(); servers[address] = fresh; return fresh }()
            return (address, stats.isLame(for: zone, at: now), stats.smoothedRTT)
        }
        return scored.sorted { ($0.1 ? 1 : 0, $0.2) < ($1.1 ? 1 : 0, $1.2) }.map(\.0)
    }

    mutating func recordSuccess(_ address: ServerAddress, rtt: Double) {
        servers[address, default: .unknown()].record(rtt: rtt)
    }

    mutating func recordTimeout(_ address: ServerAddress, timeout: Double) {
        servers[address, default: .unknown()].recordTimeout(timeout)
    }

    mutating func markLame(_ address: ServerAddress, zone: DomainName, at now: Moment) {
        servers[address, default: .unknown()].lameUntil[zone] = now.adding(seconds: ServerStatistics.lameHoldSeconds)
    }

    func smoothedRTT(_ address: ServerAddress) -> Double? { servers[address]?.smoothedRTT }
}

import DNSResolver
import Prometheus

/// The daemon's metrics, in one Prometheus registry served at `/metrics`.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let queriesUDP: Counter
    let queriesTCP: Counter
    let cacheHits: Counter
    let cacheMisses: Counter
    let refused: Counter
    let rateLimited: Counter
    let malformed: Counter
    let upstreamUDP: Counter
    let upstreamTCP: Counter
    let latency: DurationHistogram
    let localRootInUse: Gauge
    let localRootSerial: Gauge
    let localRootAge: Gauge

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "preface", metricName: metric, unitName: unit, helpText: help)
    }

    public init() {
        let queries = Self.name("queries", "total", "Client queries received")
        queriesUDP = registry.makeCounter(descriptor: queries, labels: [("transport", "udp")])
        queriesTCP = registry.makeCounter(descriptor: queries, labels: [("transport", "tcp")])
        cacheHits = registry.makeCounter(descriptor: Self.name("cache_hits", "total", "Queries answered from the cache without upstream traffic"))
        cacheMisses = registry.makeCounter(descriptor: Self.name("cache_misses", "total", "Queries that needed iterative resolution"))
        refused = registry.makeCounter(descriptor: Self.name("refused", "total", "Queries refused by the access list"))
        rateLimited = registry.makeCounter(descriptor: Self.name("rate_limited", "total", "Queries dropped by the per-client rate limit"))
        malformed = registry.makeCounter(descriptor: Self.name("malformed", "total", "Packets that were not a usable DNS query"))
        let upstream = Self.name("upstream_queries", "total", "Queries sent to authoritative servers")
        upstreamUDP = registry.makeCounter(descriptor: upstream, labels: [("transport", "udp")])
        upstreamTCP = registry.makeCounter(descriptor: upstream, labels: [("transport", "tcp")])
        latency = registry.makeDurationHistogram(
            descriptor: Self.name("response", "seconds", "Time from query to response"),
            buckets: [.microseconds(100), .milliseconds(1), .milliseconds(10), .milliseconds(50), .milliseconds(100),
                      .milliseconds(500), .seconds(1), .seconds(5)])
        localRootInUse = registry.makeGauge(descriptor: Self.name("local_root_in_use", "",
            "1 while the verified local root copy answers root questions, 0 while the live root servers do"))
        localRootSerial = registry.makeGauge(descriptor: Self.name("local_root_serial", "", "SOA serial of the local root copy in use"))
        localRootAge = registry.makeGauge(descriptor: Self.name("local_root_age", "seconds", "Seconds since the copy in use was verified"))
    }

    // The registry returns the same counter for the same name and labels, so these look up on each use.
    func servfail(reason: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("servfail", "total", "SERVFAIL answers by reason"), labels: [("reason", reason)])
    }

    func upstreamFailure(_ code: TransportError.Code) -> Counter {
        registry.makeCounter(descriptor: Self.name("upstream_failures", "total", "Upstream queries without a response, by reason"),
                             labels: [("reason", code.rawValue)])
    }

    func localRootEvent(_ event: String, reason: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("local_root_events", "total", "Local root loads, refusals and state changes, by reason"),
                             labels: [("event", event), ("reason", reason)])
    }

    /// The text exposition format.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}

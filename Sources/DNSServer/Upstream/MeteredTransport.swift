import DNSResolver

/// A transport that counts, for the metrics, every query it sends upstream (by transport) and every
/// one that got no response (by reason).
struct MeteredTransport: Transport {
    let inner: any Transport
    let metrics: ServerMetrics

    func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol,
                  timeout: Duration) async throws -> [UInt8] {
        (transport == .udp ? metrics.upstreamUDP : metrics.upstreamTCP).increment()
        do {
            return try await inner.exchange(query, with: server, over: transport, timeout: timeout)
        } catch let error as TransportError {
            metrics.upstreamFailure(error.code).increment()
            throw error
        }
    }
}

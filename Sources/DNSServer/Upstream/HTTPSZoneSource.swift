import AsyncHTTPClient
import DNSResolver
import NIOCore
import NIOSSL

/// Fetches a root zone copy over HTTPS (the way IANA publishes https://www.internic.net/domain/root.zone),
/// with the certificate checked against the system's roots and, when given, an extra CA file.
public enum HTTPSZoneSource {
    /// The largest body accepted: the root zone is about 2.2 MB today.
    public static let maximumOctets = 64 << 20

    public static func fetch(_ url: String, extraTrustRoots caFile: String?, timeout: Duration = .seconds(60)) async throws -> [UInt8] {
        guard url.lowercased().hasPrefix("https://") else {
            throw TransportError(.unreachable, "\(url): only https:// URLs are fetched")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            tls.additionalTrustRoots = [.file(caFile)]
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .nanoseconds(timeout.components.seconds * 1_000_000_000))
            guard response.status == .ok else {
                throw TransportError(.malformed, "\(url) answered HTTP \(response.status.code)")
            }
            let body = try await response.body.collect(upTo: maximumOctets)
            try await client.shutdown()
            return Array(body.readableBytesView)
        } catch {
            try? await client.shutdown()
            if error is TransportError { throw error }
            throw TransportError(.unreachable, "\(url): \(error)")
        }
    }
}

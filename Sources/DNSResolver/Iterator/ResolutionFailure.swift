import DNSWire

/// Why a resolution gave up: the client gets SERVFAIL with an extended DNS error (RFC 8914) saying so.
public struct ResolutionFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// Every server of a zone failed, timed out or was lame.
        case noReachableAuthority
        /// A named limit of `ResolverLimits` was reached.
        case limit
        /// The upstream data cannot be used (a dependency loop, a chain that does not progress…).
        case badUpstreamData
    }

    public var reason: Reason
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { detail }

    /// RFC 8914 §4: 22 "No Reachable Authority"; 0 "Other" for a limit, with the limit named in the text.
    public var extendedError: ExtendedDNSError {
        switch reason {
        case .noReachableAuthority: ExtendedDNSError(infoCode: 22, extraText: detail)
        case .limit, .badUpstreamData: ExtendedDNSError(infoCode: 0, extraText: detail)
        }
    }
}

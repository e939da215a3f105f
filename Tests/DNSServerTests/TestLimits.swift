import DNSResolver

extension ResolverLimits {
    /// For resolutions over real sockets inside the test bundle: every test shares two cooperative
    /// threads with long synchronous tests, so a response can wait seconds for a thread. The generous
    /// timeouts keep such waits from reading as lost servers.
    static var underTestLoad: ResolverLimits {
        var limits = ResolverLimits()
        limits.serverTimeout = .seconds(5)
        limits.overallDeadline = .seconds(120)
        return limits
    }
}

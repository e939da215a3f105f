import DNSResolver
import DNSWire
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// `preface serve`: the resolver behind UDP and TCP listeners, with the local root, metrics and logs.
/// A `Service`: SIGTERM (via the service group) stops accepting and drains; SIGHUP reloads the
/// configuration's access list and rate limit and the root copy.
public final class DNSDaemon: Service, Sendable {
    public let configuration: ServeConfiguration
    /// Re-reads the configuration on SIGHUP (`nil`: nothing to re-read).
    let reloadConfiguration: (@Sendable () throws -> ServeConfiguration)?
    let logger: Logger
    public let metrics = ServerMetrics()
    public let localRoot: LocalRoot?
    public let resolver: DNSResolver.Resolver
    let handler: QueryHandler
    let loader: LocalRootLoader?
    /// One event loop per CPU the process may use (front ends and upstream sockets alike).
    let group: MultiThreadedEventLoopGroup
    /// How long in-flight queries may take to finish after SIGTERM.
    static let drainTime: Duration = .seconds(3)

    public init(configuration: ServeConfiguration, logger: Logger, hints: RootHints,
                wallClock: @escaping @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970) },
                reloadConfiguration: (@Sendable () throws -> ServeConfiguration)? = nil) {
        self.configuration = configuration
        self.logger = logger
        self.reloadConfiguration = reloadConfiguration
        let metrics = self.metrics
        if configuration.localRoot.enabled {
            let localRoot = LocalRoot(maximumAge: UInt64(configuration.localRoot.maximumAge.components.seconds), wallClock: wallClock) { status in
                // Logged once per change of state, with the reason (DESIGN §2: no flapping).
                metrics.localRootInUse.set(status.inUse ? 1.0 : 0.0)
                metrics.localRootEvent(status.inUse ? "in-use" : "not-in-use", reason: status.inUse ? "verified" : String(status.reason.prefix { $0 != ":" }))
                    .increment()
                logger.notice("\(status)", metadata: ["local_root": status.inUse ? "in-use" : "live-roots"])
            }
            self.localRoot = localRoot
            self.loader = LocalRootLoader(settings: configuration.localRoot, localRoot: localRoot, logger: logger, metrics: metrics)
        } else {
            self.localRoot = nil
            self.loader = nil
        }
        group = MultiThreadedEventLoopGroup(numberOfThreads: ProcessorCount.available)
        resolver = DNSResolver.Resolver(transport: MeteredTransport(inner: NIOTransport(group: group), metrics: metrics), hints: hints, limits: configuration.limits, cachePolicy: configuration.cache,
                            qnameMinimisation: configuration.qnameMinimisation, serverPort: configuration.serverPort,
                            localRoot: localRoot)
        handler = QueryHandler(resolver: resolver, allow: configuration.allow, rateLimit: configuration.rateLimit, metrics: metrics,
                               logger: logger)
    }

    public func run() async throws {
        var channels: [any Channel] = []
        var datagramSockets: [UDPFrontend] = []
        do {
            for address in configuration.listen {
                datagramSockets += try UDPFrontend.bind(address, handler: handler, settings: configuration.udp,
                                                        threads: ProcessorCount.available)
                channels.append(try await TCPFrontend.bind(address, handler: handler, settings: configuration.tcp, group: group))
                logger.info("listening", metadata: ["address": "\(address)", "transports": "udp tcp"])
            }
            for socket in datagramSockets { socket.start() }
            if let metricsAddress = configuration.metrics {
                let localRoot = self.localRoot
                let metrics = self.metrics
                channels.append(try await MetricsHTTPServer.bind(metricsAddress, metrics: metrics, group: group) {
                    guard let localRoot else { return }
                    let status = localRoot.status
                    metrics.localRootInUse.set(status.inUse ? 1.0 : 0.0)
                    if let copy = localRoot.copy {
                        metrics.localRootSerial.set(Double(copy.serial))
                        metrics.localRootAge.set(Double(localRoot.now - min(localRoot.now, copy.verifiedAt)))
                    }
                })
                logger.info("metrics", metadata: ["url": "http://\(metricsAddress)/metrics"])
            }
        } catch {
            for socket in datagramSockets { socket.stop() }
            for channel in channels { try? await channel.close() }
            try? await group.shutdownGracefully()
            throw DaemonError("cannot listen: \(error)")
        }
        if localRoot == nil { logger.notice("local root off: the live root servers answer root questions") }
        await withTaskGroup(of: Void.self) { tasks in
            if let loader {
                tasks.addTask { await loader.run() }
            }
            tasks.addTask { [self] in
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    await reload()
                }
            }
            try? await gracefulShutdown()
            logger.info("shutting down: no new queries, draining")
            tasks.cancelAll()
        }
        for socket in datagramSockets { socket.stop() }
        for channel in channels { try? await channel.close() }
        try? await Task.sleep(for: Self.drainTime / 10)
        try? await group.shutdownGracefully()
        logger.info("stopped")
    }

    /// SIGHUP: the access list and rate limit from the configuration file, and the root copy again.
    func reload() async {
        if let reloadConfiguration {
            do {
                let fresh = try reloadConfiguration()
                handler.update(allow: fresh.allow, rateLimit: fresh.rateLimit)
                if fresh.listen != configuration.listen { logger.warning("listen addresses changed: they take effect at the next start") }
                logger.info("configuration reloaded")
            } catch {
                logger.error("configuration not reloaded, the running one stays", metadata: ["error": "\(error)"])
            }
        }
        if let loader { await loader.load(reason: "SIGHUP") }
    }
}

public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

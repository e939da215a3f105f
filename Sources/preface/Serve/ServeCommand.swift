import ArgumentParser
import DNSResolver
import DNSServer
import Foundation
import Logging
import ServiceLifecycle

/// `preface serve`: the resolver daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the caching recursive resolver, with a verified local root zone (RFC 8806).",
        discussion: """
        With no configuration it listens on 127.0.0.1:53 and [::1]:53, answers loopback clients only, \
        loads the root zone copy Zones/root.zone (checked with ZONEMD and DNSSEC against Zones/root.key) and \
        uses the live root servers of Zones/root.hints whenever that copy is stale or refused. Flags override \
        the configuration file. SIGTERM drains and exits; SIGHUP reloads the access list, the rate limit and \
        the root copy. Exit status: 0 after SIGTERM, 2 for a bad configuration or when it cannot listen.
        """
    )

    @Option(help: ArgumentHelp("YAML configuration file.", valueName: "FILE"))
    var config: String?

    @Option(parsing: .singleValue, help: ArgumentHelp("Listen on this address (repeatable; e.g. 127.0.0.1:53, [::1]:53).", valueName: "ADDR:PORT"))
    var listen: [String] = []

    @Option(parsing: .singleValue, help: ArgumentHelp("Also answer this network (repeatable; loopback only by default).", valueName: "NET"))
    var allow: [String] = []

    @Option(name: .customLong("root-hints"), help: ArgumentHelp("Root hints file.", valueName: "FILE"))
    var rootHints: String?

    @Option(name: .customLong("local-root"), help: ArgumentHelp("Root zone copy to load, or off.", valueName: "FILE|off"))
    var localRoot: String?

    @Option(name: .customLong("trust-anchor"), help: ArgumentHelp("Trust anchor for the root copy (root.key, root.ds or root-anchors.xml).", valueName: "FILE"))
    var trustAnchor: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Where the last verified root copy is kept.", valueName: "DIR"))
    var stateDir: String?

    @Option(name: .customLong("axfr"), parsing: .singleValue, help: ArgumentHelp("Transfer the root zone from this server (repeatable).", valueName: "ADDR:PORT"))
    var axfr: [String] = []

    @Option(name: .customLong("https"), parsing: .singleValue, help: ArgumentHelp("Fetch the root zone from this HTTPS URL (repeatable).", valueName: "URL"))
    var https: [String] = []

    @Option(name: .customLong("https-ca"), help: ArgumentHelp("A CA file to trust for --https besides the system's.", valueName: "FILE"))
    var httpsCA: String?

    @Option(name: .customLong("server-port"), help: ArgumentHelp("Port authoritative servers are asked on (test hierarchies).", valueName: "PORT"))
    var serverPort: UInt16?

    @Option(help: ArgumentHelp("Serve Prometheus metrics here, or off.", valueName: "ADDR:PORT|off"))
    var metrics: String?

    @Flag(name: .customLong("check-config"), help: "Check the configuration and exit: 0 when usable, 2 otherwise.")
    var checkConfig = false

    func run() async throws {
        let configuration: ServeConfiguration
        do {
            configuration = try resolvedConfiguration()
        } catch {
            FileHandleOutput.standardError("preface serve: \(error)")
            throw ExitStatus.usageOrIO
        }
        let hints: RootHints
        do {
            hints = try RootHints(file: configuration.rootHints)
        } catch {
            FileHandleOutput.standardError("preface serve: root-hints: \(error)")
            throw ExitStatus.usageOrIO
        }
        if checkConfig {
            print("preface serve: configuration OK: listen \(configuration.listen.map(\.description).joined(separator: " ")); "
                + "allow \(configuration.allow.map(\.description).joined(separator: " ")); "
                + "local root \(configuration.localRoot.enabled ? configuration.localRoot.file ?? "(AXFR only)" : "off")")
            return
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "preface")
        let reload: @Sendable () throws -> ServeConfiguration = { [self] in try resolvedConfiguration() }
        let daemon = DNSDaemon(configuration: configuration, logger: logger, hints: hints, reloadConfiguration: reload)
        let group = ServiceGroup(services: [daemon], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        do {
            try await group.run()
        } catch {
            logger.critical("stopped: \(error)")
            throw ExitStatus.usageOrIO
        }
    }

    /// The configuration file (if any) with the flags applied on top, and relative default paths found
    /// next to the executable when they are not in the current directory.
    func resolvedConfiguration() throws -> ServeConfiguration {
        var configuration = ServeConfiguration()
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else { throw ValidationError("cannot read \(config)") }
            configuration = try ConfigurationReader.read(text: String(decoding: data, as: UTF8.self), file: config)
        }
        func address(_ text: String, _ flag: String) throws -> ListenAddress {
            guard let address = ListenAddress(text) else { throw ValidationError("--\(flag) \(text): expected an address such as 127.0.0.1:53") }
            return address
        }
        if !listen.isEmpty { configuration.listen = try listen.map { try address($0, "listen") } }
        if !allow.isEmpty {
            configuration.allow = try AddressPrefix.loopback + allow.map { text in
                guard let prefix = AddressPrefix(text) else { throw ValidationError("--allow \(text): expected a network such as 192.0.2.0/24") }
                return prefix
            }
        }
        if let rootHints { configuration.rootHints = rootHints }
        if let localRoot {
            if localRoot == "off" { configuration.localRoot.enabled = false } else { configuration.localRoot.file = localRoot }
        }
        if let trustAnchor { configuration.localRoot.trustAnchor = trustAnchor }
        if let stateDir { configuration.localRoot.stateDirectory = stateDir }
        if !axfr.isEmpty { configuration.localRoot.axfr = try axfr.map { try address($0, "axfr") } }
        if !https.isEmpty {
            if let bad = https.first(where: { !$0.lowercased().hasPrefix("https://") }) {
                throw ValidationError("--https \(bad): expected an https:// URL")
            }
            configuration.localRoot.https = https
        }
        if let httpsCA { configuration.localRoot.httpsTrustRoots = httpsCA }
        if let serverPort { configuration.serverPort = serverPort }
        if let metrics { configuration.metrics = metrics == "off" ? nil : try address(metrics, "metrics") }
        configuration.rootHints = Self.located(configuration.rootHints)
        configuration.localRoot.trustAnchor = Self.located(configuration.localRoot.trustAnchor)
        configuration.localRoot.file = configuration.localRoot.file.map(Self.located)
        return configuration
    }

    /// A relative path that does not exist here, looked up beside the executable (`Zones/…`).
    static func located(_ path: String) -> String {
        guard !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: path) else { return path }
        return ShippedFiles.locate(path) ?? path
    }
}

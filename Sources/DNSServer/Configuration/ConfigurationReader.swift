import DNSResolver
import Yams

/// A configuration that cannot be used: which key (as a path, `cache.max-ttl`), where in the file,
/// and why.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var path: String
    public var reason: String

    public var description: String {
        "\(file)\(line > 0 ? ":\(line)" : ""): \(path.isEmpty ? "" : "\(path): ")\(reason)"
    }
}

/// Reads `preface serve`'s YAML configuration: every key checked at load, unknown keys refused with
/// their path, values checked for type and range. Keys a file leaves out keep their defaults.
public enum ConfigurationReader {
    public static func read(text: String, file: String = "<configuration>") throws -> ServeConfiguration {
        var configuration = ServeConfiguration()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(file: file, line: 0, path: "", reason: "not YAML: \(error)")
        }
        guard let root else { return configuration }
        let reader = NodeReader(file: file)
        try reader.mapping(root, path: "") { key, value, path in
            switch key {
            case "listen":
                configuration.listen = try reader.list(value, path: path) { try reader.address($0, path: $1) }
            case "allow":
                configuration.allow = try reader.list(value, path: path) { node, path in
                    guard let prefix = AddressPrefix(try reader.string(node, path: path)) else {
                        throw reader.error(node, path, "expected a network such as 127.0.0.0/8 or ::1/128")
                    }
                    return prefix
                }
            case "root-hints": configuration.rootHints = try reader.string(value, path: path)
            case "qname-minimisation": configuration.qnameMinimisation = try reader.bool(value, path: path)
            case "server-port": configuration.serverPort = UInt16(try reader.integer(value, path: path, in: 1...65_535))
            case "log-level":
                let level = try reader.string(value, path: path)
                guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(level) else {
                    throw reader.error(value, path, "expected one of trace, debug, info, notice, warning, error, critical")
                }
                configuration.logLevel = level
            case "metrics":
                configuration.metrics = try reader.isOff(value) ? nil : try reader.address(value, path: path, defaultPort: 9153)
            case "rate-limit":
                try reader.mapping(value, path: path) { key, value, path in
                    switch key {
                    case "queries-per-second": configuration.rateLimit.queriesPerSecond = try reader.integer(value, path: path, in: 0...10_000_000)
                    case "burst": configuration.rateLimit.burst = try reader.integer(value, path: path, in: 1...10_000_000)
                    default: return false
                    }
                    return true
                }
            case "udp":
                try reader.mapping(value, path: path) { key, value, path in
                    switch key {
                    case "receive-buffer":
                        let size = try reader.bytes(value, path: path)
                        guard (64 << 10)...(1 << 30) ~= size else { throw reader.error(value, path, "expected 64KiB to 1GiB") }
                        configuration.udp.receiveBuffer = size
                    default: return false
                    }
                    return true
                }
            case "tcp":
                try reader.mapping(value, path: path) { key, value, path in
                    switch key {
                    case "idle-timeout": configuration.tcp.idleTimeout = try reader.duration(value, path: path)
                    case "max-connections": configuration.tcp.maximumConnections = try reader.integer(value, path: path, in: 1...1_000_000)
                    case "max-pipelined": configuration.tcp.maximumPipelined = try reader.integer(value, path: path, in: 1...65_535)
                    default: return false
                    }
                    return true
                }
            case "cache":
                try reader.mapping(value, path: path) { key, value, path in
                    switch key {
                    case "memory": configuration.cache.memoryBudget = try reader.bytes(value, path: path)
                    case "min-ttl": configuration.cache.minimumTTL = try reader.seconds(value, path: path)
                    case "max-ttl": configuration.cache.maximumTTL = try reader.seconds(value, path: path)
                    case "max-negative-ttl": configuration.cache.maximumNegativeTTL = try reader.seconds(value, path: path)
                    case "stale-retention": configuration.cache.staleRetention = try reader.seconds(value, path: path)
                    case "failure-ttl": configuration.cache.failureTTL = try reader.seconds(value, path: path)
                    case "max-failure-ttl": configuration.cache.maximumFailureTTL = try reader.seconds(value, path: path)
                    default: return false
                    }
                    return true
                }
            case "limits":
                try reader.mapping(value, path: path) { key, value, path in
                    switch key {
                    case "chain-length": configuration.limits.maximumChainLength = try reader.integer(value, path: path, in: 1...64)
                    case "referral-depth": configuration.limits.maximumReferralDepth = try reader.integer(value, path: path, in: 1...128)
                    case "upstream-queries": configuration.limits.maximumUpstreamQueries = try reader.integer(value, path: path, in: 1...10_000)
                    case "deadline": configuration.limits.overallDeadline = try reader.duration(value, path: path)
                    case "server-timeout": configuration.limits.serverTimeout = try reader.duration(value, path: path)
                    default: return false
                    }
                    return true
                }
            case "local-root":
                if try reader.isOff(value) {
                    configuration.localRoot.enabled = false
                    return true
                }
                try reader.mapping(value, path: path) { key, value, path in
                    switch key {
                    case "enabled": configuration.localRoot.enabled = try reader.bool(value, path: path)
                    case "file": configuration.localRoot.file = try reader.isOff(value) ? nil : try reader.string(value, path: path)
                    case "trust-anchor": configuration.localRoot.trustAnchor = try reader.string(value, path: path)
                    case "axfr": configuration.localRoot.axfr = try reader.list(value, path: path) { try reader.address($0, path: $1) }
                    case "https":
                        configuration.localRoot.https = try reader.list(value, path: path) { node, path in
                            let url = try reader.string(node, path: path)
                            guard url.lowercased().hasPrefix("https://") else { throw reader.error(node, path, "expected an https:// URL") }
                            return url
                        }
                    case "https-ca": configuration.localRoot.httpsTrustRoots = try reader.string(value, path: path)
                    case "state-directory": configuration.localRoot.stateDirectory = try reader.string(value, path: path)
                    case "max-age": configuration.localRoot.maximumAge = try reader.duration(value, path: path)
                    default: return false
                    }
                    return true
                }
            default:
                return false
            }
            return true
        }
        guard configuration.cache.minimumTTL <= configuration.cache.maximumTTL else {
            throw ConfigurationError(file: file, line: 0, path: "cache.min-ttl", reason: "is above cache.max-ttl")
        }
        guard configuration.cache.failureTTL <= configuration.cache.maximumFailureTTL else {
            throw ConfigurationError(file: file, line: 0, path: "cache.failure-ttl", reason: "is above cache.max-failure-ttl")
        }
        guard !configuration.listen.isEmpty else {
            throw ConfigurationError(file: file, line: 0, path: "listen", reason: "needs at least one address")
        }
        return configuration
    }
}

/// Walks YAML nodes with the path of each, so every error names its key.
struct NodeReader {
    let file: String

    func error(_ node: Node, _ path: String, _ reason: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node.mark.map { $0.line } ?? 0, path: path, reason: reason)
    }

    /// Calls `handle` for each key; a key it does not know (returns false) is an error.
    func mapping(_ node: Node, path: String, _ handle: (String, Node, String) throws -> Bool) throws {
        guard let mapping = node.mapping else { throw error(node, path, "expected a mapping of keys to values") }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error(keyNode, path, "a key must be text") }
            let keyPath = path.isEmpty ? key : path + "." + key
            guard seen.insert(key).inserted else { throw error(keyNode, keyPath, "appears twice") }
            guard try handle(key, value, keyPath) else { throw error(keyNode, keyPath, "unknown key") }
        }
    }

    func list<T>(_ node: Node, path: String, _ element: (Node, String) throws -> T) throws -> [T] {
        if case .scalar = node { return [try element(node, path)] }
        guard case .sequence(let sequence) = node else { throw error(node, path, "expected a list") }
        return try sequence.enumerated().map { index, item in try element(item, "\(path)[\(index)]") }
    }

    func string(_ node: Node, path: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, path, "expected a value, not a list or mapping") }
        return scalar.string
    }

    func bool(_ node: Node, path: String) throws -> Bool {
        switch try string(node, path: path).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, path, "expected true or false")
        }
    }

    func isOff(_ node: Node) throws -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return ["off", "false", "no", "none"].contains(scalar.string.lowercased())
    }

    func integer(_ node: Node, path: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(try string(node, path: path)), range.contains(value) else {
            throw error(node, path, "expected a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// `30`, `30s`, `5m`, `2h`, `7d`, `800ms`.
    func duration(_ node: Node, path: String) throws -> Duration {
        let text = try string(node, path: path)
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, milliseconds) in units where text.hasSuffix(suffix) {
            if let value = Int64(text.dropLast(suffix.count)), value >= 0, value < Int64.max / milliseconds {
                return .milliseconds(value * milliseconds)
            }
        }
        if let value = Int64(text), value >= 0, value < Int64.max / 1000 { return .seconds(value) }
        throw error(node, path, "expected a duration such as 800ms, 10s, 5m, 2h or 7d")
    }

    func seconds(_ node: Node, path: String) throws -> UInt32 {
        let duration = try self.duration(node, path: path)
        let seconds = duration.components.seconds
        guard seconds <= Int64(UInt32.max) else { throw error(node, path, "too long") }
        return UInt32(seconds)
    }

    /// `67108864`, `64MiB`, `512KiB`, `1GiB`.
    func bytes(_ node: Node, path: String) throws -> Int {
        let text = try string(node, path: path)
        for (suffix, scale) in [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)] where text.hasSuffix(suffix) {
            if let value = Int(text.dropLast(suffix.count)), value > 0, value <= (1 << 40) / scale { return value * scale }
        }
        if let value = Int(text), value > 0 { return value }
        throw error(node, path, "expected a size such as 64MiB, 512KiB or a number of bytes")
    }

    func address(_ node: Node, path: String, defaultPort: UInt16 = 53) throws -> ListenAddress {
        guard let address = ListenAddress(try string(node, path: path), defaultPort: defaultPort) else {
            throw error(node, path, "expected an address such as 127.0.0.1:53 or [::1]:53")
        }
        return address
    }
}

import DNSServer
import Testing

/// `preface serve`'s YAML configuration: defaults, every key, and errors that name the key and line.
struct ConfigurationTests {
    @Test func emptyConfigurationMeansTheDefaults() throws {
        let configuration = try ConfigurationReader.read(text: "")
        #expect(configuration.listen.map(\.description) == ["127.0.0.1:53", "[::1]:53"])
        #expect(configuration.allow.map(\.description) == ["127.0.0.0/8", "::1/128"])
        #expect(configuration.localRoot.enabled)
        #expect(configuration.localRoot.file == "Zones/root.zone")
        #expect(configuration.localRoot.trustAnchor == "Zones/root.key")
        #expect(configuration.rootHints == "Zones/root.hints")
        #expect(configuration.udp.receiveBuffer == 4 << 20)
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try ConfigurationReader.read(text: """
        listen: [127.0.0.1:5300, "[::1]:5300"]
        allow: [127.0.0.0/8, 192.0.2.0/24]
        root-hints: /etc/preface/root.hints
        qname-minimisation: false
        server-port: 5353
        log-level: debug
        metrics: 127.0.0.1:9100
        rate-limit: {queries-per-second: 50, burst: 100}
        udp: {receive-buffer: 8MiB}
        tcp: {idle-timeout: 5s, max-connections: 10, max-pipelined: 8}
        cache: {memory: 16MiB, min-ttl: 30, max-ttl: 1d, max-negative-ttl: 10m, stale-retention: 2h, failure-ttl: 2s, max-failure-ttl: 2m}
        limits: {chain-length: 8, referral-depth: 20, upstream-queries: 50, deadline: 5s, server-timeout: 400ms}
        local-root:
          file: /var/lib/preface/root.zone
          trust-anchor: /usr/share/dns/root.key
          axfr: [192.0.2.53, "[2001:db8::53]:53"]
          https: [https://mirror.example/root.zone]
          https-ca: /etc/preface/mirror-ca.pem
          state-directory: /var/lib/preface
          max-age: 3d
        """)
        #expect(configuration.listen.map(\.port) == [5300, 5300])
        #expect(configuration.allow.count == 2)
        #expect(configuration.allow[1].contains([192, 0, 2, 77]))
        #expect(!configuration.qnameMinimisation)
        #expect(configuration.serverPort == 5353)
        #expect(configuration.metrics?.port == 9100)
        #expect(configuration.rateLimit.queriesPerSecond == 50)
        #expect(configuration.udp.receiveBuffer == 8 << 20)
        #expect(configuration.tcp.idleTimeout == .seconds(5))
        #expect(configuration.cache.memoryBudget == 16 << 20)
        #expect(configuration.cache.maximumTTL == 86_400)
        #expect(configuration.cache.maximumNegativeTTL == 600)
        #expect(configuration.cache.failureTTL == 2)
        #expect(configuration.cache.maximumFailureTTL == 120)
        #expect(configuration.limits.serverTimeout == .milliseconds(400))
        #expect(configuration.localRoot.axfr.map(\.description) == ["192.0.2.53:53", "[2001:db8::53]:53"])
        #expect(configuration.localRoot.maximumAge == .seconds(3 * 86_400))
        #expect(configuration.localRoot.https == ["https://mirror.example/root.zone"])
        #expect(configuration.localRoot.httpsTrustRoots == "/etc/preface/mirror-ca.pem")
    }

    @Test func localRootOffAndMetricsOff() throws {
        let configuration = try ConfigurationReader.read(text: "local-root: off\nmetrics: off\n")
        #expect(!configuration.localRoot.enabled)
        #expect(configuration.metrics == nil)
    }

    @Test(arguments: [
        ("cache:\n  maxttl: 5\n", "serve.yaml:2: cache.maxttl: unknown key"),
        ("cache:\n  max-ttl: soon\n", "serve.yaml:2: cache.max-ttl: expected a duration"),
        ("listen: [127.0.0.1:99999]\n", "serve.yaml:1: listen[0]: expected an address"),
        ("allow: [10.0.0.0/33]\n", "serve.yaml:1: allow[0]: expected a network"),
        ("tcp: 5\n", "serve.yaml:1: tcp: expected a mapping"),
        ("udp: {receive-buffer: 1KiB}\n", "serve.yaml:1: udp.receive-buffer: expected 64KiB to 1GiB"),
        ("udp: {send-buffer: 1MiB}\n", "serve.yaml:1: udp.send-buffer: unknown key"),
        ("listen: 127.0.0.1:53\nlisten: 127.0.0.1:54\n", "serve.yaml: not YAML: Parser: expected all keys to be unique"),
        ("log-level: loud\n", "serve.yaml:1: log-level: expected one of"),
        ("cache: {min-ttl: 100, max-ttl: 10}\n", "serve.yaml: cache.min-ttl: is above cache.max-ttl"),
        ("cache: {failure-ttl: 2m, max-failure-ttl: 10s}\n", "serve.yaml: cache.failure-ttl: is above cache.max-failure-ttl"),
        ("rate-limit: {burst: 0}\n", "serve.yaml:1: rate-limit.burst: expected a whole number in 1"),
        ("[unclosed\n", "serve.yaml: not YAML"),
        ("local-root:\n  https: [http://mirror.example/root.zone]\n", "serve.yaml:2: local-root.https[0]: expected an https:// URL"),
    ])
    func badConfigurationsNameTheKeyAndLine(_ text: String, _ expected: String) {
        do {
            _ = try ConfigurationReader.read(text: text, file: "serve.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }
}

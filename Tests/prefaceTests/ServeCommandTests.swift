import DNSConformance
import Foundation
import Glibc
import Testing

/// `preface serve` as an operator runs it: the built executable, a configuration file, `dig`, `curl`
/// and signals, against the test hierarchy served by NSD. CI sets PREFACE_INTEGRATION=1.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1"), .timeLimit(.minutes(3)))
struct ServeCommandTests {
    /// A running `preface serve` with its log in a file; stopped by PID.
    final class Daemon: @unchecked Sendable {
        let process = Process()
        let logFile: String

        init(_ arguments: [String], logFile: String) throws {
            self.logFile = logFile
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("preface")
            process.executableURL = FileManager.default.fileExists(atPath: executable.path)
                ? executable
                : URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("preface")
            process.arguments = ["serve"] + arguments
            process.currentDirectoryURL = DecodeCommandTests.root
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
            process.standardOutput = log
            process.standardError = log
            try process.run()
        }

        var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

        func waitFor(_ text: String, seconds: Double = 20) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if log.contains(text) { return true }
                if !process.isRunning { return false }
                usleep(50_000)
            }
            return false
        }

        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        func stop() {
            guard process.isRunning else { return }
            signal(SIGKILL)
            process.waitUntilExit()
        }
    }

    static func dig(_ arguments: [String]) throws -> String {
        try DecodeCommandTests.run("/usr/bin/dig", arguments + ["+time=5", "+tries=1"])
    }

    @Test func answersDigThroughTheHierarchyRefusesOthersExposesMetricsAndStopsOnSIGTERM() throws {
        let network = "127.64.\(UInt8.random(in: 1...250))"
        let nsdPort = UInt16.random(in: 20_000...30_000)
        let port = UInt16.random(in: 30_001...40_000)
        let metricsPort = port + 1
        let directory = NSTemporaryDirectory() + "preface-serve-\(getpid())-\(port)"
        let servers = try NSDHierarchy(TestHierarchy(network: network), directory: directory + "/nsd", port: nsdPort)
        defer {
            servers.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        let configuration = directory + "/serve.yaml"
        try """
        listen: [127.0.0.1:\(port)]
        root-hints: \(servers.hintsFile)
        server-port: \(nsdPort)
        metrics: 127.0.0.1:\(metricsPort)
        local-root: off

        """.write(toFile: configuration, atomically: true, encoding: .utf8)
        let daemon = try Daemon(["--config", configuration], logFile: directory + "/serve.log")
        defer { daemon.stop() }
        #expect(daemon.waitFor("listening"), "\(daemon.log)")

        let server = ["@127.0.0.1", "-p", String(port)]
        // The chain, CNAMEs first, over UDP and TCP.
        let chain = ["www.cdn.test.", "edge.far.alt.", "192.0.2.10", "192.0.2.11"]
        #expect(try Self.dig(server + ["www.example.test", "A", "+short"]).split(separator: "\n").map(String.init) == chain)
        #expect(try Self.dig(server + ["www.example.test", "A", "+short", "+tcp"]).split(separator: "\n").map(String.init) == chain)

        // Garbage and a flood never stop it.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        for size in [0, 1, 11, 12, 13, 40, 512, 4000] {
            let junk = [UInt8](repeating: 0xA5, count: size)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(socket, junk, junk.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        close(socket)
        #expect(try Self.dig(server + ["direct.example.test", "A", "+short"]) == "192.0.2.1\n")

        // Metrics.
        let metrics = try DecodeCommandTests.run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(metricsPort)/metrics"])
        #expect(metrics.contains("preface_queries_total{transport=\"udp\"}"))
        #expect(metrics.contains("preface_cache_hits_total"))
        #expect(metrics.contains("preface_malformed_total"))

        // SIGHUP with an access list that leaves this client out: REFUSED from then on.
        try (String(contentsOfFile: configuration, encoding: .utf8) + "allow: [10.0.0.0/8]\n")
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("configuration reloaded"), "\(daemon.log)")
        #expect(try Self.dig(server + ["direct.example.test", "A"]).contains("status: REFUSED"))

        // SIGTERM: drains and exits 0.
        daemon.signal(SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while daemon.process.isRunning, Date() < deadline { usleep(50_000) }
        #expect(!daemon.process.isRunning)
        #expect(daemon.process.terminationStatus == 0)
        #expect(daemon.log.contains("stopped"))
    }

    /// A real client off loopback: a network namespace joined to this one by a veth pair (10.213.N.0/30,
    /// nothing routed further). With no access list configured, the daemon refuses it and still answers
    /// loopback. Root only.
    @Test(.enabled(if: geteuid() == 0)) func refusesAClientThatIsNotOnLoopback() throws {
        let subnet = Int.random(in: 1...250)
        let namespace = "preface-acl-\(getpid())"
        let (outside, inside) = ("10.213.\(subnet).1", "10.213.\(subnet).2")
        let hostLink = "pacl\(getpid() % 100_000)"
        func ip(_ arguments: [String]) throws {
            _ = try DecodeCommandTests.run("/usr/sbin/ip", arguments)
        }
        try ip(["netns", "add", namespace])
        defer {
            _ = try? DecodeCommandTests.run("/usr/sbin/ip", ["link", "del", hostLink])
            _ = try? DecodeCommandTests.run("/usr/sbin/ip", ["netns", "del", namespace])
        }
        try ip(["link", "add", hostLink, "type", "veth", "peer", "name", "eth0", "netns", namespace])
        try ip(["addr", "add", outside + "/30", "dev", hostLink])
        try ip(["link", "set", hostLink, "up"])
        try ip(["-n", namespace, "addr", "add", inside + "/30", "dev", "eth0"])
        try ip(["-n", namespace, "link", "set", "eth0", "up"])
        try ip(["-n", namespace, "link", "set", "lo", "up"])

        let port = UInt16.random(in: 30_001...40_000)
        let directory = NSTemporaryDirectory() + "preface-acl-\(getpid())-\(port)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Hints naming a loopback address where nothing listens: this test must send nothing anywhere.
        try ". 3600000 NS a.root.\na.root. 3600000 A 127.65.0.1\n".write(toFile: directory + "/root.hints", atomically: true, encoding: .utf8)
        let daemon = try Daemon(["--listen", "\(outside):\(port)", "--listen", "127.0.0.1:\(port)", "--local-root", "off",
                                 "--root-hints", directory + "/root.hints", "--metrics", "off", "--state-dir", directory],
                                logFile: directory + "/serve.log")
        defer { daemon.stop() }
        #expect(daemon.waitFor("listening"), "\(daemon.log)")
        // ANY is answered NOTIMP without asking anyone (RFC 8482), so only the access list decides here.
        let fromNamespace = try DecodeCommandTests.run("/usr/sbin/ip", ["netns", "exec", namespace, "/usr/bin/dig", "@\(outside)", "-p",
                                                                        String(port), "example.", "ANY", "+time=5", "+tries=1"])
        #expect(fromNamespace.contains("status: REFUSED"), "\(fromNamespace)")
        let fromLoopback = try Self.dig(["@127.0.0.1", "-p", String(port), "example.", "ANY"])
        #expect(fromLoopback.contains("status: NOTIMP"), "\(fromLoopback)")
    }

    @Test func resolvePrintsTheChainInOrderColdAndWarm() throws {
        let network = "127.66.\(UInt8.random(in: 1...250))"
        let port = UInt16.random(in: 20_000...30_000)
        let directory = NSTemporaryDirectory() + "preface-resolve-\(getpid())-\(port)"
        let servers = try NSDHierarchy(TestHierarchy(network: network), directory: directory, port: port)
        defer {
            servers.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        let run = try DecodeCommandTests.preface(["resolve", "www.example.test", "A", "--hints", servers.hintsFile, "--port", String(port),
                                                  "--again-after", "0", "--json"])
        #expect(run.status == 0, "\(run.error)")
        let objects = try DecodeCommandTests.objects(run)
        #expect(objects.count == 2)
        for object in objects {
            let response = try #require(object["response"] as? [String: Any])
            let answers = try #require(response["answer"] as? [[String: Any]])
            #expect(answers.compactMap { $0["rdata"] as? String } == ["www.cdn.test.", "edge.far.alt.", "192.0.2.10", "192.0.2.11"])
        }
        #expect((objects.first?["upstream"] as? [Any])?.isEmpty == false)
        #expect((objects.last?["upstream"] as? [Any])?.isEmpty == true, "the second answer comes from the cache")
    }

    @Test func checkConfigSaysWhatIsWrongAndWhere() throws {
        let directory = NSTemporaryDirectory() + "preface-check-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.yaml"
        try "listen: [127.0.0.1:5399]\nlocal-root: off\n".write(toFile: good, atomically: true, encoding: .utf8)
        let ok = try DecodeCommandTests.preface(["serve", "--config", good, "--check-config"])
        #expect(ok.status == 0, "\(ok.error)")
        let bad = directory + "/bad.yaml"
        try "listen: [127.0.0.1:5399]\ncache:\n  max-tll: 60\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try DecodeCommandTests.preface(["serve", "--config", bad, "--check-config"])
        #expect(refused.status == 2)
        #expect(refused.error.contains("bad.yaml:3: cache.max-tll: unknown key"), "\(refused.error)")
    }
}

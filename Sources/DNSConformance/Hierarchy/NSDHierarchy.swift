import DNSWire
import Foundation
import Glibc

/// A `TestHierarchy` served by NSD: one `nsd -d` per server address, each with its own configuration,
/// zone files and log in `directory`, started here and stopped by PID.
public final class NSDHierarchy: Sendable {
    public let hierarchy: TestHierarchy
    public let directory: String
    public let port: UInt16
    private let processes: [PeerProcess]

    /// The root hints file written into `directory`.
    public var hintsFile: String { directory + "/root.hints" }

    /// Writes the files and starts every server; returns once each answers its SOA. Throws with NSD's
    /// own words when one does not start (not installed, address or port taken…).
    public init(_ hierarchy: TestHierarchy = TestHierarchy(), directory: String, port: UInt16 = 53,
                nsd: String = "/usr/sbin/nsd") throws {
        guard access(nsd, X_OK) == 0 else {
            throw ScenarioError("\(nsd) is not installed (scripts/bootstrap installs nsd)")
        }
        self.hierarchy = hierarchy
        self.directory = directory
        self.port = port
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try hierarchy.rootHints.write(toFile: directory + "/root.hints", atomically: true, encoding: .utf8)
        var processes: [PeerProcess] = []
        do {
            for server in hierarchy.servers {
                let serverDirectory = directory + "/" + server.address
                try FileManager.default.createDirectory(atPath: serverDirectory, withIntermediateDirectories: true)
                for zone in server.zones {
                    try zone.text.write(toFile: serverDirectory + "/" + Self.fileName(zone.origin), atomically: true, encoding: .utf8)
                }
                try Self.configuration(server, directory: serverDirectory, port: port)
                    .write(toFile: serverDirectory + "/nsd.conf", atomically: true, encoding: .utf8)
                processes.append(try PeerProcess.start([nsd, "-d", "-c", serverDirectory + "/nsd.conf"], logFile: serverDirectory + "/nsd.out"))
            }
            for (server, process) in zip(hierarchy.servers, processes) {
                try Self.waitUntilServing(server, process: process, port: port)
            }
        } catch {
            for process in processes { process.stop() }
            throw error
        }
        self.processes = processes
    }

    deinit { stop() }

    /// Stops every NSD (SIGTERM, then SIGKILL), by PID. Idempotent.
    public func stop() {
        for process in processes { process.stop() }
    }

    /// Queries the server at `address` has received since it started (`nsd-control stats_noreset`).
    public func queryCount(_ address: String) throws -> Int {
        let configuration = directory + "/" + address + "/nsd.conf"
        let outcome = ProcessRunner.run(["nsd-control", "-c", configuration, "stats_noreset"], timeout: 10)
        guard outcome.status == 0,
              let line = outcome.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("num.queries=") }),
              let count = Int(line.dropFirst("num.queries=".count)) else {
            throw ScenarioError("nsd-control stats for \(address) failed: \(outcome.standardError)")
        }
        return count
    }

    /// Replaces a server's zone file and has NSD load it (`nsd-control reload`).
    public func replaceZone(_ origin: String, on address: String, text: String) throws {
        let serverDirectory = directory + "/" + address
        try text.write(toFile: serverDirectory + "/" + Self.fileName(origin), atomically: true, encoding: .utf8)
        let outcome = ProcessRunner.run(["nsd-control", "-c", serverDirectory + "/nsd.conf", "reload", origin], timeout: 10)
        guard outcome.status == 0 else { throw ScenarioError("nsd-control reload \(origin) failed: \(outcome.standardError)") }
    }

    static func fileName(_ origin: String) -> String { origin == "." ? "root.zone" : origin + "zone" }

    static func configuration(_ server: TestHierarchy.Server, directory: String, port: UInt16) -> String {
        var text = """
        # Generated for one server of Preface's test hierarchy.
        server:
            ip-address: \(server.address)@\(port)
            port: \(port)
            do-ip6: no
            username: ""
            chroot: ""
            zonesdir: "\(directory)"
            pidfile: "\(directory)/nsd.pid"
            database: ""
            xfrdfile: "\(directory)/xfrd.state"
            zonelistfile: "\(directory)/zone.list"
            logfile: "\(directory)/nsd.log"
            server-count: 1
            # No response rate limiting: resolvers under test and benchmarks send bursts on purpose.
            rrl-ratelimit: 0
            rrl-whitelist-ratelimit: 0
            verbosity: 1
            hide-version: yes
            refuse-any: yes
        remote-control:
            control-enable: yes
            control-interface: \(directory)/nsd.sock

        """
        for zone in server.zones {
            text += """
            zone:
                name: "\(zone.origin)"
                zonefile: "\(fileName(zone.origin))"
                provide-xfr: 127.0.0.0/8 NOKEY

            """
        }
        return text
    }

    /// Polls the server for its first zone's SOA until it answers (10 s at most).
    static func waitUntilServing(_ server: TestHierarchy.Server, process: PeerProcess, port: UInt16) throws {
        guard let origin = server.zones.first?.origin, let name = try? DomainName(origin) else { return }
        let query = Message(header: Header(id: 7, flags: 0), questions: [Question(name, .soa)])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else {
                throw ScenarioError("nsd for \(server.address) \(process.exitDescription ?? "stopped"): \(process.logTail())")
            }
            if let (response, _) = try? QueryExchange.exchange(query, server: server.address, port: port, timeout: 0.2),
               response.rcode == .noError, response.answers.contains(where: { $0.type == .soa }) {
                return
            }
            usleep(50_000)
        }
        throw ScenarioError("nsd for \(server.address) did not answer for \(origin) within 10 s: \(process.logTail())")
    }
}

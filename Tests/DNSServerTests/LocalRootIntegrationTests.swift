import DNSConformance
@testable import DNSServer
import DNSResolver
import DNSWire
import Foundation
import Glibc
import Logging
import Synchronization
import Testing

/// The local root against real parts: the test hierarchy's root zone signed with ldns's tools (KSK +
/// ZSK, NSEC, ZONEMD SHA-384), served by NSD at the root address of the hints (AXFR allowed); Preface's
/// daemon core with a wall clock the tests move. Root queries are counted where they arrive: NSD's own
/// statistics (`nsd-control stats_noreset`). Needs nsd and ldnsutils; CI sets PREFACE_INTEGRATION=1.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1"), .timeLimit(.minutes(3)))
struct LocalRootIntegrationTests {
    /// One hierarchy with a signed root, the keys, and a daemon whose clock and files the test controls.
    final class Lab: @unchecked Sendable {
        let directory: String
        let signer: RootSigner
        let servers: NSDHierarchy
        let unsignedRoot: String
        let now = UInt64(Date().timeIntervalSince1970)
        let clock: WallClock
        let logs = LogCapture()

        init() throws {
            let network = "127.63.\(UInt8.random(in: 1...250))"
            let port = UInt16.random(in: 20_000...40_000)
            directory = NSTemporaryDirectory() + "preface-localroot-\(getpid())-\(network)-\(port)"
            signer = try RootSigner(directory: directory + "/keys")
            var hierarchy = TestHierarchy(network: network)
            unsignedRoot = hierarchy.servers[0].zones[0].text
            // Signatures valid from a day ago to two hours from now: the clock can be moved past them.
            let signed = directory + "/served.zone"
            try signer.sign(unsignedRoot, to: signed, inception: now - 86_400, expiration: now + 7200)
            hierarchy.servers[0].zones[0].text = try String(contentsOfFile: signed, encoding: .utf8)
            servers = try NSDHierarchy(hierarchy, directory: directory + "/nsd", port: port)
            clock = WallClock(now)
        }

        deinit {
            servers.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }

        var rootAddress: String { servers.hierarchy.rootAddress }

        /// A root zone copy written to a file: `serial`, extra record lines, ZONEMD or not.
        func copy(_ name: String, serial: Int = 1, extra: String = "", zonemd: Bool = true, corrupt: Bool = false) throws -> String {
            let path = directory + "/" + name
            let text = unsignedRoot.replacingOccurrences(of: "hostmaster. 1 3600", with: "hostmaster. \(serial) 3600") + extra + "\n"
            try signer.sign(text, to: path, inception: now - 86_400, expiration: now + 7200, zonemd: zonemd)
            if corrupt {
                // One octet of unsigned glue changed: DNSSEC still holds, the digest no longer does.
                let signed = try String(contentsOfFile: path, encoding: .utf8)
                try signed.replacingOccurrences(of: "\(rootAddress.dropLast())2\n", with: "\(rootAddress.dropLast())9\n")
                    .write(toFile: path, atomically: true, encoding: .utf8)
            }
            return path
        }

        func daemon(file: String?, axfr: Bool = false, https: [String] = [], httpsCA: String? = nil) throws -> DNSDaemon {
            var configuration = ServeConfiguration()
            configuration.serverPort = servers.port
            configuration.limits = .underTestLoad
            configuration.localRoot.file = file
            configuration.localRoot.trustAnchor = signer.trustAnchorFile
            configuration.localRoot.stateDirectory = directory + "/state-\(UUID().uuidString)"
            if axfr { configuration.localRoot.axfr = [ListenAddress(host: rootAddress, port: servers.port)] }
            configuration.localRoot.https = https
            configuration.localRoot.httpsTrustRoots = httpsCA
            configuration.metrics = nil
            let logger = Logger(label: "test") { _ in self.logs }
            let clock = self.clock
            return DNSDaemon(configuration: configuration, logger: logger, hints: try RootHints(file: servers.hintsFile),
                             wallClock: { clock.seconds })
        }

        func rootQueries() throws -> Int { try servers.queryCount(rootAddress) }

        /// Resolves names under new TLDs and junk TLDs; returns how many queries the root server got meanwhile.
        func rootQueriesWhileResolving(_ daemon: DNSDaemon, _ names: [String]) async throws -> Int {
            let before = try rootQueries()
            for name in names {
                let query = ClientQuery(id: .random(in: 0 ... .max), question: Question(try DomainName(name), .a), edns: EDNS())
                let response = try Message(wire: await daemon.resolver.resolve(query))
                #expect(response.rcode == .noError || response.rcode == .nxDomain, "\(name): \(response.rcode)")
            }
            return try rootQueries() - before
        }
    }

    static let names = ["www.example.test.", "edge.far.alt.", "www.half.test."]
    static func junk(_ round: Int) -> [String] { (0..<5).map { "host.junk\(round)-\($0)." } }

    @Test func freshCopyAnswersEveryRootQuestionThenStaleFallsBackToTheLiveRoot() async throws {
        let lab = try Lab()
        let daemon = try lab.daemon(file: try lab.copy("good.zone"))
        #expect(await daemon.loader?.load(reason: "start") == true)
        // (a) Fresh and verified: no root query at all, junk TLDs included (NXDOMAIN from the NSEC chain).
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.names + Self.junk(1)) == 0)
        #expect(daemon.localRoot?.status.inUse == true)
        // (b) Past the signatures' expiry: root queries resume, the state says stale, logged once.
        lab.clock.advance(3 * 3600)
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.junk(2)) >= 5)
        _ = try await lab.rootQueriesWhileResolving(daemon, Self.junk(3))
        let status = try #require(daemon.localRoot?.status)
        #expect(!status.inUse)
        #expect(status.reason.contains("stale"))
        let staleLines = lab.logs.messages.filter { $0.contains("stale") }
        #expect(staleLines.count == 1, "\(lab.logs.messages)")
        let exposition = String(decoding: daemon.metrics.exposition(), as: UTF8.self)
        #expect(exposition.contains("preface_local_root_in_use 0.0"))
        #expect(exposition.contains("event=\"not-in-use\",reason=\"stale\""))
        // The stale copy sent the junk TLDs to the live root: counted as upstream queries.
        let upstream = exposition.split(separator: "\n").first { $0.hasPrefix("preface_upstream_queries_total{transport=\"udp\"}") }
        #expect(upstream.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } } ?? 0 >= 5, "\(exposition)")
    }

    @Test func refusedRefreshesKeepTheCopyInUse() async throws {
        let lab = try Lab()
        let file = lab.directory + "/root.zone"
        try FileManager.default.copyItem(atPath: try lab.copy("serial5.zone", serial: 5), toPath: file)
        let daemon = try lab.daemon(file: file)
        #expect(await daemon.loader?.load(reason: "start") == true)
        #expect(daemon.localRoot?.copy?.serial == 5)
        // (c) A refresh whose digest does not match: refused, the old copy stays.
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.copyItem(atPath: try lab.copy("corrupt.zone", serial: 6, corrupt: true), toPath: file)
        #expect(await daemon.loader?.load(reason: "refresh") == false)
        #expect(daemon.localRoot?.copy?.serial == 5)
        #expect(lab.logs.messages.contains { $0.contains("zonemd") && $0.contains("does not match") })
        // (d) A lower serial: refused (RFC 1982), the old copy stays.
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.copyItem(atPath: try lab.copy("serial3.zone", serial: 3), toPath: file)
        #expect(await daemon.loader?.load(reason: "refresh") == false)
        #expect(daemon.localRoot?.copy?.serial == 5)
        #expect(lab.logs.messages.contains { $0.contains("serial 3 is lower than 5") })
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.junk(4)) == 0)
    }

    @Test func onlyAnUnsupportedZONEMDIsNotEnoughButAnUnknownTypeIsFine() async throws {
        let lab = try Lab()
        // (e) The root zone from September to December 2023: ZONEMD with a private hash algorithm only.
        let digest = String(repeating: "AB", count: 48)
        let unsupported = try lab.copy("unsupported.zone", extra: ". 86400 IN ZONEMD 1 1 240 \(digest)", zonemd: false)
        let refusing = try lab.daemon(file: unsupported)
        #expect(await refusing.loader?.load(reason: "start") == false)
        #expect(refusing.localRoot?.status.inUse == false)
        #expect(lab.logs.messages.contains { $0.contains("zonemd") && $0.contains("unsupported") })
        #expect(try await lab.rootQueriesWhileResolving(refusing, Self.junk(5)) >= 5)
        // (f) A type nobody has heard of, in a copy whose digest covers it: used.
        let unknown = try lab.copy("unknown.zone", serial: 2, extra: "preface-unknown-type. 86400 IN TYPE65280 \\# 4 DEADBEEF")
        let using = try lab.daemon(file: unknown)
        #expect(await using.loader?.load(reason: "start") == true)
        #expect(using.localRoot?.copy?.zone.rrset(try DomainName("preface-unknown-type."), RRType(65280)) != nil)
        #expect(try await lab.rootQueriesWhileResolving(using, Self.junk(6)) == 0)
    }

    @Test func noCopyAtStartUsesTheLiveRootUntilAGoodCopyArrives() async throws {
        let lab = try Lab()
        let file = lab.directory + "/arriving.zone"
        let daemon = try lab.daemon(file: file)
        // (g) No file: the live root, and the reason in the log.
        #expect(await daemon.loader?.load(reason: "start") == false)
        #expect(daemon.localRoot?.status.inUse == false)
        #expect(lab.logs.messages.contains { $0.contains("absent") })
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.junk(7)) >= 5)
        // (h) A good copy arrives: local again at the next load, without a restart.
        try FileManager.default.copyItem(atPath: try lab.copy("good.zone"), toPath: file)
        #expect(await daemon.loader?.load(reason: "refresh") == true)
        #expect(daemon.localRoot?.status.inUse == true)
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.junk(8)) == 0)
    }

    @Test func aCopyTransferredByAXFRIsVerifiedAndUsed() async throws {
        let lab = try Lab()
        let daemon = try lab.daemon(file: nil, axfr: true)
        #expect(await daemon.loader?.load(reason: "start") == true)
        #expect(daemon.localRoot?.copy?.source.hasPrefix("AXFR") == true)
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.junk(9)) == 0)
    }
}

extension LocalRootIntegrationTests {
    @Test func aCopyFetchedOverHTTPSIsVerifiedAndUsed() async throws {
        let lab = try Lab()
        let web = lab.directory + "/web"
        try FileManager.default.createDirectory(atPath: web, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try lab.copy("https.zone", serial: 7), toPath: web + "/root.zone")
        let server = try HTTPSFileServer(directory: web)
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/root.zone"
        // Without the test CA the certificate is not trusted: refused, nothing installed.
        let untrusting = try lab.daemon(file: nil, https: [url])
        #expect(await untrusting.loader?.load(reason: "start") == false)
        #expect(lab.logs.messages.contains { $0.contains("HTTPS") && $0.contains("failed") })
        // With it: fetched, verified, used.
        let daemon = try lab.daemon(file: nil, https: [url], httpsCA: server.caFile)
        #expect(await daemon.loader?.load(reason: "start") == true)
        #expect(daemon.localRoot?.copy?.serial == 7)
        #expect(daemon.localRoot?.copy?.source.hasPrefix("HTTPS") == true)
        #expect(try await lab.rootQueriesWhileResolving(daemon, Self.junk(10)) == 0)
    }
}

/// Python's HTTPS file server on 127.0.0.1 with a certificate from a CA made for the test (openssl).
final class HTTPSFileServer: @unchecked Sendable {
    let process = Process()
    let port = UInt16.random(in: 40_001...50_000)
    let caFile: String

    init(directory: String) throws {
        caFile = directory + "/../ca.pem"
        let script = """
        set -e
        cd "$1/.."
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=preface-test-ca -days 2 2>/dev/null
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext 2>/dev/null
        cd "$1"
        exec python3 -c 'import http.server, ssl, sys
        server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), http.server.SimpleHTTPRequestHandler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain("../server.pem", "../server.key")
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.serve_forever()' "$2"
        """
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", directory, String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Up when it accepts connections.
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(socket)
            if connected == 0 { return }
            usleep(100_000)
        }
        stop()
        throw TransportError(.unreachable, "the test HTTPS server did not start")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// Seconds since 1970 that move only when the test moves them.
final class WallClock: Sendable {
    private let value: Mutex<UInt64>
    init(_ start: UInt64) { value = Mutex(start) }
    var seconds: UInt64 { value.withLock { $0 } }
    func advance(_ delta: UInt64) { value.withLock { $0 += delta } }
}

/// A swift-log handler that keeps every message, with its metadata, for assertions.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lines.withLock { $0.append("\(event.level) \(event.message) \(fields)") }
    }

    var messages: [String] { lines.withLock { $0 } }
}

import ArgumentParser
import DNSConformance
import Foundation

/// `preface conform hierarchy`: the test hierarchy served by NSD until Ctrl-C.
struct ConformHierarchy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hierarchy",
        abstract: "Serve Preface's test DNS hierarchy (root, TLDs, zones) with NSD on loopback until interrupted.",
        discussion: """
        One NSD per server address (127.60.0.1 the root, .2 test., .3 example.test., …), files and logs in \
        --directory. Prints the root hints file to give `preface resolve --hints`. Port 53 needs root; \
        with another port, give the same --port to `preface resolve`.
        """
    )

    @Option(help: ArgumentHelp("Folder for the zone files, configurations and logs.", valueName: "DIR"))
    var directory = "/tmp/preface-hierarchy"

    @Option(help: "Port every server listens on.")
    var port: UInt16 = 53

    func run() throws {
        // The servers are ours to stop: SIGINT and SIGTERM only raise a flag, which the loop below reads.
        signal(SIGINT, hierarchyStopHandler)
        signal(SIGTERM, hierarchyStopHandler)
        let servers: NSDHierarchy
        do {
            servers = try NSDHierarchy(directory: directory, port: port)
        } catch {
            FileHandleOutput.standardError("preface conform hierarchy: \(error)")
            throw ExitStatus.usageOrIO
        }
        for server in servers.hierarchy.servers {
            print("\(server.address)\t\(server.zones.map(\.origin).joined(separator: " "))")
        }
        print("hints: \(servers.hintsFile)")
        print("ready (Ctrl-C stops the servers)")
        fflush(nil)
        while hierarchyStopRequested == 0 { usleep(100_000) }
        servers.stop()
    }
}

/// Set by the signal handler (an async-signal-safe store), read by `ConformHierarchy.run`.
nonisolated(unsafe) private var hierarchyStopRequested: sig_atomic_t = 0

private func hierarchyStopHandler(_ signal: Int32) {
    hierarchyStopRequested = 1
}

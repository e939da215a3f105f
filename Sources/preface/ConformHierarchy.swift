import ArgumentParser
import DNSConformance
import Dispatch
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
        // The servers are ours to stop: catch SIGINT and SIGTERM instead of dying with them running.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopRequested = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in sources {
            source.setEventHandler { stopRequested.signal() }
            source.resume()
        }
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
        stopRequested.wait()
        servers.stop()
    }
}

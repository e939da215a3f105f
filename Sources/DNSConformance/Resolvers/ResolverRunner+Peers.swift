import DNSWire
import Foundation

extension ResolverRunner {
    /// Each peer's address (and the forwarders' upstream address) on `lo`: 127.0.0.0/8 is local
    /// anyway, but BIND listens only on addresses an interface has.
    static func addAddresses(of peers: [ResolverPeer], to namespace: NetworkNamespace) throws {
        for address in Set(peers.map(\.address) + [PeerCatalog.upstreamAddress]).sorted() {
            let added = SystemCommand.run([namespace.ipPath, "-n", namespace.name, "addr", "add", address + "/32", "dev", "lo"])
            guard added.succeeded else {
                throw ScenarioError("cannot add \(address) to lo in namespace \(namespace.name): \(added.diagnostic)")
            }
        }
    }

    /// Starts every peer (and the private upstream of each forwarder) at once, each in
    /// `workDirectory/<name>` with its generated configuration, then waits for each to answer.
    /// Returns the peers that answer; a peer that does not gets its reason in `reasons`.
    func startPeers(_ peers: [ResolverPeer], in namespace: NetworkNamespace, workDirectory: String,
                    started: inout [String: PeerProcess], reasons: inout [String: String],
                    log: @Sendable (String) -> Void) -> [ResolverPeer] {
        func launch(_ peer: ResolverPeer, as name: String, address: String, into started: inout [String: PeerProcess]) -> String? {
            let directory = workDirectory + "/" + name
            let setup = PeerSetup(directory: directory, address: address, hintsFile: workDirectory + "/root.hints",
                                  upstreamAddress: peer.upstream.map { _ in PeerCatalog.upstreamAddress })
            let launch = peer.configure(setup)
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for file in launch.files {
                    try file.contents.write(toFile: directory + "/" + file.name, atomically: true, encoding: .utf8)
                }
                let executable = executablePath(peer) ?? peer.executable
                log("starting \(peer.title) on \(address)")
                started[name] = try PeerProcess.start(namespace.command([executable] + launch.arguments), logFile: directory + "/log")
                return nil
            } catch {
                return "could not start: \(error)"
            }
        }
        for peer in peers {
            if let upstreamID = peer.upstream, let upstream = PeerCatalog.peer(upstreamID), started["upstream-" + upstreamID] == nil,
               let failure = launch(upstream, as: "upstream-" + upstreamID, address: PeerCatalog.upstreamAddress, into: &started) {
                reasons[peer.id] = "its upstream \(upstream.title) " + failure
            }
            if reasons[peer.id] == nil, let failure = launch(peer, as: peer.id, address: peer.address, into: &started) {
                reasons[peer.id] = failure
            }
        }
        var upstreamFailures: [String: String] = [:]
        for id in Set(peers.compactMap(\.upstream)) {
            guard let process = started["upstream-" + id] else { continue }
            upstreamFailures[id] = waitUntilAnswering(process, address: PeerCatalog.upstreamAddress, in: namespace)
        }
        var ready: [ResolverPeer] = []
        for peer in peers where reasons[peer.id] == nil {
            if let upstream = peer.upstream, let failure = upstreamFailures[upstream] {
                reasons[peer.id] = "its upstream \(upstream) " + failure
            } else if let process = started[peer.id], let failure = waitUntilAnswering(process, address: peer.address, in: namespace) {
                reasons[peer.id] = failure
            } else {
                ready.append(peer)
            }
        }
        return ready
    }

    /// `nil` once `process` listens on `address` port 53 and answers a question (any RCODE will do);
    /// else why not.
    func waitUntilAnswering(_ process: PeerProcess, address: String, in namespace: NetworkNamespace) -> String? {
        let deadline = Date().addingTimeInterval(options.startTimeout)
        _ = namespace.waitUntilServing(port: 53, timeout: options.startTimeout, addresses: [address])
        while Date() < deadline {
            if let gone = process.exitDescription { return "\(gone) at start: \(process.logTail())" }
            let argv = [options.prefaceExecutable, "conform", "ask", address, ".", "NS", "--timeout", "2"]
            if Self.asked(ProcessRunner.run(namespace.command(argv), timeout: 6)).exchange.response != nil { return nil }
            usleep(200_000)
        }
        return "did not answer within \(Int(options.startTimeout)) s: \(process.logTail())"
    }

    /// Every ready peer × every scenario, `parallelism` cells at a time, each question asked from
    /// inside the namespace by `preface conform ask`.
    func runCells(_ peers: [ResolverPeer], _ scenarios: [ResolverScenario], in namespace: NetworkNamespace,
                  started: [String: PeerProcess], progress: @escaping @Sendable (Int, Int) -> Void) -> [Cell] {
        let work = peers.flatMap { peer in scenarios.map { (peer, $0) } }
        let results = CellResults(count: work.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallelism)
        for (index, (peer, scenario)) in work.enumerated() {
            let process = started[peer.id]
            queue.addOperation { [options] in
                let cell = Self.runCell(peer: peer.id, scenario: scenario, againWait: scenario.againAfter) { question, dnssecOK in
                    var argv = [options.prefaceExecutable, "conform", "ask", peer.address, question.name.description,
                                question.type.description, "--timeout", String(options.timeout)]
                    if dnssecOK { argv.append("--dnssec") }
                    return Self.asked(ProcessRunner.run(namespace.command(argv), timeout: options.timeout + 5))
                } peerGone: {
                    process?.exitDescription.map { "\(peer.title) \($0): \(process?.logTail() ?? "")" }
                }
                progress(results.set(index, cell), work.count)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return results.cells
    }
}


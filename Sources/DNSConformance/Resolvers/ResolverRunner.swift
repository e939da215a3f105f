import DNSWire
import Foundation

/// `preface conform resolvers`: every peer resolver × every resolver scenario (DESIGN §3, resolver
/// mode).
///
/// Everything runs inside one network namespace of the runner's own, where only `lo` exists: the
/// authoritative servers (`preface conform authority`, 127.53.0.x), each peer on its own address
/// (127.0.0.10…) with the runner's root hints, and every question (`preface conform ask`). Nothing
/// can reach another network. With `target`, no namespace is made: the authoritative servers run
/// in this process on the host's loopback and the questions go to that address.
public struct ResolverRunner {
    public struct Options: Sendable {
        /// Peer ids to run (all when empty).
        public var peers: [String] = []
        /// Scenario ids to run, matched by prefix (all when empty).
        public var scenarios: [String] = []
        /// `ADDR:PORT` of a resolver already running (its hints must be `Authority.rootHints`).
        public var target: String?
        /// Seconds one question may take.
        public var timeout = 5.0
        /// Seconds a peer may take to start answering.
        public var startTimeout = 20.0
        /// Cells run at the same time.
        public var parallelism = 8
        /// The scenario folder (default: the shipped `ResolverScenarios`).
        public var scenarioDirectory: String?
        /// Keep the peers' directory (configurations, logs) and print where it is.
        public var keepDirectory = false
        public var prefaceExecutable: String

        public init(prefaceExecutable: String) {
            self.prefaceExecutable = prefaceExecutable
        }
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    /// Runs the matrix. `progress` is called once per finished cell with (done, total); `log` with
    /// a line about each step (starting peers, where files are kept).
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
                    log: @escaping @Sendable (String) -> Void = { _ in }) throws -> Matrix {
        let directory = try options.scenarioDirectory ?? ResolverScenarioFiles.bundledDirectory()
        let allScenarios = try ResolverScenarioFiles.load(directory)
        // The authority serves every scenario, so its addresses never depend on the selection.
        let authority = try Authority(scenarios: allScenarios)
        let scenarios = allScenarios.filter { StubRunner.matches($0.id, options.scenarios) }
        let columns = scenarios.map { Heading(id: $0.id, title: $0.title) }
        if let target = options.target {
            return try runAgainstTarget(target, authority: authority, scenarios: scenarios, columns: columns, progress: progress)
        }

        let unknown = options.peers.filter { PeerCatalog.peer($0) == nil }
        guard unknown.isEmpty else {
            throw ScenarioError("unknown peer \(unknown.joined(separator: ", ")); the peers are \(PeerCatalog.all.map(\.id).joined(separator: ", "))")
        }
        let selected = PeerCatalog.all.filter { options.peers.isEmpty || options.peers.contains($0.id) }
        var environment = StubRunner.describeEnvironment()
        var reasons: [String: String] = [:]
        for peer in selected {
            if let reason = unavailableReason(peer) { reasons[peer.id] = reason; continue }
            environment[peer.id] = version(of: peer)
        }
        var cells: [Cell] = []
        let runnable = selected.filter { reasons[$0.id] == nil }

        if !runnable.isEmpty {
            NamespaceCleanup.removeStale()
            let namespace = try NetworkNamespace.create()
            NamespaceCleanup.installSignalHandlers(for: namespace)
            defer { namespace.destroy() }
            try Self.addAddresses(of: runnable, to: namespace)
            Self.removeStaleWorkDirectories()
            let workDirectory = Self.workDirectoryPrefix + "\(getpid())"
            try? FileManager.default.removeItem(atPath: workDirectory)
            try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
            defer {
                if options.keepDirectory { log("peer configurations and logs kept in \(workDirectory)") }
                else { try? FileManager.default.removeItem(atPath: workDirectory) }
            }
            try Authority.rootHints.write(toFile: workDirectory + "/root.hints", atomically: true, encoding: .utf8)

            let servers = try PeerProcess.start(
                namespace.command([options.prefaceExecutable, "conform", "authority", "--scenario-directory", directory]),
                logFile: workDirectory + "/authority.log")
            defer { servers.stop() }
            guard servers.waitForOutput("ready", timeout: 10) else {
                throw ScenarioError("the authoritative servers did not start in namespace \(namespace.name): \(servers.logTail())")
            }
            var started: [String: PeerProcess] = [:]
            defer { for process in started.values { process.stop() } }
            let ready = startPeers(runnable, in: namespace, workDirectory: workDirectory, started: &started,
                                   reasons: &reasons, log: log)
            cells = runCells(ready, scenarios, in: namespace, started: started, progress: progress)
        }

        var headings: [Heading] = []
        for peer in selected {
            headings.append(Heading(id: peer.id, title: peer.title, skippedBecause: reasons[peer.id]))
            if let reason = reasons[peer.id] {
                cells += scenarios.map { Cell(subject: peer.id, scenario: $0.id, expected: $0.expected.lines,
                                              verdict: .skipped, note: reason, runs: []) }
            }
        }
        return Matrix(mode: "resolvers", subjects: headings, scenarios: columns, cells: cells, environment: environment)
    }

    // MARK: - --target

    private func runAgainstTarget(_ target: String, authority: Authority, scenarios: [ResolverScenario], columns: [Heading],
                                  progress: @escaping @Sendable (Int, Int) -> Void) throws -> Matrix {
        guard let (address, port) = Self.endpoint(target) else {
            throw ScenarioError("--target is ADDRESS:PORT (e.g. 127.0.0.1:53 or [::1]:53), got \"\(target)\"")
        }
        guard geteuid() == 0 else {
            throw ScenarioError("preface conform resolvers --target serves the root and every zone on port 53 of 127.53.0.x: run it as root")
        }
        let servers = try AuthorityServers(authority)
        servers.start()
        defer { servers.stop() }
        let results = CellResults(count: scenarios.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallelism)
        for (index, scenario) in scenarios.enumerated() {
            queue.addOperation { [options] in
                let cell = Self.runCell(peer: "target", scenario: scenario, againWait: scenario.againAfter) { question, dnssecOK in
                    let exchange = ResolverQuery.ask(server: address, port: port, question: question, dnssecOK: dnssecOK, timeout: options.timeout)
                    let text = ExchangeLines.render(exchange, server: target, question: question)
                    return Asked(exchange: exchange, standardOutput: text, standardError: "", status: 0, seconds: exchange.seconds)
                } peerGone: { nil }
                progress(results.set(index, cell), scenarios.count)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        var environment = StubRunner.describeEnvironment()
        environment["target"] = target
        return Matrix(mode: "resolvers", subjects: [Heading(id: "target", title: "resolver at \(target)")],
                      scenarios: columns, cells: results.cells, environment: environment)
    }

    /// `127.0.0.1:53` or `[::1]:53`.
    static func endpoint(_ text: String) -> (String, UInt16)? {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), let port = UInt16(rest.dropFirst()), IPv6Address(host) != nil else { return nil }
            return (host, port)
        }
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        let host = String(text[..<colon])
        guard IPv4Address(host) != nil else { return nil }
        return (host, port)
    }

    // MARK: - One cell

    /// What one question gave: the exchange and how the asking went.
    struct Asked {
        var exchange: ResolverExchange
        var standardOutput: String
        var standardError: String
        var status: Int32
        var seconds: Double
    }

    static func asked(_ outcome: ProcessOutcome) -> Asked {
        let exchange = ExchangeLines.parse(outcome.standardOutput)
            ?? ResolverExchange(response: nil, error: outcome.timedOut ? "timed out" : "no output (status \(outcome.status))",
                                timedOut: outcome.timedOut, seconds: outcome.seconds)
        return Asked(exchange: exchange, standardOutput: outcome.standardOutput, standardError: outcome.standardError,
                     status: outcome.status, seconds: outcome.seconds)
    }

    /// Asks the scenario's question (twice, `againWait` seconds apart, when it says so) and judges
    /// the last answer. `peerGone` says how the peer ended, when it has (then the cell is a CRASH).
    static func runCell(peer: String, scenario: ResolverScenario, againWait: Double?,
                        ask: (Question, Bool) -> Asked, peerGone: () -> String?) -> Cell {
        var runs: [RunRecord] = []
        var notes: [String] = []
        var verdict = Verdict.skipped
        let rounds = againWait == nil ? 1 : 2
        for round in 1...rounds {
            if round == 2, let wait = againWait { usleep(useconds_t(wait * 1_000_000)) }
            let asked = ask(scenario.question, scenario.dnssecOK)
            var observation = Observation(addresses: [])
            if let gone = peerGone() {
                verdict = .crash
                notes.append(gone)
            } else if let response = asked.exchange.response {
                let judgement = AnswerJudgement(question: scenario.question, rcode: response.rcode, answers: response.answers,
                                                expected: scenario.expected)
                verdict = judgement.verdict
                observation = Observation(addresses: response.answers.map(\.compactPresentation),
                                          error: response.rcode == .noError ? nil : response.rcode.description)
                if let note = judgement.note { notes.append(rounds == 1 ? note : "answer \(round): \(note)") }
            } else {
                verdict = asked.exchange.timedOut ? .timeout : .empty
                observation = Observation(addresses: [], error: asked.exchange.error)
                notes.append((rounds == 1 ? "" : "answer \(round): ") + (asked.exchange.error ?? "no response"))
            }
            runs.append(RunRecord(verdict: verdict, observation: observation, status: asked.status,
                                  standardOutput: asked.standardOutput, standardError: asked.standardError, seconds: asked.seconds))
            if verdict == .crash { break }
        }
        if rounds == 2, runs.count == 2 {
            notes.insert("the second answer, \(ReportText.seconds(againWait ?? 0)) s after the first (\(runs[0].verdict.rawValue)), decides", at: 0)
        }
        return Cell(subject: peer, scenario: scenario.id, expected: scenario.expected.lines, verdict: verdict,
                    note: notes.isEmpty ? nil : notes.joined(separator: "; "), runs: runs)
    }

    // MARK: - Peers

    /// `/tmp/preface-resolvers-PID`: the configurations and logs of one run's peers.
    static var workDirectoryPrefix: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("preface-resolvers-").path
    }

    /// Removes the work directories of runs whose process is gone (interrupted runs: the signal
    /// handler removes the namespace and exits, so no `defer` runs).
    static func removeStaleWorkDirectories() {
        let parent = FileManager.default.temporaryDirectory.path
        let prefix = "preface-resolvers-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }

    /// Where a peer's program is: Preface's own is this runner's executable, the others are looked up.
    func executablePath(_ peer: ResolverPeer) -> String? {
        peer.id == PeerCatalog.preface.id ? options.prefaceExecutable : SystemCommand.find(peer.executable)
    }

    func unavailableReason(_ peer: ResolverPeer) -> String? {
        if let reason = peer.unavailableBecause { return reason }
        for id in [peer.id] + (peer.upstream.map { [$0] } ?? []) {
            guard let needed = PeerCatalog.peer(id) else { continue }
            if executablePath(needed) == nil {
                return id == peer.id ? "\(needed.executable) is not installed (scripts/bootstrap installs it)"
                    : "needs \(needed.title) as its upstream, and \(needed.executable) is not installed"
            }
        }
        return nil
    }

    func version(of peer: ResolverPeer) -> String {
        guard let path = executablePath(peer) else { return "?" }
        let result = SystemCommand.run([path] + peer.versionArguments)
        let text = result.output.isEmpty ? result.errorOutput : result.output
        guard var line = text.split(separator: "\n").first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }).map(String.init) else {
            return "?"
        }
        // PowerDNS Recursor prefixes a syslog time stamp; dnsmasq appends its copyright.
        if let stamp = line.range(of: #"^[A-Z][a-z]{2} +[0-9]+ [0-9:]{8} "#, options: .regularExpression) { line.removeSubrange(stamp) }
        if let copyright = line.range(of: "  Copyright") { line = String(line[..<copyright.lowerBound]) }
        return line
    }
}

import ArgumentParser
import DNSConformance
import DNSWire
import Foundation

/// `preface conform resolvers`.
struct ConformResolvers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolvers",
        abstract: "Run real recursive resolvers (Unbound, BIND, Knot Resolver, PowerDNS Recursor, dnsmasq) against the resolver scenarios.",
        discussion: """
            Needs root. Without --target, the runner makes a network namespace with only a loopback \
            interface (ip netns add preface-conform-PID) and runs everything inside it: its own root, \
            test. and scenario zones on 127.53.0.x, each peer on its own address (127.0.0.10 Unbound, \
            .11 BIND, .12 Knot Resolver, .13 PowerDNS Recursor, .14 dnsmasq, which forwards to a \
            private Unbound on .20) with generated configurations and the runner's root hints, and the \
            questions. Nothing can reach another network, and every process is stopped by its PID.

            With --target ADDR:PORT the runner checks a resolver that is already running instead: it \
            serves the root and every zone on the host's 127.53.0.x (port 53) for as long as it runs. \
            Configure that resolver with the hints of 'preface conform hints', let it query \
            127.0.0.0/8, turn DNSSEC validation off, and for Unbound and Knot Resolver unblock test.
            """
    )

    @Option(help: ArgumentHelp("Peers to run, comma-separated (default: all): unbound, bind9, knot-resolver, pdns-recursor, dnsmasq, preface.", valueName: "LIST"))
    var peers: String?

    @Option(help: ArgumentHelp("Scenarios to run, comma-separated ids or id prefixes (default: all).", valueName: "LIST"))
    var scenarios: String?

    @Option(help: ArgumentHelp("Check the resolver at this address instead of starting peers.", valueName: "ADDR:PORT"))
    var target: String?

    @Option(help: "Seconds one question may take before it is a TIMEOUT.")
    var timeout = 5.0

    @Option(help: "Cells run at the same time.")
    var parallel = 8

    @Option(help: ArgumentHelp("Read the resolver scenarios from this folder.", valueName: "DIR"))
    var scenarioDirectory: String?

    @Flag(help: "Keep the peers' configurations and logs, and print where.")
    var keep = false

    @OptionGroup var reports: ReportOptions

    func validate() throws {
        if timeout <= 0 { throw ValidationError("--timeout must be positive.") }
        if parallel < 1 { throw ValidationError("--parallel must be at least 1.") }
    }

    func run() throws {
        var options = ResolverRunner.Options(prefaceExecutable: ConformStubs.executablePath)
        options.peers = peers.map(ConformStubs.list) ?? []
        options.scenarios = scenarios.map(ConformStubs.list) ?? []
        options.target = target
        options.timeout = timeout
        options.parallelism = parallel
        options.scenarioDirectory = scenarioDirectory
        options.keepDirectory = keep
        let progress = RunProgress()
        let matrix: Matrix
        do {
            matrix = try ResolverRunner(options: options).run(
                progress: { done, total in progress.update(done: done, total: total) },
                log: { FileHandleOutput.standardError("preface conform resolvers: \($0)") })
        } catch {
            progress.finish()
            FileHandleOutput.standardError("preface conform resolvers: \(error)")
            throw ExitStatus.usageOrIO
        }
        progress.finish()
        print(TerminalReport.render(matrix, colour: TerminalReport.shouldUseColour))
        try reports.write(matrix)
    }
}

/// `preface conform hints`: the root hints to give a resolver checked with `--target`.
struct ConformHints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hints",
        abstract: "Print the root hints file that points a resolver at the runner's root (for 'conform resolvers --target')."
    )

    func run() {
        print(Authority.rootHints, terminator: "")
    }
}

/// `preface conform authority`: the runner's root, `test.` and scenario zones, each on its own
/// address, run by `conform resolvers` inside its namespace.
struct ConformAuthority: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority",
        abstract: "Serve the root, test. and every resolver scenario zone on 127.53.0.x port 53 (run by 'conform resolvers').",
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("Read the resolver scenarios from this folder.", valueName: "DIR"))
    var scenarioDirectory: String?

    @Option(help: "Port to listen on.")
    var port: UInt16 = 53

    @Flag(help: "Do not print every query received.")
    var quiet = false

    func run() throws {
        let directory = try scenarioDirectory ?? ResolverScenarioFiles.bundledDirectory()
        let authority = try Authority(scenarios: try ResolverScenarioFiles.load(directory))
        var log: (@Sendable (String, LoggedQuery) -> Void)?
        if !quiet {
            log = { address, query in
                let question = query.question.map { "\($0.name) \($0.type)" } ?? "-"
                let line = "\(address) \(query.transport) \(question) \(query.outcome.rawValue)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        let servers = try AuthorityServers(authority, port: port, onQuery: log)
        for zone in authority.zones {
            FileHandle.standardOutput.write(Data("\(zone.address) \(zone.origin)\n".utf8))
        }
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        servers.run()
    }
}

/// `preface conform ask`: one question to a resolver, the response printed as JSON lines (the
/// first line whole, with its wire form in hex; then one line per record).
struct ConformAsk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask a resolver one question and print the response as JSON lines (run by 'conform resolvers').",
        shouldDisplay: false
    )

    @Argument(help: "The resolver's address.")
    var server: String

    @Argument(help: "The name to ask for.")
    var name: String

    @Argument(help: "The type to ask for (A, AAAA, TYPE65280…).")
    var type: String

    @Option(help: "The resolver's port.")
    var port: UInt16 = 53

    @Flag(help: "Set the DO bit (RFC 3225), asking for RRSIGs.")
    var dnssec = false

    @Option(help: "Seconds to wait for the response.")
    var timeout = 5.0

    func run() throws {
        guard let type = RRType(type.uppercased()) else { throw ValidationError("unknown type \(type)") }
        let question = Question(try DomainName(name), type)
        let exchange = ResolverQuery.ask(server: server, port: port, question: question, dnssecOK: dnssec, timeout: timeout)
        print(ExchangeLines.render(exchange, server: server, question: question), terminator: "")
    }
}

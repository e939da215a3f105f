import ArgumentParser
import DNSConformance
import DNSWire
import Foundation

/// `preface conform`: the conformance runner (DESIGN §3).
struct Conform: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve reordered answers to real DNS clients and report who breaks.",
        subcommands: [ConformStubs.self, ConformResolvers.self, ConformHints.self, ConformResponder.self,
                      ConformLookup.self, ConformAuthority.self, ConformAsk.self, ConformHierarchy.self]
    )
}

/// `preface conform stubs`.
struct ConformStubs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stubs",
        abstract: "Run real stub resolvers (glibc, musl, c-ares, Go, Node, Java, Python…) against the scenarios.",
        discussion: """
            Needs root: the scripted responder runs in a network namespace of its own \
            (ip netns add preface-conform-PID), whose resolv.conf points the clients at it. \
            Nothing leaves the namespace. Helpers are built on first use into --cache.
            """
    )

    @Option(help: ArgumentHelp("Subjects to run, comma-separated ids or id prefixes (default: all).", valueName: "LIST"))
    var subjects: String?

    @Option(help: ArgumentHelp("Scenarios to run, comma-separated ids or id prefixes (default: all).", valueName: "LIST"))
    var scenarios: String?

    @Option(name: .customLong("repeat"), help: "Runs per cell; cells whose runs disagree are FLAKY.")
    var repeatCount = 3

    @Option(help: "Seconds one client run may take before it is a TIMEOUT.")
    var timeout = 10.0

    @Option(help: "Cells run at the same time.")
    var parallel = 8

    @OptionGroup var reports: ReportOptions

    @Option(help: ArgumentHelp("Where helper programs are built.", valueName: "DIR"))
    var cache = (ProcessInfo.processInfo.environment["XDG_CACHE_HOME"]
        ?? (NSHomeDirectory() + "/.cache")) + "/preface/conform"

    func validate() throws {
        if repeatCount < 1 { throw ValidationError("--repeat must be at least 1.") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive.") }
    }

    func run() throws {
        var options = StubRunner.Options(cacheDirectory: cache, prefaceExecutable: ConformStubs.executablePath)
        options.subjects = subjects.map(Self.list) ?? []
        options.scenarios = scenarios.map(Self.list) ?? []
        options.repeatCount = repeatCount
        options.timeout = timeout
        options.parallelism = parallel
        let progress = RunProgress()
        let matrix: Matrix
        do {
            matrix = try StubRunner(options: options).run { done, total in progress.update(done: done, total: total) }
        } catch {
            progress.finish()
            let text = "\(error)"
            FileHandleOutput.standardError(text.hasPrefix("preface") ? text : "preface conform stubs: \(text)")
            throw ExitStatus.usageOrIO
        }
        progress.finish()
        print(TerminalReport.render(matrix, colour: TerminalReport.shouldUseColour))
        try reports.write(matrix)
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// The report files a run can write, shared by `conform stubs` and `conform resolvers`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the full results (raw outputs included) as JSON.", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("Write JUnit XML.", valueName: "FILE"))
    var junit: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML page.", valueName: "FILE"))
    var html: String?

    func write(_ matrix: Matrix) throws {
        do {
            if let json { try JSONReport.data(matrix).write(to: URL(fileURLWithPath: json)) }
            if let junit { try Data(JUnitReport.render(matrix).utf8).write(to: URL(fileURLWithPath: junit)) }
            if let html { try Data(HTMLReport.render(matrix).utf8).write(to: URL(fileURLWithPath: html)) }
        } catch {
            FileHandleOutput.standardError("preface conform: cannot write a report: \(error)")
            throw ExitStatus.usageOrIO
        }
    }
}

/// `preface conform responder`: the scripted responder, run by `stubs` inside its namespace.
struct ConformResponder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responder",
        abstract: "Serve the scenarios on port 53 (run by 'conform stubs' inside its namespace).",
        shouldDisplay: false
    )

    @Option(help: "Addresses to listen on.")
    var listen: [String] = ["127.0.0.1", "::1"]

    @Option(help: "Port to listen on.")
    var port: UInt16 = 53

    func run() throws {
        let responder = try ScriptedResponder(addresses: listen, port: port, script: try ScenarioSet.bundled())
        // Unbuffered, so the runner sees it at once through its pipe.
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        responder.run()
    }
}

/// `preface conform lookup`: Preface's own stub, the `preface-extractor` subject.
struct ConformLookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Resolve a name through the resolv.conf nameserver and print the addresses on its CNAME chain."
    )

    enum Family: String, ExpressibleByArgument { case inet, inet6, unspec }

    @Argument(help: "The name to resolve.")
    var name: String

    @Option(help: "inet (A), inet6 (AAAA) or unspec (both).")
    var family: Family = .unspec

    @Option(help: "Server address (default: the first nameserver of /etc/resolv.conf).")
    var server: String?

    func run() throws {
        let types: [RRType] = family == .inet ? [.a] : family == .inet6 ? [.aaaa] : [.a, .aaaa]
        do {
            let server = try self.server ?? StubLookup.nameserver()
            for address in try StubLookup.addresses(of: name, types: types, server: server) { print(address) }
        } catch {
            print("ERROR \(error)")
        }
    }
}

/// The progress bar, created once the runner knows how many cells there are.
final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var bar: ProgressBar?

    func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if bar == nil { bar = ProgressBar(total: total) }
        bar?.advance()
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        bar?.finish()
    }
}

extension ConformStubs {
    /// This executable, to run as the responder and the extractor subject inside the namespace.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

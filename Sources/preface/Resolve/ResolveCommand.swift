import ArgumentParser
import DNSResolver
import DNSServer
import DNSWire
import Synchronization

/// `preface resolve`: one-shot iterative resolution from the root hints, printed dig-style.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve a name iteratively from the root hints and print the answer, CNAME chain first.",
        discussion: """
        Starts with an empty cache. With --again-after, the same resolver (and cache) answers again after \
        that many seconds, so a warm answer and one after partial expiry can be compared with the first. \
        Exit status: 0 for NOERROR or NXDOMAIN, 1 for any other RCODE, 2 for usage or I/O errors.
        """
    )

    @Argument(help: "The name to resolve.")
    var name: String

    @Argument(help: "The type (A, AAAA, MX, TYPE65280…).")
    var type: String = "A"

    @Option(help: ArgumentHelp("Root hints file (named.root format).", valueName: "FILE"))
    var hints: String?

    @Option(help: ArgumentHelp("The port every authoritative server is asked on (test hierarchies).", valueName: "PORT"))
    var port: UInt16 = 53

    @Flag(help: "Ask with the DO bit: RRSIGs follow their RRsets.")
    var dnssec = false

    @Flag(name: .customLong("no-minimise"), help: "Send the full name to every server (no RFC 9156 QNAME minimisation).")
    var noMinimise = false

    @Option(name: .customLong("again-after"), parsing: .singleValue,
            help: ArgumentHelp("Ask again after this many seconds, with the same cache (repeatable).", valueName: "SECONDS"))
    var againAfter: [Double] = []

    @Flag(help: "Print one JSON object per answer.")
    var json = false

    @Flag(help: "Show every upstream query and the server that answered.")
    var trace = false

    func run() async throws {
        let question: Question
        do {
            guard let rrType = RRType(type.uppercased()) else { throw ValidationError("unknown type \(type)") }
            question = Question(try DomainName(name.hasSuffix(".") ? name : name + "."), rrType)
        } catch {
            FileHandleOutput.standardError("preface resolve: \(name) \(type): \(error)")
            throw ExitStatus.usageOrIO
        }
        let hintsPath = hints ?? ShippedFiles.locate("Zones/root.hints") ?? "Zones/root.hints"
        let rootHints: RootHints
        do {
            rootHints = try RootHints(file: hintsPath)
        } catch {
            FileHandleOutput.standardError("preface resolve: \(error)")
            throw ExitStatus.usageOrIO
        }
        let resolver = Resolver(transport: NIOTransport(), hints: rootHints, qnameMinimisation: !noMinimise, serverPort: port)
        let clock = MonotonicClock()
        var worst = RCode.noError
        for (round, wait) in ([0] + againAfter).enumerated() {
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
            let events = Mutex<[TraceEvent]>([])
            let started = clock.now
            let query = ClientQuery(id: .random(in: 0 ... .max), question: question,
                                    edns: EDNS(udpPayloadSize: 1232, dnssecOK: dnssec))
            let wire = await resolver.resolve(query, trace: { event in events.withLock { $0.append(event) } })
            let elapsed = clock.now.milliseconds - started.milliseconds
            guard let response = try? Message(wire: wire) else {
                FileHandleOutput.standardError("preface resolve: the resolver built an unreadable response")
                throw ExitStatus.someInputFailed
            }
            if response.rcode != .noError && response.rcode != .nxDomain { worst = response.rcode }
            let label = round == 0 ? "cold" : "again after \(Self.seconds(againAfter[round - 1])) s"
            print(json ? Self.json(response, label: label, events: events.withLock { $0 }, milliseconds: elapsed)
                       : Self.text(response, label: label, events: events.withLock { $0 }, milliseconds: elapsed, trace: trace))
        }
        if worst != .noError { throw ExitStatus.someInputFailed }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func text(_ response: Message, label: String, events: [TraceEvent], milliseconds: Int64, trace: Bool) -> String {
        var lines = [";; \(label): \(events.count) upstream quer\(events.count == 1 ? "y" : "ies"), \(milliseconds) ms"]
        if trace { lines += events.map { ";; → \($0)" } }
        lines.append(response.presentation)
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ response: Message, label: String, events: [TraceEvent], milliseconds: Int64) -> String {
        let trace = events.map { event -> JSONValue in
            .object([("server", .string(event.server.description)), ("zone", .string(event.zone.description)),
                     ("name", .string(event.question.name.description)), ("type", .string(event.question.type.description)),
                     ("transport", .string(event.transport.rawValue)), ("outcome", .string(event.outcome)),
                     ("milliseconds", .integer(Int(event.milliseconds)))])
        }
        let object = JSONValue.object([("round", .string(label)), ("milliseconds", .integer(Int(milliseconds))),
                                       ("upstream", .array(trace)), ("response", .object(MessageJSON.members(of: response)))])
        var output = ""
        object.write(to: &output)
        return output
    }
}

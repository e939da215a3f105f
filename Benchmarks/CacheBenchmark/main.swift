// bench-cache: the resolver's cache-hit path — `Resolver.answerFromCache`: the lock, the chain walk
// through the RRset cache and the response written into a reused buffer — for a plain A RRset and for
// a 2-hop CNAME chain (two CNAMEs, then the A RRset). `scripts/bench-cache` builds it in release mode.
// Prints ns per answer (median of the rounds) and heap allocations per answer. Targets (issue 5): the
// 2-hop chain in at most 1 µs and 3 allocations.
import BenchmarkSupport
import DNSConformance
import DNSResolver
import DNSWire
import Glibc
import MallocCounter

let usage = """
    usage: bench-cache [--rounds N] [--iterations N]
      --rounds N       timed rounds per case (default 25); the median is reported
      --iterations N   answers per round (default 200000)
    """

var rounds = 25
var iterations = 200_000
let arguments = Array(CommandLine.arguments.dropFirst())
for index in stride(from: 0, to: arguments.count, by: 2) {
    let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
    switch (arguments[index], value) {
    case ("--rounds", let value?) where value > 0: rounds = value
    case ("--iterations", let value?) where value > 0: iterations = value
    default:
        complain("bench-cache: cannot use the arguments \(arguments[index...].joined(separator: " "))\n\(usage)")
        exit(2)
    }
}

/// Answers from the conformance runner's authoritative servers, in memory: only used to fill the cache.
struct InMemoryAuthority: Transport {
    let authority: Authority

    func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol,
                  timeout: Duration) async throws -> [UInt8] {
        guard let script = authority.server(at: server.host) else { throw TransportError(.timeout) }
        return script.response(to: try Message(wire: query)).wire()
    }
}

let scenario = try ResolverScenario(id: "bench", text: """
    query: www.b A
    zone b:
    www.b 3600 CNAME cdn.b
    cdn.b 3600 CNAME srv.b
    srv.b 3600 A 192.0.2.1
    srv.b 3600 A 192.0.2.2
    plain.b 3600 A 192.0.2.3
    expect NOERROR:
    www.b 3600 CNAME cdn.b
    cdn.b 3600 CNAME srv.b
    srv.b 3600 A 192.0.2.1
    srv.b 3600 A 192.0.2.2
    """)
let authority = try Authority(scenarios: [scenario])
let resolver = Resolver(transport: InMemoryAuthority(authority: authority),
                        hints: try RootHints(text: Array(Authority.rootHints.utf8)))

struct Case {
    var label: String
    var query: ClientQuery
    var answers: Int
}
let cases = [
    Case(label: "plain A", query: ClientQuery(id: 1, question: Question(try DomainName("plain.b.bench.test."), .a), edns: EDNS()), answers: 1),
    Case(label: "2-hop CNAME chain", query: ClientQuery(id: 2, question: Question(try DomainName("www.b.bench.test."), .a), edns: EDNS()), answers: 4),
]
var buffer: [UInt8] = []
buffer.reserveCapacity(512)
for benchCase in cases {
    _ = await resolver.resolve(benchCase.query)
    guard resolver.answerFromCache(benchCase.query, into: &buffer), let response = try? Message(wire: buffer),
          response.answers.count == benchCase.answers else {
        complain("bench-cache: \(benchCase.label) is not answered from the cache")
        exit(1)
    }
}

print("bench-cache: Resolver.answerFromCache, \(rounds) rounds × \(grouped(iterations)) answers, median round")
print(padded("case", 20) + padded("ns/answer", 12, right: true) + padded("allocations/answer", 21, right: true) + "   target")
var failed = false
for benchCase in cases {
    var timings: [Double] = []
    for _ in 0..<rounds {
        let started = now()
        for _ in 0..<iterations { _ = resolver.answerFromCache(benchCase.query, into: &buffer) }
        timings.append((now() - started) / Double(iterations) * 1e9)
    }
    preface_allocation_counting(true)
    let before = preface_allocation_count()
    for _ in 0..<10_000 { _ = resolver.answerFromCache(benchCase.query, into: &buffer) }
    let allocations = Double(preface_allocation_count() - before) / 10_000
    preface_allocation_counting(false)
    let median = timings.sorted()[timings.count / 2]
    var target = ""
    if benchCase.answers > 1 {
        let met = median <= 1000 && allocations <= 3
        failed = failed || !met
        target = "≤ 1000 ns, ≤ 3 allocs: \(met ? "met" : "MISSED")"
    }
    print(padded(benchCase.label, 20) + padded(fixed(median, 0), 12, right: true) + padded(fixed(allocations, 2), 21, right: true)
        + "   " + target)
}
exit(failed ? 1 : 0)

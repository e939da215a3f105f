// bench-parse: DNSWire's two parsers against ldns, in one process, over every DNS message in the
// captures under Captures/. `scripts/bench-parse` builds it in release mode and runs it from the
// repository root.
//
// Only messages that both DNSWire and ldns accept are timed, so the three parse the same set.
// Each round runs every contender once over all messages, in an order rotated each round; the
// figure reported is the median round. Targets (STYLE rule 7): the owned parse at least 1.5×
// ldns's messages/s, the view at least 4×.
import BenchmarkSupport
import DNSCorpus
import DNSWire
import Glibc

let usage = """
    usage: bench-parse [--root PATH] [--seconds S] [--rounds N]
      --root PATH    repository root holding Captures/ (default: the current directory)
      --seconds S    aim for about S seconds of timing per contender (default 10)
      --rounds N     run exactly N rounds instead
    """

var root = "."
var secondsPerContender = 10.0
var fixedRounds: Int? = nil
let arguments = Array(CommandLine.arguments.dropFirst())
for index in stride(from: 0, to: arguments.count, by: 2) {
    let value = index + 1 < arguments.count ? arguments[index + 1] : nil
    switch (arguments[index], value) {
    case ("--help", _), ("-h", _):
        print(usage)
        exit(0)
    case ("--root", let value?):
        root = value
    case ("--seconds", let value?) where (Double(value) ?? 0) > 0:
        secondsPerContender = Double(value) ?? secondsPerContender
    case ("--rounds", let value?) where (Int(value) ?? 0) > 0:
        fixedRounds = Int(value)
    default:
        complain("bench-parse: cannot use the arguments \(arguments[index...].joined(separator: " "))\n\(usage)")
        exit(2)
    }
}

// MARK: The messages

let corpus = Corpus.captures(root: root)
for problem in corpus.unreadable { complain("bench-parse: skipped \(problem)") }
guard !corpus.messages.isEmpty else {
    complain("bench-parse: no DNS messages in \(root)/\(Corpus.captureFolder); run from the repository root or pass --root")
    exit(1)
}
var wireRejects = 0, ldnsRejects = 0, bothReject = 0
var accepted: [CorpusMessage] = []
for message in corpus.messages {
    let byWire = (try? Message(wire: message.wire)) != nil
    let byLDNS = ldnsAccepts(message.wire)
    switch (byWire, byLDNS) {
    case (true, true): accepted.append(message)
    case (false, true): wireRejects += 1
    case (true, false): ldnsRejects += 1
    case (false, false): bothReject += 1
    }
}
// Built once, before any timing: each pass reads these arrays and never copies them.
let messages = accepted.map(\.wire)
let octets = messages.reduce(0) { $0 + $1.count }
print("bench-parse: \(corpus.messages.count) DNS messages decoded from \(root)/\(Corpus.captureFolder)")
print("  rejected by DNSWire only \(wireRejects), by ldns only \(ldnsRejects), by both \(bothReject); "
    + "timing the other \(messages.count) (\(octets) octets, mean \(messages.isEmpty ? 0 : octets / messages.count) per message)")

// MARK: Allocations per parse

/// Responses (QR set) with at least one answer: the typical message a resolver parses.
let responses = accepted.filter { $0.wire[2] & 0x80 != 0 && ($0.wire[6] != 0 || $0.wire[7] != 0) }
for (label, sample) in [("the \(responses.count) responses with at least one answer", responses),
                        ("all \(accepted.count) timed messages", accepted)] {
    print("\nheap allocations per parse, over \(label)")
    for contender in contenders {
        var total: UInt64 = 0
        var most: (count: UInt64, source: String) = (0, "")
        for message in sample {
            let count = allocations { contender.parseOne(message.wire) }
            total += count
            if count > most.count { most = (count, message.source) }
        }
        let mean = sample.isEmpty ? 0 : Double(total) / Double(sample.count)
        print("  \(padded(contender.name, 28)) mean \(padded(fixed(mean, 2), 7, right: true))   max \(most.count) (\(most.source))")
    }
}

// MallocCounter counts only while `allocations(_:)` runs; during timing every allocation pays one
// well-predicted branch, the same for each contender.
print("  (allocations are counted only outside the timed runs)")

// MARK: Throughput

// One untimed pass each warms caches and gives the round length.
var passSeconds: [Double] = []
var checksum = 0
for contender in contenders {
    let start = now()
    checksum &+= contender.parseAll(messages)
    passSeconds.append(now() - start)
}
let rounds = fixedRounds
    ?? max(5, Int(secondsPerContender * Double(contenders.count) / max(passSeconds.reduce(0, +), 1e-9)))
print("\nthroughput: \(rounds) rounds; each runs the \(contenders.count) contenders once over all \(messages.count) "
    + "messages, in an order rotated each round; median round")
var timings = [[Double]](repeating: [], count: contenders.count)
for round in 0..<rounds {
    for step in 0..<contenders.count {
        let index = (round + step) % contenders.count
        let start = now()
        checksum &+= contenders[index].parseAll(messages)
        timings[index].append(now() - start)
    }
}
var rates: [Double] = []
print("  \(padded("contender", 28)) \(padded("median pass", 12, right: true)) \(padded("messages/s", 12, right: true))"
    + " \(padded("MB/s", 8, right: true))   spread of rounds (p10 – p90 messages/s)")
for (index, contender) in contenders.enumerated() {
    let sorted = timings[index].sorted()
    let median = sorted[sorted.count / 2]
    let rate = Double(messages.count) / median
    rates.append(rate)
    let p10 = Double(messages.count) / sorted[sorted.count * 9 / 10]
    let p90 = Double(messages.count) / sorted[sorted.count / 10]
    print("  \(padded(contender.name, 28)) \(padded(fixed(median * 1000, 2) + " ms", 12, right: true))"
        + " \(padded(grouped(Int(rate)), 12, right: true)) \(padded(fixed(Double(octets) / median / 1e6, 1), 8, right: true))"
        + "   \(grouped(Int(p10))) – \(grouped(Int(p90)))")
}

// MARK: Against the targets

let ldnsRate = rates[2]
print("\nagainst ldns (messages/s ratio)")
for (name, rate, target) in [("MessageView / ldns", rates[0], 4.0), ("Message / ldns", rates[1], 1.5)] {
    let ratio = rate / ldnsRate
    print("  \(padded(name, 20)) \(padded(fixed(ratio, 2) + "×", 7, right: true))   target ≥ \(fixed(target, 1))×   "
        + (ratio >= target ? "PASS" : "MISS"))
}
print("\n(checksum \(checksum))")

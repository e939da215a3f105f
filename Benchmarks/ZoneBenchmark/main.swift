// bench-zone: Preface's zone checking against ldns, on one zone (the real root zone by default), in
// one run. `scripts/bench-zone` builds it and `preface` in release mode and runs it from the
// repository root.
//
// Three stages, each timed for Preface and for ldns:
//   parse                    ZoneParser + Zone            vs ldns_dnssec_zone_new_frm_fp (+ free)
//   parse + ZONEMD           … + ZoneDigest.verify        vs … + ldns_dnssec_zone_verify_zonemd
//   parse + ZONEMD + DNSSEC  `preface zone check` process vs `ldns-verify-zone -ZZ` process, and
//                            ZoneCheck in this process, for reference
// Each round runs every contender once, in an order rotated each round; the figures are the median
// and the fastest round. Every run's answer is checked (the zone read with the same size, ZONEMD
// verified, exit status 0) and the benchmark stops at the first wrong one. Targets: parse + ZONEMD
// at most 0.5× ldns's time, the full check at most 1.0× (process against process).
import BenchmarkSupport
import DNSZone
import Glibc

let usage = """
    usage: bench-zone [--rounds N] [--zone PATH] [--trust-anchor PATH] [--at TIME] [--preface PATH]
      --rounds N            rounds; each runs every contender once (default 15)
      --zone PATH           the signed zone, with a ZONEMD record (default Zones/root.zone)
      --trust-anchor PATH   DNSKEY or DS records for the zone's apex (default Zones/root.key)
      --at TIME             validation time, YYYYMMDDHHMMSS in UTC (default 20260801000000, inside
                            the signature window of Zones/root.zone)
      --preface PATH        the preface executable (default: the one beside bench-zone)
    """

var rounds = 15
var zonePath = "Zones/root.zone"
var trustAnchorPath = "Zones/root.key"
var timeText = "20260801000000"
var prefacePath = siblingExecutable("preface")
let arguments = Array(CommandLine.arguments.dropFirst())
for index in stride(from: 0, to: arguments.count, by: 2) {
    let value = index + 1 < arguments.count ? arguments[index + 1] : nil
    switch (arguments[index], value) {
    case ("--help", _), ("-h", _):
        print(usage)
        exit(0)
    case ("--rounds", let value?) where (Int(value) ?? 0) > 0:
        rounds = Int(value) ?? rounds
    case ("--zone", let value?):
        zonePath = value
    case ("--trust-anchor", let value?):
        trustAnchorPath = value
    case ("--at", let value?) where ZoneSignatureVerifier.time(value) != nil:
        timeText = value
    case ("--preface", let value?):
        prefacePath = value
    default:
        complain("bench-zone: cannot use the arguments \(arguments[index...].joined(separator: " "))\n\(usage)")
        exit(2)
    }
}
guard let time = ZoneSignatureVerifier.time(timeText) else {
    complain("bench-zone: --at \(timeText): give YYYYMMDDHHMMSS (UTC)")
    exit(2)
}
guard let ldnsVerifyZone = Command.find("ldns-verify-zone") else {
    complain("bench-zone: ldns-verify-zone is not on PATH; on Debian it is in the ldnsutils package")
    exit(1)
}
guard access(prefacePath, X_OK) == 0 else {
    complain("bench-zone: no preface executable at \(prefacePath); build it with `swift build -c release --product preface` or pass --preface")
    exit(1)
}
let prefaceCommand = Command(executable: prefacePath,
                             arguments: ["zone", "check", zonePath, "--trust-anchor", trustAnchorPath, "--at", timeText])
let ldnsCommand = Command(executable: ldnsVerifyZone,
                          arguments: ["-ZZ", "-t", timeText, "-k", trustAnchorPath, zonePath])

// MARK: What each side reads, once, untimed

var prefaceRecords = 0
var ldnsNames = 0
if let problem = PrefaceZone.run(zonePath, .parse, records: &prefaceRecords) {
    complain("bench-zone: Preface cannot read \(zonePath): \(problem)")
    exit(1)
}
if let problem = LDNSZone.run(zonePath, verifyDigest: false, names: &ldnsNames) {
    complain("bench-zone: ldns cannot read \(zonePath): \(problem)")
    exit(1)
}
let ldnsRecords = LDNSZone.recordCount(zonePath) ?? 0
print("bench-zone: \(zonePath), validation time \(timeText), trust anchor \(trustAnchorPath)")
print("  Preface reads \(prefaceRecords) records; ldns \(ldnsRecords) records at \(ldnsNames) names"
    + (prefaceRecords == ldnsRecords ? "" : "  (the counts differ)"))
print("  processes: \(prefaceCommand.line)")
print("             \(ldnsCommand.line)")

// MARK: The contenders

let contenders = [
    Contender(stage: .parse, side: .preface, name: "ZoneParser + Zone") {
        PrefaceZone.checked(zonePath, .parse, expecting: prefaceRecords)
    },
    Contender(stage: .parse, side: .ldns, name: "ldns_dnssec_zone_new_frm_fp") {
        LDNSZone.checked(zonePath, verifyDigest: false, expecting: ldnsNames)
    },
    Contender(stage: .digest, side: .preface, name: "… + ZoneDigest.verify") {
        PrefaceZone.checked(zonePath, .digest, expecting: prefaceRecords)
    },
    Contender(stage: .digest, side: .ldns, name: "… + ldns_dnssec_zone_verify_zonemd") {
        LDNSZone.checked(zonePath, verifyDigest: true, expecting: ldnsNames)
    },
    Contender(stage: .checkInProcess, side: .preface, name: "ZoneCheck in this process") {
        PrefaceZone.checked(zonePath, .check(trustAnchorPath: trustAnchorPath, time: time), expecting: prefaceRecords)
    },
    Contender(stage: .checkProcess, side: .preface, name: "preface zone check") { prefaceCommand.run() },
    Contender(stage: .checkProcess, side: .ldns, name: "ldns-verify-zone -ZZ") { ldnsCommand.run() },
]

// MARK: Rounds

// One untimed round warms the page cache and the allocator, and checks every answer once.
for contender in contenders {
    if let problem = contender.run() { abortWrongAnswer(contender, round: nil, problem) }
}
print("\n\(rounds) round\(rounds == 1 ? "" : "s"); each runs the \(contenders.count) contenders once, in an order rotated each round")
var timings = [[Double]](repeating: [], count: contenders.count)
let benchmarkStart = now()
for round in 0..<rounds {
    for step in 0..<contenders.count {
        let index = (round + step) % contenders.count
        let start = now()
        let problem = contenders[index].run()
        timings[index].append(now() - start)
        if let problem { abortWrongAnswer(contenders[index], round: round + 1, problem) }
    }
}
let elapsed = now() - benchmarkStart
for (index, contender) in contenders.enumerated() {
    let summary = Summary(timings[index])
    print("  \(padded(contender.stage.title, 36)) \(padded(contender.side.title, 8)) \(padded(contender.name, 35))"
        + " median \(padded(fixed(summary.median * 1000, 1), 7, right: true)) ms"
        + "   min \(padded(fixed(summary.minimum * 1000, 1), 7, right: true)) ms")
}
print("  (timed rounds took \(fixed(elapsed, 1)) s; every answer was checked: records read, ZONEMD verified, DNSSEC secure, exit status 0)")

// MARK: Against the targets

@MainActor
func summary(_ stage: Stage, _ side: Side) -> Summary? {
    contenders.firstIndex { $0.stage == stage && $0.side == side }.map { Summary(timings[$0]) }
}
print("\n  \(padded("stage", 36)) \(padded("Preface ms", 15, right: true))"
    + " \(padded("ldns ms", 15, right: true)) \(padded("Preface/ldns", 13, right: true)) \(padded("target", 8, right: true))  met?")
for (stage, comparedWith) in [(Stage.parse, Stage.parse), (.digest, .digest), (.checkProcess, .checkProcess),
                              (.checkInProcess, .checkProcess)] {
    guard let preface = summary(stage, .preface), let ldns = summary(comparedWith, .ldns) else { continue }
    let ratio = preface.median / ldns.median
    let target = stage.target.map { "≤ " + fixed($0, 2) + "×" } ?? "—"
    let met = stage.target.map { ratio <= $0 ? "yes" : "NO" } ?? "—"
    print("  \(padded(stage.title, 36)) \(padded(preface.text, 15, right: true)) \(padded(ldns.text, 15, right: true))"
        + " \(padded(fixed(ratio, 2) + "×", 13, right: true)) \(padded(target, 8, right: true))  \(met)")
}
print("  (milliseconds: the median round, the fastest in brackets; the ratio is of the medians)")
print("  (the in-process row compares ZoneCheck in this process with the ldns-verify-zone process: for reference)")

@MainActor
func abortWrongAnswer(_ contender: Contender, round: Int?, _ problem: String) -> Never {
    let when = round.map { "round \($0)" } ?? "the warm-up round"
    complain("bench-zone: \(contender.side.title) \(contender.name) gave a wrong answer in \(when): \(problem)")
    if contender.stage == .checkProcess {
        let command = contender.side == .preface ? prefaceCommand : ldnsCommand
        complain("  run it to see why: \(command.line)")
    }
    complain("bench-zone: stopped; timing a wrong answer says nothing")
    exit(1)
}

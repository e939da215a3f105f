// libFuzzer entry point for the DNSZone master-file parser, built by scripts/fuzz-zone together with the
// DNSWire sources and the DNSZone sources that do not need Crypto.
// Properties checked on every input (a violation aborts, which libFuzzer records as a crash):
// 1. Parsing never crashes. Errors are fine: the records read before the first error are kept.
// 2. text → records → text → records is the identity: every record read, printed with
//    `ResourceRecord.presentation` (absolute owner, TTL, class, type, RDATA) and read back with no origin and
//    no default TTL, gives the same records, in order, with owner names equal octet for octet (the printer
//    keeps letter case, so no case folding is allowed) and RDATA equal octet for octet.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small enough that one input stays fast; the fuzzer's inputs are capped well below these anyway.
private let fuzzLimits = ZoneLimits(maximumFileSize: 1 << 20, maximumRecordCount: 10_000)
private let fuzzOrigin = try! DomainName("example.") // trap-ok: a constant name

/// Reads records until the end of the text or the first error; the error, if any, comes back beside them.
private func readRecords(_ text: [UInt8], origin: DomainName?, defaultTTL: UInt32?) -> ([ResourceRecord], ZoneError?) {
    var parser = ZoneParser(text: text, file: "<fuzz>", origin: origin, defaultTTL: defaultTTL, limits: fuzzLimits)
    var records: [ResourceRecord] = []
    while true {
        do {
            guard let record = try parser.next() else { return (records, nil) }
            records.append(record)
        } catch let failure as ZoneError {
            return (records, failure)
        } catch {
            return (records, ZoneError(.syntax, file: "<fuzz>", line: 0, column: 0, "non-ZoneError thrown: \(error)"))
        }
    }
}

/// Whether two records are the same, names compared by their exact wire octets.
private func identical(_ a: ResourceRecord, _ b: ResourceRecord) -> Bool {
    a.name.wire == b.name.wire && a.type == b.type && a.class == b.class && a.ttl == b.ttl && a.rdata == b.rdata
}

/// Writes the failure to standard error (unbuffered, so nothing is lost to the abort) and aborts.
private func report(_ what: String, input: [UInt8], printed: String, detail: String) -> Never {
    let text = "== zone round trip: \(what)\n== input:\n\(String(decoding: input, as: UTF8.self))\n"
        + "== printed:\n\(printed)\n== \(detail)\n"
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let (records, _) = readRecords(input, origin: fuzzOrigin, defaultTTL: 3600)
    guard !records.isEmpty else { return 0 }
    let printed = records.map(\.presentation).joined(separator: "\n")
    // No origin (stricter than the root): a relative name in the printed text is an error, not read as absolute.
    let (again, failure) = readRecords(Array(printed.utf8), origin: nil, defaultTTL: nil)
    if let failure {
        report("the printed records do not parse", input: input, printed: printed, detail: "\(failure)")
    }
    guard again.count == records.count else {
        report("record count changed", input: input, printed: printed,
               detail: "\(records.count) records printed, \(again.count) read back")
    }
    for (index, (first, second)) in zip(records, again).enumerated() where !identical(first, second) {
        report("record \(index + 1) changed", input: input, printed: printed,
               detail: "first  \(first.presentation)\n   owner \(first.name.wire) rdata \(first.rdata)\n"
                   + "second \(second.presentation)\n   owner \(second.name.wire) rdata \(second.rdata)")
    }
    return 0
}

import DNSWire
import Foundation
import Testing
@testable import DNSZone

/// Differential test: for every zone file in Zones/, Preface's whole-zone verdict (`ZoneCheck.passed`)
/// against `ldns-verify-zone -Z` at the same validation time with the same trust anchor. The two
/// must agree on pass/fail, except where `knownDisagreements` says why they may not.
@Suite(.enabled(if: VerifyZoneTool.installed || VerifyZoneTool.required,
                "\(VerifyZoneTool.path) is not installed (scripts/bootstrap installs ldnsutils)"))
struct LDNSVerifyZoneTests {
    /// Cases where ldns and Preface reach different verdicts, and which side the RFCs support.
    /// A disagreement not listed fails the test; so does a listed case that now agrees.
    /// Empty: ldns 1.8.3 and Preface agree on every zone. Where the Verisign suite's
    /// `expected_result` differs from both (22, 50, 53, 81), `VerisignSuiteTests.overrides` says why.
    static let knownDisagreements: [String: String] = [:]

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var path: String
        /// Absolute, with the trailing dot.
        var origin: String
        /// `YYYYMMDDHHMMSS`; nil: the latest RRSIG inception in the zone (when it was signed).
        var time: String?
        /// A file of DNSKEY or DS records, given to both sides; nil: each checks the zone against
        /// its own keys (ldns reads its default anchor file only with -S, which is never used here).
        var anchor: String?
        var description: String { name }
    }

    static let appendixDirectory = ZoneVectorFiles.zonemd + "/ldns-25-ZONEMD/"

    /// The RFC 8976 Appendix A zones (A.1–A.3 are written with names relative to `example.`) and
    /// ldns' repeated-scheme test zone, by file name: origin and validation time.
    static let appendixZones: [String: (origin: String, time: String?)] = [
        "A.1.Simple-EXAMPLE-Zone.zone": ("example.", nil),
        "A.2.Complex-EXAMPLE-Zone.zone": ("example.", nil),
        "A.3.EXAMPLE-Zone-with-multiple-digests.zone": ("example.", nil),
        // Its signatures (made 2018-10-07/08, expiring from 2018-10-28) are valid at the transfer
        // time the file records. But the ZONEMD was added after signing: no RRSIG covers it and the
        // apex NSEC bitmap lacks it, so both tools fail the zone (RFC 8976 §4 has a signed zone's
        // ZONEMD RRset validated with DNSSEC first).
        "A.4.The-URI.ARPA-Zone.zone": ("uri.arpa.", "20181021203928"),
        "A.5.The-ROOT-SERVERS.NET-Zone.zone": ("root-servers.net.", nil),
        "repeated-ZONEMD-scheme-and-algorithm.zone": ("example.", nil),
    ]

    static let cases: [Case] = {
        let root = ZoneVectorFiles.zones + "/root.zone"
        var result = [
            // Inside the signatures' validity (2026-07-31 to 2026-08-13), anchored at the root KSKs.
            Case(name: "root.zone@20260801000000+root.key", path: root, origin: ".", time: "20260801000000",
                 anchor: ZoneVectorFiles.zones + "/root.key"),
            // After every signature has expired.
            Case(name: "root.zone@20261125000000", path: root, origin: ".", time: "20261125000000", anchor: nil),
        ]
        result += appendixZones.keys.sorted().compactMap { file in
            appendixZones[file].map { Case(name: String(file.dropLast(".zone".count)), path: appendixDirectory + file,
                                           origin: $0.origin, time: $0.time, anchor: nil) }
        }
        result += VerisignSuiteTests.cases.map {
            Case(name: $0.name, path: VerisignSuiteTests.directory + $0.name + "/" + $0.zonefile,
                 origin: $0.origin.hasSuffix(".") ? $0.origin : $0.origin + ".", time: $0.validationTime, anchor: nil)
        }
        return result
    }()

    @Test func everyZoneFileIsACase() {
        #expect(ZoneVectorFiles.list(Self.appendixDirectory, suffix: ".zone") == Self.appendixZones.keys.sorted())
        #expect(Self.cases.count == 2 + Self.appendixZones.count + VerisignSuiteTests.cases.count)
        let names = Set(Self.cases.map(\.name))
        #expect(names.count == Self.cases.count)
        for name in Self.knownDisagreements.keys { #expect(names.contains(name), "\(name) is listed but is no case") }
    }

    @Test(arguments: cases)
    func verdictsAgree(_ testCase: Case) throws {
        try #require(VerifyZoneTool.installed, "PREFACE_INTEGRATION=1 needs \(VerifyZoneTool.path): run scripts/bootstrap")
        let preface = try Self.prefaceVerdict(testCase)
        let ldns = try Self.ldnsVerdict(testCase, time: preface.time)
        let verdicts = "ldns \(ldns.passed ? "passes" : "fails") (\(ldns.detail)); Preface \(preface.passed ? "passes" : "fails") (\(preface.detail))"
        if let reason = Self.knownDisagreements[testCase.name] {
            #expect(ldns.passed != preface.passed, "listed as a disagreement (\(reason)) but both agree now: \(verdicts)")
        } else {
            #expect(ldns.passed == preface.passed, "\(verdicts)")
        }
    }

    /// `ZoneCheck.passed`, and the validation time used (the case's, else the latest RRSIG
    /// inception), for ldns to use too. A zone that does not load fails.
    static func prefaceVerdict(_ testCase: Case) throws -> (passed: Bool, detail: String, time: String?) {
        let zone: Zone
        do {
            zone = try Zone.load(path: testCase.path, origin: DomainName(testCase.origin))
        } catch let error as ZoneError {
            return (false, "\(error)", testCase.time)
        }
        var time = testCase.time
        if time == nil {
            let inceptions = zone.rrsets.filter { $0.type == .rrsig }.flatMap(\.records)
                .compactMap { try? $0.view(as: RRSIG.self).inception }
            time = inceptions.max().map { TimeText.string(UInt64($0)) }
        }
        let seconds = try time.map { try #require(ZoneSignatureVerifier.time($0), "bad time \($0)") } ?? 0
        let anchor = try testCase.anchor.map { try TrustAnchor.load(path: $0, at: UInt32(clamping: seconds)) }
        let check = ZoneCheck(zone: zone, trustAnchor: anchor, at: seconds)
        let detail = check.passed
            ? "ZONEMD \(check.digest.status), DNSSEC \(check.signatures.status)"
            : check.problems.joined(separator: "; ")
        return (check.passed, detail, time)
    }

    /// `ldns-verify-zone -Z -V 1 [-t T] [-k anchor] FILE`: exit status 0 is a pass. ldns reads the
    /// file with no origin (examples/ldns-verify-zone.c), so a file without `$ORIGIN` is given to
    /// it as a temporary copy that starts with one.
    static func ldnsVerdict(_ testCase: Case, time: String?) throws -> (passed: Bool, detail: String) {
        var path = testCase.path
        var copy: URL?
        defer { if let copy { try? FileManager.default.removeItem(at: copy) } }
        let text = try Data(contentsOf: URL(fileURLWithPath: testCase.path))
        let declaresOrigin = text.split(separator: UInt8(ascii: "\n")).contains { line in
            line.prefix(7).map { $0 | 0x20 } == Array("$origin".utf8)
        }
        if !declaresOrigin {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("preface-ldns-\(UUID().uuidString)-\(URL(fileURLWithPath: path).lastPathComponent)")
            try (Data("$ORIGIN \(testCase.origin)\n".utf8) + text).write(to: url)
            copy = url
            path = url.path
        }
        var arguments = ["-Z", "-V", "1"]
        if let time { arguments += ["-t", time] }
        if let anchor = testCase.anchor { arguments += ["-k", anchor] }
        arguments.append(path)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: VerifyZoneTool.path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Read before waiting: an expired root zone prints one line per RRset, more than a pipe holds.
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationReason == .exit, "ldns-verify-zone was killed by signal \(process.terminationStatus)")
        let lines = printed.split(separator: "\n")
        let detail = "exit \(process.terminationStatus): " + lines.prefix(2).joined(separator: "; ")
            + (lines.count > 2 ? "; … \(lines.count - 2) more lines" : "")
        return (process.terminationStatus == 0, detail)
    }
}

/// Where ldns-verify-zone is, and whether a missing one fails the run or skips it.
enum VerifyZoneTool {
    static let path = "/usr/bin/ldns-verify-zone"
    static let installed = FileManager.default.isExecutableFile(atPath: path)
    /// CI sets PREFACE_INTEGRATION=1: there a missing tool is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1"
}

import Foundation
import Testing

/// `preface conform stubs` end to end, as root, with the clients `.ci/run` installs: the headline
/// cells of the matrix are what those clients really do (measured, not modelled).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1" && getuid() == 0,
                "needs root and PREFACE_INTEGRATION=1 (network namespaces)"))
struct ConformStubsTests {
    struct Report: Decodable {
        struct Cell: Decodable {
            let subject: String
            let scenario: String
            let verdict: String
        }
        struct Heading: Decodable {
            let id: String
            let skippedBecause: String?
        }
        let cells: [Cell]
        let subjects: [Heading]
    }

    static func namespaces() throws -> Set<String> {
        Set(try DecodeCommandTests.run("/usr/sbin/ip", ["netns", "list"]).split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0.hasPrefix("preface-conform-") })
    }

    nonisolated(unsafe) static var runnerPID: Int32 = 0

    static let report: Result<Report, Error> = Result {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("preface-conform-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let run = try DecodeCommandTests.preface([
            "conform", "stubs", "--repeat", "1",
            "--subjects", "glibc-getaddrinfo,python,musl,c-ares,go,node,preface",
            "--json", json.path,
        ])
        runnerPID = run.pid
        guard run.status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: run.error]) }
        return try JSONDecoder().decode(Report.self, from: Data(contentsOf: json))
    }

    func verdict(_ subject: String, _ scenario: String) throws -> String? {
        try Self.report.get().cells.first { $0.subject == subject && $0.scenario == scenario }?.verdict
    }

    @Test func glibcGetaddrinfoBreaksOnCNAMEsAfterTheAddresses() throws {
        #expect(try verdict("glibc-getaddrinfo-inet", "01-chain-in-order/A") == "OK")
        #expect(try verdict("glibc-getaddrinfo-inet", "02-cnames-after-addresses/A") == "EMPTY")
    }

    @Test func muslFollowsTheChainWhateverTheOrder() throws {
        let report = try Self.report.get()
        try #require(report.subjects.first { $0.id == "musl-getaddrinfo-inet" }?.skippedBecause == nil)
        #expect(try verdict("musl-getaddrinfo-inet", "02-cnames-after-addresses/A") == "OK")
    }

    @Test func prefaceExtractorIsOKEverywhere() throws {
        let cells = try Self.report.get().cells.filter { $0.subject == "preface-extractor" && $0.verdict != "SKIPPED" }
        #expect(cells.count >= 17)
        #expect(cells.allSatisfy { $0.verdict == "OK" }, "\(cells.filter { $0.verdict != "OK" }.map { "\($0.scenario) \($0.verdict)" })")
    }

    @Test func noClientIsEverWrongOnTheControls() throws {
        let controls = try Self.report.get().cells.filter { $0.scenario.hasPrefix("01-") || $0.scenario.hasPrefix("09-") }
        #expect(!controls.isEmpty)
        #expect(controls.allSatisfy { $0.verdict == "OK" || $0.verdict == "SKIPPED" },
                "\(controls.filter { $0.verdict != "OK" && $0.verdict != "SKIPPED" }.map { "\($0.subject) \($0.scenario) \($0.verdict)" })")
    }

    @Test func noNamespaceIsLeftBehind() throws {
        _ = try Self.report.get()
        // Only this run's namespace is checked: other tests of the bundle may be running their own.
        #expect(Self.runnerPID != 0)
        #expect(try !Self.namespaces().contains("preface-conform-\(Self.runnerPID)"))
    }
}

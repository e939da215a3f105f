import Foundation
import Synchronization
import Testing

@testable import DNSConformance

/// The four reports of `preface conform` on a small matrix built by hand: every verdict, a skipped subject,
/// a position with no result, a FLAKY cell whose runs differ, and output that tries to break out of
/// terminals, XML and HTML.
struct ReportTests {
    /// Text a hostile or broken client might print: markup, quotes, an ANSI clear-screen, a bell, NUL, a
    /// CDATA terminator, a C1 CSI and a right-to-left override.
    static let hostile = "<script>alert(\"x & 'y'\")</script>\u{1B}[2J\u{07}\u{00}]]>\u{9B}31m\u{202E}evil"

    static func run(_ verdict: Verdict, _ addresses: [String], error: String? = nil, status: Int32 = 0,
                    output: String? = nil, standardError: String = "") -> RunRecord {
        RunRecord(verdict: verdict, observation: Observation(addresses: addresses, error: error), status: status,
                  standardOutput: output ?? addresses.map { $0 + "\n" }.joined(), standardError: standardError,
                  seconds: 0.0125)
    }

    static func cell(_ subject: String, _ scenario: String, _ runs: [RunRecord], note: String? = nil,
                     expected: [String] = ["192.0.2.1", "192.0.2.2"]) -> Cell {
        Cell(subject: subject, scenario: scenario, expected: expected, verdict: Cell.combined(runs), note: note, runs: runs)
    }

    static let matrix: Matrix = {
        let good = ["192.0.2.1", "192.0.2.2"]
        let subjects = [
            Heading(id: "glibc-getaddrinfo-inet", title: "glibc getaddrinfo AF_INET"),
            Heading(id: "musl-getaddrinfo-inet", title: "musl getaddrinfo AF_INET"),
            Heading(id: "java-inetaddress", title: "Java InetAddress", skippedBecause: "java not found on PATH \u{1B}[31m"),
            Heading(id: "node-lookup", title: "Node dns.lookup"),
        ]
        let scenarios = [
            Heading(id: "chain-in-order/A", title: "Chain in order (A)"),
            Heading(id: "cnames-after-addresses/A", title: "CNAMEs after the addresses (A)"),
            Heading(id: "chain-in-order/AAAA", title: "Chain in order (AAAA)"),
            Heading(id: "unrelated-address-first/A", title: "Unrelated address placed first (A)"),
        ]
        let cells = [
            cell("glibc-getaddrinfo-inet", "chain-in-order/A", Array(repeating: run(.ok, good), count: 3)),
            cell("glibc-getaddrinfo-inet", "cnames-after-addresses/A",
                 Array(repeating: run(.empty, [], error: "EAI_NONAME", output: "ERROR Name or service not known\n"), count: 3)),
            cell("glibc-getaddrinfo-inet", "chain-in-order/AAAA", [], note: "asks for A only"),
            cell("glibc-getaddrinfo-inet", "unrelated-address-first/A", [run(.wrong, ["198.51.100.7", "192.0.2.1", "192.0.2.2"])]),
            cell("musl-getaddrinfo-inet", "chain-in-order/A", [run(.ok, good)]),
            cell("musl-getaddrinfo-inet", "cnames-after-addresses/A", [run(.ok, good)]),
            cell("musl-getaddrinfo-inet", "chain-in-order/AAAA", [run(.partial, ["2001:db8::1"])],
                 expected: ["2001:db8::1", "2001:db8::2"]),
            cell("musl-getaddrinfo-inet", "unrelated-address-first/A",
                 [run(.crash, [], status: -11, output: "", standardError: "Segmentation fault " + hostile)]),
            cell("node-lookup", "chain-in-order/A", [run(.timeout, [], status: -9, output: "")]),
            cell("node-lookup", "cnames-after-addresses/A", [
                run(.ok, good),
                run(.empty, [], error: "ENOTFOUND", output: hostile, standardError: hostile),
                run(.ok, good),
            ]),
            cell("node-lookup", "chain-in-order/AAAA", [run(.ok, ["2001:db8::1", "2001:db8::2"])],
                 expected: ["2001:db8::1", "2001:db8::2"]),
            // node-lookup × unrelated-address-first/A: no result recorded.
        ]
        return Matrix(mode: "stubs", subjects: subjects, scenarios: scenarios, cells: cells,
                      environment: ["os": "Debian GNU/Linux 12 (bookworm)", "glibc": "2.36", "note": hostile])
    }()

    // MARK: terminal

    @Test func terminalShowsEverySubjectAndVerdictWithoutColour() {
        let text = TerminalReport.render(Self.matrix, colour: false)
        #expect(!text.contains("\u{1B}"), "no escape character at all, not even from a skip reason")
        #expect(!text.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x07 })
        for subject in Self.matrix.subjects { #expect(text.contains(subject.title)) }
        for verdict in Verdict.allCases where verdict != .skipped { #expect(text.contains(verdict.rawValue)) }
        #expect(text.contains("java not found on PATH \\x1b[31m"), "the skip reason with its escape spelt out")

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("subject                   S01     S02     S03     S04"))
        #expect(lines.contains("glibc getaddrinfo AF_INET OK      EMPTY   –       WRONG"))
        #expect(lines.contains("musl getaddrinfo AF_INET  OK      OK      PARTIAL CRASH"))
        #expect(lines.contains("Node dns.lookup           TIMEOUT FLAKY   OK      –"))
        #expect(lines.contains("  S02  CNAMEs after the addresses (A)      cnames-after-addresses/A"))
        #expect(lines.contains("  Java InetAddress (java-inetaddress): java not found on PATH \\x1b[31m"))
        #expect(lines.contains("  glibc getaddrinfo AF_INET, 1 case: asks for A only"))
        #expect(lines.contains("  Node dns.lookup, 1 case: no result recorded"))
        #expect(lines.contains("  FLAKY    " + Verdict.flaky.meaning))
        #expect(lines.contains("Totals: OK 4 · EMPTY 1 · PARTIAL 1 · WRONG 1 · CRASH 1 · TIMEOUT 1 · FLAKY 1 · SKIPPED 2"))
        // The skipped subject is listed, not drawn as a row.
        #expect(!lines.contains { $0.hasPrefix("Java InetAddress") })
    }

    @Test func terminalColoursVerdicts() {
        let text = TerminalReport.render(Self.matrix, colour: true)
        #expect(text.contains("\u{1B}[32mOK     \u{1B}[0m"))
        #expect(text.contains("\u{1B}[33mEMPTY  \u{1B}[0m"))
        #expect(text.contains("\u{1B}[31mWRONG\u{1B}[0m"))
        #expect(text.contains("\u{1B}[35mFLAKY  \u{1B}[0m"))
        #expect(text.contains("\u{1B}[90m–      \u{1B}[0m"))
        // Colour never changes what is written, only how.
        let stripped = text.replacing(/\x1B\[[0-9;]*m/, with: "")
        #expect(stripped == TerminalReport.render(Self.matrix, colour: false))
    }

    @Test func terminalSplitsWideMatricesIntoBands() {
        let text = TerminalReport.render(Self.matrix, colour: false, width: 45)
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("subject") }
        #expect(headers == ["subject                   S01     S02", "subject                   S03     S04"])
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("Node dns.lookup") }.count == 2)
    }

    @Test func progressBarCountsConcurrentAdvances() async {
        let written = Mutex<[String]>([])
        let bar = ProgressBar(total: 120, barWidth: 10, sink: { text in written.withLock { $0.append(text) } })
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<120 { group.addTask { bar.advance() } }
        }
        bar.finish()
        bar.finish()
        bar.advance()
        let lines = written.withLock { $0 }
        #expect(bar.completed == 120)
        #expect(lines.count == 121, "one line per advance and one for finish, nothing after")
        #expect(lines[41] == "\r[###.......] 42/120 cells")
        #expect(lines.last == "\r[##########] 120/120 cells\n")
    }

    // MARK: JSON

    @Test func jsonRoundTripsWithRawOutputs() throws {
        let data = try JSONReport.data(Self.matrix)
        let decoded = try JSONDecoder().decode(Matrix.self, from: data)
        #expect(Self.same(decoded, Self.matrix))
        #expect(Self.same(try JSONReport.matrix(from: data), Self.matrix))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\n  \"cells\" : ["), "pretty-printed")
        let keys = ["cells", "environment", "mode", "scenarios", "subjects"].map { "\n  \"\($0)\" : " }
        let offsets = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(offsets.count == keys.count && offsets == offsets.sorted(), "top-level keys sorted")
        #expect(text.contains("\"standardError\" : \"Segmentation fault <script>"), "raw output kept, slashes unescaped")
    }

    static func same(_ a: Matrix, _ b: Matrix) -> Bool {
        a.mode == b.mode && a.subjects == b.subjects && a.scenarios == b.scenarios && a.cells == b.cells
            && a.environment == b.environment
    }

    // MARK: JUnit

    @Test func junitIsWellFormedXMLWithTheRightCounts() throws {
        let xml = JUnitReport.render(Self.matrix)
        let summary = try Self.python(Self.junitSummaryScript, input: xml)
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        #expect(counts["suite"] as? String == "preface conform stubs")
        // 4 subjects × 4 cases; the skipped subject's 4 and 2 positions not run are skipped; 6 are not OK.
        #expect(counts["tests"] as? String == "16")
        #expect(counts["failures"] as? String == "6")
        #expect(counts["skipped"] as? String == "6")
        #expect(counts["errors"] as? String == "0")
        #expect(counts["testcases"] as? Int == 16)
        #expect(counts["failureElements"] as? Int == 6)
        #expect(counts["skippedElements"] as? Int == 6)
        #expect(counts["failureTypes"] as? [String] == ["CRASH", "EMPTY", "FLAKY", "PARTIAL", "TIMEOUT", "WRONG"])
        #expect(xml.contains("<testcase classname=\"glibc-getaddrinfo-inet\" name=\"chain-in-order/A\" time=\"0.038\"/>"))
        #expect(xml.contains("<skipped message=\"subject skipped: java not found on PATH \\x1b[31m\"/>"))
        #expect(xml.contains("<failure message=\"EMPTY\" type=\"EMPTY\">expected 192.0.2.1 192.0.2.2, got EMPTY\n"))
        // The FLAKY cell names every run, and the hostile output arrives as text.
        let flaky = try #require(counts["flakyText"] as? String)
        #expect(flaky.contains("run 1 of 3: OK, got 192.0.2.1 192.0.2.2"))
        #expect(flaky.contains("run 2 of 3: EMPTY, got nothing, error: ENOTFOUND, exit 0"))
        #expect(flaky.contains("stdout: <script>alert(\"x & 'y'\")</script>\\x1b[2J\\x07\\x00]]>\\x9b31m\\u{202e}evil"))
    }

    static let junitSummaryScript = """
    import json, sys, xml.dom.minidom
    document = xml.dom.minidom.parse(sys.stdin)
    suite = document.documentElement
    assert suite.tagName == "testsuite", suite.tagName
    failures = suite.getElementsByTagName("failure")
    flaky = [f for f in failures if f.getAttribute("type") == "FLAKY"]
    print(json.dumps({
        "suite": suite.getAttribute("name"),
        "tests": suite.getAttribute("tests"), "failures": suite.getAttribute("failures"),
        "skipped": suite.getAttribute("skipped"), "errors": suite.getAttribute("errors"),
        "testcases": len(suite.getElementsByTagName("testcase")),
        "failureElements": len(failures),
        "skippedElements": len(suite.getElementsByTagName("skipped")),
        "failureTypes": sorted(f.getAttribute("type") for f in failures),
        "flakyText": flaky[0].firstChild.data if flaky else None,
    }))
    """

    /// Runs a Python 3 script (`scripts/bootstrap` installs python3) with `input` on standard input.
    static func python(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let standardInput = Pipe()
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let error = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3: \(String(decoding: error, as: UTF8.self))")
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: HTML

    @Test func htmlEscapesEverythingAndLoadsNothing() {
        let html = HTMLReport.render(Self.matrix)
        #expect(!html.lowercased().contains("<script"), "the page has no script, and injected ones are escaped")
        #expect(html.contains("&lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;\\x1b[2J\\x07\\x00]]&gt;\\x9b31m\\u{202e}evil"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(html.contains("default-src 'none'"))
        for subject in Self.matrix.subjects { #expect(html.contains(Self.htmlText(subject.title))) }
        for scenario in Self.matrix.scenarios { #expect(html.contains(Self.htmlText(scenario.title))) }
        #expect(html.contains("java not found on PATH \\x1b[31m"))
        #expect(html.contains("<div><dt>glibc</dt><dd>2.36</dd></div>"), "environment table")
        // 3 rows × 4 cells in the matrix body.
        let body = html.split(separator: "<tbody>")[1].split(separator: "</tbody>")[0]
        #expect(body.components(separatedBy: "<tr>").count - 1 == 3)
        #expect(body.components(separatedBy: "<td class=\"v-").count - 1 == 12)
        #expect(body.contains("<td class=\"v-flaky\" title=\"Node dns.lookup — CNAMEs after the addresses (A)&#10;FLAKY: "))
        #expect(body.contains("&#10;expected: 192.0.2.1 192.0.2.2&#10;run 1 of 3: OK, got 192.0.2.1 192.0.2.2, exit 0, 0.013 s&#10;"))
        #expect(body.contains("<td class=\"v-empty\" title=\"glibc getaddrinfo AF_INET — CNAMEs after the addresses (A)"))
    }

    static func htmlText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    // MARK: screenshot

    /// Renders the page of a full-size matrix with headless Chromium (`scripts/bootstrap` installs it) and
    /// checks the picture is not blank. The PNG stays at `$TMPDIR/preface-conform-report.png` to look at.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1"), .timeLimit(.minutes(2)))
    func htmlRendersInHeadlessChromium() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
        let page = directory.appendingPathComponent("preface-conform-report.html")
        let picture = directory.appendingPathComponent("preface-conform-report.png")
        try HTMLReport.render(Self.fullSizeMatrix).write(to: page, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: picture)

        let browser = try #require(["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(Self.executable).first,
                                   "no Chromium on PATH: run scripts/bootstrap")
        let profile = directory.appendingPathComponent("preface-chromium-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
            // Only the file:// page is opened; keep Chromium from reaching anything else.
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--disable-sync", "--no-first-run", "--no-default-browser-check", "--metrics-recording-only",
            "--no-proxy-server", "--user-data-dir=" + profile.path,
            "--window-size=1400,900", "--screenshot=" + picture.path, page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()

        let size = try FileManager.default.attributesOfItem(atPath: picture.path)[.size] as? Int ?? 0
        #expect(size > 10_000, "screenshot at \(picture.path) is \(size) bytes")
        let signature = try Data(contentsOf: picture).prefix(8)
        #expect(signature == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG")
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A matrix the size of the real stub run: 17 scenarios in two flavours, a dozen subjects, two skipped,
    /// every verdict somewhere, and the hostile output in one cell.
    static let fullSizeMatrix: Matrix = {
        let scenarioTitles = [
            "Chain in order", "CNAMEs after the addresses", "Partial merge (fresh tail, cached head appended)",
            "One CNAME after the addresses", "CNAMEs in reverse chain order", "Whole answer section reversed",
            "Address RRset split around the CNAMEs", "Address RRset split between the CNAMEs",
            "Plain addresses, no CNAME", "Unknown type in the middle of the chain", "Unknown type at the end",
            "Mixed letter case in owners and targets", "Unrelated address appended", "Unrelated address placed first",
            "Unrelated CNAME in the middle", "A in order, AAAA reordered", "AAAA in order, A reordered",
        ]
        var scenarios: [Heading] = []
        for (index, title) in scenarioTitles.enumerated() {
            for flavour in ["A", "AAAA"] {
                scenarios.append(Heading(id: "scenario-\(index + 1)/\(flavour)", title: "\(title) (\(flavour))"))
            }
        }
        let subjectTitles = [
            "glibc getaddrinfo AF_INET", "glibc getaddrinfo AF_INET6", "glibc getaddrinfo AF_UNSPEC",
            "glibc gethostbyname", "getent ahosts", "Python socket.getaddrinfo", "musl getaddrinfo",
            "c-ares ares_getaddrinfo", "c-ares ares_parse_a_reply", "Go LookupHost (netdns=go)", "Node dns.lookup",
            "Node dns.resolve4/6", "dnspython", "Preface chain extractor",
        ]
        var subjects = subjectTitles.enumerated().map { Heading(id: "subject-\($0.offset + 1)", title: $0.element) }
        subjects.append(Heading(id: "java-inetaddress", title: "Java InetAddress", skippedBecause: "java not found on PATH"))
        subjects.append(Heading(id: "getdns", title: "getdns", skippedBecause: "libgetdns not installed (apt-get install libgetdns-dev)"))
        // Mostly OK, as real clients are, with every other verdict scattered in.
        let pattern: [Verdict] = [.empty, .empty, .partial, .wrong, .crash, .timeout, .flaky]
        var cells: [Cell] = []
        for (row, subject) in subjects.prefix(subjectTitles.count).enumerated() {
            for (column, scenario) in scenarios.enumerated() {
                let verdict: Verdict = row == subjectTitles.count - 1 ? .ok
                    : row == 3 && column % 2 == 1 ? .skipped
                    : pattern.indices.contains((row * 31 + column * 17 + row * column * 7) % 23)
                        ? pattern[(row * 31 + column * 17 + row * column * 7) % 23] : .ok
                let runs = verdict == .skipped ? [] : verdict == .flaky
                    ? [run(.ok, ["192.0.2.1"]), run(.empty, [], error: "EAI_NONAME", output: hostile), run(.ok, ["192.0.2.1"])]
                    : [run(verdict, verdict == .ok ? ["192.0.2.1"] : [])]
                cells.append(Cell(subject: subject.id, scenario: scenario.id, expected: ["192.0.2.1"], verdict: verdict,
                                  note: verdict == .skipped ? "gethostbyname asks for A only" : nil, runs: runs))
            }
        }
        return Matrix(mode: "stubs", subjects: subjects, scenarios: scenarios, cells: cells, environment: [
            "os": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-40-amd64", "glibc": "2.36", "python": "3.11.2",
            "node": "18.19.0", "go": "1.19.8", "repeat": "3", "measured": "2026-02-01T12:00:00Z",
        ])
    }()
}

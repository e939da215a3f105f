/// The matrix as JUnit XML for CI: one `<testsuite name="preface conform MODE">`, one
/// `<testcase classname="SUBJECT-ID" name="SCENARIO-ID">` per position of subjects × scenario cases.
///
/// - OK passes.
/// - SKIPPED (and a position with no result, and every case of a skipped subject) is `<skipped message="why"/>`.
/// - Every other verdict is `<failure message="VERDICT" type="VERDICT">` whose text gives the expected
///   addresses, what each run returned, and its output (clipped; the JSON report keeps it whole).
///
/// The measure is always "returned exactly the chain's addresses", so a failure means the client got it
/// wrong, not that the run went wrong. In resolver mode that is what is wanted everywhere. In stub mode
/// many failures are the known truth about a client (glibc `getaddrinfo` is EMPTY when the CNAMEs follow
/// the addresses): they are still reported as failures, because that is what the data says; a CI job
/// that wants to gate on a change should compare against a recorded report, not on this suite passing.
public enum JUnitReport {
    public static func render(_ matrix: Matrix) -> String {
        let grid = ReportGrid(matrix)
        var cases: [String] = []
        var failures = 0
        var skipped = 0
        var totalSeconds = 0.0

        for subject in matrix.subjects {
            for scenario in matrix.scenarios {
                let cell = subject.skippedBecause == nil ? grid.cell(subject: subject.id, scenario: scenario.id) : nil
                let seconds = cell?.runs.reduce(0) { $0 + ($1.seconds.isFinite ? $1.seconds : 0) } ?? 0
                totalSeconds += seconds
                var element = "  <testcase classname=\"\(Markup.attribute(subject.id))\" name=\"\(Markup.attribute(scenario.id))\""
                    + " time=\"\(ReportText.seconds(seconds))\""
                let verdict = cell?.verdict ?? .skipped
                switch verdict {
                case .ok:
                    element += "/>"
                case .skipped:
                    skipped += 1
                    let reason = subject.skippedBecause.map { "subject skipped: " + $0 }
                        ?? cell?.note ?? "no result recorded"
                    element += ">\n    <skipped message=\"\(Markup.attribute(reason))\"/>\n  </testcase>"
                default:
                    failures += 1
                    let name = Markup.attribute(verdict.rawValue)
                    element += ">\n    <failure message=\"\(name)\" type=\"\(name)\">"
                        + Markup.text(cell.map(failureText) ?? "") + "</failure>\n  </testcase>"
                }
                cases.append(element)
            }
        }

        let tests = matrix.subjects.count * matrix.scenarios.count
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuite name=\"\(Markup.attribute("preface conform " + matrix.mode))\" tests=\"\(tests)\""
                + " failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(ReportText.seconds(totalSeconds))\">",
        ]
        if !matrix.environment.isEmpty {
            lines.append("  <properties>")
            for key in matrix.environment.keys.sorted() {
                lines.append("    <property name=\"\(Markup.attribute(key))\" value=\"\(Markup.attribute(matrix.environment[key] ?? ""))\"/>")
            }
            lines.append("  </properties>")
        }
        lines += cases
        lines.append("</testsuite>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Output kept per stream in a failure; the JSON report has all of it.
    static let outputLimit = 2000

    /// `expected …`, then per run what it got and what it printed.
    private static func failureText(_ cell: Cell) -> String {
        var lines = ["expected " + ReportGrid.expectedText(cell) + ", got \(cell.verdict.rawValue)"]
        if let note = cell.note { lines.append("note: " + note) }
        for (index, run) in cell.runs.enumerated() {
            lines.append("run \(index + 1) of \(cell.runs.count): " + ReportGrid.summary(of: run))
            lines.append(ReportGrid.outputText(of: run, limit: outputLimit))
        }
        return lines.joined(separator: "\n")
    }
}

/// The matrix as every report lays it out: which subjects form rows, the verdict at each position,
/// column codes, totals, and the words that describe a cell. The one place the reports share, so the
/// terminal, JUnit and HTML pages always agree on what they count.
struct ReportGrid {
    let matrix: Matrix
    /// Subjects that ran: the rows of the matrix.
    let rows: [Heading]
    /// Subjects absent here, listed apart with their reasons.
    let skippedSubjects: [Heading]
    private let cellsByPosition: [Position: Cell]

    private struct Position: Hashable {
        let subject: String
        let scenario: String
    }

    init(_ matrix: Matrix) {
        self.matrix = matrix
        rows = matrix.subjects.filter { $0.skippedBecause == nil }
        skippedSubjects = matrix.subjects.filter { $0.skippedBecause != nil }
        var cells: [Position: Cell] = [:]
        for cell in matrix.cells {
            // The first cell recorded for a position wins, as in `Matrix.cell(subject:scenario:)`.
            let position = Position(subject: cell.subject, scenario: cell.scenario)
            if cells[position] == nil { cells[position] = cell }
        }
        cellsByPosition = cells
    }

    var columns: [Heading] { matrix.scenarios }

    func cell(subject: String, scenario: String) -> Cell? {
        cellsByPosition[Position(subject: subject, scenario: scenario)]
    }

    /// A position the runner recorded nothing for was not run.
    func verdict(subject: String, scenario: String) -> Verdict {
        cell(subject: subject, scenario: scenario)?.verdict ?? .skipped
    }

    /// How many positions of the rows × columns grid hold each verdict, in `Verdict.allCases` order.
    var totals: [(verdict: Verdict, count: Int)] {
        var counts: [Verdict: Int] = [:]
        for row in rows {
            for column in columns {
                counts[verdict(subject: row.id, scenario: column.id), default: 0] += 1
            }
        }
        return Verdict.allCases.map { ($0, counts[$0, default: 0]) }
    }

    /// Positions not run although their subject ran (e.g. a client that never asks for AAAA), grouped by
    /// subject and reason so one line covers many columns.
    var cellsNotRun: [(subject: Heading, reason: String, count: Int)] {
        var groups: [(subject: Heading, reason: String, count: Int)] = []
        for row in rows {
            var order: [String] = []
            var counts: [String: Int] = [:]
            for column in columns where verdict(subject: row.id, scenario: column.id) == .skipped {
                let reason = cell(subject: row.id, scenario: column.id)?.note ?? "no result recorded"
                if counts[reason] == nil { order.append(reason) }
                counts[reason, default: 0] += 1
            }
            groups += order.map { (row, $0, counts[$0, default: 0]) }
        }
        return groups
    }

    /// The short code of a column (`S01`, `S02`…), padded so every code of the matrix is as wide.
    func code(ofColumn index: Int) -> String {
        let digits = max(2, String(columns.count).count)
        let number = String(index + 1)
        return "S" + String(repeating: "0", count: max(0, digits - number.count)) + number
    }

    /// What a cell shows: the verdict's name, or a dash when it was not run.
    static func label(_ verdict: Verdict) -> String {
        verdict == .skipped ? "–" : verdict.rawValue
    }

    /// The addresses a correct client returns, for a person.
    static func expectedText(_ cell: Cell) -> String {
        cell.expected.isEmpty ? "no address" : cell.expected.joined(separator: " ")
    }

    /// One line about a run: its verdict, what it returned, how it ended.
    static func summary(of run: RunRecord) -> String {
        var parts = [run.verdict.rawValue]
        parts.append(run.observation.addresses.isEmpty
            ? "got nothing" : "got " + run.observation.addresses.joined(separator: " "))
        if let error = run.observation.error { parts.append("error: " + error) }
        parts.append(run.status < 0 ? "signal \(-run.status)" : "exit \(run.status)")
        parts.append(ReportText.seconds(run.seconds) + " s")
        return parts.joined(separator: ", ")
    }

    /// A run's raw output, clipped for places where a person reads it (the JSON report keeps it whole).
    static func outputText(of run: RunRecord, limit: Int) -> String {
        var lines: [String] = []
        for (name, text) in [("stdout", run.standardOutput), ("stderr", run.standardError)] {
            var text = Substring(text)
            while text.last?.isNewline == true { text.removeLast() }
            guard !text.isEmpty else { continue }
            // Continuation lines indented, so a multi-line output reads as one block under its name.
            let clipped = ReportText.clipped(String(text), to: limit)
            lines.append(name + ": " + clipped.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  "))
        }
        return lines.isEmpty ? "no output" : lines.joined(separator: "\n")
    }
}

/// Text from outside (subject output, skip reasons, titles) made safe to show.
enum ReportText {
    /// Replaces every control character except newline and tab (C0, DEL, C1 — so no escape sequence
    /// reaches a terminal and nothing illegal reaches XML) and every bidirectional override (so text
    /// cannot reorder what surrounds it) with a visible `\x1b` / `\u{202e}` spelling.
    static func visible(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09:
                result.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F:
                result += "\\x" + hex(scalar.value, width: 2)
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                result += "\\u{" + hex(scalar.value, width: 4) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `visible`, on one line: newlines and tabs become spaces.
    static func visibleLine(_ text: String) -> String {
        String(visible(text).map { $0 == "\n" || $0 == "\t" ? " " : $0 })
    }

    /// At most `limit` characters and an ellipsis; with `note`, saying how many were left out.
    static func clipped(_ text: String, to limit: Int, note: Bool = true) -> String {
        guard text.count > limit else { return text }
        let kept = String(text.prefix(limit))
        return note ? kept + "… (\(text.count - limit) more characters in the JSON report)" : kept + "…"
    }

    /// `1 case`, `17 cases`.
    static func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// Seconds with millisecond precision, independent of locale.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let milliseconds = Int((max(0, value) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Escaping for XML and HTML, the one spelling both reports use.
enum Markup {
    /// Character data: control characters spelt out (XML 1.0 forbids most of them), markup escaped.
    static func text(_ text: String) -> String {
        escaped(ReportText.visible(text), newlines: false)
    }

    /// A quoted attribute value. Newlines and tabs become character references, because XML parsers
    /// turn literal ones into spaces (XML 1.0 §3.3.3) and tooltips should keep their lines.
    static func attribute(_ text: String) -> String {
        escaped(ReportText.visible(text), newlines: true)
    }

    private static func escaped(_ text: String, newlines: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n" where newlines: result += "&#10;"
            case "\t" where newlines: result += "&#9;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}

import Foundation

/// The matrix for a terminal: subjects as rows, scenario cases as short column codes (`S01`…) with a
/// legend below, then skipped subjects, the meaning of each verdict and the totals.
///
/// Text that came from outside (titles, skip reasons) is shown with its control characters spelt out,
/// so a subject's output can never move the cursor or recolour the terminal.
public enum TerminalReport {
    /// Renders the report. `colour` adds ANSI colours (green OK, yellow PARTIAL/EMPTY, red
    /// WRONG/CRASH/TIMEOUT, magenta FLAKY, grey for what was not run); decide it with `shouldUseColour`.
    /// `width`, when given, splits the columns into bands no wider than that (e.g. `terminalWidth`);
    /// without it the matrix is one band however wide. No newline at the end: `print` it.
    public static func render(_ matrix: Matrix, colour: Bool, width: Int? = nil) -> String {
        let grid = ReportGrid(matrix)
        let paint = Painter(enabled: colour)
        var lines: [String] = []

        let skippedNote = grid.skippedSubjects.isEmpty ? "" : " (\(grid.skippedSubjects.count) more skipped)"
        lines.append(paint.bold("preface conform \(ReportText.visibleLine(matrix.mode))")
            + ": " + ReportText.counted(grid.rows.count, "subject") + skippedNote + " × "
            + ReportText.counted(grid.columns.count, "scenario case"))
        lines.append("")

        if grid.rows.isEmpty || grid.columns.isEmpty {
            lines.append(paint.grey("(no subject ran)"))
        } else {
            lines += matrixLines(grid, paint: paint, width: width)
        }

        lines.append("")
        lines.append(paint.bold("Scenarios"))
        let titleWidth = min(maximumTitleWidth, grid.columns.map { ReportText.visibleLine($0.title).count }.max() ?? 0)
        for (index, column) in grid.columns.enumerated() {
            let title = ReportText.visibleLine(column.title)
            lines.append("  \(grid.code(ofColumn: index))  " + padded(title, to: titleWidth) + "  "
                + paint.grey(ReportText.visibleLine(column.id)))
        }

        if !grid.skippedSubjects.isEmpty {
            lines.append("")
            lines.append(paint.bold("Skipped subjects"))
            for subject in grid.skippedSubjects {
                lines.append("  \(ReportText.visibleLine(subject.title)) " + paint.grey("(\(ReportText.visibleLine(subject.id)))")
                    + ": " + ReportText.visibleLine(subject.skippedBecause ?? ""))
            }
        }

        let notRun = grid.cellsNotRun
        if !notRun.isEmpty {
            lines.append("")
            lines.append(paint.bold("Cases not run"))
            for group in notRun {
                lines.append("  \(ReportText.visibleLine(group.subject.title)), \(ReportText.counted(group.count, "case")): "
                    + ReportText.visibleLine(group.reason))
            }
        }

        lines.append("")
        lines.append(paint.bold("Verdicts"))
        for verdict in Verdict.allCases {
            lines.append("  " + paint.verdict(verdict, padded(ReportGrid.label(verdict), to: cellWidth)) + "  " + verdict.meaning)
        }

        lines.append("")
        let totals = grid.totals.map { paint.verdict($0.verdict, $0.verdict.rawValue) + " \($0.count)" }
        lines.append(paint.bold("Totals") + ": " + totals.joined(separator: " · "))
        return lines.joined(separator: "\n")
    }

    /// Colour when standard output is a terminal and `NO_COLOR` (no-color.org) is unset or empty, and the
    /// terminal is not a dumb one.
    public static var shouldUseColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(1) != 0
    }

    /// The width of the terminal on standard output, or nil when standard output is not a terminal.
    public static var terminalWidth: Int? {
        guard isatty(1) != 0 else { return nil }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return nil
    }

    /// As wide as the longest verdict name (`PARTIAL`, `TIMEOUT`).
    static let cellWidth = Verdict.allCases.map { $0.rawValue.count }.max() ?? 7
    /// Longer titles are cut with an ellipsis so the matrix keeps its shape.
    static let maximumTitleWidth = 40

    private static func matrixLines(_ grid: ReportGrid, paint: Painter, width: Int?) -> [String] {
        let titles = grid.rows.map { truncated(ReportText.visibleLine($0.title), to: maximumTitleWidth) }
        let rowHeader = "subject"
        let titleWidth = max(rowHeader.count, titles.map(\.count).max() ?? 0)
        let columnWidth = max(cellWidth, grid.code(ofColumn: 0).count)
        let perBand: Int
        if let width {
            perBand = max(1, (width - titleWidth) / (columnWidth + 1))
        } else {
            perBand = grid.columns.count
        }

        var lines: [String] = []
        for bandStart in stride(from: 0, to: grid.columns.count, by: perBand) {
            let band = bandStart..<min(grid.columns.count, bandStart + perBand)
            if bandStart > 0 { lines.append("") }
            var header = padded(rowHeader, to: titleWidth)
            for index in band { header += " " + padded(grid.code(ofColumn: index), to: columnWidth) }
            lines.append(paint.bold(trimmedRight(header)))
            for (row, title) in zip(grid.rows, titles) {
                var line = padded(title, to: titleWidth)
                for index in band {
                    let verdict = grid.verdict(subject: row.id, scenario: grid.columns[index].id)
                    // Pad before colouring: escape sequences take no columns on screen.
                    let text = index == band.upperBound - 1
                        ? ReportGrid.label(verdict) : padded(ReportGrid.label(verdict), to: columnWidth)
                    line += " " + paint.verdict(verdict, text)
                }
                lines.append(line)
            }
        }
        return lines
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func truncated(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    private static func trimmedRight(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// ANSI SGR colours, or plain text when colour is off.
private struct Painter {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func grey(_ text: String) -> String { wrap(text, "90") }

    func verdict(_ verdict: Verdict, _ text: String) -> String {
        switch verdict {
        case .ok: wrap(text, "32")
        case .empty, .partial: wrap(text, "33")
        case .wrong, .timeout: wrap(text, "31")
        case .crash: wrap(text, "1;31")
        case .flaky: wrap(text, "35")
        case .skipped: wrap(text, "90")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

import Foundation
import Synchronization

/// A one-line progress bar, `[#####.....] 42/120 cells`, redrawn in place while cells run in parallel.
///
/// Safe to call from any thread. By default it draws on standard error, and only when standard error is
/// a terminal: redirected output and CI logs never get carriage-return noise.
public final class ProgressBar: Sendable {
    private struct State {
        var completed = 0
        var finished = false
    }

    private let total: Int
    private let unit: String
    private let barWidth: Int
    private let sink: (@Sendable (String) -> Void)?
    private let state = Mutex(State())

    /// Draws on standard error when it is a terminal, and nowhere otherwise.
    public convenience init(total: Int, unit: String = "cells") {
        self.init(total: total, unit: unit, barWidth: 30, sink: isatty(2) != 0 ? ProgressBar.writeToStandardError : nil)
    }

    /// Draws through `sink` (nil: draws nothing); for callers that choose their own output, and tests.
    public init(total: Int, unit: String = "cells", barWidth: Int = 30, sink: (@Sendable (String) -> Void)?) {
        self.total = max(0, total)
        self.unit = unit
        self.barWidth = max(1, barWidth)
        self.sink = sink
    }

    /// How many items have completed so far.
    public var completed: Int { state.withLock { $0.completed } }

    /// Counts `count` more completed items and redraws. Ignored after `finish()`.
    public func advance(by count: Int = 1) {
        state.withLock { state in
            guard !state.finished else { return }
            state.completed += count
            // Drawn under the lock, so concurrent callers never print their lines out of order.
            sink?(line(completed: state.completed))
        }
    }

    /// Draws the final state and ends the line, so what follows starts on a fresh one. Idempotent.
    public func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            sink?(line(completed: state.completed) + "\n")
        }
    }

    /// `\r[#####.....] 42/120 cells`
    func line(completed: Int) -> String {
        let filled = total == 0 ? barWidth : min(barWidth, max(0, completed) * barWidth / total)
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
            + "] \(completed)/\(total) \(unit)"
    }

    private static let writeToStandardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }
}

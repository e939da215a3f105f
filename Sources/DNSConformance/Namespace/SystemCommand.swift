import Foundation
import Glibc

/// Runs the administrative commands the namespace needs (`ip`, `ss`) and collects their output.
enum SystemCommand {
    struct Result {
        /// Exit status; -1 when the program could not be started.
        var status: Int32
        var output: String
        var errorOutput: String

        var succeeded: Bool { status == 0 }
        /// The error output, or the output when that is empty, trimmed: for error messages.
        var diagnostic: String {
            let text = errorOutput.isEmpty ? output : errorOutput
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Runs `argv` (its first element an absolute path) to completion, or for at most `timeout`
    /// seconds (builds included). Never throws. One implementation: `ProcessRunner`.
    static func run(_ argv: [String], timeout: Double = 600) -> Result {
        guard !argv.isEmpty else { return Result(status: -1, output: "", errorOutput: "empty command") }
        let outcome = ProcessRunner.run(argv, timeout: timeout)
        return Result(status: outcome.timedOut ? -1 : outcome.status, output: outcome.standardOutput,
                      errorOutput: outcome.timedOut ? "timed out after \(Int(timeout)) s" : outcome.standardError)
    }

    /// The first executable called `name` in PATH or the system directories (`ip` and `ss` live
    /// in /usr/sbin, which is not in every user's PATH).
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

import Foundation
import Glibc
import Synchronization

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

    /// Runs `argv` (its first element an absolute path) to completion. Never throws.
    static func run(_ argv: [String]) -> Result {
        guard let executable = argv.first else { return Result(status: -1, output: "", errorOutput: "empty command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Result(status: -1, output: "", errorOutput: "cannot run \(executable): \(error)")
        }
        // Read both pipes at once: a child filling one while we block on the other would hang.
        let errorData = Mutex(Data())
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            let data = errorOutput.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: outputData, as: UTF8.self),
                      errorOutput: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
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

import Foundation

/// Runs a command with a time limit and captures what it printed.
struct ProcessOutcome: Sendable {
    /// Exit status, or minus the signal number when a signal ended it.
    var status: Int32
    var standardOutput: String
    var standardError: String
    var seconds: Double
    var timedOut: Bool
}

enum ProcessRunner {
    static func run(_ argv: [String], environment: [String: String]? = nil, timeout: Double) -> ProcessOutcome {
        let started = Date()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return ProcessOutcome(status: 127, standardOutput: "", standardError: "\(error)", seconds: 0, timedOut: false)
        }
        // Drain both pipes while the process runs, so a chatty process never blocks on a full pipe.
        let collected = OutputCollector()
        let readers = DispatchGroup()
        for (pipe, isError) in [(output, false), (error, true)] {
            DispatchQueue.global().async(group: readers) {
                collected.set(pipe.fileHandleForReading.readDataToEndOfFile(), isError: isError)
            }
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        readers.wait()
        let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        return ProcessOutcome(status: status, standardOutput: collected.output, standardError: collected.error,
                              seconds: Date().timeIntervalSince(started), timedOut: timedOut)
    }
}

private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()

    func set(_ data: Data, isError: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isError { errorData = data } else { outputData = data }
    }

    var output: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outputData, as: UTF8.self) }
    var error: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errorData, as: UTF8.self) }
}

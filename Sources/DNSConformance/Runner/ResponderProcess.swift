import Foundation

/// The scripted responder, running as `preface conform responder` inside the namespace. It prints
/// `ready` once its sockets are bound; the runner waits for that line.
struct ResponderProcess {
    let process: Process

    static func start(in namespace: NetworkNamespace, preface: String, timeout: Double = 10) throws -> ResponderProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = namespace.command([preface, "conform", "responder"])
        process.standardError = FileHandle.standardError
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let ready = DispatchSemaphore(value: 0)
        let reader = output.fileHandleForReading
        DispatchQueue.global().async {
            var seen = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty {
                    // The pipe closed: the responder exited (e.g. could not bind); stop waiting.
                    ready.signal()
                    break
                }
                seen += chunk
                if String(decoding: seen, as: UTF8.self).contains("ready") {
                    ready.signal()
                    break
                }
            }
        }
        guard ready.wait(timeout: .now() + timeout) == .success, process.isRunning else {
            process.terminate()
            throw ScenarioError("the scripted responder did not start in \(Int(timeout)) s inside namespace \(namespace.name)")
        }
        return ResponderProcess(process: process)
    }

    /// SIGTERM, then SIGKILL if it is still there after a second.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

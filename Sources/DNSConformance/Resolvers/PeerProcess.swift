import Foundation
import Glibc
import Synchronization

/// A long-running process the resolver runner started (a peer, or the authoritative servers),
/// stopped and reaped by its PID. Its standard output and error go to `logFile`.
///
/// Started with `posix_spawn`, not Foundation's `Process`: daemons such as dnsmasq close every
/// descriptor they inherit, and Foundation takes the closing of the one it gives each child as
/// that child's exit and then blocks in `waitpid` until it really exits, which stops it from
/// noticing any other child (every later `Process` would hang).
final class PeerProcess: Sendable {
    let pid: pid_t
    let logFile: String
    /// The `waitpid` status once reaped.
    private let status = Mutex<Int32?>(nil)
    /// A status no `waitpid` gives (the exit status byte of a stopped child), for a child that
    /// vanished without this object reaping it.
    private static let reapedElsewhere: Int32 = 0x7F

    private init(pid: pid_t, logFile: String) {
        self.pid = pid
        self.logFile = logFile
    }

    /// Starts `argv` (its first element an absolute path; `ip netns exec …` execs the command in
    /// place, so the PID is the peer's own) with standard input from /dev/null, standard output and
    /// error into `logFile`, no other inherited descriptor, and default signal handling.
    static func start(_ argv: [String], logFile: String) throws -> PeerProcess {
        guard let executable = argv.first else { throw ScenarioError("empty command") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The runner catches SIGINT and SIGTERM; the child starts with the defaults and no mask.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, arguments, environ)
        guard result == 0 else {
            throw ScenarioError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return PeerProcess(pid: pid, logFile: logFile)
    }

    /// Adds a close action for every descriptor above standard error: `closefrom_np` (glibc 2.34)
    /// when the C library has it (Swift's Glibc module does not declare it), else one close per
    /// descriptor open now (glibc ignores a close action whose descriptor is already closed).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Reaps the process if it has exited (never blocks).
    private func poll() -> Int32? {
        status.withLock { status in
            if let status { return status }
            var value: Int32 = 0
            let result = waitpid(pid, &value, WNOHANG)
            if result == pid { status = value }
            // ECHILD: not ours to wait for any more (reaped elsewhere), so it is gone.
            if result < 0, errno == ECHILD { status = Self.reapedElsewhere }
            return status
        }
    }

    var isRunning: Bool { poll() == nil }

    /// How it ended, when it has.
    var exitDescription: String? {
        guard let value = poll() else { return nil }
        if value == Self.reapedElsewhere { return "exited" }
        // POSIX wait status: low 7 bits the signal, else the exit status in the next byte.
        let signal = value & 0x7F
        return signal == 0 ? "exited with status \((value >> 8) & 0xFF)" : "killed by signal \(signal)"
    }

    /// Waits until the log holds `marker` (e.g. `ready`); `false` when the process exits first or
    /// `timeout` seconds pass.
    func waitForOutput(_ marker: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log.contains(marker) { return true }
            if !isRunning { return false }
            usleep(20_000)
        }
        return false
    }

    /// What it printed so far.
    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// The last lines it printed, for a skip reason or a CRASH note.
    func logTail(lines: Int = 6) -> String {
        log.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }

    /// SIGTERM to its PID, then SIGKILL after `grace` seconds; reaps it. Idempotent.
    func stop(grace: Double = 3) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline { usleep(20_000) }
        guard isRunning else { return }
        kill(pid, SIGKILL)
        status.withLock { status in
            var value: Int32 = 0
            guard status == nil else { return }
            status = waitpid(pid, &value, 0) == pid ? value : Self.reapedElsewhere
        }
    }
}

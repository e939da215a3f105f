import Glibc

/// A command run as a process, start to exit, the way an operator runs it: `posix_spawn`, wait,
/// wall time. Standard output and error go to /dev/null so that neither side pays for a terminal.
struct Command {
    let executable: String
    let arguments: [String]

    /// The command line, for messages.
    var line: String { ([executable] + arguments).joined(separator: " ") }

    /// Spawns the command and waits for it.
    ///
    /// - Returns: `nil` when it exited with status 0, else what happened instead.
    func run() -> String? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { return "cannot start \(executable): \(String(cString: strerror(spawned)))" }

        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            guard errno == EINTR else { return "waitpid: \(String(cString: strerror(errno)))" }
        }
        // The <sys/wait.h> macros are not imported: the low 7 bits are the terminating signal, the
        // next 8 the exit status.
        let signal = status & 0x7f
        guard signal == 0 else { return "killed by signal \(signal)" }
        let exitStatus = (status >> 8) & 0xff
        return exitStatus == 0 ? nil : "exit status \(exitStatus)"
    }

    /// The first executable called `name` on `PATH`.
    static func find(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

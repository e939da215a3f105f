import Dispatch
import Foundation
import Glibc
import Synchronization

/// Tearing namespaces down when the runner is interrupted, and after a run that could not.
public enum NamespaceCleanup {
    private struct Registry {
        var namespaces: [NetworkNamespace] = []
        var sources: [any DispatchSourceSignal] = []
    }

    private static let registry = Mutex(Registry())

    /// On SIGINT or SIGTERM: destroys `namespace` (and any other registered here), then exits
    /// with 130 or 143 (128 + the signal number, as a shell reports it).
    ///
    /// Dispatch installs its own handler for a signal source, but only shortly after `resume()`,
    /// on another thread. Until then a placeholder handler holds the signal, and this waits (at
    /// most a second) until Dispatch's handler is in place. The usual `signal(SIG_IGN)` is avoided
    /// on purpose: an ignored disposition survives `exec`, so children spawned in that window
    /// (the responder, the stub clients) would ignore SIGINT and SIGTERM, and `Process.terminate()`
    /// could not stop them. A caught signal is reset to the default in every child.
    public static func installSignalHandlers(for namespace: NetworkNamespace) {
        registry.withLock { registry in
            registry.namespaces.append(namespace)
            guard registry.sources.isEmpty else { return }
            for (signalNumber, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
                var placeholder = sigaction()
                placeholder.__sigaction_handler.sa_handler = placeholderHandler
                sigemptyset(&placeholder.sa_mask)
                sigaction(signalNumber, &placeholder, nil)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    let namespaces = NamespaceCleanup.registry.withLock { $0.namespaces }
                    for namespace in namespaces { namespace.destroy() }
                    exit(status)
                }
                source.resume()
                registry.sources.append(source)
            }
            for _ in 0..<1000 where [SIGINT, SIGTERM].contains(where: holdsPlaceholder) {
                usleep(1000)
            }
        }
    }

    /// Does nothing; see `installSignalHandlers`.
    private static let placeholderHandler: @convention(c) (Int32) -> Void = { _ in }

    private static func holdsPlaceholder(_ signalNumber: Int32) -> Bool {
        var current = sigaction()
        sigaction(signalNumber, nil, &current)
        // C function pointers have no Swift equality: compare their addresses.
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
            == unsafeBitCast(placeholderHandler, to: Int.self)
    }

    /// Removes namespaces called `PREFIX-PID` or `PREFIX-PID-…` (and their `/etc/netns` directories)
    /// whose creating process PID no longer exists: the leftovers of a runner that was killed
    /// with SIGKILL or crashed. A namespace whose PID is alive, or reused by another process,
    /// is left alone.
    public static func removeStale(prefix: String = NetworkNamespace.namePrefix) {
        guard geteuid() == 0, let ipPath = SystemCommand.find("ip") else { return }
        let files = FileManager.default
        let names = Set((try? files.contentsOfDirectory(atPath: "/run/netns")) ?? [])
            .union((try? files.contentsOfDirectory(atPath: "/etc/netns")) ?? [])
        for name in names.sorted() {
            guard let pid = creatorPID(of: name, prefix: prefix), !isRunning(pid) else { continue }
            NetworkNamespace(name: name, ipPath: ipPath).destroy()
        }
    }

    /// The PID encoded in `PREFIX-PID` or `PREFIX-PID-…`, or `nil` when `name` is not one of ours.
    static func creatorPID(of name: String, prefix: String) -> pid_t? {
        guard name.hasPrefix(prefix + "-") else { return nil }
        let rest = name.dropFirst(prefix.count + 1)
        guard let digits = rest.split(separator: "-", omittingEmptySubsequences: false).first,
              digits.allSatisfy(\.isASCII), let pid = pid_t(digits), pid > 0 else { return nil }
        return pid
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        // EPERM: it exists but belongs to someone else; only ESRCH means gone.
        kill(pid, 0) == 0 || errno != ESRCH
    }
}

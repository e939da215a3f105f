import Foundation
import Glibc
import Synchronization

/// A network namespace of its own for stub-mode runs: only `lo`, its own resolver configuration,
/// and nothing that reaches the host's network.
///
/// `ip netns exec NAME` gives each command a private mount namespace and bind-mounts every file of
/// `/etc/netns/NAME/` over the file of the same name in `/etc` (ip-netns(8)): the stub clients see
/// our `resolv.conf`, `hosts` and `nsswitch.conf`, while the host's files stay untouched.
public final class NetworkNamespace: Sendable {
    public let name: String
    /// The absolute path of `ip`.
    let ipPath: String
    private let destroyed = Mutex(false)

    /// The documentation addresses put on `lo` (RFC 5737, RFC 3849): glibc's `AI_ADDRCONFIG`
    /// skips a family unless some interface other than loopback has an address of it, and
    /// `getaddrinfo(AF_UNSPEC)` would then never ask for AAAA (or A). Nothing is sent to them.
    public static let placeholderAddresses = ["192.0.2.1/32", "2001:db8::1/128"]

    /// The prefix of the names this runner gives its namespaces; see `defaultName`.
    public static let namePrefix = "preface-conform"

    /// `preface-conform-PID`: the creating process is in the name, so `NamespaceCleanup.removeStale`
    /// can tell a leftover from a namespace still in use.
    public static var defaultName: String { "\(namePrefix)-\(getpid())" }

    /// Where `ip netns exec` finds the files it bind-mounts over `/etc`.
    public var configurationDirectory: String { "/etc/netns/\(name)" }

    init(name: String, ipPath: String) {
        self.name = name
        self.ipPath = ipPath
    }

    /// Creates the namespace: `lo` up with 127.0.0.1, ::1 and the placeholder addresses, and
    /// `/etc/netns/NAME/{resolv.conf,hosts,nsswitch.conf}` pointing every lookup at `nameserver`.
    /// On any failure after `ip netns add`, everything made so far is removed before throwing.
    public static func create(name: String = defaultName, nameserver: String = "127.0.0.1") throws -> NetworkNamespace {
        guard geteuid() == 0 else {
            throw NamespaceError(.notRoot, namespace: name,
                                 "preface conform stubs needs root to create a network namespace (ip netns add); run it with sudo")
        }
        guard isValid(name: name) else {
            throw NamespaceError(.invalidName, namespace: name,
                                 "\"\(name)\" cannot name a network namespace: use 1–64 letters, digits, '.', '_' or '-', not starting with '.'")
        }
        guard let ipPath = SystemCommand.find("ip") else {
            throw NamespaceError(.toolMissing, namespace: name,
                                 "preface conform stubs needs the `ip` command (iproute2) to create a network namespace; install it with `apt-get install iproute2`")
        }
        let namespace = NetworkNamespace(name: name, ipPath: ipPath)
        let added = SystemCommand.run([ipPath, "netns", "add", name])
        guard added.succeeded else {
            // Not ours (the name was taken) or never made: nothing to remove.
            throw NamespaceError(.unavailable, namespace: name,
                                 "cannot create network namespace \(name): \(added.diagnostic). If it is a leftover, remove it with `ip netns del \(name)`; in a container, network namespaces need CAP_SYS_ADMIN (docker run --privileged)")
        }
        do {
            try namespace.configure(nameserver: nameserver)
        } catch {
            namespace.destroy()
            throw error
        }
        return namespace
    }

    private func configure(nameserver: String) throws {
        let steps: [[String]] = [
            ["link", "set", "lo", "up"],
            ["addr", "add", Self.placeholderAddresses[0], "dev", "lo"],
            // nodad: skip duplicate address detection, so the address is usable at once.
            ["addr", "add", Self.placeholderAddresses[1], "dev", "lo", "nodad"],
        ]
        for step in steps {
            let result = SystemCommand.run([ipPath, "-n", name] + step)
            guard result.succeeded else {
                throw NamespaceError(.commandFailed, namespace: name,
                                     "cannot set up network namespace \(name): `ip -n \(name) \(step.joined(separator: " "))` failed: \(result.diagnostic)")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: configurationDirectory, withIntermediateDirectories: true)
            for (file, contents) in Self.configurationFiles(nameserver: nameserver) {
                try contents.write(toFile: "\(configurationDirectory)/\(file)", atomically: true, encoding: .utf8)
            }
        } catch {
            throw NamespaceError(.fileFailed, namespace: name,
                                 "cannot write the resolver configuration of network namespace \(name) in \(configurationDirectory): \(error.localizedDescription)")
        }
    }

    /// The files bind-mounted over `/etc` inside the namespace.
    static func configurationFiles(nameserver: String) -> [(String, String)] {
        var files = [
            // One attempt, 2 s: a dropped query is a TIMEOUT after 2 s, not after glibc's 5 s × 2.
            ("resolv.conf", "# preface conform: every lookup goes to the scripted responder\nnameserver \(nameserver)\noptions attempts:1 timeout:2\n"),
            // Only localhost: the host's /etc/hosts must not answer the scenario names.
            ("hosts", "127.0.0.1 localhost\n::1 localhost\n"),
        ]
        // `hosts: files dns` only. A host using nss-resolve or nss-myhostname would otherwise send
        // getaddrinfo to systemd-resolved over a Unix socket, which a network namespace does not
        // isolate, and the real Internet would answer. The other databases stay as on the host.
        if let hostSwitch = try? String(contentsOfFile: "/etc/nsswitch.conf", encoding: .utf8) {
            files.append(("nsswitch.conf", nameServiceSwitch(from: hostSwitch)))
        }
        return files
    }

    /// The host's nsswitch.conf with its `hosts:` line replaced by `hosts: files dns`.
    static func nameServiceSwitch(from host: String) -> String {
        let hostsLine = "hosts:          files dns"
        var lines = host.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("hosts:") }) {
            lines[index] = hostsLine
            lines.removeAll { $0 != hostsLine && $0.trimmingCharacters(in: .whitespaces).hasPrefix("hosts:") }
        } else {
            if lines.last == "" { lines.removeLast() }
            lines.append(hostsLine)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static func isValid(name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        return (1...64).contains(name.count) && !name.hasPrefix(".") && name.allSatisfy(allowed.contains)
    }

    /// `argv` run inside the namespace: `[/path/to/ip, "netns", "exec", name] + argv`. The first
    /// element is an absolute path, so it works with `Process.executableURL` and `posix_spawn`.
    public func command(_ argv: [String]) -> [String] {
        [ipPath, "netns", "exec", name] + argv
    }

    /// The PIDs of the processes inside the namespace (`ip netns pids`).
    public func processes() -> [pid_t] {
        let result = SystemCommand.run([ipPath, "netns", "pids", name])
        guard result.succeeded else { return [] }
        return result.output.split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
    }

    /// Waits until UDP and TCP sockets are bound to `port` on every one of `addresses` inside the
    /// namespace (checked with `ss -N NAME`, every 50 ms). A `ScriptedResponder` binds and listens
    /// in `init`, and the kernel queues what arrives from then on, so once this returns `true` a
    /// query is answered as soon as `run()` starts. `false` after `timeout` seconds.
    public func waitUntilServing(port: UInt16, timeout: Double, addresses: [String] = ["127.0.0.1", "::1"]) -> Bool {
        guard let ssPath = SystemCommand.find("ss") else { return false }
        let wanted = Set(addresses.flatMap { address in
            let endpoint = address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
            return ["udp \(endpoint)", "tcp \(endpoint)"]
        })
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            // -H no header, -n numeric, -l listening (and unconnected UDP), -t -u both transports.
            let result = SystemCommand.run([ssPath, "-N", name, "-Hnltu"])
            if result.succeeded {
                let bound = Set(result.output.split(separator: "\n").compactMap { line -> String? in
                    let columns = line.split(whereSeparator: \.isWhitespace)
                    guard columns.count >= 5 else { return nil }
                    return "\(columns[0]) \(columns[4])"
                })
                if wanted.isSubset(of: bound) { return true }
            }
            usleep(50_000)
        } while Date() < deadline
        return false
    }

    /// Removes the namespace and `/etc/netns/NAME`. Processes still inside are killed first
    /// (SIGKILL): they can only be ones the runner started there, and they would keep the
    /// namespace alive after `ip netns del`. Idempotent; never throws.
    public func destroy() {
        destroyed.withLock { destroyed in
            guard !destroyed else { return }
            destroyed = true
            let own = getpid()
            for pid in processes() where pid != own && pid > 1 {
                kill(pid, SIGKILL)
            }
            _ = SystemCommand.run([ipPath, "netns", "del", name])
            try? FileManager.default.removeItem(atPath: configurationDirectory)
        }
    }

    /// Whether the namespace is mounted in /run/netns (what `ip netns list` shows).
    public var exists: Bool {
        FileManager.default.fileExists(atPath: "/run/netns/\(name)")
    }
}

import DNSWire
import Foundation
import Glibc
import Testing

@testable import DNSConformance

/// Pure parts of the namespace code: always run.
struct NamespaceFileTests {
    @Test func resolverConfigurationPointsAtTheNameserver() {
        let files = Dictionary(uniqueKeysWithValues: NetworkNamespace.configurationFiles(nameserver: "127.0.0.1"))
        let resolv = files["resolv.conf"] ?? ""
        #expect(resolv.contains("\nnameserver 127.0.0.1\n"))
        #expect(resolv.contains("\noptions attempts:1 timeout:2\n"))
        #expect(files["hosts"] == "127.0.0.1 localhost\n::1 localhost\n")
    }

    @Test func nameServiceSwitchKeepsOnlyFilesAndDNSForHosts() {
        let host = "passwd: files systemd\nhosts:   files mdns4_minimal [NOTFOUND=return] resolve myhostname dns\nnetworks: files\n"
        #expect(NetworkNamespace.nameServiceSwitch(from: host)
            == "passwd: files systemd\nhosts:          files dns\nnetworks: files\n")
        #expect(NetworkNamespace.nameServiceSwitch(from: "passwd: files\n") == "passwd: files\nhosts:          files dns\n")
    }

    @Test func namesAreChecked() {
        #expect(NetworkNamespace.isValid(name: "preface-conform-1234"))
        #expect(!NetworkNamespace.isValid(name: ""))
        #expect(!NetworkNamespace.isValid(name: "../etc"))
        #expect(!NetworkNamespace.isValid(name: "a/b"))
        #expect(!NetworkNamespace.isValid(name: String(repeating: "x", count: 65)))
    }

    @Test func staleNamesCarryTheCreatorsPID() {
        #expect(NamespaceCleanup.creatorPID(of: "preface-conform-1234", prefix: "preface-conform") == 1234)
        #expect(NamespaceCleanup.creatorPID(of: "preface-conform-1234-2", prefix: "preface-conform") == 1234)
        #expect(NamespaceCleanup.creatorPID(of: "preface-conform-x", prefix: "preface-conform") == nil)
        #expect(NamespaceCleanup.creatorPID(of: "preface-conformer-1", prefix: "preface-conform") == nil)
        #expect(NamespaceCleanup.creatorPID(of: "other-1234", prefix: "preface-conform") == nil)
    }

    @Test(.enabled(if: geteuid() != 0, "only meaningful when not root"))
    func notRootIsAClearError() throws {
        let error = #expect(throws: NamespaceError.self) { _ = try NetworkNamespace.create(name: "preface-conform-test") }
        #expect(error?.code == .notRoot)
        #expect(error?.description.contains("run it with sudo") == true)
    }
}

/// Creates real namespaces: only as root, and only when asked (`PREFACE_INTEGRATION=1`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1" && geteuid() == 0,
                              "needs root and PREFACE_INTEGRATION=1"))
struct NamespaceTests {
    /// A name of the runner's form, unique to this test process.
    static func testName(_ suffix: String) -> String { "\(NetworkNamespace.namePrefix)-\(getpid())-test-\(suffix)" }

    static func run(_ argv: [String]) -> SystemCommand.Result { SystemCommand.run(argv) }

    @Test func createConfiguresAndDestroyRemovesEverything() throws {
        let namespace = try NetworkNamespace.create(name: Self.testName("setup"))
        defer { namespace.destroy() }
        let ip = namespace.ipPath

        #expect(Self.run([ip, "netns", "list"]).output.split(separator: "\n").contains { $0.hasPrefix(namespace.name) })
        #expect(namespace.exists)

        let addresses = Self.run([ip, "-n", namespace.name, "addr", "show", "dev", "lo"]).output
        for expected in ["inet 127.0.0.1/8", "inet 192.0.2.1/32", "inet6 ::1/128", "inet6 2001:db8::1/128"] {
            #expect(addresses.contains(expected), "lo lacks \(expected): \(addresses)")
        }
        #expect(addresses.contains("state UNKNOWN") || addresses.contains(",UP"))
        // Only lo: nothing in the namespace can reach the host's network.
        let links = Self.run([ip, "-n", namespace.name, "-o", "link", "show"]).output
        #expect(links.split(separator: "\n").count == 1)

        let resolv = Self.run(namespace.command(["cat", "/etc/resolv.conf"]))
        #expect(resolv.succeeded)
        #expect(resolv.output.contains("nameserver 127.0.0.1"))
        #expect(resolv.output.contains("options attempts:1 timeout:2"))

        // ip netns exec bind-mounts every file of /etc/netns/NAME, hosts and nsswitch.conf included.
        let hosts = Self.run(namespace.command(["cat", "/etc/hosts"]))
        #expect(hosts.output == "127.0.0.1 localhost\n::1 localhost\n")
        let hostsSwitch = Self.run(namespace.command(["grep", "^hosts:", "/etc/nsswitch.conf"]))
        #expect(hostsSwitch.output == "hosts:          files dns\n")
        let localhost = Self.run(namespace.command(["getent", "hosts", "localhost"]))
        #expect(localhost.succeeded)
        #expect(localhost.output.contains("localhost"))
        // The host's own files are untouched.
        #expect((try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)) != resolv.output)

        namespace.destroy()
        namespace.destroy() // idempotent
        #expect(!namespace.exists)
        #expect(!Self.run([ip, "netns", "list"]).output.contains(namespace.name))
        #expect(!FileManager.default.fileExists(atPath: namespace.configurationDirectory))
    }

    @Test func waitUntilServingSeesListenersInsideTheNamespace() throws {
        let namespace = try NetworkNamespace.create(name: Self.testName("serve"))
        defer { namespace.destroy() }
        // Nothing listens yet.
        #expect(!namespace.waitUntilServing(port: 53, timeout: 0.2))

        // A stand-in for `preface conform responder`: bind UDP and TCP port 53 on both loopback
        // addresses inside the namespace (python3 when present, else skip this part).
        guard let python = SystemCommand.find("python3") else { return }
        let listener = """
            import socket, time
            s = []
            for family, address in ((socket.AF_INET, '127.0.0.1'), (socket.AF_INET6, '::1')):
                for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                    x = socket.socket(family, kind); x.bind((address, 53))
                    if kind == socket.SOCK_STREAM: x.listen()
                    s.append(x)
            time.sleep(30)
            """
        let process = Process()
        let argv = namespace.command([python, "-c", listener])
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        #expect(namespace.waitUntilServing(port: 53, timeout: 10))
        #expect(namespace.processes().contains(process.processIdentifier))

        // destroy() kills what still runs inside, so nothing keeps the namespace alive.
        namespace.destroy()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!namespace.exists)
    }

    @Test func removeStaleDeletesOnlyNamespacesOfDeadProcesses() throws {
        // A PID that cannot be running: above the kernel's pid_max.
        let maximum = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4_194_304
        let prefix = "preface-conform-stale-test"
        let dead = try NetworkNamespace.create(name: "\(prefix)-\(maximum + 1)")
        let alive = try NetworkNamespace.create(name: "\(prefix)-\(getpid())")
        defer {
            dead.destroy()
            alive.destroy()
        }
        NamespaceCleanup.removeStale(prefix: prefix)
        #expect(!dead.exists)
        #expect(!FileManager.default.fileExists(atPath: dead.configurationDirectory))
        #expect(alive.exists)
    }

    /// Signal handling is process-wide: from here on, SIGINT or SIGTERM to the test process
    /// removes this namespace and exits 130 / 143, which is also what a test run should do.
    @Test func signalHandlersAreCaughtAndNotInheritedAsIgnored() throws {
        let namespace = try NetworkNamespace.create(name: Self.testName("signals"))
        defer { namespace.destroy() }
        NamespaceCleanup.installSignalHandlers(for: namespace)
        // SIGINT is signal 2 (bit 1), SIGTERM 15 (bit 14) in the /proc status masks.
        let mask: UInt64 = 1 << 1 | 1 << 14
        func signalMask(_ field: String, in status: String) -> UInt64? {
            status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
                .flatMap { UInt64($0.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces), radix: 16) }
        }
        // Caught at once (by Dispatch), never ignored, not even briefly.
        let own = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        #expect(signalMask("SigCgt", in: own).map { $0 & mask } == mask)
        #expect(signalMask("SigIgn", in: own).map { $0 & mask } == 0)
        // A child spawned right away starts with both signals at their default.
        let child = Self.run(namespace.command(["cat", "/proc/self/status"]))
        let ignored = try #require(signalMask("SigIgn", in: child.output))
        #expect(ignored & mask == 0)
    }

    @Test func takenNameIsAClearErrorAndNotRemoved() throws {
        let namespace = try NetworkNamespace.create(name: Self.testName("taken"))
        defer { namespace.destroy() }
        let error = #expect(throws: NamespaceError.self) { _ = try NetworkNamespace.create(name: namespace.name) }
        #expect(error?.code == .unavailable)
        #expect(error?.description.contains(namespace.name) == true)
        // The failed second create must not have torn down the first.
        #expect(namespace.exists)
        #expect(FileManager.default.fileExists(atPath: "\(namespace.configurationDirectory)/resolv.conf"))
    }
}

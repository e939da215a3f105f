import Foundation

/// Which `python3` runs the Python helpers.
enum PythonInterpreter {
    /// Debian's /usr/bin/python3 first: python3-dnspython installs into its dist-packages, which
    /// a python3 earlier on PATH (pyenv, a virtualenv) does not see.
    static let candidates: [String] = {
        var list: [String] = []
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") { list.append("/usr/bin/python3") }
        if let onPath = SystemCommand.find("python3"), !list.contains(onPath) { list.append(onPath) }
        return list
    }()

    /// The interpreter for helpers that need only the standard library.
    static let standard: String? = candidates.first

    /// The first interpreter that can import dnspython (probed once per process).
    static let withDNSPython: String? = candidates.first { interpreter in
        SystemCommand.run([interpreter, "-c", "import dns.resolver"]).succeeded
    }
}

/// Python's `socket.getaddrinfo(name, None, AF_UNSPEC, SOCK_STREAM)` (`python-getaddrinfo.py`):
/// glibc getaddrinfo(3) with flags 0, reached the way most Python programs reach it.
public struct PythonGetaddrinfoSubject: StubSubject {
    public init() {}

    public var id: String { "python-getaddrinfo" }
    public var title: String { "Python socket.getaddrinfo" }
    public var family: AddressFamily { .unspecified }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        PythonInterpreter.standard == nil ? "python3 not found (Debian package python3)" : nil
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [PythonInterpreter.standard ?? "python3", environment.programsDirectory + "/python-getaddrinfo.py", name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

/// dnspython's stub resolver, `dns.resolver.resolve(name, 'A')` (`dnspython-resolve.py`): it
/// finds the A RRset by following the CNAMEs inside the answer, wherever they stand.
public struct DNSPythonSubject: StubSubject {
    public init() {}

    public var id: String { "dnspython" }
    public var title: String { "dnspython resolve" }
    public var family: AddressFamily { .inet }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        if PythonInterpreter.standard == nil { return "python3 not found (Debian package python3)" }
        return PythonInterpreter.withDNSPython == nil ? "no python3 can import dns.resolver (Debian package python3-dnspython)" : nil
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [PythonInterpreter.withDNSPython ?? "python3", environment.programsDirectory + "/dnspython-resolve.py", name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

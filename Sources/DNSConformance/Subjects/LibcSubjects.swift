/// The C library's own resolver: which C library a helper is linked against.
public enum CLibrary: String, Sendable, Hashable {
    /// The system's glibc, through NSS (`hosts: files dns`) and its DNS module.
    case glibc
    /// musl, linked statically with musl-gcc: musl's resolver reads /etc/hosts and resolv.conf
    /// itself, no NSS.
    case musl

    fileprivate var compiler: HelperProgram.Compiler {
        switch self {
        case .glibc: .gcc(libraries: [])
        case .musl: .muslStatic
        }
    }
}

/// `getaddrinfo(3)` as an application calls it: `getaddrinfo.c`, with the family of the subject,
/// `SOCK_STREAM` (each address once) and `ai_flags` 0. No `AI_ADDRCONFIG`: glibc adds it only
/// when `hints` is NULL, and a helper that passed it would depend on the namespace's addresses.
public struct GetaddrinfoSubject: StubSubject {
    public let library: CLibrary
    public let family: AddressFamily

    public init(library: CLibrary, family: AddressFamily) {
        self.library = library
        self.family = family
    }

    public var id: String { "\(library.rawValue)-getaddrinfo-\(family.helperArgument)" }
    public var title: String { "\(library.rawValue) getaddrinfo \(family.constantName)" }

    var program: HelperProgram {
        HelperProgram(product: "\(library.rawValue)-getaddrinfo", source: "getaddrinfo.c", compiler: library.compiler)
    }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([program.compiler.tool])
    }

    public func prepare(in environment: SubjectEnvironment) throws {
        try program.build(for: id, in: environment)
    }

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [program.productPath(in: environment), name, family.helperArgument]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

/// glibc's `gethostbyname(3)`, the IPv4-only interface older programs still call
/// (`gethostbyname.c`).
public struct GethostbynameSubject: StubSubject {
    public init() {}

    public var id: String { "glibc-gethostbyname" }
    public var title: String { "glibc gethostbyname" }
    public var family: AddressFamily { .inet }

    var program: HelperProgram {
        HelperProgram(product: "glibc-gethostbyname", source: "gethostbyname.c", compiler: .gcc(libraries: []))
    }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([program.compiler.tool])
    }

    public func prepare(in environment: SubjectEnvironment) throws {
        try program.build(for: id, in: environment)
    }

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [program.productPath(in: environment), name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

/// `getent ahosts NAME`, as administrators type it: glibc `getaddrinfo` with AF_UNSPEC and
/// `AI_V4MAPPED | AI_ADDRCONFIG | AI_CANONNAME` (getent's own flags, so unlike the other glibc
/// subjects it depends on the namespace having a non-loopback address of each family).
/// getent exits 2 for "not found", which `not-found-status.sh` turns into an `ERROR` line.
public struct GetentAhostsSubject: StubSubject {
    public init() {}

    public var id: String { "getent-ahosts" }
    public var title: String { "getent ahosts" }
    public var family: AddressFamily { .unspecified }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([("getent", "libc-bin"), ("sh", "dash")])
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("sh"), environment.programsDirectory + "/not-found-status.sh", "2",
         SubjectTools.path("getent"), "ahosts", name]
    }

    /// getent prints `ADDRESS  SOCKTYPE  [CANONICAL NAME]` once per socket type; the addresses
    /// are the first column, each kept once, in order.
    public func observation(standardOutput: String, standardError: String) -> Observation {
        var lines: [String] = []
        var seen: Set<String> = []
        for line in standardOutput.split(whereSeparator: \.isNewline) {
            guard let first = line.split(whereSeparator: \.isWhitespace).first else { continue }
            if first == "ERROR" {
                lines.append(String(line))
            } else if seen.insert(String(first)).inserted {
                lines.append(String(first))
            }
        }
        return Observation(helperOutput: lines.joined(separator: "\n"))
    }
}

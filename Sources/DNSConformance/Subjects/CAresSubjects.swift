/// The system's c-ares library (`c-ares.c`, linked with `-lcares`), configured from
/// /etc/resolv.conf.
public struct CAresSubject: StubSubject {
    public enum Interface: String, Sendable, Hashable {
        /// `ares_getaddrinfo` with AF_UNSPEC: c-ares follows the chain itself.
        case getaddrinfo
        /// `ares_query` for A, then `ares_parse_a_reply` on the raw answer.
        case parseAReply = "parse-a-reply"
    }

    public let interface: Interface

    public init(_ interface: Interface) {
        self.interface = interface
    }

    public var id: String { "c-ares-\(interface.rawValue)" }
    public var title: String {
        switch interface {
        case .getaddrinfo: "c-ares ares_getaddrinfo"
        case .parseAReply: "c-ares ares_parse_a_reply"
        }
    }
    public var family: AddressFamily { interface == .getaddrinfo ? .unspecified : .inet }

    var program: HelperProgram {
        HelperProgram(product: "c-ares", source: "c-ares.c", compiler: .gcc(libraries: ["cares"]))
    }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([program.compiler.tool])
            ?? SubjectTools.missingFile("/usr/include/ares.h", package: "libc-ares-dev")
    }

    public func prepare(in environment: SubjectEnvironment) throws {
        try program.build(for: id, in: environment)
    }

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [program.productPath(in: environment), interface.rawValue, name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

/// Node.js's two DNS paths (`node-dns.js`): `dns.lookup` goes through getaddrinfo(3) on libuv's
/// thread pool; `dns.promises.Resolver` uses Node's bundled c-ares with the servers of
/// /etc/resolv.conf.
public struct NodeSubject: StubSubject {
    public enum Call: String, Sendable, Hashable {
        /// `dns.lookup(name, {all: true, family: 0})`.
        case lookup
        /// `Resolver#resolve4`.
        case resolve4
        /// `Resolver#resolve6`.
        case resolve6
    }

    public let call: Call

    public init(_ call: Call) {
        self.call = call
    }

    public var id: String { "node-\(call.rawValue)" }
    public var title: String { call == .lookup ? "Node dns.lookup" : "Node dns.\(call.rawValue)" }
    public var family: AddressFamily {
        switch call {
        case .lookup: .unspecified
        case .resolve4: .inet
        case .resolve6: .inet6
        }
    }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([("node", "nodejs")])
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("node"), environment.programsDirectory + "/node-dns.js", call.rawValue, name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

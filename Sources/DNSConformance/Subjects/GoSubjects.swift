/// Go's pure-Go stub resolver (`go-lookup.go`): built with CGO_ENABLED=0, run with
/// `GODEBUG=netdns=go`, and `net.Resolver{PreferGo: true}` in the helper, so no C library is
/// involved at all.
public struct GoSubject: StubSubject {
    public enum Lookup: String, Sendable, Hashable {
        /// `LookupHost`: the addresses.
        case host
        /// `LookupCNAME`, then `LookupIPAddr` of the canonical name it returned. The helper prints
        /// `CNAME <name>` first (kept in the raw output); the observation is the addresses, so a
        /// wrong canonical name shows as EMPTY or WRONG.
        case cname
    }

    public let lookup: Lookup

    public init(_ lookup: Lookup) {
        self.lookup = lookup
    }

    public var id: String { lookup == .host ? "go-lookuphost" : "go-lookupcname" }
    public var title: String { lookup == .host ? "Go LookupHost (netdns=go)" : "Go LookupCNAME (netdns=go)" }
    public var family: AddressFamily { .unspecified }

    var program: HelperProgram {
        HelperProgram(product: "go-lookup", source: "go-lookup.go", compiler: .go)
    }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([program.compiler.tool])
    }

    public func prepare(in environment: SubjectEnvironment) throws {
        try program.build(for: id, in: environment)
    }

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("env"), "GODEBUG=netdns=go", program.productPath(in: environment), lookup.rawValue, name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        let lines = standardOutput.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("CNAME ") }
        return Observation(helperOutput: lines.joined(separator: "\n"))
    }
}

import DNSWire

/// What a subject made of a scenario (DESIGN §3).
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Exactly the addresses at the end of the chain.
    case ok = "OK"
    /// No address at all (an error, "not found", or an empty list).
    case empty = "EMPTY"
    /// Some of the chain's addresses, none off the chain.
    case partial = "PARTIAL"
    /// At least one address that is not on the chain.
    case wrong = "WRONG"
    /// The subject died (signal, or an exit status its helper never uses).
    case crash = "CRASH"
    /// No answer within the time limit.
    case timeout = "TIMEOUT"
    /// Repeated runs disagreed.
    case flaky = "FLAKY"
    /// Not run: the subject is absent here, or does not query this flavour's type.
    case skipped = "SKIPPED"

    /// One line a person reads next to the matrix.
    public var meaning: String {
        switch self {
        case .ok: "returned exactly the addresses at the end of the CNAME chain"
        case .empty: "returned no address (error, not found, or an empty list)"
        case .partial: "returned some of the chain's addresses and nothing else"
        case .wrong: "returned an address that is not on the chain"
        case .crash: "the client crashed"
        case .timeout: "the client did not finish in time"
        case .flaky: "repeated runs gave different verdicts"
        case .skipped: "not run (client absent, or it never asks for this record type)"
        }
    }
}

/// The addresses a subject printed, or why it printed none.
public struct Observation: Sendable, Codable, Hashable {
    /// Addresses in presentation form, as the subject returned them (order kept, duplicates kept).
    public var addresses: [String]
    /// The subject's own error text when it reported one (e.g. `EAI_NONAME`).
    public var error: String?

    public init(addresses: [String], error: String? = nil) {
        self.addresses = addresses
        self.error = error
    }

    /// The verdict against the chain's addresses (`expected`, the scenario's truth).
    public func verdict(expected: Set<String>) -> Verdict {
        let seen = Set(addresses.map(Observation.canonical))
        let truth = Set(expected.map(Observation.canonical))
        if seen.isEmpty { return .empty }
        if !seen.isSubset(of: truth) { return .wrong }
        return seen == truth ? .ok : .partial
    }

    /// Addresses compare in one spelling (IPv6 in RFC 5952 form, IPv4 as dotted quad).
    static func canonical(_ text: String) -> String {
        if let address = IPv6Address(text) { return address.description }
        if let address = IPv4Address(text) { return address.description }
        return text
    }
}

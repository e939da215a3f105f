import DNSWire

/// One resolver-mode experiment, read from a `.scenario` file of `ResolverScenarios/` (format:
/// `ResolverScenarios/README.md`): the zones the authoritative side serves, the question a peer
/// resolver is asked, and the answer a correct resolver gives.
public struct ResolverScenario: Sendable, Hashable {
    /// The file name without `.scenario`, e.g. `02-partial-expiry`.
    public var id: String
    public var title: String
    public var note: String
    /// `<id>.test.`: every name in the file is relative to it.
    public var domain: DomainName
    public var question: Question
    /// Whether the question is sent with the DO bit (RFC 3225), so that RRSIGs come back.
    public var dnssecOK: Bool
    /// Ask, wait this many seconds, ask again, and judge the second answer (partial expiry).
    public var againAfter: Double?
    public var zones: [ScenarioZone]
    /// The `expect` block: what a correct resolver answers, in the order the invariant gives.
    public var expected: ExpectedAnswer
}

/// A zone of a scenario, delegated from `test.` to a server of its own.
public struct ScenarioZone: Sendable, Hashable {
    /// `<label>.<scenario id>.test.`
    public var origin: DomainName
    /// How the authoritative server lays out its answer sections for this zone.
    public var ordering: AnswerOrdering
    /// The records written in the file, in file order (SOA, NS and the server's address are added
    /// by `Authority`).
    public var records: [ResourceRecord]
    /// Records the server appends to every non-empty answer section (`append:`), off the chain.
    public var appended: [ResourceRecord] = []
}

/// The order in which an authoritative server of the runner writes its answer sections. Anything
/// but `chain` breaks the invariant on purpose: the resolver under test must repair it.
public enum AnswerOrdering: String, Sendable, Hashable, CaseIterable {
    /// The chain from the query name, each RRSIG after its RRset (what a careful server sends).
    case chain
    /// The whole section backwards.
    case reversed = "reversed"
    /// The final RRset(s) first, then the CNAME/DNAME chain in order.
    case addressesFirst = "addresses-first"
    /// Every record but the RRSIGs in chain order, then all the RRSIGs.
    case signaturesLast = "signatures-last"

    /// `answers` (in chain order) laid out this way.
    public func apply(to answers: [ResourceRecord]) -> [ResourceRecord] {
        switch self {
        case .chain:
            return answers
        case .reversed:
            return answers.reversed()
        case .addressesFirst:
            let isChain: (ResourceRecord) -> Bool = { record in
                let type = record.type == .rrsig ? (try? RRSIG(rdata: record.rdata))?.typeCovered : record.type
                return type == .cname || type == .dname
            }
            return answers.filter { !isChain($0) } + answers.filter(isChain)
        case .signaturesLast:
            return answers.filter { $0.type != .rrsig } + answers.filter { $0.type == .rrsig }
        }
    }
}

/// What a resolver should answer: the RCODE and the answer section, in invariant order.
public struct ExpectedAnswer: Sendable, Hashable {
    public var rcode: RCode
    public var answers: [ResourceRecord]

    public init(rcode: RCode, answers: [ResourceRecord]) {
        self.rcode = rcode
        self.answers = answers
    }

    /// One short line per entry, for reports: the RCODE, then each record.
    public var lines: [String] {
        [rcode.description] + answers.map(\.compactPresentation)
    }
}

extension ResourceRecord {
    /// `owner TTL TYPE rdata`, one space apart (class IN left out): short enough for a report cell.
    public var compactPresentation: String {
        "\(name) \(ttl) \(`class` == .in ? "" : "\(`class`) ")\(type) \(rdataPresentation)"
    }
}

/// The fake signatures of the scenarios: well-formed RRSIG RDATA that nothing verifies (validation
/// is off in every peer), so that only where the RRSIGs go is tested.
enum FakeSignature {
    /// 2020-01-01 and 2037-01-01 in seconds since 1970 (RFC 4034 §3.1.5).
    static let inception: UInt32 = 1_577_836_800
    static let expiration: UInt32 = 2_114_380_800
    static let keyTag: UInt16 = 12345

    /// An RRSIG over the `covered` RRset at `owner` whose TTL is `ttl`, signed by `signer`.
    static func record(owner: DomainName, ttl: UInt32, covered: RRType, signer: DomainName) -> ResourceRecord {
        let signature = RRSIG(typeCovered: covered, algorithm: DNSSECAlgorithm(13), labels: UInt8(clamping: owner.labelCount),
                              originalTTL: ttl, expiration: expiration, inception: inception, keyTag: keyTag,
                              signerName: signer, signature: Array(repeating: 0x5A, count: 64))
        return ResourceRecord(name: owner, type: .rrsig, ttl: ttl, rdata: signature.rdata())
    }
}

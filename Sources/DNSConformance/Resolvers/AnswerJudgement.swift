import DNSWire

/// The verdict on one resolver answer against the authoritative truth.
///
/// - EMPTY: no record where the truth has some, and no NXDOMAIN (SERVFAIL, REFUSED, or an empty
///   NOERROR).
/// - WRONG: a record off the truth, different RDATA, a TTL above the authoritative one, the wrong
///   RCODE (a false NXDOMAIN included), or the right records in the wrong order (the note then says
///   `misordered:`).
/// - PARTIAL: only some of the truth's RRsets, nothing else, in order.
/// - OK: exactly the truth's RRsets (TTLs may be lower), in invariant order, and the right RCODE.
public struct AnswerJudgement: Sendable, Hashable {
    public var verdict: Verdict
    /// What was wrong, for a person: empty when OK.
    public var problems: [String]

    public var note: String? { problems.isEmpty ? nil : problems.joined(separator: "; ") }

    public init(question: Question, rcode: RCode, answers: [ResourceRecord], expected: ExpectedAnswer) {
        var wrong: [String] = []
        var missing: [String] = []
        let truth = Dictionary(grouping: expected.answers, by: RRsetGroup.key(of:))
        let received = Dictionary(grouping: answers, by: RRsetGroup.key(of:))
        for key in Self.orderedKeys(answers) {
            guard let expectedRRset = truth[key] else {
                wrong.append("off the chain: \(RRsetGroup.label(key))")
                continue
            }
            let rrset = received[key] ?? []
            if Set(rrset.map(Self.comparable)) != Set(expectedRRset.map(Self.comparable)) || rrset.count != expectedRRset.count {
                wrong.append("\(RRsetGroup.label(key)) holds \(rrset.map(\.rdataPresentation)), the zone \(expectedRRset.map(\.rdataPresentation))")
            }
            let ceiling = expectedRRset.map(\.ttl).max() ?? 0
            if let high = rrset.map(\.ttl).max(), high > ceiling {
                wrong.append("\(RRsetGroup.label(key)) TTL \(high) is above the zone's \(ceiling)")
            }
        }
        for key in Self.orderedKeys(expected.answers) where received[key] == nil {
            missing.append(RRsetGroup.label(key))
        }
        let order = AnswerOrderCheck.violations(question: question, answers: answers)

        var problems: [String] = []
        if rcode != expected.rcode { problems.append("RCODE \(rcode), expected \(expected.rcode)") }
        problems += wrong
        if !order.isEmpty { problems.append("misordered: " + order.map(\.description).joined(separator: ", ")) }
        if !missing.isEmpty { problems.append("missing: " + missing.joined(separator: ", ")) }
        self.problems = problems

        if answers.isEmpty, !expected.answers.isEmpty, rcode != .nxDomain {
            verdict = .empty  // nothing at all: SERVFAIL, REFUSED, or NOERROR without records
        } else if rcode != expected.rcode || !wrong.isEmpty || !order.isEmpty {
            verdict = .wrong
        } else if !missing.isEmpty {
            verdict = .partial
        } else {
            verdict = .ok
        }
    }

    /// The distinct RRset keys of `records`, in first-seen order.
    static func orderedKeys(_ records: [ResourceRecord]) -> [RRsetGroup.Key] {
        var seen: Set<RRsetGroup.Key> = []
        return records.map(RRsetGroup.key(of:)).filter { seen.insert($0).inserted }
    }

    /// RDATA as compared: names inside CNAME, DNAME and RRSIG (the signer) without regard to case
    /// (RFC 4343), everything else octet for octet.
    static func comparable(_ record: ResourceRecord) -> [UInt8] {
        switch record.type {
        case .cname, .dname:
            return (try? DomainName(wire: record.rdata))?.lowercased().wire ?? record.rdata
        case .rrsig:
            guard var signature = try? RRSIG(rdata: record.rdata) else { return record.rdata }
            signature.signerName = signature.signerName.lowercased()
            // The original TTL is data (RFC 4034 §3.1.4), but a resolver may not touch it: compare it too.
            return signature.rdata()
        default:
            return record.rdata
        }
    }
}

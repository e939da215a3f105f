/// The answer to one question, found by following the CNAME/DNAME chain from the query name
/// through a response's answer section, whatever order the records came in.
///
/// This is what a stub resolver should do with a response (RFC 1034 §3.6.2, §5.2.2; RFC 6672 §3):
/// records off the chain are ignored, so neither reordering nor unrelated records can change the
/// result.
public struct AnswerChain: Hashable, Sendable {
    public var question: Question
    /// The name the chain ends at: the owner of `answers`.
    public var canonicalName: DomainName
    /// CNAME and DNAME records in chain order, starting at the query name. A DNAME is followed by
    /// the CNAME synthesised from it when the response carries one (RFC 6672 §3.4).
    public var chain: [ResourceRecord]
    /// Records of the question's type and class owned by `canonicalName`, in received order.
    public var answers: [ResourceRecord]

    /// Follows the chain for `question` through `records` (a response's answer section).
    ///
    /// Throws `WireError.Code.chainTooLong` when the chain loops or is longer than
    /// `WireLimits.maximumChainLength` links.
    public init(question: Question, records: [ResourceRecord]) throws {
        self.question = question
        var name = question.name
        var chain: [ResourceRecord] = []
        var visited: Set<DomainName> = [name]
        let inClass = records.filter { $0.class == question.class }
        func owned(by owner: DomainName, _ type: RRType) -> [ResourceRecord] {
            inClass.filter { $0.type == type && $0.name == owner }
        }
        while true {
            // A query for CNAME (or for ANY) is answered by the records at the name itself.
            if question.type == .cname || question.type == .any { break }
            let next: DomainName
            if let (dname, target) = Self.dname(covering: name, in: inClass) {
                // RFC 6672 §3.4: the DNAME decides; a synthesised CNAME that agrees with it is kept.
                chain.append(dname)
                if let synthesised = owned(by: name, .cname).first(where: { (try? aliasTarget($0)) == target }) {
                    chain.append(synthesised)
                }
                next = target
            } else if let alias = owned(by: name, .cname).first, let target = try? aliasTarget(alias) {
                // RFC 1034 §3.6.2: a CNAME owner has no other data; its target is where to look.
                chain.append(alias)
                next = target
            } else {
                break
            }
            guard chain.count <= WireLimits.maximumChainLength else {
                throw WireError(.chainTooLong, at: 0, "more than \(WireLimits.maximumChainLength) CNAME/DNAME links from \(question.name)")
            }
            guard visited.insert(next).inserted else {
                throw WireError(.chainTooLong, at: 0, "the CNAME/DNAME chain from \(question.name) loops at \(next)")
            }
            name = next
        }
        self.canonicalName = name
        self.chain = chain
        self.answers = question.type == .any ? inClass.filter { $0.name == name } : owned(by: name, question.type)
    }

    /// The DNAME whose owner is a proper ancestor of `name`, and the name it rewrites `name` to
    /// (RFC 6672 §2.2). The closest ancestor wins.
    private static func dname(covering name: DomainName, in records: [ResourceRecord]) -> (ResourceRecord, DomainName)? {
        var best: (ResourceRecord, DomainName)? = nil
        for record in records where record.type == .dname && name != record.name && name.isSubdomain(of: record.name) {
            guard let target = try? aliasTarget(record),
                  let rewritten = try? name.replacingSuffix(record.name, with: target) else { continue }
            if best == nil || record.name.wire.count > (best?.0.name.wire.count ?? 0) { best = (record, rewritten) }
        }
        return best
    }

    /// The addresses of A and AAAA answers, in presentation form.
    public var addresses: [String] {
        answers.filter { $0.type == .a || $0.type == .aaaa }.map(\.rdataPresentation)
    }
}

/// The target of a CNAME or DNAME record (its RDATA is one uncompressed name).
private func aliasTarget(_ record: ResourceRecord) throws -> DomainName {
    try DomainName(wire: record.rdata)
}

extension DomainName {
    /// `self` with its suffix `old` replaced by `new` (RFC 6672 §2.2 DNAME substitution).
    /// Throws `.nameTooLong` when the result exceeds 255 octets (RFC 6672 §2.2: YXDOMAIN).
    public func replacingSuffix(_ old: DomainName, with new: DomainName) throws -> DomainName {
        guard isSubdomain(of: old) else { throw WireError(.badText, at: 0, "\(self) is not under \(old)") }
        let prefix = wire[..<(wire.count - old.wire.count)]
        let bytes = Array(prefix) + new.wire
        guard bytes.count <= WireLimits.maximumNameLength else {
            throw WireError(.nameTooLong, at: 0, "DNAME substitution of \(self) gives \(bytes.count) octets; the limit is 255")
        }
        return DomainName(validatedWire: bytes)
    }
}

extension Message {
    /// Follows the chain for `question` (by default the message's first question) through the
    /// answer section.
    public func answerChain(for question: Question? = nil) throws -> AnswerChain {
        guard let question = question ?? questions.first else {
            throw WireError(.truncated, at: Header.size, "the message has no question to follow a chain from")
        }
        return try AnswerChain(question: question, records: answers)
    }
}

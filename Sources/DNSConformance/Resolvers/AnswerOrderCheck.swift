import DNSWire

/// Checks an answer section against the invariant (DESIGN "The invariant"), with nothing but the
/// question: the RRset owned by the query name first; each following CNAME/DNAME RRset owned by the
/// target of the one before it (a DNAME by an ancestor of the name it rewrites, followed by the CNAME
/// synthesised from it); each RRset followed directly by its RRSIGs; the final RRset last; nothing
/// off the chain. RFC 1034 §4.3.1 ("possibly preface by one or more CNAME RRs"), RFC 6672 §3.4.
public enum AnswerOrderCheck {
    /// One break of the invariant: where (the index of the record in the answer section) and what.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var index: Int
        public var problem: String
        public var description: String { "record \(index + 1): \(problem)" }
    }

    /// The breaks of the invariant in `answers`, in section order; empty when it holds.
    public static func violations(question: Question, answers: [ResourceRecord]) -> [Violation] {
        var violations: [Violation] = []
        let groups = RRsetGroup.split(answers)
        // An RRset in two places is split whatever else holds (RFC 2181 §5: an RRset is one unit).
        var seen: Set<RRsetGroup.Key> = []
        for group in groups where !seen.insert(group.key).inserted {
            violations.append(Violation(index: group.start, problem: "\(group.label) is split: more of it after other records"))
        }

        var name = question.name
        // After a DNAME: the name the synthesised CNAME (or, without one, the chain) goes on from.
        var dnameTarget: DomainName?
        var finished = false
        var previous: RRsetGroup?
        for group in groups {
            defer { previous = group }
            if group.type == .rrsig {
                // RFC 4035 §3.1.1 puts RRSIGs with their RRset; the invariant puts them right after it.
                guard let previous, previous.type != .rrsig, previous.name == group.name, previous.type == group.covered else {
                    violations.append(Violation(index: group.start, problem: "\(group.label) does not follow the RRset it covers"))
                    continue
                }
                continue
            }
            if finished {
                violations.append(Violation(index: group.start, problem: "\(group.label) after the final RRset"))
                continue
            }
            if let target = dnameTarget {
                dnameTarget = nil
                // No synthesised CNAME: the chain goes on at the DNAME's rewritten name.
                if !(group.type == .cname && group.name == name) { name = target }
            }
            if group.type == .dname, name != group.name, name.isSubdomain(of: group.name),
               let target = group.aliasTarget, let rewritten = try? name.replacingSuffix(group.name, with: target) {
                dnameTarget = rewritten
                continue
            }
            guard group.name == name else {
                violations.append(Violation(index: group.start, problem: "\(group.label) where the chain is at \(name)"))
                continue
            }
            if group.type == .cname, question.type != .cname, question.type != .any, let target = group.aliasTarget {
                name = target
            } else if group.type == question.type || question.type == .any {
                finished = true
            } else {
                violations.append(Violation(index: group.start, problem: "\(group.label) is neither an alias nor the type asked"))
            }
        }
        return violations
    }
}

/// A run of adjacent records of one RRset (same owner, type and class; for RRSIGs also the same
/// covered type).
struct RRsetGroup: Sendable {
    struct Key: Hashable {
        var name: DomainName
        var type: RRType
        var `class`: RRClass
        var covered: RRType?
    }

    var start: Int
    var records: [ResourceRecord]

    var key: Key { Key(name: name, type: type, class: records[0].class, covered: covered) }
    var name: DomainName { records[0].name }
    var type: RRType { records[0].type }
    var covered: RRType? { Self.covered(records[0]) }
    var aliasTarget: DomainName? { try? DomainName(wire: records[0].rdata) }

    /// `www.example. CNAME`, `www.example. RRSIG(A)`.
    var label: String { Self.label(key) }

    static func label(_ key: Key) -> String {
        "\(key.name) \(key.type)" + (key.covered.map { "(\($0))" } ?? "")
    }

    static func covered(_ record: ResourceRecord) -> RRType? {
        record.type == .rrsig ? (try? RRSIG(rdata: record.rdata))?.typeCovered : nil
    }

    static func key(of record: ResourceRecord) -> Key {
        Key(name: record.name, type: record.type, class: record.class, covered: covered(record))
    }

    /// `records` cut into runs of one RRset each; every run holds at least one record.
    static func split(_ records: [ResourceRecord]) -> [RRsetGroup] {
        var groups: [RRsetGroup] = []
        for (index, record) in records.enumerated() {
            if let last = groups.last, last.key == key(of: record) {
                groups[groups.count - 1].records.append(record)
            } else {
                groups.append(RRsetGroup(start: index, records: [record]))
            }
        }
        return groups
    }
}

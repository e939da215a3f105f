/// A DNS message as values: header, questions and records with decompressed names and RDATA.
///
/// Parse with `Message(wire:)`, build with `wire()` (RFC 1035 compression where RFC 3597 §4
/// allows it, truncation by whole RRsets). The OPT record stays in `additionals` where it was
/// received; `edns` reads and writes it.
public struct Message: Hashable, Sendable {
    public var header: Header
    public var questions: [Question]
    public var answers: [ResourceRecord]
    public var authorities: [ResourceRecord]
    public var additionals: [ResourceRecord]

    public init(header: Header = Header(), questions: [Question] = [], answers: [ResourceRecord] = [],
                authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = []) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// Parses a message. Every name is decompressed, every RDATA checked against its type's layout;
    /// any malformation throws a `WireError` with the offset.
    public init(wire bytes: [UInt8]) throws {
        var visitor = OwnedMessageBuilder()
        var trailing = 0
        let header = try bytes.withUnsafeBytes { try MessageScanner.scan($0, &visitor, trailingBytes: &trailing) }
        self.init(header: header, questions: visitor.questions, answers: visitor.sections[0],
                  authorities: visitor.sections[1], additionals: visitor.sections[2])
    }

    /// The records of one section (`.question` has none: see `questions`).
    public func records(in section: Section) -> [ResourceRecord] {
        switch section {
        case .question: []
        case .answer: answers
        case .authority: authorities
        case .additional: additionals
        }
    }
}

/// Collects the owned model during the message walk.
struct OwnedMessageBuilder: MessageVisitor {
    var questions: [Question] = []
    var sections: [[ResourceRecord]] = [[], [], []]

    init() {}

    mutating func readName(_ reader: inout WireReader) throws -> DomainName {
        try reader.readName()
    }

    mutating func question(name: DomainName, nameOffset: Int, type: RRType, class: RRClass) {
        questions.append(Question(name, type, `class`))
    }

    mutating func record(section: Section, name: DomainName, nameOffset: Int, type: RRType, class: RRClass,
                         ttl: UInt32, rdata: inout WireReader) throws {
        var sink = AppendingNameSink([])
        sink.output.reserveCapacity(rdata.remaining)
        try type.descriptor.walkRData(&rdata, into: &sink)
        sections[section.rawValue - 1].append(
            ResourceRecord(name: name, type: type, class: `class`, ttl: ttl, rdata: sink.output))
    }
}

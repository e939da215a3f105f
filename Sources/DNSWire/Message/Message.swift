/// A DNS message as values: header, questions and records with decompressed names and RDATA.
///
/// Parse with `Message(wire:)`, build with `wire()` (RFC 1035 compression where RFC 3597 §4
/// allows it, truncation by whole RRsets). The OPT record stays in `additionals` where it was
/// received; `edns` reads and writes it.
public struct Message: Sendable {
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
        var visitor = OwnedMessageBuilder(capacityFor: bytes)
        var trailing = 0
        let header = try bytes.withUnsafeBytes { try MessageScanner.scan($0, &visitor, trailingBytes: &trailing) }
        self.init(header: header, questions: visitor.questions, answers: visitor.answers,
                  authorities: visitor.authorities, additionals: visitor.additionals)
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
    var answers: [ResourceRecord] = []
    var authorities: [ResourceRecord] = []
    var additionals: [ResourceRecord] = []
    /// The last names decoded, by the offset their first label starts at: a name that is only a
    /// compression pointer (the usual owner of an answer) shares the earlier name's storage.
    /// Four fixed slots, so the cache itself allocates nothing.
    private var recent: (NameSlot, NameSlot, NameSlot, NameSlot) = (.empty, .empty, .empty, .empty)
    private var nextSlot = 0

    struct NameSlot {
        var offset: Int
        var name: DomainName
        static let empty = NameSlot(offset: -1, name: .root)
    }

    private func recentName(at offset: Int) -> DomainName? {
        if recent.0.offset == offset { return recent.0.name }
        if recent.1.offset == offset { return recent.1.name }
        if recent.2.offset == offset { return recent.2.name }
        if recent.3.offset == offset { return recent.3.name }
        return nil
    }

    private mutating func remember(_ name: DomainName, at offset: Int) {
        let slot = NameSlot(offset: offset, name: name)
        switch nextSlot {
        case 0: recent.0 = slot
        case 1: recent.1 = slot
        case 2: recent.2 = slot
        default: recent.3 = slot
        }
        nextSlot = (nextSlot + 1) & 3
    }

    /// Reserves room for what the header announces, bounded by what the octets could hold
    /// (a question takes at least 5 octets, a record at least 11).
    init(capacityFor wire: [UInt8]) {
        guard wire.count >= Header.size else { return }
        let room = wire.count - Header.size
        func count(_ offset: Int) -> Int { Int(wire[offset]) << 8 | Int(wire[offset + 1]) }
        questions.reserveCapacity(min(count(4), room / 5))
        answers.reserveCapacity(min(count(6), room / 11))
        authorities.reserveCapacity(min(count(8), room / 11))
        additionals.reserveCapacity(min(count(10), room / 11))
    }

    mutating func readName(_ reader: inout WireReader) throws -> DomainName {
        let start = reader.offset
        guard reader.remaining >= 1 else { return try reader.readName() } // throws: truncated
        let first = reader.bytes[start]
        if first == 0 {
            reader.offset += 1
            return .root
        }
        if first & 0xC0 == 0xC0, reader.remaining >= 2 {
            let target = Int(first & 0x3F) << 8 | Int(reader.bytes[start + 1])
            // Only a pointer backwards can have been decoded before; `readName` checks the rest.
            if target < start, let known = recentName(at: target) {
                reader.offset += 2
                return known
            }
        }
        let name = try reader.readName()
        if first & 0xC0 == 0 { remember(name, at: start) }
        return name
    }

    mutating func question(name: DomainName, nameOffset: Int, type: RRType, class: RRClass) {
        questions.append(Question(name, type, `class`))
    }

    mutating func record(section: Section, name: DomainName, nameOffset: Int, type: RRType, class: RRClass,
                         ttl: UInt32, rdata: inout WireReader) throws {
        let record = ResourceRecord(name: name, type: type, class: `class`, ttl: ttl, rdata: try type.descriptor.readRData(&rdata))
        switch section {
        case .answer: answers.append(record)
        case .authority: authorities.append(record)
        default: additionals.append(record)
        }
    }
}

extension Message: Hashable {
    /// Messages are equal when their ID, flags and sections are: the header counts are derived
    /// from the sections when a message is built, so a built message equals its parsed wire form.
    public static func == (lhs: Message, rhs: Message) -> Bool {
        lhs.header.id == rhs.header.id && lhs.header.flags == rhs.header.flags && lhs.questions == rhs.questions
            && lhs.answers == rhs.answers && lhs.authorities == rhs.authorities && lhs.additionals == rhs.additionals
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(header.id)
        hasher.combine(header.flags)
        hasher.combine(questions)
        hasher.combine(answers)
        hasher.combine(authorities)
        hasher.combine(additionals)
    }
}

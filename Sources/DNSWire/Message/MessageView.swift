/// A zero-copy view of a received message.
///
/// Construction walks the whole message once and checks it exactly as `Message(wire:)` does
/// (names, pointers, RDATA layouts), recording where each record sits; names and RDATA are
/// decoded only when asked for. One allocation: the table of record positions.
public struct MessageView: Sendable {
    /// The message octets (shared, not copied).
    public let wire: [UInt8]
    public let header: Header
    /// Octets after the last record the header announced (ignored by the parse).
    public let trailingByteCount: Int
    let entries: [Entry]

    /// Where one question or record sits in `wire`.
    struct Entry: Sendable {
        var nameOffset: UInt32
        var rdataOffset: UInt32
        var ttl: UInt32
        var type: RRType
        var `class`: RRClass
        var rdataLength: UInt16
    }

    public init(wire: [UInt8]) throws {
        self.wire = wire
        var visitor = ViewIndexer(capacityFor: wire)
        var trailing = 0
        self.header = try wire.withUnsafeBytes { try MessageScanner.scan($0, &visitor, trailingBytes: &trailing) }
        self.entries = visitor.entries
        self.trailingByteCount = trailing
    }

    public var questionCount: Int { Int(header.questionCount) }

    /// The questions (usually one).
    public var questions: Records { Records(view: self, range: 0..<Int(header.questionCount)) }
    public var answers: Records { records(in: .answer) }
    public var authorities: Records { records(in: .authority) }
    public var additionals: Records { records(in: .additional) }

    public func records(in section: Section) -> Records {
        let counts = [header.questionCount, header.answerCount, header.authorityCount, header.additionalCount].map(Int.init)
        let start = counts[..<section.rawValue].reduce(0, +)
        return Records(view: self, range: start..<start + counts[section.rawValue])
    }

    /// The records of one section, in wire order.
    public struct Records: RandomAccessCollection, Sendable {
        let view: MessageView
        let range: Range<Int>
        public var startIndex: Int { 0 }
        public var endIndex: Int { range.count }
        public subscript(position: Int) -> Record { Record(view: view, entry: view.entries[range.lowerBound + position]) }
    }

    /// One question or record, decoded on demand.
    public struct Record: Sendable {
        let view: MessageView
        let entry: Entry

        public var type: RRType { entry.type }
        public var `class`: RRClass { entry.class }
        public var ttl: UInt32 { entry.ttl }
        /// Where the owner name starts in the message.
        public var nameOffset: Int { Int(entry.nameOffset) }
        /// Where the RDATA sits in the message, as received (names possibly compressed).
        public var rdataRange: Range<Int> { Int(entry.rdataOffset)..<Int(entry.rdataOffset) + Int(entry.rdataLength) }

        /// The owner name, decompressed.
        public var name: DomainName {
            view.wire.withUnsafeBytes { bytes in
                var reader = WireReader(bytes, offset: Int(entry.nameOffset))
                // trap-ok: the name was validated when the view was built.
                return (try? reader.readName()) ?? .root
            }
        }

        /// Whether the owner name equals `name` (ignoring case), without decoding it.
        public func nameEquals(_ name: DomainName) -> Bool {
            view.wire.withUnsafeBytes { bytes in
                var reader = WireReader(bytes, offset: Int(entry.nameOffset))
                var sink = ComparingNameSink(name.wire)
                guard (try? reader.readName(into: &sink)) != nil else { return false }
                return sink.matches && sink.position == name.wire.count - 1
            }
        }

        /// The RDATA in uncompressed form.
        public var rdata: [UInt8] {
            view.wire.withUnsafeBytes { bytes in
                var reader = WireReader(bytes, offset: rdataRange.lowerBound, limit: rdataRange.upperBound)
                var sink = AppendingNameSink([])
                sink.output.reserveCapacity(rdataRange.count)
                // trap-ok: the RDATA was validated when the view was built.
                try? entry.type.descriptor.walkRData(&reader, into: &sink)
                return sink.output
            }
        }

        /// The record as a value.
        public var resourceRecord: ResourceRecord {
            ResourceRecord(name: name, type: type, class: `class`, ttl: ttl, rdata: rdata)
        }

        /// The question as a value (for records of the question section).
        public var question: Question { Question(name, type, `class`) }
    }
}

extension Message {
    /// The owned model of a view (no re-validation needed).
    public init(_ view: MessageView) {
        self.init(header: view.header,
                  questions: view.questions.map(\.question),
                  answers: view.answers.map(\.resourceRecord),
                  authorities: view.authorities.map(\.resourceRecord),
                  additionals: view.additionals.map(\.resourceRecord))
    }
}

/// Compares labels read from a message with a name's wire form, case-insensitively.
struct ComparingNameSink: NameSink {
    let expected: [UInt8]
    var position = 0
    var matches = true

    init(_ expected: [UInt8]) { self.expected = expected }

    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) {
        guard matches, position + 1 + length < expected.count, Int(expected[position]) == length else {
            matches = false
            return
        }
        for index in 0..<length where asciiLowercase(bytes[offset + index]) != asciiLowercase(expected[position + 1 + index]) {
            matches = false
            return
        }
        position += 1 + length
    }
}

/// Records positions during the message walk.
struct ViewIndexer: MessageVisitor {
    var entries: [MessageView.Entry] = []

    init(capacityFor wire: [UInt8]) {
        // Counts in the header are untrusted: reserve no more than the octets could hold
        // (a question takes at least 5 octets, a record at least 11).
        guard wire.count >= Header.size else { return }
        let announced = (4..<12).striding(by: 2).reduce(0) { $0 + (Int(wire[$1]) << 8 | Int(wire[$1 + 1])) }
        entries.reserveCapacity(min(announced, (wire.count - Header.size) / 5))
    }

    mutating func readName(_ reader: inout WireReader) throws {
        try reader.skipName()
    }

    mutating func question(name: Void, nameOffset: Int, type: RRType, class: RRClass) {
        entries.append(.init(nameOffset: UInt32(nameOffset), rdataOffset: 0, ttl: 0, type: type, class: `class`, rdataLength: 0))
    }

    mutating func record(section: Section, name: Void, nameOffset: Int, type: RRType, class: RRClass,
                         ttl: UInt32, rdata: inout WireReader) throws {
        let start = rdata.offset
        var sink = DiscardingNameSink()
        try type.descriptor.walkRData(&rdata, into: &sink)
        entries.append(.init(nameOffset: UInt32(nameOffset), rdataOffset: UInt32(start), ttl: ttl, type: type,
                             class: `class`, rdataLength: UInt16(rdata.limit - start)))
    }
}

extension Range where Bound == Int {
    func striding(by step: Int) -> StrideTo<Int> { stride(from: lowerBound, to: upperBound, by: step) }
}

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
        var header = Header()
        var trailing = 0
        var failure: WireError? = nil
        // One allocation, sized by what the header announces and the octets could hold.
        let entries = [Entry](unsafeUninitializedCapacity: ViewIndexer.capacity(for: wire)) { buffer, count in
            var visitor = ViewIndexer(buffer)
            do {
                header = try wire.withUnsafeBytes { try MessageScanner.scan($0, &visitor, trailingBytes: &trailing) }
            } catch {
                failure = error as? WireError ?? WireError(.truncated, at: 0, "\(error)")
            }
            count = visitor.count
        }
        if let failure { throw failure }
        self.wire = wire
        self.header = header
        self.entries = entries
        self.trailingByteCount = trailing
    }

    public var questionCount: Int { Int(header.questionCount) }

    /// The questions (usually one).
    public var questions: Records { Records(view: self, range: 0..<Int(header.questionCount)) }
    public var answers: Records { records(in: .answer) }
    public var authorities: Records { records(in: .authority) }
    public var additionals: Records { records(in: .additional) }

    public func records(in section: Section) -> Records {
        // Arithmetic only: a query's view is asked for its sections on every packet the server reads.
        let questions = Int(header.questionCount), answers = Int(header.answerCount)
        let authorities = Int(header.authorityCount), additionals = Int(header.additionalCount)
        let range = switch section {
        case .question: 0..<questions
        case .answer: questions..<questions + answers
        case .authority: questions + answers..<questions + answers + authorities
        case .additional: questions + answers + authorities..<questions + answers + authorities + additionals
        }
        return Records(view: self, range: range)
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
                // The RDATA was validated when the view was built.
                return (try? entry.type.descriptor.readRData(&reader)) ?? []
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

/// Records positions during the message walk, into memory sized by `capacity(for:)`.
struct ViewIndexer: MessageVisitor {
    let buffer: UnsafeMutableBufferPointer<MessageView.Entry>
    var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<MessageView.Entry>) { self.buffer = buffer }

    /// Entries the header announces, bounded by what the octets could hold (a question takes at
    /// least 5 octets, a record at least 11): header counts are untrusted.
    static func capacity(for wire: [UInt8]) -> Int {
        guard wire.count >= Header.size else { return 0 }
        let announced = stride(from: 4, to: 12, by: 2).reduce(0) { $0 + (Int(wire[$1]) << 8 | Int(wire[$1 + 1])) }
        return min(announced, (wire.count - Header.size) / 5)
    }

    private mutating func append(_ entry: MessageView.Entry, at offset: Int) throws {
        // Cannot happen (each entry consumes at least 5 octets), but memory safety must not depend on it.
        guard count < buffer.count else { throw WireError(.truncated, at: offset, "more entries than the message can hold") }
        (buffer.baseAddress.map { $0 + count })?.initialize(to: entry)
        count += 1
    }

    mutating func readName(_ reader: inout WireReader) throws {
        try reader.skipName()
    }

    mutating func question(name: Void, nameOffset: Int, type: RRType, class: RRClass) throws {
        try append(.init(nameOffset: UInt32(nameOffset), rdataOffset: 0, ttl: 0, type: type, class: `class`, rdataLength: 0), at: nameOffset)
    }

    mutating func record(section: Section, name: Void, nameOffset: Int, type: RRType, class: RRClass,
                         ttl: UInt32, rdata: inout WireReader) throws {
        let start = rdata.offset
        try RRTypeDescriptor.validateRData(of: type, &rdata)
        try append(.init(nameOffset: UInt32(nameOffset), rdataOffset: UInt32(start), ttl: ttl, type: type,
                         class: `class`, rdataLength: UInt16(rdata.limit - start)), at: nameOffset)
    }
}


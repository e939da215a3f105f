/// What a message walk hands each question and record to. The view records positions; the owned
/// model decodes names and RDATA. Both share one walk, so they accept and reject the same inputs.
protocol MessageVisitor {
    associatedtype Name
    mutating func readName(_ reader: inout WireReader) throws -> Name
    mutating func question(name: Name, nameOffset: Int, type: RRType, class: RRClass) throws
    /// `rdata` is confined to the record's RDATA; the visitor must walk it (validation included).
    mutating func record(section: Section, name: Name, nameOffset: Int, type: RRType, class: RRClass,
                         ttl: UInt32, rdata: inout WireReader) throws
}

enum MessageScanner {
    /// Walks a whole message: header, then every question and record the header announces.
    static func scan<Visitor: MessageVisitor>(_ bytes: UnsafeRawBufferPointer, _ visitor: inout Visitor,
                                              trailingBytes: inout Int) throws -> Header {
        guard bytes.count <= WireLimits.maximumMessageSize else {
            throw WireError(.messageTooLarge, at: WireLimits.maximumMessageSize,
                            "message of \(bytes.count) octets; the limit is 65,535")
        }
        var reader = WireReader(bytes)
        guard bytes.count >= Header.size else {
            throw WireError(.truncated, at: 0, "header needs 12 octets, message has \(bytes.count)")
        }
        var header = Header(id: try reader.readUInt16(), flags: try reader.readUInt16())
        header.questionCount = try reader.readUInt16()
        header.answerCount = try reader.readUInt16()
        header.authorityCount = try reader.readUInt16()
        header.additionalCount = try reader.readUInt16()

        for _ in 0..<header.questionCount {
            let nameOffset = reader.offset
            let name = try visitor.readName(&reader)
            let type = RRType(try reader.readUInt16("question type"))
            let `class` = RRClass(try reader.readUInt16("question class"))
            try visitor.question(name: name, nameOffset: nameOffset, type: type, class: `class`)
        }
        for (section, count) in [(Section.answer, header.answerCount), (.authority, header.authorityCount),
                                 (.additional, header.additionalCount)] {
            for _ in 0..<count {
                let nameOffset = reader.offset
                let name = try visitor.readName(&reader)
                let type = RRType(try reader.readUInt16("record type"))
                let `class` = RRClass(try reader.readUInt16("record class"))
                let ttl = try reader.readUInt32("TTL")
                let length = Int(try reader.readUInt16("RDLENGTH"))
                let rdataStart = reader.offset
                guard reader.remaining >= length else {
                    throw WireError(.truncated, at: rdataStart - 2,
                                    "RDLENGTH \(length) but only \(reader.remaining) octets left in the message")
                }
                var rdata = WireReader(bytes, offset: rdataStart, limit: rdataStart + length)
                try visitor.record(section: section, name: name, nameOffset: nameOffset, type: type,
                                   class: `class`, ttl: ttl, rdata: &rdata)
                reader.offset = rdataStart + length
            }
        }
        // Octets after the last announced record are ignored, as ldns, BIND and Unbound do; the view
        // reports how many there were (`MessageView.trailingByteCount`).
        trailingBytes = reader.remaining
        return header
    }
}

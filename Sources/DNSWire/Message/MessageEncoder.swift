/// Writes messages: names compressed where allowed (RFC 1035 §4.1.4, RFC 3597 §4), RRsets dropped
/// whole when the size limit is reached.
struct MessageEncoder {
    var output: [UInt8] = []
    /// Wire form of every name suffix written in a compressible position → its offset. Matching is
    /// exact, letter case included, so compression never changes a name's case.
    private var suffixes: [[UInt8]: UInt16] = [:]
    /// Suffixes added since the last checkpoint, so a dropped RRset leaves no pointers behind.
    private var added: [[UInt8]] = []

    init(capacity: Int) { output.reserveCapacity(capacity) }

    struct Checkpoint {
        let size: Int
        let added: Int
    }

    mutating func checkpoint() -> Checkpoint { Checkpoint(size: output.count, added: added.count) }

    mutating func rollBack(to checkpoint: Checkpoint) {
        output.removeSubrange(checkpoint.size...)
        for suffix in added[checkpoint.added...] { suffixes[suffix] = nil }
        added.removeSubrange(checkpoint.added...)
    }

    mutating func append(_ value: UInt16) {
        output.append(UInt8(value >> 8))
        output.append(UInt8(value & 0xFF))
    }

    mutating func append(_ value: UInt32) {
        append(UInt16(value >> 16))
        append(UInt16(value & 0xFFFF))
    }

    /// Writes `wire` (an uncompressed name) using and recording pointers when `compress` is set.
    mutating func writeName(_ wire: ArraySlice<UInt8>, compress: Bool) {
        guard compress else {
            output.append(contentsOf: wire)
            return
        }
        var offset = wire.startIndex
        while offset < wire.endIndex, wire[offset] != 0 {
            let key = Array(wire[offset...])
            if let target = suffixes[key] {
                append(0xC000 | target)
                return
            }
            // RFC 1035 §4.1.4: pointers hold 14-bit offsets.
            if output.count < 0x4000 {
                suffixes[key] = UInt16(output.count)
                added.append(key)
            }
            let length = Int(wire[offset])
            output.append(contentsOf: wire[offset...(offset + length)])
            offset += length + 1
        }
        output.append(0)
    }

    mutating func writeQuestion(_ question: Question) {
        writeName(question.name.wire[...], compress: true)
        append(question.type.rawValue)
        append(question.class.rawValue)
    }

    mutating func writeRecord(_ record: ResourceRecord) {
        writeName(record.name.wire[...], compress: true)
        append(record.type.rawValue)
        append(record.class.rawValue)
        append(record.ttl)
        let lengthOffset = output.count
        append(UInt16(0))
        let descriptor = record.type.descriptor
        if descriptor.compression == .compressed, descriptor.containsNames {
            let checkpoint = checkpoint()
            var sink = CompressingSink(encoder: self)
            let walked: Void? = record.rdata.withUnsafeBytes { bytes in
                var reader = WireReader(bytes)
                return try? descriptor.walkRData(&reader, into: &sink)
            }
            self = sink.encoder
            if walked == nil {
                // RDATA that does not fit its layout is written as it is, uncompressed.
                rollBack(to: checkpoint)
                output.append(contentsOf: record.rdata)
            }
        } else {
            output.append(contentsOf: record.rdata)
        }
        let length = output.count - lengthOffset - 2
        output[lengthOffset] = UInt8(truncatingIfNeeded: length >> 8)
        output[lengthOffset + 1] = UInt8(truncatingIfNeeded: length)
    }
}

/// Feeds a walked RDATA back into the encoder, compressing its names.
private struct CompressingSink: RDataSink {
    var encoder: MessageEncoder
    var name: [UInt8] = []

    mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        encoder.output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) {
        name.append(UInt8(length))
        name.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
    }

    mutating func endName() {
        name.append(0)
        encoder.writeName(name[...], compress: true)
        name.removeAll(keepingCapacity: true)
    }
}

extension Message {
    /// The message in wire form, at most `maxSize` octets (clamped to 512…65,535).
    ///
    /// Header counts are taken from the sections, and records are written in the order given (no
    /// reordering, ever). When they do not fit, records are dropped from the end, never part of an
    /// RRset; TC is set if an answer or authority RRset, or part of an additional one, was dropped
    /// (RFC 2181 §9), and the OPT record is kept (RFC 6891 §7). A question plus OPT record larger
    /// than `maxSize` is still written whole.
    public func wire(maxSize: Int = WireLimits.maximumMessageSize) -> [UInt8] {
        let limit = min(max(maxSize, WireLimits.classicUDPPayloadSize), WireLimits.maximumMessageSize)
        var encoder = MessageEncoder(capacity: min(limit, 4096))
        var header = self.header
        header.write(to: &encoder.output)
        for question in questions { encoder.writeQuestion(question) }

        let optIndex = additionals.firstIndex { $0.type == .opt }
        let optSize = optIndex.map { 11 + additionals[$0].rdata.count } ?? 0
        var counts = [UInt16(questions.count), 0, 0, 0]
        var truncated = false
        var optWritten = false
        sections: for (section, records) in [(Section.answer, answers), (.authority, authorities), (.additional, additionals)] {
            // Each written group of adjacent same-RRset records, with where it started.
            var groups: [(checkpoint: MessageEncoder.Checkpoint, start: Int)] = []
            var start = records.startIndex
            while start < records.endIndex {
                var end = start + 1
                while end < records.endIndex, records[end].isSameRRset(as: records[start]) { end += 1 }
                let checkpoint = encoder.checkpoint()
                for index in start..<end { encoder.writeRecord(records[index]) }
                let holdsOPT = section == .additional && optIndex.map { (start..<end).contains($0) } == true
                // Room stays reserved for the OPT record until it is written (RFC 6891 §7).
                if encoder.output.count > limit - (optWritten || holdsOPT ? 0 : optSize) {
                    // RFC 2181 §9: never send part of an RRset. Records of one RRset need not be
                    // adjacent, so also drop any written group whose RRset continues in what is dropped.
                    let dropped = records[start...]
                    let cut = groups.first { group in dropped.contains { $0.isSameRRset(as: records[group.start]) } }
                    let keep = cut.map(\.start) ?? start
                    encoder.rollBack(to: cut?.checkpoint ?? checkpoint)
                    counts[section.rawValue] -= UInt16(start - keep)
                    if section == .additional, let optIndex, optIndex >= keep { optWritten = false }
                    truncated = section != .additional
                    break sections
                }
                groups.append((checkpoint, start))
                optWritten = optWritten || holdsOPT
                counts[section.rawValue] += UInt16(end - start)
                start = end
            }
        }
        if let optIndex, !optWritten {
            encoder.writeRecord(additionals[optIndex])
            counts[3] += 1
        }
        header.questionCount = counts[0]
        header.answerCount = counts[1]
        header.authorityCount = counts[2]
        header.additionalCount = counts[3]
        if truncated { header.isTruncated = true }
        var headerBytes: [UInt8] = []
        header.write(to: &headerBytes)
        encoder.output.replaceSubrange(0..<Header.size, with: headerBytes)
        return encoder.output
    }
}

extension ResourceRecord {
    /// Same owner (ignoring case), type and class (RFC 2181 §5).
    public func isSameRRset(as other: ResourceRecord) -> Bool {
        type == other.type && `class` == other.class && name == other.name
    }
}

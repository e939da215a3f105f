/// Receives the labels of a name as it is read from a message.
protocol NameSink {
    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int)
}

/// Validates only.
struct DiscardingNameSink: NameSink {
    init() {}
    func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) {}
}

/// Appends the uncompressed wire form (without the root label).
struct AppendingNameSink: NameSink {
    var output: [UInt8]
    init(_ output: [UInt8]) { self.output = output }
    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) {
        output.append(UInt8(length))
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
    }
}

extension WireReader {
    /// Reads a possibly compressed name at the cursor, handing its labels to `sink`, and moves the
    /// cursor past the name's in-place bytes.
    ///
    /// Rules (RFC 1035 §4.1.4, §2.3.4): labels ≤ 63 octets; the whole name ≤ 255 octets; label
    /// types 0b01/0b10 are rejected; every pointer must point strictly before the run of labels it
    /// ends (so no loop, no forward or self pointer), and at most
    /// `WireLimits.maximumCompressionPointers` are followed. In-place labels stay within `limit`
    /// (the record data); labels reached through pointers may lie anywhere earlier in the message.
    mutating func readName<Sink: NameSink>(into sink: inout Sink) throws {
        var position = offset
        var runStart = offset
        var runLimit = limit
        var nameLength = 0
        var pointers = 0
        var endOfName: Int? = nil
        while true {
            guard position < runLimit else {
                throw WireError(.truncated, at: position, "name runs past the end of its data")
            }
            let length = Int(bytes[position])
            switch length & 0xC0 {
            case 0x00:
                nameLength += length + 1
                guard nameLength <= WireLimits.maximumNameLength else {
                    throw WireError(.nameTooLong, at: position,
                                    "name longer than 255 octets (RFC 1035 §2.3.4)")
                }
                if length == 0 {
                    offset = endOfName ?? position + 1
                    return
                }
                guard runLimit - position > length else {
                    throw WireError(.truncated, at: position, "label of \(length) octets runs past the end of its data")
                }
                sink.appendLabel(bytes, at: position + 1, length: length)
                position += length + 1
            case 0xC0:
                guard runLimit - position >= 2 else {
                    throw WireError(.truncated, at: position, "compression pointer cut short")
                }
                let target = (length & 0x3F) << 8 | Int(bytes[position + 1])
                if endOfName == nil { endOfName = position + 2 }
                guard target < runStart else {
                    throw WireError(.badPointer, at: position,
                                    target >= position ? "compression pointer to \(target) points forward or to itself"
                                                       : "compression pointer to \(target) loops into the name it ends")
                }
                pointers += 1
                guard pointers <= WireLimits.maximumCompressionPointers else {
                    throw WireError(.tooManyPointers, at: position, "more than \(WireLimits.maximumCompressionPointers) compression pointers in one name")
                }
                position = target
                runStart = target
                runLimit = bytes.count
            default:
                throw WireError(.badLabelType, at: position,
                                "label type 0x\(String(length & 0xC0, radix: 16)) is not a length or a pointer (RFC 6891 §5)")
            }
        }
    }

    /// Validates the name at the cursor and moves past it.
    mutating func skipName() throws {
        var sink = DiscardingNameSink()
        try readName(into: &sink)
    }

    /// Reads the name at the cursor, decompressed, into an array of exactly its length.
    ///
    /// The labels are gathered on the stack (a name never exceeds 255 octets) and copied once.
    mutating func readName() throws -> DomainName {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: WireLimits.maximumNameLength + 1) { buffer in
            guard let base = buffer.baseAddress else { return .root }
            // A name never exceeds 255 octets, so the writer never overflows here.
            var writer = WritingNameSink(base, capacity: buffer.count)
            try readName(into: &writer)
            base[writer.written] = 0
            return DomainName(validatedWire: Array(UnsafeBufferPointer(start: base, count: writer.written + 1)))
        }
    }
}

/// Counts the octets of a name's labels (length octets included, root label not).
struct CountingNameSink: RDataSink {
    var length = 0
    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) { self.length += length + 1 }
    mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) { length += range.count }
    mutating func endName() { length += 1 }
}

/// Writes labels (and, for RDATA, plain octets and root labels) into `capacity` octets of memory.
/// Past the capacity it only counts (`overflowed`), so the caller can retry with an exact size.
struct WritingNameSink: RDataSink {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var written = 0
    var overflowed: Bool { written > capacity }

    init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) {
        if written < capacity { base[written] = UInt8(length) }
        copy(bytes, offset..<offset + length, skip: 1)
    }

    mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) { copy(bytes, range, skip: 0) }

    private mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, skip: Int) {
        if written + skip + range.count <= capacity, let source = bytes.baseAddress, !range.isEmpty {
            (base + written + skip).update(from: (source + range.lowerBound).assumingMemoryBound(to: UInt8.self), count: range.count)
        }
        written += skip + range.count
    }

    mutating func endName() {
        if written < capacity { base[written] = 0 }
        written += 1
    }
}

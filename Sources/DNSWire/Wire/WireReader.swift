/// A bounds-checked cursor over borrowed bytes. Every read checks the remaining length first and
/// throws `WireError.Code.truncated` with the offset instead of trapping.
///
/// Only valid inside the `withUnsafeBytes` call that produced its buffer.
struct WireReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    /// Reads past `limit` fail even if the buffer is longer (used to confine reads to one RDATA).
    var limit: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, limit: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.limit = min(limit ?? bytes.count, bytes.count)
    }

    var remaining: Int { limit - offset }
    var isAtEnd: Bool { offset >= limit }

    func truncated(_ what: StaticString, needing count: Int) -> WireError {
        WireError(.truncated, at: offset, "\(what) needs \(count) octets, \(max(remaining, 0)) left")
    }

    mutating func readUInt8(_ what: StaticString = "field") throws -> UInt8 {
        guard offset < limit else { throw truncated(what, needing: 1) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16(_ what: StaticString = "field") throws -> UInt16 {
        guard limit - offset >= 2 else { throw truncated(what, needing: 2) }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32(_ what: StaticString = "field") throws -> UInt32 {
        guard limit - offset >= 4 else { throw truncated(what, needing: 4) }
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Skips `count` octets after checking they are there.
    mutating func skip(_ count: Int, _ what: StaticString = "field") throws {
        guard count >= 0, limit - offset >= count else { throw truncated(what, needing: count) }
        offset += count
    }

    /// Copies `count` octets out.
    mutating func readBytes(_ count: Int, _ what: StaticString = "field") throws -> ArraySlice<UInt8> {
        guard count >= 0, limit - offset >= count else { throw truncated(what, needing: count) }
        defer { offset += count }
        return ArraySlice(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
    }
}

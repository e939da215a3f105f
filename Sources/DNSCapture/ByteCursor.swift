/// The byte order of multi-octet fields: network order for protocol headers, the writer's order
/// for pcap and pcapng headers.
enum ByteOrder: Sendable {
    case bigEndian
    case littleEndian
}

/// A bounds-checked view of a window of the capture file's bytes.
///
/// Reads never trap: each one checks the window first and returns `nil` when the bytes are not
/// there. Offsets handed out (`offset`, `range(count:)`) are absolute offsets in the file, so
/// every problem can say where it is. Reads at a `relative` position look ahead without moving.
struct ByteCursor {
    let bytes: [UInt8]
    /// Absolute offset of the next byte to read.
    private(set) var offset: Int
    /// Absolute offset one past the last byte this cursor may read.
    let limit: Int

    /// A cursor over `range` of `bytes`, clamped to the bytes that exist.
    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        let lower = min(max(range.lowerBound, 0), bytes.count)
        self.offset = lower
        self.limit = min(max(range.upperBound, lower), bytes.count)
    }

    /// A cursor over the whole of `bytes`.
    init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    var remaining: Int { limit - offset }
    /// The unread part of the window.
    var rest: Range<Int> { offset..<limit }

    /// True when `count` bytes starting `relative` bytes ahead are inside the window.
    @inline(__always)
    func has(_ count: Int, at relative: Int = 0) -> Bool {
        relative >= 0 && count >= 0 && relative <= remaining && count <= remaining - relative
    }

    func uint8(at relative: Int) -> UInt8? {
        guard has(1, at: relative) else { return nil }
        return bytes[offset + relative]
    }

    func uint16(at relative: Int, _ order: ByteOrder = .bigEndian) -> UInt16? {
        guard has(2, at: relative) else { return nil }
        let first = UInt16(bytes[offset + relative])
        let second = UInt16(bytes[offset + relative + 1])
        return order == .bigEndian ? first << 8 | second : second << 8 | first
    }

    func uint32(at relative: Int, _ order: ByteOrder = .bigEndian) -> UInt32? {
        guard let first = uint16(at: relative, order), let second = uint16(at: relative + 2, order) else {
            return nil
        }
        return order == .bigEndian
            ? UInt32(first) << 16 | UInt32(second)
            : UInt32(second) << 16 | UInt32(first)
    }

    func uint64(at relative: Int, _ order: ByteOrder = .bigEndian) -> UInt64? {
        guard let first = uint32(at: relative, order), let second = uint32(at: relative + 4, order) else {
            return nil
        }
        return order == .bigEndian
            ? UInt64(first) << 32 | UInt64(second)
            : UInt64(second) << 32 | UInt64(first)
    }

    /// Moves past `count` bytes; `false` (and no move) if they are not all there.
    @discardableResult
    mutating func skip(_ count: Int) -> Bool {
        guard has(count) else { return false }
        offset += count
        return true
    }

    mutating func readUInt8() -> UInt8? {
        guard let value = uint8(at: 0) else { return nil }
        offset += 1
        return value
    }

    mutating func readUInt16(_ order: ByteOrder = .bigEndian) -> UInt16? {
        guard let value = uint16(at: 0, order) else { return nil }
        offset += 2
        return value
    }

    mutating func readUInt32(_ order: ByteOrder = .bigEndian) -> UInt32? {
        guard let value = uint32(at: 0, order) else { return nil }
        offset += 4
        return value
    }

    /// The absolute range of the next `count` bytes, and moves past them; `nil` if they are not there.
    mutating func readRange(_ count: Int) -> Range<Int>? {
        guard has(count) else { return nil }
        defer { offset += count }
        return offset..<offset + count
    }

    /// A cursor over the next `count` bytes only (this cursor does not move).
    func window(_ count: Int) -> ByteCursor? {
        guard has(count) else { return nil }
        return ByteCursor(bytes, range: offset..<offset + count)
    }

    /// A copy of the bytes in `range` (absolute offsets); empty if `range` is not inside the bytes.
    func copy(_ range: Range<Int>) -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return [] }
        return Array(bytes[range])
    }
}

/// A domain name, held in uncompressed wire form with its original letter case.
///
/// Equality and hashing ignore ASCII letter case (RFC 4343); `<` is the canonical DNSSEC order
/// (RFC 4034 §6.1). A `DomainName` is always absolute and always within the RFC 1035 limits.
public struct DomainName: Sendable {
    /// Uncompressed wire form: length-prefixed labels ending with the root label (a zero octet).
    public let wire: [UInt8]

    /// Wraps wire bytes already known to be a valid uncompressed name.
    init(validatedWire: [UInt8]) { self.wire = validatedWire }

    /// The root name, `.`.
    public static let root = DomainName(validatedWire: [0])

    /// Reads an uncompressed name from wire bytes (no compression pointers allowed); the bytes must
    /// hold exactly one name.
    public init(wire bytes: some Collection<UInt8>) throws {
        let array = Array(bytes)
        var offset = 0
        while true {
            guard offset < array.count else {
                throw WireError(.truncated, at: offset, "name ends before its root label")
            }
            let length = Int(array[offset])
            if length == 0 { break }
            guard length <= WireLimits.maximumLabelLength else {
                throw WireError(.labelTooLong, at: offset, "label of \(length) octets; the limit is 63 (RFC 1035 §2.3.4)")
            }
            guard offset + length < array.count else {
                throw WireError(.truncated, at: offset, "label of \(length) octets runs past the end of the name")
            }
            offset += 1 + length
        }
        guard offset + 1 == array.count else {
            throw WireError(.trailingBytes, at: offset + 1, "octets after the root label")
        }
        guard array.count <= WireLimits.maximumNameLength else {
            throw WireError(.nameTooLong, at: 0, "name of \(array.count) octets; the limit is 255 (RFC 1035 §2.3.4)")
        }
        self.wire = array
    }

    /// Builds a name from its labels (each 1…63 octets), leftmost first.
    public init(labels: some Sequence<some Collection<UInt8>>) throws {
        var bytes: [UInt8] = []
        for label in labels {
            guard !label.isEmpty else { throw WireError(.badText, at: bytes.count, "empty label") }
            guard label.count <= WireLimits.maximumLabelLength else {
                throw WireError(.labelTooLong, at: bytes.count, "label of \(label.count) octets; the limit is 63")
            }
            bytes.append(UInt8(label.count))
            bytes.append(contentsOf: label)
        }
        bytes.append(0)
        guard bytes.count <= WireLimits.maximumNameLength else {
            throw WireError(.nameTooLong, at: 0, "name of \(bytes.count) octets; the limit is 255")
        }
        self.wire = bytes
    }

    public var isRoot: Bool { wire.count == 1 }

    /// Number of labels, not counting the root label (`www.example.` has 2).
    public var labelCount: Int {
        var count = 0
        var offset = 0
        while offset < wire.count, wire[offset] != 0 {
            count += 1
            offset += Int(wire[offset]) + 1
        }
        return count
    }

    /// The labels, leftmost first, without the root label.
    public var labels: [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < wire.count, wire[offset] != 0 {
            let length = Int(wire[offset])
            result.append(wire[offset + 1..<offset + 1 + length])
            offset += length + 1
        }
        return result
    }

    /// Offsets in `wire` where each label (and so each suffix name) starts, leftmost first.
    var labelOffsets: [Int] {
        var result: [Int] = []
        var offset = 0
        while offset < wire.count, wire[offset] != 0 {
            result.append(offset)
            offset += Int(wire[offset]) + 1
        }
        return result
    }

    /// The name with its leftmost label removed; `nil` for the root.
    public var parent: DomainName? {
        guard !isRoot else { return nil }
        return DomainName(validatedWire: Array(wire[(Int(wire[0]) + 1)...]))
    }

    /// Whether `self` is `other` or below it.
    public func isSubdomain(of other: DomainName) -> Bool {
        guard wire.count >= other.wire.count else { return false }
        let start = wire.count - other.wire.count
        // The suffix must begin on a label boundary.
        var offset = 0
        while offset < start { offset += Int(wire[offset]) + 1 }
        guard offset == start else { return false }
        return DomainName.equalIgnoringCase(wire[start...], other.wire[...])
    }

    /// `self` with `suffix` appended (`self` must be relative in intent: its root label is dropped).
    public func appending(_ suffix: DomainName) throws -> DomainName {
        var bytes = Array(wire.dropLast())
        bytes.append(contentsOf: suffix.wire)
        guard bytes.count <= WireLimits.maximumNameLength else {
            throw WireError(.nameTooLong, at: 0, "name of \(bytes.count) octets; the limit is 255")
        }
        return DomainName(validatedWire: bytes)
    }

    /// The name with ASCII letters lowered (RFC 4034 §6.2 canonical form).
    public func lowercased() -> DomainName {
        DomainName(validatedWire: wire.map(asciiLowercase))
    }

    /// Eight octets at a time: equal words are equal, and unequal ones are compared lower-cased (names
    /// are compared on every cache lookup).
    static func equalIgnoringCase(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                let count = x.count
                var offset = 0
                while offset + 8 <= count {
                    let p = x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    let q = y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    if p != q, lowercased(p) != lowercased(q) { return false }
                    offset += 8
                }
                while offset < count {
                    if x[offset] != y[offset], asciiLowercase(x[offset]) != asciiLowercase(y[offset]) { return false }
                    offset += 1
                }
                return true
            }
        }
    }
}

@inline(__always)
func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
}

extension DomainName: Hashable {
    /// RFC 4343: names compare without regard to ASCII letter case.
    public static func == (lhs: DomainName, rhs: DomainName) -> Bool {
        equalIgnoringCase(lhs.wire[...], rhs.wire[...])
    }

    /// Hashes the lower-cased wire form eight octets at a time (names are hashed on every cache lookup).
    public func hash(into hasher: inout Hasher) {
        wire.withUnsafeBytes { bytes in
            var offset = 0
            while offset + 8 <= bytes.count {
                hasher.combine(Self.lowercased(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(asciiLowercase(bytes[offset])) << shift
                shift += 8
                offset += 1
            }
            hasher.combine(tail)
        }
    }

    /// ASCII letters of eight packed octets lower-cased at once: a byte gets 0x20 added to it exactly
    /// when it lies in 0x41…0x5A (SWAR: per-byte range test by carries into each byte's top bit).
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let low7 = word & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F      // top bit set when byte ≥ 0x41
        let aboveZ = low7 &+ 0x2525_2525_2525_2525        // top bit set when byte ≥ 0x5B
        let upper = atLeastA & ~aboveZ & ~word & 0x8080_8080_8080_8080
        return word | (upper >> 2)
    }
}

extension DomainName: Comparable {
    /// Canonical DNS name order (RFC 4034 §6.1): compare labels from the rightmost, each as a
    /// left-justified lowercase octet string, a missing label sorting first.
    public static func < (lhs: DomainName, rhs: DomainName) -> Bool {
        canonicalOrder(lhs, rhs) < 0
    }

    /// Canonical order as a three-way comparison: negative, zero (equal ignoring case) or positive.
    /// Allocates nothing, so sorting a whole zone stays cheap.
    public static func canonicalOrder(_ lhs: DomainName, _ rhs: DomainName) -> Int {
        lhs.withLabelOffsets { left in
            rhs.withLabelOffsets { right in
                var i = left.count - 1
                var j = right.count - 1
                while i >= 0, j >= 0 {
                    let order = compareLabels(lhs.wire, at: Int(left[i]), rhs.wire, at: Int(right[j]))
                    if order != 0 { return order }
                    i -= 1
                    j -= 1
                }
                return left.count - right.count
            }
        }
    }

    /// Calls `body` with the offset of each label, leftmost first, in stack memory (a name of at
    /// most 255 octets has at most 127 labels, and every offset fits an octet).
    private func withLabelOffsets<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            var count = 0
            var offset = 0
            while offset < wire.count, wire[offset] != 0, count < buffer.count {
                buffer[count] = UInt8(truncatingIfNeeded: offset)
                count += 1
                offset += Int(wire[offset]) + 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    private static func compareLabels(_ a: [UInt8], at i: Int, _ b: [UInt8], at j: Int) -> Int {
        let lengthA = Int(a[i])
        let lengthB = Int(b[j])
        for k in 0..<min(lengthA, lengthB) {
            let x = asciiLowercase(a[i + 1 + k])
            let y = asciiLowercase(b[j + 1 + k])
            if x != y { return x < y ? -1 : 1 }
        }
        return lengthA - lengthB
    }
}

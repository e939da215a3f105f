/// The 12-octet message header (RFC 1035 §4.1.1, RFC 4035 §3.2 for AD/CD).
public struct Header: Hashable, Sendable {
    public var id: UInt16
    /// QR, Opcode, AA, TC, RD, RA, Z, AD, CD and the low 4 bits of RCODE, as on the wire.
    public var flags: UInt16
    /// Counts as read from the wire; the owned `Message` writes the real counts when built.
    public var questionCount: UInt16 = 0
    public var answerCount: UInt16 = 0
    public var authorityCount: UInt16 = 0
    public var additionalCount: UInt16 = 0

    public init(id: UInt16 = 0, flags: UInt16 = 0) {
        self.id = id
        self.flags = flags
    }

    public static let size = 12

    private func bit(_ mask: UInt16) -> Bool { flags & mask != 0 }
    private mutating func set(_ mask: UInt16, _ on: Bool) { flags = on ? flags | mask : flags & ~mask }

    /// QR: this is a response.
    public var isResponse: Bool { get { bit(0x8000) } set { set(0x8000, newValue) } }
    public var opcode: Opcode {
        get { Opcode(rawValue: UInt8((flags >> 11) & 0x0F)) }
        set { flags = flags & ~0x7800 | UInt16(newValue.rawValue) << 11 }
    }
    /// AA: authoritative answer.
    public var isAuthoritative: Bool { get { bit(0x0400) } set { set(0x0400, newValue) } }
    /// TC: truncated.
    public var isTruncated: Bool { get { bit(0x0200) } set { set(0x0200, newValue) } }
    /// RD: recursion desired.
    public var recursionDesired: Bool { get { bit(0x0100) } set { set(0x0100, newValue) } }
    /// RA: recursion available.
    public var recursionAvailable: Bool { get { bit(0x0080) } set { set(0x0080, newValue) } }
    /// Z: the reserved bit, which must be zero (RFC 1035 §4.1.1); kept as received.
    public var zBit: Bool { get { bit(0x0040) } set { set(0x0040, newValue) } }
    /// AD: authentic data (RFC 4035 §3.2.3).
    public var authenticData: Bool { get { bit(0x0020) } set { set(0x0020, newValue) } }
    /// CD: checking disabled (RFC 4035 §3.2.2).
    public var checkingDisabled: Bool { get { bit(0x0010) } set { set(0x0010, newValue) } }
    /// The low 4 bits of the RCODE; see `Message.rcode` for the EDNS-extended value.
    public var rcodeLow: UInt8 {
        get { UInt8(flags & 0x000F) }
        set { flags = flags & ~0x000F | UInt16(newValue & 0x0F) }
    }

    func write(to output: inout [UInt8]) {
        for value in [id, flags, questionCount, answerCount, authorityCount, additionalCount] {
            output.append(UInt8(value >> 8))
            output.append(UInt8(value & 0xFF))
        }
    }
}

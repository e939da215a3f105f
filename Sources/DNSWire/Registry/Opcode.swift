/// A DNS opcode (IANA "DNS OpCodes"), 4 bits. Open: unknown values print as their number.
public struct Opcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    /// Values are masked to 4 bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    public static let query = Opcode(rawValue: 0)
    public static let inverseQuery = Opcode(rawValue: 1)
    public static let status = Opcode(rawValue: 2)
    public static let notify = Opcode(rawValue: 4)
    public static let update = Opcode(rawValue: 5)
    public static let dso = Opcode(rawValue: 6)

    public var description: String {
        switch self {
        case .query: "QUERY"
        case .inverseQuery: "IQUERY"
        case .status: "STATUS"
        case .notify: "NOTIFY"
        case .update: "UPDATE"
        case .dso: "DSO"
        default: "OPCODE\(rawValue)"
        }
    }
}

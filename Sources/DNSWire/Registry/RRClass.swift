/// A DNS class (IANA "DNS CLASSes"). Open: unknown values print as `CLASSnnn` (RFC 3597 §5).
public struct RRClass: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let `in` = RRClass(1)
    public static let cs = RRClass(2)
    public static let ch = RRClass(3)
    public static let hs = RRClass(4)
    /// RFC 2136 §2.4: "NONE", used in UPDATE prerequisites and deletions.
    public static let none = RRClass(254)
    /// QCLASS `*` (RFC 1035 §3.2.5), printed `ANY`.
    public static let any = RRClass(255)

    static let mnemonics: [(RRClass, String)] = [(.in, "IN"), (.cs, "CS"), (.ch, "CH"), (.hs, "HS"), (.none, "NONE"), (.any, "ANY")]
}

extension RRClass: CustomStringConvertible, LosslessStringConvertible {
    public var description: String {
        RRClass.mnemonics.first { $0.0 == self }?.1 ?? "CLASS\(rawValue)"
    }

    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }
}

/// An EDNS(0) option code (IANA "DNS EDNS0 Option Codes (OPT)"). Open: unknown codes are kept.
public struct EDNSOptionCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let llq = EDNSOptionCode(1), updateLease = EDNSOptionCode(2), nsid = EDNSOptionCode(3)
    public static let dau = EDNSOptionCode(5), dhu = EDNSOptionCode(6), n3u = EDNSOptionCode(7)
    public static let clientSubnet = EDNSOptionCode(8), expire = EDNSOptionCode(9), cookie = EDNSOptionCode(10)
    public static let tcpKeepalive = EDNSOptionCode(11), padding = EDNSOptionCode(12), chain = EDNSOptionCode(13)
    public static let keyTag = EDNSOptionCode(14), extendedDNSError = EDNSOptionCode(15)
    public static let clientTag = EDNSOptionCode(16), serverTag = EDNSOptionCode(17)
    public static let reportChannel = EDNSOptionCode(18), zoneVersion = EDNSOptionCode(19)

    static let names: [UInt16: String] = [
        1: "LLQ", 2: "UPDATE-LEASE", 3: "NSID", 5: "DAU", 6: "DHU", 7: "N3U", 8: "ECS", 9: "EXPIRE",
        10: "COOKIE", 11: "TCP-KEEPALIVE", 12: "PADDING", 13: "CHAIN", 14: "KEY-TAG", 15: "EDE",
        16: "CLIENT-TAG", 17: "SERVER-TAG", 18: "REPORT-CHANNEL", 19: "ZONEVERSION",
    ]

    public var description: String { EDNSOptionCode.names[rawValue] ?? "OPT\(rawValue)" }
}

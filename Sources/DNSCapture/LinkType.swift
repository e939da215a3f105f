/// A link-layer header type, as registered by tcpdump.org for pcap and pcapng
/// (https://www.tcpdump.org/linktypes.html, draft-ietf-opsawg-pcaplinktype).
///
/// An open set: any 16-bit value is representable; the named constants are the ones the
/// decoder can strip to reach IP.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    public static let null = LinkType(rawValue: 0)
    /// IEEE 802.3 Ethernet (with 802.1Q / 802.1ad VLAN tags, LLC/SNAP, PPPoE, MPLS inside).
    public static let ethernet = LinkType(rawValue: 1)
    /// PPP (RFC 1661), optionally with the HDLC-like address/control octets of RFC 1662.
    public static let ppp = LinkType(rawValue: 9)
    /// `DLT_RAW` as numbered on most BSDs: the frame is an IPv4 or IPv6 packet.
    public static let rawBSD = LinkType(rawValue: 12)
    /// `DLT_RAW` as numbered on OpenBSD: the frame is an IPv4 or IPv6 packet.
    public static let rawOpenBSD = LinkType(rawValue: 14)
    /// PPP in HDLC-like framing (RFC 1662).
    public static let pppHDLC = LinkType(rawValue: 50)
    /// Raw IP: the frame is an IPv4 or IPv6 packet, told apart by the version nibble.
    public static let raw = LinkType(rawValue: 101)
    /// OpenBSD loopback: like `null`, with the address family in network byte order.
    public static let loop = LinkType(rawValue: 108)
    /// Linux "cooked" capture, version 1 (16-byte header).
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Raw IPv4: the frame is an IPv4 packet.
    public static let ipv4 = LinkType(rawValue: 228)
    /// Raw IPv6: the frame is an IPv6 packet.
    public static let ipv6 = LinkType(rawValue: 229)
    /// Linux "cooked" capture, version 2 (20-byte header).
    public static let linuxSLL2 = LinkType(rawValue: 276)

    public var description: String {
        switch self {
        case .null: "NULL"
        case .ethernet: "ETHERNET"
        case .ppp: "PPP"
        case .rawBSD, .rawOpenBSD, .raw: "RAW(\(rawValue))"
        case .pppHDLC: "PPP_HDLC"
        case .loop: "LOOP"
        case .linuxSLL: "LINUX_SLL"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        case .linuxSLL2: "LINUX_SLL2"
        default: "LINKTYPE(\(rawValue))"
        }
    }
}

/// The container format of a capture file.
public enum CaptureFormat: Sendable, Hashable {
    /// libpcap's classic format (draft-ietf-opsawg-pcap), microsecond or nanosecond timestamps.
    case pcap
    /// PCAP Next Generation (draft-ietf-opsawg-pcapng).
    case pcapng
}

/// A resource record type (IANA "Resource Record (RR) TYPEs"). Open: every 16-bit value is a valid
/// `RRType`; unknown ones print as `TYPEnnn` (RFC 3597 §5).
public struct RRType: RawRepresentable, Hashable, Sendable, Comparable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    public static func < (lhs: RRType, rhs: RRType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The type's entry in the descriptor table, if it has one.
    public var descriptor: RRTypeDescriptor { RRTypeDescriptor.of(self) }

    public static let a = RRType(1), ns = RRType(2), md = RRType(3), mf = RRType(4), cname = RRType(5)
    public static let soa = RRType(6), mb = RRType(7), mg = RRType(8), mr = RRType(9), null = RRType(10)
    public static let wks = RRType(11), ptr = RRType(12), hinfo = RRType(13), minfo = RRType(14), mx = RRType(15)
    public static let txt = RRType(16), rp = RRType(17), afsdb = RRType(18), x25 = RRType(19), isdn = RRType(20)
    public static let rt = RRType(21), nsap = RRType(22), nsapPTR = RRType(23), sig = RRType(24), key = RRType(25)
    public static let px = RRType(26), gpos = RRType(27), aaaa = RRType(28), loc = RRType(29), nxt = RRType(30)
    public static let eid = RRType(31), nimloc = RRType(32), srv = RRType(33), atma = RRType(34), naptr = RRType(35)
    public static let kx = RRType(36), cert = RRType(37), a6 = RRType(38), dname = RRType(39), sink = RRType(40)
    public static let opt = RRType(41), apl = RRType(42), ds = RRType(43), sshfp = RRType(44), ipseckey = RRType(45)
    public static let rrsig = RRType(46), nsec = RRType(47), dnskey = RRType(48), dhcid = RRType(49), nsec3 = RRType(50)
    public static let nsec3param = RRType(51), tlsa = RRType(52), smimea = RRType(53), hip = RRType(55)
    public static let ninfo = RRType(56), rkey = RRType(57), talink = RRType(58), cds = RRType(59), cdnskey = RRType(60)
    public static let openpgpkey = RRType(61), csync = RRType(62), zonemd = RRType(63), svcb = RRType(64)
    public static let https = RRType(65), dsync = RRType(66), hhit = RRType(67), brid = RRType(68)
    public static let spf = RRType(99), uinfo = RRType(100), uid = RRType(101), gid = RRType(102), unspec = RRType(103)
    public static let nid = RRType(104), l32 = RRType(105), l64 = RRType(106), lp = RRType(107)
    public static let eui48 = RRType(108), eui64 = RRType(109), nxname = RRType(128)
    public static let tkey = RRType(249), tsig = RRType(250), ixfr = RRType(251), axfr = RRType(252)
    public static let mailb = RRType(253), maila = RRType(254), any = RRType(255)
    public static let uri = RRType(256), caa = RRType(257), avc = RRType(258), doa = RRType(259)
    public static let amtrelay = RRType(260), resinfo = RRType(261), wallet = RRType(262), cla = RRType(263)
    public static let ipn = RRType(264), ta = RRType(32768), dlv = RRType(32769)
}

extension RRType: CustomStringConvertible, LosslessStringConvertible {
    /// The mnemonic from the descriptor table, or `TYPEnnn` (RFC 3597 §5).
    public var description: String { RRTypeDescriptor.mnemonic(of: self) ?? "TYPE\(rawValue)" }

    /// Accepts a mnemonic (any letter case) or `TYPEnnn`.
    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }
}

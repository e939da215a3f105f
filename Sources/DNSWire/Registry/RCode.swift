/// A response code (IANA "DNS RCODEs"): 4 bits in the header, 12 bits with the EDNS extension
/// (RFC 6891 §6.1.3), 16 bits in TSIG/TKEY. Open: unknown values print as `RCODEnnn`.
public struct RCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let noError = RCode(0), formErr = RCode(1), servFail = RCode(2), nxDomain = RCode(3)
    public static let notImp = RCode(4), refused = RCode(5), yxDomain = RCode(6), yxRRSet = RCode(7)
    public static let nxRRSet = RCode(8), notAuth = RCode(9), notZone = RCode(10), dsoTypeNI = RCode(11)
    /// 16 is BADVERS in OPT (RFC 6891) and BADSIG in TSIG (RFC 8945); printed BADVERS in headers.
    public static let badVers = RCode(16), badSig = RCode(16)
    public static let badKey = RCode(17), badTime = RCode(18), badMode = RCode(19), badName = RCode(20)
    public static let badAlg = RCode(21), badTrunc = RCode(22), badCookie = RCode(23)

    static let names: [UInt16: String] = [
        0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED",
        6: "YXDOMAIN", 7: "YXRRSET", 8: "NXRRSET", 9: "NOTAUTH", 10: "NOTZONE", 11: "DSOTYPENI",
        16: "BADVERS", 17: "BADKEY", 18: "BADTIME", 19: "BADMODE", 20: "BADNAME", 21: "BADALG",
        22: "BADTRUNC", 23: "BADCOOKIE",
    ]

    public var description: String { RCode.names[rawValue] ?? "RCODE\(rawValue)" }

    /// The name used in TSIG and TKEY error fields, where 16 means BADSIG (RFC 8945 §5.3.2).
    public var transactionSignatureDescription: String { rawValue == 16 ? "BADSIG" : description }
}

extension RRTypeDescriptor {
    /// Every type in the IANA "Resource Record (RR) TYPEs" registry, with its RDATA layout where it
    /// has a standard presentation format. Layouts cite their RFC.
    static let all: [RRTypeDescriptor] = {
        let rrsig: [RDataField] = [.rrType, .uint8, .uint8, .uint32, .time, .time, .uint16, .name, .base64] // RFC 4034 §3.1
        let dnskey: [RDataField] = [.uint16, .uint8, .uint8, .base64] // RFC 4034 §2.1
        let ds: [RDataField] = [.uint16, .uint8, .uint8, .hex] // RFC 4034 §5.1
        let tlsa: [RDataField] = [.uint8, .uint8, .uint8, .hex] // RFC 6698 §2.1
        let svcb: [RDataField] = [.uint16, .name, .svcParams] // RFC 9460 §2.2
        return [
            // RFC 1035 §3.3, §3.4: names written compressed and lower-cased in canonical form.
            .init(1, "A", [.ipv4]),
            .init(2, "NS", [.name], compression: .compressed, lowercase: true),
            .init(3, "MD", [.name], compression: .compressed, lowercase: true),
            .init(4, "MF", [.name], compression: .compressed, lowercase: true),
            .init(5, "CNAME", [.name], compression: .compressed, lowercase: true),
            .init(6, "SOA", [.name, .name, .uint32, .uint32, .uint32, .uint32, .uint32], compression: .compressed, lowercase: true),
            .init(7, "MB", [.name], compression: .compressed, lowercase: true),
            .init(8, "MG", [.name], compression: .compressed, lowercase: true),
            .init(9, "MR", [.name], compression: .compressed, lowercase: true),
            .init(10, "NULL", nil),
            .init(11, "WKS", [.wks]),
            .init(12, "PTR", [.name], compression: .compressed, lowercase: true),
            .init(13, "HINFO", [.characterString, .characterString]),
            .init(14, "MINFO", [.name, .name], compression: .compressed, lowercase: true),
            .init(15, "MX", [.uint16, .name], compression: .compressed, lowercase: true),
            .init(16, "TXT", [.characterStrings]),
            // RFC 1183
            .init(17, "RP", [.name, .name], lowercase: true),
            .init(18, "AFSDB", [.uint16, .name], lowercase: true),
            .init(19, "X25", [.characterString]),
            .init(20, "ISDN", [.characterStrings]),
            .init(21, "RT", [.uint16, .name], lowercase: true),
            // RFC 1706
            .init(22, "NSAP", [.nsapHex]),
            .init(23, "NSAP-PTR", [.name]),
            // RFC 2535 (obsolete), RFC 2931
            .init(24, "SIG", rrsig, lowercase: true),
            .init(25, "KEY", dnskey),
            .init(26, "PX", [.uint16, .name, .name], lowercase: true), // RFC 2163
            .init(27, "GPOS", [.characterString, .characterString, .characterString]), // RFC 1712
            .init(28, "AAAA", [.ipv6]), // RFC 3596
            .init(29, "LOC", [.loc]), // RFC 1876
            .init(30, "NXT", [.name, .nxtBitmap], lowercase: true), // RFC 2535 §5.2
            .init(31, "EID", [.hex]),
            .init(32, "NIMLOC", [.hex]),
            .init(33, "SRV", [.uint16, .uint16, .uint16, .name], lowercase: true), // RFC 2782
            .init(34, "ATMA", [.atma]),
            .init(35, "NAPTR", [.uint16, .uint16, .characterString, .characterString, .characterString, .name], lowercase: true), // RFC 3403
            .init(36, "KX", [.uint16, .name], lowercase: true), // RFC 2230
            .init(37, "CERT", [.certificateType, .uint16, .uint8, .base64]), // RFC 4398
            .init(38, "A6", [.a6], lowercase: true), // RFC 2874 (historic)
            .init(39, "DNAME", [.name], lowercase: true), // RFC 6672
            .init(40, "SINK", nil),
            .init(41, "OPT", [.ednsOptions]), // RFC 6891 §6.1.2
            .init(42, "APL", [.apl]), // RFC 3123
            .init(43, "DS", ds),
            .init(44, "SSHFP", [.uint8, .uint8, .hex]), // RFC 4255
            .init(45, "IPSECKEY", [.uint8, .uint8, .uint8, .ipseckeyGateway, .base64]), // RFC 4025
            .init(46, "RRSIG", rrsig, lowercase: true),
            .init(47, "NSEC", [.name, .typeBitmap]), // RFC 4034 §4; not lower-cased (RFC 6840 §5.1)
            .init(48, "DNSKEY", dnskey),
            .init(49, "DHCID", [.base64]), // RFC 4701
            .init(50, "NSEC3", [.uint8, .uint8, .uint16, .hexWithLength8, .base32WithLength8, .typeBitmap]), // RFC 5155
            .init(51, "NSEC3PARAM", [.uint8, .uint8, .uint16, .hexWithLength8]),
            .init(52, "TLSA", tlsa),
            .init(53, "SMIMEA", tlsa), // RFC 8162
            .init(55, "HIP", [.hip]), // RFC 8005
            .init(56, "NINFO", [.characterStrings]),
            .init(57, "RKEY", dnskey),
            .init(58, "TALINK", [.name, .name]),
            .init(59, "CDS", ds), // RFC 7344
            .init(60, "CDNSKEY", dnskey),
            .init(61, "OPENPGPKEY", [.base64]), // RFC 7929
            .init(62, "CSYNC", [.uint32, .uint16, .typeBitmap]), // RFC 7477
            .init(63, "ZONEMD", [.uint32, .uint8, .uint8, .hex]), // RFC 8976 §2
            .init(64, "SVCB", svcb),
            .init(65, "HTTPS", svcb),
            .init(66, "DSYNC", [.rrType, .uint8, .uint16, .name]), // RFC 9859
            .init(67, "HHIT", [.base64]),
            .init(68, "BRID", [.base64]),
            .init(99, "SPF", [.characterStrings]), // RFC 7208
            .init(100, "UINFO", nil),
            .init(101, "UID", nil),
            .init(102, "GID", nil),
            .init(103, "UNSPEC", nil),
            // RFC 6742 (ILNP)
            .init(104, "NID", [.uint16, .ilnp64]),
            .init(105, "L32", [.uint16, .ipv4]),
            .init(106, "L64", [.uint16, .ilnp64]),
            .init(107, "LP", [.uint16, .name]),
            .init(108, "EUI48", [.eui48]), // RFC 7043
            .init(109, "EUI64", [.eui64]),
            .init(128, "NXNAME", nil), // RFC 9824
            .init(249, "TKEY", [.name, .time, .time, .uint16, .transactionError, .base64WithLength16, .base64WithLength16]), // RFC 2930
            .init(250, "TSIG", [.name, .uint48, .uint16, .base64WithLength16, .uint16, .transactionError, .base64WithLength16]), // RFC 8945
            .init(251, "IXFR", nil),
            .init(252, "AXFR", nil),
            .init(253, "MAILB", nil),
            .init(254, "MAILA", nil),
            .init(255, "ANY", nil), // RFC 1035 §3.2.3 QTYPE "*", printed ANY as dig and ldns do
            .init(256, "URI", [.uint16, .uint16, .quotedRest]), // RFC 7553
            .init(257, "CAA", [.uint8, .unquotedCharacterString, .quotedRest]), // RFC 8659
            .init(258, "AVC", [.characterStrings]),
            .init(259, "DOA", [.uint32, .uint32, .uint8, .characterString, .base64]),
            .init(260, "AMTRELAY", [.uint8, .amtrelay]), // RFC 8777
            .init(261, "RESINFO", [.characterStrings]), // RFC 9606
            .init(262, "WALLET", [.characterStrings]),
            .init(263, "CLA", nil),
            .init(264, "IPN", nil),
            .init(32768, "TA", ds),
            .init(32769, "DLV", ds), // RFC 4431
        ]
    }()
}

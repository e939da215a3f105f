/// One field of an RDATA layout: how many octets it takes on the wire and how it is printed.
///
/// Fields marked "rest" take everything to the end of the RDATA and must come last.
public enum RDataField: Sendable, Hashable {
    /// Unsigned integers, printed in decimal.
    case uint8, uint16, uint32, uint48
    /// 4 octets, dotted quad. 16 octets, RFC 5952 text.
    case ipv4, ipv6
    /// A domain name. Compression on write and lower-casing in canonical form are per type
    /// (`RRTypeDescriptor.compression`, `.canonicalLowercaseNames`).
    case name
    /// One `<character-string>` (length octet + octets), printed quoted.
    case characterString
    /// One `<character-string>` printed without quotes (CAA tag).
    case unquotedCharacterString
    /// Rest: one or more `<character-string>`s (TXT, SPF…), printed quoted, space-separated.
    case characterStrings
    /// Rest: octets printed as one quoted string (URI target, CAA value).
    case quotedRest
    /// Rest: base64 (may be empty).
    case base64
    /// Rest: hexadecimal, upper case (may be empty).
    case hex
    /// Rest: `0x` followed by hexadecimal (NSAP, RFC 1706 §5).
    case nsapHex
    /// Length octet + octets in hex, `-` when empty (NSEC3 salt, RFC 5155 §3.3).
    case hexWithLength8
    /// Length octet + octets in base32hex without padding (NSEC3 next hashed owner, RFC 5155 §3.3).
    case base32WithLength8
    /// 16-bit length + octets, printed as the length then base64 (TSIG MAC, TKEY key).
    case base64WithLength16
    /// Rest: NSEC-style type bitmap windows (RFC 4034 §4.1.2), printed as type mnemonics.
    case typeBitmap
    /// 16-bit RR type printed as its mnemonic (RRSIG type covered).
    case rrType
    /// 32-bit time printed as `YYYYMMDDHHmmSS` UTC (RFC 4034 §3.2).
    case time
    /// 16-bit error printed as an RCODE mnemonic (TSIG/TKEY error).
    case transactionError
    /// 16-bit CERT type, printed as its mnemonic (RFC 4398 §2.1).
    case certificateType
    /// 6 / 8 octets printed as dash-separated hex (RFC 7043).
    case eui48, eui64
    /// 8 octets printed as four colon-separated 16-bit hex groups (RFC 6742).
    case ilnp64
    /// Rest: EDNS options, each code + length + data (RFC 6891 §6.1.2).
    case ednsOptions
    /// Whole-RDATA layouts with their own rules.
    case wks, loc, apl, ipseckeyGateway, hip, svcParams, a6, amtrelay, atma, nxtBitmap

    /// Whether the field is, or may contain, a domain name.
    var mayHoldName: Bool {
        switch self {
        case .name, .ipseckeyGateway, .hip, .a6, .amtrelay: true
        default: false
        }
    }

    /// Octets on the wire when fixed, `nil` when the field's length depends on its content.
    var fixedLength: Int? {
        switch self {
        case .uint8: 1
        case .uint16, .rrType, .transactionError, .certificateType: 2
        case .uint32, .ipv4, .time: 4
        case .uint48, .eui48: 6
        case .eui64, .ilnp64: 8
        case .ipv6: 16
        default: nil
        }
    }
}

/// Where names in a type's RDATA may be compressed (RFC 3597 §4).
public enum NameCompression: Sendable, Hashable {
    /// RFC 1035 types: written compressed, read compressed.
    case compressed
    /// Never written compressed. Pointers from other implementations are still accepted on read.
    case uncompressed
}

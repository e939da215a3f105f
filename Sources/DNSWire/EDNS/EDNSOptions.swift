/// Typed views of the common EDNS options. Each reads from and writes to `EDNSOption`.
public protocol EDNSOptionView: Hashable, Sendable {
    static var code: EDNSOptionCode { get }
    init(_ option: EDNSOption) throws
    var option: EDNSOption { get }
}

/// RFC 7871 §6: family, source and scope prefix lengths, and the address truncated to the source
/// prefix.
public struct ClientSubnet: EDNSOptionView {
    public static let code = EDNSOptionCode.clientSubnet
    /// 1 = IPv4, 2 = IPv6 (IANA address family numbers).
    public var family: UInt16
    public var sourcePrefixLength: UInt8
    public var scopePrefixLength: UInt8
    /// Only the octets covering the source prefix (RFC 7871 §6).
    public var address: [UInt8]

    public init(family: UInt16, sourcePrefixLength: UInt8, scopePrefixLength: UInt8, address: [UInt8]) {
        self.family = family
        self.sourcePrefixLength = sourcePrefixLength
        self.scopePrefixLength = scopePrefixLength
        self.address = address
    }

    public init(_ option: EDNSOption) throws {
        let data = option.data
        guard data.count >= 4 else { throw WireError(.badRDATA, at: 0, "ECS option of \(data.count) octets; it needs at least 4") }
        family = UInt16(data[0]) << 8 | UInt16(data[1])
        sourcePrefixLength = data[2]
        scopePrefixLength = data[3]
        address = Array(data[4...])
        let maximum = family == 1 ? 32 : family == 2 ? 128 : Int.max
        guard Int(sourcePrefixLength) <= maximum, Int(scopePrefixLength) <= maximum else {
            throw WireError(.badRDATA, at: 2, "ECS prefix length over \(maximum) for family \(family)")
        }
        // RFC 7871 §6: ADDRESS is exactly as long as the source prefix needs.
        guard address.count == (Int(sourcePrefixLength) + 7) / 8 else {
            throw WireError(.badRDATA, at: 4, "ECS address of \(address.count) octets for a /\(sourcePrefixLength) prefix")
        }
        let spareBits = address.count * 8 - Int(sourcePrefixLength)
        if spareBits > 0, let last = address.last, last & UInt8(0xFF >> (8 - spareBits)) != 0 {
            throw WireError(.badRDATA, at: 4 + address.count - 1,
                            "ECS address has bits set beyond /\(sourcePrefixLength) (RFC 7871 §6)")
        }
    }

    public var option: EDNSOption {
        EDNSOption(code: Self.code, data: [UInt8(family >> 8), UInt8(family & 0xFF), sourcePrefixLength, scopePrefixLength] + address)
    }

    /// `address/source/scope`, as dig prints it.
    public var description: String {
        switch family {
        case 1:
            var output: [UInt8] = []
            AddressText.appendIPv4(address + [UInt8](repeating: 0, count: max(0, 4 - address.count)), to: &output)
            return "\(String(decoding: output, as: UTF8.self))/\(sourcePrefixLength)/\(scopePrefixLength)"
        case 2:
            return "\(AddressText.ipv6(address + [UInt8](repeating: 0, count: max(0, 16 - address.count))))/\(sourcePrefixLength)/\(scopePrefixLength)"
        default:
            return "family \(family) \(TextEncoding.hex(address))/\(sourcePrefixLength)/\(scopePrefixLength)"
        }
    }
}

/// RFC 7873 §4: an 8-octet client cookie, optionally followed by an 8…32-octet server cookie.
public struct Cookie: EDNSOptionView {
    public static let code = EDNSOptionCode.cookie
    public var client: [UInt8]
    public var server: [UInt8]

    public init(client: [UInt8], server: [UInt8] = []) {
        self.client = client
        self.server = server
    }

    public init(_ option: EDNSOption) throws {
        let count = option.data.count
        guard count == 8 || (16...40).contains(count) else {
            throw WireError(.badRDATA, at: 0, "COOKIE of \(count) octets; it must be 8 or 16…40 (RFC 7873 §4)")
        }
        client = Array(option.data[..<8])
        server = Array(option.data[8...])
    }

    public var option: EDNSOption { EDNSOption(code: Self.code, data: client + server) }
}

/// RFC 8914 §2: INFO-CODE and optional UTF-8 EXTRA-TEXT.
public struct ExtendedDNSError: EDNSOptionView {
    public static let code = EDNSOptionCode.extendedDNSError
    public var infoCode: UInt16
    public var extraText: String

    public init(infoCode: UInt16, extraText: String = "") {
        self.infoCode = infoCode
        self.extraText = extraText
    }

    public init(_ option: EDNSOption) throws {
        guard option.data.count >= 2 else { throw WireError(.badRDATA, at: 0, "EDE needs at least 2 octets") }
        infoCode = UInt16(option.data[0]) << 8 | UInt16(option.data[1])
        extraText = String(decoding: option.data[2...], as: UTF8.self)
    }

    public var option: EDNSOption {
        EDNSOption(code: Self.code, data: [UInt8(infoCode >> 8), UInt8(infoCode & 0xFF)] + Array(extraText.utf8))
    }

    /// RFC 8914 §4 and the IANA registry.
    public static let names: [UInt16: String] = [
        0: "Other Error", 1: "Unsupported DNSKEY Algorithm", 2: "Unsupported DS Digest Type", 3: "Stale Answer",
        4: "Forged Answer", 5: "DNSSEC Indeterminate", 6: "DNSSEC Bogus", 7: "Signature Expired",
        8: "Signature Not Yet Valid", 9: "DNSKEY Missing", 10: "RRSIGs Missing", 11: "No Zone Key Bit Set",
        12: "NSEC Missing", 13: "Cached Error", 14: "Not Ready", 15: "Blocked", 16: "Censored", 17: "Filtered",
        18: "Prohibited", 19: "Stale NXDomain Answer", 20: "Not Authoritative", 21: "Not Supported",
        22: "No Reachable Authority", 23: "Network Error", 24: "Invalid Data", 25: "Signature Expired before Valid",
        26: "Too Early", 27: "Unsupported NSEC3 Iterations Value", 28: "Unable to conform to policy",
        29: "Synthesized", 30: "Invalid Query Type",
    ]

    public static let stale = ExtendedDNSError(infoCode: 3)
    public static let noReachableAuthority = ExtendedDNSError(infoCode: 22)
}

/// RFC 5001: the server's identifier, opaque octets.
public struct NSID: EDNSOptionView {
    public static let code = EDNSOptionCode.nsid
    public var identifier: [UInt8]
    public init(identifier: [UInt8]) { self.identifier = identifier }
    public init(_ option: EDNSOption) throws { identifier = option.data }
    public var option: EDNSOption { EDNSOption(code: Self.code, data: identifier) }
}

/// RFC 7830: zero octets that pad the message.
public struct Padding: EDNSOptionView {
    public static let code = EDNSOptionCode.padding
    public var length: Int
    public init(length: Int) { self.length = length }
    public init(_ option: EDNSOption) throws { length = option.data.count }
    public var option: EDNSOption { EDNSOption(code: Self.code, data: [UInt8](repeating: 0, count: length)) }
}

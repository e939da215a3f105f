/// TXT record RDATA (RFC 1035 §3.3.14): one or more `<character-string>`s. SPF (RFC 7208 §3.1)
/// and RESINFO (RFC 9606 §4) records have the same layout.
public struct TXT: RDataView {
    public static let types: [RRType] = [.txt, .spf, .resinfo]
    /// At least one string, each at most 255 octets.
    public let strings: [[UInt8]]

    /// Throws `WireError.Code.valueOutOfRange` if there is no string or one is over 255 octets.
    public init(strings: [[UInt8]]) throws {
        guard !strings.isEmpty else {
            throw WireError(.valueOutOfRange, at: 0, "TXT needs at least one character-string (RFC 1035 §3.3.14)")
        }
        for string in strings { try checkRDataLength(string, 0...255, "TXT character-string") }
        self.strings = strings
    }

    /// Splits `text` into strings of at most 255 octets (an empty text is one empty string).
    public init(splitting text: some Collection<UInt8>) {
        let bytes = Array(text)
        strings = bytes.isEmpty ? [[]] : stride(from: 0, to: bytes.count, by: 255).map {
            Array(bytes[$0..<min($0 + 255, bytes.count)])
        }
    }

    public init(rdata: [UInt8]) throws {
        strings = try RDataDecoder.decode(rdata, "TXT") { decoder in
            guard !decoder.isAtEnd else {
                throw WireError(.badRDATA, at: 0, "TXT needs at least one character-string (RFC 1035 §3.3.14)")
            }
            var strings: [[UInt8]] = []
            while !decoder.isAtEnd { strings.append(try decoder.characterString("TXT-DATA")) }
            return strings
        }
    }

    /// The strings joined, as SPF and DKIM read them (RFC 7208 §3.3).
    public var joined: [UInt8] { strings.flatMap { $0 } }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        for string in strings { encoder.characterString(string) }
        return encoder.output
    }
}

/// HINFO record RDATA (RFC 1035 §3.3.2): host CPU and operating system. RFC 8482 §4.2 reuses it
/// for minimal answers to ANY queries (`"RFC8482" ""`).
public struct HINFO: RDataView {
    public static let types: [RRType] = [.hinfo]
    /// `<character-string>`s, at most 255 octets each.
    public let cpu: [UInt8]
    public let os: [UInt8]

    /// Throws `WireError.Code.valueOutOfRange` if a string is over 255 octets.
    public init(cpu: [UInt8], os: [UInt8]) throws {
        try checkRDataLength(cpu, 0...255, "HINFO CPU")
        try checkRDataLength(os, 0...255, "HINFO OS")
        self.cpu = cpu
        self.os = os
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "HINFO") { decoder in
            try HINFO(cpu: try decoder.characterString("CPU"), os: try decoder.characterString("OS"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.characterString(cpu)
        encoder.characterString(os)
        return encoder.output
    }
}

import DNSWire

/// Whole-RDATA presentation formats with their own rules, the inverses of DNSWire's
/// `RDataPrinter+Special`.
extension RDataTextParser {
    mutating func parseSpecial(_ field: RDataField) throws {
        switch field {
        case .wks: try parseWKS()
        case .loc: try parseLOC()
        case .apl: try parseAPL()
        case .ipseckeyGateway:
            // RFC 4025 §3: the gateway type is RDATA octet 1, already written.
            let token = try take("a gateway")
            let gatewayType = output.count > 1 ? output[1] : 0
            switch gatewayType {
            case 0: guard token.isWord(".") else { throw fail(token, "gateway type 0 takes \".\"") }
            case 1: output += try ipv4(token)
            case 2: output += try ipv6(token)
            case 3:
                position -= 1
                output += try name().wire
            default: throw fail(token, "IPSECKEY gateway type \(gatewayType) is not 0…3 (RFC 4025 §2.3)")
            }
        case .hip: try parseHIP()
        case .svcParams: try parseServiceParameters()
        case .a6:
            // RFC 2874 §3.1.2: prefix length, address suffix, prefix name when the length is not 0.
            let prefixLength = Int(try integer("a prefix length", maximum: 128))
            let address = try ipv6(try take("an IPv6 address"))
            output.append(UInt8(prefixLength))
            output += address[(16 - (128 - prefixLength + 7) / 8)...]
            if prefixLength > 0 { output += try name("the prefix name").wire }
        case .amtrelay:
            // RFC 8777 §5: precedence (already written), D bit, type, relay.
            let discovery = try integer("the D bit", maximum: 1)
            let typeToken = try take("the relay type")
            guard let relayType = ZoneText.decimal(typeToken.text, maximum: 127) else { throw fail(typeToken, "relay type is 0…127") }
            output.append(UInt8(discovery << 7 | relayType))
            switch relayType {
            case 0:
                if !atEnd {
                    let token = try take(".")
                    guard token.isWord(".") else { throw fail(token, "relay type 0 takes \".\" or nothing") }
                }
            case 1: output += try ipv4(try take("an IPv4 relay"))
            case 2: output += try ipv6(try take("an IPv6 relay"))
            case 3: output += try name("the relay name").wire
            default: throw fail(typeToken, "AMTRELAY type \(relayType) has no text form (RFC 8777 §4.2.3)")
            }
        case .atma:
            // ATM Forum af-saa-0069.000: `+digits` is E.164 (format 1), hex is AESA (format 0).
            let token = try take("an ATM address")
            if token.text.first == UInt8(ascii: "+") {
                let digits = token.text.dropFirst()
                guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { throw fail(token, "E.164 ATMA is + then digits") }
                output.append(1)
                output += digits
            } else {
                guard let bytes = ZoneText.hex(token.text.filter { $0 != UInt8(ascii: ".") }) else { throw fail(token, "AESA ATMA is hexadecimal") }
                output.append(0)
                output += bytes
            }
        default:
            throw fail(tokens.first ?? ZoneToken(text: [], quoted: false, line: entryLine, column: 1), "no text parser for \(field)")
        }
    }

    /// RFC 1035 §3.4.2: address, protocol, then port numbers.
    mutating func parseWKS() throws {
        output += try ipv4(try take("an IPv4 address"))
        let protocolToken = try take("a protocol")
        switch protocolToken.string.lowercased() {
        case "tcp": output.append(6)
        case "udp": output.append(17)
        default:
            guard let value = ZoneText.decimal(protocolToken.text, maximum: 255) else { throw fail(protocolToken, "protocol is tcp, udp or 0…255") }
            output.append(UInt8(value))
        }
        var bitmap: [UInt8] = []
        while !atEnd {
            let port = Int(try integer("a port number", maximum: 65_535))
            if bitmap.count <= port / 8 { bitmap += [UInt8](repeating: 0, count: port / 8 + 1 - bitmap.count) }
            bitmap[port / 8] |= 0x80 >> UInt8(port % 8)
        }
        output += bitmap
    }

    /// A decimal with up to `scale` fraction digits, as an integer scaled by 10^scale.
    mutating func fixedPoint(_ token: ZoneToken, scale: Int, suffix: UInt8? = nil, allowNegative: Bool = false) throws -> Int {
        var text = token.text[...]
        if let suffix, text.last.map({ $0 | 0x20 }) == suffix { text = text.dropLast() }
        var negative = false
        if allowNegative, text.first == UInt8(ascii: "-") {
            negative = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let integer = ZoneText.decimal(whole, maximum: 1 << 40) else {
            throw fail(token, "\"\(token.string)\" is not a number")
        }
        var value = Int(integer)
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        guard fraction.count <= scale else { throw fail(token, "\"\(token.string)\" has more than \(scale) decimals") }
        fraction += [UInt8](repeating: 0x30, count: scale - fraction.count)
        for _ in 0..<scale { value *= 10 }
        if scale > 0 {
            guard let fractionValue = ZoneText.decimal(fraction, maximum: UInt64.max) else { throw fail(token, "\"\(token.string)\" is not a number") }
            value += Int(fractionValue)
        }
        return negative ? -value : value
    }

    /// RFC 1876 §3: `d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt[m] [siz[m] [hp[m] [vp[m]]]]`.
    mutating func parseLOC() throws {
        let latitude = try coordinate(positive: "N", negative: "S", maximumDegrees: 90)
        let longitude = try coordinate(positive: "E", negative: "W", maximumDegrees: 180)
        let altitudeToken = try take("the altitude")
        let altitude = try fixedPoint(altitudeToken, scale: 2, suffix: UInt8(ascii: "m"), allowNegative: true) + 10_000_000
        guard (0...Int(UInt32.max)).contains(altitude) else { throw fail(altitudeToken, "altitude out of range (RFC 1876 §3)") }
        // Defaults: size 1 m, horizontal precision 10,000 m, vertical 10 m (RFC 1876 §3).
        var precisions = [100, 1_000_000, 1000]
        for index in 0..<3 where !atEnd {
            let token = try take("a precision")
            let centimetres = try fixedPoint(token, scale: 2, suffix: UInt8(ascii: "m"))
            guard centimetres <= 9_000_000_000 else { throw fail(token, "precision is at most 90000000m") }
            precisions[index] = centimetres
        }
        output.append(0)
        for centimetres in precisions { output.append(Self.precisionOctet(centimetres)) }
        output.appendUInt32(latitude)
        output.appendUInt32(longitude)
        output.appendUInt32(UInt32(altitude))
    }

    /// RFC 1876 §2: mantissa (high nibble) and power of ten (low nibble) of centimetres.
    static func precisionOctet(_ centimetres: Int) -> UInt8 {
        var mantissa = centimetres
        var exponent = 0
        while mantissa >= 10 && exponent < 9 {
            mantissa /= 10
            exponent += 1
        }
        return UInt8(min(mantissa, 9) << 4 | exponent)
    }

    /// Degrees, optional minutes and seconds, then the hemisphere: thousandths of an arc second
    /// offset by 2^31.
    mutating func coordinate(positive: String, negative: String, maximumDegrees: Int) throws -> UInt32 {
        let degreesToken = try take("degrees")
        guard let degrees = ZoneText.decimal(degreesToken.text, maximum: UInt64(maximumDegrees)) else {
            throw fail(degreesToken, "degrees 0…\(maximumDegrees)")
        }
        var parts = [Int(degrees)]
        var hemisphere: ZoneToken?
        while hemisphere == nil {
            let token = try take("\(positive) or \(negative)")
            let text = token.string.uppercased()
            if text == positive || text == negative {
                hemisphere = token
            } else if parts.count == 1 {
                parts.append(Int(ZoneText.decimal(token.text, maximum: 59) ?? 99))
                guard parts[1] < 60 else { throw fail(token, "minutes 0…59") }
            } else if parts.count == 2 {
                parts.append(try fixedPoint(token, scale: 3))
                guard parts[2] < 60_000 else { throw fail(token, "seconds 0…59.999") }
            } else {
                throw fail(token, "expected \(positive) or \(negative)")
            }
        }
        let thousandths = parts[0] * 3_600_000 + (parts.count > 1 ? parts[1] * 60_000 : 0) + (parts.count > 2 ? parts[2] : 0)
        let signed = hemisphere?.string.uppercased() == negative ? -thousandths : thousandths
        return UInt32(truncatingIfNeeded: signed + (1 << 31))
    }

    /// RFC 3123 §5: `[!]family:address/prefix` items; trailing zero octets are not sent (§4.1).
    mutating func parseAPL() throws {
        while !atEnd {
            let token = try take("an APL item")
            var text = token.text[...]
            var negation: UInt8 = 0
            if text.first == UInt8(ascii: "!") {
                negation = 0x80
                text = text.dropFirst()
            }
            guard let colon = text.firstIndex(of: UInt8(ascii: ":")), let slash = text.lastIndex(of: UInt8(ascii: "/")), colon < slash,
                  let family = ZoneText.decimal(text[..<colon], maximum: 65_535),
                  let prefix = ZoneText.decimal(text[(slash + 1)...], maximum: 255) else {
                throw fail(token, "expected [!]family:address/prefix (RFC 3123 §5)")
            }
            let addressText = String(decoding: text[(colon + 1)..<slash], as: UTF8.self)
            var address: [UInt8]
            switch family {
            case 1:
                guard prefix <= 32, let parsed = IPv4Address(addressText) else { throw fail(token, "bad IPv4 APL item") }
                address = parsed.octets
            case 2:
                guard prefix <= 128, let parsed = IPv6Address(addressText) else { throw fail(token, "bad IPv6 APL item") }
                address = parsed.octets
            default:
                throw fail(token, "APL family \(family) has no text form; use \\# (RFC 3597)")
            }
            while address.last == 0 { address.removeLast() }
            output.appendUInt16(UInt16(family))
            output.append(UInt8(prefix))
            output.append(negation | UInt8(address.count))
            output += address
        }
    }

    /// RFC 8005 §6: `algorithm HIT(hex) public-key(base64) rendezvous-servers…`.
    mutating func parseHIP() throws {
        let algorithm = UInt8(try integer("the PK algorithm", maximum: 255))
        let hitToken = try take("the HIT")
        guard let hit = ZoneText.hex(hitToken.text), hit.count <= 255 else { throw fail(hitToken, "the HIT is hex, up to 255 octets") }
        let keyToken = try take("the public key")
        guard let key = ZoneText.base64(keyToken.text), key.count <= 65_535 else { throw fail(keyToken, "the public key is base64") }
        output.append(UInt8(hit.count))
        output.append(algorithm)
        output.appendUInt16(UInt16(key.count))
        output += hit
        output += key
        while !atEnd { output += try name("a rendezvous server").wire }
    }
}

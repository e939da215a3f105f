import DNSWire

/// SVCB/HTTPS parameters (RFC 9460 §2.1, §7): `key=value` pairs, the value quoted or not; written
/// on the wire in increasing key order (§2.2).
extension RDataTextParser {
    mutating func parseServiceParameters() throws {
        var parameters: [(key: UInt16, value: [UInt8])] = []
        while !atEnd {
            let token = try take("a service parameter")
            let text = token.text
            let equals = text.firstIndex(of: UInt8(ascii: "="))
            let keyText = text[..<(equals ?? text.endIndex)]
            guard let key = Self.serviceKey(keyText) else {
                throw fail(token, "\"\(String(decoding: keyText, as: UTF8.self))\" is not a SvcParamKey name or keyNNNNN (RFC 9460 §2.1)")
            }
            var valueToken: ZoneToken?
            if let equals {
                var value = token
                value.text = text[(equals + 1)...]
                value.column += equals + 1 - text.startIndex
                // `key="quoted value"`: the quote ends the word, so the value is the next token.
                if value.text.isEmpty, !atEnd, tokens[position].quoted {
                    value = try take("a value")
                }
                valueToken = value
            }
            guard !parameters.contains(where: { $0.key == key }) else { throw fail(token, "\(SVCParameters.keyName(key)) appears twice (RFC 9460 §2.2)") }
            let value = try serviceValue(key: key, valueToken, keyToken: token)
            guard value.count <= 65_535 else { throw fail(token, "a SvcParamValue holds at most 65535 octets") }
            parameters.append((key, value))
        }
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            output.appendUInt16(key)
            output.appendUInt16(UInt16(value.count))
            output += value
        }
    }

    static func serviceKey(_ text: ArraySlice<UInt8>) -> UInt16? {
        let name = String(decoding: text, as: UTF8.self).lowercased()
        for key in UInt16(0)..<16 where SVCParameters.keyName(key) == name { return key }
        guard name.hasPrefix("key") else { return nil }
        return ZoneText.decimal(name.utf8.dropFirst(3), maximum: 65_534).map(UInt16.init)
    }

    /// RFC 9460 §A.1: a value-list is first read as a <character-string> (so `\DDD` and `\X`
    /// are decoded), then split at commas, where `\,` and `\\` stand for a literal comma and backslash.
    func commaList(_ token: ZoneToken) throws -> [[UInt8]] {
        let text = try ZoneText.characterString(token, file: file)
        var items: [[UInt8]] = [[]]
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ",") {
                items.append([])
            } else if byte == UInt8(ascii: "\\"), index + 1 < text.count {
                index += 1
                items[items.count - 1].append(text[index]) // trap-ok: never empty
            } else {
                items[items.count - 1].append(byte) // trap-ok: never empty
            }
            index += 1
        }
        return items
    }

    mutating func serviceValue(key: UInt16, _ token: ZoneToken?, keyToken: ZoneToken) throws -> [UInt8] {
        let name = SVCParameters.keyName(key)
        switch key {
        case 2, 8:
            guard token == nil || token?.text.isEmpty == true else { throw fail(keyToken, "\(name) takes no value (RFC 9460 §7.1)") }
            return []
        default:
            break
        }
        guard let token else { return [] }
        var value: [UInt8] = []
        switch key {
        case 0:
            var keys: [UInt16] = []
            for item in try commaList(token) {
                guard let listed = Self.serviceKey(item[...]) else { throw fail(token, "mandatory lists unknown key \"\(String(decoding: item, as: UTF8.self))\"") }
                keys.append(listed)
            }
            for listed in keys.sorted() { value.appendUInt16(listed) }
        case 1:
            for item in try commaList(token) {
                guard !item.isEmpty, item.count <= 255 else { throw fail(token, "alpn ids are 1…255 octets (RFC 9460 §7.1.1)") }
                value.append(UInt8(item.count))
                value += item
            }
        case 3:
            guard let port = ZoneText.decimal(token.text, maximum: 65_535) else { throw fail(token, "port is 0…65535") }
            value.appendUInt16(UInt16(port))
        case 4, 6:
            for item in try commaList(token) {
                let itemToken = ZoneToken(text: item[...], quoted: false, line: token.line, column: token.column)
                value += key == 4 ? try ipv4(itemToken) : try ipv6(itemToken)
            }
        case 5:
            guard let bytes = ZoneText.base64(token.text) else { throw fail(token, "ech is base64 (RFC 9460 §7.3)") }
            value = bytes
        default:
            value = try characterString(token, limit: 65_535)
        }
        return value
    }
}

/// SVCB/HTTPS service parameters (RFC 9460 §2.2, §7, §14.3).
public enum SVCParameters {
    /// Keys with a registered name (RFC 9460 §14.3.2, RFC 9461, RFC 9540).
    static let keyNames: [UInt16: String] = [
        0: "mandatory", 1: "alpn", 2: "no-default-alpn", 3: "port", 4: "ipv4hint", 5: "ech",
        6: "ipv6hint", 7: "dohpath", 8: "ohttp", 9: "tls-supported-groups",
    ]

    public static func keyName(_ key: UInt16) -> String { keyNames[key] ?? "key\(key)" }

    /// RFC 9460 §2.2: keys strictly increasing; each value's length fits; known keys well formed
    /// (clients "MUST consider the RR malformed" otherwise).
    static func validate(_ reader: inout WireReader) throws {
        let start = reader.offset
        var previousKey = -1
        var mandatory: [UInt16] = []
        var present: Set<UInt16> = []
        while !reader.isAtEnd {
            let at = reader.offset
            let key = Int(try reader.readUInt16("SvcParamKey"))
            let length = Int(try reader.readUInt16("SvcParamValue length"))
            guard key > previousKey else {
                throw WireError(.badRDATA, at: at, "SvcParamKey \(key) after \(previousKey): keys must increase (RFC 9460 §2.2)")
            }
            previousKey = key
            // RFC 9460 §14.3.2: 65535 is the reserved "Invalid key".
            guard key != 65535 else { throw WireError(.badRDATA, at: at, "SvcParamKey 65535 is reserved (RFC 9460 §14.3.2)") }
            present.insert(UInt16(key))
            let valueStart = reader.offset
            try reader.skip(length, "SvcParamValue")
            let value = UnsafeRawBufferPointer(rebasing: reader.bytes[valueStart..<reader.offset])
            if let problem = problem(key: UInt16(key), value: value) {
                throw WireError(.badRDATA, at: at, "\(keyName(UInt16(key))): \(problem)")
            }
            if key == 0 {
                mandatory = stride(from: 0, to: value.count - 1, by: 2).map { UInt16(value[$0]) << 8 | UInt16(value[$0 + 1]) }
            }
        }
        // RFC 9460 §8: mandatory keys increase, never list "mandatory", and are all present.
        for (index, key) in mandatory.enumerated() {
            guard key != 0, index == 0 || mandatory[index - 1] < key, present.contains(key) else {
                throw WireError(.badRDATA, at: start, "mandatory lists \(keyName(key)) out of order, twice, or without its value (RFC 9460 §8)")
            }
        }
    }

    static func problem(key: UInt16, value: UnsafeRawBufferPointer) -> String? {
        switch key {
        case 0: return value.isEmpty || value.count % 2 != 0 ? "needs a non-empty list of 2-octet keys" : nil
        case 1:
            guard !value.isEmpty else { return "needs at least one protocol id" }
            var offset = 0
            while offset < value.count {
                let length = Int(value[offset])
                guard length > 0, offset + 1 + length <= value.count else { return "protocol id length \(length) overruns the value" }
                offset += 1 + length
            }
            return nil
        case 2, 8: return value.isEmpty ? nil : "takes no value"
        case 3: return value.count == 2 ? nil : "port is 2 octets, not \(value.count)"
        case 4: return !value.isEmpty && value.count % 4 == 0 ? nil : "needs one or more 4-octet addresses"
        case 6: return !value.isEmpty && value.count % 16 == 0 ? nil : "needs one or more 16-octet addresses"
        default: return nil
        }
    }
}

/// Reading type and class mnemonics straight from UTF-8 octets, without building a `String`:
/// zone files spell one of each per record.
enum MnemonicText {
    /// The octets upper-cased and packed big-endian into a `UInt64` under their count (so a
    /// leading zero octet cannot alias a shorter text), or `nil` when longer than 7.
    static func packedKey(_ text: some Collection<UInt8>) -> UInt64? {
        let count = text.count
        guard count > 0, count <= 7 else { return nil }
        var key = UInt64(count)
        for byte in text { key = key << 8 | UInt64(byte &- 0x61 < 26 ? byte & 0xDF : byte) }
        return key
    }

    /// `PREFIXnnn` (RFC 3597 §5), the prefix in any letter case, as a 16-bit value.
    static func genericNumber(_ text: some Collection<UInt8>, prefix: StaticString) -> UInt16? {
        let prefixLength = prefix.utf8CodeUnitCount
        guard text.count > prefixLength, text.count <= prefixLength + 5 else { return nil }
        var value: UInt32 = 0
        for (index, byte) in text.enumerated() {
            if index < prefixLength {
                let expected = prefix.utf8Start[index]
                guard byte & 0xDF == expected else { return nil }
            } else {
                guard byte &- 0x30 < 10 else { return nil }
                value = value * 10 + UInt32(byte - 0x30)
            }
        }
        return value <= UInt32(UInt16.max) ? UInt16(value) : nil
    }
}

extension RRType {
    /// A mnemonic (any letter case) or `TYPEnnn`, as UTF-8 octets.
    public init?(utf8 text: some Collection<UInt8>) {
        if let key = MnemonicText.packedKey(text), let type = RRTypeDescriptor.byPackedMnemonic[key] {
            self = type
        } else if let value = MnemonicText.genericNumber(text, prefix: "TYPE") {
            self.init(value)
        } else if text.count > 7, let type = RRTypeDescriptor.type(forMnemonic: String(decoding: text, as: UTF8.self)) {
            self = type
        } else {
            return nil
        }
    }
}

extension RRClass {
    /// A mnemonic (any letter case) or `CLASSnnn`, as UTF-8 octets.
    public init?(utf8 text: some Collection<UInt8>) {
        if let key = MnemonicText.packedKey(text), let known = RRClass.byPackedMnemonic[key] {
            self = known
        } else if let value = MnemonicText.genericNumber(text, prefix: "CLASS") {
            self.init(value)
        } else {
            return nil
        }
    }

    static let byPackedMnemonic: [UInt64: RRClass] = Dictionary(
        mnemonics.compactMap { entry in MnemonicText.packedKey(entry.1.utf8).map { ($0, entry.0) } },
        uniquingKeysWith: { first, _ in first })
}

/// Base64 (RFC 4648 §4), base32hex without padding (RFC 4648 §7, as NSEC3 uses it, RFC 5155 §3.3)
/// and hexadecimal, written as ASCII octets.
enum TextEncoding {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let base32HexAlphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
    private static let hexUpper = Array("0123456789ABCDEF".utf8)
    private static let hexLower = Array("0123456789abcdef".utf8)

    static func appendBase64(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = second == nil ? nil : iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(base64Alphabet[Int(value >> 18 & 63)])
            output.append(base64Alphabet[Int(value >> 12 & 63)])
            output.append(second == nil ? UInt8(ascii: "=") : base64Alphabet[Int(value >> 6 & 63)])
            output.append(third == nil ? UInt8(ascii: "=") : base64Alphabet[Int(value & 63)])
        }
    }

    static func appendBase32Hex(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(base32HexAlphabet[Int(buffer >> UInt64(bits) & 31)])
            }
        }
        if bits > 0 { output.append(base32HexAlphabet[Int(buffer << UInt64(5 - bits) & 31)]) }
    }

    static func appendHex(_ bytes: some Collection<UInt8>, uppercase: Bool = true, to output: inout [UInt8]) {
        let alphabet = uppercase ? hexUpper : hexLower
        for byte in bytes {
            output.append(alphabet[Int(byte >> 4)])
            output.append(alphabet[Int(byte & 15)])
        }
    }

    static func hex(_ bytes: some Collection<UInt8>, uppercase: Bool = true) -> String {
        var output: [UInt8] = []
        appendHex(bytes, uppercase: uppercase, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func base64(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        appendBase64(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    mutating func append(_ text: String) { append(contentsOf: text.utf8) }
    mutating func appendDecimal<T: BinaryInteger>(_ value: T) { append(contentsOf: String(value).utf8) }
}

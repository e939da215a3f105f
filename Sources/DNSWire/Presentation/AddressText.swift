/// IP addresses in presentation form.
enum AddressText {
    static func appendIPv4(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        var first = true
        for byte in bytes {
            if !first { output.append(UInt8(ascii: ".")) }
            output.appendDecimal(byte)
            first = false
        }
    }

    /// RFC 5952 §4: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`,
    /// and dotted-quad tails for IPv4-mapped addresses.
    static func appendIPv6(_ bytes: [UInt8], to output: inout [UInt8]) {
        guard bytes.count == 16 else { return }
        var groups = [Int](repeating: 0, count: 8)
        for index in 0..<8 { groups[index] = Int(bytes[2 * index]) << 8 | Int(bytes[2 * index + 1]) }
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            output.append("::ffff:")
            appendIPv4(bytes[12...], to: &output)
            return
        }
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart
                }
                runStart = -1
            }
        }
        var index = 0
        while index < 8 {
            if index == bestStart {
                output.append("::")
                index += bestLength
                continue
            }
            if index > 0, index != bestStart + bestLength || bestStart < 0 { output.append(UInt8(ascii: ":")) }
            output.append(String(groups[index], radix: 16))
            index += 1
        }
    }

    static func ipv6(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        appendIPv6(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

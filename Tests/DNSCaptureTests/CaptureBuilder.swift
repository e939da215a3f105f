/// Builds capture files and packets byte by byte for tests, independently of the decoder.
extension Array where Element == UInt8 {
    mutating func append16(_ value: UInt16, bigEndian: Bool = true) {
        let bytes = [UInt8(value >> 8), UInt8(value & 0xFF)]
        append(contentsOf: bigEndian ? bytes : bytes.reversed())
    }

    mutating func append32(_ value: UInt32, bigEndian: Bool = true) {
        let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        append(contentsOf: bigEndian ? bytes : bytes.reversed())
    }

    mutating func append64(_ value: UInt64, bigEndian: Bool = true) {
        let high = UInt32(value >> 32), low = UInt32(value & 0xFFFF_FFFF)
        if bigEndian {
            append32(high); append32(low)
        } else {
            append32(low, bigEndian: false); append32(high, bigEndian: false)
        }
    }
}

/// One frame to write: timestamp, link-layer bytes, and (pcapng) which interface it came from.
struct TestFrame {
    var seconds: UInt32
    var microseconds: UInt32
    var data: [UInt8]
    var interface: Int = 0
}

enum CaptureWriter {
    /// draft-ietf-opsawg-pcap: file header and records, in either byte order, µs or ns.
    static func pcap(_ frames: [TestFrame], linkType: UInt32, bigEndian: Bool = false, nanoseconds: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.append32(nanoseconds ? 0xA1B2_3C4D : 0xA1B2_C3D4, bigEndian: bigEndian)
        out.append16(2, bigEndian: bigEndian)
        out.append16(4, bigEndian: bigEndian)
        out.append32(0, bigEndian: bigEndian)
        out.append32(0, bigEndian: bigEndian)
        out.append32(262_144, bigEndian: bigEndian)
        out.append32(linkType, bigEndian: bigEndian)
        for frame in frames {
            out.append32(frame.seconds, bigEndian: bigEndian)
            out.append32(nanoseconds ? frame.microseconds * 1000 : frame.microseconds, bigEndian: bigEndian)
            out.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            out.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            out.append(contentsOf: frame.data)
        }
        return out
    }

    enum PacketBlock { case enhanced, simple, obsolete }

    /// One pcapng block: type, length, body padded to 4, length.
    static func block(_ type: UInt32, _ body: [UInt8], bigEndian: Bool) -> [UInt8] {
        var padded = body
        while padded.count % 4 != 0 { padded.append(0) }
        var out: [UInt8] = []
        out.append32(type, bigEndian: bigEndian)
        out.append32(UInt32(padded.count + 12), bigEndian: bigEndian)
        out.append(contentsOf: padded)
        out.append32(UInt32(padded.count + 12), bigEndian: bigEndian)
        return out
    }

    static func sectionHeader(bigEndian: Bool) -> [UInt8] {
        var body: [UInt8] = []
        body.append32(0x1A2B_3C4D, bigEndian: bigEndian)
        body.append16(1, bigEndian: bigEndian)
        body.append16(0, bigEndian: bigEndian)
        body.append64(UInt64.max, bigEndian: bigEndian)  // section length unknown
        return block(0x0A0D_0D0A, body, bigEndian: bigEndian)
    }

    /// `resolution` is the raw if_tsresol octet (6 = µs, 9 = ns, 0x80 | n = 2^-n), or nil for none.
    static func interface(linkType: UInt16, bigEndian: Bool, resolution: UInt8? = nil, offsetSeconds: Int64? = nil) -> [UInt8] {
        var body: [UInt8] = []
        body.append16(linkType, bigEndian: bigEndian)
        body.append16(0, bigEndian: bigEndian)
        body.append32(0, bigEndian: bigEndian)
        if let resolution {
            body.append16(9, bigEndian: bigEndian)
            body.append16(1, bigEndian: bigEndian)
            body.append(contentsOf: [resolution, 0, 0, 0])
        }
        if let offsetSeconds {
            body.append16(14, bigEndian: bigEndian)
            body.append16(8, bigEndian: bigEndian)
            body.append64(UInt64(bitPattern: offsetSeconds), bigEndian: bigEndian)
        }
        body.append32(0, bigEndian: bigEndian)  // opt_endofopt
        return block(1, body, bigEndian: bigEndian)
    }

    /// Units of `frame`'s timestamp for an interface with the given if_tsresol octet.
    static func units(_ frame: TestFrame, resolution: UInt8?) -> UInt64 {
        let microseconds = UInt64(frame.seconds) * 1_000_000 + UInt64(frame.microseconds)
        guard let resolution else { return microseconds }
        if resolution & 0x80 != 0 {
            let shift = UInt64(resolution & 0x7F)
            return UInt64(frame.seconds) << shift + (UInt64(frame.microseconds) << shift + 999_999) / 1_000_000
        }
        var value = microseconds
        var exponent = Int(resolution)
        while exponent > 6 { value *= 10; exponent -= 1 }
        while exponent < 6 { value /= 10; exponent += 1 }
        return value
    }

    static func packet(_ frame: TestFrame, kind: PacketBlock, bigEndian: Bool, resolution: UInt8? = nil) -> [UInt8] {
        var body: [UInt8] = []
        let timestamp = units(frame, resolution: resolution)
        switch kind {
        case .enhanced:
            body.append32(UInt32(frame.interface), bigEndian: bigEndian)
            body.append32(UInt32(timestamp >> 32), bigEndian: bigEndian)
            body.append32(UInt32(timestamp & 0xFFFF_FFFF), bigEndian: bigEndian)
            body.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            body.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            body.append(contentsOf: frame.data)
            return block(6, body, bigEndian: bigEndian)
        case .obsolete:
            body.append16(UInt16(frame.interface), bigEndian: bigEndian)
            body.append16(0, bigEndian: bigEndian)
            body.append32(UInt32(timestamp >> 32), bigEndian: bigEndian)
            body.append32(UInt32(timestamp & 0xFFFF_FFFF), bigEndian: bigEndian)
            body.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            body.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            body.append(contentsOf: frame.data)
            return block(2, body, bigEndian: bigEndian)
        case .simple:
            body.append32(UInt32(frame.data.count), bigEndian: bigEndian)
            body.append(contentsOf: frame.data)
            return block(3, body, bigEndian: bigEndian)
        }
    }

    /// A one-section pcapng file. Unknown blocks (a Name Resolution Block, an Interface
    /// Statistics Block, a custom block) are sprinkled in to check they are skipped.
    static func pcapng(
        _ frames: [TestFrame], linkTypes: [UInt16], bigEndian: Bool = false, kind: PacketBlock = .enhanced,
        resolution: UInt8? = nil, withUnknownBlocks: Bool = true
    ) -> [UInt8] {
        var out = sectionHeader(bigEndian: bigEndian)
        if withUnknownBlocks { out += block(0x0000_0BAD, [1, 2, 3, 4, 5], bigEndian: bigEndian) }
        for linkType in linkTypes { out += interface(linkType: linkType, bigEndian: bigEndian, resolution: resolution) }
        for (index, frame) in frames.enumerated() {
            if withUnknownBlocks, index % 3 == 1 { out += block(4, [0, 0, 0, 0], bigEndian: bigEndian) }
            out += packet(frame, kind: kind, bigEndian: bigEndian, resolution: resolution)
        }
        if withUnknownBlocks { out += block(5, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bigEndian: bigEndian) }
        return out
    }
}

/// Link-layer, IP, UDP and TCP headers (checksums left at zero: the decoder does not check them).
enum PacketBuilder {
    static func ethernet(etherType: UInt16, _ payload: [UInt8], vlanTags: [UInt16] = []) -> [UInt8] {
        var out: [UInt8] = [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2]
        for (index, tag) in vlanTags.enumerated() {
            out.append16(index == 0 && vlanTags.count > 1 ? 0x88A8 : 0x8100)
            out.append16(tag)
        }
        out.append16(etherType)
        return out + payload
    }

    static func ipv4(source: [UInt8] = [192, 0, 2, 1], destination: [UInt8] = [192, 0, 2, 53], protocolNumber: UInt8, _ payload: [UInt8], fragmentField: UInt16 = 0x4000) -> [UInt8] {
        var out: [UInt8] = [0x45, 0]
        out.append16(UInt16(20 + payload.count))
        out.append16(0x1234)
        out.append16(fragmentField)
        out += [64, protocolNumber, 0, 0]
        out += source + destination
        return out + payload
    }

    /// `extensions`: (header type, header bytes after its next-header octet) in order.
    static func ipv6(
        source: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1],
        destination: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [0x53],
        nextHeader: UInt8, _ payload: [UInt8], extensions: [(type: UInt8, body: [UInt8])] = []
    ) -> [UInt8] {
        var chain: [UInt8] = []
        for (index, header) in extensions.enumerated() {
            let next = index + 1 < extensions.count ? extensions[index + 1].type : nextHeader
            chain += [next] + header.body
        }
        var out: [UInt8] = [0x60, 0, 0, 0]
        out.append16(UInt16(chain.count + payload.count))
        out += [extensions.first?.type ?? nextHeader, 64]
        out += source + destination
        return out + chain + payload
    }

    static func udp(sourcePort: UInt16 = 40000, destinationPort: UInt16 = 53, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.append16(sourcePort)
        out.append16(destinationPort)
        out.append16(UInt16(8 + payload.count))
        out.append16(0)
        return out + payload
    }

    struct TCPFlags: OptionSet {
        let rawValue: UInt8
        static let fin = TCPFlags(rawValue: 1)
        static let syn = TCPFlags(rawValue: 2)
        static let rst = TCPFlags(rawValue: 4)
        static let psh = TCPFlags(rawValue: 8)
        static let ack = TCPFlags(rawValue: 16)
    }

    static func tcp(sourcePort: UInt16 = 40000, destinationPort: UInt16 = 53, sequence: UInt32, flags: TCPFlags = [.ack, .psh], _ payload: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = []
        out.append16(sourcePort)
        out.append16(destinationPort)
        out.append32(sequence)
        out.append32(0)
        out += [0x50, flags.rawValue]
        out.append16(65535)
        out.append32(0)
        return out + payload
    }

    /// A made-up DNS message: a 12-octet header with `id` and filler up to `size` octets.
    static func dnsMessage(id: UInt16, size: Int = 40) -> [UInt8] {
        var out: [UInt8] = []
        out.append16(id)
        out += [0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        while out.count < size { out.append(UInt8(truncatingIfNeeded: out.count &* 7 &+ Int(id))) }
        return out
    }

    /// RFC 1035 §4.2.2: the two-octet length prefix of DNS over TCP.
    static func lengthPrefixed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.append16(UInt16(message.count))
        return out + message
    }
}

/// A minimal, independent reader for little-endian microsecond pcap files with Ethernet frames,
/// used to re-wrap real captures in other link types and containers.
enum ReferencePcap {
    static func frames(_ bytes: [UInt8]) -> [TestFrame] {
        func read32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        var frames: [TestFrame] = []
        var position = 24
        while position + 16 <= bytes.count {
            let length = Int(read32(position + 8))
            guard position + 16 + length <= bytes.count else { break }
            frames.append(TestFrame(
                seconds: read32(position), microseconds: read32(position + 4),
                data: Array(bytes[position + 16..<position + 16 + length])))
            position += 16 + length
        }
        return frames
    }

    /// Splits an untagged Ethernet frame into (EtherType, payload).
    static func strippedEthernet(_ frame: [UInt8]) -> (etherType: UInt16, payload: [UInt8])? {
        guard frame.count >= 14 else { return nil }
        return (UInt16(frame[12]) << 8 | UInt16(frame[13]), Array(frame[14...]))
    }
}

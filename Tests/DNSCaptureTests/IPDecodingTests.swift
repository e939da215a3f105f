import DNSCapture
import Testing

/// IPv4, IPv6 and UDP header handling, with hand-built packets in raw-IP captures.
@Suite("IP and UDP")
struct IPDecodingTests {
    static let query = PacketBuilder.dnsMessage(id: 0xABCD, size: 33)

    static func decode(_ packets: [[UInt8]], linkType: UInt32 = 101, ports: Set<UInt16> = [53, 5353]) throws -> CaptureDecoding {
        let frames = packets.map { TestFrame(seconds: 1, microseconds: 0, data: $0) }
        return try CaptureFile(bytes: CaptureWriter.pcap(frames, linkType: linkType)).dnsMessages(ports: ports)
    }

    static func v6(_ text: String) -> [UInt8] {
        // "2001:db8::1"-style input for building test packets (not the code under test).
        let halves = text.components(separatedBy: "::")
        func groups(_ part: String) -> [UInt16] { part.isEmpty ? [] : part.split(separator: ":").compactMap { UInt16($0, radix: 16) } }
        let head = groups(halves[0]), tail = halves.count > 1 ? groups(halves[1]) : []
        let all = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    @Test("UDP over IPv4 with options, on either port")
    func ipv4WithOptions() throws {
        var packet = PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(sourcePort: 53, destinationPort: 33333, Self.query))
        packet[0] = 0x46  // IHL 6: four bytes of options (NOPs)
        packet.insert(contentsOf: [1, 1, 1, 0], at: 20)
        packet[3] += 4
        let decoding = try Self.decode([packet])
        #expect(decoding.messages.map(\.payload) == [Self.query])
        #expect(decoding.messages.first?.sourcePort == 53)
        #expect(decoding.messages.first?.transport == .udp)
    }

    @Test("padding after the IP total length and the UDP length is not part of the message")
    func trailingPadding() throws {
        let packet = PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(Self.query)) + [0, 0, 0, 0, 0, 0]
        let decoding = try Self.decode([packet])
        #expect(decoding.messages.map(\.payload) == [Self.query])
    }

    @Test("IPv4 fragments are reported as skipped; DF alone is not a fragment")
    func ipv4Fragments() throws {
        let udp = PacketBuilder.udp(Self.query)
        let decoding = try Self.decode([
            PacketBuilder.ipv4(protocolNumber: 17, udp, fragmentField: 0x2000),  // first fragment, MF set
            PacketBuilder.ipv4(protocolNumber: 17, Array(udp[8...]), fragmentField: 0x0001),  // offset 8, last
            PacketBuilder.ipv4(protocolNumber: 17, udp, fragmentField: 0x4000),  // DF: whole datagram
        ])
        #expect(decoding.messages.map(\.frameNumber) == [3])
        #expect(decoding.problems.map(\.code) == [.fragmentSkipped, .fragmentSkipped])
        #expect(decoding.problems.map(\.frameNumber) == [1, 2])
        // The offset points at the flags/fragment-offset field of the IPv4 header.
        #expect(decoding.problems.first?.offset == 24 + 16 + 6)
    }

    @Test("malformed IPv4 headers are problems")
    func badIPv4() throws {
        var shortIHL = PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(Self.query))
        shortIHL[0] = 0x44
        var shortTotal = PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(Self.query))
        shortTotal[2] = 0
        shortTotal[3] = 12
        let decoding = try Self.decode([shortIHL, shortTotal, [0x45, 0, 0], [], [0x55, 0, 0, 0]])
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.map(\.code) == [.badHeader, .badHeader, .truncatedFrame, .truncatedFrame, .badHeader])
        #expect(decoding.problems.map(\.frameNumber) == [1, 2, 3, 4, 5])
    }

    @Test("a UDP length beyond the IP payload is a bad header; one cut by the snapshot length is a truncated payload")
    func udpLengths() throws {
        var lying = PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(Self.query))
        lying[24] = 0x01  // UDP length += 256
        let cut = Array(PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(Self.query)).dropLast(10))
        let decoding = try Self.decode([lying, cut])
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.map(\.code) == [.badHeader, .truncatedPayload])
    }

    @Test("IPv6 extension headers are walked to UDP")
    func ipv6ExtensionHeaders() throws {
        let extensions: [(type: UInt8, body: [UInt8])] = [
            (0, [0, 1, 4, 0, 0, 0, 0]),  // hop-by-hop, PadN
            (43, [2, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16)),  // routing, 24 bytes
            (51, [2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]),  // AH: (2 + 2) * 4 = 16 bytes
            (44, [0, 0, 0, 0, 0, 0, 7]),  // atomic fragment (offset 0, M clear), RFC 6946
            (60, [0, 1, 4, 0, 0, 0, 0]),  // destination options
        ]
        let packet = PacketBuilder.ipv6(nextHeader: 17, PacketBuilder.udp(Self.query), extensions: extensions)
        let decoding = try Self.decode([packet])
        #expect(decoding.problems.isEmpty)
        #expect(decoding.messages.map(\.payload) == [Self.query])
        #expect(decoding.messages.first?.sourceAddress == "2001:db8::1")
    }

    @Test("IPv6 fragments are skipped, No Next Header is quiet, too many headers is a problem")
    func ipv6Edges() throws {
        let udp = PacketBuilder.udp(Self.query)
        let first = PacketBuilder.ipv6(nextHeader: 17, udp, extensions: [(44, [0, 0, 1, 0, 0, 0, 7])])  // M set
        let later = PacketBuilder.ipv6(nextHeader: 17, udp, extensions: [(44, [0, 0, 0x10, 0, 0, 0, 7])])  // offset 16
        let nothing = PacketBuilder.ipv6(nextHeader: 59, [])
        let deep = PacketBuilder.ipv6(nextHeader: 17, udp, extensions: Array(repeating: (60, [0, 1, 4, 0, 0, 0, 0]), count: 20))
        let cutExtension = Array(PacketBuilder.ipv6(nextHeader: 17, [], extensions: [(60, [3] + [UInt8](repeating: 0, count: 6))]))
        let decoding = try Self.decode([first, later, nothing, deep, cutExtension])
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.map(\.code) == [.fragmentSkipped, .fragmentSkipped, .tooManyHeaders, .truncatedFrame])
        #expect(decoding.problems.map(\.frameNumber) == [1, 2, 4, 5])
    }

    @Test("IPv6 in IPv4 and IPv4 in IPv6 tunnels report the inner addresses")
    func tunnels() throws {
        let inner6 = PacketBuilder.ipv6(nextHeader: 17, PacketBuilder.udp(Self.query))
        let sixInFour = PacketBuilder.ipv4(protocolNumber: 41, inner6)
        let inner4 = PacketBuilder.ipv4(source: [10, 0, 0, 1], destination: [10, 0, 0, 2], protocolNumber: 17, PacketBuilder.udp(Self.query))
        let fourInSix = PacketBuilder.ipv6(nextHeader: 4, inner4)
        let decoding = try Self.decode([sixInFour, fourInSix])
        #expect(decoding.messages.map(\.sourceAddress) == ["2001:db8::1", "10.0.0.1"])
        #expect(decoding.messages.map(\.destinationAddress) == ["2001:db8::53", "10.0.0.2"])
    }

    @Test(
        "IPv6 addresses are printed in RFC 5952 form",
        arguments: [
            ("2001:db8::1", "2001:db8::1"),
            ("::1", "::1"),
            ("::", "::"),
            ("fe80::a85c:f546:5582:56f0", "fe80::a85c:f546:5582:56f0"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // §4.2.2: one zero group stays
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // §4.2.3: the longest run
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // §4.2.3: the first of equal runs
            ("2001:db8::", "2001:db8::"),
            ("::ffff:c000:201", "::ffff:192.0.2.1"),  // §5: IPv4-mapped
            ("ff02::fb", "ff02::fb"),
        ])
    func ipv6Presentation(_ input: String, _ expected: String) throws {
        let packet = PacketBuilder.ipv6(source: Self.v6(input), nextHeader: 17, PacketBuilder.udp(Self.query))
        let decoding = try Self.decode([packet])
        #expect(decoding.messages.first?.sourceAddress == expected)
    }

    @Test("only the chosen ports are decoded; empty UDP payloads are not messages")
    func ports() throws {
        let packets = [
            PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(sourcePort: 1000, destinationPort: 5353, Self.query)),
            PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(sourcePort: 1000, destinationPort: 5355, Self.query)),
            PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(sourcePort: 1000, destinationPort: 53, [])),
            PacketBuilder.ipv4(protocolNumber: 1, [8, 0, 0, 0, 0, 0, 0, 0]),  // ICMP echo
        ]
        #expect(try Self.decode(packets).messages.map(\.frameNumber) == [1])
        #expect(try Self.decode(packets, ports: [5355]).messages.map(\.frameNumber) == [2])
        #expect(try Self.decode(packets, ports: []).messages.isEmpty)
    }
}

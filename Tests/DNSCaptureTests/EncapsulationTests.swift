import DNSCapture
import Testing

/// Real Ethernet captures re-wrapped in every supported link type and container: the DNS messages
/// must come out identical. (The captures in Captures/ contain no Linux SLL/SLL2, big-endian or
/// PPP files; these variants were cross-checked by hand with tshark 4.0.17 on files written the
/// same way.)
@Suite("Link types and containers")
struct EncapsulationTests {
    static let sources = [
        // IPv4 DNS and IPv6 LLMNR (port 5355); tshark `-Y 'dns || llmnr'` finds 26 messages.
        "private-octopus+ithitools/testfiles/smalltest.pcap",
        "OISF+suricata-verify/tests/dns/dns-tcp-multirequest-buffer/dns-tcp-multirequest-buffer.pcap",
        "zeek+zeek/testing/btest/Traces/dns/tkey.pcap",
        "zeek+zeek/testing/btest/Traces/dns/mdns.pcap",
    ]
    static let ports: Set<UInt16> = [53, 5353, 5355]

    /// The IP frames of a source capture (non-IP frames dropped so every wrapping has the same
    /// frame numbers), as (EtherType, IP packet, timestamp).
    static func ipFrames(_ path: String) throws -> [(etherType: UInt16, frame: TestFrame)] {
        try ReferencePcap.frames(CaptureFixtures.bytes(path)).compactMap { frame in
            guard let (etherType, payload) = ReferencePcap.strippedEthernet(frame.data),
                etherType == 0x0800 || etherType == 0x86DD
            else { return nil }
            var ip = frame
            ip.data = payload
            return (etherType, ip)
        }
    }

    /// Wraps each IP packet with `header(etherType, packet)`.
    static func wrapped(_ frames: [(etherType: UInt16, frame: TestFrame)], _ header: (UInt16, [UInt8]) -> [UInt8]) -> [TestFrame] {
        frames.map { entry in
            var frame = entry.frame
            frame.data = header(entry.etherType, entry.frame.data)
            return frame
        }
    }

    static func sll(_ etherType: UInt16, _ packet: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.append16(0)  // packet type: to us
        out.append16(1)  // ARPHRD_ETHER
        out.append16(6)
        out += [0x02, 0, 0, 0, 0, 9, 0, 0]
        out.append16(etherType)
        return out + packet
    }

    static func sll2(_ etherType: UInt16, _ packet: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.append16(etherType)
        out.append16(0)
        out.append32(2)  // interface index
        out.append16(1)  // ARPHRD_ETHER
        out += [4, 6]  // packet type outgoing, address length
        out += [0x02, 0, 0, 0, 0, 9, 0, 0]
        return out + packet
    }

    static func loopback(bigEndian: Bool, ipv6Family: UInt32) -> (UInt16, [UInt8]) -> [UInt8] {
        { etherType, packet in
            var out: [UInt8] = []
            out.append32(etherType == 0x0800 ? 2 : ipv6Family, bigEndian: bigEndian)
            return out + packet
        }
    }

    static func decode(_ bytes: [UInt8]) throws -> CaptureDecoding {
        try CaptureFile(bytes: bytes).dnsMessages(ports: ports)
    }

    @Test("the same messages through every link type and container", arguments: sources)
    func sameMessages(_ path: String) throws {
        let frames = try Self.ipFrames(path)
        let ethernet = Self.wrapped(frames) { PacketBuilder.ethernet(etherType: $0, $1) }
        let baseline = try Self.decode(CaptureWriter.pcap(ethernet, linkType: 1))
        #expect(!baseline.messages.isEmpty)
        #expect(baseline.problems.isEmpty)
        if path.hasSuffix("smalltest.pcap") { #expect(baseline.messages.count == 26) }

        let variants: [(String, [UInt8])] = [
            ("pcap big-endian nanoseconds", CaptureWriter.pcap(ethernet, linkType: 1, bigEndian: true, nanoseconds: true)),
            ("802.1Q", CaptureWriter.pcap(Self.wrapped(frames) { PacketBuilder.ethernet(etherType: $0, $1, vlanTags: [100]) }, linkType: 1)),
            ("QinQ", CaptureWriter.pcap(Self.wrapped(frames) { PacketBuilder.ethernet(etherType: $0, $1, vlanTags: [7, 100]) }, linkType: 1)),
            ("Linux SLL", CaptureWriter.pcap(Self.wrapped(frames, Self.sll), linkType: 113)),
            ("Linux SLL2", CaptureWriter.pcap(Self.wrapped(frames, Self.sll2), linkType: 276, bigEndian: true)),
            ("NULL little-endian, AF 24", CaptureWriter.pcap(Self.wrapped(frames, Self.loopback(bigEndian: false, ipv6Family: 24)), linkType: 0)),
            ("NULL big-endian, AF 28", CaptureWriter.pcap(Self.wrapped(frames, Self.loopback(bigEndian: true, ipv6Family: 28)), linkType: 0)),
            ("LOOP, AF 30", CaptureWriter.pcap(Self.wrapped(frames, Self.loopback(bigEndian: true, ipv6Family: 30)), linkType: 108)),
            ("RAW 101", CaptureWriter.pcap(Self.wrapped(frames) { $1 }, linkType: 101)),
            ("RAW 12", CaptureWriter.pcap(Self.wrapped(frames) { $1 }, linkType: 12)),
            ("RAW 14", CaptureWriter.pcap(Self.wrapped(frames) { $1 }, linkType: 14)),
            ("PPP", CaptureWriter.pcap(Self.wrapped(frames) { [0xFF, 0x03, 0x00, $0 == 0x0800 ? 0x21 : 0x57] + $1 }, linkType: 9)),
            ("PPPoE", CaptureWriter.pcap(Self.wrapped(frames) { etherType, packet in
                PacketBuilder.ethernet(etherType: 0x8864, [0x11, 0, 0, 1, 0, 0, 0x00, etherType == 0x0800 ? 0x21 : 0x57] + packet)
            }, linkType: 1)),
            ("MPLS", CaptureWriter.pcap(Self.wrapped(frames) { PacketBuilder.ethernet(etherType: 0x8847, [0, 1, 0, 64, 0, 2, 1, 64] + $1) }, linkType: 1)),
            // IEEE 802.3 length framing only exists for frames up to 1500 bytes; longer ones stay Ethernet II.
            ("LLC/SNAP", CaptureWriter.pcap(Self.wrapped(frames) { etherType, packet in
                guard packet.count + 8 <= 1500 else { return PacketBuilder.ethernet(etherType: etherType, packet) }
                var header: [UInt8] = [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2]
                header.append16(UInt16(packet.count + 8))
                header += [0xAA, 0xAA, 0x03, 0, 0, 0]
                header.append16(etherType)
                return header + packet
            }, linkType: 1)),
            ("pcapng", CaptureWriter.pcapng(ethernet, linkTypes: [1])),
            ("pcapng big-endian", CaptureWriter.pcapng(ethernet, linkTypes: [1], bigEndian: true)),
            ("pcapng obsolete Packet Block", CaptureWriter.pcapng(ethernet, linkTypes: [1], kind: .obsolete)),
            ("pcapng nanoseconds", CaptureWriter.pcapng(ethernet, linkTypes: [1], resolution: 9)),
            ("pcapng 2^-30 s", CaptureWriter.pcapng(ethernet, linkTypes: [1], bigEndian: true, resolution: 0x80 | 30)),
            ("pcapng three interfaces", Self.mixedInterfaces(frames)),
        ]
        for (name, bytes) in variants {
            let decoding = try Self.decode(bytes)
            #expect(decoding.problems.isEmpty, "\(name): \(decoding.problems)")
            let same = decoding.messages == baseline.messages
            #expect(same, "\(name): \(decoding.messages.count) messages, expected \(baseline.messages.count)")
        }

        // Simple Packet Blocks carry no timestamp.
        let simple = try Self.decode(CaptureWriter.pcapng(ethernet, linkTypes: [1], kind: .simple))
        let untimed = baseline.messages.map { message in
            var copy = message
            copy.timestampSeconds = 0
            copy.timestampMicroseconds = 0
            return copy
        }
        let same = simple.messages == untimed
        #expect(same)
    }

    /// Frame i goes out on interface i % 3: Ethernet, Linux SLL2, raw IP.
    static func mixedInterfaces(_ frames: [(etherType: UInt16, frame: TestFrame)]) -> [UInt8] {
        let mixed = frames.enumerated().map { index, entry in
            var frame = entry.frame
            frame.interface = index % 3
            switch frame.interface {
            case 0: frame.data = PacketBuilder.ethernet(etherType: entry.etherType, entry.frame.data)
            case 1: frame.data = sll2(entry.etherType, entry.frame.data)
            default: break
            }
            return frame
        }
        return CaptureWriter.pcapng(mixed, linkTypes: [1, 276, 101])
    }

    @Test("LINKTYPE_IPV4 and LINKTYPE_IPV6 carry only their own version")
    func versionSpecificRawTypes() throws {
        let query = PacketBuilder.dnsMessage(id: 0x1234)
        let v4 = PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(query))
        let v6 = PacketBuilder.ipv6(nextHeader: 17, PacketBuilder.udp(query))
        let frames = [TestFrame(seconds: 1, microseconds: 0, data: v4), TestFrame(seconds: 2, microseconds: 0, data: v6)]
        let asIPv4 = try Self.decode(CaptureWriter.pcap(frames, linkType: 228))
        #expect(asIPv4.messages.map(\.frameNumber) == [1])
        #expect(asIPv4.problems.map(\.code) == [.badHeader])
        let asIPv6 = try Self.decode(CaptureWriter.pcap(frames, linkType: 229))
        #expect(asIPv6.messages.map(\.frameNumber) == [2])
        #expect(asIPv6.problems.map(\.code) == [.badHeader])
        #expect(asIPv6.problems.first?.frameNumber == 1)
    }

    @Test("an unknown link type is a problem for each frame, not a failure")
    func unknownLinkType() throws {
        let frame = TestFrame(seconds: 1, microseconds: 0, data: PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp([1, 2, 3])))
        let file = try CaptureFile(bytes: CaptureWriter.pcap([frame, frame], linkType: 147))
        #expect(file.linkTypes == [LinkType(rawValue: 147)])
        let decoding = file.dnsMessages()
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.map(\.code) == [.unknownLinkType, .unknownLinkType])
        #expect(decoding.problems.map(\.frameNumber) == [1, 2])
        #expect(decoding.problems.first?.offset == 24 + 16)
    }

    @Test("frames without IP are skipped quietly; a frame too short for its header is a problem")
    func nonIPFrames() throws {
        let arp = PacketBuilder.ethernet(etherType: 0x0806, [UInt8](repeating: 0, count: 28))
        let stp: [UInt8] = [0x01, 0x80, 0xC2, 0, 0, 0, 0x02, 0, 0, 0, 0, 1, 0, 38, 0x42, 0x42, 0x03] + [UInt8](repeating: 0, count: 35)
        let runt: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let unknownFamily: [UInt8] = [7, 0, 0, 0, 0x45]
        let decoding = try Self.decode(CaptureWriter.pcap([arp, stp, runt].map { TestFrame(seconds: 0, microseconds: 0, data: $0) }, linkType: 1))
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.map(\.code) == [.truncatedFrame])
        #expect(decoding.problems.first?.frameNumber == 3)
        let loop = try Self.decode(CaptureWriter.pcap([TestFrame(seconds: 0, microseconds: 0, data: unknownFamily)], linkType: 0))
        #expect(loop.messages.isEmpty && loop.problems.isEmpty)
    }

    @Test("more VLAN tags than any real frame carries is a problem")
    func tooManyTags() throws {
        let frame = PacketBuilder.ethernet(etherType: 0x0800, PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp([0, 1])), vlanTags: Array(repeating: 5, count: 40))
        let decoding = try Self.decode(CaptureWriter.pcap([TestFrame(seconds: 0, microseconds: 0, data: frame)], linkType: 1))
        #expect(decoding.problems.map(\.code) == [.tooManyHeaders])
    }
}

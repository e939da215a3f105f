import DNSCapture
import Testing

/// pcap and pcapng container details: headers, byte orders, blocks, interfaces, damage.
@Suite("pcap and pcapng containers")
struct ContainerTests {
    static let query = PacketBuilder.dnsMessage(id: 0x0101)

    static func rawFrame(_ seconds: UInt32 = 1, microseconds: UInt32 = 0, interface: Int = 0) -> TestFrame {
        TestFrame(
            seconds: seconds, microseconds: microseconds,
            data: PacketBuilder.ipv4(protocolNumber: 17, PacketBuilder.udp(Self.query)), interface: interface)
    }

    static func openError(_ bytes: [UInt8]) -> CaptureError? {
        do {
            _ = try CaptureFile(bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("bytes that are not a capture file are rejected at offset 0")
    func notACapture() {
        let inputs: [[UInt8]] = [[], [0xD4], Array("hello, this is text".utf8), [UInt8](repeating: 0, count: 64)]
        for input in inputs {
            let error = Self.openError(input)
            #expect(error?.code == .notACaptureFile)
            #expect(error?.offset == 0)
        }
    }

    @Test("a pcap file header that is cut short or of another major version is rejected")
    func badPcapHeaders() {
        let file = CaptureWriter.pcap([Self.rawFrame()], linkType: 101)
        #expect(Self.openError(Array(file[0..<10]))?.code == .truncatedFile)
        #expect(Self.openError(Array(file[0..<23]))?.code == .truncatedFile)
        var version3 = file
        version3[4] = 3
        #expect(Self.openError(version3)?.code == .unsupportedVersion)
        #expect(Self.openError(Array(file[0..<24])) == nil)  // a header and no records is a valid, empty capture
    }

    @Test("pcap in both byte orders and both resolutions gives the same timestamps")
    func pcapVariants() throws {
        let frames = [Self.rawFrame(1_600_000_000, microseconds: 123_456), Self.rawFrame(1_600_000_001, microseconds: 999_999)]
        for bigEndian in [false, true] {
            for nanoseconds in [false, true] {
                let file = try CaptureFile(bytes: CaptureWriter.pcap(frames, linkType: 101, bigEndian: bigEndian, nanoseconds: nanoseconds))
                #expect(file.format == .pcap)
                #expect(file.frameCount == 2)
                #expect(file.linkTypes == [.raw])
                let messages = file.dnsMessages().messages
                #expect(messages.map(\.timestampSeconds) == [1_600_000_000, 1_600_000_001])
                #expect(messages.map(\.timestampMicroseconds) == [123_456, 999_999])
            }
        }
    }

    @Test("libpcap's modified format (magic 0xA1B2CD34) has 8 more bytes per record header")
    func modifiedPcap() throws {
        let frame = Self.rawFrame(7, microseconds: 8)
        var bytes = CaptureWriter.pcap([], linkType: 101)
        bytes[0] = 0x34
        bytes[1] = 0xCD
        for _ in 0..<2 {
            bytes.append32(frame.seconds, bigEndian: false)
            bytes.append32(frame.microseconds, bigEndian: false)
            bytes.append32(UInt32(frame.data.count), bigEndian: false)
            bytes.append32(UInt32(frame.data.count), bigEndian: false)
            bytes += [0, 0, 0, 1, 0x08, 0x00, 0, 0]  // ifindex, protocol, packet type, pad
            bytes += frame.data
        }
        let decoding = try CaptureFile(bytes: bytes).dnsMessages()
        #expect(decoding.problems.isEmpty)
        #expect(decoding.messages.map(\.payload) == [Self.query, Self.query])
    }

    @Test("a pcapng Section Header Block with a bad byte-order magic or version is rejected")
    func badSectionHeader() {
        var file = CaptureWriter.pcapng([Self.rawFrame()], linkTypes: [101])
        file[8] = 0x00
        #expect(Self.openError(file)?.code == .notACaptureFile)
        var version2 = CaptureWriter.pcapng([Self.rawFrame()], linkTypes: [101])
        version2[12] = 2
        #expect(Self.openError(version2)?.code == .unsupportedVersion)
        #expect(Self.openError(Array(version2[0..<6]))?.code == .truncatedFile)
        let whole = CaptureWriter.pcapng([Self.rawFrame()], linkTypes: [101], withUnknownBlocks: false)
        #expect(Self.openError(Array(whole[0..<20]))?.code == .truncatedFile)  // the SHB itself is cut
        #expect(Self.openError(Array(whole[0..<28])) == nil)  // a whole SHB and nothing else
    }

    @Test("a packet block naming an undeclared interface is a problem for that frame only")
    func unknownInterface() throws {
        let frames = [Self.rawFrame(), Self.rawFrame(interface: 3), Self.rawFrame()]
        let file = try CaptureFile(bytes: CaptureWriter.pcapng(frames, linkTypes: [101]))
        let decoding = file.dnsMessages()
        #expect(decoding.messages.map(\.frameNumber) == [1, 3])
        #expect(decoding.problems.map(\.code) == [.unknownInterface])
        #expect(decoding.problems.first?.frameNumber == 2)
    }

    @Test("a block whose length is not a multiple of 4 ends reading; what came before is kept")
    func badBlockLength() throws {
        var bytes = CaptureWriter.pcapng([Self.rawFrame()], linkTypes: [101], withUnknownBlocks: false)
        let badOffset = bytes.count
        bytes += [0xAD, 0x0B, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 13, 0, 0, 0]
        bytes += CaptureWriter.packet(Self.rawFrame(), kind: .enhanced, bigEndian: false)
        let file = try CaptureFile(bytes: bytes)
        #expect(file.readProblems.map(\.code) == [.badBlock])
        #expect(file.readProblems.first?.offset == badOffset)
        let decoding = file.dnsMessages()
        #expect(decoding.messages.count == 1)
        #expect(decoding.problems.map(\.code) == [.badBlock])
    }

    @Test("a trailing block length that disagrees is reported, and reading goes on")
    func trailingLengthMismatch() throws {
        var bytes = CaptureWriter.pcapng([Self.rawFrame(), Self.rawFrame()], linkTypes: [101], withUnknownBlocks: false)
        let firstPacket = CaptureWriter.sectionHeader(bigEndian: false).count + CaptureWriter.interface(linkType: 101, bigEndian: false).count
        let packetLength = CaptureWriter.packet(Self.rawFrame(), kind: .enhanced, bigEndian: false).count
        bytes[firstPacket + packetLength - 4] ^= 0xFF
        let file = try CaptureFile(bytes: bytes)
        #expect(file.readProblems.map(\.code) == [.badBlock])
        #expect(file.dnsMessages().messages.count == 2)
    }

    @Test("a second section, in the other byte order, declares its own interfaces")
    func twoSections() throws {
        let first = CaptureWriter.pcapng([Self.rawFrame(10)], linkTypes: [101])
        let ethernet = TestFrame(seconds: 20, microseconds: 5, data: PacketBuilder.ethernet(etherType: 0x0800, Self.rawFrame().data))
        let second = CaptureWriter.pcapng([ethernet], linkTypes: [1], bigEndian: true, resolution: 9)
        let file = try CaptureFile(bytes: first + second)
        #expect(file.linkTypes == [.raw, .ethernet])
        let messages = file.dnsMessages().messages
        #expect(messages.map(\.timestampSeconds) == [10, 20])
        #expect(messages.map(\.timestampMicroseconds) == [0, 5])
        #expect(messages.map(\.frameNumber) == [1, 2])
    }

    @Test("if_tsoffset is added to every timestamp of its interface")
    func timestampOffset() throws {
        var bytes = CaptureWriter.sectionHeader(bigEndian: false)
        bytes += CaptureWriter.interface(linkType: 101, bigEndian: false, offsetSeconds: 1_000_000)
        bytes += CaptureWriter.packet(Self.rawFrame(5, microseconds: 6), kind: .enhanced, bigEndian: false)
        let message = try #require(try CaptureFile(bytes: bytes).dnsMessages().messages.first)
        #expect(message.timestampSeconds == 1_000_005)
        #expect(message.timestampMicroseconds == 6)
    }

    @Test("errors describe code, offset, frame and detail")
    func errorDescription() {
        let error = CaptureError(.truncatedFrame, at: 40, frame: 1, "IPv4 header needs 20 bytes, 3 captured")
        #expect(error.description == "truncated-frame at offset 40 (frame 1): IPv4 header needs 20 bytes, 3 captured")
        #expect(CaptureError(.notACaptureFile, at: 0).description == "not-a-capture-file at offset 0")
        #expect(CaptureError.Code(rawValue: "truncated-file") == .truncatedFile)
    }
}

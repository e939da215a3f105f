import DNSCapture
import Testing

/// TCP reassembly with hand-built segments, written into a raw-IP pcap and read back through the
/// public API. Frame N carries timestamp 1000 + N seconds.
@Suite("TCP reassembly")
struct TCPReassemblyTests {
    static let client: [UInt8] = [198, 51, 100, 7]
    static let server: [UInt8] = [192, 0, 2, 53]

    /// A segment from the client (port 40000) to the server (port 53), or back with `fromServer`.
    static func segment(
        _ sequence: UInt32, _ payload: [UInt8] = [], flags: PacketBuilder.TCPFlags = [.ack, .psh],
        fromServer: Bool = false, clientPort: UInt16 = 40000
    ) -> [UInt8] {
        let tcp = fromServer
            ? PacketBuilder.tcp(sourcePort: 53, destinationPort: clientPort, sequence: sequence, flags: flags, payload)
            : PacketBuilder.tcp(sourcePort: clientPort, destinationPort: 53, sequence: sequence, flags: flags, payload)
        return fromServer
            ? PacketBuilder.ipv4(source: server, destination: client, protocolNumber: 6, tcp)
            : PacketBuilder.ipv4(source: client, destination: server, protocolNumber: 6, tcp)
    }

    static func decode(_ packets: [[UInt8]]) throws -> CaptureDecoding {
        let frames = packets.enumerated().map { index, packet in
            TestFrame(seconds: 1000 + UInt32(index + 1), microseconds: UInt32(index), data: packet)
        }
        return try CaptureFile(bytes: CaptureWriter.pcap(frames, linkType: 101)).dnsMessages()
    }

    static let isn: UInt32 = 1000
    static let syn = segment(isn, flags: .syn)

    @Test("one message over three segments is attributed to the frame of its last byte")
    func oneMessageOverThreeSegments() throws {
        let message = PacketBuilder.dnsMessage(id: 0x1111, size: 100)
        let stream = PacketBuilder.lengthPrefixed(message)
        let decoding = try Self.decode([
            Self.syn,
            Self.segment(Self.isn + 1, Array(stream[0..<30])),
            Self.segment(Self.isn + 31, Array(stream[30..<70])),
            Self.segment(Self.isn + 71, Array(stream[70...])),
        ])
        #expect(decoding.problems.isEmpty)
        #expect(decoding.messages.count == 1)
        let only = try #require(decoding.messages.first)
        #expect(only.payload == message)
        #expect(only.frameNumber == 4)
        #expect(only.timestampSeconds == 1004)
        #expect(only.transport == .tcp)
        #expect(only.sourceAddress == "198.51.100.7")
        #expect(only.destinationAddress == "192.0.2.53")
        #expect((only.sourcePort, only.destinationPort) == (40000, 53))
    }

    @Test("two messages in one segment come out in stream order")
    func twoMessagesInOneSegment() throws {
        let first = PacketBuilder.dnsMessage(id: 1, size: 30)
        let second = PacketBuilder.dnsMessage(id: 2, size: 50)
        let decoding = try Self.decode([
            Self.syn,
            Self.segment(Self.isn + 1, PacketBuilder.lengthPrefixed(first) + PacketBuilder.lengthPrefixed(second)),
        ])
        #expect(decoding.messages.map(\.payload) == [first, second])
        #expect(decoding.messages.map(\.frameNumber) == [2, 2])
    }

    @Test("a segment holding the end of one message and the start of the next")
    func messagesStraddlingSegments() throws {
        let messages = (1...3).map { PacketBuilder.dnsMessage(id: UInt16($0), size: 20 + $0) }
        let stream = messages.flatMap(PacketBuilder.lengthPrefixed)
        let cuts = [0, 10, 30, 55, stream.count]
        var packets = [Self.syn]
        for index in 0..<cuts.count - 1 {
            packets.append(Self.segment(Self.isn + 1 + UInt32(cuts[index]), Array(stream[cuts[index]..<cuts[index + 1]])))
        }
        let decoding = try Self.decode(packets)
        #expect(decoding.messages.map(\.payload) == messages)
        // Message 1 (bytes 0..<23) ends in segment 2 (frame 3), message 2 (23..<47) in segment 3
        // (frame 4), message 3 (47..<72) in segment 4 (frame 5).
        #expect(decoding.messages.map(\.frameNumber) == [3, 4, 5])
    }

    @Test("out-of-order segments are put back in sequence order")
    func outOfOrder() throws {
        let message = PacketBuilder.dnsMessage(id: 0x2222, size: 90)
        let stream = PacketBuilder.lengthPrefixed(message)
        let decoding = try Self.decode([
            Self.syn,
            Self.segment(Self.isn + 61, Array(stream[60...])),  // third part first
            Self.segment(Self.isn + 1, Array(stream[0..<30])),  // first part
            Self.segment(Self.isn + 31, Array(stream[30..<60])),  // second part fills the hole
        ])
        #expect(decoding.problems.isEmpty)
        #expect(decoding.messages.map(\.payload) == [message])
        #expect(decoding.messages.map(\.frameNumber) == [4])
    }

    @Test("a message that arrived whole before an earlier one completes is ordered by its own frame")
    func orderingByFrameOfLastByte() throws {
        let first = PacketBuilder.dnsMessage(id: 0xA, size: 40)
        let second = PacketBuilder.dnsMessage(id: 0xB, size: 40)
        let firstStream = PacketBuilder.lengthPrefixed(first)
        let secondStream = PacketBuilder.lengthPrefixed(second)
        let decoding = try Self.decode([
            Self.syn,
            Self.segment(Self.isn + 1, Array(firstStream[0..<20])),  // frame 2
            Self.segment(Self.isn + 1 + UInt32(firstStream.count), secondStream),  // frame 3, ahead of a hole
            Self.segment(Self.isn + 21, Array(firstStream[20...])),  // frame 4 fills it
        ])
        // The second message's last byte arrived in frame 3, the first's in frame 4.
        #expect(decoding.messages.map(\.frameNumber) == [3, 4])
        #expect(decoding.messages.map(\.payload) == [second, first])
        #expect(decoding.messages.map(\.timestampSeconds) == [1003, 1004])
    }

    @Test("retransmitted and overlapping segments do not duplicate data")
    func duplicates() throws {
        let first = PacketBuilder.dnsMessage(id: 0x3333, size: 60)
        let second = PacketBuilder.dnsMessage(id: 0x4444, size: 60)
        let stream = PacketBuilder.lengthPrefixed(first) + PacketBuilder.lengthPrefixed(second)
        let decoding = try Self.decode([
            Self.syn,
            Self.syn,  // retransmitted SYN, same ISN
            Self.segment(Self.isn + 1, Array(stream[0..<40])),
            Self.segment(Self.isn + 1, Array(stream[0..<40])),  // exact retransmission
            Self.segment(Self.isn + 21, Array(stream[20..<80])),  // overlaps 20 old bytes, adds 40
            Self.segment(Self.isn + 1, Array(stream[0..<62])),  // old data only
            Self.segment(Self.isn + 81, Array(stream[80...])),
            Self.segment(Self.isn + 81, Array(stream[80...])),  // retransmission after completion
        ])
        #expect(decoding.problems.isEmpty)
        #expect(decoding.messages.map(\.payload) == [first, second])
        #expect(decoding.messages.map(\.frameNumber) == [5, 7])
    }

    @Test("a hole that is never filled stops the stream and is reported")
    func gap() throws {
        let messages = (1...3).map { PacketBuilder.dnsMessage(id: UInt16($0), size: 30) }
        let streams = messages.map(PacketBuilder.lengthPrefixed)
        let decoding = try Self.decode([
            Self.syn,
            Self.segment(Self.isn + 1, streams[0]),
            // streams[1] is never captured
            Self.segment(Self.isn + 1 + 64, streams[2]),
        ])
        #expect(decoding.messages.map(\.payload) == [messages[0]])
        let problem = try #require(decoding.problems.first)
        #expect(decoding.problems.count == 1)
        #expect(problem.code == .tcpMissingData)
        #expect(problem.frameNumber == 3)
        // Frame 3's bytes start after the 24-byte file header, two records (16 + 40, 16 + 72)
        // and its own 16-byte record header.
        #expect(problem.offset == 24 + (16 + 40) + (16 + 72) + 16)
    }

    @Test("a stream that ends inside a message reports it")
    func incompleteMessage() throws {
        let stream = PacketBuilder.lengthPrefixed(PacketBuilder.dnsMessage(id: 9, size: 100))
        let decoding = try Self.decode([Self.syn, Self.segment(Self.isn + 1, Array(stream[0..<50]))])
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.map(\.code) == [.tcpIncompleteMessage])
        #expect(decoding.problems.first?.frameNumber == 2)
    }

    @Test("sequence numbers wrap around 2^32")
    func sequenceWrap() throws {
        let message = PacketBuilder.dnsMessage(id: 0x5555, size: 64)
        let stream = PacketBuilder.lengthPrefixed(message)
        let isn: UInt32 = 0xFFFF_FFF0
        let decoding = try Self.decode([
            Self.segment(isn, flags: .syn),
            Self.segment(isn &+ 1, Array(stream[0..<40])),
            Self.segment(isn &+ 41, Array(stream[40...])),
        ])
        #expect(decoding.messages.map(\.payload) == [message])
    }

    @Test("a capture that starts mid-connection (no SYN) starts at the first data")
    func withoutSYN() throws {
        let message = PacketBuilder.dnsMessage(id: 0x6666)
        let stream = PacketBuilder.lengthPrefixed(message)
        let decoding = try Self.decode([
            Self.segment(777_777, Array(stream[0..<10])),
            Self.segment(777_787, Array(stream[10...])),
        ])
        #expect(decoding.messages.map(\.payload) == [message])
        #expect(decoding.messages.map(\.frameNumber) == [2])
    }

    @Test("data carried in the SYN (TCP Fast Open) counts from ISN + 1")
    func dataInSYN() throws {
        let message = PacketBuilder.dnsMessage(id: 0x7777)
        let decoding = try Self.decode([Self.segment(Self.isn, PacketBuilder.lengthPrefixed(message), flags: .syn)])
        #expect(decoding.messages.map(\.payload) == [message])
    }

    @Test("each direction is reassembled on its own")
    func bothDirections() throws {
        let query = PacketBuilder.dnsMessage(id: 0x8888, size: 40)
        let response = PacketBuilder.dnsMessage(id: 0x8888, size: 200)
        let queryStream = PacketBuilder.lengthPrefixed(query)
        let responseStream = PacketBuilder.lengthPrefixed(response)
        let decoding = try Self.decode([
            Self.syn,
            Self.segment(5000, flags: [.syn, .ack], fromServer: true),
            Self.segment(Self.isn + 1, queryStream),
            Self.segment(5001, Array(responseStream[0..<100]), fromServer: true),
            Self.segment(Self.isn + 1 + UInt32(queryStream.count), flags: [.ack, .fin]),
            Self.segment(5101, Array(responseStream[100...]), fromServer: true),
        ])
        #expect(decoding.messages.map(\.payload) == [query, response])
        #expect(decoding.messages.map(\.frameNumber) == [3, 6])
        #expect(decoding.messages.map(\.sourcePort) == [40000, 53])
        #expect(decoding.messages[1].sourceAddress == "192.0.2.53")
    }

    @Test("a new SYN on the same 4-tuple starts a new connection")
    func portReuse() throws {
        let first = PacketBuilder.dnsMessage(id: 1)
        let second = PacketBuilder.dnsMessage(id: 2)
        let leftover = Array(PacketBuilder.lengthPrefixed(PacketBuilder.dnsMessage(id: 3))[0..<5])
        let decoding = try Self.decode([
            Self.segment(100, flags: .syn),
            Self.segment(101, PacketBuilder.lengthPrefixed(first) + leftover),
            Self.segment(90_000, flags: .syn),
            Self.segment(90_001, PacketBuilder.lengthPrefixed(second)),
        ])
        #expect(decoding.messages.map(\.payload) == [first, second])
        // The first connection ended inside a message.
        #expect(decoding.problems.map(\.code) == [.tcpIncompleteMessage])
        #expect(decoding.problems.first?.frameNumber == 2)
    }

    @Test("TCP over IPv6 with a destination options header")
    func overIPv6() throws {
        let message = PacketBuilder.dnsMessage(id: 0x9999)
        let tcp = PacketBuilder.tcp(sequence: 1, flags: .syn, PacketBuilder.lengthPrefixed(message))
        let packet = PacketBuilder.ipv6(nextHeader: 6, tcp, extensions: [(60, [0, 1, 4, 0, 0, 0, 0])])
        let decoding = try Self.decode([packet])
        #expect(decoding.messages.map(\.payload) == [message])
        #expect(decoding.messages.first?.sourceAddress == "2001:db8::1")
        #expect(decoding.messages.first?.destinationAddress == "2001:db8::53")
    }

    @Test("segments on other ports are ignored")
    func otherPorts() throws {
        let message = PacketBuilder.dnsMessage(id: 1)
        let tcp = PacketBuilder.tcp(sourcePort: 40000, destinationPort: 853, sequence: 1, flags: .syn, PacketBuilder.lengthPrefixed(message))
        let decoding = try Self.decode([PacketBuilder.ipv4(protocolNumber: 6, tcp)])
        #expect(decoding.messages.isEmpty)
        #expect(decoding.problems.isEmpty)
    }
}

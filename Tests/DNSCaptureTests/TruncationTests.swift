import DNSCapture
import Testing

/// Captures cut short or damaged: no traps, problems reported, earlier messages kept.
@Suite("Truncated and damaged captures")
struct TruncationTests {
    static func isPrefix(_ shorter: [CapturedMessage], of longer: [CapturedMessage]) -> Bool {
        shorter.count <= longer.count && Array(longer.prefix(shorter.count)) == shorter
    }

    @Test("generation-test-10000.pcap cut at record boundaries and inside records")
    func cutPcap() throws {
        let bytes = try CaptureFixtures.bytes("private-octopus+ithitools/testfiles/generation-test-10000.pcap")
        let full = try CaptureFile(bytes: bytes).dnsMessages().messages
        // Record starts, from the independent reference reader.
        var recordStarts: [Int] = []
        var position = 24
        for frame in ReferencePcap.frames(bytes) {
            recordStarts.append(position)
            position += 16 + frame.data.count
        }
        for index in [0, 1, 2, 100, 5_000, 12_345, recordStarts.count - 1] {
            let start = recordStarts[index]
            for cut in [start, start + 1, start + 15, start + 16, start + 17, start + 40] where cut < bytes.count {
                let file = try CaptureFile(bytes: Array(bytes[0..<cut]))
                let decoding = file.dnsMessages()
                #expect(file.frameCount == index)
                #expect(decoding.messages.count == index)  // every frame of this capture is one DNS message
                let prefix = Self.isPrefix(decoding.messages, of: full)
                #expect(prefix)
                if cut == start {
                    #expect(decoding.problems.isEmpty)
                } else {
                    #expect(decoding.problems.map(\.code) == [.truncatedFile])
                    #expect(decoding.problems.first?.offset == start)
                    #expect(decoding.problems.first?.frameNumber == index + 1)
                }
            }
        }
        for cut in [0, 1, 4, 20, 23] {
            #expect(throws: CaptureError.self) { try CaptureFile(bytes: Array(bytes[0..<cut])) }
        }
    }

    @Test("a pcapng cut at every offset", arguments: [
        "zeek+zeek/testing/btest/Traces/pcapng-multi-interface.pcapng",
        "the-tcpdump-group+tcpdump/tests/time_2107.pcapng",
    ])
    func cutPcapng(_ path: String) throws {
        let bytes = try CaptureFixtures.bytes(path)
        let full = try CaptureFile(bytes: bytes).dnsMessages().messages
        var opened = 0
        for cut in 0..<bytes.count {
            guard let file = try? CaptureFile(bytes: Array(bytes[0..<cut])) else { continue }
            opened += 1
            let decoding = file.dnsMessages()
            let prefix = Self.isPrefix(decoding.messages, of: full)
            #expect(prefix, "cut at \(cut)")
            if decoding.messages.count < full.count {
                #expect(decoding.problems.contains { $0.code == .truncatedFile } || cut % 4 == 0, "cut at \(cut)")
            }
        }
        #expect(opened > 0)
    }

    @Test("a TCP capture cut at every offset never traps and keeps complete messages")
    func cutTCP() throws {
        let bytes = try CaptureFixtures.bytes("zeek+zeek/testing/btest/Traces/dns/tkey.pcap")
        let full = try CaptureFile(bytes: bytes).dnsMessages().messages
        for cut in 24..<bytes.count {
            let decoding = try CaptureFile(bytes: Array(bytes[0..<cut])).dnsMessages()
            let prefix = Self.isPrefix(decoding.messages, of: full)
            #expect(prefix, "cut at \(cut)")
        }
    }

    /// xorshift64*: a small deterministic generator, so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    @Test("random byte damage never traps", arguments: [
        "zeek+zeek/testing/btest/Traces/dns/tkey.pcap",
        "zeek+zeek/testing/btest/Traces/pcapng-multi-interface.pcapng",
        "OISF+suricata-verify/tests/dns/dns-tcp-multirequest-buffer/dns-tcp-multirequest-buffer.pcap",
        "zeek+zeek/testing/btest/Traces/dns/mdns.pcap",
        "OISF+suricata-verify/tests/dns/dns-incomplete/input.pcap",
        "zeek+zeek/testing/btest/Traces/ipv6-fragmented-dns.pcap",
    ])
    func fuzz(_ path: String) throws {
        let original = try CaptureFixtures.bytes(path)
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15 ^ UInt64(original.count))
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + generator.below(8)) {
                let at = generator.below(bytes.count)
                switch generator.below(3) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes[at] ^= 0x80
                default: bytes[at] = [0x00, 0xFF, 0x7F, 0x80][generator.below(4)]
                }
            }
            if let file = try? CaptureFile(bytes: bytes) {
                let decoding = file.dnsMessages(ports: [53, 5353, UInt16(truncatingIfNeeded: generator.next())])
                #expect(decoding.messages.allSatisfy { $0.frameNumber >= 1 })
            }
        }
    }
}

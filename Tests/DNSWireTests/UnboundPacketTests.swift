import Testing
@testable import DNSWire

/// Unbound's message-parser corpus, `testdata/test_packets.2`–`.9`, read the way Unbound's
/// `testcode/unitmsgparse.c` reads it: every packet parses or is rejected for a stated reason, and
/// every parsed packet re-encodes to the same message.
///
/// File formats (`testcode/unitmsgparse.c`, `testcode/readhex.c`):
/// - `.2`, `.3` ("pcat" dumps): one packet per line; lines starting with `;` are comments and lines
///   shorter than 10 characters with their newline are pcat's packet numbers.
/// - `.4`–`.9` ("drill" dumps): packets span lines and are separated by lines starting with `;--`;
///   other lines starting with `;` are comments.
/// - In both, hex digits may be separated by white space and `;` starts a comment to the end of the
///   line.
struct UnboundPacketTests {
    struct Packet: CustomStringConvertible, Sendable {
        let file: String
        /// pcat files: the line number; drill files: the packet's ordinal in the file (from 1).
        let position: Int
        let isDrill: Bool
        let bytes: [UInt8]
        var description: String { isDrill ? "\(file)#\(position)" : "\(file):\(position)" }
    }

    /// Hex digits to octets, skipping white space and `;` comments (readhex.c's `hex_to_buf`).
    static func octets(_ text: some StringProtocol) -> [UInt8] {
        var output: [UInt8] = []
        var high: UInt8? = nil
        var inComment = false
        for character in text.utf8 {
            if inComment {
                if character == UInt8(ascii: "\n") { inComment = false }
                continue
            }
            let value: UInt8
            switch character {
            case UInt8(ascii: ";"): inComment = true; continue
            case 0x30...0x39: value = character - 0x30
            case 0x41...0x46: value = character - 0x41 + 10
            case 0x61...0x66: value = character - 0x61 + 10
            default: continue
            }
            if let pending = high {
                output.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return output
    }

    static let pcatFiles = ["test_packets.2", "test_packets.3"]
    static let drillFiles = ["test_packets.4", "test_packets.5", "test_packets.6", "test_packets.7", "test_packets.8", "test_packets.9"]

    static let packets: [Packet] = {
        var result: [Packet] = []
        for file in pcatFiles {
            for (index, line) in VectorFiles.lines("NLnetLabs+unbound/testdata/" + file).enumerated()
            where !line.hasPrefix(";") && line.utf8.count + 1 >= 10 {
                result.append(Packet(file: file, position: index + 1, isDrill: false, bytes: octets(line)))
            }
        }
        for file in drillFiles {
            var text = ""
            var ordinal = 0
            func flush() {
                guard !text.isEmpty else { return }
                ordinal += 1
                result.append(Packet(file: file, position: ordinal, isDrill: true, bytes: octets(text)))
                text = ""
            }
            for line in VectorFiles.lines("NLnetLabs+unbound/testdata/" + file) {
                if line.hasPrefix(";--") {
                    flush()
                } else if !line.hasPrefix(";") {
                    text += line + "\n"
                }
            }
            // Unbound tests whatever follows the last separator.
            flush()
        }
        return result.filter { !$0.bytes.isEmpty }
    }()

    @Test func packetCounts() {
        let counts = Dictionary(grouping: Self.packets, by: \.file).mapValues(\.count)
        #expect(counts == [
            "test_packets.2": 25, "test_packets.3": 233, "test_packets.4": 16, "test_packets.5": 9,
            "test_packets.6": 2, "test_packets.7": 2, "test_packets.8": 1, "test_packets.9": 1,
        ])
        #expect(Self.packets.count == 289)
    }

    /// Packets DNSWire rejects, with the error and why.
    ///
    /// - pcat lines of 18 and 20 octets are not DNS at all: pcat dumped TCP segments as if they were
    ///   UDP, skipping the first 8 octets of the TCP header. What remains is the acknowledgement
    ///   number where ID and flags would be, then data offset and flags (`5011` FIN ACK, `7002` SYN)
    ///   where QDCOUNT would be, window, checksum and urgent pointer. 18 octets: thousands of
    ///   announced questions; the zero octets read as root-name questions until the second one's
    ///   type is cut off at 18. 20 octets: the SYN's options (`0204 05b4 0101 0402`) read as a name
    ///   whose second label length, the MSS's low octet at 15, has label type 0b01 or 0b10.
    /// - pcat lines of 157 octets: a PSH-ACK TCP segment (12 octets of TCP header left by pcat) with a
    ///   2-octet TCP length prefix and a 143-octet TKEY query; read from offset 0 the "name" at 12
    ///   reaches a 0x40 label type at 77. `tcpSegmentsCarryATKEYQuery` checks the message inside.
    /// - `test_packets.5` is Unbound's hand-made compression cases; the rejected ones break
    ///   RFC 1035 §4.1.4 as DNSWire reads it (pointers strictly backwards, STYLE rule 4), where
    ///   Unbound follows any in-bounds pointer and only counts hops: #3 points from the question
    ///   forward into the answer, #4 from answer 1 forward into answer 2, #6 at itself, #8 past the
    ///   end of the packet.
    /// - `test_packets.8` #1 announces ARCOUNT 1 with no additional record. Unbound (and BIND) accept
    ///   it leniently; DNSWire requires every announced record (RFC 1035 §4.1.1).
    static let rejections: [String: (WireError.Code, Int)] = {
        var table: [String: (WireError.Code, Int)] = [:]
        for line in [8, 20, 24, 44, 48] { table["test_packets.2:\(line)"] = (.truncated, 18) }
        for line in [32, 36, 40] { table["test_packets.2:\(line)"] = (.badLabelType, 15) }
        for line in [14, 34, 38, 54, 62, 70, 114, 134, 186, 206, 218, 226, 254, 266, 274, 310, 326, 370, 390, 418, 430, 486] {
            table["test_packets.3:\(line)"] = (.truncated, 18)
        }
        for line in [22, 58, 158, 210, 258, 362, 394, 490] { table["test_packets.3:\(line)"] = (.badLabelType, 15) }
        for line in [42, 90, 194, 238, 278, 374, 434] { table["test_packets.3:\(line)"] = (.badLabelType, 77) }
        table["test_packets.5#3"] = (.badPointer, 12)
        table["test_packets.5#4"] = (.badPointer, 29)
        table["test_packets.5#6"] = (.badPointer, 29)
        table["test_packets.5#8"] = (.badPointer, 29)
        table["test_packets.8#1"] = (.truncated, 71)
        return table
    }()

    @Test func everyPacketParsesOrIsRejectedAsExpected() {
        var accepted = 0
        for packet in Self.packets {
            let owned: Result<Message, WireError> = Result { try Message(wire: packet.bytes) }.mapError { $0 as? WireError ?? WireError(.badText, at: -1) }
            let viewed: Result<MessageView, WireError> = Result { try MessageView(wire: packet.bytes) }.mapError { $0 as? WireError ?? WireError(.badText, at: -1) }
            switch (owned, viewed, Self.rejections[packet.description]) {
            case (.success(let message), .success(let view), nil):
                accepted += 1
                #expect(Message(view) == message, "\(packet): view differs")
                #expect(view.trailingByteCount == 0, "\(packet)")
            case (.failure(let error), .failure(let viewError), let expected?):
                #expect(error == viewError, "\(packet): the parsers disagree")
                #expect(error.code == expected.0 && error.offset == expected.1,
                        "\(packet): \(error), expected \(expected.0) at \(expected.1)")
            default:
                Issue.record("\(packet): Message \(owned), MessageView \(viewed), expected \(Self.rejections[packet.description].map { "\($0.0) at \($0.1)" } ?? "success")")
            }
        }
        #expect(accepted == 289 - Self.rejections.count)
        #expect(Self.rejections.count == 50)
    }

    @Test func everyParsedPacketReEncodesToTheSameMessage() throws {
        var checked = 0
        for packet in Self.packets {
            guard let message = try? Message(wire: packet.bytes) else { continue }
            let again = try Message(wire: message.wire())
            checked += 1
            // Includes test_packets.5 #9, whose two OPT records must come back in their order.
            #expect(again == message, "\(packet)")
            #expect(again.questions.map(\.name.wire) == message.questions.map(\.name.wire), "\(packet): case changed")
        }
        #expect(checked == 239)
    }

    @Test func largePacketsTruncateTo512WithTC() throws {
        // Unbound's testpkt: an answer over 512 octets re-encoded for 512 must fit and set TC when
        // records of the answer or authority sections were left out.
        var large = 0
        for packet in Self.packets {
            guard let message = try? Message(wire: packet.bytes), message.wire().count > 512 else { continue }
            large += 1
            let truncated = try Message(wire: message.wire(maxSize: 512))
            #expect(message.wire(maxSize: 512).count <= 512, "\(packet)")
            if truncated.answers.count < message.answers.count || truncated.authorities.count < message.authorities.count {
                #expect(truncated.header.isTruncated, "\(packet)")
            }
            #expect(truncated.edns == message.edns, "\(packet)")
        }
        #expect(large > 10)
    }

    @Test func doubleOPTPacketParsesWithTheFirstOPTAsEDNS() throws {
        let packet = try #require(Self.packets.first { $0.description == "test_packets.5#9" })
        let message = try Message(wire: packet.bytes)
        #expect(message.additionals.filter { $0.type == .opt }.map(\.ttl) == [0, 1])
        #expect(message.edns?.flags == 0)
    }

    @Test func pointerIntoTheHeaderReadsTheHeaderOctets() throws {
        // test_packets.5 #7, "bad compression pointer - to header": C004 lands on QDCOUNT's high
        // octet, 0, which DNSWire reads as the root name (any strictly backward pointer is allowed).
        let packet = try #require(Self.packets.first { $0.description == "test_packets.5#7" })
        #expect(try Message(wire: packet.bytes).answers.first?.name == .root)
    }

    @Test func tcpSegmentsCarryATKEYQuery() throws {
        // The 157-octet pcat lines: 12 octets of TCP header, a 2-octet length (143), the message.
        let segments = Self.packets.filter { Self.rejections[$0.description]?.1 == 77 }
        #expect(segments.count == 7)
        for segment in segments {
            #expect(segment.bytes.count == 157)
            #expect(Int(segment.bytes[12]) << 8 | Int(segment.bytes[13]) == 143, "\(segment)")
            let inner = try Message(wire: Array(segment.bytes[14...]))
            #expect(inner.questions.first?.type == .tkey, "\(segment)")
        }
    }
}

import DNSWire
import Testing
@testable import DNSZone

struct ZoneFileTests {
    /// RFC 8976 Appendix A.1–A.3 write relative names and are read with origin `example.`.
    static func appendixOrigin(_ name: String) throws -> DomainName? {
        name.hasPrefix("A.1") || name.hasPrefix("A.2") || name.hasPrefix("A.3") ? try DomainName("example.") : nil
    }

    static let appendixCounts: [String: Int] = [
        "A.1.Simple-EXAMPLE-Zone.zone": 6,
        "A.2.Complex-EXAMPLE-Zone.zone": 12,
        "A.3.EXAMPLE-Zone-with-multiple-digests.zone": 10,
        "A.4.The-URI.ARPA-Zone.zone": 35,
        "A.5.The-ROOT-SERVERS.NET-Zone.zone": 44,
        "repeated-ZONEMD-scheme-and-algorithm.zone": 5,
    ]

    /// RFC 8976 Appendix A zones parse completely.
    @Test(arguments: ZoneVectorFiles.list(ZoneVectorFiles.zonemd + "/ldns-25-ZONEMD", suffix: ".zone"))
    func rfc8976AppendixZonesParse(_ name: String) throws {
        let records = try ZoneParser.parseFile(ZoneVectorFiles.zonemd + "/ldns-25-ZONEMD/" + name, origin: try Self.appendixOrigin(name))
        #expect(records.count == Self.appendixCounts[name])
        print("\(name): \(records.count) records")
        #expect(records.count > 0)
        #expect(records.contains { $0.type == .soa })
        #expect(records.contains { $0.type == .zonemd })
    }

    @Test func everyAppendixZoneIsTested() {
        #expect(ZoneVectorFiles.list(ZoneVectorFiles.zonemd + "/ldns-25-ZONEMD/", suffix: ".zone") == Self.appendixCounts.keys.sorted())
    }

    /// The real root zone, with its published per-type counts.
    @Test func rootZoneParsesWithTheRightCounts() throws {
        let path = ZoneVectorFiles.zones + "/root.zone"
        guard let bytes = ZoneVectorFiles.read(path) else {
            Issue.record("missing \(path)")
            return
        }
        let clock = ContinuousClock()
        var counts: [RRType: Int] = [:]
        var total = 0
        let elapsed = try clock.measure {
            var parser = ZoneParser(text: bytes, file: path)
            while let record = try parser.next() {
                counts[record.type, default: 0] += 1
                total += 1
            }
        }
        print("root zone: \(total) records in \(elapsed)")
        #expect(total == 24_877)
        let expected: [RRType: Int] = [.a: 5938, .aaaa: 5643, .ns: 7577, .ds: 1483, .nsec: 1439, .rrsig: 2792, .dnskey: 3, .soa: 1, .zonemd: 1]
        #expect(counts == expected)
    }

    @Test func directivesAndInheritance() throws {
        let text = """
        $ORIGIN example.
        $TTL 1h
        @ IN SOA ns1 hostmaster ( 2024010101 ; serial
                  7200 3600 1w 300 )
          NS ns1
        ns1 300 A 192.0.2.1
            IN 600 AAAA 2001:db8::1
        txt CH TXT "a \\"quoted\\" string" unquoted \\065\\066
        gen TYPE65280 \\# 3 ABCDEF
        a2 A \\# 4 C0000201
        """
        var parser = ZoneParser(text: Array(text.utf8))
        var records: [ResourceRecord] = []
        while let record = try parser.next() { records.append(record) }
        #expect(records.count == 7)
        let origin = try DomainName("example.")
        #expect(records[0].name == origin && records[0].ttl == 3600 && records[0].type == .soa)
        #expect(records[1].name == origin && records[1].type == .ns)
        #expect(records[2].ttl == 300 && records[2].rdata == [192, 0, 2, 1])
        #expect(records[3].name == (try DomainName("ns1.example.")) && records[3].ttl == 600)
        #expect(records[4].class == .ch && records[4].rdata == [17] + Array("a \"quoted\" string".utf8) + [8] + Array("unquoted".utf8) + [2, 65, 66])
        #expect(records[5].type == RRType(65280) && records[5].rdata == [0xAB, 0xCD, 0xEF])
        #expect(records[6].rdata == [192, 0, 2, 1])
    }
}

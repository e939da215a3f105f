import DNSWire
import Testing
@testable import DNSZone

/// Types the Unbound vectors do not hold: text → records → text → records must be the identity,
/// and the printed text must be what the parser read.
struct TextRoundTripTests {
    static let samples = [
        "s.example.\t300\tIN\tSVCB\t1 svc.example. mandatory=alpn alpn=\"h2,h3\" port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AAEC ipv6hint=2001:db8::1 key65000=\"x\"",
        "s.example.\t300\tIN\tHTTPS\t0 alias.example.",
        "s.example.\t300\tIN\tHTTPS\t1 . alpn=\"h3\" no-default-alpn",
        "a.example.\t300\tIN\tA6\t64 ::1:2:3:4 prefix.example.",
        "a.example.\t300\tIN\tA6\t0 2001:db8::1",
        "m.example.\t300\tIN\tAMTRELAY\t10 1 3 relay.example.",
        "m.example.\t300\tIN\tAMTRELAY\t10 0 0 .",
        "m.example.\t300\tIN\tAMTRELAY\t10 0 2 2001:db8::2",
        "n.example.\t300\tIN\tNXT\tnext.example. A NS SOA MX",
        "k.example.\t300\tANY\tTKEY\tgss.example. 20240101000000 20240201000000 3 NOERROR 4 AAECAw== 0",
        "u.example.\t300\tIN\tURI\t10 1 \"https://example.com/a b\"",
        "d.example.\t300\tIN\tDOA\t0 1 2 \"image/png\" AAEC",
        "d.example.\t300\tIN\tDSYNC\tCDS 1 5359 ds.example.",
        "k.example.\t300\tIN\tKEY\t256 3 8 AwEAAQ==",
        "k.example.\t300\tIN\tSIG\tA 8 2 300 20240201000000 20240101000000 12345 example. AAEC",
        "t.example.\t300\tIN\tSMIMEA\t3 1 1 ABCDEF",
        "c.example.\t300\tIN\tCAA\t0 issue \"ca.example; x=\\\"y\\\"\"",
        "e.example.\t300\tIN\tEID\tABCD",
        "p.example.\t300\tIN\tNSAP-PTR\tfoo.example.",
        "r.example.\t300\tIN\tRESINFO\t\"qnamemin\" \"exterr=15-17\"",
        "w.example.\t300\tIN\tWALLET\t\"BTC\" \"abc\"",
        "x.example.\t300\tIN\tTYPE65280\t\\# 3 ABCDEF",
        "x.example.\t300\tCLASS42\tTXT\t\"chaos\"",
        "x.example.\t300\tIN\tUINFO\t\\# 0",
        "x.example.\t300\tIN\tTA\t1 8 2 ABCD",
        "c.example.\t300\tIN\tCSYNC\t1 3 A NS TYPE1234",
        "h.example.\t300\tIN\tHIP\t2 200100107B1A74DF365639CC39F1D578 AwEAAQ== rvs1.example. rvs2.example.",
    ]

    @Test(arguments: samples)
    func textRecordTextRecord(_ text: String) throws {
        var first = ZoneParser(text: Array(text.utf8))
        let record = try #require(try first.next())
        #expect(record.presentation == text)
        var second = ZoneParser(text: Array(record.presentation.utf8))
        #expect(try second.next() == record)
    }
}

/// STYLE rule 4: every prefix and one-octet corruption of the samples is parsed or refused, never a trap.
struct ZoneParserNoTrapTests {
    @Test func oneOctetCorruptionsNeverTrap() {
        let replacements: [UInt8] = Array(" \t\n\"\\();$@.-=,:0129aAzZ#".utf8) + [0, 0x7F, 0xFF]
        var parsed = 0, refused = 0
        for sample in TextRoundTripTests.samples {
            let bytes = Array(sample.utf8)
            for end in bytes.indices {
                var parser = ZoneParser(text: Array(bytes[..<end]), origin: .root, defaultTTL: 1)
                do {
                    while try parser.next() != nil { parsed += 1 }
                } catch {
                    refused += 1
                }
            }
            for index in bytes.indices {
                for replacement in replacements {
                    var corrupted = bytes
                    corrupted[index] = replacement
                    var parser = ZoneParser(text: corrupted, origin: .root, defaultTTL: 1)
                    do {
                        while let record = try parser.next() {
                            _ = record.presentation
                            parsed += 1
                        }
                    } catch {
                        refused += 1
                    }
                }
            }
        }
        #expect(parsed + refused > 10_000)
    }
}

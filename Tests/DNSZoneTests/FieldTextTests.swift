import DNSWire
import Testing
@testable import DNSZone
#if canImport(Glibc)
import Glibc
#endif

/// Text forms the printer never writes but zone files do: each must give the RDATA of the
/// canonical form.
struct FieldTextTests {
    static func rdata(_ line: String) throws -> [UInt8] {
        var parser = ZoneParser(text: Array(line.utf8), origin: try DomainName("example."), defaultTTL: 3600)
        return try parser.next()?.rdata ?? []
    }

    @Test(arguments: [
        // RFC 9460 §2.1: values quoted or not, keys in any order, keyNNNNN for known keys.
        ("s SVCB 1 . alpn=\"h2,h3\" port=443", "s SVCB 1 . port=\"443\" key1=h2,h3"),
        ("s HTTPS 1 . mandatory=alpn,ipv4hint alpn=h2 ipv4hint=192.0.2.1", "s HTTPS 1 . ipv4hint=192.0.2.1 alpn=\"h2\" mandatory=\"ipv4hint,alpn\""),
        // RFC 1876 §3: minutes, seconds and precisions may be left out.
        ("l LOC 52 N 4 E 0m", "l LOC 52 0 0.000 N 4 0 0 E 0.00m 1m 10000m 10m"),
        // RFC 4034 §3.2: times as seconds; base64 split by blanks; class and TTL in either order.
        ("r IN 60 RRSIG A 8 2 60 1700000000 20231114221320 1 example. AAEC AwQF", "r 60 CLASS1 RRSIG TYPE1 8 2 60 20231114221320 1700000000 1 @ AAECAwQF"),
        // RFC 5155 §3.3: "-" for no salt; TYPEnnn in bitmaps.
        ("n NSEC3 1 0 0 - 0123456789ABCDEF TYPE1 NS", "n NSEC3 1 0 0 - 0123456789abcdef A NS"),
        ("t TXT a b", "t TXT \"a\" \"b\""),
        ("m MX 10 mail", "m MX 10 mail.example."),
        ("z ZONEMD 1 1 1 ( AB CD\n EF )", "z ZONEMD 1 1 1 ABCDEF"),
        ("s SOA ns hm 1 1h 30m 1w 1d", "s SOA ns hm 1 3600 1800 604800 86400"),
    ])
    func equivalentTextGivesTheSameRData(_ pair: (String, String)) throws {
        #expect(try Self.rdata(pair.0) == Self.rdata(pair.1))
    }

    @Test func includeWhenAllowed() throws {
        let path = "/tmp/dnszone-include-\(getpid()).zone"
        guard let file = fopen(path, "wb") else { return }
        let included = "inner A 192.0.2.9\n"
        _ = included.withCString { fputs($0, file) }
        fclose(file)
        defer { unlink(path) }
        let text = "$INCLUDE \(path) sub.example.\nouter A 192.0.2.1\n"
        var parser = ZoneParser(text: Array(text.utf8), origin: try DomainName("example."), defaultTTL: 60,
                                limits: ZoneLimits(includeAllowed: true))
        var names: [String] = []
        while let record = try parser.next() { names.append(record.name.description) }
        // RFC 1035 §5.1: the included origin applies to the included file only.
        #expect(names == ["inner.sub.example.", "outer.example."])
    }
}

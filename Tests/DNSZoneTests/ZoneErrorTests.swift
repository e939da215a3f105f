import DNSWire
import Testing
@testable import DNSZone

/// Every error names the file, line and column of the offending token.
struct ZoneErrorTests {
    static func error(_ text: String, limits: ZoneLimits = .init()) -> ZoneError? {
        var parser = ZoneParser(text: Array(text.utf8), file: "test.zone", origin: try? DomainName("example."), defaultTTL: 3600, limits: limits)
        do {
            while try parser.next() != nil {}
            return nil
        } catch let error as ZoneError {
            return error
        } catch {
            return nil
        }
    }

    @Test func unknownType() {
        let error = Self.error("a A 192.0.2.1\nb   FOO 1 2\n")
        #expect(error?.code == .unknownType)
        #expect(error?.line == 2 && error?.column == 5)
        #expect(error?.file == "test.zone")
    }

    @Test func badTTL() {
        let error = Self.error("a 12x A 192.0.2.1\n")
        #expect(error?.code == .badTTL)
        #expect(error?.line == 1 && error?.column == 3)
        #expect(Self.error("a 4294967296 A 192.0.2.1\n")?.code == .badTTL)
    }

    @Test func unterminatedQuote() {
        let error = Self.error("a TXT \"ok\"\nb TXT \"never closed\n")
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.line == 2 && error?.column == 7)
    }

    @Test func unbalancedParentheses() {
        let open = Self.error("a A 192.0.2.1\n@ SOA ns hm ( 1 2 3 4 5\n")
        #expect(open?.code == .unbalancedParentheses)
        #expect(open?.line == 2 && open?.column == 13)
        let close = Self.error("a A 192.0.2.1 )\n")
        #expect(close?.code == .unbalancedParentheses)
        #expect(close?.line == 1 && close?.column == 15)
    }

    @Test func includeIsOffByDefault() {
        let error = Self.error("a A 192.0.2.1\n$INCLUDE other.zone\n")
        #expect(error?.code == .includeRefused)
        #expect(error?.line == 2 && error?.column == 1)
        #expect(error?.reason.contains("includeAllowed") == true)
    }

    @Test func recordCountLimit() {
        let error = Self.error("a A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\n", limits: ZoneLimits(maximumRecordCount: 2))
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 3 && error?.column == 1)
    }

    @Test func fileSizeLimit() {
        let error = Self.error("a A 192.0.2.1\n", limits: ZoneLimits(maximumFileSize: 4))
        #expect(error?.code == .limitExceeded)
    }

    @Test func badRDataNamesTheField() {
        let error = Self.error("a AAAA 192.0.2.1\n")
        #expect(error?.code == .badRData)
        #expect(error?.line == 1 && error?.column == 8)
        let generic = Self.error("a A \\# 5 C0000201\n")
        #expect(generic?.code == .badRData)
    }
}

import DNSWire
import Testing
@testable import DNSZone

/// RFC 9460 Appendix D, as dnspython ships it: `svcb_test_vectors.text` (presentation RDATA) and
/// `svcb_test_vectors.generic` (the same RDATA as `\# len hex`). Both are read by the zone tokenizer.
struct ServiceParameterVectorTests {
    static func entries(_ name: String) throws -> [ZoneEntry] {
        let path = ZoneVectorFiles.wireVectors + "/rthalley+dnspython/tests/" + name
        var tokenizer = ZoneTokenizer(bytes: ZoneVectorFiles.read(path) ?? [], file: name)
        var entries: [ZoneEntry] = []
        while let entry = try tokenizer.nextEntry() { entries.append(entry) }
        return entries
    }

    static func rdata(_ entry: ZoneEntry) throws -> [UInt8] {
        var parser = RDataTextParser(tokens: entry.tokens[...], origin: .root, file: "vector", entryLine: entry.line)
        return try parser.parse(type: .svcb)
    }

    @Test func appendixDTextGivesTheWireForm() throws {
        let texts = try Self.entries("svcb_test_vectors.text")
        let wires = try Self.entries("svcb_test_vectors.generic")
        #expect(texts.count == 10 && wires.count == 10)
        for (text, wire) in zip(texts, wires) {
            #expect(try Self.rdata(text) == Self.rdata(wire), "line \(text.line)")
        }
    }
}

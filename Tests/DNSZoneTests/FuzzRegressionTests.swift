import DNSWire
import Testing
@testable import DNSZone

/// Inputs the zone fuzzer (scripts/fuzz-zone) once broke: each must survive text → records →
/// text → records unchanged.
struct FuzzRegressionTests {
    static let directory = ZoneVectorFiles.testsDirectory + "/Vectors/fuzz-regressions/"

    static func records(_ text: [UInt8], origin: DomainName?, defaultTTL: UInt32?) throws -> [ResourceRecord] {
        var parser = ZoneParser(text: text, origin: origin, defaultTTL: defaultTTL)
        var records: [ResourceRecord] = []
        while let record = try parser.next() { records.append(record) }
        return records
    }

    @Test(arguments: ZoneVectorFiles.list(directory, suffix: ".zone"))
    func roundTrips(_ name: String) throws {
        let text = try #require(ZoneVectorFiles.read(Self.directory + name))
        let first = try Self.records(text, origin: try DomainName("example."), defaultTTL: 3600)
        #expect(!first.isEmpty)
        let printed = first.map(\.presentation).joined(separator: "\n") + "\n"
        let second = try Self.records(Array(printed.utf8), origin: nil, defaultTTL: nil)
        #expect(second.map(\.name.wire) == first.map(\.name.wire), "\(printed)")
        #expect(second == first, "\(printed)")
    }

    @Test func regressionsArePresent() {
        #expect(ZoneVectorFiles.list(Self.directory, suffix: ".zone").count >= 3)
    }
}

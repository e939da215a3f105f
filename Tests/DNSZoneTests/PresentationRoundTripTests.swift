import DNSWire
import Testing
@testable import DNSZone

/// Unbound's `test_ldnsrr.c1`–`c5` (wire hex, then text): every record parsed from wire, printed by
/// DNSWire, and read back by the zone parser must give the same RDATA octets, and print the same
/// text again (text → records → text → records is the identity).
struct PresentationRoundTripTests {
    static func wireRecords() -> [(String, ResourceRecord)] {
        var result: [(String, ResourceRecord)] = []
        for file in ["test_ldnsrr.c1", "test_ldnsrr.c2", "test_ldnsrr.c3", "test_ldnsrr.c4", "test_ldnsrr.c5"] {
            guard let bytes = ZoneVectorFiles.read(ZoneVectorFiles.wireVectors + "/NLnetLabs+unbound/testdata/" + file) else { continue }
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where !line.isEmpty {
                guard let wire = ZoneVectorFiles.bytes(hex: line), wire.count > 10,
                      let message = try? Message(wire: [0, 0, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0] + wire),
                      let record = message.answers.first else { continue }
                result.append(("\(file):\(index + 1)", record))
            }
        }
        return result
    }

    @Test func everyUnboundRecordRoundTripsThroughText() throws {
        let records = Self.wireRecords()
        #expect(records.count > 7_800)
        var failuresByType: [String: [String]] = [:]
        for (location, record) in records {
            let text = record.presentation
            var parser = ZoneParser(text: Array(text.utf8), file: location)
            do {
                guard let parsed = try parser.next() else {
                    failuresByType[record.type.description, default: []].append("\(location): no record from \(text)")
                    continue
                }
                if parsed.rdata != record.rdata || parsed.name != record.name || parsed.type != record.type
                    || parsed.class != record.class || parsed.ttl != record.ttl {
                    failuresByType[record.type.description, default: []].append("\(location): \(text)\n    reparsed \(parsed.presentation)")
                } else if parsed.presentation != text {
                    failuresByType[record.type.description, default: []].append("\(location): text differs: \(parsed.presentation)")
                }
            } catch {
                failuresByType[record.type.description, default: []].append("\(location): \(text)\n    \(error)")
            }
        }
        let failures = failuresByType.values.reduce(0) { $0 + $1.count }
        let summary = failuresByType.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.count)\n  " + $0.value.prefix(3).joined(separator: "\n  ") }
        let types = Set(records.map(\.1.type)).map(\.description).sorted()
        print("round trip: \(records.count) records of \(types.count) types, \(failures) failures: \(types.joined(separator: " "))")
        #expect(failures == 0, "\(failures) of \(records.count):\n\(summary.joined(separator: "\n"))")
    }
}

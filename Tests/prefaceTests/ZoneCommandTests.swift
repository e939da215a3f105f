import Foundation
import Testing

/// `preface zone` as a user runs it, on the shipped root zone and the RFC 8976 zones.
struct ZoneCommandTests {
    static func preface(_ arguments: [String]) throws -> DecodeCommandTests.Run {
        try DecodeCommandTests.preface(arguments)
    }

    /// The acceptance: verified and secure on August 1st…
    @Test func rootZonePassesInsideItsSignatureWindow() throws {
        let run = try Self.preface(["zone", "check", "Zones/root.zone", "--at", "20260801000000"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.output.contains("ZONEMD: verified (SHA384)"))
        #expect(run.output.contains("DNSSEC: secure: DNSKEY RRset signed by key 20326"))
        #expect(run.output.contains("verdict: PASS"))
    }

    /// …and expired, saying when, at any time after August 13th (the default is now).
    @Test(arguments: [[], ["--at", "20261125000000"]])
    func rootZoneIsStaleAfterItsSignaturesExpire(_ at: [String]) throws {
        let run = try Self.preface(["zone", "check", "Zones/root.zone"] + at)
        #expect(run.status == 1)
        #expect(run.output.contains("stale: the signatures used expired on 2026-08-13 20:00:00 UTC"))
        #expect(run.output.contains("verdict: FAIL"))
    }

    @Test func jsonCarriesTheVerdicts() throws {
        let run = try Self.preface(["zone", "check", "Zones/root.zone", "--at", "20260801000000", "--json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["serial"] as? Int == 2026073102)
        #expect((object["zonemd"] as? [String: Any])?["status"] as? String == "verified")
        #expect((object["dnssec"] as? [String: Any])?["anchoredKeyTags"] as? [Int] == [20326])
        #expect((object["freshness"] as? [String: Any])?["validUntil"] as? String == "2026-08-13 20:00:00 UTC")
        #expect(object["passed"] as? Bool == true)
    }

    /// `zone digest` prints the record RFC 8976 A.1 publishes.
    @Test func digestPrintsTheAppendixRecord() throws {
        let run = try Self.preface(["zone", "digest", "Zones/zonemd/ldns-25-ZONEMD/A.1.Simple-EXAMPLE-Zone.zone", "--origin", "example."])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.lowercased().contains("zonemd\t2018031900 1 1 c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c"))
    }

    /// `zone print` is canonical order, and what it prints reads back to the same digest.
    @Test func printIsCanonicalAndRoundTrips() throws {
        let run = try Self.preface(["zone", "print", "Zones/zonemd/ldns-25-ZONEMD/A.2.Complex-EXAMPLE-Zone.zone", "--origin", "example."])
        #expect(run.status == 0)
        let owners = run.lines.map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        #expect(owners.first == "example.")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("preface-print-\(getpid()).zone").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try run.output.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try Self.preface(["zone", "check", path])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func usageAndInputErrors() throws {
        #expect(try Self.preface(["zone", "check", "/nonexistent.zone"]).status == 2)
        #expect(try Self.preface(["zone", "check", "Zones/root.zone", "--at", "tomorrow"]).status == 2)
        let relative = try Self.preface(["zone", "check", "Zones/zonemd/ldns-25-ZONEMD/A.1.Simple-EXAMPLE-Zone.zone"])
        #expect(relative.status == 1)
        #expect(relative.error.contains("--origin"))
    }
}

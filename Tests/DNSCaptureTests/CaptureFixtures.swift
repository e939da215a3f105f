import DNSCapture
import Foundation

/// The real captures in `Captures/` (see /work/shared/data/README.md for provenance), found
/// relative to this file.
enum CaptureFixtures {
    static let capturesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DNSCaptureTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Captures")

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read capture \(path)" }
    }

    /// The bytes of `Captures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        let url = capturesDirectory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: path) }
        return [UInt8](data)
    }

    /// Reads and decodes `Captures/<path>`.
    static func decode(_ path: String, ports: Set<UInt16> = [53, 5353]) throws -> CaptureDecoding {
        try CaptureFile(bytes: bytes(path)).dnsMessages(ports: ports)
    }

    /// Every `.pcap` / `.pcapng` below `Captures/`, as paths relative to it, sorted.
    static func allCaptureFiles() -> [String] {
        let root = capturesDirectory.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let next = enumerator.nextObject() as? String {
            if next.hasSuffix(".pcap") || next.hasSuffix(".pcapng") { paths.append(next) }
        }
        return paths.sorted()
    }
}

/// The DNS message ID (first two octets), for comparing with `tshark -e dns.id`.
extension CapturedMessage {
    var dnsID: UInt16? {
        guard payload.count >= 2 else { return nil }
        return UInt16(payload[0]) << 8 | UInt16(payload[1])
    }
}

import Foundation

/// Signs test root zones the way the real root is signed (RFC 8976 ZONEMD SHA-384 scheme SIMPLE, NSEC,
/// a KSK and a ZSK), with ldns's own tools: `ldns-keygen`, then `ldns-signzone -z 1:1`. The KSK's
/// DNSKEY file is the trust anchor.
public struct RootSigner: Sendable {
    public let directory: String
    let keySigningKey: String
    let zoneSigningKey: String

    /// The trust anchor file (`K.+013+NNNNN.key`: the KSK's DNSKEY record).
    public var trustAnchorFile: String { directory + "/" + keySigningKey + ".key" }

    /// Makes a KSK and a ZSK (ECDSA P-256, algorithm 13) in `directory`.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        keySigningKey = try Self.run(["ldns-keygen", "-a", "ECDSAP256SHA256", "-k", "."], in: directory)
        zoneSigningKey = try Self.run(["ldns-keygen", "-a", "ECDSAP256SHA256", "."], in: directory)
    }

    /// Signs `text` (a root zone) into `path`, valid from `inception` to `expiration` (seconds since
    /// 1970); with `zonemd`, a ZONEMD SHA-384 record is added and signed.
    public func sign(_ text: String, to path: String, inception: UInt64, expiration: UInt64, zonemd: Bool = true) throws {
        let unsigned = path + ".unsigned"
        try text.write(toFile: unsigned, atomically: true, encoding: .utf8)
        var arguments = ["ldns-signzone", "-i", String(inception), "-e", String(expiration), "-f", path]
        if zonemd { arguments += ["-z", "1:1"] }
        _ = try Self.run(arguments + [unsigned, keySigningKey, zoneSigningKey], in: directory)
    }

    static func run(_ argv: [String], in directory: String) throws -> String {
        let outcome = ProcessRunner.run(["sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + argv, timeout: 60)
        guard outcome.status == 0 else {
            throw ScenarioError("\(argv.joined(separator: " ")) failed (\(outcome.status)): \(outcome.standardError) \(outcome.standardOutput)")
        }
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

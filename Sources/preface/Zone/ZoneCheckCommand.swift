import ArgumentParser
import DNSWire
import DNSZone

#if canImport(Glibc)
import Glibc
#endif

/// `preface zone check`.
struct ZoneCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a zone copy: ZONEMD digest, DNSSEC signatures and chain, freshness.",
        discussion: """
            Prints counts by type, the SOA, each ZONEMD record's verdict, the DNSSEC verdict and the \
            window in which every signature used is valid. For the root zone the trust anchor \
            defaults to Zones/root.key (or /usr/share/dns/root.key). Without a trust anchor a signed \
            zone is checked against its own secure-entry-point keys ("valid, not anchored").
            Exit status: 0 when the ZONEMD digest verifies, DNSSEC is secure (or the zone is unsigned \
            and no trust anchor was given) and the signatures are valid at --at; 1 otherwise; 2 for \
            usage or I/O errors.
            """
    )

    @OptionGroup var input: ZoneInput

    @Option(help: ArgumentHelp("DNSKEY or DS records (zone-file text) or IANA's root-anchors.xml.", valueName: "FILE"))
    var trustAnchor: String?

    @Option(help: ArgumentHelp("Validation time, YYYYMMDDHHMMSS in UTC, or now.", valueName: "TIME"))
    var at: String = "now"

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let time: UInt64
        if at == "now" {
            time = UInt64(max(0, Glibc.time(nil)))
        } else if let parsed = ZoneSignatureVerifier.time(at) {
            time = parsed
        } else {
            FileHandleOutput.standardError("preface zone check: --at \(at): give YYYYMMDDHHMMSS (UTC) or now")
            throw ExitStatus.usageOrIO
        }
        let zone = try input.load(command: "check")
        let anchorPath = trustAnchor ?? (zone.origin.isRoot ? ShippedFiles.locate("Zones/root.key") ?? "/usr/share/dns/root.key" : nil)
        var anchor: TrustAnchor?
        if let anchorPath {
            do {
                anchor = try TrustAnchor.load(path: anchorPath, at: UInt32(clamping: time))
            } catch {
                FileHandleOutput.standardError("preface zone check: trust anchor: \(error)")
                throw ExitStatus.usageOrIO
            }
            if let owner = anchor?.owner, owner != zone.origin {
                FileHandleOutput.standardError("preface zone check: the trust anchor \(anchorPath) is for \(owner), the zone is \(zone.origin)")
                throw ExitStatus.usageOrIO
            }
        }
        let check = ZoneCheck(zone: zone, trustAnchor: anchor, at: time)
        let report = ZoneCheckText(check: check, file: input.file, trustAnchorPath: anchorPath)
        print(json ? report.json : report.text, terminator: "")
        if !check.passed { throw ExitStatus.someInputFailed }
    }
}

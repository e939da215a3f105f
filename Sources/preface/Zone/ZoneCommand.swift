import ArgumentParser
import DNSWire
import DNSZone

#if canImport(Glibc)
import Glibc
#endif

/// `preface zone`: zone files — check (ZONEMD, DNSSEC, freshness), digest, print.
struct ZoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zone",
        abstract: "Check, digest and print zone files (RFC 1035 master files, RFC 8976 ZONEMD, DNSSEC).",
        subcommands: [ZoneCheckCommand.self, ZoneDigestCommand.self, ZonePrintCommand.self]
    )
}

/// Options every `zone` subcommand takes.
struct ZoneInput: ParsableArguments {
    @Argument(help: "The zone file.")
    var file: String

    @Option(help: ArgumentHelp("The zone's origin (default: the owner of the file's SOA; needed when the file uses relative names).",
                               valueName: "NAME"))
    var origin: String?

    @Flag(name: .customLong("include"), help: "Allow $INCLUDE (off by default: it reads other files).")
    var allowInclude = false

    /// Reads and models the zone. Exits 2 when the file cannot be read or the origin is bad, 1
    /// when the text is not a usable zone.
    func load(command: String) throws -> Zone {
        var limits = ZoneLimits()
        limits.includeAllowed = allowInclude
        let origin: DomainName?
        do {
            origin = try self.origin.map { try DomainName($0.hasSuffix(".") ? $0 : $0 + ".") }
        } catch {
            FileHandleOutput.standardError("preface zone \(command): --origin \(self.origin ?? ""): \(error)")
            throw ExitStatus.usageOrIO
        }
        do {
            let records = try ZoneParser.parseFile(file, origin: origin, limits: limits)
            guard let zoneOrigin = origin ?? records.first(where: { $0.type == .soa })?.name else {
                FileHandleOutput.standardError("preface zone \(command): \(file): no SOA record, so no origin; a zone starts with its SOA (RFC 1035 §5.2)")
                throw ExitStatus.someInputFailed
            }
            return try Zone(origin: zoneOrigin, records: records, file: file)
        } catch let error as ZoneError {
            FileHandleOutput.standardError("preface zone \(command): \(error)")
            if error.code == .missingContext && origin == nil {
                FileHandleOutput.standardError("preface zone \(command): the file uses relative names; give its origin with --origin")
            }
            throw error.code == .io ? ExitStatus.usageOrIO : ExitStatus.someInputFailed
        }
    }
}

/// `preface zone digest`.
struct ZoneDigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the ZONEMD record (RFC 8976, scheme 1 SIMPLE) the zone's content calls for.",
        discussion: "The apex ZONEMD RRset and its signatures are left out of the digest, as RFC 8976 §3.3.1 says, so the zone's current ZONEMD does not matter."
    )

    @OptionGroup var input: ZoneInput

    @Option(help: ArgumentHelp("sha384 or sha512.", valueName: "HASH"))
    var hash: String = "sha384"

    func run() throws {
        let algorithm: ZONEMDHashAlgorithm
        switch hash.lowercased() {
        case "sha384": algorithm = .sha384
        case "sha512": algorithm = .sha512
        default:
            FileHandleOutput.standardError("preface zone digest: --hash \(hash): give sha384 or sha512")
            throw ExitStatus.usageOrIO
        }
        let zone = try input.load(command: "digest")
        guard let record = ZoneDigest.record(for: zone, algorithm: algorithm) else { throw ExitStatus.usageOrIO }
        print(record.presentation)
    }
}

/// `preface zone print`.
struct ZonePrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print the zone in canonical order (RFC 4034 §6), duplicates removed.",
        discussion: "Out-of-zone records are left out and counted on standard error."
    )

    @OptionGroup var input: ZoneInput

    func run() throws {
        let zone = try input.load(command: "print")
        var output = ""
        for rrset in zone.rrsets {
            for record in rrset.records {
                output += record.presentation
                output += "\n"
                if output.utf8.count > 1 << 16 {
                    print(output, terminator: "")
                    output = ""
                }
            }
        }
        print(output, terminator: "")
        if !zone.outOfZone.isEmpty {
            FileHandleOutput.standardError("preface zone print: left out \(zone.outOfZone.count) records outside \(zone.origin)")
        }
    }
}

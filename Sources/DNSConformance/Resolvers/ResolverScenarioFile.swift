import DNSWire
import Foundation

extension ResolverScenario {
    /// The domain every scenario lives under (RFC 6761 §6.2 reserves `test.`).
    public static let parentDomain = "test."

    /// Reads a resolver `.scenario` file (format: `ResolverScenarios/README.md`). Errors name the
    /// file and line.
    public init(id: String, text: String, file: String = "") throws {
        let source = file.isEmpty ? id : file
        self.id = id
        title = id
        note = ""
        dnssecOK = false
        againAfter = nil
        zones = []
        domain = try Self.name(id + "." + Self.parentDomain, location: source)
        var question: Question?
        var expected: ExpectedAnswer?
        // Where record lines go: into zones[index], or into the expect block.
        enum Block { case none, zone(Int), expect }
        var block = Block.none
        // RRSIG shorthands of the expect block wait until every zone is known (for the signer).
        var expectLines: [(line: String, location: String)] = []

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let location = "\(source):\(index + 1)"
            let line = Scenario.withoutComment(rawLine).trimmingSpaces
            if line.isEmpty { continue }
            if let colon = line.firstIndex(of: ":"), Self.isKeyLine(line, colon: colon) {
                let key = String(line[..<colon])
                let value = String(line[line.index(after: colon)...]).trimmingSpaces
                let words = key.split(separator: " ").map(String.init)
                switch words.first ?? "" {
                case "title": title = value
                case "note": note = note.isEmpty ? value : note + " " + value
                case "query":
                    let fields = value.split(separator: " ").map(String.init)
                    guard fields.count == 2, let type = RRType(fields[1].uppercased()) else {
                        throw ScenarioError("\(location): query is \"NAME TYPE\", got \"\(value)\"")
                    }
                    question = Question(try Self.name(fields[0], in: domain, location: location), type)
                case "dnssec":
                    guard value == "yes" || value == "no" else { throw ScenarioError("\(location): dnssec is yes or no") }
                    dnssecOK = value == "yes"
                case "again-after":
                    guard let seconds = Double(value), seconds > 0, seconds <= 60 else {
                        throw ScenarioError("\(location): again-after takes seconds, 0 < s ≤ 60")
                    }
                    againAfter = seconds
                case "zone":
                    guard words.count == 2, value.isEmpty else { throw ScenarioError("\(location): a zone line is \"zone LABEL:\"") }
                    let origin = try Self.name(words[1], in: domain, location: location)
                    guard origin.parent == domain else {
                        throw ScenarioError("\(location): a zone is one label below the scenario's domain, got \"\(words[1])\"")
                    }
                    guard !zones.contains(where: { $0.origin == origin }) else { throw ScenarioError("\(location): zone \(words[1]) twice") }
                    zones.append(ScenarioZone(origin: origin, ordering: .chain, records: []))
                    block = .zone(zones.count - 1)
                case "order":
                    guard case .zone(let zoneIndex) = block else { throw ScenarioError("\(location): order: belongs inside a zone") }
                    guard let ordering = AnswerOrdering(rawValue: value) else {
                        let known = AnswerOrdering.allCases.map(\.rawValue).joined(separator: ", ")
                        throw ScenarioError("\(location): order is one of \(known), got \"\(value)\"")
                    }
                    zones[zoneIndex].ordering = ordering
                case "append":
                    guard case .zone(let zoneIndex) = block else { throw ScenarioError("\(location): append: belongs inside a zone") }
                    zones[zoneIndex].appended.append(try Self.record(value, domain: domain, signer: zones[zoneIndex].origin, location: location))
                case "expect":
                    guard words.count == 2, value.isEmpty, let rcode = Self.rcode(words[1]) else {
                        throw ScenarioError("\(location): the expect line is \"expect NOERROR:\" or \"expect NXDOMAIN:\"")
                    }
                    expected = ExpectedAnswer(rcode: rcode, answers: [])
                    block = .expect
                default:
                    throw ScenarioError("\(location): unknown key \"\(key)\"")
                }
                continue
            }
            switch block {
            case .none:
                throw ScenarioError("\(location): a record line outside a zone or expect block")
            case .zone(let zoneIndex):
                let zone = zones[zoneIndex]
                let record = try Self.record(line, domain: domain, signer: zone.origin, location: location)
                guard record.name.isSubdomain(of: zone.origin) else {
                    throw ScenarioError("\(location): \(record.name) is not in zone \(zone.origin)")
                }
                zones[zoneIndex].records.append(record)
            case .expect:
                expectLines.append((line, location))
            }
        }
        guard let question else { throw ScenarioError("\(source): no query: line") }
        guard var expected else { throw ScenarioError("\(source): no expect block") }
        guard !zones.isEmpty else { throw ScenarioError("\(source): no zone") }
        for (line, location) in expectLines {
            // An expected RRSIG is signed by the zone its owner is in.
            let owner = try Self.name(String(line.prefix { $0 != " " && $0 != "\t" }), in: domain, location: location)
            let signer = zones.last { owner.isSubdomain(of: $0.origin) }?.origin ?? domain
            expected.answers.append(try Self.record(line, domain: domain, signer: signer, location: location))
        }
        self.question = question
        self.expected = expected
    }

    /// `key:` or `key word:` (zone, expect), not a record whose RDATA holds a colon (AAAA).
    private static func isKeyLine(_ line: String, colon: String.Index) -> Bool {
        let key = line[..<colon].split(separator: " ")
        guard let first = key.first else { return false }
        if key.count == 1 { return !first.contains(".") }
        return key.count == 2 && (first == "zone" || first == "expect")
    }

    static func rcode(_ text: String) -> RCode? {
        switch text.uppercased() {
        case "NOERROR": .noError
        case "NXDOMAIN": .nxDomain
        case "SERVFAIL": .servFail
        default: nil
        }
    }

    /// `name` relative to `domain` (`@` is `domain`); a name ending in `.` is absolute.
    static func name(_ text: String, in domain: DomainName, location: String) throws -> DomainName {
        if text == "@" { return domain }
        do {
            return try DomainName(text, origin: domain)
        } catch {
            throw ScenarioError("\(location): bad name \"\(text)\": \(error)")
        }
    }

    static func name(_ text: String, location: String) throws -> DomainName {
        do { return try DomainName(text) } catch { throw ScenarioError("\(location): bad name \"\(text)\": \(error)") }
    }

    /// `owner ttl TYPE rdata` (class IN). `RRSIG TYPE` is a fake signature over that RRset, signed
    /// by `signer`; other types as in stub scenarios (A, AAAA, CNAME, DNAME, or `\# len hex`).
    static func record(_ line: String, domain: DomainName, signer: DomainName, location: String) throws -> ResourceRecord {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 4, let ttl = UInt32(fields[1]), let type = RRType(fields[2].uppercased()) else {
            throw ScenarioError("\(location): a record is \"owner ttl TYPE rdata\", got \"\(line)\"")
        }
        let owner = try name(fields[0], in: domain, location: location)
        if type == .rrsig, fields.count == 4, fields[3] != "\\#" {
            guard let covered = RRType(fields[3].uppercased()) else { throw ScenarioError("\(location): RRSIG covers a type, got \(fields[3])") }
            return FakeSignature.record(owner: owner, ttl: ttl, covered: covered, signer: signer)
        }
        do {
            let rdata = try ScenarioRecord.rdata(type, Array(fields[3...]), zone: domain)
            return try ResourceRecord(name: owner, type: type, ttl: ttl, checkedRData: rdata)
        } catch let error as ScenarioError {
            throw ScenarioError("\(location): \(error.description)")
        } catch {
            throw ScenarioError("\(location): bad \(type) RDATA: \(error)")
        }
    }
}

/// The resolver scenarios of a folder, in file-name order.
public enum ResolverScenarioFiles {
    /// The shipped `ResolverScenarios` folder: the bundle resource once Package.swift declares it,
    /// else the folder beside this source file (a development build).
    public static func bundledDirectory() throws -> String {
        if let url = Bundle.module.url(forResource: "ResolverScenarios", withExtension: nil) { return url.path }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ResolverScenarios")
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw ScenarioError("the ResolverScenarios folder is missing from this build; pass --scenario-directory")
        }
        return source.path
    }

    /// Every `*.scenario` file in `directory`, in file-name order.
    public static func load(_ directory: String) throws -> [ResolverScenario] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".scenario") }.sorted()
        guard !names.isEmpty else { throw ScenarioError("no .scenario file in \(directory)") }
        return try names.map { name in
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            return try ResolverScenario(id: String(name.dropLast(".scenario".count)), text: text, file: name)
        }
    }
}

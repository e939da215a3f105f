import DNSWire

/// One ordering experiment, read from a `.scenario` file (format: `Scenarios/README.md`).
public struct Scenario: Sendable, Hashable {
    /// The file name without `.scenario`, e.g. `cnames-after-addresses`.
    public var id: String
    public var title: String
    public var note: String
    /// The name the subjects resolve, relative to the scenario's zone.
    public var query: String
    /// The answer section, in exactly this order, for A and AAAA queries. When only one list is
    /// given (`answer:`), it serves both types and the scenario has an A and an AAAA flavour.
    public var answers: [RRType: [ScenarioRecord]]
    /// The `ADDRESS n` numbers a correct client returns, per type.
    public var expected: [RRType: [Int]]
    /// Whether one `answer:` list serves both types (two flavours) or each type has its own (one case).
    public var sharedAnswer: Bool
}

/// A record line of a scenario, before the zone and address family are known.
public struct ScenarioRecord: Sendable, Hashable {
    public enum Data: Sendable, Hashable {
        /// `ADDRESS n`: 192.0.2.n in A answers, 2001:db8::n in AAAA answers.
        case address(Int)
        /// Anything else: type and RDATA in presentation form (`CNAME cdn`, `TYPE65280 \# 2 0102`).
        case other(RRType, [String])
    }

    /// Owner relative to the zone (`@` for the apex); an owner ending in `.` is absolute.
    public var owner: String
    public var ttl: UInt32
    public var data: Data
}

/// A scenario in one flavour: what the scripted responder answers and what a correct client returns.
public struct ScenarioCase: Sendable, Hashable {
    public enum Flavour: String, Sendable, Hashable {
        case a = "A", aaaa = "AAAA", both = "A+AAAA"
    }

    public var scenario: Scenario
    public var flavour: Flavour
    /// `<scenario id>-<flavour>.conform.test.`
    public var zone: DomainName
    public var queryName: DomainName

    /// The case's identifier in reports and `--scenarios`: `cnames-after-addresses/A`.
    public var id: String { "\(scenario.id)/\(flavour.rawValue)" }
    public var title: String { "\(scenario.title) (\(flavour.rawValue))" }

    /// The record types whose order this case scripts (the other type is answered in chain order).
    public var scriptedTypes: Set<RRType> {
        switch flavour {
        case .a: [.a]
        case .aaaa: [.aaaa]
        case .both: [.a, .aaaa]
        }
    }

    /// The answer section for a query of `type` at the query name, in the order served.
    public func answer(for type: RRType) throws -> [ResourceRecord] {
        let template = scenario.answers[type] ?? scenario.answers[.a] ?? []
        let records = try template.compactMap { try $0.resourceRecord(zone: zone, addressType: type) }
        if scriptedTypes.contains(type) { return records }
        // The type this flavour does not script: the same records in chain order, nothing off the chain.
        let chain = try AnswerChain(question: Question(queryName, type), records: records)
        return chain.chain + chain.answers
    }

    /// The addresses a correct client returns for `type`.
    public func expectedAddresses(for type: RRType) -> [String] {
        let numbers = scenario.expected[type] ?? scenario.expected[.a] ?? []
        return numbers.map { ScenarioRecord.address($0, type: type) }
    }

    /// Every scenario in its flavours.
    public static func cases(of scenario: Scenario) throws -> [ScenarioCase] {
        let flavours: [Flavour] = scenario.sharedAnswer ? [.a, .aaaa] : [.both]
        return try flavours.map { flavour in
            let zone = try DomainName("\(scenario.id)-\(flavour == .both ? "both" : flavour.rawValue.lowercased()).conform.test.")
            return ScenarioCase(scenario: scenario, flavour: flavour, zone: zone,
                                queryName: try DomainName(scenario.query, origin: zone))
        }
    }
}

extension ScenarioRecord {
    static func address(_ number: Int, type: RRType) -> String {
        type == .aaaa ? "2001:db8::\(String(number, radix: 16))" : "192.0.2.\(number)"
    }

    /// The record for `zone`; `ADDRESS` becomes `addressType`. Types other than A/AAAA/CNAME/DNAME
    /// need the generic `\# len hex` form.
    func resourceRecord(zone: DomainName, addressType: RRType) throws -> ResourceRecord? {
        let name = owner == "@" ? zone : try DomainName(owner, origin: zone)
        switch data {
        case .address(let number):
            let text = Self.address(number, type: addressType)
            let octets = addressType == .aaaa ? IPv6Address(text)?.octets : IPv4Address(text)?.octets
            guard let octets else { throw ScenarioError("address \(number) does not fit \(addressType)") }
            return ResourceRecord(name: name, type: addressType, ttl: ttl, rdata: octets)
        case .other(let type, let fields):
            return ResourceRecord(name: name, type: type, ttl: ttl, rdata: try Self.rdata(type, fields, zone: zone))
        }
    }

    static func rdata(_ type: RRType, _ fields: [String], zone: DomainName) throws -> [UInt8] {
        if fields.first == "\\#" {
            guard fields.count >= 2, let length = Int(fields[1]) else { throw ScenarioError("\\# needs a length") }
            let hex = fields.dropFirst(2).joined()
            var octets: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
                guard let octet = UInt8(hex[index..<next], radix: 16) else { throw ScenarioError("bad hex \(hex)") }
                octets.append(octet)
                index = next
            }
            guard octets.count == length else { throw ScenarioError("\\# \(length) but \(octets.count) octets") }
            return octets
        }
        switch type {
        case .cname, .dname:
            guard fields.count == 1 else { throw ScenarioError("\(type) takes one name") }
            return try DomainName(fields[0], origin: zone).wire
        case .a:
            guard fields.count == 1, let address = IPv4Address(fields[0]) else { throw ScenarioError("bad A \(fields)") }
            return address.octets
        case .aaaa:
            guard fields.count == 1, let address = IPv6Address(fields[0]) else { throw ScenarioError("bad AAAA \(fields)") }
            return address.octets
        default:
            throw ScenarioError("\(type) needs the generic form: \(type) \\# <length> <hex>")
        }
    }
}

/// A scenario file that cannot be read: says which file and line.
public struct ScenarioError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

import Crypto
import DNSWire

/// Checks that a signed zone's authenticated denial of existence is complete: an NSEC chain
/// (RFC 4034 §4, RFC 4035 §2.3) or an NSEC3 chain (RFC 5155 §7.1) through every name the zone is
/// authoritative for, each with the right type bitmap.
struct DenialChain {
    let zone: Zone

    /// NSEC3 iterations beyond which the chain is not checked: each name costs iterations + 1
    /// SHA-1 runs, and RFC 9276 §3.2 lets validators treat high counts as insecure.
    static let maximumIterations: UInt16 = 500

    struct Result {
        var failures: [ZoneSignatureReport.Failure] = []
        var summary: String
    }

    /// A name the chain must cover, with the types the zone serves there.
    private struct Node {
        var name: DomainName
        var types: Set<RRType>
        /// A delegation without DS: NSEC3 opt-out may skip it (RFC 5155 §6).
        var isInsecureDelegation: Bool
    }

    func verify() -> Result {
        let nodes = authoritativeNodes()
        if zone.rrset(zone.origin, .nsec3param) != nil { return verifyNSEC3(nodes) }
        if zone.rrsets.contains(where: { $0.type == .nsec }) { return verifyNSEC(nodes) }
        var result = Result(summary: "none")
        result.failures.append(.init(name: zone.origin, type: .nsec, reason: "the zone is signed but has neither NSEC records nor an NSEC3PARAM record"))
        return result
    }

    /// Names with authoritative data or a delegation, in canonical order; NSEC3 owners (hashed
    /// names holding only NSEC3 and its RRSIGs) are not names of the zone's namespace.
    private func authoritativeNodes() -> [Node] {
        var nodes: [Node] = []
        for (index, rrset) in zone.rrsets.enumerated() {
            let authority = zone.authorities[index]
            guard authority == .authoritative || authority == .delegation else { continue }
            if let last = nodes.last, last.name == rrset.name {
                nodes[nodes.count - 1].types.insert(rrset.type)
            } else {
                nodes.append(Node(name: rrset.name, types: [rrset.type], isInsecureDelegation: false))
            }
        }
        return nodes.compactMap { node in
            var node = node
            if node.types.isSubset(of: [.nsec3, .rrsig]) { return nil }
            node.isInsecureDelegation = node.types.contains(.ns) && node.name != zone.origin && !node.types.contains(.ds)
            return node
        }
    }

    private func failure(_ name: DomainName, _ type: RRType, _ reason: String) -> ZoneSignatureReport.Failure {
        .init(name: name, type: type, reason: reason)
    }

    private func describe(_ types: Set<RRType>) -> String {
        types.sorted { $0.rawValue < $1.rawValue }.map(\.description).joined(separator: " ")
    }

    // MARK: NSEC

    private func verifyNSEC(_ nodes: [Node]) -> Result {
        var result = Result(summary: "NSEC, \(nodes.count) names")
        let chainNames = Set(nodes.map(\.name))
        for (index, node) in nodes.enumerated() {
            guard let rrset = zone.rrset(node.name, .nsec), let record = rrset.records.first else {
                result.failures.append(failure(node.name, .nsec, "no NSEC record: the chain is broken here"))
                continue
            }
            guard rrset.records.count == 1, let nsec = try? record.view(as: NSEC.self) else {
                result.failures.append(failure(node.name, .nsec, "expected one well-formed NSEC record, found \(rrset.records.count)"))
                continue
            }
            let next = nodes[(index + 1) % nodes.count].name
            if nsec.nextName != next {
                result.failures.append(failure(node.name, .nsec, "next name is \(nsec.nextName), but the next name in the zone is \(next)"))
            }
            // RFC 4034 §4.1.2: the bitmap lists the types present, NSEC and RRSIG included; at a
            // cut, only NS and the parent's own data (DS, NSEC, RRSIG).
            let listed = Set(nsec.types)
            if listed != node.types {
                result.failures.append(failure(node.name, .nsec, bitmapMismatch(listed: listed, expected: node.types)))
            }
        }
        for rrset in zone.rrsets where rrset.type == .nsec && !chainNames.contains(rrset.name) {
            result.failures.append(failure(rrset.name, .nsec, "NSEC at a name the zone is not authoritative for"))
        }
        return result
    }

    private func bitmapMismatch(listed: Set<RRType>, expected: Set<RRType>) -> String {
        var parts: [String] = []
        let missing = expected.subtracting(listed)
        let extra = listed.subtracting(expected)
        if !missing.isEmpty { parts.append("missing \(describe(missing))") }
        if !extra.isEmpty { parts.append("lists absent \(describe(extra))") }
        return "type bitmap is wrong: " + parts.joined(separator: ", ")
    }

    // MARK: NSEC3

    private func verifyNSEC3(_ allNodes: [Node]) -> Result {
        guard let paramRecord = zone.rrset(zone.origin, .nsec3param)?.records.first,
              let parameters = try? paramRecord.view(as: NSEC3PARAM.self) else {
            return Result(failures: [failure(zone.origin, .nsec3param, "malformed NSEC3PARAM")], summary: "NSEC3")
        }
        // RFC 5155 §11: SHA-1 is the only hash algorithm defined.
        guard parameters.hashAlgorithm.rawValue == 1 else {
            return Result(failures: [failure(zone.origin, .nsec3param, "NSEC3 hash algorithm \(parameters.hashAlgorithm.rawValue) is not supported")],
                          summary: "NSEC3")
        }
        guard parameters.iterations <= Self.maximumIterations else {
            return Result(failures: [failure(zone.origin, .nsec3param, "\(parameters.iterations) NSEC3 iterations is over DenialChain.maximumIterations (\(Self.maximumIterations), RFC 9276 §3.2)")],
                          summary: "NSEC3")
        }
        var result = Result(summary: "")
        // The NSEC3 records by hash, checked against the parameters.
        var chain: [(hash: [UInt8], owner: DomainName, nsec3: NSEC3)] = []
        var optOut = false
        for rrset in zone.rrsets where rrset.type == .nsec3 {
            guard let label = rrset.name.labels.first, rrset.name.parent == zone.origin,
                  let hash = ZoneText.base32Hex(label.map { $0 | 0x20 }), let record = rrset.records.first,
                  rrset.records.count == 1, let nsec3 = try? record.view(as: NSEC3.self) else {
                result.failures.append(failure(rrset.name, .nsec3, "not a well-formed NSEC3 record at a hashed name directly below the zone"))
                continue
            }
            if nsec3.hashAlgorithm != parameters.hashAlgorithm || nsec3.iterations != parameters.iterations || nsec3.salt != parameters.salt {
                result.failures.append(failure(rrset.name, .nsec3, "hash parameters differ from the NSEC3PARAM's"))
            }
            optOut = optOut || nsec3.isOptOut
            chain.append((hash, rrset.name, nsec3))
        }
        chain.sort { $0.hash.lexicographicallyPrecedes($1.hash) }
        for (index, link) in chain.enumerated() where link.nsec3.nextHashedOwner != chain[(index + 1) % chain.count].hash {
            result.failures.append(failure(link.owner, .nsec3, "next hashed owner does not point at the next NSEC3 in hash order"))
        }
        // What must be covered: every authoritative name, every empty non-terminal on the way to
        // one, and — unless opt-out — every delegation and every empty non-terminal (RFC 5155 §7.1).
        var expected: [[UInt8]: (name: DomainName, types: Set<RRType>, required: Bool)] = [:]
        let names = Set(allNodes.map(\.name))
        func add(_ name: DomainName, _ types: Set<RRType>, required: Bool) {
            let hash = Self.hash(name, parameters)
            if let existing = expected[hash] {
                expected[hash] = (existing.name, existing.types, existing.required || required)
            } else {
                expected[hash] = (name, types, required)
            }
        }
        for node in allNodes {
            var types = node.types
            types.remove(.nsec3)
            let required = !(optOut && node.isInsecureDelegation)
            add(node.name, types, required: required)
            var ancestor = node.name.parent
            while let name = ancestor, name != zone.origin, name.isSubdomain(of: zone.origin) {
                if !names.contains(name) { add(name, [], required: required) }
                ancestor = name.parent
            }
        }
        let present = Dictionary(chain.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
        for (hash, entry) in expected.sorted(by: { DomainName.canonicalOrder($0.value.name, $1.value.name) < 0 }) {
            guard let link = present[hash] else {
                if entry.required {
                    result.failures.append(failure(entry.name, .nsec3, "no NSEC3 record for this name: the chain is incomplete"))
                }
                continue
            }
            let listed = Set(link.nsec3.types)
            if listed != entry.types {
                result.failures.append(failure(entry.name, .nsec3, bitmapMismatch(listed: listed, expected: entry.types)))
            }
        }
        for link in chain where expected[link.hash] == nil {
            result.failures.append(failure(link.owner, .nsec3, "matches no name of the zone"))
        }
        result.summary = "NSEC3 (\(parameters.iterations) iterations\(optOut ? ", opt-out" : "")), \(chain.count) hashed names"
        return result
    }

    /// RFC 5155 §5: IH(salt, x, 0) = H(x ‖ salt); IH(salt, x, k) = H(IH(salt, x, k−1) ‖ salt),
    /// over the canonical (lower-case) wire form of the name.
    static func hash(_ name: DomainName, _ parameters: NSEC3PARAM) -> [UInt8] {
        var digest = Array(Insecure.SHA1.hash(data: name.lowercased().wire + parameters.salt))
        for _ in 0..<parameters.iterations {
            digest = Array(Insecure.SHA1.hash(data: digest + parameters.salt))
        }
        return digest
    }
}

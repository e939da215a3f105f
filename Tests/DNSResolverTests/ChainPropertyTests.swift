import DNSConformance
import DNSResolver
import DNSWire
import Testing

/// Random chain graphs: 1–8 CNAME hops spread over 1–3 zones, random TTLs, each zone's server laying
/// out its answers in a random wrong order, the chain ending in addresses, NXDOMAIN or NODATA; then
/// queries at random times on the injected clock, so any hop may have expired. Every response must
/// satisfy the invariant (checked by the harness) and equal the reference walk of the generated chain.
struct ChainPropertyTests {
    /// SplitMix64: a seeded generator, so a failure names the seed that reproduces it.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    enum Ending: CaseIterable { case addresses, nameError, noData }

    struct Graph {
        var text: String
        var queryName: String
        var rcode: RCode
    }

    static func graph(_ generator: inout SeededGenerator, id: String) -> Graph {
        let hops = Int.random(in: 1...8, using: &generator)
        let zoneLabels = Array(["a", "b", "c"].prefix(Int.random(in: 1...3, using: &generator)))
        let names = (0...hops).map { "n\($0).\(zoneLabels.randomElement(using: &generator) ?? "a")" }
        var zoneRecords: [String: [String]] = [:]
        var expected: [String] = []
        for index in 0..<hops {
            let line = "\(names[index]) \(UInt32.random(in: 1...900, using: &generator)) CNAME \(names[index + 1])"
            zoneRecords[zone(of: names[index]), default: []].append(line)
            expected.append(line)
        }
        let ending = Ending.allCases.randomElement(using: &generator) ?? .addresses
        let last = names[hops]
        var rcode = RCode.noError
        switch ending {
        case .addresses:
            let ttl = UInt32.random(in: 1...900, using: &generator)
            for octet in 1...Int.random(in: 1...3, using: &generator) {
                let line = "\(last) \(ttl) A 192.0.2.\(octet)"
                zoneRecords[zone(of: last), default: []].append(line)
                expected.append(line)
            }
        case .nameError:
            rcode = .nxDomain
        case .noData:
            zoneRecords[zone(of: last), default: []].append("\(last) 60 TYPE65280 \\# 2 ABCD")
        }
        var text = "query: \(names[0]) A\n"
        for label in zoneLabels {
            text += "zone \(label):\n"
            if let order = AnswerOrdering.allCases.randomElement(using: &generator), order != .chain { text += "order: \(order.rawValue)\n" }
            if Bool.random(using: &generator) { text += "append: other.\(label) 60 A 192.0.2.99\n" }
            text += (zoneRecords[label] ?? []).joined(separator: "\n") + "\n"
        }
        text += "expect \(rcode):\n" + expected.joined(separator: "\n") + "\n"
        return Graph(text: text, queryName: "\(names[0]).\(id).test.", rcode: rcode)
    }

    static func zone(of name: String) -> String { String(name.split(separator: ".").last ?? "a") }

    @Test(arguments: 0..<40)
    func everyResponseIsTheReferenceWalkInOrder(_ seed: UInt64) async throws {
        var generator = SeededGenerator(state: seed)
        let id = "g\(seed)"
        let graph = Self.graph(&generator, id: id)
        let scenario = try ResolverScenario(id: id, text: graph.text)
        let harness = try ResolverHarness(scenarios: [scenario])
        // Authority refuses a scenario whose expect block is not what the zones give: the reference walk
        // written by the generator agrees with the authoritative servers' own.
        let reference = scenario.expected
        for step in 0..<8 {
            let response = try await harness.ask(try DomainName(graph.queryName), .a)
            #expect(response.rcode == graph.rcode, "seed \(seed) step \(step)\n\(graph.text)")
            #expect(response.answers.withoutTTLs == reference.answers.withoutTTLs,
                    "seed \(seed) step \(step): \(response.answers.map(\.compactPresentation))\n\(graph.text)")
            for (got, original) in zip(response.answers, reference.answers) { #expect(got.ttl <= original.ttl) }
            harness.clock.advance(seconds: Double(Int.random(in: 0...400, using: &generator)))
        }
    }
}

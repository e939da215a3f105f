import DNSConformance
import DNSResolver
import DNSWire
import Testing

/// Every resolver scenario of the conformance runner (partial expiry, reordered upstreams, cross-zone
/// chains, DNAME, unknown types, NXDOMAIN/NODATA, RRSIG placement, off-chain records), resolved against
/// in-memory copies of the runner's authoritative servers: cold, warm, and after partial expiry the
/// answer is the truth the zones give, in invariant order.
struct ScenarioResolutionTests {
    static let scenarios: [ResolverScenario] = (try? ResolverHarness.bundledScenarios()) ?? []

    @Test func scenariosAreBundled() {
        #expect(Self.scenarios.count >= 13)
    }

    @Test(arguments: scenarios)
    func coldWarmAndExpired(_ scenario: ResolverScenario) async throws {
        let harness = try ResolverHarness(scenarios: [scenario])
        let truth = harness.authority.truth(for: scenario.question, dnssecOK: scenario.dnssecOK)
        let name = scenario.question.name, type = scenario.question.type

        let cold = try await harness.ask(name, type, dnssecOK: scenario.dnssecOK)
        #expect(cold.rcode == truth.rcode)
        #expect(cold.answers.withoutTTLs == truth.answers.withoutTTLs, "cold: \(cold.answers.map(\.compactPresentation))")
        for (got, expected) in zip(cold.answers, truth.answers) { #expect(got.ttl <= expected.ttl) }

        harness.transport.clearLog()
        let warm = try await harness.ask(name, type, dnssecOK: scenario.dnssecOK)
        #expect(harness.transport.log.isEmpty, "a warm answer needs no upstream query")
        #expect(warm.rcode == truth.rcode)
        #expect(warm.answers.withoutTTLs == truth.answers.withoutTTLs)

        if let wait = scenario.againAfter {
            harness.clock.advance(seconds: wait)
            harness.transport.clearLog()
            let again = try await harness.ask(name, type, dnssecOK: scenario.dnssecOK)
            #expect(again.rcode == truth.rcode)
            #expect(again.answers.withoutTTLs == truth.answers.withoutTTLs, "after \(wait) s: \(again.answers.map(\.compactPresentation))")
            // Only the expired final RRset is fetched again: the cached CNAMEs are not asked for.
            #expect(!harness.transport.log.isEmpty)
            #expect(harness.transport.log.allSatisfy { $0.question.type == type })
        }
    }
}

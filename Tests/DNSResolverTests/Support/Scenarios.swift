import DNSConformance
import DNSWire

/// Scenarios written inline, in the conformance runner's scenario format
/// (`Sources/DNSConformance/ResolverScenarios/README.md`).
enum InlineScenario {
    static func make(_ id: String, _ text: String) throws -> ResolverScenario {
        try ResolverScenario(id: id, text: text)
    }

    /// `www.c`: a CNAME to `srv.c` (TTL 3600), whose A RRset lives 2 s.
    static func chain() throws -> ResolverScenario {
        try make("chain", """
        query: www.c A
        zone c:
        www.c 3600 CNAME mid.c
        mid.c 3600 CNAME srv.c
        srv.c 2 A 192.0.2.1
        srv.c 2 A 192.0.2.2
        expect NOERROR:
        www.c 3600 CNAME mid.c
        mid.c 3600 CNAME srv.c
        srv.c 2 A 192.0.2.1
        srv.c 2 A 192.0.2.2
        """)
    }
}

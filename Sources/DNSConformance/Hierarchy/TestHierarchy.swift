import DNSWire

/// A small authoritative DNS tree for resolver tests, served by real authoritative servers
/// (`NSDHierarchy`): a root, two TLDs and the zones below them, each zone on a loopback address of its
/// own so that a resolver must follow real referrals.
///
/// | address | zones |
/// |---|---|
/// | .1 | `.` (root server `a.root-servers.test.`) |
/// | .2 | `test.` |
/// | .3 | `example.test.` |
/// | .4 | `cdn.test.` |
/// | .5 | `alt.` |
/// | .6 | `far.alt.` |
/// | .7 | `noglue.test.` (its server's name is in `example.test.`, so `test.` has no glue for it) |
/// | .8 | `half.test.` (second server; the first, on .3, does not serve it: partly lame) |
///
/// What it holds, for the tests: `www.example.test.` → `www.cdn.test.` → `edge.far.alt.` (CNAMEs
/// TTL 3600 across three zones and two TLDs, final A RRset TTL 2); `legacy.example.test. DNAME
/// cdn.test.`; `*.wild.example.test.`; `big.example.test.` TXT too big for 1232 octets of UDP;
/// `unknown.example.test. TYPE65280`; `lame.test.` delegated to a server that does not serve it;
/// NXDOMAIN and NODATA everywhere.
public struct TestHierarchy: Sendable {
    public struct Server: Sendable {
        public var address: String
        /// Zone origin (absolute, text) → master-file text.
        public var zones: [(origin: String, text: String)]
    }

    public var servers: [Server]
    /// The first three octets of every address (`127.60.0`).
    public var network: String

    /// The query name of the multi-hop chain and the names along it.
    public static let chainName = "www.example.test."
    public static let chain = ["www.example.test.", "www.cdn.test.", "edge.far.alt."]
    public static let chainAddresses = ["192.0.2.10", "192.0.2.11"]

    public init(network: String = "127.60.0") {
        self.network = network
        func address(_ host: Int) -> String { "\(network).\(host)" }
        func zone(_ origin: String, ns: [String], _ body: String) -> (String, String) {
            let nsLines = ns.map { "@ 86400 IN NS \($0)" }.joined(separator: "\n")
            return (origin, """
            $ORIGIN \(origin)
            $TTL 3600
            @ 3600 IN SOA \(ns.first ?? "ns.invalid.") hostmaster.\(origin == "." ? "" : origin) 1 3600 600 86400 300
            \(nsLines)
            \(body)

            """)
        }
        let bigTXT = (1...20).map { "big 300 IN TXT \"record \($0): \(String(repeating: "x", count: 80))\"" }.joined(separator: "\n")
        servers = [
            Server(address: address(1), zones: [zone(".", ns: ["a.root-servers.test."], """
            a.root-servers.test. 86400 IN A \(address(1))
            test. 86400 IN NS ns.test.
            ns.test. 86400 IN A \(address(2))
            alt. 86400 IN NS ns.alt.
            ns.alt. 86400 IN A \(address(5))
            """)]),
            Server(address: address(2), zones: [zone("test.", ns: ["ns.test."], """
            ns 86400 IN A \(address(2))
            a.root-servers 86400 IN A \(address(1))
            example 86400 IN NS ns1.example
            ns1.example 86400 IN A \(address(3))
            cdn 86400 IN NS ns.cdn
            ns.cdn 86400 IN A \(address(4))
            noglue 86400 IN NS ns2.example.test.
            lame 86400 IN NS ns.lame
            ns.lame 86400 IN A \(address(3))
            half 86400 IN NS ns1.half
            half 86400 IN NS ns2.half
            ns1.half 86400 IN A \(address(3))
            ns2.half 86400 IN A \(address(8))
            """)]),
            Server(address: address(3), zones: [zone("example.test.", ns: ["ns1.example.test."], """
            ns1 86400 IN A \(address(3))
            ns2 86400 IN A \(address(7))
            www 3600 IN CNAME www.cdn.test.
            legacy 3600 IN DNAME cdn.test.
            direct 300 IN A 192.0.2.1
            *.wild 300 IN A 192.0.2.20
            unknown 300 IN TYPE65280 \\# 4 DEADBEEF
            \(bigTXT)
            """)]),
            Server(address: address(4), zones: [zone("cdn.test.", ns: ["ns.cdn.test."], """
            ns 86400 IN A \(address(4))
            www 3600 IN CNAME edge.far.alt.
            """)]),
            Server(address: address(5), zones: [zone("alt.", ns: ["ns.alt."], """
            ns 86400 IN A \(address(5))
            far 86400 IN NS ns.far
            ns.far 86400 IN A \(address(6))
            """)]),
            Server(address: address(6), zones: [zone("far.alt.", ns: ["ns.far.alt."], """
            ns 86400 IN A \(address(6))
            edge 2 IN A 192.0.2.10
            edge 2 IN A 192.0.2.11
            """)]),
            Server(address: address(7), zones: [zone("noglue.test.", ns: ["ns2.example.test."], """
            www 300 IN A 192.0.2.30
            """)]),
            Server(address: address(8), zones: [zone("half.test.", ns: ["ns1.half.test.", "ns2.half.test."], """
            www 300 IN A 192.0.2.40
            """)]),
        ]
    }

    public var rootAddress: String { "\(network).1" }

    /// Root hints (named.root format) naming the hierarchy's root server.
    public var rootHints: String {
        """
        ; Root hints for Preface's test hierarchy (TestHierarchy): its root server on loopback.
        .                     3600000 NS a.root-servers.test.
        a.root-servers.test.  3600000 A  \(rootAddress)

        """
    }
}

import Foundation
import Testing
@testable import DNSConformance

/// How each stub client's output becomes an observation, on outputs recorded from the real
/// programs (Debian 12) against a scripted chain `www → cdn → srv` with 192.0.2.1/2 and
/// 2001:db8::1/2.
struct SubjectObservationTests {
    static func subject(_ id: String) -> any StubSubject {
        guard let subject = SubjectCatalog.all.first(where: { $0.id == id }) else {
            Issue.record("no subject \(id) in the catalog")
            return PrefaceExtractorSubject()
        }
        return subject
    }

    static func observe(_ id: String, _ output: String, standardError: String = "") -> Observation {
        subject(id).observation(standardOutput: output, standardError: standardError)
    }

    @Test func catalogIdentifiersAreUniqueAndCoverTheIssue() {
        let ids = SubjectCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == [
            "glibc-getaddrinfo-inet", "glibc-getaddrinfo-inet6", "glibc-getaddrinfo-unspec", "glibc-gethostbyname",
            "getent-ahosts", "python-getaddrinfo", "musl-getaddrinfo-inet", "musl-getaddrinfo-unspec",
            "c-ares-getaddrinfo", "c-ares-parse-a-reply", "go-lookuphost", "go-lookupcname",
            "node-lookup", "node-resolve4", "node-resolve6", "java-inetaddress", "java-jndi",
            "ruby-resolv", "dnspython", "busybox-nslookup", "getdns", "preface-extractor",
        ])
        for subject in SubjectCatalog.all {
            #expect(!subject.title.isEmpty)
        }
    }

    @Test func familiesMatchWhatEachClientAsksFor() {
        let families = Dictionary(uniqueKeysWithValues: SubjectCatalog.all.map { ($0.id, $0.family) })
        #expect(families["glibc-getaddrinfo-inet"] == .inet)
        #expect(families["glibc-getaddrinfo-inet6"] == .inet6)
        #expect(families["glibc-gethostbyname"] == .inet)
        #expect(families["c-ares-parse-a-reply"] == .inet)
        #expect(families["node-resolve6"] == .inet6)
        #expect(families["java-jndi"] == .inet)
        #expect(families["dnspython"] == .inet)
        #expect(families["go-lookupcname"] == .unspecified)
        #expect(families["preface-extractor"] == .unspecified)
    }

    @Test func helperConventionAddressesInOrderWithDuplicates() {
        let observation = Observation(helperOutput: "2001:db8::1\n192.0.2.1\n\n192.0.2.1\n")
        #expect(observation == Observation(addresses: ["2001:db8::1", "192.0.2.1", "192.0.2.1"]))
    }

    @Test func helperConventionErrorLines() {
        #expect(Self.observe("glibc-getaddrinfo-inet", "ERROR Name or service not known\n")
            == Observation(addresses: [], error: "Name or service not known"))
        #expect(Self.observe("musl-getaddrinfo-unspec", "ERROR Name does not resolve\n")
            == Observation(addresses: [], error: "Name does not resolve"))
        #expect(Self.observe("c-ares-parse-a-reply", "ERROR Could not contact DNS servers\n").error
            == "Could not contact DNS servers")
        #expect(Self.observe("node-resolve4", "ERROR ENOTFOUND\n").error == "ENOTFOUND")
        #expect(Self.observe("java-jndi", "ERROR javax.naming.NameNotFoundException: DNS name not found [response code 3]\n").error
            == "javax.naming.NameNotFoundException: DNS name not found [response code 3]")
        #expect(Self.observe("dnspython", "ERROR NXDOMAIN: The DNS query name does not exist: nx.example.test.\n").error
            == "NXDOMAIN: The DNS query name does not exist: nx.example.test.")
        #expect(Observation(helperOutput: "ERROR one\nERROR two\n").error == "one; two")
    }

    @Test func addressesAndAnErrorTogether() {
        // Some clients print what they have and then report the query that failed.
        let observation = Observation(helperOutput: "192.0.2.1\nERROR AAAA: no answer\n")
        #expect(observation.addresses == ["192.0.2.1"])
        #expect(observation.error == "AAAA: no answer")
        #expect(observation.verdict(expected: ["192.0.2.1"]) == .ok)
    }

    @Test func emptyOutputIsEmpty() {
        for subject in SubjectCatalog.all {
            let observation = subject.observation(standardOutput: "", standardError: "")
            #expect(observation.addresses.isEmpty, "\(subject.id)")
            #expect(observation.verdict(expected: ["192.0.2.1"]) == .empty, "\(subject.id)")
        }
    }

    @Test func unexpectedLinesReadAsWrongAddresses() {
        let observation = Self.observe("python-getaddrinfo", "192.0.2.1\nTraceback (most recent call last):\n")
        #expect(observation.verdict(expected: ["192.0.2.1"]) == .wrong)
    }

    @Test func getentAhostsKeepsEachAddressOnce() {
        let output = """
            2001:db8::1     STREAM srv.example.test
            2001:db8::1     DGRAM  
            2001:db8::1     RAW    
            2001:db8::2     STREAM 
            2001:db8::2     DGRAM  
            2001:db8::2     RAW    
            192.0.2.1       STREAM 
            192.0.2.1       DGRAM  
            192.0.2.1       RAW    
            192.0.2.2       STREAM 
            192.0.2.2       DGRAM  
            192.0.2.2       RAW    

            """
        #expect(Self.observe("getent-ahosts", output)
            == Observation(addresses: ["2001:db8::1", "2001:db8::2", "192.0.2.1", "192.0.2.2"]))
        #expect(Self.observe("getent-ahosts", "ERROR getent exited with status 2 (not found)\n")
            == Observation(addresses: [], error: "getent exited with status 2 (not found)"))
    }

    @Test func goLookupCNAMEKeepsTheAddressesOnly() {
        let observation = Self.observe("go-lookupcname", "CNAME srv.example.test.\n192.0.2.1\n192.0.2.2\n")
        #expect(observation == Observation(addresses: ["192.0.2.1", "192.0.2.2"]))
        #expect(Self.observe("go-lookupcname", "ERROR lookup nx.example.test on 127.0.0.1:53: no such host\n").error
            == "lookup nx.example.test on 127.0.0.1:53: no such host")
    }

    @Test func busyboxNslookupSkipsTheServerAddress() {
        let output = """
            Server:\t\t127.0.0.1
            Address:\t127.0.0.1:53

            Non-authoritative answer:
            www.example.test\tcanonical name = cdn.example.test
            cdn.example.test\tcanonical name = srv.example.test
            Name:\tsrv.example.test
            Address: 192.0.2.1
            Name:\tsrv.example.test
            Address: 192.0.2.2

            Non-authoritative answer:
            www.example.test\tcanonical name = cdn.example.test
            cdn.example.test\tcanonical name = srv.example.test
            Name:\tsrv.example.test
            Address: 2001:db8::1
            Name:\tsrv.example.test
            Address: 2001:db8::2

            """
        #expect(Self.observe("busybox-nslookup", output)
            == Observation(addresses: ["192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"]))
    }

    @Test func busyboxNslookupErrors() {
        let output = """
            Server:\t\t127.0.0.1
            Address:\t127.0.0.1:53

            ** server can't find nx.example.test: NXDOMAIN

            ** server can't find nx.example.test: NXDOMAIN

            ERROR busybox exited with status 1 (not found)

            """
        let observation = Self.observe("busybox-nslookup", output)
        #expect(observation.addresses.isEmpty)
        #expect(observation.error == "server can't find nx.example.test: NXDOMAIN; "
            + "server can't find nx.example.test: NXDOMAIN; busybox exited with status 1 (not found)")
    }

    @Test func getdnsJustAddressAnswers() {
        // Trimmed from `getdns_query -s -j -A www.example.test` (replies_full and replies_tree
        // left out; the parser reads neither).
        let output = """
            {"answer_ipv4_address":"127.0.0.1","answer_type":800,"canonical_name":"srv.example.test.",\
            "just_address_answers":[{"address_data":"2001:db8::1","address_type":"IPv6"},\
            {"address_data":"2001:db8::2","address_type":"IPv6"},{"address_data":"192.0.2.1","address_type":"IPv4"},\
            {"address_data":"192.0.2.2","address_type":"IPv4"}],"replies_full":[],"replies_tree":[],"status":900}

            """
        #expect(Self.observe("getdns", output)
            == Observation(addresses: ["2001:db8::1", "2001:db8::2", "192.0.2.1", "192.0.2.2"]))
    }

    @Test func getdnsStatusIsTheError() {
        let output = """
            {"answer_ipv4_address":"127.0.0.1","answer_type":800,"canonical_name":"nx.example.test.",\
            "just_address_answers":[],"replies_full":[],"replies_tree":[],"status":901}
            """
        #expect(Self.observe("getdns", output) == Observation(addresses: [], error: "GETDNS_RESPSTATUS_NO_NAME"))
        #expect(Self.observe("getdns", "not json\n").error == "unreadable getdns_query output")
    }

    /// What the real clients printed when the responder put the CNAMEs after the addresses
    /// (A and AAAA answers alike), and the verdict that output must give.
    static let cnamesAfterAddresses: [(id: String, output: String, verdict: Verdict)] = [
        ("glibc-getaddrinfo-inet", "ERROR No address associated with hostname\n", .empty),
        ("glibc-getaddrinfo-inet6", "ERROR Name or service not known\n", .empty),
        ("glibc-gethostbyname", "ERROR Unknown server error\n", .empty),
        ("python-getaddrinfo", "ERROR [Errno -2] Name or service not known\n", .empty),
        ("musl-getaddrinfo-inet", "192.0.2.1\n192.0.2.2\n", .ok),
        ("musl-getaddrinfo-unspec", "2001:db8::1\n2001:db8::2\n192.0.2.1\n192.0.2.2\n", .ok),
        ("c-ares-getaddrinfo", "ERROR DNS server returned answer with no data\n", .empty),
        ("c-ares-parse-a-reply", "", .empty),
        ("go-lookuphost", "192.0.2.1\n192.0.2.2\n2001:db8::1\n2001:db8::2\n", .ok),
        ("node-lookup", "ERROR ENOTFOUND\n", .empty),
        ("node-resolve6", "2001:db8::1\n2001:db8::2\n", .ok),
        ("java-inetaddress", "ERROR java.net.UnknownHostException: www.example.test: Name or service not known\n", .empty),
        ("java-jndi", "192.0.2.1\n192.0.2.2\n", .ok),
        ("ruby-resolv", "192.0.2.1\n192.0.2.2\n2001:db8::1\n2001:db8::2\n", .ok),
        ("dnspython", "192.0.2.1\n192.0.2.2\n", .ok),
    ]

    static func chainAddresses(_ family: AddressFamily) -> Set<String> {
        let inet: Set<String> = ["192.0.2.1", "192.0.2.2"]
        let inet6: Set<String> = ["2001:db8::1", "2001:db8::2"]
        switch family {
        case .inet: return inet
        case .inet6: return inet6
        case .unspecified: return inet.union(inet6)
        }
    }

    @Test(arguments: cnamesAfterAddresses.indices)
    func recordedOutputsGiveTheirVerdicts(_ index: Int) {
        let (id, output, verdict) = Self.cnamesAfterAddresses[index]
        let observation = Self.observe(id, output)
        #expect(observation.verdict(expected: Self.chainAddresses(Self.subject(id).family)) == verdict, "\(id)")
    }

    @Test func javaSpellsIPv6Uncompressed() {
        // InetAddress#getHostAddress never compresses zero groups; the verdict compares in one spelling.
        let observation = Self.observe("java-inetaddress", "192.0.2.1\n192.0.2.2\n2001:db8:0:0:0:0:0:1\n2001:db8:0:0:0:0:0:2\n")
        #expect(observation.verdict(expected: Self.chainAddresses(.unspecified)) == .ok)
    }

    @Test func commandsCarryTheNameAndFamily() {
        let environment = SubjectEnvironment(programsDirectory: "/programs", cacheDirectory: "/cache",
                                             prefaceExecutable: "/bin/preface")
        for subject in SubjectCatalog.all {
            #expect(subject.command(resolving: "www.example.test", in: environment).contains("www.example.test"), "\(subject.id)")
        }
        #expect(GetaddrinfoSubject(library: .musl, family: .unspecified).command(resolving: "a.test", in: environment)
            == ["/cache/musl-getaddrinfo", "a.test", "unspec"])
        #expect(PrefaceExtractorSubject().command(resolving: "a.test", in: environment)
            == ["/bin/preface", "conform", "lookup", "a.test", "--family", "unspec"])
        #expect(GoSubject(.host).command(resolving: "a.test", in: environment).suffix(4)
            == ["GODEBUG=netdns=go", "/cache/go-lookup", "host", "a.test"])
    }
}

/// Builds every available helper and runs the clients that resolve `localhost` from /etc/hosts.
/// Only with `PREFACE_INTEGRATION=1`: the first build of the Go and Java helpers takes a while.
///
/// Nothing here may send DNS off this machine, and outside the runner's namespace
/// /etc/resolv.conf points at the real resolver. So the clients that speak DNS themselves
/// (c-ares' query path, Go, Node's resolve, JNDI, Ruby, dnspython, busybox, getdns) are only
/// built, never run; and the clients that are run go through `unshare --net`, a fresh network
/// namespace with nothing but a loopback interface, so even a lookup that falls through to DNS
/// (glibc AF_INET6 when /etc/hosts has no `::1` entry) cannot leave.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PREFACE_INTEGRATION"] == "1",
                             "builds and runs real programs: set PREFACE_INTEGRATION=1"))
struct SubjectIntegrationTests {
    static let environment = SubjectEnvironment(
        programsDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/DNSConformance/SubjectPrograms").standardizedFileURL.path,
        cacheDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("preface-subject-tests").path,
        prefaceExecutable: "/nonexistent/preface")

    /// Subjects that find `localhost` in /etc/hosts without a single DNS query.
    static let resolvedFromHostsFile: Set<String> = [
        "glibc-getaddrinfo-inet", "glibc-getaddrinfo-unspec", "glibc-gethostbyname", "getent-ahosts",
        "python-getaddrinfo", "musl-getaddrinfo-inet", "musl-getaddrinfo-unspec", "c-ares-getaddrinfo",
        "node-lookup", "java-inetaddress",
    ]
    /// Subjects that read /etc/hosts but may fall through to DNS for `localhost` (no `::1` line).
    static let mayFallThroughToDNS: Set<String> = ["glibc-getaddrinfo-inet6"]

    /// `unshare --net` as root, or with a user namespace otherwise; nil when neither works.
    static let isolation: [String]? = {
        guard let unshare = SystemCommand.find("unshare") else { return nil }
        for prefix in [[unshare, "--net"], [unshare, "--map-root-user", "--net"]]
        where SystemCommand.run(prefix + ["/bin/true"]).succeeded {
            return prefix
        }
        return nil
    }()

    static var available: [any StubSubject] {
        SubjectCatalog.all.filter { $0.unavailableReason(in: environment) == nil }
    }

    @Test func everyAvailableSubjectPrepares() throws {
        for subject in SubjectCatalog.all {
            if let reason = subject.unavailableReason(in: Self.environment) {
                print("skipped \(subject.id): \(reason)")
                continue
            }
            try subject.prepare(in: Self.environment)
        }
    }

    @Test func preparingAgainReusesTheProducts() throws {
        let subject = GetaddrinfoSubject(library: .glibc, family: .inet)
        try #require(subject.unavailableReason(in: Self.environment) == nil)
        try subject.prepare(in: Self.environment)
        let path = subject.program.productPath(in: Self.environment)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        try subject.prepare(in: Self.environment)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(before != nil && before == after)
    }

    @Test func aCompilerErrorCarriesTheCompilerOutput() throws {
        try #require(SubjectTools.find("gcc") != nil)
        let programs = FileManager.default.temporaryDirectory.appendingPathComponent("preface-subject-broken-\(getpid())").path
        try FileManager.default.createDirectory(atPath: programs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: programs) }
        try "int main(void) { return undeclared; }\n".write(toFile: programs + "/getaddrinfo.c", atomically: true, encoding: .utf8)
        let environment = SubjectEnvironment(programsDirectory: programs, cacheDirectory: programs + "/cache",
                                             prefaceExecutable: "/nonexistent/preface")
        let error = #expect(throws: SubjectError.self) {
            try GetaddrinfoSubject(library: .glibc, family: .inet).prepare(in: environment)
        }
        #expect(error?.code == .buildFailed)
        #expect(error?.output.contains("undeclared") == true)
    }

    @Test func missingSourcesAreReported() {
        let environment = SubjectEnvironment(programsDirectory: "/nonexistent", cacheDirectory: "/tmp/unused",
                                             prefaceExecutable: "/nonexistent/preface")
        let error = #expect(throws: SubjectError.self) {
            try GethostbynameSubject().prepare(in: environment)
        }
        #expect(error?.code == .sourceMissing)
    }

    @Test func absentPrefaceIsUnavailable() {
        #expect(PrefaceExtractorSubject().unavailableReason(in: Self.environment) != nil)
    }

    @Test(.timeLimit(.minutes(3)))
    func hostsFileClientsResolveLocalhostInIsolation() throws {
        let isolation = try #require(Self.isolation, "needs unshare (util-linux) with permission to create a network namespace")
        var ran = 0
        for subject in Self.available
        where Self.resolvedFromHostsFile.contains(subject.id) || Self.mayFallThroughToDNS.contains(subject.id) {
            try subject.prepare(in: Self.environment)
            let outcome = ProcessRunner.run(isolation + subject.command(resolving: "localhost", in: Self.environment), timeout: 60)
            let observation = subject.observation(standardOutput: outcome.standardOutput, standardError: outcome.standardError)
            print("\(subject.id): status \(outcome.status), \(observation.addresses) \(observation.error ?? "")")
            #expect(outcome.status == 0 && !outcome.timedOut, "\(subject.id) crashed: \(outcome.standardError)")
            #expect(Set(observation.addresses).isSubset(of: ["127.0.0.1", "::1"]), "\(subject.id): \(observation)")
            if Self.resolvedFromHostsFile.contains(subject.id) {
                #expect(!observation.addresses.isEmpty, "\(subject.id): \(observation)")
            }
            ran += 1
        }
        #expect(ran > 0)
    }
}

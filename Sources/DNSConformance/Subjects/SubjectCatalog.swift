/// Every stub client `preface conform stubs` knows, in the order of the matrix: the C libraries
/// first (glibc, then what wraps it, then musl and c-ares), then the language runtimes with
/// resolvers of their own, the command-line tools, and Preface's own extractor last.
public enum SubjectCatalog {
    public static let all: [any StubSubject] = [
        GetaddrinfoSubject(library: .glibc, family: .inet),
        GetaddrinfoSubject(library: .glibc, family: .inet6),
        GetaddrinfoSubject(library: .glibc, family: .unspecified),
        GethostbynameSubject(),
        GetentAhostsSubject(),
        PythonGetaddrinfoSubject(),
        GetaddrinfoSubject(library: .musl, family: .inet),
        GetaddrinfoSubject(library: .musl, family: .unspecified),
        CAresSubject(.getaddrinfo),
        CAresSubject(.parseAReply),
        GoSubject(.host),
        GoSubject(.cname),
        NodeSubject(.lookup),
        NodeSubject(.resolve4),
        NodeSubject(.resolve6),
        JavaSubject(.inetAddress),
        JavaSubject(.jndi),
        RubyResolvSubject(),
        DNSPythonSubject(),
        BusyboxNslookupSubject(),
        GetdnsSubject(),
        PrefaceExtractorSubject(),
    ]
}

/// Java's two ways to resolve a name (`PrefaceLookup.java`, compiled with javac into the cache).
/// Run with `-Dsun.net.inetaddr.ttl=0` so the JDK's address cache never answers instead of the
/// resolver, and with a client JIT and the serial collector: the matrix starts many short JVMs.
public struct JavaSubject: StubSubject {
    public enum Interface: String, Sendable, Hashable {
        /// `InetAddress.getAllByName`: the JDK calls getaddrinfo(3) with AF_UNSPEC.
        case inetAddress = "inetaddress"
        /// JNDI's DNS provider (`com.sun.jndi.dns.DnsContextFactory`, provider URL `dns:`, so
        /// the servers of /etc/resolv.conf): the `A` attribute of the name.
        case jndi
    }

    public let interface: Interface

    public init(_ interface: Interface) {
        self.interface = interface
    }

    public var id: String { interface == .inetAddress ? "java-inetaddress" : "java-jndi" }
    public var title: String { interface == .inetAddress ? "Java InetAddress.getAllByName" : "Java JNDI DNS" }
    public var family: AddressFamily { interface == .inetAddress ? .unspecified : .inet }

    var program: HelperProgram {
        HelperProgram(product: "java-classes", source: "PrefaceLookup.java", compiler: .javac)
    }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([program.compiler.tool, ("java", "default-jre-headless")])
    }

    public func prepare(in environment: SubjectEnvironment) throws {
        try program.build(for: id, in: environment)
    }

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("java"), "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0",
         "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
         "-cp", program.productPath(in: environment), "PrefaceLookup", interface.rawValue, name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

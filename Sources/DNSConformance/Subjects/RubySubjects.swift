/// Ruby's pure-Ruby stub resolver, `Resolv::DNS#getaddresses` (`ruby-resolv.rb`). It asks for A,
/// and for AAAA too when the host has a global IPv6 address (the namespace has one), so it runs
/// as an AF_UNSPEC client. Failures come back as an empty list, not as an error.
public struct RubyResolvSubject: StubSubject {
    public init() {}

    public var id: String { "ruby-resolv" }
    public var title: String { "Ruby Resolv::DNS" }
    public var family: AddressFamily { .unspecified }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([("ruby", "ruby")])
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("ruby"), environment.programsDirectory + "/ruby-resolv.rb", name]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

import Foundation

/// Preface's own stub extractor: `preface conform lookup NAME --family inet|inet6|unspec` asks the
/// resolv.conf nameserver and prints the addresses DNSWire's `AnswerChain` finds at the end of
/// the chain (`StubLookup`), one per line, in the helpers' convention.
public struct PrefaceExtractorSubject: StubSubject {
    public init() {}

    public var id: String { "preface-extractor" }
    public var title: String { "Preface AnswerChain" }
    public var family: AddressFamily { .unspecified }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        let executable = environment.prefaceExecutable
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            return "\(executable) is not an executable (build preface first)"
        }
        return SystemCommand.run([executable, "conform", "lookup", "--help"]).succeeded
            ? nil : "\(executable) has no `conform lookup` subcommand"
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [environment.prefaceExecutable, "conform", "lookup", name, "--family", family.helperArgument]
    }

    public func observation(standardOutput: String, standardError: String) -> Observation {
        Observation(helperOutput: standardOutput)
    }
}

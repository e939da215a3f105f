/// The record types a subject asks for when it resolves a name.
public enum AddressFamily: String, Sendable, Codable, CaseIterable {
    /// A only (AF_INET).
    case inet
    /// AAAA only (AF_INET6).
    case inet6
    /// A and AAAA (AF_UNSPEC).
    case unspecified
}

/// One stub client under test: how to find it, build its helper, run it, and read its output.
///
/// Helpers print one address per line on standard output, or a line `ERROR <text>` when the
/// library reported an error (the verdict is then EMPTY unless addresses were printed too), and
/// exit 0. Any other exit status or a signal is a CRASH.
public protocol StubSubject: Sendable {
    /// Short, stable identifier used in `--subjects` and reports (e.g. `glibc-getaddrinfo-inet`).
    var id: String { get }
    /// What a person sees in the matrix (e.g. `glibc getaddrinfo AF_INET`).
    var title: String { get }
    var family: AddressFamily { get }
    /// Checks the tools and libraries the subject needs; a reason when it cannot run here.
    func unavailableReason(in environment: SubjectEnvironment) -> String?
    /// Builds the helper into `environment.cacheDirectory` if needed (first use only).
    func prepare(in environment: SubjectEnvironment) throws
    /// The command that resolves `name` (run inside the namespace, whose resolv.conf points at the
    /// scripted responder).
    func command(resolving name: String, in environment: SubjectEnvironment) -> [String]
    /// Reads what the command printed.
    func observation(standardOutput: String, standardError: String) -> Observation
}

/// Where subjects find their helper sources and build products.
public struct SubjectEnvironment: Sendable {
    /// Helper sources shipped with Preface (the `SubjectPrograms` resources).
    public var programsDirectory: String
    /// Where helpers are built on first use (e.g. `~/.cache/preface/conform`).
    public var cacheDirectory: String
    /// The `preface` executable, for the subject that is Preface's own extractor.
    public var prefaceExecutable: String

    public init(programsDirectory: String, cacheDirectory: String, prefaceExecutable: String) {
        self.programsDirectory = programsDirectory
        self.cacheDirectory = cacheDirectory
        self.prefaceExecutable = prefaceExecutable
    }
}

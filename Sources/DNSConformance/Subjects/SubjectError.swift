import Foundation

/// Why a subject's helper program could not be built: the code, the subject, and what the
/// compiler or the file system said.
public struct SubjectError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. An open set of named values, so new codes never break callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A helper source is not in the programs directory (wrong `programsDirectory`?).
        public static let sourceMissing = Code(rawValue: "source-missing")
        /// The cache directory could not be created, or the product not moved into it.
        public static let cacheFailed = Code(rawValue: "cache-failed")
        /// The compiler ran and failed; `output` holds what it printed.
        public static let buildFailed = Code(rawValue: "build-failed")
    }

    public var code: Code
    /// The subject whose helper was being built (e.g. `musl-getaddrinfo-inet`).
    public var subject: String
    public var message: String
    /// The compiler's own output (standard output and standard error), when it ran.
    public var output: String

    public init(_ code: Code, subject: String, _ message: String, output: String = "") {
        self.code = code
        self.subject = subject
        self.message = message
        self.output = output
    }

    public var description: String {
        let head = "subject \(subject): \(message)"
        let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return detail.isEmpty ? head : head + "\n" + detail
    }
}

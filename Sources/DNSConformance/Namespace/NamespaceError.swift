/// Why a network namespace could not be set up: the code, and a sentence saying how to fix it.
public struct NamespaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. An open set of named values, so new codes never break callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not running as root.
        public static let notRoot = Code(rawValue: "not-root")
        /// `ip` (iproute2) is not installed.
        public static let toolMissing = Code(rawValue: "tool-missing")
        /// The name is not usable as a namespace and directory name.
        public static let invalidName = Code(rawValue: "invalid-name")
        /// `ip netns add` failed: namespaces unavailable, or the name is taken.
        public static let unavailable = Code(rawValue: "namespaces-unavailable")
        /// A later `ip` step (loopback up, addresses) failed.
        public static let commandFailed = Code(rawValue: "command-failed")
        /// `/etc/netns/NAME/…` could not be written.
        public static let fileFailed = Code(rawValue: "file-failed")
    }

    public var code: Code
    /// The namespace concerned.
    public var namespace: String
    public var message: String

    public init(_ code: Code, namespace: String, _ message: String) {
        self.code = code
        self.namespace = namespace
        self.message = message
    }

    public var description: String { message }
}

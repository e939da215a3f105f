/// The one error type of the zone-file layer: what went wrong (`code`), where (`file`, `line`,
/// `column`, 1-based, columns counted in bytes) and why (`reason`, written for a person).
public struct ZoneError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An open set of named values, so new codes never break callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Text that does not follow RFC 1035 §5.1.
        public static let syntax = Code(rawValue: "syntax")
        /// A type that is neither a known mnemonic nor `TYPEnnn` (RFC 3597 §5).
        public static let unknownType = Code(rawValue: "unknown-type")
        /// A TTL that is not a number (or BIND-style `1h30m`) below 2^32.
        public static let badTTL = Code(rawValue: "bad-ttl")
        /// A quoted string that runs to the end of the file.
        public static let unterminatedQuote = Code(rawValue: "unterminated-quote")
        /// `)` without `(`, or `(` never closed.
        public static let unbalancedParentheses = Code(rawValue: "unbalanced-parentheses")
        /// RDATA that does not match the type's presentation format.
        public static let badRData = Code(rawValue: "bad-rdata")
        /// A relative name, `@`, or inherited owner with nothing to take it from.
        public static let missingContext = Code(rawValue: "missing-context")
        /// `$INCLUDE` while `ZoneLimits.includeAllowed` is false, or nested too deep.
        public static let includeRefused = Code(rawValue: "include-refused")
        /// A `ZoneLimits` limit was reached.
        public static let limitExceeded = Code(rawValue: "limit-exceeded")
        /// Records that do not make a zone: no SOA at the origin, two SOAs, mixed classes.
        public static let zoneContent = Code(rawValue: "zone-content")
        /// A file could not be read.
        public static let io = Code(rawValue: "io")
    }

    public var code: Code
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String

    public init(_ code: Code, file: String, line: Int, column: Int, _ reason: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column: reason [code]`; just `file: reason [code]` for errors about the whole zone
    /// (line 0).
    public var description: String {
        line == 0 ? "\(file): \(reason) [\(code)]" : "\(file):\(line):\(column): \(reason) [\(code)]"
    }
}

/// Hard limits on what a zone file may make the parser do (STYLE rule 4: named in one place).
/// The defaults are well over ten times the root zone (2.2 MB, 24,877 records).
public struct ZoneLimits: Sendable, Hashable {
    /// Largest file (or text) accepted, in bytes.
    public var maximumFileSize: Int = 64 << 20
    /// Most records one parse may produce, counting included files.
    public var maximumRecordCount: Int = 1_000_000
    /// `$INCLUDE` reads other files, so it is refused unless asked for (as miekg/dns does).
    public var includeAllowed: Bool = false
    /// How deeply `$INCLUDE`d files may include others.
    public var maximumIncludeDepth: Int = 8

    public init(maximumFileSize: Int = 64 << 20, maximumRecordCount: Int = 1_000_000,
                includeAllowed: Bool = false, maximumIncludeDepth: Int = 8) {
        self.maximumFileSize = maximumFileSize
        self.maximumRecordCount = maximumRecordCount
        self.includeAllowed = includeAllowed
        self.maximumIncludeDepth = maximumIncludeDepth
    }
}

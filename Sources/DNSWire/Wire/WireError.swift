/// The one error type of the wire-format layer.
///
/// Every malformed input produces a `WireError` saying which rule or limit was broken (`code`),
/// where (`offset`, in bytes from the start of the message or record being parsed), and a short
/// human-readable `detail`.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. An open set of named values, so new codes never break callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input ended before a field that must be there.
        public static let truncated = Code(rawValue: "truncated")
        /// A label is longer than 63 octets (RFC 1035 §2.3.4).
        public static let labelTooLong = Code(rawValue: "label-too-long")
        /// A name is longer than 255 octets in wire form (RFC 1035 §2.3.4).
        public static let nameTooLong = Code(rawValue: "name-too-long")
        /// A label type other than 0b00 (normal) or 0b11 (pointer) (RFC 6891 §5 retired 0b01/0b10).
        public static let badLabelType = Code(rawValue: "bad-label-type")
        /// A compression pointer that does not point strictly backwards, or to itself.
        public static let badPointer = Code(rawValue: "bad-compression-pointer")
        /// More compression pointers in one name than `WireLimits.maximumCompressionPointers`.
        public static let tooManyPointers = Code(rawValue: "too-many-compression-pointers")
        /// RDLENGTH does not match what the type's layout needs.
        public static let badRDATA = Code(rawValue: "bad-rdata")
        /// Bytes left over after the last record the header announced.
        public static let trailingBytes = Code(rawValue: "trailing-bytes")
        /// A message over 65,535 octets.
        public static let messageTooLarge = Code(rawValue: "message-too-large")
        /// Presentation-format text that cannot be read.
        public static let badText = Code(rawValue: "bad-text")
        /// A value outside what the field can hold.
        public static let valueOutOfRange = Code(rawValue: "value-out-of-range")
        /// A record of the wrong type handed to a typed view.
        public static let wrongType = Code(rawValue: "wrong-type")
        /// A chain longer than `WireLimits.maximumChainLength`, or looping.
        public static let chainTooLong = Code(rawValue: "chain-too-long")
    }

    public var code: Code
    /// Byte offset of the problem in the input (message, record data, or text).
    public var offset: Int
    public var detail: String

    public init(_ code: Code, at offset: Int, _ detail: String = "") {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? "\(code) at offset \(offset)" : "\(code) at offset \(offset): \(detail)"
    }
}

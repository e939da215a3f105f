/// The one error type of the capture layer.
///
/// A `CaptureError` says which rule or limit was broken (`code`), where (`offset`, in bytes from the
/// start of the capture file), in which packet (`frameNumber`, 1-based, when the problem belongs
/// to one frame) and, in `detail`, what was expected. `CaptureFile.init` throws it when the file
/// cannot be read at all; `CaptureFile.dnsMessages(ports:)` collects it, per frame, in
/// `CaptureDecoding.problems` and carries on with the next frame.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. An open set of named values, so new codes never break callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The first bytes are neither a pcap magic number nor a pcapng Section Header Block.
        public static let notACaptureFile = Code(rawValue: "not-a-capture-file")
        /// A pcap or pcapng major version this reader does not understand.
        public static let unsupportedVersion = Code(rawValue: "unsupported-version")
        /// The file ends inside a header, record or block: the capture was cut short.
        public static let truncatedFile = Code(rawValue: "truncated-file")
        /// A pcapng block whose length is too small, not a multiple of 4, or disagrees with its trailer.
        public static let badBlock = Code(rawValue: "bad-block")
        /// A pcapng packet block names an interface no Interface Description Block declared.
        public static let unknownInterface = Code(rawValue: "unknown-interface")
        /// A link-layer type this decoder does not know how to strip.
        public static let unknownLinkType = Code(rawValue: "unknown-link-type")
        /// A link-layer, IP, UDP or TCP header does not fit in the bytes captured for the frame.
        public static let truncatedFrame = Code(rawValue: "truncated-frame")
        /// A header field that cannot be right (wrong IP version, header length below the minimum…).
        public static let badHeader = Code(rawValue: "bad-header")
        /// An IP fragment that is not a whole datagram; fragments are not reassembled.
        public static let fragmentSkipped = Code(rawValue: "ip-fragment-skipped")
        /// More nested headers (VLAN tags, MPLS labels, IPv6 extension headers, tunnels) than allowed.
        public static let tooManyHeaders = Code(rawValue: "too-many-headers")
        /// A DNS payload cut short by the capture's snapshot length.
        public static let truncatedPayload = Code(rawValue: "truncated-payload")
        /// A TCP stream with a hole in its sequence space; the stream is not decoded past the hole.
        public static let tcpMissingData = Code(rawValue: "tcp-missing-data")
        /// A TCP stream that ended in the middle of a length-prefixed DNS message.
        public static let tcpIncompleteMessage = Code(rawValue: "tcp-incomplete-message")
    }

    public var code: Code
    /// Byte offset of the problem from the start of the capture file.
    public var offset: Int
    /// The 1-based number of the frame the problem belongs to, if it belongs to one.
    public var frameNumber: Int?
    public var detail: String

    public init(_ code: Code, at offset: Int, frame frameNumber: Int? = nil, _ detail: String = "") {
        self.code = code
        self.offset = offset
        self.frameNumber = frameNumber
        self.detail = detail
    }

    public var description: String {
        var text = "\(code) at offset \(offset)"
        if let frameNumber { text += " (frame \(frameNumber))" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}

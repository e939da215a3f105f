/// The transport a DNS message travelled over.
public enum CaptureTransport: Sendable, Hashable {
    case udp
    case tcp
}

/// One DNS message found in a capture, with where and when it was seen.
public struct CapturedMessage: Sendable, Hashable {
    /// 1-based number of the packet record in the file. For TCP, the frame in which the last of
    /// the message's bytes arrived.
    public var frameNumber: Int
    public var transport: CaptureTransport
    /// IPv4 dotted quad or RFC 5952 IPv6 text ("192.0.2.1", "2001:db8::1").
    public var sourceAddress: String
    public var destinationAddress: String
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var timestampSeconds: UInt64
    public var timestampMicroseconds: UInt32
    /// Exactly one DNS message: the UDP payload, or for TCP the message without its two-octet
    /// length prefix (RFC 1035 §4.2.2). Not parsed or checked in any way.
    public var payload: [UInt8]

    public init(
        frameNumber: Int, transport: CaptureTransport,
        sourceAddress: String, destinationAddress: String, sourcePort: UInt16, destinationPort: UInt16,
        timestampSeconds: UInt64, timestampMicroseconds: UInt32, payload: [UInt8]
    ) {
        self.frameNumber = frameNumber
        self.transport = transport
        self.sourceAddress = sourceAddress
        self.destinationAddress = destinationAddress
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.timestampSeconds = timestampSeconds
        self.timestampMicroseconds = timestampMicroseconds
        self.payload = payload
    }
}

/// The result of looking for DNS in a capture: what was found, and what could not be decoded.
public struct CaptureDecoding: Sendable {
    /// The messages, ordered by `frameNumber` (messages of one frame in stream order).
    public var messages: [CapturedMessage]
    /// Frames that could not be decoded down to UDP or TCP, TCP streams with holes or cut-off
    /// messages, and damage found while reading the file (a truncated last record), in file order.
    public var problems: [CaptureError]

    public init(messages: [CapturedMessage], problems: [CaptureError]) {
        self.messages = messages
        self.problems = problems
    }
}

/// A pcap or pcapng capture file, read from its bytes.
///
/// `init` reads the container — file or section headers, interface descriptions, and where every
/// packet record is — without looking inside the packets. `dnsMessages(ports:)` then decodes the
/// link layer, IP, UDP and TCP of each frame and returns the DNS messages carried to or from the
/// given ports. Nothing here reads files or imports Foundation: callers hand in the bytes.
public struct CaptureFile: Sendable {
    /// pcap or pcapng.
    public let format: CaptureFormat
    /// Damage found while reading the container (a record or block cut short, a bad block length);
    /// reading stopped or skipped there, and everything before it is kept.
    public let readProblems: [CaptureError]
    let bytes: [UInt8]
    let frames: [CaptureFrame]

    /// Reads the container. Throws only if the bytes are not a capture file at all or the file
    /// header cannot be read (`notACaptureFile`, `unsupportedVersion`, `truncatedFile` at
    /// offset 0); a file cut short later keeps the records before the cut and notes it in
    /// `readProblems`.
    public init(bytes: [UInt8]) throws(CaptureError) {
        let contents: CaptureContents
        if PcapNGReader.recognises(bytes) {
            contents = try PcapNGReader.read(bytes)
        } else if PcapReader.recognises(bytes) {
            contents = try PcapReader.read(bytes)
        } else {
            throw CaptureError(
                .notACaptureFile, at: 0,
                "the file starts with neither a pcap magic number (0xA1B2C3D4, 0xA1B23C4D, either byte order) nor a pcapng Section Header Block")
        }
        self.format = contents.format
        self.readProblems = contents.problems
        self.bytes = bytes
        self.frames = contents.frames
    }

    /// The number of packet records read (pcapng packet blocks that could not be read count in
    /// frame numbering but are not included here).
    public var frameCount: Int { frames.count }

    /// The link types of the frames, in the order first seen.
    public var linkTypes: [LinkType] {
        var seen: Set<LinkType> = []
        return frames.compactMap { seen.insert($0.linkType).inserted ? $0.linkType : nil }
    }

    /// Decodes every frame and returns the DNS messages sent from or to one of `ports`, over UDP
    /// (one message per datagram) and TCP (reassembled, two-octet length prefixes removed).
    ///
    /// Never fails: a frame that cannot be decoded is skipped and described in `problems`.
    public func dnsMessages(ports: Set<UInt16> = [53, 5353]) -> CaptureDecoding {
        var extractor = DNSMessageExtractor(bytes: bytes, ports: ports)
        for frame in frames { extractor.process(frame) }
        return extractor.finish(readProblems: readProblems)
    }
}

/// Walks frames down through link layer, IP and UDP/TCP, and collects the DNS messages on the
/// chosen ports. One frame's problem never stops the others.
struct DNSMessageExtractor {
    let bytes: [UInt8]
    let ports: Set<UInt16>
    private var messages: [CapturedMessage] = []
    private var problems: [CaptureError] = []
    private var reassembler = TCPReassembler()
    /// Scratch space for the messages one TCP segment completes.
    private var reassembled: [ReassembledMessage] = []
    /// Set when a TCP message is attributed to an earlier frame than one already emitted.
    private var needsSorting = false

    init(bytes: [UInt8], ports: Set<UInt16>) {
        self.bytes = bytes
        self.ports = ports
    }

    mutating func process(_ frame: CaptureFrame) {
        do throws(CaptureError) {
            try decode(frame)
        } catch {
            problems.append(error)
        }
    }

    private mutating func decode(_ frame: CaptureFrame) throws(CaptureError) {
        guard let network = try LinkLayer.network(of: frame, in: bytes),
            let datagram = try IPDecoder.decode(network, in: bytes, frame: frame.number)
        else { return }
        let stamp = FrameStamp(
            number: frame.number, timestampSeconds: frame.timestampSeconds,
            timestampMicroseconds: frame.timestampMicroseconds, offset: frame.data.lowerBound)
        switch datagram.protocolNumber {
        case TransportDecoder.udp:
            let udp = try TransportDecoder.udp(datagram, in: bytes, frame: frame.number)
            guard ports.contains(udp.sourcePort) || ports.contains(udp.destinationPort) else { return }
            if udp.missingBytes > 0 {
                throw CaptureError(
                    .truncatedPayload, at: udp.data.lowerBound, frame: frame.number,
                    "UDP payload \(Self.cut(frame)): \(udp.data.count) of \(udp.data.count + udp.missingBytes) bytes captured")
            }
            guard !udp.data.isEmpty else { return }
            append(CapturedMessage(
                frameNumber: frame.number, transport: .udp,
                sourceAddress: datagram.source.presentation, destinationAddress: datagram.destination.presentation,
                sourcePort: udp.sourcePort, destinationPort: udp.destinationPort,
                timestampSeconds: frame.timestampSeconds, timestampMicroseconds: frame.timestampMicroseconds,
                payload: Array(bytes[udp.data])))
        case TransportDecoder.tcp:
            let tcp = try TransportDecoder.tcp(datagram, in: bytes, frame: frame.number)
            guard ports.contains(tcp.sourcePort) || ports.contains(tcp.destinationPort) else { return }
            let key = TCPFlowKey(
                source: datagram.source, destination: datagram.destination,
                sourcePort: tcp.sourcePort, destinationPort: tcp.destinationPort)
            reassembled.removeAll(keepingCapacity: true)
            reassembler.add(key, sequence: tcp.sequenceNumber, isSYN: tcp.isSYN, data: bytes[tcp.data], frame: stamp, into: &reassembled)
            if !reassembled.isEmpty {
                let source = datagram.source.presentation
                let destination = datagram.destination.presentation
                for message in reassembled {
                    append(CapturedMessage(
                        frameNumber: message.frame.number, transport: .tcp,
                        sourceAddress: source, destinationAddress: destination,
                        sourcePort: tcp.sourcePort, destinationPort: tcp.destinationPort,
                        timestampSeconds: message.frame.timestampSeconds,
                        timestampMicroseconds: message.frame.timestampMicroseconds,
                        payload: message.payload))
                }
            }
            if datagram.missingBytes > 0 {
                throw CaptureError(
                    .truncatedPayload, at: tcp.data.lowerBound, frame: frame.number,
                    "TCP segment \(Self.cut(frame)): \(datagram.missingBytes) bytes missing; the stream will have a hole")
            }
        default:
            return
        }
    }

    /// Why a payload is short: the capture kept fewer bytes than the wire had, or the headers
    /// announce more than the packet ever held.
    private static func cut(_ frame: CaptureFrame) -> String {
        frame.originalLength > frame.data.count
            ? "cut by the snapshot length (\(frame.data.count) of \(frame.originalLength) frame bytes kept)"
            : "shorter than its headers announce"
    }

    private mutating func append(_ message: CapturedMessage) {
        if let last = messages.last, last.frameNumber > message.frameNumber { needsSorting = true }
        messages.append(message)
    }

    /// Finishes the TCP streams and returns everything, messages by frame number and problems by
    /// file offset (both stable).
    mutating func finish(readProblems: [CaptureError]) -> CaptureDecoding {
        if needsSorting {
            messages = messages.enumerated()
                .sorted { ($0.element.frameNumber, $0.offset) < ($1.element.frameNumber, $1.offset) }
                .map(\.element)
        }
        let all = problems + reassembler.finish() + readProblems
        let ordered = all.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
        return CaptureDecoding(messages: messages, problems: ordered)
    }
}

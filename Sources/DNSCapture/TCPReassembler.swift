/// One direction of a TCP connection: from (source address, port) to (destination address, port).
struct TCPFlowKey: Hashable, Sendable {
    var source: IPAddress
    var destination: IPAddress
    var sourcePort: UInt16
    var destinationPort: UInt16
}

/// Reassembles every direction of every TCP connection in a capture, each on its own, and
/// hands out the DNS messages they carry.
///
/// A SYN with a new initial sequence number on a 4-tuple already seen starts a new connection
/// (port reuse): the old stream is finished first, so its problems are reported.
struct TCPReassembler {
    private var streams: [TCPFlowKey: TCPStream] = [:]
    /// Problems of streams that were replaced by a new connection on the same 4-tuple.
    private var finishedProblems: [CaptureError] = []

    /// Adds one segment of the direction `key`; appends the messages it completes to `messages`.
    mutating func add(
        _ key: TCPFlowKey, sequence: UInt32, isSYN: Bool, data: ArraySlice<UInt8>, frame: FrameStamp,
        into messages: inout [ReassembledMessage]
    ) {
        if isSYN, let existing = streams[key], existing.isStarted, existing.isNewConnection(synSequence: sequence) {
            finishedProblems += existing.finish()
            streams[key] = TCPStream()
        }
        streams[key, default: TCPStream()].add(sequence: sequence, isSYN: isSYN, data: data, frame: frame, into: &messages)
    }

    /// The problems of every stream: holes never filled, messages never completed, in file order.
    func finish() -> [CaptureError] {
        var problems = finishedProblems
        for stream in streams.values { problems += stream.finish() }
        return problems.sorted { ($0.offset, $0.detail) < ($1.offset, $1.detail) }
    }
}

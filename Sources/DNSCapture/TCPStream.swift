/// The frame a piece of TCP data arrived in: enough to attribute a message and report a problem.
struct FrameStamp: Sendable {
    var number: Int
    var timestampSeconds: UInt64
    var timestampMicroseconds: UInt32
    /// Absolute file offset of the frame's bytes.
    var offset: Int
}

/// A DNS message cut out of a TCP byte stream, stamped with the frame its last byte arrived in.
struct ReassembledMessage: Sendable {
    var payload: [UInt8]
    var frame: FrameStamp
}

/// One direction of one TCP connection: puts segments back in sequence order (RFC 9293 §3.4,
/// §3.10.7.4) and cuts the byte stream into DNS messages, each prefixed by a two-octet length
/// (RFC 1035 §4.2.2, RFC 7766 §8).
///
/// Positions are counted in stream bytes since the stream started (SYN + 1, or the first data
/// seen when the capture began mid-connection), so sequence-number wrap-around does not matter.
/// Duplicate and overlapping data (retransmissions) is trimmed; data ahead of a hole waits in
/// `pending`. If the hole is never filled — lost or uncaptured segments — the stream stops there
/// and `finish` reports it: bytes after a hole cannot be framed reliably.
struct TCPStream {
    /// Out-of-order data waiting for the bytes before it.
    struct PendingSegment {
        var sequence: UInt32
        var data: [UInt8]
        var frame: FrameStamp
    }

    /// Bytes of out-of-order data held before the stream is declared broken.
    static let maximumPendingBytes = 1 << 20
    /// A segment further ahead than this is not plausible for one connection (RFC 7323 windows
    /// reach 1 GiB, but DNS streams never have that much in flight).
    static let maximumSequenceJump = 1 << 24

    private(set) var isStarted = false
    private(set) var isStopped = false
    /// Sequence number of the SYN, when it was seen.
    private(set) var initialSequence: UInt32?
    /// Sequence number of the next byte expected in order.
    private(set) var nextSequence: UInt32 = 0
    /// Stream position of `buffer[0]`, of the next in-order byte, and of the first byte not yet
    /// cut into a message.
    private var bufferStart = 0
    private var delivered = 0
    private var consumed = 0
    private var buffer: [UInt8] = []
    /// Which frame delivered which bytes: stream position one past each chunk, in order.
    private var chunks: [(end: Int, frame: FrameStamp)] = []
    private var firstChunk = 0
    private var pending: [PendingSegment] = []
    private var pendingBytes = 0
    /// The problem that stopped the stream, reported once by `finish`.
    private var stopReason: CaptureError?

    /// Adds one segment; appends every message it completes to `messages`.
    mutating func add(
        sequence: UInt32, isSYN: Bool, data: ArraySlice<UInt8>, frame: FrameStamp,
        into messages: inout [ReassembledMessage]
    ) {
        var dataSequence = sequence
        if isSYN {
            // RFC 9293 §3.4: the SYN occupies one sequence number; data (TCP Fast Open) follows it.
            dataSequence = sequence &+ 1
            if !isStarted {
                isStarted = true
                initialSequence = sequence
                nextSequence = dataSequence
            }
        }
        guard !data.isEmpty, !isStopped else { return }
        if !isStarted {
            // The capture began mid-connection: take the first data seen as the start.
            isStarted = true
            nextSequence = dataSequence
        }
        let ahead = Int(Int32(bitPattern: dataSequence &- nextSequence))
        if ahead + data.count <= 0 { return }  // All of it already delivered: a retransmission.
        if ahead <= 0 {
            deliver(data.dropFirst(-ahead), frame: frame)
            drainPending()
        } else if ahead > Self.maximumSequenceJump || pendingBytes + data.count > Self.maximumPendingBytes {
            stop(at: frame)
            return
        } else {
            pending.append(PendingSegment(sequence: dataSequence, data: Array(data), frame: frame))
            pendingBytes += data.count
        }
        cutMessages(into: &messages)
    }

    /// True if a SYN with `synSequence` cannot belong to this stream: its initial sequence number
    /// differs from the SYN already seen, or (stream picked up mid-connection) it is implausibly far
    /// from the data seen.
    func isNewConnection(synSequence: UInt32) -> Bool {
        if let initialSequence { return initialSequence != synSequence }
        let distance = Int(Int32(bitPattern: synSequence &+ 1 &- nextSequence))
        return abs(distance) > Self.maximumSequenceJump
    }

    /// Appends in-order data.
    private mutating func deliver(_ data: ArraySlice<UInt8>, frame: FrameStamp) {
        guard !data.isEmpty else { return }
        buffer.append(contentsOf: data)
        delivered += data.count
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: data.count)
        chunks.append((end: delivered, frame: frame))
    }

    /// Moves waiting segments that now connect to the in-order data into the buffer.
    private mutating func drainPending() {
        var progressed = true
        while progressed, !pending.isEmpty {
            progressed = false
            var index = 0
            while index < pending.count {
                let segment = pending[index]
                let ahead = Int(Int32(bitPattern: segment.sequence &- nextSequence))
                if ahead > 0 {
                    index += 1
                    continue
                }
                pending.remove(at: index)
                pendingBytes -= segment.data.count
                if ahead + segment.data.count > 0 {
                    deliver(segment.data.dropFirst(-ahead), frame: segment.frame)
                    progressed = true
                }
            }
        }
    }

    /// Cuts complete length-prefixed messages off the front of the buffer.
    private mutating func cutMessages(into messages: inout [ReassembledMessage]) {
        while delivered - consumed >= 2 {
            let start = consumed - bufferStart
            let length = Int(buffer[start]) << 8 | Int(buffer[start + 1])
            guard delivered - consumed - 2 >= length else { break }
            let end = consumed + 2 + length
            // The message's frame is the latest of the frames that delivered its bytes.
            var frame = chunks[firstChunk].frame
            var index = firstChunk
            while index < chunks.count {
                if chunks[index].frame.number > frame.number { frame = chunks[index].frame }
                if chunks[index].end >= end { break }
                index += 1
            }
            if length > 0 {
                messages.append(ReassembledMessage(payload: Array(buffer[start + 2..<start + 2 + length]), frame: frame))
            }
            consumed = end
            while firstChunk < chunks.count, chunks[firstChunk].end <= consumed { firstChunk += 1 }
        }
        compact()
    }

    /// Drops bytes and chunk records that have been cut into messages.
    private mutating func compact() {
        if consumed == delivered {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
            bufferStart = consumed
        } else if consumed - bufferStart >= 1 << 14 {
            buffer.removeFirst(consumed - bufferStart)
            bufferStart = consumed
        }
        if firstChunk >= 64 || firstChunk == chunks.count {
            chunks.removeFirst(firstChunk)
            firstChunk = 0
        }
    }

    /// Gives up on the stream at a hole that cannot be filled.
    private mutating func stop(at frame: FrameStamp) {
        let first = pending.min { Int32(bitPattern: $0.sequence &- nextSequence) < Int32(bitPattern: $1.sequence &- nextSequence) }
        let reported = first?.frame ?? frame
        stopReason = CaptureError(
            .tcpMissingData, at: reported.offset, frame: reported.number,
            "TCP data missing after stream byte \(delivered) and not arriving (\(pendingBytes) bytes waiting); the rest of this direction is not decoded")
        isStopped = true
        buffer = []
        pending = []
        pendingBytes = 0
        chunks = []
        firstChunk = 0
    }

    /// The problems left at the end of the capture (or of the connection): a hole that was never
    /// filled, or a message that never completed.
    func finish() -> [CaptureError] {
        if let stopReason { return [stopReason] }
        if let first = pending.min(by: { Int32(bitPattern: $0.sequence &- nextSequence) < Int32(bitPattern: $1.sequence &- nextSequence) }) {
            let gap = Int(Int32(bitPattern: first.sequence &- nextSequence))
            return [CaptureError(
                .tcpMissingData, at: first.frame.offset, frame: first.frame.number,
                "\(gap) bytes of TCP data before this segment were never captured; \(pendingBytes) bytes after the hole are not decoded")]
        }
        if delivered > consumed, firstChunk < chunks.count {
            let frame = chunks[firstChunk].frame
            let start = consumed - bufferStart
            let announced = buffer.indices.contains(start + 1) ? Int(buffer[start]) << 8 | Int(buffer[start + 1]) : nil
            let what = announced.map { "a \($0)-byte DNS message" } ?? "a length prefix"
            return [CaptureError(
                .tcpIncompleteMessage, at: frame.offset, frame: frame.number,
                "the TCP stream ended with \(delivered - consumed) bytes of \(what)")]
        }
        return []
    }
}

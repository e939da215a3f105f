import DNSWire

/// A client's query as the answer builder needs it: the question as the client wrote it (its letter
/// case is echoed), the header bits that are copied into the response, and its EDNS parameters.
public struct ClientQuery: Hashable, Sendable {
    public var id: UInt16
    public var question: Question
    public var recursionDesired: Bool
    public var checkingDisabled: Bool
    /// The client's EDNS record, `nil` when it sent none (then no OPT goes back, RFC 6891 §7).
    public var edns: EDNS?

    public init(id: UInt16, question: Question, recursionDesired: Bool = true, checkingDisabled: Bool = false,
                edns: EDNS? = nil) {
        self.id = id
        self.question = question
        self.recursionDesired = recursionDesired
        self.checkingDisabled = checkingDisabled
        self.edns = edns
    }

    /// Whether RRSIGs go with the RRsets (the DO bit, RFC 3225).
    public var dnssecOK: Bool { edns?.dnssecOK ?? false }

    /// The largest UDP response the client takes: its EDNS payload size (at least 512, RFC 6891 §6.2.5,
    /// at most the resolver's own 1232), or 512 without EDNS.
    public var maximumUDPResponseSize: Int {
        guard let edns else { return WireLimits.classicUDPPayloadSize }
        return min(max(Int(edns.udpPayloadSize), WireLimits.classicUDPPayloadSize), WireLimits.recommendedUDPPayloadSize)
    }

    /// A response with no records and `rcode` (REFUSED, FORMERR, BADVERS…), the question echoed, OPT
    /// (with the extended error, when given) when the query had EDNS.
    public func emptyResponse(rcode: RCode, extendedError: ExtendedDNSError? = nil) -> [UInt8] {
        var output: [UInt8] = []
        ResponseEncoding.emptyResponse(self, rcode: rcode, error: extendedError, into: &output)
        return output
    }
}

import DNSWire

/// Decides what the scripted responder answers: the whole response, byte order included.
///
/// The responder adds nothing and normalises nothing; it only enforces the transport's size limit
/// (which may set TC, see `ScriptedResponder`). Called concurrently from several threads.
public protocol ResponderScript: Sendable {
    /// The response to `query`, or `nil` to drop the query without a reply (a timeout for the client).
    func response(to query: Message, over transport: ResponderTransport) -> Message?
}

/// How a query reached the responder.
public enum ResponderTransport: String, Sendable, Hashable, Codable, CustomStringConvertible {
    case udp
    case tcp

    public var description: String { rawValue.uppercased() }
}

extension Message {
    /// A response skeleton for `query`: its ID, opcode, RD and CD copied, its questions copied as
    /// received (letter case included), QR and RA set, and an OPT record with a 1232-octet payload
    /// size when the query had one (RFC 6891 §7), the DO bit copied (RFC 3225 §3).
    ///
    /// Sections are empty and the RCODE is NOERROR; the script fills in the rest.
    public static func reply(to query: Message) -> Message {
        var header = Header(id: query.header.id)
        header.isResponse = true
        // RFC 1035 §4.1.1: OPCODE and RD are copied into the response; RFC 6840 §5.9: so is CD.
        header.opcode = query.header.opcode
        header.recursionDesired = query.header.recursionDesired
        header.checkingDisabled = query.header.checkingDisabled
        header.recursionAvailable = true
        var reply = Message(header: header, questions: query.questions)
        if query.additionals.contains(where: { $0.type == .opt }) {
            reply.edns = EDNS(udpPayloadSize: UInt16(WireLimits.recommendedUDPPayloadSize),
                              dnssecOK: query.edns?.dnssecOK ?? false)
        }
        return reply
    }
}

import DNSWire
import Foundation

/// One query the responder received, and what became of it.
public struct LoggedQuery: Sendable, Hashable {
    /// What the responder sent back.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The script's response, whole.
        case answered
        /// The script's response cut to the UDP size limit, with TC set.
        case truncated
        /// The script returned `nil`: no reply.
        case dropped
        /// The query did not parse: a header-only FORMERR reply.
        case formatError
    }

    /// The query's ID.
    public var id: UInt16
    /// The first question as received (letter case kept), or `nil` when the query had none or did
    /// not parse.
    public var question: Question?
    public var transport: ResponderTransport
    /// When the query arrived.
    public var time: Date
    public var outcome: Outcome

    public init(id: UInt16, question: Question?, transport: ResponderTransport, time: Date, outcome: Outcome) {
        self.id = id
        self.question = question
        self.transport = transport
        self.time = time
        self.outcome = outcome
    }

    /// The queried name in presentation form (`www.example.`), or `nil`.
    public var name: String? { question?.name.description }
    /// The queried type, or `nil`.
    public var type: RRType? { question?.type }
}

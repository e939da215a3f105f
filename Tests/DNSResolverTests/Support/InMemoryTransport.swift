import DNSResolver
import DNSWire
import Synchronization

/// Unit tests only: "servers" are functions from a query to a response, keyed by address. Over UDP
/// the response is cut to the query's EDNS payload size (or 512), so truncation happens as on a wire.
final class InMemoryTransport: Transport {
    typealias Responder = @Sendable (Message, TransportProtocol) -> Message?

    struct Exchange: Sendable {
        var server: ServerAddress
        var over: TransportProtocol
        var question: Question
        var id: UInt16
        var ednsPayload: UInt16?
    }

    private let responders: Mutex<[String: Responder]>
    private let exchanges = Mutex<[Exchange]>([])

    init(_ responders: [String: Responder] = [:]) { self.responders = Mutex(responders) }

    func setResponder(_ host: String, _ responder: Responder?) { responders.withLock { $0[host] = responder } }

    var log: [Exchange] { exchanges.withLock { $0 } }
    func clearLog() { exchanges.withLock { $0.removeAll() } }

    func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol,
                  timeout: Duration) async throws -> [UInt8] {
        let message = try Message(wire: query)
        if let question = message.questions.first {
            exchanges.withLock { $0.append(Exchange(server: server, over: transport, question: question, id: message.header.id, ednsPayload: message.edns?.udpPayloadSize)) }
        }
        guard let responder = responders.withLock({ $0[server.host] }), let reply = responder(message, transport) else {
            throw TransportError(.timeout, "no response from \(server)")
        }
        let limit = transport == .udp ? Int(message.edns?.udpPayloadSize ?? 512) : WireLimits.maximumMessageSize
        return reply.wire(maxSize: limit)
    }
}

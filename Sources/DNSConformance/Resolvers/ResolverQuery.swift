import DNSWire
import Foundation

/// One question to a resolver, as `preface conform ask` sends it from inside the namespace: RD set,
/// EDNS with a 1232-octet payload (DO when asked), over UDP, again over TCP when truncated.
public struct ResolverExchange: Sendable {
    /// The response, or `nil` when none came.
    public var response: Message?
    /// The response as received, octet for octet.
    public var wire: [UInt8]
    /// Why there is no response.
    public var error: String?
    public var timedOut: Bool
    public var seconds: Double

    public init(response: Message?, wire: [UInt8] = [], error: String? = nil, timedOut: Bool = false, seconds: Double) {
        self.response = response
        self.wire = wire
        self.error = error
        self.timedOut = timedOut
        self.seconds = seconds
    }
}

public enum ResolverQuery {
    /// Asks `server`:`port` one question and waits at most `timeout` seconds.
    public static func ask(server: String, port: UInt16 = 53, question: Question, dnssecOK: Bool,
                           timeout: Double) -> ResolverExchange {
        let started = Date()
        var query = Message(header: Header(id: UInt16.random(in: 0...UInt16.max)), questions: [question])
        query.header.recursionDesired = true
        query.edns = EDNS(dnssecOK: dnssecOK)
        do {
            let (response, wire) = try QueryExchange.exchange(query, server: server, port: port, timeout: timeout)
            return ResolverExchange(response: response, wire: wire, seconds: Date().timeIntervalSince(started))
        } catch {
            let text = "\(error)"
            return ResolverExchange(response: nil, error: text, timedOut: text == "timed out",
                                    seconds: Date().timeIntervalSince(started))
        }
    }
}

/// How `preface conform ask` prints an exchange: JSON lines. The first line is the whole response
/// (`wire`, hex, for the runner to parse again) with its RCODE and flags, or the error; each
/// following line is one record, for people reading the JSON report.
public enum ExchangeLines {
    struct Summary: Codable {
        var server: String
        var question: String
        var seconds: Double
        var rcode: String?
        var flags: String?
        var wire: String?
        var error: String?
        var timedOut: Bool?
    }

    struct RecordLine: Codable {
        var section: String
        var record: String
    }

    public static func render(_ exchange: ResolverExchange, server: String, question: Question) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var summary = Summary(server: server, question: "\(question.name) \(question.type)",
                              seconds: (exchange.seconds * 1000).rounded() / 1000)
        var lines: [String] = []
        if let response = exchange.response {
            summary.rcode = response.rcode.description
            summary.flags = response.flagNames.joined(separator: " ")
            summary.wire = (exchange.wire.isEmpty ? response.wire() : exchange.wire).map { String(format: "%02x", $0) }.joined()
            for (section, records) in [("answer", response.answers), ("authority", response.authorities),
                                       ("additional", response.additionals.filter { $0.type != .opt })] {
                for record in records {
                    lines.append(Self.json(RecordLine(section: section, record: record.compactPresentation), encoder))
                }
            }
        } else {
            summary.error = exchange.error ?? "no response"
            summary.timedOut = exchange.timedOut
        }
        return ([Self.json(summary, encoder)] + lines).joined(separator: "\n") + "\n"
    }

    /// The exchange the first line of `text` describes; `nil` when it is not one.
    public static func parse(_ text: String) -> ResolverExchange? {
        guard let first = text.split(separator: "\n").first,
              let summary = try? JSONDecoder().decode(Summary.self, from: Data(first.utf8)) else { return nil }
        guard let hex = summary.wire else {
            return ResolverExchange(response: nil, error: summary.error, timedOut: summary.timedOut ?? false, seconds: summary.seconds)
        }
        var octets: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let octet = UInt8(hex[index..<next], radix: 16) else { return nil }
            octets.append(octet)
            index = next
        }
        guard let response = try? Message(wire: octets) else {
            return ResolverExchange(response: nil, error: "the response does not parse", seconds: summary.seconds)
        }
        return ResolverExchange(response: response, wire: octets, seconds: summary.seconds)
    }

    private static func json<T: Encodable>(_ value: T, _ encoder: JSONEncoder) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

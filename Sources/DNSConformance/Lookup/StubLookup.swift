import DNSWire
import Foundation

/// Preface's own stub: asks the resolv.conf nameserver for A and/or AAAA and keeps exactly the
/// addresses DNSWire's `AnswerChain` finds at the end of the chain. The `preface-extractor`
/// subject of the conformance matrix.
public enum StubLookup {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first `nameserver` of a resolv.conf.
    public static func nameserver(resolvConf path: String = "/etc/resolv.conf") throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure(description: "cannot read \(path)")
        }
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count >= 2, fields[0] == "nameserver" { return String(fields[1]) }
        }
        throw Failure(description: "no nameserver in \(path)")
    }

    /// Resolves `name` for each type and returns the addresses on the chain, in answer order.
    public static func addresses(of name: String, types: [RRType], server: String, timeout: Double = 2) throws -> [String] {
        let queryName = try DomainName(name)
        var result: [String] = []
        for type in types {
            let response = try exchange(Question(queryName, type), server: server, timeout: timeout)
            guard response.rcode == .noError || response.rcode == .nxDomain else {
                throw Failure(description: "\(type): \(response.rcode)")
            }
            result += try response.answerChain(for: Question(queryName, type)).addresses
        }
        return result
    }

    /// One query, recursion desired, with EDNS.
    static func exchange(_ question: Question, server: String, timeout: Double) throws -> Message {
        var query = Message(header: Header(id: UInt16.random(in: 0...UInt16.max), flags: 0x0100), questions: [question])
        query.edns = EDNS()
        return try QueryExchange.exchange(query, server: server, timeout: timeout).response
    }
}

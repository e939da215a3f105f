import DNSWire
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connected UDP socket to a DNS server on port 53, with a receive timeout.
struct DatagramSocket {
    let descriptor: Int32

    init(server: String, port: UInt16 = 53, timeout: Double) throws {
        guard let address = SocketAddress(server, port: port) else {
            throw StubLookup.Failure(description: "\(server) is not an IP address")
        }
        descriptor = Glibc.socket(address.family, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw StubLookup.Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        let connected = address.withSockaddr { connect(descriptor, $0, address.length) }
        guard connected == 0 else { throw StubLookup.Failure(description: "connect \(server): \(String(cString: strerror(errno)))") }
    }

    func send(_ bytes: [UInt8]) throws {
        guard Glibc.send(descriptor, bytes, bytes.count, 0) == bytes.count else {
            throw StubLookup.Failure(description: "send: \(String(cString: strerror(errno)))")
        }
    }

    func receive() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65_535)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { throw StubLookup.Failure(description: errno == EAGAIN ? "timed out" : String(cString: strerror(errno))) }
        return Array(buffer[..<count])
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// DNS over TCP: 2-octet length prefix (RFC 1035 §4.2.2).
enum StreamExchange {
    static func exchange(_ query: [UInt8], server: String, port: UInt16 = 53, timeout: Double, id: UInt16) throws -> Message {
        guard let address = SocketAddress(server, port: port) else {
            throw StubLookup.Failure(description: "\(server) is not an IP address")
        }
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StubLookup.Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        guard address.withSockaddr({ connect(descriptor, $0, address.length) }) == 0 else {
            throw StubLookup.Failure(description: "TCP connect \(server): \(String(cString: strerror(errno)))")
        }
        let framed = [UInt8(query.count >> 8), UInt8(query.count & 0xFF)] + query
        guard send(descriptor, framed, framed.count, 0) == framed.count else {
            throw StubLookup.Failure(description: "TCP send: \(String(cString: strerror(errno)))")
        }
        let prefix = try read(descriptor, count: 2)
        let response = try Message(wire: try read(descriptor, count: Int(prefix[0]) << 8 | Int(prefix[1])))
        guard response.header.id == id else { throw StubLookup.Failure(description: "TCP answer with another ID") }
        return response
    }

    static func read(_ descriptor: Int32, count: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: max(count, 1))
        while result.count < count {
            let received = recv(descriptor, &buffer, count - result.count, 0)
            guard received > 0 else { throw StubLookup.Failure(description: "TCP answer cut short") }
            result += buffer[..<received]
        }
        return result
    }
}


/// One DNS exchange as a stub does it: the query over UDP, retried over TCP when the answer is
/// truncated (RFC 7766 §5). Datagrams that are not the answer to this query are ignored
/// (RFC 5452 §9.1). The one client the conformance runner uses, for stubs and resolvers alike.
enum QueryExchange {
    static func exchange(_ query: Message, server: String, port: UInt16 = 53, timeout: Double) throws -> (response: Message, wire: [UInt8]) {
        let wire = query.wire()
        let socket = try DatagramSocket(server: server, port: port, timeout: timeout)
        defer { socket.close() }
        try socket.send(wire)
        while true {
            let reply = try socket.receive()
            guard let response = try? Message(wire: reply), response.header.id == query.header.id,
                  response.header.isResponse, response.questions == query.questions else { continue }
            if response.header.isTruncated {
                let streamed = try StreamExchange.exchange(wire, server: server, port: port, timeout: timeout, id: query.header.id)
                return (streamed, streamed.wire())
            }
            return (response, reply)
        }
    }
}

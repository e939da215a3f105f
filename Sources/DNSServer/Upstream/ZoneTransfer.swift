import DNSResolver
import DNSWire
import NIOCore
import NIOPosix

/// AXFR over TCP (RFC 5936): the whole zone, from the first SOA to the closing one, with limits on
/// records, octets and time.
public enum ZoneTransfer {
    public struct Limits: Sendable {
        public var maximumRecords = 500_000
        public var maximumOctets = 128 << 20
        public var timeout: Duration = .seconds(60)
        public init() {}
    }

    public static func transfer(_ zone: DomainName, from server: ListenAddress, limits: Limits = Limits(),
                                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> [ResourceRecord] {
        let remote: SocketAddress
        do {
            remote = try SocketAddress(ipAddress: server.host, port: Int(server.port))
        } catch {
            throw TransportError(.unreachable, "\(server.host) is not an IP address")
        }
        let id = UInt16.random(in: .min ... .max)
        let query = Message(header: Header(id: id, flags: 0), questions: [Question(zone, .axfr)]).wire()
        let transferLimits = limits
        return try await withThrowingTaskGroup(of: [ResourceRecord].self) { group in
            group.addTask {
                let channel = try await NIOTransport.connectTCP(to: remote, group: eventLoopGroup)
                return try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(LengthPrefixedFrameDecoder.frame(query))
                    var records: [ResourceRecord] = []
                    var octets = 0
                    for try await frame in inbound {
                        octets += frame.readableBytes
                        guard octets <= transferLimits.maximumOctets else {
                            throw TransportError(.malformed, "AXFR from \(server): more than \(transferLimits.maximumOctets) octets")
                        }
                        let message = try Message(wire: Array(frame.readableBytesView))
                        guard message.header.id == id, message.header.isResponse else { continue }
                        guard message.rcode == .noError else {
                            throw TransportError(.malformed, "AXFR from \(server): \(message.rcode)")
                        }
                        for record in message.answers {
                            // RFC 5936 §2.2: the transfer starts with the SOA and ends with it again.
                            if records.isEmpty, record.type != .soa {
                                throw TransportError(.malformed, "AXFR from \(server) does not start with the SOA")
                            }
                            if record.type == .soa, !records.isEmpty {
                                return records
                            }
                            records.append(record)
                            guard records.count <= transferLimits.maximumRecords else {
                                throw TransportError(.malformed, "AXFR from \(server): more than \(transferLimits.maximumRecords) records")
                            }
                        }
                    }
                    throw TransportError(.malformed, "AXFR from \(server) ended before the closing SOA")
                }
            }
            group.addTask {
                try await Task.sleep(for: transferLimits.timeout)
                throw TransportError(.timeout, "AXFR from \(server) took longer than \(transferLimits.timeout)")
            }
            defer { group.cancelAll() }
            guard let records = try await group.next() else { throw TransportError(.timeout) }
            return records
        }
    }
}

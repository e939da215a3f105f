import DNSResolver
import NIOCore
import NIOPosix

/// The resolver's real upstream transport.
///
/// UDP: every query gets a socket of its own, bound to port 0 so the kernel picks a random source port
/// (RFC 5452 §9.2), and connected to the server, so datagrams from anyone else never reach it and an
/// ICMP unreachable fails the exchange at once. TCP (RFC 7766 §8): one connection per exchange, the
/// message framed by its two-octet length.
public struct NIOTransport: Transport {
    let group: any EventLoopGroup

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    public func exchange(_ query: [UInt8], with server: ServerAddress, over transport: TransportProtocol,
                         timeout: Duration) async throws -> [UInt8] {
        let remote: SocketAddress
        do {
            remote = try SocketAddress(ipAddress: server.host, port: Int(server.port))
        } catch {
            throw TransportError(.unreachable, "\(server.host) is not an IP address")
        }
        return try await Self.withTimeout(timeout, server: server) {
            switch transport {
            case .udp: try await udpExchange(query, with: remote)
            case .tcp: try await tcpExchange(query, with: remote)
            }
        }
    }

    private func udpExchange(_ query: [UInt8], with remote: SocketAddress) async throws -> [UInt8] {
        let channel = try await DatagramBootstrap(group: group)
            .connect(to: remote) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: query)))
            do {
                for try await envelope in inbound where envelope.remoteAddress == remote {
                    return Array(envelope.data.readableBytesView)
                }
            } catch {
                throw TransportError(.unreachable, "\(error)")
            }
            throw TransportError(.unreachable, "the socket closed before a response came")
        }
    }

    private func tcpExchange(_ query: [UInt8], with remote: SocketAddress) async throws -> [UInt8] {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connect(to: remote) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LengthPrefixedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw TransportError(.unreachable, "TCP connection failed: \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            var framed = ByteBuffer()
            framed.writeInteger(UInt16(truncatingIfNeeded: query.count))
            framed.writeBytes(query)
            try await outbound.write(framed)
            do {
                for try await frame in inbound { return Array(frame.readableBytesView) }
            } catch {
                throw TransportError(.malformed, "\(error)")
            }
            throw TransportError(.malformed, "the connection closed before a whole response came")
        }
    }

    /// Runs `body`, failing with `.timeout` when it takes longer than `timeout`; the loser is cancelled.
    static func withTimeout(_ timeout: Duration, server: ServerAddress,
                            _ body: @escaping @Sendable () async throws -> [UInt8]) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TransportError(.timeout, "no response from \(server) in \(timeout)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TransportError(.timeout, "no response from \(server)") }
            return first
        }
    }
}

/// RFC 1035 §4.2.2 / RFC 7766 §8: each message on a TCP connection is preceded by its two-octet length.
struct LengthPrefixedFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
              buffer.readableBytes >= 2 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        guard let frame = buffer.readSlice(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }
}

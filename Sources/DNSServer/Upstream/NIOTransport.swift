import DNSResolver
import NIOCore
import NIOPosix

/// The resolver's real upstream transport.
///
/// UDP: every query gets a socket of its own, connected to the server (`UpstreamDatagrams`, without a
/// channel pipeline). TCP (RFC 7766 §8): one connection per exchange through SwiftNIO, the message
/// framed by its two-octet length.
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
        switch transport {
        case .udp:
            return try await UpstreamDatagrams.shared.exchange(query, with: remote, timeout: timeout)
        case .tcp:
            // Every failure is a TransportError, so the resolver goes on to the zone's next server (a
            // connection closed before the query was written, say).
            do {
                return try await Self.withTimeout(timeout, server: server) { try await tcpExchange(query, with: remote) }
            } catch let error as TransportError {
                throw error
            } catch {
                throw TransportError(.unreachable, "TCP exchange with \(server): \(error)")
            }
        }
    }

    private func tcpExchange(_ query: [UInt8], with remote: SocketAddress) async throws -> [UInt8] {
        let channel = try await Self.connectTCP(to: remote, group: group)
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(LengthPrefixedFrameDecoder.frame(query))
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

extension NIOTransport {
    /// A TCP connection that reads and writes whole DNS messages (length-prefixed frames).
    static func connectTCP(to remote: SocketAddress, group: any EventLoopGroup) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        do {
            return try await ClientBootstrap(group: group)
                .connect(to: remote) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LengthPrefixedFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw TransportError(.unreachable, "TCP connection to \(remote) failed: \(error)")
        }
    }
}

/// RFC 1035 §4.2.2 / RFC 7766 §8: each message on a TCP connection is preceded by its two-octet length.
struct LengthPrefixedFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// A message with its two-octet length in front, for writing.
    static func frame(_ message: [UInt8], allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: message.count + 2)
        buffer.writeInteger(UInt16(truncatingIfNeeded: message.count))
        buffer.writeBytes(message)
        return buffer
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
              buffer.readableBytes >= 2 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        guard let frame = buffer.readSlice(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }
}

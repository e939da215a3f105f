import DNSResolver
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// DNS over UDP: one socket per event loop on the same address (SO_REUSEPORT spreads the queries),
/// datagrams read in batches (recvmmsg), cache hits answered on the event loop, responses flushed
/// together (sendmmsg) when a batch is done.
enum UDPFrontend {
    static func bind(_ address: ListenAddress, handler: QueryHandler, settings: ServeConfiguration.UDPSettings,
                     group: MultiThreadedEventLoopGroup) async throws -> [any Channel] {
        var channels: [any Channel] = []
        for loop in group.makeIterator() {
            let channel = try await DatagramBootstrap(group: loop)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(.socketOption(NIOBSDSocket.Option(rawValue: SO_REUSEPORT)), value: 1)
                .channelOption(.datagramVectorReadMessageCount, value: 32)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 32 * 2048))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(UDPQueryChannelHandler(handler: handler))
                    }
                }
                .bind(host: address.host, port: Int(address.port))
                .get()
            channels.append(channel)
            await setReceiveBuffer(settings.receiveBuffer, on: channel, handler: handler)
        }
        return channels
    }

    /// SO_RCVBUFFORCE (root, or CAP_NET_ADMIN) sets the size asked for; otherwise SO_RCVBUF, which the
    /// kernel caps at net.core.rmem_max. A smaller buffer than asked is logged, never fatal.
    private static func setReceiveBuffer(_ size: Int, on channel: any Channel, handler: QueryHandler) async {
        let value = SocketOptionValue(clamping: size)
        do {
            try await channel.setOption(.socketOption(NIOBSDSocket.Option(rawValue: SO_RCVBUFFORCE)), value: value).get()
        } catch {
            try? await channel.setOption(.socketOption(.so_rcvbuf), value: value).get()
        }
        // Linux reports twice the size set (the other half is its bookkeeping).
        let granted = (try? await channel.getOption(.socketOption(.so_rcvbuf)).get()).map { Int($0) / 2 } ?? 0
        if granted < size {
            handler.logger.notice("UDP receive buffer smaller than configured", metadata: [
                "configured": "\(size)", "granted": "\(granted)",
                "hint": "run as root, or raise net.core.rmem_max"])
        }
    }
}

final class UDPQueryChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    let handler: QueryHandler
    /// Reused for every datagram: the query's octets, and the response written from the cache.
    private var input: [UInt8] = []
    private var output: [UInt8] = []

    init(handler: QueryHandler) {
        self.handler = handler
        input.reserveCapacity(2048)
        output.reserveCapacity(2048)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let client = envelope.remoteAddress
        input.removeAll(keepingCapacity: true)
        input.append(contentsOf: envelope.data.readableBytesView)
        switch handler.handle(input, from: ClientAddress(client), over: .udp, into: &output) {
        case .respond:
            var buffer = context.channel.allocator.buffer(capacity: output.count)
            buffer.writeBytes(output)
            context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: client, data: buffer)), promise: nil)
        case .drop:
            break
        case .resolve(let query, let maximumSize, let started):
            let channel = context.channel
            let handler = self.handler
            Task {
                let wire = await handler.resolve(query, maximumSize: maximumSize, started: started)
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: client, data: ByteBuffer(bytes: wire)), promise: nil)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors and the like on a UDP socket: nothing to do, and never a reason to stop serving.
    }
}

import DNSResolver
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// DNS over UDP: one socket per event loop on the same address (SO_REUSEPORT spreads the queries),
/// datagrams read in batches (recvmmsg), cache hits answered on the event loop.
enum UDPFrontend {
    static func bind(_ address: ListenAddress, handler: QueryHandler, group: MultiThreadedEventLoopGroup) async throws -> [any Channel] {
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
        }
        return channels
    }
}

final class UDPQueryChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    let handler: QueryHandler

    init(handler: QueryHandler) { self.handler = handler }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let client = envelope.remoteAddress
        let octets = client.addressOctets
        switch handler.handle(Array(envelope.data.readableBytesView), from: octets, over: .udp) {
        case .respond(let wire):
            context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: client, data: context.channel.allocator.buffer(bytes: wire))), promise: nil)
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

extension SocketAddress {
    /// The address as 4 or 16 octets (empty for a Unix socket).
    var addressOctets: [UInt8] {
        switch self {
        case .v4(let address):
            return withUnsafeBytes(of: address.address.sin_addr.s_addr) { Array($0) }
        case .v6(let address):
            return withUnsafeBytes(of: address.address.sin6_addr) { Array($0) }
        case .unixDomainSocket:
            return []
        }
    }
}

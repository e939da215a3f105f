import DNSResolver
import NIOCore
import NIOPosix
import Synchronization

/// DNS over TCP (RFC 7766): length-prefixed messages, several queries in flight per connection
/// (pipelining) answered as each is ready (out of order), an idle timeout, and a cap on connections.
enum TCPFrontend {
    static func bind(_ address: ListenAddress, handler: QueryHandler, settings: ServeConfiguration.TCPSettings,
                     group: MultiThreadedEventLoopGroup) async throws -> any Channel {
        let connections = ConnectionCount(limit: settings.maximumConnections)
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard connections.open() else {
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in connections.close() }
                return channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(IdleStateHandler(readTimeout: TimeAmount.nanoseconds(Int64(settings.idleTimeout.components.seconds) * 1_000_000_000)))
                    try operations.addHandler(ByteToMessageHandler(LengthPrefixedFrameDecoder()))
                    try operations.addHandler(TCPQueryChannelHandler(handler: handler, maximumInFlight: settings.maximumPipelined))
                }
            }
            .bind(host: address.host, port: Int(address.port))
            .get()
    }
}

/// Connections open now, against the configured cap.
final class ConnectionCount: Sendable {
    private let count = Mutex(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func open() -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func close() { count.withLock { $0 -= 1 } }
}

final class TCPQueryChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let handler: QueryHandler
    let maximumInFlight: Int
    /// Queries being resolved; reading pauses at the cap (RFC 7766 §6.2.1.1: pipelining, bounded).
    private var inFlight = 0

    init(handler: QueryHandler, maximumInFlight: Int) {
        self.handler = handler
        self.maximumInFlight = maximumInFlight
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let client = context.remoteAddress.map(ClientAddress.init) ?? []
        var output: [UInt8] = []
        switch handler.handle(Array(frame.readableBytesView), from: client, over: .tcp, into: &output) {
        case .respond:
            context.writeAndFlush(wrapOutboundOut(LengthPrefixedFrameDecoder.frame(output, allocator: context.channel.allocator)), promise: nil)
        case .drop:
            break
        case .resolve(let query, let maximumSize, let started):
            inFlight += 1
            if inFlight >= maximumInFlight { context.channel.setOption(.autoRead, value: false).whenComplete { _ in } }
            let this = NIOLoopBound(self, eventLoop: context.eventLoop)
            let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            let handler = self.handler
            let eventLoop = context.eventLoop
            Task {
                let wire = await handler.resolve(query, maximumSize: maximumSize, started: started)
                eventLoop.execute { this.value.resolved(wire, context: boundContext.value) }
            }
        }
    }

    /// Back on the event loop with a resolved answer: send it, and read again if reading had paused.
    private func resolved(_ wire: [UInt8], context: ChannelHandlerContext) {
        inFlight -= 1
        context.writeAndFlush(wrapOutboundOut(LengthPrefixedFrameDecoder.frame(wire, allocator: context.channel.allocator)), promise: nil)
        if inFlight < maximumInFlight { context.channel.setOption(.autoRead, value: true).whenComplete { _ in } }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, inFlight == 0 {
            // RFC 7766 §6.2.3: idle connections are closed by the server.
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A connection that breaks the framing (or resets) is closed; the server goes on.
        context.close(promise: nil)
    }
}

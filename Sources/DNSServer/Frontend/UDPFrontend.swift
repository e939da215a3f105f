import CDatagramBatch
import DNSResolver
import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// DNS over UDP: one socket per CPU on the same address (SO_REUSEPORT spreads the queries), each
/// served by its own thread that reads datagrams in batches (recvmmsg), answers cache hits at once and
/// sends the batch's answers together (sendmmsg). Cache misses are resolved off the thread and
/// answered when ready. No channel pipeline: a cache hit costs two system calls shared by the batch,
/// and no allocation but the query's parse.
final class UDPFrontend: Sendable {
    /// Datagrams read per system call.
    static let batch = 32
    /// Answers sent per system call at most: the first query of a full batch waits for this many
    /// answers, not for the whole batch.
    static let sendEvery = 8
    /// The largest query taken (a longer datagram is cut by the kernel, counted as malformed, and not
    /// answered); also the room for each answer, which is at most 1232 octets over UDP.
    static let slot = 4096
    /// How often a thread blocked in recvmmsg looks whether it should stop.
    static let stopCheckInterval = timeval(tv_sec: 0, tv_usec: 250_000)

    private let descriptor: Int32
    private let handler: QueryHandler
    let address: ListenAddress
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    /// Whether `descriptor` is still open: resolution tasks answer through it from other threads, and
    /// must not write to a closed descriptor (or one the number was reused for).
    private let open = Mutex(true)

    /// Binds one socket per thread on `address`; the threads start with `start()`.
    static func bind(_ address: ListenAddress, handler: QueryHandler, settings: ServeConfiguration.UDPSettings,
                     threads: Int) throws -> [UDPFrontend] {
        var sockets: [UDPFrontend] = []
        do {
            for _ in 0..<max(1, threads) { sockets.append(try UDPFrontend(address, handler: handler, settings: settings)) }
        } catch {
            for socket in sockets { socket.stop() }
            throw error
        }
        return sockets
    }

    private init(_ address: ListenAddress, handler: QueryHandler, settings: ServeConfiguration.UDPSettings) throws {
        self.address = address
        self.handler = handler
        let socketAddress = try SocketAddress(ipAddress: address.host, port: Int(address.port))
        let family = socketAddress.protocol.rawValue
        descriptor = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonError("UDP \(address): socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        var interval = Self.stopCheckInterval
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        if family == AF_INET6 { setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size)) }
        setReceiveBuffer(settings.receiveBuffer)
        let bound = socketAddress.withSockAddr { pointer, length in Glibc.bind(descriptor, pointer, socklen_t(length)) }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw DaemonError("UDP \(address): bind: \(reason)")
        }
    }

    /// SO_RCVBUFFORCE (root, or CAP_NET_ADMIN) sets the size asked for; otherwise SO_RCVBUF, which the
    /// kernel caps at net.core.rmem_max. A smaller buffer than asked is logged, never fatal.
    private func setReceiveBuffer(_ size: Int) {
        var value = Int32(clamping: size)
        let length = socklen_t(MemoryLayout<Int32>.size)
        if setsockopt(descriptor, SOL_SOCKET, SO_RCVBUFFORCE, &value, length) != 0 {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &value, length)
        }
        // Linux reports twice the size set (the other half is its bookkeeping).
        var granted: Int32 = 0
        var grantedLength = length
        getsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &granted, &grantedLength)
        if Int(granted) / 2 < size {
            handler.logger.notice("UDP receive buffer smaller than configured", metadata: [
                "configured": "\(size)", "granted": "\(granted / 2)", "hint": "run as root, or raise net.core.rmem_max"])
        }
    }

    func start() {
        started.store(true, ordering: .releasing)
        NamedThread.start("preface-udp") { [self] in
            serve()
            closeDescriptor()
        }
    }

    /// Stops reading (within `stopCheckInterval`); the socket closes when its thread ends, or now if
    /// it never started. Answers still being resolved are dropped.
    func stop() {
        stopping.store(true, ordering: .releasing)
        guard started.load(ordering: .acquiring) else {
            closeDescriptor()
            return
        }
        // Wakes a blocked recvmmsg at once (the receive timeout is the fallback).
        _ = shutdown(descriptor, Int32(SHUT_RD))
    }

    private func closeDescriptor() {
        open.withLock { open in
            if open { close(descriptor) }
            open = false
        }
    }

    private func serve() {
        let batch = Self.batch, slot = Self.slot
        let incoming = UnsafeMutableRawBufferPointer.allocate(byteCount: batch * slot, alignment: 16)
        let outgoing = UnsafeMutableRawBufferPointer.allocate(byteCount: batch * slot, alignment: 16)
        defer {
            incoming.deallocate()
            outgoing.deallocate()
        }
        var lengths = [Int](repeating: 0, count: batch)
        var truncated = [Int32](repeating: 0, count: batch)
        var sources = [sockaddr_storage](repeating: sockaddr_storage(), count: batch)
        var sourceLengths = [socklen_t](repeating: 0, count: batch)
        var replyLengths = [Int](repeating: 0, count: batch)
        var destinations = [sockaddr_storage](repeating: sockaddr_storage(), count: batch)
        var destinationLengths = [socklen_t](repeating: 0, count: batch)
        var input: [UInt8] = []
        var output: [UInt8] = []
        input.reserveCapacity(slot)
        output.reserveCapacity(slot)

        while !stopping.load(ordering: .acquiring) {
            let received = Int(datagram_receive_batch(descriptor, incoming.baseAddress, slot, UInt32(batch),
                                                      &lengths, &truncated, &sources, &sourceLengths))
            guard received > 0 else { continue }  // timeout, EINTR, or the shutdown that stops the loop
            // A few queries at once (light load): each answer goes as soon as it is ready. A full batch:
            // answers go `sendEvery` at a time, which saves system calls when they are what costs.
            let group = received < Self.sendEvery ? 1 : Self.sendEvery
            var replies = 0
            for index in 0..<received {
                guard truncated[index] == 0 else {
                    handler.metrics.malformed.increment()
                    continue
                }
                input.removeAll(keepingCapacity: true)
                input.append(contentsOf: UnsafeRawBufferPointer(rebasing: incoming[index * slot..<index * slot + lengths[index]]))
                switch handler.handle(input, from: ClientAddress(sources[index]), over: .udp, into: &output) {
                case .respond:
                    guard output.count <= slot else { continue }
                    let at = replies * slot
                    output.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: outgoing[at..<at + $0.count]).copyMemory(from: $0) }
                    replyLengths[replies] = output.count
                    destinations[replies] = sources[index]
                    destinationLengths[replies] = sourceLengths[index]
                    replies += 1
                    if replies == group {
                        _ = datagram_send_batch(descriptor, outgoing.baseAddress, slot, UInt32(replies), replyLengths, destinations, destinationLengths)
                        replies = 0
                    }
                case .drop:
                    break
                case .resolve(let query, let maximumSize, let started):
                    let source = sources[index], sourceLength = sourceLengths[index]
                    let handler = self.handler
                    Task {
                        let wire = await handler.resolve(query, maximumSize: maximumSize, started: started)
                        self.send(wire, to: source, length: sourceLength)
                    }
                }
            }
            if replies > 0 {
                _ = datagram_send_batch(descriptor, outgoing.baseAddress, slot, UInt32(replies), replyLengths, destinations, destinationLengths)
            }
        }
    }

    /// A resolved answer, from whichever thread resolved it.
    private func send(_ wire: [UInt8], to destination: sockaddr_storage, length: socklen_t) {
        var destination = destination
        open.withLock { open in
            guard open else { return }
            _ = wire.withUnsafeBytes { bytes in
                withUnsafePointer(to: &destination) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, length) }
                }
            }
        }
    }
}

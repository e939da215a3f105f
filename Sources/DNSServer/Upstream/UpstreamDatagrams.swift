import CDatagramBatch
import DNSResolver
import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Upstream UDP exchanges without a channel pipeline, because a cold cache pays for one per client query.
///
/// Each query gets a socket of its own, non-blocking and connected to the server: the kernel picks a
/// random source port (RFC 5452 §9.2), datagrams from anyone else never reach it, and an ICMP
/// unreachable fails the exchange at once. The query is sent from the caller's task; one thread waits
/// on every open socket with epoll, hands the first datagram back, closes the socket, and fails the
/// exchanges whose time is up (checked every `tick`).
final class UpstreamDatagrams: Sendable {
    /// The one instance: its thread lives as long as the process and sleeps while nothing is pending.
    static let shared = UpstreamDatagrams()
    /// How often pending exchanges are checked against their deadlines.
    static let tick: Int32 = 10
    /// How long the thread keeps ticking with nothing pending before it sleeps until woken: under
    /// steady load the set empties and refills all the time, and each wake-up costs a system call.
    static let quietBeforeSleep: UInt64 = 1_000_000_000
    /// The largest datagram read (the largest a UDP payload can be).
    static let largestDatagram = 65_535
    /// Readiness events handled per epoll_wait.
    static let eventsPerWait: Int32 = 64

    private struct Exchange {
        let descriptor: Int32
        let deadline: UInt64
        let remote: SocketAddress
        let timeout: Duration
        let continuation: CheckedContinuation<[UInt8], any Error>
    }

    private struct Pending {
        var exchanges: [UInt64: Exchange] = [:]
        var nextKey: UInt64 = 1
        /// The thread is waiting without a timeout (nothing was pending): the next exchange wakes it.
        var sleeping = false
    }

    private let poller: Int32
    /// An eventfd that wakes the thread when an exchange is added while it sleeps without a timeout
    /// (nothing pending for `quietBeforeSleep`). Its epoll key is 0; exchanges are numbered from 1.
    private let wakeup: Int32
    private let pending = Mutex(Pending())

    private init() {
        poller = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeup = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: 0))
        _ = epoll_ctl(poller, EPOLL_CTL_ADD, wakeup, &event)
        NamedThread.start("preface-up-udp") { [self] in run() }
    }

    /// Sends `query` to `remote` and returns the first datagram that comes back within `timeout`.
    func exchange(_ query: [UInt8], with remote: SocketAddress, timeout: Duration) async throws -> [UInt8] {
        guard poller >= 0, wakeup >= 0 else { throw TransportError(.unreachable, "epoll unavailable: \(Self.lastError())") }
        let timeoutNanoseconds = UInt64(max(0, timeout.components.seconds)) * 1_000_000_000 + UInt64(max(0, timeout.components.attoseconds)) / 1_000_000_000
        guard timeoutNanoseconds > 0 else { throw TransportError(.timeout, "no time left to ask \(remote)") }
        let descriptor = socket(remote.protocol.rawValue, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TransportError(.unreachable, "socket: \(Self.lastError())") }
        let connected = remote.withSockAddr { address, length in connect(descriptor, address, socklen_t(length)) }
        guard connected == 0 else {
            let reason = Self.lastError()
            close(descriptor)
            throw TransportError(.unreachable, "connect to \(remote): \(reason)")
        }
        let sent = query.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == query.count else {
            let reason = sent < 0 ? Self.lastError() : "\(sent) of \(query.count) octets sent"
            close(descriptor)
            throw TransportError(.unreachable, "send to \(remote): \(reason)")
        }
        let deadline = Self.now() + timeoutNanoseconds
        return try await withCheckedThrowingContinuation { continuation in
            let exchange = Exchange(descriptor: descriptor, deadline: deadline, remote: remote, timeout: timeout, continuation: continuation)
            // Registered under the lock, so the thread never sees an event for a key it cannot find,
            // and never closes a descriptor before it is registered.
            let (added, wake) = pending.withLock { pending -> (Bool, Bool) in
                let key = pending.nextKey
                pending.nextKey += 1
                var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: key))
                guard epoll_ctl(poller, EPOLL_CTL_ADD, descriptor, &event) == 0 else { return (false, false) }
                pending.exchanges[key] = exchange
                defer { pending.sleeping = false }
                return (true, pending.sleeping)
            }
            guard added else {
                let reason = Self.lastError()
                close(descriptor)
                continuation.resume(throwing: TransportError(.unreachable, "epoll_ctl: \(reason)"))
                return
            }
            if wake {
                var one: UInt64 = 1
                _ = write(wakeup, &one, MemoryLayout<UInt64>.size)
            }
        }
    }

    private func run() {
        guard poller >= 0, wakeup >= 0 else { return }  // every exchange fails at once, saying why
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.largestDatagram, alignment: 16)
        defer { buffer.deallocate() }
        var events = [epoll_event](repeating: epoll_event(), count: Int(Self.eventsPerWait))
        var ready: [(key: UInt64, exchange: Exchange)] = []
        var finished: [(key: UInt64, exchange: Exchange, outcome: Result<[UInt8], any Error>)] = []
        var nextCheck: UInt64 = 0
        var lastBusy: UInt64 = 0
        while true {
            let started = Self.now()
            let idle = pending.withLock { pending in
                if !pending.exchanges.isEmpty { lastBusy = started }
                pending.sleeping = pending.exchanges.isEmpty && started - lastBusy >= Self.quietBeforeSleep
                return pending.sleeping
            }
            let count = Int(epoll_wait(poller, &events, Self.eventsPerWait, idle ? Int32(-1) : Self.tick))
            ready.removeAll(keepingCapacity: true)
            finished.removeAll(keepingCapacity: true)
            if count > 0 {
                pending.withLock { pending in
                    for event in events[0..<count] where event.data.u64 != 0 {
                        if let exchange = pending.exchanges[event.data.u64] { ready.append((event.data.u64, exchange)) }
                    }
                }
                if events[0..<count].contains(where: { $0.data.u64 == 0 }) {
                    var wakes: UInt64 = 0
                    _ = read(wakeup, &wakes, MemoryLayout<UInt64>.size)
                }
            }
            for (key, exchange) in ready {
                let received = recv(exchange.descriptor, buffer.baseAddress, buffer.count, 0)
                if received < 0, errno == EAGAIN || errno == EINTR { continue }  // spurious readiness: keep waiting
                finished.append((key, exchange, received >= 0
                    ? .success(Array(UnsafeRawBufferPointer(rebasing: buffer[0..<received])))
                    : .failure(TransportError(.unreachable, "\(exchange.remote): \(Self.lastError())"))))
            }
            let now = Self.now()
            if now >= nextCheck {
                nextCheck = now + UInt64(Self.tick) * 1_000_000
                let answered = Set(finished.map(\.key))
                pending.withLock { pending in
                    for (key, exchange) in pending.exchanges where exchange.deadline <= now && !answered.contains(key) {
                        finished.append((key, exchange, .failure(TransportError(.timeout, "no response from \(exchange.remote) in \(exchange.timeout)"))))
                    }
                }
            }
            guard !finished.isEmpty else { continue }
            // Only this thread removes exchanges, so each finishes once: unregistered, closed (which
            // takes it out of the epoll set), resumed.
            pending.withLock { pending in
                for (key, _, _) in finished { pending.exchanges[key] = nil }
            }
            for (_, exchange, outcome) in finished {
                close(exchange.descriptor)
                exchange.continuation.resume(with: outcome)
            }
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

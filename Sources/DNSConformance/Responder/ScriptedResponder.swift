import DNSWire
import Dispatch
import Foundation
import Glibc
import Synchronization

/// A DNS server that answers exactly what its script says, over UDP and TCP.
///
/// `init` binds every socket (so a port conflict shows at once, and from then on the kernel queues
/// datagrams and connections); `run()` serves until `stop()`. Plain POSIX sockets and one thread
/// per socket and per TCP connection: the load is a few stub clients on loopback.
///
/// Size limits (the only thing the responder decides): over UDP a response is cut to 512 octets,
/// or to the query's EDNS payload size (RFC 1035 §4.2.1, RFC 6891 §6.2.5), by
/// `Message.wire(maxSize:)`, which drops whole RRsets from the end and sets TC so the client
/// retries over TCP; over TCP the limit is 65,535 octets. A query that does not parse gets a
/// header-only FORMERR when its header is readable; anything shorter than a header, and anything
/// with QR set, is dropped.
public final class ScriptedResponder: Sendable {
    public let script: any ResponderScript
    /// How long a TCP connection may stay idle before the responder closes it (RFC 7766 §6.2.3).
    public let tcpIdleTimeout: Duration
    /// Called for every query as it is logged (from the serving thread): lets a responder in a
    /// child process report its log, which `queryLog` cannot do across processes.
    private let onQuery: (@Sendable (LoggedQuery) -> Void)?

    private struct Listener: Sendable {
        var descriptor: Int32
        var transport: ResponderTransport
        var address: String
    }

    private enum Phase { case bound, running, stopped }

    private struct State {
        var phase = Phase.bound
        var closed = false
        var connections = 0
        var log: [LoggedQuery] = []
    }

    private let listeners: [Listener]
    /// A pipe that becomes readable, for good, when `stop()` is called: every thread polls it
    /// beside its socket, so stopping wakes them all without timeouts or signals.
    private let stopReader: Int32
    private let stopWriter: Int32
    private let state = Mutex(State())
    private let threads = DispatchGroup()

    /// At most this many TCP connections at once; more are closed as soon as they are accepted.
    static let maximumConnections = 64

    /// Binds UDP and TCP sockets on every address (IPv4 or IPv6 literals) at `port`.
    /// Throws a `ResponderError` naming the address that failed (EADDRINUSE, EACCES…).
    public init(addresses: [String], port: UInt16, script: any ResponderScript,
                tcpIdleTimeout: Duration = .seconds(5), onQuery: (@Sendable (LoggedQuery) -> Void)? = nil) throws {
        self.script = script
        self.tcpIdleTimeout = tcpIdleTimeout
        self.onQuery = onQuery
        var listeners: [Listener] = []
        do {
            for address in addresses {
                for transport in [ResponderTransport.udp, .tcp] {
                    let descriptor = try ResponderSocket.bind(address: address, port: port, transport: transport)
                    listeners.append(Listener(descriptor: descriptor, transport: transport, address: address))
                }
            }
        } catch {
            for listener in listeners { close(listener.descriptor) }
            throw error
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            let error = ResponderError(.socketFailed, address: addresses.first ?? "", port: port, systemError: errno)
            for listener in listeners { close(listener.descriptor) }
            throw error
        }
        // pipe2(O_CLOEXEC) is a GNU extension the Glibc module hides.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.listeners = listeners
        stopReader = pipeEnds[0]
        stopWriter = pipeEnds[1]
    }

    deinit {
        closeAll()
    }

    /// Serves until `stop()`: one thread per socket, one per TCP connection. Returns once every
    /// thread has finished and the sockets are closed. Only the first call serves.
    public func run() {
        let start = state.withLock { state in
            guard state.phase == .bound else { return false }
            state.phase = .running
            return true
        }
        guard start else { return }
        for listener in listeners {
            startThread(named: "responder \(listener.transport) \(listener.address)") { [self] in
                switch listener.transport {
                case .udp: serveDatagrams(on: listener.descriptor)
                case .tcp: acceptConnections(on: listener.descriptor)
                }
            }
        }
        threads.wait()
        closeAll()
    }

    /// Stops serving: `run()` returns soon after. Safe to call more than once, from any thread.
    public func stop() {
        let neverRan = state.withLock { state in
            guard state.phase != .stopped else { return false }
            let neverRan = state.phase == .bound
            state.phase = .stopped
            // Under the lock, so the pipe cannot have been closed (and its number reused) meanwhile.
            if !state.closed {
                var byte: UInt8 = 1
                _ = write(stopWriter, &byte, 1)
            }
            return neverRan
        }
        // Never ran: nothing else will close the sockets.
        if neverRan { closeAll() }
    }

    /// Every query received so far, in arrival order.
    public var queryLog: [LoggedQuery] { state.withLock { $0.log } }

    // MARK: - Threads

    private func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            body()
            threads.leave()
        }
        thread.name = name
        thread.start()
    }

    private func closeAll() {
        let first = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        for listener in listeners { close(listener.descriptor) }
        close(stopReader)
        close(stopWriter)
    }

    private enum Readiness { case readable, stopping, timedOut }

    /// Waits until `descriptor` is readable, `stop()` is called, or `milliseconds` pass (-1: no limit).
    private func waitReadable(_ descriptor: Int32, milliseconds: Int32 = -1) -> Readiness {
        var descriptors = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopReader, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, 2, milliseconds)
            if ready < 0, errno == EINTR { continue }
            if ready < 0 || descriptors[1].revents != 0 { return .stopping }
            return ready == 0 ? .timedOut : .readable
        }
    }

    // MARK: - UDP

    private func serveDatagrams(on descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: WireLimits.maximumMessageSize)
        while waitReadable(descriptor) == .readable {
            var sender = sockaddr_storage()
            var senderLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let count = buffer.withUnsafeMutableBytes { buffer in
                withUnsafeMutablePointer(to: &sender) { sender in
                    sender.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT), $0, &senderLength)
                    }
                }
            }
            guard count >= 0 else { continue } // EAGAIN, EINTR, or an ICMP error from an earlier reply
            guard let reply = respond(to: Array(buffer[0..<count]), over: .udp) else { continue }
            _ = reply.withUnsafeBytes { reply in
                withUnsafePointer(to: &sender) { sender in
                    sender.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(descriptor, reply.baseAddress, reply.count, 0, $0, senderLength)
                    }
                }
            }
        }
    }

    // MARK: - TCP

    private func acceptConnections(on descriptor: Int32) {
        while waitReadable(descriptor) == .readable {
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else {
                // Out of descriptors: the listener stays readable, so wait instead of spinning.
                if errno == EMFILE || errno == ENFILE { usleep(50_000) }
                continue
            }
            let admitted = state.withLock { state in
                guard state.connections < Self.maximumConnections else { return false }
                state.connections += 1
                return true
            }
            guard admitted else {
                close(connection)
                continue
            }
            // Glibc's Swift module hides accept4 (a GNU extension), so close-on-exec comes after.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            ResponderSocket.setSendTimeout(connection, seconds: 5)
            startThread(named: "responder TCP connection") { [self] in
                serveConnection(connection)
                close(connection)
                state.withLock { $0.connections -= 1 }
            }
        }
    }

    /// RFC 7766 §8: each message has a 2-octet length prefix; a client may send several queries
    /// on one connection without waiting (§6.2.1.1). They are answered in the order received.
    private func serveConnection(_ connection: Int32) {
        let idle = tcpIdleTimeout.components
        let idleMilliseconds = Int32(clamping: idle.seconds * 1000 + idle.attoseconds / 1_000_000_000_000_000)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            while pending.count >= 2 {
                let length = Int(pending[0]) << 8 | Int(pending[1])
                guard pending.count >= 2 + length else { break }
                let query = Array(pending[2..<2 + length])
                pending.removeFirst(2 + length)
                guard let reply = respond(to: query, over: .tcp) else { continue }
                // One write per message (RFC 7766 §8): prefix and message together.
                let framed = [UInt8(reply.count >> 8), UInt8(reply.count & 0xFF)] + reply
                guard ResponderSocket.sendAll(connection, framed) else { return }
            }
            guard waitReadable(connection, milliseconds: idleMilliseconds) == .readable else { return }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count == 0 { return } // the client closed
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            pending.append(contentsOf: chunk[0..<count])
        }
    }

    // MARK: - One exchange

    /// The reply to one received message, or `nil` to send nothing.
    func respond(to bytes: [UInt8], over transport: ResponderTransport) -> [UInt8]? {
        let time = Date()
        guard bytes.count >= Header.size else { return nil }
        // RFC 1035 §4.1.1: QR set means a response; answering responses could start a loop.
        guard bytes[2] & 0x80 == 0 else { return nil }
        let id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        let query: Message
        do {
            query = try Message(wire: bytes)
        } catch {
            record(LoggedQuery(id: id, question: nil, transport: transport, time: time, outcome: .formatError))
            return Self.formatError(replyingTo: bytes)
        }
        guard let response = script.response(to: query, over: transport) else {
            record(LoggedQuery(id: id, question: query.questions.first, transport: transport, time: time, outcome: .dropped))
            return nil
        }
        let wire = response.wire(maxSize: Self.sizeLimit(for: query, over: transport))
        let truncated = wire.count > 2 && wire[2] & 0x02 != 0
        record(LoggedQuery(id: id, question: query.questions.first, transport: transport, time: time,
                           outcome: truncated ? .truncated : .answered))
        return wire
    }

    /// RFC 1035 §4.2.1: 512 octets over UDP; RFC 6891 §6.2.5: the requestor's payload size when
    /// it sent an OPT record (values below 512 count as 512, which `wire(maxSize:)` enforces);
    /// RFC 7766 §8: 65,535 over TCP. A UDP datagram over IPv4 carries at most 65,507 octets, so a
    /// larger EDNS size is capped there (sendto would fail with EMSGSIZE and the client time out).
    static func sizeLimit(for query: Message, over transport: ResponderTransport) -> Int {
        switch transport {
        case .tcp: WireLimits.maximumMessageSize
        case .udp: min(query.edns.map { Int($0.udpPayloadSize) } ?? WireLimits.classicUDPPayloadSize, maximumDatagramSize)
        }
    }

    /// 65,535 − 20 (IPv4 header) − 8 (UDP header).
    static let maximumDatagramSize = 65_507

    /// A header-only FORMERR (RFC 1035 §4.1.1) for a message whose header is readable: ID,
    /// opcode and RD copied, every count zero.
    static func formatError(replyingTo bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= Header.size else { return nil }
        var header = Header(id: UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
        header.isResponse = true
        header.opcode = Opcode(rawValue: (bytes[2] >> 3) & 0x0F)
        header.recursionDesired = bytes[2] & 0x01 != 0
        header.rcodeLow = UInt8(RCode.formErr.rawValue)
        return Message(header: header).wire()
    }

    private func record(_ entry: LoggedQuery) {
        state.withLock { $0.log.append(entry) }
        onQuery?(entry)
    }
}

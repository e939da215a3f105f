import DNSWire
import Synchronization

/// The resolver's local root (RFC 8806): the verified copy in use, if any, and whether it may be used
/// now. A stale or missing copy is never used; the resolver then asks the live root servers from its
/// hints, and goes back to the copy as soon as a fresh verified one is installed. Each change of state
/// is reported once, with its reason, through `onChange` (logs and metrics hang there).
public final class LocalRoot: Sendable {
    public struct Status: Sendable, Hashable, CustomStringConvertible {
        /// Whether the copy answers root questions now.
        public var inUse: Bool
        public var serial: UInt32?
        /// Why: `serial 2026073102 from file Zones/root.zone, verified`, `stale: its signatures expired…`.
        public var reason: String

        public var description: String { (inUse ? "local root in use: " : "live root servers in use: ") + reason }
    }

    private struct State {
        var copy: LocalRootCopy?
        var lastAcceptedSerial: UInt32?
        var status = Status(inUse: false, serial: nil, reason: "no verified copy loaded yet")
    }

    /// Seconds past verification after which a copy is stale whatever its signatures say.
    public let maximumAge: UInt64
    private let wallClock: @Sendable () -> UInt64
    private let onChange: @Sendable (Status) -> Void
    private let state = Mutex(State())

    /// - Parameters:
    ///   - wallClock: seconds since 1970 (tests move it).
    ///   - onChange: called once per change of `status`.
    public init(maximumAge: UInt64, wallClock: @escaping @Sendable () -> UInt64, onChange: @escaping @Sendable (Status) -> Void = { _ in }) {
        self.maximumAge = maximumAge
        self.wallClock = wallClock
        self.onChange = onChange
    }

    public var now: UInt64 { wallClock() }

    /// How traces name the copy where they name a server.
    public static let traceAddress = ServerAddress(host: "local-root", port: 0)

    /// The serial of the last copy accepted (RFC 1982: a new one must not be lower).
    public var lastAcceptedSerial: UInt32? { state.withLock { $0.lastAcceptedSerial } }

    /// The copy in use, if any, stale or not.
    public var copy: LocalRootCopy? { state.withLock { $0.copy } }

    /// Replaces the copy, atomically, with one that passed `LocalRootVerifier`.
    public func install(_ copy: LocalRootCopy) {
        state.withLock { state in
            state.copy = copy
            state.lastAcceptedSerial = copy.serial
        }
        _ = usableCopy()
    }

    /// Records that no copy could be used (nothing loaded at start, or the loaded one was refused), for
    /// the status. A copy already in use stays in use.
    public func noteRefusal(_ reason: String) {
        update { state in state.copy == nil ? Status(inUse: false, serial: nil, reason: reason) : nil }
    }

    /// The copy when it is fresh now; `nil` (live roots) otherwise.
    public func usableCopy() -> LocalRootCopy? {
        let now = wallClock()
        var usable: LocalRootCopy?
        update { state in
            guard let copy = state.copy else { return nil }
            if let stale = copy.staleness(at: now, maximumAge: maximumAge) {
                return Status(inUse: false, serial: copy.serial, reason: "stale: \(stale)")
            }
            usable = copy
            return Status(inUse: true, serial: copy.serial, reason: "serial \(copy.serial) from \(copy.source), verified")
        }
        return usable
    }

    public var status: Status {
        _ = usableCopy()
        return state.withLock { $0.status }
    }

    /// Applies a new status, reporting it when it differs from the current one.
    private func update(_ decide: (inout State) -> Status?) {
        let changed: Status? = state.withLock { state in
            guard let next = decide(&state), next != state.status else { return nil }
            state.status = next
            return next
        }
        if let changed { onChange(changed) }
    }
}

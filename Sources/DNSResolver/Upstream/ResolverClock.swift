/// A point in time on the resolver's monotonic clock, in milliseconds.
public struct Moment: Hashable, Comparable, Sendable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func < (lhs: Moment, rhs: Moment) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public func adding(seconds: UInt32) -> Moment { Moment(milliseconds: milliseconds + Int64(seconds) * 1000) }
    public func adding(milliseconds delta: Int64) -> Moment { Moment(milliseconds: milliseconds + delta) }

    /// Seconds from `self` until `later`, rounded up (a TTL of 3600 stored a millisecond ago still
    /// reads 3600), never negative.
    public func seconds(until later: Moment) -> UInt32 {
        let delta = later.milliseconds - milliseconds
        return delta <= 0 ? 0 : UInt32(clamping: (delta + 999) / 1000)
    }
}

/// Where the resolver reads the time: TTLs, deadlines and round-trip times all come from here, so tests
/// can move time by hand.
public protocol ResolverClock: Sendable {
    var now: Moment { get }
}

/// The system's monotonic clock.
public struct MonotonicClock: ResolverClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Moment {
        let elapsed = ContinuousClock.now - origin
        let (seconds, attoseconds) = elapsed.components
        return Moment(milliseconds: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

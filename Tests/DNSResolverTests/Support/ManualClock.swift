import DNSResolver
import Synchronization

/// A clock that moves only when a test moves it.
final class ManualClock: ResolverClock {
    private let current = Mutex(Moment(milliseconds: 1_000_000))

    var now: Moment { current.withLock { $0 } }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.adding(milliseconds: Int64(seconds * 1000)) }
    }
}

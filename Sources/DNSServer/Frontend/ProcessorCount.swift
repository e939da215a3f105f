import Foundation

/// The CPUs this process may run on (its affinity mask, as `taskset` sets it): one event loop each.
/// SwiftNIO's own count looks at cgroups and the whole machine, so a daemon pinned to one CPU would
/// otherwise run two event loops on it, taking turns, and every query would wait out the other's slice.
enum ProcessorCount {
    /// From `Cpus_allowed` in /proc/self/status (a comma-separated hex mask); 1 when unreadable.
    static var available: Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return 1 }
        let mask = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
        let count = mask.reduce(0) { $0 + (Int(String($1), radix: 16)?.nonzeroBitCount ?? 0) }
        return max(1, count)
    }
}

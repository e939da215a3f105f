import BenchmarkSupport
import Glibc

/// What is timed: how much of the work of checking a zone copy.
enum Stage: Equatable {
    case parse
    case digest
    case checkProcess
    case checkInProcess

    var title: String {
        switch self {
        case .parse: "parse"
        case .digest: "parse + ZONEMD"
        case .checkProcess: "parse + ZONEMD + DNSSEC, process"
        case .checkInProcess: "parse + ZONEMD + DNSSEC, in-process"
        }
    }

    /// Largest Preface/ldns time ratio accepted, where there is a target.
    var target: Double? {
        switch self {
        case .parse, .checkInProcess: nil
        case .digest: 0.5
        case .checkProcess: 1.0
        }
    }
}

enum Side: Equatable {
    case preface
    case ldns

    var title: String { self == .preface ? "Preface" : "ldns" }
}

/// One timed run: `run` returns `nil` when the answer was right, else what was wrong with it.
struct Contender {
    let stage: Stage
    let side: Side
    let name: String
    let run: () -> String?
}

/// The median and the fastest of a contender's rounds, in seconds.
struct Summary {
    let median: Double
    let minimum: Double

    init(_ timings: [Double]) {
        let sorted = timings.sorted()
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        minimum = sorted.first ?? 0
    }

    /// `median (min)` in milliseconds.
    var text: String { "\(fixed(median * 1000, 1)) (\(fixed(minimum * 1000, 1)))" }
}

extension PrefaceZone {
    /// `run`, and the same record count as the warm-up's.
    static func checked(_ path: String, _ work: Work, expecting expected: Int) -> String? {
        var records = 0
        if let problem = run(path, work, records: &records) { return problem }
        return records == expected ? nil : "read \(records) records, not \(expected)"
    }
}

extension LDNSZone {
    /// `run`, and the same name count as the warm-up's.
    static func checked(_ path: String, verifyDigest: Bool, expecting expected: Int) -> String? {
        var names = 0
        if let problem = run(path, verifyDigest: verifyDigest, names: &names) { return problem }
        return names == expected ? nil : "read \(names) names, not \(expected)"
    }
}

/// `name` in the directory of this executable (release builds put every product in one directory).
func siblingExecutable(_ name: String) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return name }
    let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let slash = path.lastIndex(of: "/") else { return name }
    return String(path[...slash]) + name
}

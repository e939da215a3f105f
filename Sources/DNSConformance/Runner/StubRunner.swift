import DNSWire
import Foundation

/// `preface conform stubs`: every subject × every scenario case, through a scripted responder in a
/// network namespace of its own.
public struct StubRunner {
    public struct Options: Sendable {
        /// Subject ids to run (all when empty); a prefix selects a family (`glibc` → every glibc subject).
        public var subjects: [String] = []
        /// Scenario ids or case ids to run (all when empty), matched by prefix.
        public var scenarios: [String] = []
        public var repeatCount = 3
        /// Seconds one subject run may take.
        public var timeout = 10.0
        /// Cells run at the same time (the clients mostly wait on the responder).
        public var parallelism = 8
        public var cacheDirectory: String
        public var prefaceExecutable: String

        public init(cacheDirectory: String, prefaceExecutable: String) {
            self.cacheDirectory = cacheDirectory
            self.prefaceExecutable = prefaceExecutable
        }
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    /// The record types a subject of `family` queries.
    static func types(of family: AddressFamily) -> Set<RRType> {
        switch family {
        case .inet: [.a]
        case .inet6: [.aaaa]
        case .unspecified: [.a, .aaaa]
        }
    }

    static func matches(_ id: String, _ filters: [String]) -> Bool {
        filters.isEmpty || filters.contains { id == $0 || id.hasPrefix($0) }
    }

    /// Runs the matrix. `progress` is called once per finished cell with (done, total).
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Matrix {
        let scenarioSet = try ScenarioSet.bundled()
        let cases = scenarioSet.cases.filter { Self.matches($0.id, options.scenarios) }
        let environment = SubjectEnvironment(programsDirectory: try Self.programsDirectory(),
                                             cacheDirectory: options.cacheDirectory,
                                             prefaceExecutable: options.prefaceExecutable)
        try FileManager.default.createDirectory(atPath: options.cacheDirectory, withIntermediateDirectories: true)

        // Subjects: absent ones are listed with the reason; helpers are built before anything runs.
        var headings: [Heading] = []
        var runnable: [any StubSubject] = []
        for subject in SubjectCatalog.all where Self.matches(subject.id, options.subjects) {
            var reason = subject.unavailableReason(in: environment)
            if reason == nil {
                do { try subject.prepare(in: environment) } catch { reason = "could not build its helper: \(error)" }
            }
            headings.append(Heading(id: subject.id, title: subject.title, skippedBecause: reason))
            if reason == nil { runnable.append(subject) }
        }

        NamespaceCleanup.removeStale()
        let namespace = try NetworkNamespace.create()
        NamespaceCleanup.installSignalHandlers(for: namespace)
        defer { namespace.destroy() }
        let responder = try ResponderProcess.start(in: namespace, preface: options.prefaceExecutable)
        defer { responder.stop() }

        // Cells: relevant when the subject asks for a type the case scripts.
        var pending: [(subject: any StubSubject, scenarioCase: ScenarioCase)] = []
        var cells: [Cell] = []
        for subject in SubjectCatalog.all where Self.matches(subject.id, options.subjects) {
            for scenarioCase in cases {
                let types = Self.types(of: subject.family)
                let expected = types.sorted().flatMap { scenarioCase.expectedAddresses(for: $0) }
                if let heading = headings.first(where: { $0.id == subject.id }), let reason = heading.skippedBecause {
                    cells.append(Cell(subject: subject.id, scenario: scenarioCase.id, expected: expected, verdict: .skipped, note: reason, runs: []))
                } else if types.isDisjoint(with: scenarioCase.scriptedTypes) {
                    cells.append(Cell(subject: subject.id, scenario: scenarioCase.id, expected: expected, verdict: .skipped,
                                      note: "never asks for \(scenarioCase.flavour.rawValue)", runs: []))
                } else {
                    pending.append((subject, scenarioCase))
                }
            }
        }

        let work = pending
        let results = CellResults(count: work.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallelism)
        for (index, item) in work.enumerated() {
            queue.addOperation { [options] in
                let types = Self.types(of: item.subject.family)
                let expected = types.sorted().flatMap { item.scenarioCase.expectedAddresses(for: $0) }
                var name = item.scenarioCase.queryName.description
                name.removeLast()  // no trailing dot: what an application passes
                var runs: [RunRecord] = []
                for _ in 0..<options.repeatCount {
                    let outcome = ProcessRunner.run(namespace.command(item.subject.command(resolving: name, in: environment)),
                                                    timeout: options.timeout)
                    let observation = item.subject.observation(standardOutput: outcome.standardOutput, standardError: outcome.standardError)
                    let verdict: Verdict = outcome.timedOut ? .timeout
                        : outcome.status != 0 ? .crash
                        : observation.verdict(expected: Set(expected))
                    runs.append(RunRecord(verdict: verdict, observation: observation, status: outcome.status,
                                          standardOutput: outcome.standardOutput, standardError: outcome.standardError,
                                          seconds: outcome.seconds))
                }
                let done = results.set(index, Cell(subject: item.subject.id, scenario: item.scenarioCase.id, expected: expected,
                                                   verdict: Cell.combined(runs), runs: runs))
                progress(done, work.count)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        cells += results.cells

        return Matrix(mode: "stubs", subjects: headings,
                      scenarios: cases.map { Heading(id: $0.id, title: $0.title) },
                      cells: cells, environment: Self.describeEnvironment())
    }

    /// The `SubjectPrograms` resource folder.
    static func programsDirectory() throws -> String {
        guard let url = Bundle.module.url(forResource: "SubjectPrograms", withExtension: nil) else {
            throw ScenarioError("the SubjectPrograms resource folder is missing from this build")
        }
        return url.path
    }

    static func describeEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            environment["os"] = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        var system = utsname()
        uname(&system)
        environment["kernel"] = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        environment["date"] = ISO8601DateFormatter().string(from: Date())
        return environment
    }
}

/// Cells filled in by concurrent operations (stub and resolver runs).
final class CellResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Cell?]
    private var done = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ cell: Cell) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = cell
        done += 1
        return done
    }

    var cells: [Cell] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

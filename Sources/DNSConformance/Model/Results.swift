/// One run of one subject on one scenario case.
public struct RunRecord: Sendable, Codable, Hashable {
    public var verdict: Verdict
    public var observation: Observation
    /// Exit status, or the signal number as a negative value.
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public var seconds: Double

    public init(verdict: Verdict, observation: Observation, status: Int32, standardOutput: String,
                standardError: String, seconds: Double) {
        self.verdict = verdict
        self.observation = observation
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.seconds = seconds
    }
}

/// One cell of the matrix: a subject against a scenario case, run `--repeat` times.
public struct Cell: Sendable, Codable, Hashable {
    public var subject: String
    public var scenario: String
    /// The addresses a correct client returns.
    public var expected: [String]
    public var verdict: Verdict
    /// Why the cell was skipped, when it was.
    public var note: String?
    public var runs: [RunRecord]

    public init(subject: String, scenario: String, expected: [String], verdict: Verdict, note: String? = nil, runs: [RunRecord]) {
        self.subject = subject
        self.scenario = scenario
        self.expected = expected
        self.verdict = verdict
        self.note = note
        self.runs = runs
    }

    /// The cell's verdict from its runs: the common verdict, or FLAKY when they differ.
    public static func combined(_ runs: [RunRecord]) -> Verdict {
        guard let first = runs.first?.verdict else { return .skipped }
        return runs.allSatisfy { $0.verdict == first } ? first : .flaky
    }
}

/// A row or column heading of the matrix.
public struct Heading: Sendable, Codable, Hashable {
    public var id: String
    public var title: String
    /// For subjects: why the subject was skipped, when it was.
    public var skippedBecause: String?

    public init(id: String, title: String, skippedBecause: String? = nil) {
        self.id = id
        self.title = title
        self.skippedBecause = skippedBecause
    }
}

/// A whole run: subjects (rows) × scenario cases (columns).
public struct Matrix: Sendable, Codable {
    /// `stubs` or `resolvers`.
    public var mode: String
    public var subjects: [Heading]
    public var scenarios: [Heading]
    public var cells: [Cell]
    /// Where and when it was measured (OS, tool versions), for the report header.
    public var environment: [String: String]

    public init(mode: String, subjects: [Heading], scenarios: [Heading], cells: [Cell], environment: [String: String]) {
        self.mode = mode
        self.subjects = subjects
        self.scenarios = scenarios
        self.cells = cells
        self.environment = environment
    }

    public func cell(subject: String, scenario: String) -> Cell? {
        cells.first { $0.subject == subject && $0.scenario == scenario }
    }
}

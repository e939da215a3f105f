import DNSWire

extension Scenario {
    /// Reads a `.scenario` file (format: `Scenarios/README.md`). Errors name the file and line.
    public init(id: String, text: String, file: String = "") throws {
        self.id = id
        title = id
        note = ""
        query = "www"
        answers = [:]
        expected = [:]
        sharedAnswer = true
        var section: RRType?? = nil // nil: not in an answer; .some(nil): shared; .some(type)
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let location = "\(file.isEmpty ? id : file):\(index + 1)"
            let line = Self.withoutComment(rawLine)
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { continue }
            if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains(" ") || trimmed.hasPrefix("answer ") || trimmed.hasPrefix("expect ") {
                let key = String(trimmed[..<colon])
                let value = String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces
                switch key {
                case "title": title = value
                case "note": note = note.isEmpty ? value : note + " " + value
                case "query": query = value
                case "answer":
                    section = .some(nil)
                case "answer A", "answer AAAA":
                    sharedAnswer = false
                    section = .some(key == "answer A" ? .a : .aaaa)
                case "expect", "expect A", "expect AAAA":
                    let numbers = value.split(separator: " ").compactMap { Int($0) }
                    guard numbers.count == value.split(separator: " ").count else {
                        throw ScenarioError("\(location): expect takes ADDRESS numbers, got \"\(value)\"")
                    }
                    if key == "expect AAAA" { expected[.aaaa] = numbers } else { expected[.a] = numbers }
                    if key == "expect" { expected[.aaaa] = numbers }
                default:
                    throw ScenarioError("\(location): unknown key \"\(key)\"")
                }
                continue
            }
            guard case .some(let type) = section else {
                throw ScenarioError("\(location): a record line outside an answer: section")
            }
            let record = try ScenarioRecord(line: trimmed, location: location)
            if let type {
                answers[type, default: []].append(record)
            } else {
                answers[.a, default: []].append(record)
                answers[.aaaa, default: []].append(record)
            }
        }
        guard !answers.isEmpty else { throw ScenarioError("\(file.isEmpty ? id : file): no answer: section") }
        guard expected[.a] != nil || expected[.aaaa] != nil else { throw ScenarioError("\(file.isEmpty ? id : file): no expect: line") }
    }
}

extension Scenario {
    /// The line up to a `#` that starts a comment (`\#`, the RFC 3597 marker, does not).
    static func withoutComment(_ line: Substring) -> String {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous != "\\" { return String(line[..<index]) }
            previous = line[index]
        }
        return String(line)
    }
}

extension ScenarioRecord {
    /// `<owner> <ttl> <TYPE> <rdata…>` — class IN implied.
    init(line: String, location: String) throws {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 4, let ttl = UInt32(fields[1]) else {
            throw ScenarioError("\(location): a record is \"owner ttl TYPE rdata\", got \"\(line)\"")
        }
        owner = fields[0]
        self.ttl = ttl
        if fields[2].uppercased() == "ADDRESS" {
            guard fields.count == 4, let number = Int(fields[3]), (1...254).contains(number) else {
                throw ScenarioError("\(location): ADDRESS takes a number 1…254")
            }
            data = .address(number)
        } else {
            guard let type = RRType(fields[2]) else { throw ScenarioError("\(location): unknown type \(fields[2])") }
            data = .other(type, Array(fields[3...]))
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}

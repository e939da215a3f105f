import DNSWire
import Foundation

/// All scenario cases the responder serves at once, each in its own zone under `conform.test.`.
public struct ScenarioSet: ResponderScript {
    public let cases: [ScenarioCase]
    /// The scripted answer sections, by case index and type (A, AAAA).
    private let answers: [[RRType: [ResourceRecord]]]

    public init(_ scenarios: [Scenario]) throws {
        cases = try scenarios.flatMap(ScenarioCase.cases(of:))
        answers = try cases.map { scenarioCase in
            [.a: try scenarioCase.answer(for: .a), .aaaa: try scenarioCase.answer(for: .aaaa)]
        }
    }

    /// The scenario files shipped with Preface (`Scenarios/*.scenario`), in file-name order.
    public static func bundled() throws -> ScenarioSet {
        guard let directory = Bundle.module.url(forResource: "Scenarios", withExtension: nil) else {
            throw ScenarioError("the Scenarios resource folder is missing from this build")
        }
        return try ScenarioSet(loading: directory.path)
    }

    /// Every `*.scenario` file in `directory`, in file-name order.
    public init(loading directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".scenario") }.sorted()
        let scenarios = try names.map { name in
            let path = directory + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try Scenario(id: String(name.dropLast(".scenario".count)), text: text, file: name)
        }
        try self.init(scenarios)
    }

    /// The scripted response to `query` (DESIGN §3: the answer section exactly as the scenario
    /// orders it, for the query name; other names in a case's zone in chain order).
    public func response(to query: Message, over transport: ResponderTransport) -> Message? {
        response(to: query)
    }

    public func response(to query: Message) -> Message {
        var reply = Message.reply(to: query)
        guard query.header.opcode == .query, query.questions.count == 1, let question = query.questions.first else {
            reply.rcode = query.header.opcode == .query ? .formErr : .notImp
            return reply
        }
        guard let index = cases.firstIndex(where: { question.name.isSubdomain(of: $0.zone) }) else {
            reply.rcode = .nxDomain
            return reply
        }
        let scenarioCase = cases[index]
        let type = question.type == .aaaa ? RRType.aaaa : .a
        let records = answers[index][type] ?? []
        if question.name == scenarioCase.queryName, question.type == .a || question.type == .aaaa {
            reply.answers = records
            return reply
        }
        // Any other name or type: the chain from that name, in order, from the same records.
        let known = records.contains { $0.name == question.name }
        if let chain = try? AnswerChain(question: question, records: records), !chain.chain.isEmpty || !chain.answers.isEmpty {
            reply.answers = chain.chain + chain.answers
        } else if !known && question.name != scenarioCase.zone {
            reply.rcode = .nxDomain
        }
        return reply
    }
}

import DNSWire
import Testing
@testable import DNSConformance

/// The scenario files: they load, their declared truth agrees with a correct extractor, and the
/// responder's script serves them in exactly the written order.
struct ScenarioTests {
    static let set: ScenarioSet? = {
        do { return try ScenarioSet.bundled() } catch { print("ScenarioSet.bundled(): \(error)"); return nil }
    }()

    @Test func everyScenarioFileLoads() throws {
        let set = try #require(Self.set)
        // 15 scenarios with one answer list (A and AAAA flavours) and 2 with one list per type.
        #expect(set.cases.count == 15 * 2 + 2)
        #expect(Set(set.cases.map(\.id)).count == set.cases.count)
    }

    /// The `expect` line of every file is what following the chain gives: the files and DNSWire's
    /// extractor agree on the truth, for both record types of every case.
    @Test func declaredTruthIsWhatTheChainGives() throws {
        let set = try #require(Self.set)
        for scenarioCase in set.cases {
            for type in [RRType.a, .aaaa] {
                let answer = try scenarioCase.answer(for: type)
                let chain = try AnswerChain(question: Question(scenarioCase.queryName, type), records: answer)
                #expect(Set(chain.addresses) == Set(scenarioCase.expectedAddresses(for: type)), "\(scenarioCase.id) \(type)")
            }
        }
    }

    @Test func theScriptedOrderIsServedAsWritten() throws {
        let set = try #require(Self.set)
        let scenarioCase = try #require(set.cases.first { $0.id == "02-cnames-after-addresses/A" })
        var query = Message(header: Header(id: 9, flags: 0x0100), questions: [Question(scenarioCase.queryName, .a)])
        query.edns = EDNS()
        let response = try Message(wire: set.response(to: query).wire())
        #expect(response.answers.map(\.type) == [.a, .a, .cname, .cname])
        #expect(response.answers.map(\.rdataPresentation).prefix(2) == ["192.0.2.1", "192.0.2.2"])
        #expect(response.header.id == 9 && response.header.isResponse && response.edns != nil)
        // The flavour's other type is answered in chain order.
        let aaaa = set.response(to: Message(header: Header(id: 1), questions: [Question(scenarioCase.queryName, .aaaa)]))
        #expect(aaaa.answers.map(\.type) == [.cname, .cname, .aaaa, .aaaa])
    }

    @Test func mixedCaseIsKeptOnTheWire() throws {
        let set = try #require(Self.set)
        let scenarioCase = try #require(set.cases.first { $0.id == "12-mixed-letter-case/A" })
        let response = try Message(wire: set.response(to: Message(questions: [Question(scenarioCase.queryName, .a)])).wire())
        #expect(response.answers.first?.name.description.hasPrefix("WWW.") == true)
    }

    @Test func otherNamesInTheZoneFollowTheChain() throws {
        let set = try #require(Self.set)
        let scenarioCase = try #require(set.cases.first { $0.id == "02-cnames-after-addresses/A" })
        let cdn = try DomainName("cdn", origin: scenarioCase.zone)
        let response = set.response(to: Message(questions: [Question(cdn, .a)]))
        #expect(response.answers.map(\.type) == [.cname, .a, .a])
        let missing = set.response(to: Message(questions: [Question(try DomainName("nope", origin: scenarioCase.zone), .a)]))
        #expect(missing.rcode == .nxDomain)
        let outside = set.response(to: Message(questions: [Question(try DomainName("example.com."), .a)]))
        #expect(outside.rcode == .nxDomain)
    }

    @Test func malformedFilesSayWhere() {
        #expect(throws: ScenarioError.self) { try Scenario(id: "x", text: "title: t\nexpect: 1\nanswer:\nwww 300 CNAME\n", file: "x.scenario") }
        do {
            _ = try Scenario(id: "x", text: "title: t\nexpect: 1\nwww 300 A 192.0.2.1\n", file: "x.scenario")
            Issue.record("accepted a record outside an answer section")
        } catch {
            #expect("\(error)".hasPrefix("x.scenario:3:"))
        }
    }
}

import DNSCorpus
import DNSWire
import Testing

/// The repository root: this file is `Tests/DNSWireLDNSTests/LDNSDifferentialTests.swift`.
let repositoryRoot: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/")
}()

/// Read once for every test here: captures, c-ares fuzz inputs, malformed payloads, Unbound's packets.
let corpus = Corpus.everything(root: repositoryRoot)

/// DNSWire's error for `wire`, or nil if `Message(wire:)` accepts it.
func wireError(_ wire: [UInt8]) -> WireError? {
    do {
        _ = try Message(wire: wire)
        return nil
    } catch let error as WireError {
        return error
    } catch {
        return WireError(WireError.Code(rawValue: "not-a-WireError"), at: 0, "\(error)")
    }
}

/// Differential tests of the DNSWire parser against ldns 1.8 (`ldns_wire2pkt`), over every DNS
/// message in the repository.
@Suite("DNSWire against ldns")
struct LDNSDifferentialTests {
    @Test("the corpus is all there")
    func corpusIsComplete() {
        #expect(corpus.unreadable.isEmpty, "\(corpus.unreadable.joined(separator: "\n"))")
        let fromCaptures = corpus.messages.count { $0.source.hasPrefix(Corpus.captureFolder + "/") }
        let fromUnbound = corpus.messages.count { $0.source.contains("/test_packets.") }
        print("corpus: \(corpus.messages.count) messages: \(fromCaptures) from captures, "
            + "\(corpus.messages.count - fromCaptures - fromUnbound) raw vector files, \(fromUnbound) Unbound hex packets")
        #expect(fromCaptures > 20_000)
        #expect(fromUnbound > 100)
    }

    @Test("DNSWire and ldns accept the same messages, but for documented disagreements")
    func acceptance() {
        var agreeAccept = 0
        var agreeReject = 0
        var known: [KnownDisagreement: Int] = [:]
        var unexplained: [String] = []
        for message in corpus.messages {
            let ldns = LDNSParse(message.wire)
            switch (wireError(message.wire), ldns.accepted) {
            case (nil, true):
                agreeAccept += 1
            case (.some, false):
                agreeReject += 1
            case (.some(let error), true):
                if let reason = KnownDisagreement.explaining(error, in: message.wire) {
                    known[reason, default: 0] += 1
                } else {
                    unexplained.append("\(message.source): DNSWire rejects (\(error)), ldns accepts")
                }
            case (nil, false):
                unexplained.append("\(message.source): DNSWire accepts, ldns rejects (\(ldns.statusText))")
            }
        }
        var summary = "acceptance over \(corpus.messages.count) messages: both accept \(agreeAccept), "
            + "both reject \(agreeReject), unexplained \(unexplained.count)"
        for disagreement in KnownDisagreement.allCases {
            summary += "\n  DNSWire rejects, ldns accepts: \(disagreement.rawValue): \(known[disagreement] ?? 0)"
        }
        print(summary)
        #expect(unexplained.isEmpty, "\(unexplained.count) disagreements without a documented reason:\n\(unexplained.prefix(20).joined(separator: "\n"))")
    }

    /// Hand-made messages for the rules the corpus may not exercise: each must be rejected by
    /// DNSWire, accepted by ldns, and put down to the right rule.
    @Test("each documented disagreement is recognised", arguments: [
        // Question name is a pointer forward to the answer's owner (offset 18).
        ("1234 8180 0001 0001 0000 0000 c012 0001 0001 076578616d706c6503636f6d00 0001 0001 00000e10 0004 c0000201",
         KnownDisagreement.forwardCompressionPointer),
        // The only answer, an A record, has RDLENGTH 5: one octet after the address.
        ("1234 8180 0001 0001 0000 0000 076578616d706c6503636f6d00 0001 0001 c00c 0001 0001 00000e10 0005 c0000201ff",
         .rdataLongerThanItsFieldsInLastRecord),
        // An MX record whose RDLENGTH 2 holds the preference but not the exchange, then an A record.
        ("1234 8180 0001 0002 0000 0000 076578616d706c6503636f6d00 0001 0001 c00c 000f 0001 00000e10 0002 000a "
            + "c00c 0001 0001 00000e10 0004 c0000201",
         .rdataEndsBeforeItsFields),
    ])
    func disagreementRules(hex: String, expected: KnownDisagreement) throws {
        let wire = Corpus.hexBytes(Array(hex.utf8))
        let error = try #require(wireError(wire))
        #expect(LDNSParse(wire).accepted)
        #expect(KnownDisagreement.explaining(error, in: wire) == expected, "\(error)")
    }

    @Test("every record prints as ldns prints it, up to the listed normalisations")
    func presentation() {
        comparePresentation(print: \.presentation)
    }

    @Test("parse → build → parse gives the same message")
    func buildRoundTrip() {
        var rebuilt = 0
        var failures: [String] = []
        for message in corpus.messages {
            guard let parsed = try? Message(wire: message.wire) else { continue }
            rebuilt += 1
            do {
                let again = try Message(wire: parsed.wire())
                if again != parsed { failures.append("\(message.source): \(firstDifference(parsed, again))") }
            } catch {
                failures.append("\(message.source): rebuilt message does not parse: \(error)")
            }
        }
        print("build round trip: \(rebuilt) messages, \(failures.count) failures")
        #expect(failures.isEmpty, "\(failures.count) messages do not survive parse → build → parse:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("MessageView accepts exactly what Message accepts, and decodes the same records")
    func viewMatchesOwnedParse() {
        var accepted = 0
        var failures: [String] = []
        for message in corpus.messages {
            let owned = Result { try Message(wire: message.wire) }
            let view = Result { try MessageView(wire: message.wire) }
            switch (owned, view) {
            case (.success(let owned), .success(let view)):
                accepted += 1
                if Message(view) != owned { failures.append("\(message.source): the view decodes different records") }
            case (.failure(let ownedError), .failure(let viewError)):
                let owned = ownedError as? WireError, view = viewError as? WireError
                if owned?.code != view?.code || owned?.offset != view?.offset {
                    failures.append("\(message.source): Message fails with \(ownedError), MessageView with \(viewError)")
                }
            case (.success, .failure(let error)):
                failures.append("\(message.source): Message accepts, MessageView rejects: \(error)")
            case (.failure(let error), .success):
                failures.append("\(message.source): MessageView accepts, Message rejects: \(error)")
            }
        }
        print("view against owned parse: \(accepted) accepted by both, \(failures.count) failures")
        #expect(failures.isEmpty, "\(failures.count) messages:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}

/// Says where two messages first differ, for failure reports.
func firstDifference(_ original: Message, _ rebuilt: Message) -> String {
    if original.header != rebuilt.header { return "header \(original.header) became \(rebuilt.header)" }
    if original.questions != rebuilt.questions { return "questions \(original.questions) became \(rebuilt.questions)" }
    for section in [Section.answer, .authority, .additional] {
        let before = original.records(in: section), after = rebuilt.records(in: section)
        for (index, (old, new)) in zip(before, after).enumerated() where old != new {
            return "\(section) record \(index + 1): \(old.presentation) became \(new.presentation)"
        }
        if before.count != after.count {
            return "\(section) has \(before.count) records, \(after.count) after the rebuild: "
                + "\(before.map(\.type)) became \(after.map(\.type))"
        }
    }
    return "the messages differ"
}

/// Compares, for every message both parsers accept, each answer, authority and additional
/// record as `print` renders it with ldns's `ldns_rr2str`, after `PresentationNormalisation`.
/// OPT is left out (ldns moves it into its EDNS fields); TSIG is compared with the record ldns
/// moves into `ldns_pkt_tsig`.
func comparePresentation(print render: (ResourceRecord) -> String) {
    var compared = 0
    var rulesUsed: [PresentationNormalisation: Int] = [:]
    var failures: [String] = []
    for message in corpus.messages {
        guard let parsed = try? Message(wire: message.wire) else { continue }
        let ldns = LDNSParse(message.wire, printing: true)
        guard ldns.accepted else { continue }
        let all = parsed.answers + parsed.authorities + parsed.additionals
        let records = all.filter { $0.type != .opt && $0.type != .tsig }
        guard records.count == ldns.records.count else {
            failures.append("\(message.source): DNSWire has \(records.count) records besides OPT and TSIG, ldns \(ldns.records.count)")
            continue
        }
        var pairs = zip(records, ldns.records).map { ($0, $1) }
        let signatures = all.filter { $0.type == .tsig }
        if signatures.count == 1, let tsig = signatures.first, let theirs = ldns.tsig {
            pairs.append((tsig, theirs))
        } else if signatures.count > 1 || (signatures.count == 1) != (ldns.tsig != nil) {
            failures.append("\(message.source): DNSWire has \(signatures.count) TSIG records, ldns \(ldns.tsig == nil ? 0 : 1)")
        }
        for (record, theirs) in pairs {
            compared += 1
            let ours = PresentationNormalisation.normalised(render(record), type: record.type)
            let ldnsText = PresentationNormalisation.normalised(theirs, type: record.type)
            for rule in ours.applied.union(ldnsText.applied) { rulesUsed[rule, default: 0] += 1 }
            if ours.text != ldnsText.text {
                failures.append("\(message.source):\n    DNSWire: \(render(record))\n    ldns:    \(theirs)")
            }
        }
    }
    var summary = "presentation: \(compared) records compared, \(failures.count) differ"
    for rule in PresentationNormalisation.allCases {
        summary += "\n  normalisation \(rule.rawValue) used for \(rulesUsed[rule] ?? 0) records"
    }
    print(summary)
    #expect(compared > 20_000)
    #expect(failures.isEmpty, "\(failures.count) records print differently:\n\(failures.prefix(20).joined(separator: "\n"))")
}

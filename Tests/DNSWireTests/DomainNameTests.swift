import Testing
@testable import DNSWire

/// Domain names: presentation text (RFC 1035 §5.1), the RFC 1035 §2.3.4 limits, case-insensitive
/// equality (RFC 4343), the subdomain relation and canonical order (RFC 4034 §6.1).
struct DomainNameTests {
    /// `DomainName(_:)` with a `String` resolves to the failable `LosslessStringConvertible` initialiser;
    /// this reaches the throwing one, whose errors the tests check.
    private static func name(_ text: String) throws -> DomainName { try DomainName(text, origin: .root) }

    /// `count` copies of `character` (ASCII).
    private static func run(_ count: Int, _ character: Character = "a") -> String {
        String(repeating: character, count: count)
    }

    /// Labels of the given lengths, each filled with `x`, as absolute presentation text.
    private static func text(labelLengths: [Int]) -> String {
        labelLengths.map { run($0, "x") }.joined(separator: ".") + "."
    }

    /// The same name in wire form.
    private static func wire(labelLengths: [Int]) -> [UInt8] {
        labelLengths.flatMap { [UInt8($0)] + [UInt8](repeating: UInt8(ascii: "x"), count: $0) } + [0]
    }

    /// The thrown `WireError`, or `nil` (recording an issue) if there was none.
    private static func wireError(_ body: () throws -> DomainName) -> WireError? {
        do {
            let name = try body()
            Issue.record("accepted: \(name)")
            return nil
        } catch let error as WireError {
            return error
        } catch {
            Issue.record("not a WireError: \(error)")
            return nil
        }
    }

    // MARK: - Presentation format and escapes (RFC 1035 §5.1)

    @Test func escapedDotStaysInsideItsLabel() throws {
        let name = try Self.name("a\\.b.example.")
        #expect(name.labelCount == 2)
        #expect(name.wire == [3, 0x61, 0x2E, 0x62, 7] + Array("example".utf8) + [0])
        #expect(name.description == "a\\.b.example.")
    }

    @Test func escapedBackslashIsOneOctet() throws {
        let name = try Self.name("a\\\\b.")
        #expect(name.wire == [3, 0x61, 0x5C, 0x62, 0])
        #expect(name.description == "a\\\\b.")
    }

    @Test func decimalEscapeForSpaceReadsAndPrintsAsDDD() throws {
        let name = try Self.name("a\\032b.example.")
        #expect(name.wire.prefix(4) == [3, 0x61, 0x20, 0x62])
        #expect(name.description == "a\\032b.example.")
        // A raw space is read as itself and printed as \032 too.
        #expect(try Self.name("a b.example.") == name)
        #expect(try Self.name("a b.example.").description == "a\\032b.example.")
    }

    @Test func decimalEscapesCoverTheWholeOctetRange() throws {
        #expect(try Self.name("\\000.").wire == [1, 0, 0])
        #expect(try Self.name("\\255.").wire == [1, 255, 0])
        #expect(try Self.name("\\065bc.").wire == [3, 0x41, 0x62, 0x63, 0])
        // A \DDD escape of a printable character that needs no escape prints as the character.
        #expect(try Self.name("\\065bc.").description == "Abc.")
        // \X for a non-digit X is X itself.
        #expect(try Self.name("a\\bc.").description == "abc.")
    }

    @Test func specialCharactersAreEscapedWhenPrinted() throws {
        let name = try DomainName(labels: [Array(";().\\".utf8), [0x7F, 0x80, 0x00, 0x20]])
        #expect(name.description == "\\;\\(\\)\\.\\\\.\\127\\128\\000\\032.")
        #expect(try Self.name(name.description).wire == name.wire)
    }

    @Test(arguments: [
        "example.com.", "Www.Example.COM.", "a\\.b.", "\\\\.", "\\032.", "\\000\\255.", "*.example.",
        "_sip._udp.example.", "xn--bcher-kva.example.", "\\;\\(\\).", "\\200.z.example.", ".",
    ])
    func canonicalTextRoundTrips(_ text: String) throws {
        #expect(try Self.name(text).description == text)
    }

    @Test func relativeTextIsCompletedWithTheOrigin() throws {
        #expect(try Self.name("example.com").description == "example.com.")
        let origin = try Self.name("Example.COM.")
        let name = try DomainName("www", origin: origin)
        #expect(name.description == "www.Example.COM.")
        // An absolute name ignores the origin.
        #expect(try DomainName("www.", origin: origin).description == "www.")
    }

    @Test func everyOctetValueRoundTripsThroughText() throws {
        for value in 0...255 {
            let byte = UInt8(value)
            let name = try DomainName(labels: [[byte], [0x61, byte, 0x5A]])
            let reread = try Self.name(name.description)
            #expect(reread.wire == name.wire, "octet \(value) printed as \(name.description)")
        }
    }

    @Test func randomNamesRoundTripThroughTextAndWire() throws {
        var generator = RoundTripPropertyTests.SplitMix64(seed: 0x1035_0501)
        for _ in 0..<1_000 {
            let labelCount = Int.random(in: 1...5, using: &generator)
            let labels = (0..<labelCount).map { _ in
                (0..<Int.random(in: 1...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            let name = try DomainName(labels: labels)
            let text = name.description
            #expect(try Self.name(text).wire == name.wire, "\(text)")
            #expect(try DomainName(wire: name.wire).wire == name.wire)
            #expect(name.labels.map(Array.init) == labels)
        }
    }

    @Test(arguments: [
        ("a\\", 1), // lone backslash at the end
        ("a\\1", 1), // \DDD cut short by the end of the text
        ("a\\12", 1),
        ("a\\12x.", 1), // \DDD with a non-digit
        ("\\256.", 0), // over 255
        ("x.\\999.", 2),
    ])
    func malformedEscapesAreRejected(_ text: String, _ offset: Int) {
        let error = Self.wireError { try DomainName(text) }
        #expect(error?.code == .badText)
        #expect(error?.offset == offset)
    }

    // MARK: - Limits (RFC 1035 §2.3.4)

    @Test func sixtyThreeOctetLabelIsAccepted() throws {
        let name = try Self.name(Self.run(63) + ".")
        #expect(name.wire.count == 65)
        #expect(name.wire[0] == 63)
        #expect(try DomainName(wire: [63] + [UInt8](repeating: 0x61, count: 63) + [0]) == name)
        #expect(try DomainName(labels: [[UInt8](repeating: 0x61, count: 63)]) == name)
    }

    @Test func sixtyFourOctetLabelIsRejectedEveryWay() {
        // From text, absolute and relative: the offset is where the label ends.
        let absolute = Self.wireError { try DomainName(Self.run(64) + ".") }
        #expect(absolute?.code == .labelTooLong)
        #expect(absolute?.offset == 64)
        let relative = Self.wireError { try DomainName("www." + Self.run(64)) }
        #expect(relative?.code == .labelTooLong)
        #expect(relative?.offset == 68)
        // Escapes count as one octet each: 64 × "\120" is still 64 octets.
        let escaped = Self.wireError { try DomainName(String(repeating: "\\120", count: 64) + ".") }
        #expect(escaped?.code == .labelTooLong)
        // From wire form: the length octet 64 itself is at fault.
        let fromWire = Self.wireError { try DomainName(wire: [64] + [UInt8](repeating: 0x61, count: 64) + [0]) }
        #expect(fromWire?.code == .labelTooLong)
        #expect(fromWire?.offset == 0)
        let fromLabels = Self.wireError { try DomainName(labels: [[0x61], [UInt8](repeating: 0x61, count: 64)]) }
        #expect(fromLabels?.code == .labelTooLong)
        #expect(fromLabels?.offset == 2)
    }

    /// 3 × (1 + 63) + (1 + 61) + 1 = 255 octets; one more octet in the last label makes 256.
    static let longest = [63, 63, 63, 61]
    static let oneTooLong = [63, 63, 63, 62]

    @Test func twoHundredFiftyFiveOctetNameIsAccepted() throws {
        let fromText = try Self.name(Self.text(labelLengths: Self.longest))
        #expect(fromText.wire.count == WireLimits.maximumNameLength)
        #expect(fromText.wire == Self.wire(labelLengths: Self.longest))
        let fromWire = try DomainName(wire: Self.wire(labelLengths: Self.longest))
        #expect(fromWire.wire.count == 255)
        #expect(fromWire.labelCount == 4)
        // The same name written with one \DDD escape per octet is 4 × longer as text, still 255 octets.
        let escaped = Self.longest.map { String(repeating: "\\120", count: $0) }.joined(separator: ".") + "."
        #expect(try Self.name(escaped).wire == fromText.wire)
    }

    @Test func twoHundredFiftySixOctetNameIsRejectedEveryWay() throws {
        #expect(Self.wire(labelLengths: Self.oneTooLong).count == 256)
        let fromText = Self.wireError { try DomainName(Self.text(labelLengths: Self.oneTooLong)) }
        #expect(fromText?.code == .nameTooLong)
        #expect(fromText?.offset == 0)
        let fromWire = Self.wireError { try DomainName(wire: Self.wire(labelLengths: Self.oneTooLong)) }
        #expect(fromWire?.code == .nameTooLong)
        #expect(fromWire?.offset == 0)
        let fromLabels = Self.wireError {
            try DomainName(labels: Self.oneTooLong.map { [UInt8](repeating: 0x78, count: $0) })
        }
        #expect(fromLabels?.code == .nameTooLong)
        // Relative text completed by a long origin: 62 + 193 = 255 fits, 63 + 193 = 256 does not.
        let origin = try Self.name(Self.text(labelLengths: [63, 63, 63]))
        #expect(origin.wire.count == 193)
        #expect(try DomainName(Self.run(61), origin: origin).wire.count == 255)
        let relative = Self.wireError { try DomainName(Self.run(62), origin: origin) }
        #expect(relative?.code == .nameTooLong)
        // Appending hits the same limit.
        #expect(try Self.name(Self.run(61) + ".").appending(origin).wire.count == 255)
        let appended = Self.wireError { try Self.name(Self.run(62) + ".").appending(origin) }
        #expect(appended?.code == .nameTooLong)
    }

    @Test(arguments: [("", 0), ("..", 0), (".a.", 0), ("a..b.", 2), ("a..", 2), ("a.b..", 4)])
    func emptyLabelsAreRejected(_ text: String, _ offset: Int) {
        let error = Self.wireError { try DomainName(text) }
        #expect(error?.code == .badText)
        #expect(error?.offset == offset)
    }

    @Test func emptyLabelIsRejectedFromLabels() {
        let error = Self.wireError { try DomainName(labels: [[0x61], []]) }
        #expect(error?.code == .badText)
        #expect(error?.offset == 2)
    }

    @Test func wireFormMustBeExactlyOneUncompressedName() {
        #expect((try? DomainName(wire: [0])) == .root)
        let empty = Self.wireError { try DomainName(wire: []) }
        #expect(empty?.code == .truncated)
        #expect(empty?.offset == 0)
        let noRoot = Self.wireError { try DomainName(wire: [1, 0x61]) }
        #expect(noRoot?.code == .truncated)
        #expect(noRoot?.offset == 2)
        let trailing = Self.wireError { try DomainName(wire: [1, 0x61, 0, 0]) }
        #expect(trailing?.code == .trailingBytes)
        #expect(trailing?.offset == 3)
        // A compression pointer is not a length: 0xC0 reads as a 192-octet label.
        let pointer = Self.wireError { try DomainName(wire: [0xC0, 0x00]) }
        #expect(pointer?.code == .labelTooLong)
        #expect(pointer?.offset == 0)
    }

    @Test func truncationInsideALabelIsReportedInsideTheInput() {
        // [5, "a", 0]: the label claims 5 octets and only 2 follow.
        let error = Self.wireError { try DomainName(wire: [5, 0x61, 0]) }
        #expect(error?.code == .truncated)
        #expect(error.map { (0..<3).contains($0.offset) } == true)
    }

    // MARK: - Case (RFC 4343)

    @Test func equalityAndHashIgnoreASCIICaseButKeepIt() throws {
        let lower = try Self.name("example.com.")
        let mixed = try Self.name("ExAmPlE.CoM.")
        #expect(lower == mixed)
        #expect(lower.hashValue == mixed.hashValue)
        #expect(lower.wire != mixed.wire)
        #expect(mixed.description == "ExAmPlE.CoM.")
        #expect(mixed.lowercased().wire == lower.wire)
    }

    @Test func onlyASCIILettersFoldCase() throws {
        // '[' 0x5B and '{' 0x7B differ by 0x20 like 'A' and 'a', but are not letters (RFC 4343 §3).
        #expect(try Self.name("[.") != Self.name("{."))
        #expect(try Self.name("@.") != Self.name("`."))
        // Latin-1 É (0xC9) and é (0xE9): no case folding outside ASCII.
        #expect(try Self.name("\\201.") != Self.name("\\233."))
        #expect(try Self.name("[.").lowercased().wire == [1, 0x5B, 0])
    }

    /// Case folding eight octets at a time agrees with folding octet by octet, for every octet value at
    /// every position of a word and of the tail: 0x40 '@', 0x5B '[', 0x60 '`' and 0x7B '{' sit just
    /// outside the letter ranges, and 0xC1…0xDA have the letters' low seven bits.
    @Test func equalityMatchesOctetByOctetFolding() {
        var generator = RoundTripPropertyTests.SplitMix64(seed: 4343)
        let interesting: [UInt8] = [0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC1, 0xDA, 0xE1, 0xFA, 0x00, 0xFF]
        func reference(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { asciiLowercase($0) == asciiLowercase($1) }
        }
        var checked = 0
        for length in 1...40 {
            for _ in 0..<60 {
                let a = (0..<length).map { _ in interesting.randomElement(using: &generator) ?? 0 }
                var b = a
                // Flip case, or substitute, at one to three random positions.
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let position = Int.random(in: 0..<length, using: &generator)
                    b[position] = Bool.random(using: &generator) ? b[position] ^ 0x20 : interesting.randomElement(using: &generator) ?? 0
                }
                #expect(DomainName.equalIgnoringCase(a[...], b[...]) == reference(a, b), "\(a) vs \(b)")
                checked += 1
            }
        }
        #expect(checked == 2400)
        let long = "www.A-Much-Longer-Label.Example.Com."
        #expect((try? Self.name(long)) == (try? Self.name(long.lowercased())))
        #expect((try? Self.name("www.a-much-longer-label[.example.com.")) != (try? Self.name("www.a-much-longer-label{.example.com.")))
    }

    @Test func setOfNamesHasOneMemberPerNameWhateverTheCase() throws {
        let names = try ["example.com.", "EXAMPLE.COM.", "Example.Com.", "example.net.", "[x.", "{x.", "www.example.com."]
            .map(Self.name)
        let set = Set(names)
        #expect(set.count == 5)
        #expect(set.contains(try Self.name("eXample.cOm.")))
        #expect(!set.contains(try Self.name("example.org.")))
    }

    // MARK: - Structure

    @Test(arguments: [
        ("www.example.com.", "example.com.", true),
        ("example.com.", "example.com.", true),
        ("WWW.EXAMPLE.COM.", "example.com.", true),
        ("example.com.", "com.", true),
        ("example.com.", ".", true),
        (".", ".", true),
        (".", "com.", false),
        ("example.com.", "www.example.com.", false),
        ("example.com.", "net.", false),
        // Same trailing characters, different label: not a subdomain.
        ("xexample.com.", "example.com.", false),
        // "a\.example" is one label: the text ends in "example.com." but the name is not under it.
        ("a\\.example.com.", "example.com.", false),
        ("a\\.example.com.", "com.", true),
        // The wire form ends with the octets of the parent ([1 'x' 0], [3 'com' 0]), but they start
        // inside a label, not on a label boundary.
        ("ab\\001x.", "x.", false),
        ("a.b\\003com.", "com.", false),
        ("\\001x.x.", "x.", true),
    ])
    func subdomainRelation(_ child: String, _ parent: String, _ expected: Bool) throws {
        #expect(try Self.name(child).isSubdomain(of: Self.name(parent)) == expected)
    }

    @Test func parentRemovesTheLeftmostLabelAndKeepsCase() throws {
        var name: DomainName? = try Self.name("www.Example.COM.")
        var seen: [String] = []
        while let current = name {
            seen.append(current.description)
            name = current.parent
        }
        #expect(seen == ["www.Example.COM.", "Example.COM.", "COM.", "."])
        #expect(try Self.name("a\\.b.c.").parent?.description == "c.")
        #expect(DomainName.root.parent == nil)
    }

    @Test(arguments: [(".", 0), ("com.", 1), ("www.example.com.", 3), ("a\\.b.c.", 2), ("\\..", 1), ("*.", 1)])
    func labelCount(_ text: String, _ count: Int) throws {
        let name = try Self.name(text)
        #expect(name.labelCount == count)
        #expect(name.labels.count == count)
    }

    @Test func rootName() throws {
        #expect(try Self.name(".") == .root)
        #expect(DomainName.root.wire == [0])
        #expect(DomainName.root.description == ".")
        #expect(DomainName.root.isRoot)
        #expect(!(try Self.name("a.")).isRoot)
    }

    // MARK: - Canonical order (RFC 4034 §6.1)

    /// The example list of RFC 4034 §6.1, in canonical order, with its letter case.
    static let rfc4034Order = [
        "example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.",
        "\\001.z.example.", "*.z.example.", "\\200.z.example.",
    ]

    @Test func sortingShuffledCopiesGivesTheRFC4034Order() throws {
        let names = try Self.rfc4034Order.map(Self.name)
        var generator = RoundTripPropertyTests.SplitMix64(seed: 4034)
        for _ in 0..<200 {
            let sorted = names.shuffled(using: &generator).sorted()
            #expect(sorted.map(\.description) == Self.rfc4034Order)
        }
    }

    @Test func canonicalOrderIsAStrictOrderOnTheExample() throws {
        let names = try Self.rfc4034Order.map(Self.name)
        for i in names.indices {
            #expect(!(names[i] < names[i]))
            for j in names.indices where i < j {
                #expect(names[i] < names[j], "\(names[i]) < \(names[j])")
                #expect(!(names[j] < names[i]), "!(\(names[j]) < \(names[i]))")
            }
        }
        // Names equal but for case are neither before nor after each other.
        let upper = try Self.name("Z.A.EXAMPLE.")
        let lower = try Self.name("z.a.example.")
        #expect(!(upper < lower) && !(lower < upper))
        // The root sorts first; a missing label sorts before any label (RFC 4034 §6.1).
        #expect(DomainName.root < names[0])
        #expect(try Self.name("example.") < Self.name("\\000.example."))
    }
}

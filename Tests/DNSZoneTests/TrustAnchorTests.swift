import DNSWire
import Testing
@testable import DNSZone

struct TrustAnchorTests {
    typealias V = SignatureVectors

    static let anchorsXML = ZoneVectorFiles.zones + "/root-anchors.xml"
    /// 2026-08-01T00:00:00Z.
    static let august2026: UInt32 = 1_785_542_400

    static func anchor(_ text: String, at time: UInt32? = nil) throws -> TrustAnchor {
        try TrustAnchor(text: Array(text.utf8), file: "test.xml", at: time)
    }

    /// The error `text` raises, if any.
    static func error(_ text: String, at time: UInt32? = nil) -> ZoneError? {
        do {
            _ = try anchor(text, at: time)
            return nil
        } catch let error as ZoneError {
            return error
        } catch {
            return nil
        }
    }

    static func keyDigest(_ attributes: String = #"validFrom="2017-02-02T00:00:00+00:00""#, body: String? = nil) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <TrustAnchor id="test" source="test">
        <Zone>.</Zone>
        <KeyDigest id="k" \(attributes)>
        \(body ?? "<KeyTag>20326</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D</Digest>")
        </KeyDigest>
        </TrustAnchor>
        """
    }

    /// IANA's root-anchors.xml on 2026-08-01: KSK-2017 and KSK-2024, not KSK-2010 (valid until 2019).
    @Test func rootAnchorsXMLAtAugust2026() throws {
        let anchor = try TrustAnchor.load(path: Self.anchorsXML, at: Self.august2026)
        #expect(anchor.owner == .root)
        #expect(anchor.keys.isEmpty)
        #expect(anchor.delegationSigners.map(\.keyTag) == [20326, 38696])
        #expect(anchor.delegationSigners.allSatisfy { $0.algorithm == .rsaSHA256 && $0.digestType == .sha256 })
        let fromDSFile = try TrustAnchor.load(path: ZoneVectorFiles.zones + "/root.ds", at: nil)
        #expect(anchor.delegationSigners == fromDSFile.delegationSigners)
    }

    @Test func rootAnchorsXMLOverTime() throws {
        let all = try TrustAnchor.load(path: Self.anchorsXML, at: nil)
        #expect(all.delegationSigners.map(\.keyTag) == [19036, 20326, 38696])
        // 2015-01-01: only KSK-2010.
        #expect(try TrustAnchor.load(path: Self.anchorsXML, at: 1_420_070_400).delegationSigners.map(\.keyTag) == [19036])
        // 2019-01-11T00:00:00Z is KSK-2010's validUntil, which is excluded.
        #expect(try TrustAnchor.load(path: Self.anchorsXML, at: 1_547_164_800).delegationSigners.map(\.keyTag) == [20326])
        #expect(try TrustAnchor.load(path: Self.anchorsXML, at: 1_547_164_799).delegationSigners.map(\.keyTag) == [19036, 20326])
        // 2024-07-18T00:00:00Z is KSK-2024's validFrom, which is included.
        #expect(try TrustAnchor.load(path: Self.anchorsXML, at: 1_721_260_800).delegationSigners.map(\.keyTag) == [20326, 38696])
        // Before 2010-07-15 nothing is valid.
        let error = #expect(throws: ZoneError.self) { try TrustAnchor.load(path: Self.anchorsXML, at: 1_000_000_000) }
        #expect(error?.code == .trustAnchor)
        #expect(error?.reason.contains("none of the 3 <KeyDigest> elements") == true)
    }

    /// Every form of the root anchor trusts both root KSKs of Zones/root.zone and not its ZSK.
    @Test(arguments: ["root-anchors.xml", "root.key", "root.ds"])
    func anchorMatchesRootZoneKeys(_ file: String) throws {
        let anchor = try TrustAnchor.load(path: ZoneVectorFiles.zones + "/" + file, at: Self.august2026)
        let keys = V.rootKeys
        #expect(keys.count == 3)
        #expect(keys.filter { anchor.matches($0, owner: .root) }.map(\.keyTag).sorted() == [20326, 38696])
        #expect(keys.filter { anchor.matches($0, owner: V.name("com.")) }.isEmpty)
    }

    @Test func rootKeyFile() throws {
        let anchor = try TrustAnchor.load(path: ZoneVectorFiles.zones + "/root.key", at: nil)
        #expect(anchor.owner == .root)
        #expect(anchor.keys.map(\.keyTag) == [20326, 38696])
        #expect(anchor.delegationSigners.isEmpty)
        // Keys are matched on every RDATA field: a revoked copy (RFC 5011 §2.1) is not trusted.
        var revoked = anchor.keys[0]
        revoked.flags |= 0x0080
        #expect(!anchor.matches(revoked, owner: .root))
    }

    @Test func zoneTextWithBothKinds() throws {
        let text = """
        ; a comment
        $TTL 3600
        example. IN DNSKEY 257 3 13 GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==
        example. IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118
        """
        let anchor = try Self.anchor(text)
        #expect(anchor.owner == V.name("example."))
        #expect(anchor.keys.count == 1)
        #expect(anchor.delegationSigners.count == 1)
        // A DS matches only under the anchor's own owner.
        var key = SignatureCryptoTests.p256Key
        #expect(anchor.matches(key, owner: V.name("EXAMPLE.")))
        key.flags = 256
        #expect(!anchor.matches(key, owner: V.name("example.")))
    }

    @Test func zoneTextErrors() {
        let mixed = Self.error(". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\ncom. IN DS 1 8 2 00")
        #expect(mixed?.code == .trustAnchor)
        #expect(mixed?.reason.contains("one zone") == true)
        let other = Self.error(". IN A 192.0.2.1")
        #expect(other?.reason.contains("only DNSKEY and DS") == true)
        let empty = Self.error("; nothing here\n")
        #expect(empty?.reason.contains("no DNSKEY or DS") == true)
        let syntax = Self.error(". IN DS 20326 8 2 XYZ")
        #expect(syntax != nil)
        #expect(syntax?.file == "test.xml")
    }

    /// Malformed XML raises a `ZoneError` whose reason and position say what is wrong.
    @Test(arguments: [
        ("<TrustAnchor><Zone>.</Zone>", "never closed"),
        ("<TrustAnchor><Zone>.</Zon></TrustAnchor>", "closes <Zone>"),
        ("<TrustAnchor id=x></TrustAnchor>", "must be quoted"),
        ("<TrustAnchor a='1' a='2'></TrustAnchor>", "given twice"),
        ("<TrustAnchor></TrustAnchor><More/>", "after the root element"),
        ("<!DOCTYPE x [<!ENTITY a 'b'>]><TrustAnchor/>", "DOCTYPE"),
        ("<TrustAnchor><Zone>&bogus;</Zone></TrustAnchor>", "unknown reference"),
        ("<TrustAnchor><Zone>a & b</Zone></TrustAnchor>", "& must start a reference"),
        ("<TrustAnchor><!-- unterminated </TrustAnchor>", "comment is never closed"),
        ("<Anchors></Anchors>", "<TrustAnchor>"),
        ("<TrustAnchor><KeyDigest/></TrustAnchor>", "no <Zone>"),
        ("<TrustAnchor><Zone>.</Zone></TrustAnchor>", "no <KeyDigest>"),
        ("<TrustAnchor><Zone>a..b</Zone><KeyDigest/></TrustAnchor>", "not a domain name"),
    ])
    func malformedXML(_ text: String, _ words: String) {
        let error = Self.error(text)
        #expect(error != nil, "no error for \(text)")
        #expect(error?.reason.contains(words) == true, "\(String(describing: error))")
        #expect(error?.file == "test.xml")
    }

    @Test func malformedKeyDigests() {
        func reason(_ attributes: String = #"validFrom="2017-02-02T00:00:00+00:00""#, body: String? = nil) -> String {
            Self.error(Self.keyDigest(attributes, body: body))?.reason ?? "no error"
        }
        #expect(reason(body: "<KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType>").contains("no <Digest>"))
        #expect(reason(body: "<Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>00</Digest>").contains("no <KeyTag>"))
        #expect(reason(body: "<KeyTag>65536</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>00</Digest>").contains("0 to 65535"))
        #expect(reason(body: "<KeyTag>1</KeyTag><Algorithm>-8</Algorithm><DigestType>2</DigestType><Digest>00</Digest>").contains("0 to 255"))
        #expect(reason(body: "<KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>0G</Digest>").contains("hexadecimal"))
        #expect(reason(body: "<KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>ABC</Digest>").contains("even number"))
        #expect(reason("").contains("no validFrom"))
        #expect(reason(#"validFrom="yesterday""#).contains("is not a date"))
        #expect(reason(#"validFrom="2017-02-02T00:00:00+00:00" validUntil="2019-13-01T00:00:00Z""#).contains("validUntil"))
        // The error points at the element.
        let error = Self.error(Self.keyDigest("", body: nil))
        #expect(error?.line == 4)
        #expect(error?.column == 1)
    }

    /// Comments, processing instructions, CDATA, references, blanks and unknown elements
    /// (such as RFC 9718's `<PublicKey>` and `<Flags>`) are read or skipped as XML 1.0 says.
    @Test func xmlSyntaxVariants() throws {
        let text = """
        \u{FEFF}<?xml version="1.0"?>
        <!-- IANA's format -->
        <TrustAnchor id='a&amp;b' source="x">
          <Zone> <![CDATA[.]]> </Zone>
          <KeyDigest id="Klajeyz" validFrom = '2017-02-02T00:00:00Z' >
            <KeyTag>20326</KeyTag><Algorithm>&#56;</Algorithm><DigestType>&#x32;</DigestType>
            <Digest>
              E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
            </Digest>
            <Flags>257</Flags><PublicKey>AwEAAa…</PublicKey><Unknown a="1"/>
          </KeyDigest>
        </TrustAnchor>
        <!-- trailing comment -->
        """
        let anchor = try Self.anchor(text, at: Self.august2026)
        #expect(anchor.owner == .root)
        #expect(anchor.delegationSigners.count == 1)
        let zoneKeys = V.rootKeys
        #expect(zoneKeys.filter { anchor.matches($0, owner: .root) }.map(\.keyTag) == [20326])
    }

    @Test func deepNestingIsRefused() {
        let text = "<TrustAnchor>" + String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40) + "</TrustAnchor>"
        let error = Self.error(text)
        #expect(error?.code == .limitExceeded)
    }

    @Test func oversizedTextIsRefused() {
        let text = [UInt8](repeating: 0x20, count: TrustAnchor.maximumFileSize + 1)
        #expect(throws: ZoneError.self) { try TrustAnchor(text: text, at: nil) }
    }

    @Test func missingFile() {
        let error = #expect(throws: ZoneError.self) { try TrustAnchor.load(path: "/nonexistent/anchor.xml", at: nil) }
        #expect(error?.code == .io)
    }

    @Test func xmlDateTimes() {
        func seconds(_ text: String) -> Int64? { xmlDateTimeSeconds(Array(text.utf8)) }
        #expect(seconds("2017-02-02T00:00:00+00:00") == 1_485_993_600)
        #expect(seconds("2026-08-01T00:00:00Z") == 1_785_542_400)
        #expect(seconds("2026-08-01T00:00:00") == 1_785_542_400)
        #expect(seconds("2026-08-01T02:00:00+02:00") == 1_785_542_400)
        #expect(seconds("2026-07-31T22:30:00.125-01:30") == 1_785_542_400)
        #expect(seconds("2010-07-15T00:00:00+00:00") == 1_279_152_000)
        for bad in ["", "2017-02-02", "2017-02-02 00:00:00", "2017-13-02T00:00:00Z", "2017-02-02T24:00:00Z",
                    "2017-02-02T00:00:00+0000", "2017-02-02T00:00:00+15:00", "2017-02-02T00:00:00Zjunk",
                    "1969-12-31T23:59:59Z", "2017/02/02T00:00:00Z", "2017-02-02T0a:00:00Z"] {
            #expect(seconds(bad) == nil, "\(bad)")
        }
    }
}

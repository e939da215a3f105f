import DNSWire

extension ZoneError.Code {
    /// A trust anchor file that cannot be used: neither anchor XML (RFC 9718) nor DNSKEY/DS
    /// records, records of another type or owner, or no key valid at the time asked for.
    public static let trustAnchor = ZoneError.Code(rawValue: "trust-anchor")
}

/// Keys a validator trusts without proof (RFC 4033 §2, RFC 4035 §4.4): DNSKEY and/or DS records
/// for one zone, usually the root.
public struct TrustAnchor: Sendable {
    /// The zone the keys belong to.
    public var owner: DomainName
    /// Keys trusted as they are.
    public var keys: [DNSKEY]
    /// Keys trusted through their digest.
    public var delegationSigners: [DS]

    /// Largest anchor file read. IANA's `root-anchors.xml` is about 1 KB.
    public static let maximumFileSize = 1 << 20

    public init(owner: DomainName, keys: [DNSKEY] = [], delegationSigners: [DS] = []) {
        self.owner = owner
        self.keys = keys
        self.delegationSigners = delegationSigners
    }

    /// Reads the anchor file at `path`; see ``init(text:file:at:)``.
    public static func load(path: String, at time: UInt32?) throws -> TrustAnchor {
        let bytes = try ZoneFileReader.read(path, limit: maximumFileSize, includedFrom: nil)
        return try TrustAnchor(text: bytes, file: path, at: time)
    }

    /// Reads a trust anchor, telling the format by its content: an XML document in IANA's format
    /// (RFC 9718 §2, `root-anchors.xml`), else master-file text (RFC 1035 §5) of DNSKEY and DS records
    /// with the root as origin (`root.key`, `root.ds`).
    ///
    /// - Parameter time: seconds since 1970. When given, only the XML `KeyDigest`s valid then are
    ///   kept (RFC 9718 §2: `validFrom` ≤ time < `validUntil`, no `validUntil` meaning open).
    /// - Throws: `ZoneError` (`.trustAnchor`, `.syntax`, `.limitExceeded`, or the zone parser's
    ///   own codes) naming the file and, where known, the line.
    public init(text: [UInt8], file: String = "<text>", at time: UInt32?) throws {
        guard text.count <= Self.maximumFileSize else {
            throw ZoneError(.limitExceeded, file: file, line: 1, column: 1,
                            "\(text.count) bytes is over TrustAnchor.maximumFileSize (\(Self.maximumFileSize)); an anchor file is a few kilobytes")
        }
        // An XML document starts with `<` (after an optional byte-order mark); a zone file cannot.
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = text.starts(with: byteOrderMark) ? text.dropFirst(3) : text[...]
        if body.first(where: { !AnchorXMLReader.isBlank($0) }) == UInt8(ascii: "<") {
            var reader = AnchorXMLReader(text, file: file)
            let root = try reader.document()
            self = try AnchorXMLReader.anchor(from: root, file: file, at: time)
        } else {
            self = try Self.fromRecords(text, file: file)
        }
    }

    /// Whether `key`, owned by `owner`, is trusted: the anchor's zone, and either one of `keys`
    /// (every RDATA field equal, so a revoked copy of a key does not match) or named by one of
    /// `delegationSigners`.
    public func matches(_ key: DNSKEY, owner: DomainName) -> Bool {
        guard owner == self.owner else { return false }
        return keys.contains(key) || delegationSigners.contains { $0.matches(key, owner: owner) }
    }

    private static func fromRecords(_ text: [UInt8], file: String) throws -> TrustAnchor {
        func failure(_ reason: String) -> ZoneError { ZoneError(.trustAnchor, file: file, line: 0, column: 0, reason) }
        // The TTL of an anchor means nothing, so none is required.
        var parser = ZoneParser(text: text, file: file, origin: .root, defaultTTL: 0)
        var anchor: TrustAnchor?
        while let record = try parser.next() {
            if let anchor, anchor.owner != record.name {
                throw failure("records for both \(anchor.owner) and \(record.name); a trust anchor file is for one zone")
            }
            var current = anchor ?? TrustAnchor(owner: record.name)
            do {
                switch record.type {
                case .dnskey: current.keys.append(try DNSKEY(rdata: record.rdata))
                case .ds: current.delegationSigners.append(try DS(rdata: record.rdata))
                default: throw failure("a \(record.type) record for \(record.name); a trust anchor file holds only DNSKEY and DS records")
                }
            } catch let error as WireError {
                throw failure("\(record.type) record for \(record.name): \(error)")
            }
            anchor = current
        }
        guard let anchor else { throw failure("no DNSKEY or DS record: the file is empty or only comments") }
        return anchor
    }
}

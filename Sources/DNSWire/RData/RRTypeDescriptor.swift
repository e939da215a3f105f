/// What Preface knows about one RR type: its mnemonic and RDATA layout. One table of these drives
/// wire parsing, validation, printing, compression and canonical form (STYLE rule 2).
public final class RRTypeDescriptor: Sendable {
    public let type: RRType
    public let mnemonic: String
    /// The RDATA layout, or `nil` when the RDATA is opaque (unknown, meta and obsolete types):
    /// such RDATA is kept and printed as `\# len hex` (RFC 3597 §5).
    public let fields: [RDataField]?
    /// RFC 3597 §4: only the RFC 1035 types may have names compressed when written.
    public let compression: NameCompression
    /// RFC 4034 §6.2 as corrected by RFC 6840 §5.1: the types whose RDATA names are lower-cased in
    /// canonical form.
    public let canonicalLowercaseNames: Bool
    /// Whether any field is a name (so RDATA must be walked to decompress or canonicalise it).
    public let containsNames: Bool
    /// Total RDATA length when every field is fixed-size.
    public let fixedLength: Int?

    init(_ value: UInt16, _ mnemonic: String, _ fields: [RDataField]?,
         compression: NameCompression = .uncompressed, lowercase: Bool = false) {
        self.type = RRType(value)
        self.mnemonic = mnemonic
        self.fields = fields
        self.compression = compression
        self.canonicalLowercaseNames = lowercase
        self.containsNames = fields?.contains(where: \.mayHoldName) ?? false
        if let fields, fields.allSatisfy({ $0.fixedLength != nil }) {
            self.fixedLength = fields.reduce(0) { $0 + ($1.fixedLength ?? 0) }
        } else {
            self.fixedLength = nil
        }
    }

    /// The descriptor for `type`; types not in the table share one with opaque RDATA.
    public static func of(_ type: RRType) -> RRTypeDescriptor {
        let value = Int(type.rawValue)
        if value < lowTable.count, let descriptor = lowTable[value] { return descriptor }
        return highTable[type.rawValue] ?? unknown
    }

    /// Types outside the table: RDATA is opaque (RFC 3597).
    static let unknown = RRTypeDescriptor(0, "unknown", nil)

    /// RDATA checks without fetching the descriptor for the common types: a fixed length, opaque,
    /// or (-2) walk the layout. Indexed by type value below 300.
    private static let quickLayout: [Int32] = lowTable.map { descriptor in
        guard let descriptor else { return -1 }
        if descriptor.fields == nil { return -1 }
        return descriptor.fixedLength.map(Int32.init) ?? -2
    }

    /// Checks the RDATA of a `type` record between the reader's offset and limit, and moves to the end.
    static func validateRData(of type: RRType, _ reader: inout WireReader) throws {
        let value = Int(type.rawValue)
        if value < quickLayout.count {
            let layout = quickLayout[value]
            if layout == -1 || reader.remaining == 0 || layout >= 0 && reader.remaining == Int(layout) {
                reader.offset = reader.limit
                return
            }
        }
        var sink = DiscardingNameSink()
        try of(type).walkRData(&reader, into: &sink)
    }

    static func mnemonic(of type: RRType) -> String? {
        let value = Int(type.rawValue)
        if value < lowTable.count { return lowTable[value]?.mnemonic }
        return highTable[type.rawValue]?.mnemonic
    }

    static func type(forMnemonic text: String) -> RRType? {
        byMnemonic[text.uppercased()]
    }

    private static let lowTable: [RRTypeDescriptor?] = {
        var table = [RRTypeDescriptor?](repeating: nil, count: 300)
        for descriptor in all where descriptor.type.rawValue < 300 {
            table[Int(descriptor.type.rawValue)] = descriptor
        }
        return table
    }()

    private static let highTable: [UInt16: RRTypeDescriptor] = Dictionary(
        all.filter { $0.type.rawValue >= 300 }.map { ($0.type.rawValue, $0) }, uniquingKeysWith: { a, _ in a })

    /// Mnemonics of up to 7 characters, upper-cased and packed into a `UInt64`.
    static let byPackedMnemonic: [UInt64: RRType] = Dictionary(
        (all.map { ($0.mnemonic, $0.type) } + [("*", .any)]).compactMap { entry in
            MnemonicText.packedKey(entry.0.utf8).map { ($0, entry.1) }
        }, uniquingKeysWith: { a, _ in a })

    private static let byMnemonic: [String: RRType] = Dictionary(
        all.map { ($0.mnemonic, $0.type) } + [("*", .any)], uniquingKeysWith: { a, _ in a })
}

import DNSWire

/// Reads a master file (RFC 1035 §5) record by record: `$ORIGIN`, `$TTL`, `$INCLUDE` (only when
/// `ZoneLimits.includeAllowed`), `@`, relative names, inherited owner, TTL and class, `TYPEnnn`,
/// `CLASSnnn` and the generic RDATA form `\# len hex` (RFC 3597 §5) for every type.
public struct ZoneParser {
    private struct Frame {
        var tokenizer: ZoneTokenizer
        var origin: DomainName?
    }

    private var frames: [Frame]
    private var defaultTTL: UInt32?
    private var lastOwner: DomainName?
    /// The last owner name read from text: its text, the origin it was read under, the name.
    private var ownerCache: (text: ArraySlice<UInt8>, origin: DomainName?, name: DomainName)?
    private var lastTTL: UInt32?
    private var lastClass: RRClass = .in
    private var recordCount = 0
    private var pendingError: ZoneError?
    private let limits: ZoneLimits

    /// - Parameters:
    ///   - bytes: the text of the zone file.
    ///   - file: the name errors report.
    ///   - origin: the initial `$ORIGIN`; relative names are refused until one is known.
    ///   - defaultTTL: the initial `$TTL` (RFC 2308 §4).
    public init(text bytes: [UInt8], file: String = "<text>", origin: DomainName? = nil, defaultTTL: UInt32? = nil,
                limits: ZoneLimits = .init()) {
        self.frames = [Frame(tokenizer: ZoneTokenizer(bytes: bytes, file: file), origin: origin)]
        self.defaultTTL = defaultTTL
        self.limits = limits
        if bytes.count > limits.maximumFileSize {
            pendingError = ZoneError(.limitExceeded, file: file, line: 1, column: 1,
                                     "\(bytes.count) bytes is over ZoneLimits.maximumFileSize (\(limits.maximumFileSize)); raise the limit to read it")
        }
    }

    /// Reads a whole file into records.
    public static func parseFile(_ path: String, origin: DomainName? = nil, defaultTTL: UInt32? = nil,
                                 limits: ZoneLimits = .init()) throws -> [ResourceRecord] {
        let bytes = try ZoneFileReader.read(path, limit: limits.maximumFileSize, includedFrom: nil)
        var parser = ZoneParser(text: bytes, file: path, origin: origin, defaultTTL: defaultTTL, limits: limits)
        var records: [ResourceRecord] = []
        while let record = try parser.next() { records.append(record) }
        return records
    }

    /// The next record, or `nil` at the end of the text.
    public mutating func next() throws -> ResourceRecord? {
        if let pendingError { throw pendingError }
        while let last = frames.indices.last {
            guard let entry = try frames[last].tokenizer.nextEntry() else {
                frames.removeLast()
                continue
            }
            if let record = try handle(entry) { return record }
        }
        return nil
    }

    private var file: String { frames.last?.tokenizer.file ?? "<text>" }
    private var origin: DomainName? { frames.last?.origin }

    private func error(_ code: ZoneError.Code, _ token: ZoneToken, _ reason: String) -> ZoneError {
        ZoneError(code, file: file, line: token.line, column: token.column, reason)
    }

    private mutating func handle(_ entry: ZoneEntry) throws -> ResourceRecord? {
        let tokens = entry.tokens
        let first = tokens[0] // trap-ok: the tokenizer never returns an empty entry
        if !entry.startsWithBlank && !first.quoted && first.text.first == UInt8(ascii: "$") {
            try directive(tokens)
            return nil
        }
        var position = 0
        let owner: DomainName
        if entry.startsWithBlank {
            guard let lastOwner else {
                throw error(.missingContext, first, "the entry starts with a blank, so it takes the previous owner, but there is none")
            }
            owner = lastOwner
        } else if let cached = ownerCache, !first.quoted, first.text.elementsEqual(cached.text), cached.origin == origin {
            // Zone files repeat owners line after line: reuse the name already read.
            owner = cached.name
            position = 1
        } else {
            owner = try name(first)
            ownerCache = (first.text, origin, owner)
            position = 1
        }
        // RFC 1035 §5.1: [<TTL>] [<class>] or [<class>] [<TTL>], then the type.
        var ttl: UInt32?
        var recordClass: RRClass?
        var type: RRType?
        while position < tokens.count, type == nil {
            let token = tokens[position]
            position += 1
            if ttl == nil, let digit = token.text.first, (0x30...0x39).contains(digit) {
                ttl = try Self.ttl(token, file: file)
            } else if recordClass == nil, let parsed = RRClass(utf8: token.text), parsed != .any || isClassAny(tokens, position) {
                recordClass = parsed
            } else if let parsed = RRType(utf8: token.text), !token.quoted {
                type = parsed
            } else {
                throw error(.unknownType, token, "\"\(token.string)\" is not a TTL, class or RR type known to Preface; write unknown types as TYPEnnn (RFC 3597 §5)")
            }
        }
        guard let type else {
            let last = tokens[tokens.count - 1] // trap-ok: at least one token
            throw error(.syntax, last, "the entry ends before its RR type")
        }
        if let ttl {
            lastTTL = ttl
        } else {
            ttl = defaultTTL ?? lastTTL
        }
        guard let ttl else {
            throw error(.missingContext, first, "no TTL: give one, or a $TTL line before this entry (RFC 2308 §4)")
        }
        let recordClassValue = recordClass ?? lastClass
        recordCount += 1
        guard recordCount <= limits.maximumRecordCount else {
            throw error(.limitExceeded, first, "more than ZoneLimits.maximumRecordCount (\(limits.maximumRecordCount)) records; raise the limit to read this zone")
        }
        var reader = RDataTextParser(tokens: tokens[position...], origin: origin, file: file, entryLine: entry.line)
        let rdata = try reader.parse(type: type)
        lastOwner = owner
        lastClass = recordClassValue
        return ResourceRecord(name: owner, type: type, class: recordClassValue, ttl: ttl, rdata: rdata)
    }

    /// `ANY` is both a class and a type: it is the class only when a type or TTL follows.
    private func isClassAny(_ tokens: [ZoneToken], _ next: Int) -> Bool {
        guard next < tokens.count else { return false }
        let following = tokens[next]
        if let digit = following.text.first, (0x30...0x39).contains(digit) { return true }
        return RRType(utf8: following.text) != nil
    }

    private func name(_ token: ZoneToken) throws -> DomainName {
        do {
            return try ZoneText.name(token, origin: origin)
        } catch let failure as ZoneError {
            throw ZoneError(failure.code, file: file, line: failure.line, column: failure.column, failure.reason)
        }
    }

    private mutating func directive(_ tokens: [ZoneToken]) throws {
        let keyword = tokens[0] // trap-ok: non-empty entry
        switch keyword.string.uppercased() {
        case "$ORIGIN":
            guard tokens.count == 2 else { throw error(.syntax, keyword, "$ORIGIN takes exactly one domain name") }
            let newOrigin = try name(tokens[1])
            frames[frames.count - 1].origin = newOrigin // trap-ok: a frame is being read
        case "$TTL":
            guard tokens.count == 2 else { throw error(.syntax, keyword, "$TTL takes exactly one TTL") }
            defaultTTL = try Self.ttl(tokens[1], file: file)
        case "$INCLUDE":
            guard limits.includeAllowed else {
                throw error(.includeRefused, keyword, "$INCLUDE is off by default because it reads other files; enable it with ZoneLimits(includeAllowed: true)")
            }
            guard tokens.count == 2 || tokens.count == 3 else { throw error(.syntax, keyword, "$INCLUDE takes a file name and an optional origin") }
            guard frames.count <= limits.maximumIncludeDepth else {
                throw error(.includeRefused, keyword, "$INCLUDE nested deeper than ZoneLimits.maximumIncludeDepth (\(limits.maximumIncludeDepth))")
            }
            let path = try ZoneText.characterString(tokens[1], file: file)
            let includedOrigin = tokens.count == 3 ? try name(tokens[2]) : origin
            let bytes: [UInt8]
            do {
                bytes = try ZoneFileReader.read(String(decoding: path, as: UTF8.self), limit: limits.maximumFileSize, includedFrom: file)
            } catch let failure as ZoneError {
                throw error(failure.code, tokens[1], failure.reason)
            }
            // RFC 1035 §5.1: the included file's origin does not leak back into this one.
            frames.append(Frame(tokenizer: ZoneTokenizer(bytes: bytes, file: String(decoding: path, as: UTF8.self)), origin: includedOrigin))
        default:
            throw error(.syntax, keyword, "unknown directive \(keyword.string); expected $ORIGIN, $TTL or $INCLUDE")
        }
    }

    /// A TTL in seconds, or BIND's `1w2d3h4m5s` form, below 2^32.
    static func ttl(_ token: ZoneToken, file: String) throws -> UInt32 {
        func bad() -> ZoneError {
            ZoneError(.badTTL, file: file, line: token.line, column: token.column,
                      "\"\(token.string)\" is not a TTL: use seconds (0…4294967295) or units like 1h30m")
        }
        guard !token.quoted, !token.text.isEmpty else { throw bad() }
        var total: UInt64 = 0
        var number: UInt64 = 0
        var digits = 0
        var sawUnit = false
        for byte in token.text {
            switch byte {
            case 0x30...0x39:
                number = number * 10 + UInt64(byte - 0x30)
                digits += 1
                guard number <= UInt64(UInt32.max) else { throw bad() }
            default:
                let multiplier: UInt64
                switch byte | 0x20 {
                case UInt8(ascii: "s"): multiplier = 1
                case UInt8(ascii: "m"): multiplier = 60
                case UInt8(ascii: "h"): multiplier = 3600
                case UInt8(ascii: "d"): multiplier = 86_400
                case UInt8(ascii: "w"): multiplier = 604_800
                default: throw bad()
                }
                guard digits > 0 else { throw bad() }
                total += number * multiplier
                number = 0
                digits = 0
                sawUnit = true
            }
            guard total <= UInt64(UInt32.max) else { throw bad() }
        }
        if digits > 0 { total += number } else if !sawUnit { throw bad() }
        guard total <= UInt64(UInt32.max) else { throw bad() }
        return UInt32(total)
    }
}

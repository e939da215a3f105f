/// One field of a master-file entry: the raw octets between delimiters (escapes kept, quotes
/// removed) and where it starts.
struct ZoneToken: Sendable {
    var text: ArraySlice<UInt8>
    var quoted: Bool
    var line: Int
    var column: Int

    var string: String { String(decoding: text, as: UTF8.self) }

    func isWord(_ word: String) -> Bool { !quoted && text.elementsEqual(word.utf8) }
}

/// One logical entry: the tokens of a line, joined across `(`…`)`.
struct ZoneEntry: Sendable {
    var tokens: [ZoneToken]
    /// RFC 1035 §5.1: an entry starting with a blank takes the previous owner.
    var startsWithBlank: Bool
    var line: Int
}

/// Splits master-file text into entries (RFC 1035 §5.1): blank-separated fields, `;` comments,
/// parentheses continuing an entry across lines, quoted strings, `\X` and `\DDD`. One pass over the
/// bytes; each byte is looked at a bounded number of times.
struct ZoneTokenizer: Sendable {
    let bytes: [UInt8]
    let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var column: Int { index - lineStart + 1 }

    private func error(_ code: ZoneError.Code, line: Int, column: Int, _ reason: String) -> ZoneError {
        ZoneError(code, file: file, line: line, column: column, reason)
    }

    /// The next non-empty entry, or `nil` at the end of the text.
    mutating func nextEntry() throws -> ZoneEntry? {
        var tokens: [ZoneToken] = []
        tokens.reserveCapacity(8)
        var startsWithBlank = false
        var entryLine = line
        var depth = 0
        var openLine = 0, openColumn = 0
        var atLineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart && depth == 0 && tokens.isEmpty {
                startsWithBlank = byte == 0x20 || byte == 0x09
                entryLine = line
            }
            atLineStart = false
            switch byte {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
                atLineStart = true
                if depth == 0 && !tokens.isEmpty {
                    return ZoneEntry(tokens: tokens, startsWithBlank: startsWithBlank, line: entryLine)
                }
            case UInt8(ascii: ";"):
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "("):
                if depth == 0 { (openLine, openColumn) = (line, column) }
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                guard depth > 0 else {
                    throw error(.unbalancedParentheses, line: line, column: column, "\")\" without a matching \"(\"")
                }
                depth -= 1
                index += 1
            case UInt8(ascii: "\""):
                let (startLine, startColumn) = (line, column)
                index += 1
                let start = index
                while true {
                    guard index < bytes.count else {
                        throw error(.unterminatedQuote, line: startLine, column: startColumn,
                                    "quoted string is never closed; add the closing \"")
                    }
                    let inner = bytes[index]
                    if inner == UInt8(ascii: "\"") { break }
                    if inner == UInt8(ascii: "\\") && index + 1 < bytes.count { index += 1 }
                    if bytes[index] == 0x0A {
                        line += 1
                        lineStart = index + 1
                    }
                    index += 1
                }
                tokens.append(ZoneToken(text: bytes[start..<index], quoted: true, line: startLine, column: startColumn))
                index += 1
            default:
                let start = index
                let startColumn = column
                scan: while index < bytes.count {
                    switch bytes[index] {
                    case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""):
                        break scan
                    case UInt8(ascii: "\\"):
                        index += 1
                        if index < bytes.count && bytes[index] == 0x0A { break scan }
                        index += 1
                    default:
                        index += 1
                    }
                }
                tokens.append(ZoneToken(text: bytes[start..<min(index, bytes.count)], quoted: false, line: line, column: startColumn))
            }
        }
        if depth > 0 {
            throw error(.unbalancedParentheses, line: openLine, column: openColumn, "\"(\" is never closed; add the matching \")\"")
        }
        return tokens.isEmpty ? nil : ZoneEntry(tokens: tokens, startsWithBlank: startsWithBlank, line: entryLine)
    }
}

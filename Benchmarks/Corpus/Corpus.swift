// The message corpus shared by the ldns differential test and the parse benchmark.
import DNSCapture
import Glibc

/// One DNS message and where it came from.
public struct CorpusMessage: Sendable {
    /// The file, relative to the repository root, with `#frame N` for a capture or `#N` for
    /// the N-th packet (from 1) of an Unbound hex file.
    public let source: String
    public let wire: [UInt8]
}

/// The DNS messages held in the repository: captures, fuzz inputs, malformed payloads and
/// Unbound's hex packets.
public struct Corpus: Sendable {
    public var messages: [CorpusMessage] = []
    /// Files that could not be read or decoded, with why; they add nothing to `messages`.
    public var unreadable: [String] = []

    public static let captureFolder = "Captures"
    public static let vectorFolder = "Tests/DNSWireTests/Vectors"

    /// Every message: captures first, then the vectors.
    public static func everything(root: String) -> Corpus {
        var corpus = captures(root: root)
        corpus.addVectors(root: root)
        return corpus
    }

    /// The DNS messages (UDP and TCP, ports 53 and 5353) decoded from every pcap and pcapng file
    /// under `Captures/`.
    public static func captures(root: String) -> Corpus {
        var corpus = Corpus()
        for path in filesBelow(root + "/" + captureFolder)
        where path.hasSuffix(".pcap") || path.hasSuffix(".pcapng") {
            let name = String(path.dropFirst(root.count + 1))
            guard let bytes = readFile(path) else {
                corpus.unreadable.append("\(name): cannot be read")
                continue
            }
            do {
                for message in try CaptureFile(bytes: bytes).dnsMessages().messages {
                    corpus.messages.append(CorpusMessage(source: "\(name)#frame \(message.frameNumber)",
                                                         wire: message.payload))
                }
            } catch {
                corpus.unreadable.append("\(name): \(error)")
            }
        }
        return corpus
    }

    /// c-ares' fuzz inputs and the payloads cut from malformed captures (one raw message per
    /// file), and Unbound's `test_packets.*` (hex).
    mutating func addVectors(root: String) {
        let vectors = root + "/" + Corpus.vectorFolder
        let raw = Corpus.filesBelow(vectors + "/c-ares+c-ares/test/fuzzinput")
            + Corpus.filesBelow(vectors + "/malformed-from-pcaps").filter { $0.hasSuffix(".bin") }
        for path in raw {
            let name = String(path.dropFirst(root.count + 1))
            if let bytes = Corpus.readFile(path) {
                messages.append(CorpusMessage(source: name, wire: bytes))
            } else {
                unreadable.append("\(name): cannot be read")
            }
        }
        let unbound = vectors + "/NLnetLabs+unbound/testdata"
        for path in Corpus.filesBelow(unbound) where path.dropLast().hasSuffix("/test_packets.") {
            let name = String(path.dropFirst(root.count + 1))
            guard let text = Corpus.readFile(path), let number = path.last?.wholeNumberValue else {
                unreadable.append("\(name): cannot be read")
                continue
            }
            // Unbound's testcode/unitmsgparse.c reads .1–.3 with `testfromfile`, the rest with
            // `testfromdrillfile`.
            let packets = Corpus.unboundPackets(text, onePerLine: number <= 3)
            for (index, packet) in packets.enumerated() {
                messages.append(CorpusMessage(source: "\(name)#\(index + 1)", wire: packet))
            }
        }
    }

    /// Splits an Unbound hex packet file into packets, as Unbound's `testfromfile` (one packet
    /// per line; lines under 10 characters are pcat's packet numbers) or `testfromdrillfile`
    /// (a line starting `;--` ends a packet; the other lines' hex is joined) does. Everything
    /// from `;` to the end of a line is a comment.
    public static func unboundPackets(_ text: [UInt8], onePerLine: Bool) -> [[UInt8]] {
        let semicolon = UInt8(ascii: ";")
        var packets: [[UInt8]] = []
        var hex: [UInt8] = []
        func finishPacket() {
            if !hex.isEmpty { packets.append(hexBytes(hex)) }
            hex.removeAll()
        }
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if onePerLine {
                // Unbound's length test counts the newline too.
                guard line.first != semicolon, line.count + 1 >= 10 else { continue }
                hex.append(contentsOf: line.prefix { $0 != semicolon })
                finishPacket()
            } else if line.starts(with: [semicolon, UInt8(ascii: "-"), UInt8(ascii: "-")]) {
                finishPacket()
            } else {
                hex.append(contentsOf: line.prefix { $0 != semicolon })
            }
        }
        finishPacket()
        return packets
    }

    /// The octets spelled by the hex digits in `text`; other characters are skipped.
    public static func hexBytes(_ text: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8? = nil
        for character in text {
            let digit: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = character - UInt8(ascii: "A") + 10
            default: continue
            }
            if let value = high {
                bytes.append(value << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return bytes
    }

    /// Regular files below `directory`, recursively, sorted; none if it cannot be opened.
    public static func filesBelow(_ directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var files: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let path = directory + "/" + name
            if let child = opendir(path) {
                closedir(child)
                files += filesBelow(path)
            } else {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// The whole file, or nil if it cannot be read.
    public static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count { return ferror(file) == 0 ? bytes : nil }
        }
    }
}

import ArgumentParser
import DNSCapture
import DNSWire

/// `preface decode`: DNS messages from raw files, hex lines or packet captures, printed dig-style
/// or as JSON lines.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode DNS messages from files, hex or packet captures.",
        discussion: """
            Inputs are raw DNS messages (one per file) by default, hex with --hex (one message per \
            line; '#' and ';' start comments), or pcap/pcapng captures with --pcap (UDP 53/5353 and \
            TCP 53, reassembled). Use - for standard input.
            Exit status: 0 if every message parsed, 1 if any failed, 2 for usage or I/O errors.
            """
    )

    @Flag(name: .long, help: "Inputs hold hex, one message per line.")
    var hex = false

    @Flag(name: .long, help: "Inputs are pcap or pcapng captures.")
    var pcap = false

    @Flag(name: .long, help: "Print one JSON object per line per message.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write each message's octets to DIR/NNNNNN.bin.", valueName: "DIR"))
    var writeMessages: String?

    @Argument(help: "Input files (- for standard input).")
    var files: [String]

    func validate() throws {
        if hex && pcap { throw ValidationError("--hex and --pcap cannot be combined.") }
        if files.isEmpty { throw ValidationError("Give at least one input file.") }
    }

    func run() throws {
        var output = DecodeOutput(json: json, messageDirectory: writeMessages)
        for path in files {
            let bytes: [UInt8]
            do {
                bytes = try FileInput.read(path)
            } catch {
                FileHandleOutput.standardError("preface decode: \(error)")
                throw ExitStatus.usageOrIO
            }
            if pcap {
                let capture: CaptureFile
                do {
                    capture = try CaptureFile(bytes: bytes)
                } catch {
                    FileHandleOutput.standardError("preface decode: \(path): \(error)")
                    throw ExitStatus.usageOrIO
                }
                let decoding = capture.dnsMessages()
                for message in decoding.messages {
                    output.emit(message.payload, origin: .captured(file: path, message))
                }
                for problem in decoding.problems {
                    FileHandleOutput.standardError("preface decode: \(path): \(problem)")
                }
            } else if hex {
                for (number, line) in HexLines.messages(in: bytes) {
                    guard let message = line else {
                        output.emitUnreadable(origin: .line(file: path, number), reason: "not hex")
                        continue
                    }
                    output.emit(message, origin: .line(file: path, number))
                }
            } else {
                output.emit(bytes, origin: .file(path))
            }
        }
        if output.failures > 0 { throw ExitStatus.someInputFailed }
    }
}

/// Hex input: one message per line; blank lines and `#`/`;` comments skipped.
enum HexLines {
    static func messages(in bytes: [UInt8]) -> [(Int, [UInt8]?)] {
        var result: [(Int, [UInt8]?)] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var content = line
            if let comment = content.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ";") }) {
                content = content[..<comment]
            }
            let digits = content.filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }
            guard !digits.isEmpty else { continue }
            result.append((index + 1, decode(digits)))
        }
        return result
    }

    static func decode(_ digits: [UInt8]) -> [UInt8]? {
        guard digits.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x41...0x46: digit - 0x41 + 10
        case 0x61...0x66: digit - 0x61 + 10
        default: nil
        }
    }
}

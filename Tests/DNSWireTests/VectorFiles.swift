import Testing
@testable import DNSWire
#if canImport(Glibc)
import Glibc
#endif

/// Locates and reads the test vectors beside this file.
enum VectorFiles {
    static let directory: String = {
        let file = "\(#filePath)"
        return String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) + "/Vectors"
    }()

    static func read(_ relativePath: String) -> [UInt8]? {
        readFile(directory + "/" + relativePath)
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }

    static func lines(_ relativePath: String) -> [Substring] {
        guard let bytes = read(relativePath) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    static func bytes(hex: some StringProtocol) -> [UInt8]? {
        var output: [UInt8] = []
        var high: UInt8? = nil
        for character in hex.utf8 {
            let value: UInt8
            switch character {
            case 0x30...0x39: value = character - 0x30
            case 0x41...0x46: value = character - 0x41 + 10
            case 0x61...0x66: value = character - 0x61 + 10
            case 0x20, 0x09, 0x0D: continue
            default: return nil
            }
            if let pending = high {
                output.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil ? output : nil
    }
}

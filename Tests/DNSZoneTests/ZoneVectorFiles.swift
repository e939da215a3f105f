#if canImport(Glibc)
import Glibc
#endif
@testable import DNSZone

/// Locates the vectors beside this file, the wire vectors and the repository's Zones/.
enum ZoneVectorFiles {
    static let testsDirectory: String = {
        let file = "\(#filePath)"
        return String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
    }()

    static let vectors = testsDirectory + "/Vectors"
    static let wireVectors = testsDirectory + "/../DNSWireTests/Vectors"
    static let zones = testsDirectory + "/../../Zones"
    /// RFC 8976 Appendix A zones and the Verisign ZONEMD suite.
    static let zonemd = zones + "/zonemd"

    /// The file's bytes, through the parser's own reader.
    static func read(_ path: String) -> [UInt8]? {
        try? ZoneFileReader.read(path, limit: Int.max, includedFrom: nil)
    }

    static func list(_ directory: String, suffix: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(suffix) { names.append(name) }
        }
        return names.sorted()
    }

    /// Hex with blanks allowed, through the parser's own decoder.
    static func bytes(hex: some StringProtocol) -> [UInt8]? {
        ZoneText.hex(hex.utf8.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D })
    }
}

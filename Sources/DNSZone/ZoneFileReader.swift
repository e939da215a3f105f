#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file access of DNSZone: reads a whole file, refusing ones over the size limit.
enum ZoneFileReader {
    static func read(_ path: String, limit: Int, includedFrom: String?) throws -> [UInt8] {
        func failure(_ reason: String, _ code: ZoneError.Code = .io) -> ZoneError {
            ZoneError(code, file: includedFrom ?? path, line: 0, column: 0, reason)
        }
        guard let file = fopen(path, "rb") else { throw failure("cannot open \(path) (errno \(errno))") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[..<count]
            guard bytes.count <= limit else {
                throw failure("\(path) is over ZoneLimits.maximumFileSize (\(limit) bytes); raise the limit to read it", .limitExceeded)
            }
        }
        guard ferror(file) == 0 else { throw failure("error reading \(path)") }
        return bytes
    }
}

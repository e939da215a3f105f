#if canImport(Glibc)
import Glibc
#endif

/// An input that could not be read: I/O errors end the command with exit status 2.
struct InputError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }
}

enum FileInput {
    /// The whole file (or standard input for `-`).
    static func read(_ path: String) throws -> [UInt8] {
        let file: UnsafeMutablePointer<FILE>?
        if path == "-" {
            file = fdopen(0, "rb")
        } else {
            file = fopen(path, "rb")
        }
        guard let file else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes += buffer[..<count] }
            if count < buffer.count {
                if ferror(file) != 0 { throw InputError(path: path, reason: String(cString: strerror(errno))) }
                break
            }
        }
        return bytes
    }
}

enum FileHandleOutput {
    static func standardError(_ text: String) {
        _ = text.withCString { write(2, $0, strlen($0)) }
        _ = write(2, "\n", 1)
    }
}

enum FileOutput {
    /// Writes `bytes` to `path`, replacing it; failures are reported on standard error.
    static func write(_ bytes: [UInt8], to path: String) {
        guard let file = fopen(path, "wb") else {
            FileHandleOutput.standardError("preface: cannot write \(path): \(String(cString: strerror(errno)))")
            return
        }
        defer { fclose(file) }
        if fwrite(bytes, 1, bytes.count, file) != bytes.count {
            FileHandleOutput.standardError("preface: cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Files Preface ships in `Zones/` (root zone, hints, trust anchor), found from the working
/// directory or from the executable's location (`.build/<config>/preface` sits three levels
/// below the repository).
enum ShippedFiles {
    static func locate(_ relativePath: String) -> String? {
        var candidates = [relativePath]
        var executable = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &executable, executable.count - 1)
        if length > 0 {
            var directory = String(decoding: executable[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            for _ in 0..<5 {
                guard let slash = directory.lastIndex(of: "/") else { break }
                directory = String(directory[..<slash])
                candidates.append(directory + "/" + relativePath)
            }
        }
        return candidates.first { access($0, R_OK) == 0 }
    }
}

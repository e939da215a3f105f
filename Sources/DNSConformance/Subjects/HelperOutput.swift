import Foundation

extension Observation {
    /// Reads the helpers' convention (see `StubSubject`): one address per line, and `ERROR <text>`
    /// lines for errors the library reported (several are joined with `; `). Blank lines are
    /// ignored; any other line is taken as an address, so garbage reads as an address that is not
    /// on the chain (WRONG) rather than vanishing.
    init(helperOutput: String) {
        var addresses: [String] = []
        var errors: [String] = []
        for line in helperOutput.split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text == "ERROR" || text.hasPrefix("ERROR ") {
                errors.append(String(text.dropFirst("ERROR".count)).trimmingCharacters(in: .whitespaces))
            } else {
                addresses.append(text)
            }
        }
        self.init(addresses: addresses, error: errors.isEmpty ? nil : errors.joined(separator: "; "))
    }
}

/// Finding the programs subjects run, and saying which Debian package brings a missing one.
enum SubjectTools {
    /// The absolute path of `tool` on PATH (or in the system directories).
    static func find(_ tool: String) -> String? {
        SystemCommand.find(tool)
    }

    /// The path of `tool`, or the bare name when it is absent (the command then fails as a
    /// CRASH; `unavailableReason` is there to keep that from happening).
    static func path(_ tool: String) -> String {
        find(tool) ?? tool
    }

    /// Nil when every tool is present, else why the subject cannot run.
    static func missing(_ tools: [(name: String, package: String)]) -> String? {
        for tool in tools where find(tool.name) == nil {
            return "\(tool.name) not found (Debian package \(tool.package))"
        }
        return nil
    }

    /// Nil when the file exists, else why the subject cannot run.
    static func missingFile(_ path: String, package: String) -> String? {
        FileManager.default.fileExists(atPath: path) ? nil : "\(path) not found (Debian package \(package))"
    }
}

extension AddressFamily {
    /// How helpers and `preface conform lookup --family` spell the family.
    var helperArgument: String {
        switch self {
        case .inet: "inet"
        case .inet6: "inet6"
        case .unspecified: "unspec"
        }
    }

    /// The C constant, for titles.
    var constantName: String {
        switch self {
        case .inet: "AF_INET"
        case .inet6: "AF_INET6"
        case .unspecified: "AF_UNSPEC"
        }
    }
}

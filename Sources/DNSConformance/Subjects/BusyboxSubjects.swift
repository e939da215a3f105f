import Foundation

/// BusyBox `nslookup NAME` (servers from /etc/resolv.conf), the lookup tool of small and
/// embedded systems. Since BusyBox 1.28 it asks for A and AAAA and prints every address record
/// of each answer under a `Name:` line, whatever its owner. Exits 1 when a query failed, which
/// `not-found-status.sh` turns into an `ERROR` line.
public struct BusyboxNslookupSubject: StubSubject {
    public init() {}

    public var id: String { "busybox-nslookup" }
    public var title: String { "busybox nslookup" }
    public var family: AddressFamily { .unspecified }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        if let missing = SubjectTools.missing([("busybox", "busybox"), ("sh", "dash")]) { return missing }
        let applets = SystemCommand.run([SubjectTools.path("busybox"), "--list"])
        return applets.output.split(whereSeparator: \.isNewline).contains("nslookup")
            ? nil : "this busybox has no nslookup applet"
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("sh"), environment.programsDirectory + "/not-found-status.sh", "1",
         SubjectTools.path("busybox"), "nslookup", name]
    }

    /// The answer's addresses are the `Address:` lines that follow a `Name:` line (the `Address:`
    /// under `Server:` is the server's own). `** server can't find …` and `*** Can't find …`
    /// lines are the errors.
    public func observation(standardOutput: String, standardError: String) -> Observation {
        var lines: [String] = []
        var inAnswer = false
        for line in standardOutput.split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("Name:") {
                inAnswer = true
            } else if text.hasPrefix("Address:") {
                if inAnswer { lines.append(text.dropFirst("Address:".count).trimmingCharacters(in: .whitespaces)) }
            } else if text.hasPrefix("*") {
                lines.append("ERROR " + text.drop { $0 == "*" }.trimmingCharacters(in: .whitespaces))
            } else if text.hasPrefix("ERROR") {
                lines.append(text)
            } else if text.hasPrefix("Server:") {
                inAnswer = false
            }
        }
        return Observation(helperOutput: lines.joined(separator: "\n"))
    }
}

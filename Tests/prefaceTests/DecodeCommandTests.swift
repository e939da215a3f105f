import Foundation
import Testing

/// `preface decode` as a user runs it: the built executable on real captures and files.
struct DecodeCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        let status: Int32
        var pid: Int32 = 0
        let output: String
        let error: String
        var lines: [Substring] { output.split(separator: "\n") }
    }

    /// Runs the `preface` built beside this test bundle.
    static func preface(_ arguments: [String]) throws -> Run {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("preface")
        let process = Process()
        process.executableURL = FileManager.default.fileExists(atPath: executable.path)
            ? executable
            : URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("preface")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, pid: process.processIdentifier,
                   output: String(decoding: outputData, as: UTF8.self), error: String(decoding: errorData, as: UTF8.self))
    }

    /// Output of any command (for checks around the runs).
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func objects(_ run: Run) throws -> [[String: Any]] {
        try run.lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any])
        }
    }

    @Test func wellFormedCaptureGivesOneJSONObjectPerMessage() throws {
        let run = try Self.preface(["decode", "--pcap", "--json", "Captures/private-octopus+ithitools/testfiles/smalltest.pcap"])
        #expect(run.status == 0)
        let objects = try Self.objects(run)
        // 18 messages, as tshark counts them (see DNSCaptureTests).
        #expect(objects.count == 18)
        #expect(objects.allSatisfy { $0["error"] == nil && $0["question"] is [Any] })
    }

    @Test func malformedCaptureExitsOneAndKeepsGoing() throws {
        // Frame 1 carries a compression pointer to itself; frame 2 is a good response.
        let run = try Self.preface(["decode", "--pcap", "--json", "Captures/OISF+suricata-verify/tests/dns/dns-forward-pointer/input.pcap"])
        #expect(run.status == 1)
        let objects = try Self.objects(run)
        #expect(objects.count == 2)
        let failures = objects.filter { $0["error"] != nil }
        #expect(failures.count == 1)
        #expect(failures.first?["offset"] is Int)
        #expect(failures.first?["code"] as? String == "bad-compression-pointer")
    }

    @Test func digStyleOutputShowsTheSections() throws {
        let run = try Self.preface(["decode", "--pcap", "Captures/OISF+suricata-verify/pcaps/20250224-dns-additionals-with-cname.pcap"])
        #expect(run.status == 0)
        #expect(run.output.contains(";; ->>HEADER<<- opcode: QUERY"))
        #expect(run.output.contains(";; ANSWER SECTION:"))
        #expect(run.output.contains("\tCNAME\t"))
    }

    @Test func hexInputOneMessagePerLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("preface-decode-\(getpid()).hex")
        // A query for example.com. A, then a line that is not hex, then a truncated header.
        try "; comment\n000001000001000000000000076578616d706c6503636f6d0000010001\nnot hex\n0000\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Self.preface(["decode", "--hex", "--json", file.path])
        #expect(run.status == 1)
        let objects = try Self.objects(run)
        #expect(objects.count == 3)
        #expect((objects[0]["question"] as? [[String: Any]])?.first?["name"] as? String == "example.com.")
        #expect(objects[0]["line"] as? Int == 2)
        #expect(objects[1]["error"] != nil)
        #expect(objects[2]["code"] as? String == "truncated")
    }

    @Test func usageAndIOErrorsExitTwo() throws {
        #expect(try Self.preface(["decode", "--pcap", "no-such-file.pcap"]).status == 2)
        #expect(try Self.preface(["decode", "--hex", "--pcap", "x"]).status == 2)
        #expect(try Self.preface(["decode", "--no-such-flag", "x"]).status == 2)
        // Not a capture file: an I/O-level error, not a message failure.
        #expect(try Self.preface(["decode", "--pcap", "README.md"]).status == 2)
    }
}

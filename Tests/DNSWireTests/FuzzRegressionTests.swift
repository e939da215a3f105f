import Testing
@testable import DNSWire
#if canImport(Glibc)
import Glibc
#endif

/// Inputs the fuzzer (scripts/fuzz-wire) once broke, kept so the properties it checks stay true:
/// the view and the owned parse agree, and parse → build → parse is the identity.
struct FuzzRegressionTests {
    static let directory = "fuzz-regressions"

    static var files: [String] {
        guard let handle = opendir(VectorFiles.directory + "/" + directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    @Test func regressionsExist() {
        #expect(!Self.files.isEmpty)
    }

    @Test(arguments: files)
    func parseBuildParse(_ file: String) throws {
        let bytes = try #require(VectorFiles.read("\(Self.directory)/\(file)"))
        let owned = try? Message(wire: bytes)
        let view = try? MessageView(wire: bytes)
        #expect((owned == nil) == (view == nil))
        guard let owned, let view else { return }
        #expect(Message(view) == owned)
        #expect(try Message(wire: owned.wire()) == owned)
    }
}

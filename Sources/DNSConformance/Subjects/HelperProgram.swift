import Foundation
import Glibc

/// A helper that is compiled before it runs: one source file in `SubjectPrograms`, the compiler,
/// and the product's name in the cache directory.
///
/// A product is rebuilt only when it is missing or older than its source. Builds write to a
/// temporary name and rename into place, so subjects sharing a product (the three glibc
/// `getaddrinfo` subjects) can prepare at the same time.
struct HelperProgram: Sendable, Hashable {
    enum Compiler: Sendable, Hashable {
        /// gcc against the system's glibc, linking the given libraries (`cares` → `-lcares`).
        case gcc(libraries: [String])
        /// `musl-gcc -static`: musl's own resolver, whatever the system's NSS configuration says.
        case muslStatic
        /// `go build` with CGO_ENABLED=0 (Go's own resolver only), its caches inside the cache
        /// directory and GOPROXY=off: the helpers use the standard library only.
        case go
        /// `javac -d`: the product is a directory of classes.
        case javac

        /// The program that compiles, and the Debian package that has it.
        var tool: (name: String, package: String) {
            switch self {
            case .gcc: ("gcc", "gcc")
            case .muslStatic: ("musl-gcc", "musl-tools")
            case .go: ("go", "golang-go")
            case .javac: ("javac", "default-jdk-headless")
            }
        }
    }

    /// The product's name inside the cache directory.
    var product: String
    /// The source's file name inside the programs directory.
    var source: String
    var compiler: Compiler

    func productPath(in environment: SubjectEnvironment) -> String {
        environment.cacheDirectory + "/" + product
    }

    func sourcePath(in environment: SubjectEnvironment) -> String {
        environment.programsDirectory + "/" + source
    }

    /// The file whose modification time stands for the product: the executable, or for javac
    /// the class compiled from the source.
    func stampPath(in environment: SubjectEnvironment) -> String {
        guard compiler == .javac else { return productPath(in: environment) }
        let className = (source as NSString).deletingPathExtension
        return productPath(in: environment) + "/" + className + ".class"
    }

    /// The product exists and is newer than the source.
    func isCurrent(in environment: SubjectEnvironment) -> Bool {
        guard let built = Self.modificationTime(stampPath(in: environment)),
              let written = Self.modificationTime(sourcePath(in: environment)) else { return false }
        return built > written
    }

    /// Builds the product unless it is current; throws with the compiler's output when it fails.
    func build(for subject: String, in environment: SubjectEnvironment) throws {
        let source = sourcePath(in: environment)
        guard FileManager.default.fileExists(atPath: source) else {
            throw SubjectError(.sourceMissing, subject: subject,
                               "helper source \(source) not found (is programsDirectory the SubjectPrograms resource?)")
        }
        if isCurrent(in: environment) { return }
        do {
            try FileManager.default.createDirectory(atPath: environment.cacheDirectory, withIntermediateDirectories: true)
        } catch {
            throw SubjectError(.cacheFailed, subject: subject, "cannot create the cache directory \(environment.cacheDirectory): \(error)")
        }
        guard let compilerPath = SystemCommand.find(compiler.tool.name) else {
            throw SubjectError(.buildFailed, subject: subject,
                               "\(compiler.tool.name) not found (Debian package \(compiler.tool.package))")
        }
        let final = productPath(in: environment)
        let temporary = final + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let command = buildCommand(compiler: compilerPath, source: source, output: temporary, cache: environment.cacheDirectory)
        let result = SystemCommand.run(command)
        guard result.succeeded else {
            throw SubjectError(.buildFailed, subject: subject,
                               "building \(product) failed (status \(result.status)): \(command.joined(separator: " "))",
                               output: result.output + result.errorOutput)
        }
        if compiler == .javac { try? FileManager.default.removeItem(atPath: final) }
        // rename(2) replaces a file atomically; a directory it cannot replace was just put there
        // by a concurrent build of the same product, which is as good as ours.
        if rename(temporary, final) != 0 && !isCurrent(in: environment) {
            throw SubjectError(.cacheFailed, subject: subject,
                               "cannot move \(temporary) to \(final): \(String(cString: strerror(errno)))")
        }
    }

    private func buildCommand(compiler path: String, source: String, output: String, cache: String) -> [String] {
        switch compiler {
        case .gcc(let libraries):
            return [path, "-O1", "-Wall", "-Wextra", "-o", output, source] + libraries.map { "-l" + $0 }
        case .muslStatic:
            return [path, "-static", "-O1", "-Wall", "-Wextra", "-o", output, source]
        case .go:
            // No network and nothing outside the cache: GOPROXY=off, GOTOOLCHAIN=local (Go ≥ 1.21
            // would otherwise fetch a toolchain a go.mod asks for), GOENV=off (no $HOME needed).
            let env = SystemCommand.find("env") ?? "/usr/bin/env"
            return [env, "GOCACHE=\(cache)/go/build-cache", "GOPATH=\(cache)/go/path", "GOENV=off", "GOFLAGS=",
                    "GOPROXY=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0",
                    path, "build", "-o", output, source]
        case .javac:
            return [path, "-d", output, source]
        }
    }

    private static func modificationTime(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// The `preface` command. Exit status: 0 success, 1 when some input did not parse, 2 for usage
/// and I/O errors.
@main
struct Preface: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preface",
        abstract: "A DNS toolkit whose answers keep the CNAME chain first.",
        version: "preface 0.1.0",
        subcommands: [ServeCommand.self, ResolveCommand.self, Decode.self, ZoneCommand.self, Conform.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            FileHandleOutput.standardError(fullMessage(for: error))
            Glibc.exit(ExitStatus.usageOrIO.rawValue)
        }
    }
}

/// The exit statuses every subcommand uses.
enum ExitStatus {
    static let success = ExitCode(0)
    static let someInputFailed = ExitCode(1)
    static let usageOrIO = ExitCode(2)
}

import ArgumentParser

@main
struct Preface: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preface",
        abstract: "A DNS toolkit whose answers keep the CNAME chain first.",
        subcommands: [Decode.self]
    )
}

import ArgumentParser

struct Decode: ParsableCommand {
    func run() throws {}
}

// libFuzzer entry point for DNSWire, built by scripts/fuzz-wire together with the library sources.
// Properties checked on every input (a violation traps, which libFuzzer records as a crash):
// 1. Parsing never crashes; `Message(wire:)` and `MessageView(wire:)` accept the same inputs.
// 2. An accepted message rebuilds to wire form that parses to an equal model (parse → build → parse).
// 3. Printing (dig style, JSON-ready record text) and the answer-chain extractor never crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let owned = try? Message(wire: bytes)
    let view = try? MessageView(wire: bytes)
    guard let owned else {
        if view != nil { fatalError("MessageView accepted what Message rejected") } // trap-ok: fuzz oracle
        return 0
    }
    guard let view else { fatalError("Message accepted what MessageView rejected") } // trap-ok: fuzz oracle
    if Message(view) != owned { fatalError("view and owned model differ") } // trap-ok: fuzz oracle
    let rebuilt = owned.wire()
    guard let again = try? Message(wire: rebuilt) else { fatalError("rebuilt message does not parse") } // trap-ok: fuzz oracle
    // Rebuilding can only drop RRsets when the decompressed message no longer fits 65,535 octets.
    let complete = again.answers.count + again.authorities.count + again.additionals.count
        == owned.answers.count + owned.authorities.count + owned.additionals.count
    if complete, again != owned { fatalError("parse → build → parse changed the message") } // trap-ok: fuzz oracle
    _ = owned.presentation
    for record in owned.answers + owned.authorities + owned.additionals { _ = record.presentation }
    _ = try? owned.answerChain()
    return 0
}

import CLDNS
import DNSWire
import Glibc
import MallocCounter

/// One parser under test: a name and one pass over every message, returning a value computed
/// from each parse so that none can be optimised away.
struct Contender: Sendable {
    let name: String
    let parseAll: @Sendable ([[UInt8]]) -> Int
    /// Parses one message (for allocation counting).
    let parseOne: @Sendable ([UInt8]) -> Int
}

let contenders = [
    Contender(name: "DNSWire MessageView(wire:)", parseAll: { parseAll($0, with: parseView) }, parseOne: parseView),
    Contender(name: "DNSWire Message(wire:)", parseAll: { parseAll($0, with: parseOwned) }, parseOne: parseOwned),
    Contender(name: "ldns ldns_wire2pkt", parseAll: { parseAll($0, with: parseWithLDNS) }, parseOne: parseWithLDNS),
]

@inline(__always)
func parseAll(_ messages: [[UInt8]], with parse: ([UInt8]) -> Int) -> Int {
    var sink = 0
    for wire in messages { sink &+= parse(wire) }
    return blackHole(sink)
}

/// The zero-copy view: validates everything, indexes the records, decodes nothing.
@inline(never)
func parseView(_ wire: [UInt8]) -> Int {
    do {
        let view = try MessageView(wire: wire)
        return Int(view.header.answerCount) &+ Int(view.header.additionalCount) &+ view.trailingByteCount
    } catch {
        return -1
    }
}

/// The owned model: every name and RDATA decompressed into values.
@inline(never)
func parseOwned(_ wire: [UInt8]) -> Int {
    do {
        let message = try Message(wire: wire)
        return message.answers.count &+ message.additionals.count &+ Int(message.header.id)
    } catch {
        return -1
    }
}

/// ldns's parse into its packet structure, and the free that goes with it.
@inline(never)
func parseWithLDNS(_ wire: [UInt8]) -> Int {
    var packet: UnsafeMutablePointer<ldns_pkt>? = nil
    let status = wire.withUnsafeBufferPointer { ldns_wire2pkt(&packet, $0.baseAddress, $0.count) }
    guard let packet else { return -1 }
    defer { ldns_pkt_free(packet) }
    return status == LDNS_STATUS_OK ? Int(ldns_pkt_ancount(packet)) &+ Int(ldns_pkt_id(packet)) : -1
}

/// Keeps `value` alive as far as the optimiser can tell.
@inline(never) @_optimize(none)
func blackHole<Value>(_ value: Value) -> Value { value }

/// Whether ldns accepts the message.
func ldnsAccepts(_ wire: [UInt8]) -> Bool {
    var packet: UnsafeMutablePointer<ldns_pkt>? = nil
    let status = wire.withUnsafeBufferPointer { ldns_wire2pkt(&packet, $0.baseAddress, $0.count) }
    if let packet { ldns_pkt_free(packet) }
    return status == LDNS_STATUS_OK
}


/// Heap allocations made while `body` runs (frees are not counted).
func allocations(_ body: () -> Int) -> UInt64 {
    let before = preface_allocation_count()
    preface_allocation_counting(true)
    _ = blackHole(body())
    preface_allocation_counting(false)
    return preface_allocation_count() - before
}

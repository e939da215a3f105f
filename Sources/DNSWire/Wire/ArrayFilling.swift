/// Builds a `[UInt8]` of exactly `count` octets written by `fill`.
///
/// Small arrays are written on the stack and copied once: `Array(UnsafeBufferPointer)` takes a
/// faster allocation path than `Array(unsafeUninitializedCapacity:)` (measured: ~19 ns against
/// ~34 ns for 20 octets), and the owned parse makes one such array per name and RDATA.
@inline(__always)
func makeOctets(count: Int, _ fill: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> [UInt8] {
    guard count > 0 else { return [] }
    if count <= 512 {
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            guard let base = buffer.baseAddress else { return [] }
            try fill(base)
            return Array(UnsafeBufferPointer(start: base, count: count))
        }
    }
    var failure: Error? = nil
    let octets = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        guard let base = buffer.baseAddress else { return }
        do {
            try fill(base)
            initialized = count
        } catch {
            failure = error
        }
    }
    if let failure { throw failure }
    return octets
}

/// One packet record of a capture file, as the container reader found it: where its bytes are
/// in the file and how to read them. Nothing inside the packet has been looked at yet.
struct CaptureFrame: Sendable {
    /// 1-based position among the file's packet records (pcap records, pcapng EPB/SPB/PB).
    var number: Int
    var linkType: LinkType
    var timestampSeconds: UInt64
    var timestampMicroseconds: UInt32
    /// The captured bytes, as absolute offsets in the file.
    var data: Range<Int>
    /// The length of the packet on the wire (may exceed `data.count` when the snapshot length cut it).
    var originalLength: Int
}

/// Converts a timestamp counted in units of `1 / unitsPerSecond` seconds to seconds and microseconds.
///
/// The fraction is scaled with a double-width multiply, so no resolution (nanoseconds, 2^-30 s,
/// 10^-19 s) can overflow. `unitsPerSecond` of 0 is treated as 1.
func splitTimestamp(_ units: UInt64, unitsPerSecond: UInt64) -> (seconds: UInt64, microseconds: UInt32) {
    let divisor = max(unitsPerSecond, 1)
    let seconds = units / divisor
    let fraction = units % divisor
    let scaled = fraction.multipliedFullWidth(by: 1_000_000)
    // fraction < divisor, so the quotient is below 1_000_000 and cannot overflow.
    let micro = divisor.dividingFullWidth((high: scaled.high, low: scaled.low)).quotient
    return (seconds, UInt32(truncatingIfNeeded: micro))
}

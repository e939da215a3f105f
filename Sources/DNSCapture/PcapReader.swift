/// What a container reader found in a file: its packet records, and the problems that stopped or
/// disturbed reading them (a record cut short at the end of the file, a malformed block…).
struct CaptureContents: Sendable {
    var format: CaptureFormat
    var frames: [CaptureFrame] = []
    var problems: [CaptureError] = []
}

/// Reads libpcap's classic file format (draft-ietf-opsawg-pcap §4–§5).
///
/// Layout: a 24-byte file header (magic, version, reserved, snapshot length, link type), then
/// records of a 16-byte header (seconds, microseconds or nanoseconds, captured length, original
/// length) and the captured bytes. The magic number gives the writer's byte order and the
/// timestamp resolution; Alexey Kuznetzov's "modified" variant adds 8 bytes to each record header.
enum PcapReader {
    /// Magic numbers as read in little-endian order (draft-ietf-opsawg-pcap §4).
    static let microsecondMagic: UInt32 = 0xA1B2_C3D4
    static let nanosecondMagic: UInt32 = 0xA1B2_3C4D
    /// libpcap's "modified" format (savefile.c: KUZNETZOV_TCPDUMP_MAGIC), microseconds.
    static let modifiedMagic: UInt32 = 0xA1B2_CD34

    static let fileHeaderLength = 24
    static let recordHeaderLength = 16
    static let modifiedRecordExtraLength = 8

    /// True if `bytes` start with one of the pcap magic numbers, in either byte order.
    static func recognises(_ bytes: [UInt8]) -> Bool {
        guard let magic = ByteCursor(bytes).uint32(at: 0, .littleEndian) else { return false }
        return [microsecondMagic, nanosecondMagic, modifiedMagic].contains { $0 == magic || $0 == magic.byteSwapped }
    }

    /// Reads every record. Throws only if the file header cannot be read; a record cut short
    /// ends the reading with a `truncatedFile` problem and keeps the records before it.
    static func read(_ bytes: [UInt8]) throws(CaptureError) -> CaptureContents {
        var cursor = ByteCursor(bytes)
        guard let rawMagic = cursor.uint32(at: 0, .littleEndian) else {
            throw CaptureError(.notACaptureFile, at: 0, "a pcap file starts with a 4-byte magic number")
        }
        let order: ByteOrder
        let magic: UInt32
        if [microsecondMagic, nanosecondMagic, modifiedMagic].contains(rawMagic) {
            order = .littleEndian
            magic = rawMagic
        } else {
            order = .bigEndian
            magic = rawMagic.byteSwapped
        }
        guard [microsecondMagic, nanosecondMagic, modifiedMagic].contains(magic) else {
            throw CaptureError(.notACaptureFile, at: 0, "unknown magic number 0x\(String(rawMagic, radix: 16))")
        }
        guard cursor.has(fileHeaderLength),
            let major = cursor.uint16(at: 4, order),
            let network = cursor.uint32(at: 20, order)
        else {
            throw CaptureError(.truncatedFile, at: 0, "the pcap file header needs \(fileHeaderLength) bytes, the file has \(bytes.count)")
        }
        // draft-ietf-opsawg-pcap §4: the current version is 2.4; readers reject other major versions.
        guard major == 2 else {
            throw CaptureError(.unsupportedVersion, at: 4, "pcap major version \(major), expected 2")
        }
        // §4: the low 16 bits are the link type; the high bits carry FCS information we do not need
        // (an FCS trails the frame and is cut off by the IP total length).
        let linkType = LinkType(rawValue: network & 0xFFFF)
        let ticksPerSecond: UInt64 = magic == nanosecondMagic ? 1_000_000_000 : 1_000_000
        let headerLength = recordHeaderLength + (magic == modifiedMagic ? modifiedRecordExtraLength : 0)
        cursor.skip(fileHeaderLength)

        var contents = CaptureContents(format: .pcap)
        contents.frames.reserveCapacity(min(bytes.count / 64, 1 << 20))
        while cursor.remaining > 0 {
            let recordOffset = cursor.offset
            let number = contents.frames.count + 1
            guard cursor.has(headerLength),
                let seconds = cursor.uint32(at: 0, order),
                let fraction = cursor.uint32(at: 4, order),
                let capturedLength = cursor.uint32(at: 8, order),
                let originalLength = cursor.uint32(at: 12, order)
            else {
                contents.problems.append(CaptureError(
                    .truncatedFile, at: recordOffset, frame: number,
                    "record header needs \(headerLength) bytes, \(cursor.remaining) left"))
                break
            }
            cursor.skip(headerLength)
            guard let data = cursor.readRange(Int(truncatingIfNeeded: capturedLength)) else {
                contents.problems.append(CaptureError(
                    .truncatedFile, at: recordOffset, frame: number,
                    "record says \(capturedLength) captured bytes, \(cursor.remaining) left in the file"))
                break
            }
            let units = UInt64(seconds) * ticksPerSecond + UInt64(fraction)
            let time = splitTimestamp(units, unitsPerSecond: ticksPerSecond)
            contents.frames.append(CaptureFrame(
                number: number, linkType: linkType,
                timestampSeconds: time.seconds, timestampMicroseconds: time.microseconds,
                data: data, originalLength: Int(truncatingIfNeeded: originalLength)))
        }
        return contents
    }
}

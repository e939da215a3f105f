/// A UDP datagram's ports and data (RFC 768).
struct UDPDatagram: Sendable {
    var sourcePort: UInt16
    var destinationPort: UInt16
    var data: Range<Int>
    /// Bytes the UDP length announced beyond what was captured.
    var missingBytes: Int
}

/// A TCP segment's ports, sequence number, control flags and data (RFC 9293 §3.1).
struct TCPHeader: Sendable {
    var sourcePort: UInt16
    var destinationPort: UInt16
    var sequenceNumber: UInt32
    var isSYN: Bool
    var isFIN: Bool
    var isRST: Bool
    var data: Range<Int>
}

/// Reads UDP and TCP headers inside an IP datagram's payload.
enum TransportDecoder {
    static let udp: UInt8 = 17
    static let tcp: UInt8 = 6

    /// RFC 768. The UDP length covers header and data; 0 means a jumbogram (RFC 2675 §4), whose
    /// length is the IP payload's. A UDP length beyond a complete IP payload is a bad header; beyond
    /// a payload cut by the snapshot length it is a truncation, reported through `missingBytes`.
    static func udp(_ datagram: IPDatagram, in bytes: [UInt8], frame: Int) throws(CaptureError) -> UDPDatagram {
        let cursor = ByteCursor(bytes, range: datagram.payload)
        guard let sourcePort = cursor.uint16(at: 0), let destinationPort = cursor.uint16(at: 2),
            let lengthField = cursor.uint16(at: 4), cursor.has(8)
        else {
            throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "UDP header needs 8 bytes, \(cursor.remaining) captured")
        }
        let available = cursor.remaining
        let announced = lengthField == 0 ? available + datagram.missingBytes : Int(lengthField)
        guard announced >= 8 else {
            throw CaptureError(.badHeader, at: cursor.offset + 4, frame: frame, "UDP length \(announced) is below the 8-byte header")
        }
        guard announced <= available + datagram.missingBytes else {
            throw CaptureError(
                .badHeader, at: cursor.offset + 4, frame: frame,
                "UDP length \(announced) exceeds the \(available + datagram.missingBytes) bytes the IP header allows")
        }
        let end = cursor.offset + min(announced, available)
        return UDPDatagram(
            sourcePort: sourcePort, destinationPort: destinationPort,
            data: cursor.offset + 8..<end, missingBytes: max(announced - available, 0))
    }

    /// RFC 9293 §3.1: data offset in 32-bit words, at least 5; flags in the low bits of byte 13.
    static func tcp(_ datagram: IPDatagram, in bytes: [UInt8], frame: Int) throws(CaptureError) -> TCPHeader {
        let cursor = ByteCursor(bytes, range: datagram.payload)
        guard let sourcePort = cursor.uint16(at: 0), let destinationPort = cursor.uint16(at: 2),
            let sequenceNumber = cursor.uint32(at: 4),
            let offsetByte = cursor.uint8(at: 12), let flags = cursor.uint8(at: 13), cursor.has(20)
        else {
            throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "TCP header needs 20 bytes, \(cursor.remaining) captured")
        }
        let headerLength = Int(offsetByte >> 4) * 4
        guard headerLength >= 20 else {
            throw CaptureError(.badHeader, at: cursor.offset + 12, frame: frame, "TCP data offset \(headerLength) is below 20 bytes")
        }
        guard cursor.has(headerLength) else {
            throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "TCP header length \(headerLength), \(cursor.remaining) captured")
        }
        return TCPHeader(
            sourcePort: sourcePort, destinationPort: destinationPort, sequenceNumber: sequenceNumber,
            isSYN: flags & 0x02 != 0, isFIN: flags & 0x01 != 0, isRST: flags & 0x04 != 0,
            data: cursor.offset + headerLength..<cursor.limit)
    }
}

/// An IP datagram with its headers stripped: who sent it to whom, and the transport-layer bytes.
struct IPDatagram: Sendable {
    var source: IPAddress
    var destination: IPAddress
    /// IANA protocol number of the transport header (6 TCP, 17 UDP…).
    var protocolNumber: UInt8
    /// Transport header and data, trimmed to the IP length (padding after it is dropped).
    var payload: Range<Int>
    /// How many bytes the IP length announced beyond what was captured (snapshot length).
    var missingBytes: Int
}

/// Decodes IPv4 (RFC 791) and IPv6 (RFC 8200) headers, including IPv6 extension headers and
/// IP-in-IP tunnels (RFC 2003, RFC 4213, RFC 2473). Fragments are not reassembled: a datagram
/// that is only part of a whole is reported as `fragmentSkipped`.
enum IPDecoder {
    /// Cap on IPv6 extension headers and tunnel nesting in one packet.
    static let maximumNestedHeaders = 16
    static let protocolIPv4InIP: UInt8 = 4
    static let protocolIPv6InIP: UInt8 = 41

    static func decode(_ packet: NetworkPacket, in bytes: [UInt8], frame: Int) throws(CaptureError) -> IPDatagram? {
        var kind = packet.kind
        var range = packet.range
        for _ in 0..<maximumNestedHeaders {
            let cursor = ByteCursor(bytes, range: range)
            guard let first = cursor.uint8(at: 0) else {
                throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "no IP header: the frame ends after its link-layer header")
            }
            let version = first >> 4
            switch (kind, version) {
            case (.ipv4, 4), (.ipAnyVersion, 4):
                let datagram = try ipv4(cursor, frame: frame)
                // RFC 2003 IP in IP, RFC 4213 §3.5 IPv6 in IPv4: decode the inner packet.
                switch datagram.protocolNumber {
                case protocolIPv4InIP: kind = .ipv4; range = datagram.payload
                case protocolIPv6InIP: kind = .ipv6; range = datagram.payload
                default: return datagram
                }
            case (.ipv6, 6), (.ipAnyVersion, 6):
                guard let datagram = try ipv6(cursor, frame: frame) else { return nil }
                // RFC 2473: IPv6 and IPv4 tunnelled in IPv6.
                switch datagram.protocolNumber {
                case protocolIPv4InIP: kind = .ipv4; range = datagram.payload
                case protocolIPv6InIP: kind = .ipv6; range = datagram.payload
                default: return datagram
                }
            case (.ipAnyVersion, _):
                throw CaptureError(.badHeader, at: cursor.offset, frame: frame, "IP version \(version), expected 4 or 6")
            default:
                throw CaptureError(
                    .badHeader, at: cursor.offset, frame: frame,
                    "the link layer announced IPv\(kind == .ipv4 ? 4 : 6) but the version field is \(version)")
            }
        }
        throw CaptureError(.tooManyHeaders, at: range.lowerBound, frame: frame, "more than \(maximumNestedHeaders) nested IP tunnels")
    }

    /// RFC 791 §3.1. A total length of 0 (segmentation offload) means "as captured".
    static func ipv4(_ cursor: ByteCursor, frame: Int) throws(CaptureError) -> IPDatagram {
        guard let versionAndLength = cursor.uint8(at: 0),
            let totalLength = cursor.uint16(at: 2),
            let fragmentField = cursor.uint16(at: 6),
            let protocolNumber = cursor.uint8(at: 9),
            let source = cursor.uint32(at: 12),
            let destination = cursor.uint32(at: 16)
        else {
            throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "IPv4 header needs 20 bytes, \(cursor.remaining) captured")
        }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20 else {
            throw CaptureError(.badHeader, at: cursor.offset, frame: frame, "IPv4 header length \(headerLength) is below 20 (RFC 791 §3.1 IHL)")
        }
        guard cursor.has(headerLength) else {
            throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "IPv4 header length \(headerLength), \(cursor.remaining) captured")
        }
        let length = totalLength == 0 ? cursor.remaining : Int(totalLength)
        guard length >= headerLength else {
            throw CaptureError(.badHeader, at: cursor.offset + 2, frame: frame, "IPv4 total length \(length) is shorter than its header (\(headerLength))")
        }
        // RFC 791 §3.1: MF flag (0x2000) or a non-zero fragment offset (low 13 bits) mean a piece.
        let moreFragments = fragmentField & 0x2000 != 0
        let fragmentOffset = Int(fragmentField & 0x1FFF) * 8
        if moreFragments || fragmentOffset != 0 {
            throw CaptureError(
                .fragmentSkipped, at: cursor.offset + 6, frame: frame,
                "IPv4 fragment at offset \(fragmentOffset)\(moreFragments ? ", more follow" : ", the last") (protocol \(protocolNumber)); fragments are not reassembled")
        }
        let end = cursor.offset + min(length, cursor.remaining)
        return IPDatagram(
            source: IPAddress(ipv4: source), destination: IPAddress(ipv4: destination),
            protocolNumber: protocolNumber, payload: cursor.offset + headerLength..<end,
            missingBytes: max(length - cursor.remaining, 0))
    }

    /// RFC 8200 §3–§4. Walks Hop-by-Hop, Routing, Destination Options, Fragment, AH (RFC 4302)
    /// and the other RFC 8200 §4.1-format headers (Mobility, HIP, Shim6). Returns `nil` for
    /// "No Next Header" (59). A payload length of 0 (jumbogram, offload) means "as captured".
    static func ipv6(_ cursor: ByteCursor, frame: Int) throws(CaptureError) -> IPDatagram? {
        guard cursor.has(40),
            let payloadLength = cursor.uint16(at: 4),
            let firstNextHeader = cursor.uint8(at: 6),
            let sourceHigh = cursor.uint64(at: 8), let sourceLow = cursor.uint64(at: 16),
            let destinationHigh = cursor.uint64(at: 24), let destinationLow = cursor.uint64(at: 32)
        else {
            throw CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "IPv6 header needs 40 bytes, \(cursor.remaining) captured")
        }
        let length = payloadLength == 0 ? cursor.remaining - 40 : Int(payloadLength)
        let end = cursor.offset + 40 + min(length, cursor.remaining - 40)
        var headers = ByteCursor(cursor.bytes, range: cursor.offset + 40..<end)
        var nextHeader = firstNextHeader
        for _ in 0..<maximumNestedHeaders {
            let headerLength: Int?
            switch nextHeader {
            case 0, 43, 60, 135, 139, 140:
                // RFC 8200 §4.3–§4.6: next header, length in 8-octet units not counting the first 8.
                headerLength = headers.uint8(at: 1).map { (Int($0) + 1) * 8 }
            case 51:
                // RFC 4302 §2.2: AH length is in 4-octet units, minus 2.
                headerLength = headers.uint8(at: 1).map { (Int($0) + 2) * 4 }
            case 44:
                // RFC 8200 §4.5: offset (13 bits, 8-octet units) and M flag. Offset 0 without M is
                // an atomic fragment (RFC 6946) and is the whole datagram.
                guard let field = headers.uint16(at: 2) else {
                    headerLength = nil
                    break
                }
                let offset = Int(field >> 3) * 8
                let more = field & 1 != 0
                if offset != 0 || more {
                    throw CaptureError(
                        .fragmentSkipped, at: headers.offset, frame: frame,
                        "IPv6 fragment at offset \(offset)\(more ? ", more follow" : ", the last"); fragments are not reassembled")
                }
                headerLength = 8
            case 59:
                return nil  // RFC 8200 §4.7: nothing follows.
            default:
                return IPDatagram(
                    source: IPAddress(ipv6: sourceHigh, sourceLow), destination: IPAddress(ipv6: destinationHigh, destinationLow),
                    protocolNumber: nextHeader, payload: headers.rest,
                    missingBytes: max(length - (cursor.remaining - 40), 0))
            }
            guard let headerLength, let following = headers.uint8(at: 0), headers.skip(headerLength) else {
                throw CaptureError(
                    .truncatedFrame, at: headers.offset, frame: frame,
                    "IPv6 extension header \(nextHeader) does not fit in the \(headers.remaining) bytes left")
            }
            nextHeader = following
        }
        throw CaptureError(.tooManyHeaders, at: headers.offset, frame: frame, "more than \(maximumNestedHeaders) IPv6 extension headers")
    }
}

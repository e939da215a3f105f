/// Which network-layer protocol a link-layer header announced.
enum NetworkProtocol: Sendable {
    case ipv4
    case ipv6
    /// The link type says "IP" without a version: the version nibble decides (raw IP, MPLS).
    case ipAnyVersion
}

/// Where the network-layer packet of a frame starts, and what it is.
struct NetworkPacket: Sendable {
    var kind: NetworkProtocol
    /// The bytes after the link-layer header(s), as absolute offsets in the file.
    var range: Range<Int>
}

/// Strips link-layer headers to reach IP, per link type (https://www.tcpdump.org/linktypes.html).
///
/// Returns `nil` for a well-formed frame that does not carry IP (ARP, LLDP, STP…); throws for a
/// link type it does not know and for headers that do not fit in the captured bytes.
enum LinkLayer {
    /// AF_INET and the AF_INET6 values of the BSDs that write loopback captures
    /// (LINKTYPE_NULL: NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30).
    static let addressFamilyIPv4: UInt32 = 2
    static let addressFamiliesIPv6: Set<UInt32> = [24, 28, 30]

    static func network(of frame: CaptureFrame, in bytes: [UInt8]) throws(CaptureError) -> NetworkPacket? {
        let cursor = ByteCursor(bytes, range: frame.data)
        switch frame.linkType {
        case .ethernet:
            return try Ethernet.network(cursor, frame: frame.number)
        case .raw, .rawBSD, .rawOpenBSD:
            return NetworkPacket(kind: .ipAnyVersion, range: cursor.rest)
        case .ipv4:
            return NetworkPacket(kind: .ipv4, range: cursor.rest)
        case .ipv6:
            return NetworkPacket(kind: .ipv6, range: cursor.rest)
        case .null, .loop:
            return try loopback(cursor, frame: frame.number)
        case .linuxSLL:
            // LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.
            guard let protocolType = cursor.uint16(at: 14) else {
                throw truncated(cursor, frame: frame.number, "Linux SLL header needs 16 bytes")
            }
            var payload = cursor
            payload.skip(16)
            return try Ethernet.network(etherType: protocolType, payload, frame: frame.number)
        case .linuxSLL2:
            // LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type,
            // address length, 8 address bytes.
            guard cursor.has(20), let protocolType = cursor.uint16(at: 0) else {
                throw truncated(cursor, frame: frame.number, "Linux SLL2 header needs 20 bytes")
            }
            var payload = cursor
            payload.skip(20)
            return try Ethernet.network(etherType: protocolType, payload, frame: frame.number)
        case .ppp, .pppHDLC:
            return try ppp(cursor, frame: frame.number)
        default:
            throw CaptureError(
                .unknownLinkType, at: frame.data.lowerBound, frame: frame.number,
                "link type \(frame.linkType.rawValue) is not one this decoder can strip")
        }
    }

    /// LINKTYPE_NULL / LINKTYPE_LOOP: a 4-byte address family, in the capturing host's byte order
    /// for NULL and in network order for LOOP. Both orders are accepted for both: family values are
    /// small, so a value above 0xFFFF must be the other order.
    static func loopback(_ cursor: ByteCursor, frame: Int) throws(CaptureError) -> NetworkPacket? {
        guard let raw = cursor.uint32(at: 0, .littleEndian) else {
            throw truncated(cursor, frame: frame, "loopback header needs 4 bytes")
        }
        let family = raw > 0xFFFF ? raw.byteSwapped : raw
        var payload = cursor
        payload.skip(4)
        if family == addressFamilyIPv4 { return NetworkPacket(kind: .ipv4, range: payload.rest) }
        if addressFamiliesIPv6.contains(family) { return NetworkPacket(kind: .ipv6, range: payload.rest) }
        return nil
    }

    /// LINKTYPE_PPP / LINKTYPE_PPP_HDLC: optional RFC 1662 address and control octets (0xFF 0x03),
    /// then the RFC 1661 §2 protocol field (one octet if compressed, §6.5). Cisco HDLC framing
    /// (address 0x0F or 0x8F, control 0, EtherType) is accepted as well.
    static func ppp(_ cursor: ByteCursor, frame: Int) throws(CaptureError) -> NetworkPacket? {
        var payload = cursor
        guard let first = payload.uint8(at: 0) else {
            throw truncated(cursor, frame: frame, "PPP header needs at least 1 byte")
        }
        if first == 0x0F || first == 0x8F {
            guard let etherType = payload.uint16(at: 2) else {
                throw truncated(cursor, frame: frame, "Cisco HDLC header needs 4 bytes")
            }
            payload.skip(4)
            return try Ethernet.network(etherType: etherType, payload, frame: frame)
        }
        if first == 0xFF {
            guard payload.uint8(at: 1) == 0x03 else {
                throw CaptureError(.badHeader, at: cursor.offset + 1, frame: frame, "PPP control octet after address 0xFF must be 0x03 (RFC 1662 §3.1)")
            }
            payload.skip(2)
        }
        guard let high = payload.readUInt8() else {
            throw truncated(cursor, frame: frame, "PPP protocol field missing")
        }
        var protocolNumber = UInt16(high)
        if high & 1 == 0 {
            guard let low = payload.readUInt8() else {
                throw truncated(cursor, frame: frame, "PPP protocol field needs 2 bytes")
            }
            protocolNumber = protocolNumber << 8 | UInt16(low)
        }
        switch protocolNumber {
        case 0x0021: return NetworkPacket(kind: .ipv4, range: payload.rest)
        case 0x0057: return NetworkPacket(kind: .ipv6, range: payload.rest)
        default: return nil
        }
    }

    static func truncated(_ cursor: ByteCursor, frame: Int, _ detail: String) -> CaptureError {
        CaptureError(.truncatedFrame, at: cursor.offset, frame: frame, "\(detail), \(cursor.remaining) captured")
    }
}

/// Ethernet and the EtherType-selected headers that may sit between it and IP.
enum Ethernet {
    static let ipv4: UInt16 = 0x0800
    static let ipv6: UInt16 = 0x86DD
    /// IEEE 802.1Q customer tag, 802.1ad service tag, and the pre-standard QinQ values.
    static let vlanTags: Set<UInt16> = [0x8100, 0x88A8, 0x9100, 0x9200]
    /// RFC 2516 PPPoE session stage.
    static let pppoeSession: UInt16 = 0x8864
    /// RFC 3032 MPLS unicast and multicast.
    static let mpls: Set<UInt16> = [0x8847, 0x8848]
    /// IEEE 802.3: a type field up to this value is a length, and an LLC header follows.
    static let maximumLength: UInt16 = 1500
    /// Cap on stacked VLAN tags, PPPoE and MPLS labels: real frames use a handful.
    static let maximumNestedHeaders = 16

    /// IEEE 802.3: destination (6), source (6), EtherType or length (2).
    static func network(_ cursor: ByteCursor, frame: Int) throws(CaptureError) -> NetworkPacket? {
        guard let etherType = cursor.uint16(at: 12) else {
            throw LinkLayer.truncated(cursor, frame: frame, "Ethernet header needs 14 bytes")
        }
        var payload = cursor
        payload.skip(14)
        return try network(etherType: etherType, payload, frame: frame)
    }

    /// Follows EtherTypes through VLAN tags, LLC/SNAP, PPPoE and MPLS to IPv4 or IPv6.
    static func network(etherType first: UInt16, _ cursor: ByteCursor, frame: Int) throws(CaptureError) -> NetworkPacket? {
        var etherType = first
        var payload = cursor
        for _ in 0..<maximumNestedHeaders {
            switch etherType {
            case ipv4:
                return NetworkPacket(kind: .ipv4, range: payload.rest)
            case ipv6:
                return NetworkPacket(kind: .ipv6, range: payload.rest)
            case _ where vlanTags.contains(etherType):
                // IEEE 802.1Q §9.6: 2 bytes of tag control information, then the inner EtherType.
                guard let inner = payload.uint16(at: 2) else {
                    throw LinkLayer.truncated(payload, frame: frame, "VLAN tag needs 4 bytes")
                }
                etherType = inner
                payload.skip(4)
            case pppoeSession:
                // RFC 2516 §4: version/type, code, session id, length (6 bytes), then PPP protocol (2).
                guard let protocolNumber = payload.uint16(at: 6) else {
                    throw LinkLayer.truncated(payload, frame: frame, "PPPoE session header needs 8 bytes")
                }
                payload.skip(8)
                switch protocolNumber {
                case 0x0021: return NetworkPacket(kind: .ipv4, range: payload.rest)
                case 0x0057: return NetworkPacket(kind: .ipv6, range: payload.rest)
                default: return nil
                }
            case _ where mpls.contains(etherType):
                // RFC 3032 §2.1: 4-byte label stack entries; the bottom one has the S bit set.
                for _ in 0..<maximumNestedHeaders {
                    guard let entry = payload.uint32(at: 0) else {
                        throw LinkLayer.truncated(payload, frame: frame, "MPLS label stack entry needs 4 bytes")
                    }
                    payload.skip(4)
                    if entry & 0x100 != 0 { return NetworkPacket(kind: .ipAnyVersion, range: payload.rest) }
                }
                throw CaptureError(.tooManyHeaders, at: payload.offset, frame: frame, "more than \(maximumNestedHeaders) MPLS labels")
            case ...maximumLength:
                // IEEE 802.2 LLC; only SNAP (DSAP 0xAA, SSAP 0xAA, control 3, OUI) carries an EtherType.
                guard payload.uint8(at: 0) == 0xAA, payload.uint8(at: 1) == 0xAA, payload.uint8(at: 2) == 0x03,
                    let inner = payload.uint16(at: 6)
                else { return nil }
                etherType = inner
                payload.skip(8)
            default:
                return nil
            }
        }
        throw CaptureError(.tooManyHeaders, at: payload.offset, frame: frame, "more than \(maximumNestedHeaders) VLAN/LLC headers")
    }
}

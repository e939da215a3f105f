/// Reads PCAP Next Generation files (draft-ietf-opsawg-pcapng).
///
/// A file is a sequence of blocks — type (4 bytes), total length (4), body, total length again —
/// grouped into sections, each opened by a Section Header Block whose byte-order magic says how
/// the section's numbers are written. Interface Description Blocks give each interface its link
/// type and timestamp resolution; Enhanced, Simple and (obsolete) Packet Blocks carry the frames.
/// Every other block type is skipped by its length (§3.1: readers must skip unknown blocks).
enum PcapNGReader {
    /// §4.1: the Section Header Block type, chosen to read the same in both byte orders.
    static let sectionHeaderType: UInt32 = 0x0A0D_0D0A
    /// §4.1: the byte-order magic, as written by the section's author.
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D
    static let interfaceDescriptionType: UInt32 = 1
    /// Appendix A: the obsolete Packet Block.
    static let packetType: UInt32 = 2
    static let simplePacketType: UInt32 = 3
    static let enhancedPacketType: UInt32 = 6

    /// True if `bytes` start with a Section Header Block.
    static func recognises(_ bytes: [UInt8]) -> Bool {
        ByteCursor(bytes).uint32(at: 0, .littleEndian) == sectionHeaderType
    }

    /// What an Interface Description Block says about the packets captured on that interface.
    struct Interface {
        var linkType: LinkType
        var snapshotLength: UInt32
        /// Timestamp units per second (§4.2 `if_tsresol`; default 10^6).
        var unitsPerSecond: UInt64 = 1_000_000
        /// Seconds to add to every timestamp (§4.2 `if_tsoffset`).
        var offsetSeconds: Int64 = 0
    }

    /// The state of the section being read.
    struct Section {
        var order: ByteOrder
        var interfaces: [Interface] = []
    }

    /// Reads every block. Throws only if the first Section Header Block cannot be read; later
    /// damage ends (or, for a single bad block, interrupts) reading with a problem.
    static func read(_ bytes: [UInt8]) throws(CaptureError) -> CaptureContents {
        var cursor = ByteCursor(bytes)
        var contents = CaptureContents(format: .pcapng)
        var section: Section? = nil
        var packetCount = 0

        while cursor.remaining > 0 {
            let blockOffset = cursor.offset
            guard cursor.has(8), let rawType = cursor.uint32(at: 0, .littleEndian) else {
                let error = CaptureError(.truncatedFile, at: blockOffset, "a block header needs 8 bytes, \(cursor.remaining) left")
                if section == nil { throw error }
                contents.problems.append(error)
                break
            }
            if rawType == sectionHeaderType {
                do throws(CaptureError) {
                    section = try readSectionHeader(cursor)
                } catch {
                    if section == nil { throw error }
                    contents.problems.append(error)
                    break
                }
            }
            guard let current = section else {
                throw CaptureError(.notACaptureFile, at: 0, "a pcapng file starts with a Section Header Block (0x0A0D0D0A)")
            }
            let order = current.order
            guard let type = cursor.uint32(at: 0, order), let totalLength = cursor.uint32(at: 4, order) else { break }
            let length = Int(truncatingIfNeeded: totalLength)  // negative on 32-bit: rejected below
            // §3.1: the total length covers the 12 bytes of framing and is a multiple of 4.
            guard length >= 12, length % 4 == 0 else {
                contents.problems.append(CaptureError(
                    .badBlock, at: blockOffset, "block length \(length) is below 12 or not a multiple of 4; cannot find the next block"))
                break
            }
            guard let block = cursor.window(length) else {
                let error = CaptureError(
                    .truncatedFile, at: blockOffset, frame: isPacket(type) ? packetCount + 1 : nil,
                    "block of type \(type) says \(length) bytes, \(cursor.remaining) left in the file")
                // The first Section Header Block is the file header: without it there is no file.
                if blockOffset == 0 { throw error }
                contents.problems.append(error)
                break
            }
            if block.uint32(at: length - 4, order) != totalLength {
                contents.problems.append(CaptureError(
                    .badBlock, at: blockOffset + length - 4, "trailing block length differs from the leading one (\(length))"))
            }
            let body = ByteCursor(bytes, range: blockOffset + 8..<blockOffset + length - 4)
            switch type {
            case interfaceDescriptionType:
                if let interface = readInterface(body, order: order) {
                    section?.interfaces.append(interface)
                } else {
                    contents.problems.append(CaptureError(.badBlock, at: blockOffset, "Interface Description Block body is shorter than 8 bytes"))
                    // Keep interface numbering aligned with the file even if this one is unusable.
                    section?.interfaces.append(Interface(linkType: LinkType(rawValue: UInt32.max), snapshotLength: 0))
                }
            case enhancedPacketType, packetType, simplePacketType:
                packetCount += 1
                switch readPacket(type: type, body: body, section: current, number: packetCount, blockOffset: blockOffset) {
                case .success(let frame): contents.frames.append(frame)
                case .failure(let error): contents.problems.append(error)
                }
            default:
                break  // §3.1: unknown and uninteresting blocks are skipped.
            }
            cursor.skip(length)
        }
        return contents
    }

    static func isPacket(_ type: UInt32) -> Bool {
        type == enhancedPacketType || type == packetType || type == simplePacketType
    }

    /// §4.1: reads the byte-order magic and version of a Section Header Block at the cursor.
    static func readSectionHeader(_ cursor: ByteCursor) throws(CaptureError) -> Section {
        guard let magic = cursor.uint32(at: 8, .littleEndian) else {
            throw CaptureError(.truncatedFile, at: cursor.offset, "a Section Header Block needs at least 28 bytes")
        }
        let order: ByteOrder
        if magic == byteOrderMagic {
            order = .littleEndian
        } else if magic == byteOrderMagic.byteSwapped {
            order = .bigEndian
        } else {
            throw CaptureError(.notACaptureFile, at: cursor.offset + 8, "byte-order magic 0x\(String(magic, radix: 16)) is not 0x1A2B3C4D in either order")
        }
        guard let major = cursor.uint16(at: 12, order) else {
            throw CaptureError(.truncatedFile, at: cursor.offset, "a Section Header Block needs at least 28 bytes")
        }
        // §4.1: a reader must not try to read a section whose major version it does not know.
        guard major == 1 else {
            throw CaptureError(.unsupportedVersion, at: cursor.offset + 12, "pcapng major version \(major), expected 1")
        }
        return Section(order: order)
    }

    /// §4.2: link type, snapshot length, and the options that change timestamp interpretation.
    static func readInterface(_ body: ByteCursor, order: ByteOrder) -> Interface? {
        guard let linkType = body.uint16(at: 0, order), let snapshotLength = body.uint32(at: 4, order) else { return nil }
        var interface = Interface(linkType: LinkType(rawValue: UInt32(linkType)), snapshotLength: snapshotLength)
        var options = body
        options.skip(8)
        // §3.5: options are (code, length, value padded to 4 bytes), ending with opt_endofopt (0).
        while let code = options.uint16(at: 0, order), let length = options.uint16(at: 2, order), code != 0 {
            let padded = (Int(length) + 3) & ~3
            guard options.has(4 + padded) else { break }
            if code == 9, length == 1, let resolution = options.uint8(at: 4) {
                // if_tsresol: high bit clear → 10^-n seconds, set → 2^-n seconds.
                let exponent = UInt64(resolution & 0x7F)
                if resolution & 0x80 == 0 {
                    if exponent <= 19 { interface.unitsPerSecond = (0..<exponent).reduce(1) { value, _ in value * 10 } }
                } else if exponent <= 63 {
                    interface.unitsPerSecond = 1 << exponent
                }
            } else if code == 14, length == 8, let offset = options.uint64(at: 4, order) {
                interface.offsetSeconds = Int64(bitPattern: offset)  // if_tsoffset
            }
            options.skip(4 + padded)
        }
        return interface
    }

    /// §4.3 (EPB), §4.4 (SPB), Appendix A (PB): one frame, or the problem that prevents reading it.
    static func readPacket(type: UInt32, body: ByteCursor, section: Section, number: Int, blockOffset: Int) -> Result<CaptureFrame, CaptureError> {
        let order = section.order
        let interfaceID: Int
        var timestamp: UInt64 = 0
        let capturedLength: Int
        let originalLength: Int
        let dataStart: Int
        switch type {
        case simplePacketType:
            // §4.4: always interface 0, no timestamp, captured length = min(original, snaplen, body).
            guard let length = body.uint32(at: 0, order) else {
                return .failure(CaptureError(.badBlock, at: blockOffset, frame: number, "Simple Packet Block body is shorter than 4 bytes"))
            }
            interfaceID = 0
            originalLength = Int(truncatingIfNeeded: length)
            var limit = min(originalLength, body.remaining - 4)
            if let snapshot = section.interfaces.first?.snapshotLength, snapshot > 0 {
                limit = min(limit, Int(snapshot))
            }
            capturedLength = limit
            dataStart = 4
        default:
            let interfaceField = type == packetType ? body.uint16(at: 0, order).map(Int.init) : body.uint32(at: 0, order).map { Int(truncatingIfNeeded: $0) }
            guard let interfaceField,
                let high = body.uint32(at: 4, order), let low = body.uint32(at: 8, order),
                let captured = body.uint32(at: 12, order), let original = body.uint32(at: 16, order)
            else {
                return .failure(CaptureError(.badBlock, at: blockOffset, frame: number, "packet block body is shorter than 20 bytes"))
            }
            interfaceID = interfaceField
            timestamp = UInt64(high) << 32 | UInt64(low)
            capturedLength = Int(truncatingIfNeeded: captured)
            originalLength = Int(truncatingIfNeeded: original)
            dataStart = 20
        }
        guard section.interfaces.indices.contains(interfaceID) else {
            return .failure(CaptureError(
                .unknownInterface, at: blockOffset, frame: number,
                "interface \(interfaceID) was not described; the section has \(section.interfaces.count)"))
        }
        guard body.has(capturedLength, at: dataStart) else {
            return .failure(CaptureError(
                .badBlock, at: blockOffset, frame: number,
                "captured length \(capturedLength) does not fit in the block body of \(body.remaining) bytes"))
        }
        let interface = section.interfaces[interfaceID]
        var time = splitTimestamp(timestamp, unitsPerSecond: interface.unitsPerSecond)
        if interface.offsetSeconds != 0 {
            let shifted = Int64(clamping: time.seconds).addingReportingOverflow(interface.offsetSeconds)
            time.seconds = shifted.overflow ? time.seconds : UInt64(clamping: max(shifted.partialValue, 0))
        }
        let start = body.offset + dataStart
        return .success(CaptureFrame(
            number: number, linkType: interface.linkType,
            timestampSeconds: time.seconds, timestampMicroseconds: time.microseconds,
            data: start..<start + capturedLength, originalLength: originalLength))
    }
}

/// RDATA in canonical form (RFC 4034 §6.2, as corrected by RFC 6840 §5.1), the form DNSSEC signs
/// and ZONEMD digests.
extension RRTypeDescriptor {
    /// `rdata` (uncompressed, as `ResourceRecord` keeps it) with the names inside lower-cased when
    /// this type is one of those RFC 4034 §6.2 item 3 lists; otherwise `rdata` itself.
    ///
    /// RDATA that does not follow the type's layout is returned unchanged: it was never valid
    /// wire data, so there is no canonical form to compute, and a signature or digest over it
    /// simply will not match.
    public func canonicalRData(_ rdata: [UInt8]) -> [UInt8] {
        guard canonicalLowercaseNames, containsNames, rdata.contains(where: { $0 &- 0x41 < 26 }) else { return rdata }
        return rdata.withUnsafeBytes { bytes in
            var reader = WireReader(bytes)
            var sink = LowercasingRDataSink(capacity: rdata.count)
            do {
                try walkRData(&reader, into: &sink)
            } catch {
                return rdata
            }
            return sink.output
        }
    }
}

extension ResourceRecord {
    /// The RDATA in canonical form (RFC 4034 §6.2).
    public var canonicalRData: [UInt8] { type.descriptor.canonicalRData(rdata) }

    /// Appends the record in canonical form (RFC 4034 §6.2): lower-cased owner (`owner` when given:
    /// RRSIG verification rebuilds wildcard owners, §3.1.8.1), type, class, `ttl` (the RRSIG's
    /// original TTL when verifying; the record's own by default, as ZONEMD digests it), RDATA
    /// length and canonical RDATA (`canonicalRData` when the caller already has it).
    public func appendCanonicalWire(to output: inout [UInt8], ttl: UInt32? = nil, owner: DomainName? = nil,
                                    canonicalRData: [UInt8]? = nil) {
        for byte in (owner ?? name).wire { output.append(asciiLowercase(byte)) }
        let rdata = canonicalRData ?? self.canonicalRData
        let ttl = ttl ?? self.ttl
        let fixed: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            UInt8(type.rawValue >> 8), UInt8(truncatingIfNeeded: type.rawValue),
            UInt8(self.class.rawValue >> 8), UInt8(truncatingIfNeeded: self.class.rawValue),
            UInt8(ttl >> 24), UInt8(truncatingIfNeeded: ttl >> 16), UInt8(truncatingIfNeeded: ttl >> 8),
            UInt8(truncatingIfNeeded: ttl),
            UInt8(truncatingIfNeeded: rdata.count >> 8), UInt8(truncatingIfNeeded: rdata.count))
        withUnsafeBytes(of: fixed) { output.append(contentsOf: $0) }
        output.append(contentsOf: rdata)
    }
}

/// Copies RDATA, lower-casing the ASCII letters of every name in it.
private struct LowercasingRDataSink: RDataSink {
    var output: [UInt8]

    init(capacity: Int) {
        output = []
        output.reserveCapacity(capacity)
    }

    mutating func appendLabel(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) {
        output.append(UInt8(length))
        for index in offset..<offset + length { output.append(asciiLowercase(bytes[index])) }
    }

    mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    mutating func endName() { output.append(0) }
}

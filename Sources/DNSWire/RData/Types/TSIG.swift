/// TSIG record RDATA (RFC 8945 §4.2): a transaction signature. TSIG records are built per message
/// and never cached; this view reads and writes their RDATA only.
public struct TSIG: RDataView {
    public static let types: [RRType] = [.tsig]
    /// The MAC algorithm, as a name (`hmac-sha256.`, RFC 8945 §6).
    public var algorithm: DomainName
    /// Seconds since 1970, 48 bits.
    public let timeSigned: UInt64
    /// Seconds of clock skew allowed either side of `timeSigned`.
    public var fudge: UInt16
    /// 0…65,535 octets.
    public let mac: [UInt8]
    /// The message ID before any forwarder rewrote it.
    public var originalID: UInt16
    /// 16 means BADSIG here, not BADVERS: print it with `RCode.transactionSignatureDescription`.
    public var error: RCode
    /// 0…65,535 octets; with BADTIME, the server's time as 48 bits (RFC 8945 §5.2.3).
    public let otherData: [UInt8]

    /// Throws `WireError.Code.valueOutOfRange` if `timeSigned` is over 48 bits or `mac` or
    /// `otherData` is over 65,535 octets.
    public init(algorithm: DomainName, timeSigned: UInt64, fudge: UInt16, mac: [UInt8], originalID: UInt16,
                error: RCode, otherData: [UInt8]) throws {
        guard timeSigned >> 48 == 0 else {
            throw WireError(.valueOutOfRange, at: 0, "TSIG time signed \(timeSigned) does not fit in 48 bits")
        }
        try checkRDataLength(mac, 0...65_535, "TSIG MAC")
        try checkRDataLength(otherData, 0...65_535, "TSIG other data")
        self.algorithm = algorithm
        self.timeSigned = timeSigned
        self.fudge = fudge
        self.mac = mac
        self.originalID = originalID
        self.error = error
        self.otherData = otherData
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "TSIG") { decoder in
            try TSIG(algorithm: try decoder.name("TSIG algorithm name"), timeSigned: try decoder.uint48("TSIG time signed"),
                     fudge: try decoder.uint16("TSIG fudge"), mac: try decoder.data16("TSIG MAC"),
                     originalID: try decoder.uint16("TSIG original ID"), error: RCode(try decoder.uint16("TSIG error")),
                     otherData: try decoder.data16("TSIG other data"))
        }
    }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.name(algorithm)
        encoder.uint48(timeSigned)
        encoder.uint16(fudge)
        encoder.data16(mac)
        encoder.uint16(originalID)
        encoder.uint16(error.rawValue)
        encoder.data16(otherData)
        return encoder.output
    }
}

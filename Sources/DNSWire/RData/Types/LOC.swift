/// LOC record RDATA, version 0 (RFC 1876 §2): a location, with the raw wire values.
public struct LOC: RDataView {
    public static let types: [RRType] = [.loc]
    /// Always 0: RFC 1876 §2 defines no other layout, and "implementations are required to check
    /// this field and make no assumptions about the format of unrecognized versions".
    public var version: UInt8 { 0 }
    /// Diameter of the sphere enclosing the entity, as mantissa (high nibble) × 10^exponent (low
    /// nibble) centimetres; see `centimetres(_:)`.
    public var size: UInt8
    /// Horizontal and vertical precision, encoded like `size`.
    public var horizontalPrecision: UInt8
    public var verticalPrecision: UInt8
    /// Thousandths of an arc second, offset by 2³¹ (the equator, the prime meridian).
    public var latitude: UInt32
    public var longitude: UInt32
    /// Centimetres above a base 100,000 m below the WGS 84 reference spheroid.
    public var altitude: UInt32

    public init(size: UInt8, horizontalPrecision: UInt8, verticalPrecision: UInt8,
                latitude: UInt32, longitude: UInt32, altitude: UInt32) {
        self.size = size
        self.horizontalPrecision = horizontalPrecision
        self.verticalPrecision = verticalPrecision
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "LOC") { decoder in
            let version = try decoder.uint8("LOC version")
            guard version == 0 else {
                throw WireError(.badRDATA, at: 0, "LOC version \(version); only version 0 is defined (RFC 1876 §2)")
            }
            guard decoder.reader.remaining == 15 else {
                throw WireError(.badRDATA, at: 0, "LOC version 0 RDATA is 16 octets, not \(rdata.count)")
            }
            return LOC(size: try decoder.uint8("LOC size"), horizontalPrecision: try decoder.uint8("LOC horizontal precision"),
                       verticalPrecision: try decoder.uint8("LOC vertical precision"), latitude: try decoder.uint32("LOC latitude"),
                       longitude: try decoder.uint32("LOC longitude"), altitude: try decoder.uint32("LOC altitude"))
        }
    }

    /// Decodes a size or precision octet into centimetres; `nil` if a nibble is over 9, which
    /// RFC 1876 §2 does not allow.
    public static func centimetres(_ encoded: UInt8) -> UInt64? {
        let mantissa = UInt64(encoded >> 4)
        let exponent = Int(encoded & 0x0F)
        guard mantissa <= 9, exponent <= 9 else { return nil }
        var value = mantissa
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Latitude in thousandths of an arc second, north positive.
    public var latitudeMilliarcseconds: Int64 { Int64(latitude) - (1 << 31) }
    /// Longitude in thousandths of an arc second, east positive.
    public var longitudeMilliarcseconds: Int64 { Int64(longitude) - (1 << 31) }
    /// Altitude in centimetres relative to the WGS 84 spheroid.
    public var altitudeCentimetres: Int64 { Int64(altitude) - 10_000_000 }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint8(version)
        encoder.uint8(size)
        encoder.uint8(horizontalPrecision)
        encoder.uint8(verticalPrecision)
        encoder.uint32(latitude)
        encoder.uint32(longitude)
        encoder.uint32(altitude)
        return encoder.output
    }
}

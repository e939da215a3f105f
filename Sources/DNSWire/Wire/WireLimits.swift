/// Every hard limit of the wire-format layer, in one place.
///
/// Inputs beyond these limits are rejected with a `WireError` whose code names the limit.
public enum WireLimits {
    /// RFC 1035 §4.2.1 / RFC 7766: a DNS message is at most 65,535 octets (the TCP length prefix).
    public static let maximumMessageSize = 65_535
    /// RFC 1035 §2.3.4: a name is at most 255 octets in uncompressed wire form.
    public static let maximumNameLength = 255
    /// RFC 1035 §2.3.4: a label is at most 63 octets.
    public static let maximumLabelLength = 63
    /// Compression pointers followed while reading one name. Pointers must also go strictly
    /// backwards, so loops are impossible; this caps the work on hostile input. A 255-octet name has
    /// at most 127 labels, so a legitimate name never needs more.
    public static let maximumCompressionPointers = 127
    /// Classic UDP payload limit without EDNS (RFC 1035 §4.2.1).
    public static let classicUDPPayloadSize = 512
    /// The EDNS UDP payload size recommended by DNS Flag Day 2020.
    public static let recommendedUDPPayloadSize = 1232
    /// CNAME/DNAME links followed by the chain extractor before giving up (loops are caught earlier).
    public static let maximumChainLength = 16
}

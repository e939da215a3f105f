/// IP addresses in presentation form, from octets; the formatting itself lives in
/// `IPv4Address` and `IPv6Address`.
enum AddressText {
    static func appendIPv4(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        IPv4Address(octets: bytes)?.appendPresentation(to: &output)
    }

    static func appendIPv6(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        IPv6Address(octets: bytes)?.appendPresentation(to: &output)
    }

    static func ipv6(_ bytes: some Collection<UInt8>) -> String {
        IPv6Address(octets: bytes)?.description ?? ""
    }
}

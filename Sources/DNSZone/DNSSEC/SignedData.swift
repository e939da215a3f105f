import DNSWire

/// The octets an RRSIG signs (RFC 4034 §3.1.8.1): the RRSIG RDATA without the signature, with the
/// signer's name in canonical form, then every RR of the RRset in canonical form and order, with
/// the original TTL and, for a wildcard expansion, the wildcard owner.
enum SignedData {
    static func build(_ signature: RRSIG, rrset: RRset) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64 + rrset.records.reduce(0) { $0 + $1.rdata.count + $1.name.wire.count + 10 })
        var prefix = signature
        prefix.signerName = signature.signerName.lowercased()
        prefix.signature = []
        output.append(contentsOf: prefix.rdata())
        let owner = signedOwner(rrset.name, labels: Int(signature.labels))
        for (index, record) in rrset.records.enumerated() {
            record.appendCanonicalWire(to: &output, ttl: signature.originalTTL, owner: owner,
                                       canonicalRData: rrset.canonicalRData[index])
        }
        return output
    }

    /// RFC 4035 §5.3.2: when the RRSIG's label count is below the owner's, the RRset was expanded
    /// from the wildcard `*.` + the rightmost `labels` labels.
    static func signedOwner(_ name: DomainName, labels: Int) -> DomainName? {
        let count = name.labelCount
        guard labels < count else { return nil }
        var suffix = name
        for _ in 0..<(count - labels) { suffix = suffix.parent ?? suffix }
        return (try? DomainName(labels: [[UInt8(ascii: "*")]]).appending(suffix)) ?? nil
    }
}

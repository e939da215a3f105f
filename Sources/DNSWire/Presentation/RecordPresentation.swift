extension ResourceRecord {
    /// The record in zone-file form: `owner TTL class type rdata`, tab-separated, as ldns and
    /// dig print it. Unknown types print as `TYPEnnn \# len hex` (RFC 3597 §5).
    public var presentation: String {
        var output: [UInt8] = []
        output.reserveCapacity(64 + rdata.count * 2)
        appendPresentation(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    public func appendPresentation(to output: inout [UInt8]) {
        name.appendPresentation(to: &output)
        output.append(UInt8(ascii: "\t"))
        output.appendDecimal(ttl)
        output.append(UInt8(ascii: "\t"))
        output.append(`class`.description)
        output.append(UInt8(ascii: "\t"))
        output.append(type.description)
        output.append(UInt8(ascii: "\t"))
        RDataPrinter.append(type: type, rdata: rdata, to: &output)
    }

    /// The RDATA alone in presentation form.
    public var rdataPresentation: String {
        var output: [UInt8] = []
        RDataPrinter.append(type: type, rdata: rdata, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The RDATA in the generic form `\# len hex` (RFC 3597 §5), valid for every type.
    public var genericRDataPresentation: String {
        var output: [UInt8] = []
        RDataPrinter.appendGeneric(rdata, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension Question {
    /// `;name class type`, as dig prints the question section.
    public var presentation: String { ";\(name)\t\t\(`class`)\t\(type)" }
}

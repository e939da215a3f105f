extension Message {
    /// The whole message as dig prints it: header line, flags and counts, the OPT pseudo-section,
    /// then each section with its records in zone-file form.
    public var presentation: String {
        var lines: [String] = []
        lines.append(";; ->>HEADER<<- opcode: \(header.opcode), status: \(rcode), id: \(header.id)")
        let edns = self.edns
        let additionalCount = additionals.count - (edns == nil ? 0 : 1)
        lines.append(";; flags: \(flagNames.joined(separator: " ")); QUERY: \(questions.count), ANSWER: \(answers.count), "
            + "AUTHORITY: \(authorities.count), ADDITIONAL: \(additionalCount)")
        if let edns {
            lines.append("")
            lines.append(";; OPT PSEUDOSECTION:")
            lines.append(contentsOf: edns.presentationLines)
        }
        if !questions.isEmpty {
            lines.append("")
            lines.append(";; QUESTION SECTION:")
            lines.append(contentsOf: questions.map(\.presentation))
        }
        for section in [Section.answer, .authority, .additional] {
            let records = self.records(in: section).filter { $0.type != .opt }
            guard !records.isEmpty else { continue }
            lines.append("")
            lines.append(";; \(section) SECTION:")
            lines.append(contentsOf: records.map(\.presentation))
        }
        return lines.joined(separator: "\n")
    }

    /// dig's flag mnemonics, in dig's order.
    public var flagNames: [String] {
        [("qr", header.isResponse), ("aa", header.isAuthoritative), ("tc", header.isTruncated),
         ("rd", header.recursionDesired), ("ra", header.recursionAvailable), ("z", header.zBit),
         ("ad", header.authenticData), ("cd", header.checkingDisabled)]
            .filter(\.1).map(\.0)
    }
}

extension EDNS {
    /// dig's OPT pseudo-section lines.
    public var presentationLines: [String] {
        // As BIND's dig: "; MBZ: 0x0005, udp: 4096" when reserved flag bits are set.
        let reserved = flags & 0x7FFF
        let hex = String(reserved, radix: 16)
        let tail = reserved == 0 ? "; udp: \(udpPayloadSize)"
            : "; MBZ: 0x\(String(repeating: "0", count: 4 - hex.count))\(hex), udp: \(udpPayloadSize)"
        var lines = ["; EDNS: version: \(version), flags:\(dnssecOK ? " do" : "")\(tail)"]
        for option in options {
            lines.append("; \(option.code): \(option.presentation)")
        }
        return lines
    }
}

extension EDNSOption {
    /// The option's data in dig's style for the known options, hex otherwise.
    public var presentation: String {
        switch code {
        case .clientSubnet:
            if let subnet = try? ClientSubnet(self) { return subnet.description }
        case .cookie:
            if let cookie = try? Cookie(self) {
                return TextEncoding.hex(cookie.client, uppercase: false)
                    + (cookie.server.isEmpty ? "" : " " + TextEncoding.hex(cookie.server, uppercase: false))
            }
        case .extendedDNSError:
            if let error = try? ExtendedDNSError(self) {
                let name = ExtendedDNSError.names[error.infoCode].map { " (\($0))" } ?? ""
                return "\(error.infoCode)\(name)" + (error.extraText.isEmpty ? "" : ": \"\(error.extraText)\"")
            }
        case .padding:
            return "\(data.count) octets"
        case .nsid:
            let printable = data.allSatisfy { (0x20...0x7E).contains($0) }
            return TextEncoding.hex(data, uppercase: false) + (printable && !data.isEmpty ? " (\"\(String(decoding: data, as: UTF8.self))\")" : "")
        default:
            break
        }
        return TextEncoding.hex(data, uppercase: false)
    }
}

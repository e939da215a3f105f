import DNSWire
import Glibc

/// Every way ldns's and DNSWire's record text are made comparable, in one place. Each rule
/// removes a difference of style where both forms are valid presentation format; a difference
/// no rule covers is a real one and fails the test.
///
/// DNSSEC comments (`;{id = …}` after DNSKEY and RRSIG, bubblebabble after DS, NSEC3 flags) are
/// not normalised away: `LDNSParse` prints with no output-format flags, so ldns never writes them.
enum PresentationNormalisation: String, CaseIterable, Sendable {
    case whitespace
    case hexLetterCase
    case transactionErrorNumber
    case wellKnownServiceNames
    case quotedServiceParameterValues

    var reason: String {
        switch self {
        case .whitespace:
            "fields are separated by any run of blanks (RFC 1035 §5.1); ldns leaves a space after type "
                + "bitmaps (NSEC, NSEC3), WKS and some final fields, and two before the NSEC3 next owner"
        case .hexLetterCase:
            "hex is case-insensitive; ldns prints lower case, DNSWire upper case (as RFC 4034 §5.4's DS "
                + "example does) in DS/SSHFP digests, NSEC3 salts and RFC 3597 `\\#` data"
        case .transactionErrorNumber:
            "the TKEY (RFC 2930 §2.6) and TSIG (RFC 8945 §4.2) error fields have no standard text: ldns "
                + "prints the number, DNSWire the RCODE mnemonic as BIND does"
        case .wellKnownServiceNames:
            "WKS ports (RFC 1035 §3.4.2): ldns prints the service name from the system's services "
                + "database where it has one, DNSWire always the port number"
        case .quotedServiceParameterValues:
            "RFC 9460 §2.1 allows a SvcParamValue quoted or not; DNSWire quotes alpn, ldns does not"
        }
    }

    /// The text with every rule applied, and the rules that changed something.
    static func normalised(_ text: String, type: RRType) -> (text: String, applied: Set<PresentationNormalisation>) {
        var applied: Set<PresentationNormalisation> = []
        var tokens = fields(of: text)
        // Both put tabs between owner, TTL, class, type and RDATA; only other spacing counts as
        // this rule being used.
        if tokens.joined(separator: " ") != text.replacing("\t", with: " ") { applied.insert(.whitespace) }
        // owner TTL class type rdata…
        let rdata = 4
        for index in tokens.indices where index >= rdata && isHex(tokens[index]) {
            let lower = tokens[index].lowercased()
            if lower != tokens[index] {
                tokens[index] = lower
                applied.insert(.hexLetterCase)
            }
        }
        // TKEY RDATA: algorithm inception expiration mode error …; TSIG RDATA: algorithm time
        // fudge MAC-size MAC original-ID error ….
        let errorField = type == .tkey ? rdata + 4 : type == .tsig ? rdata + 6 : nil
        if let errorField, errorField < tokens.count, let number = UInt16(tokens[errorField]) {
            tokens[errorField] = RCode(number).transactionSignatureDescription
            applied.insert(.transactionErrorNumber)
        }
        // WKS RDATA: address protocol port…
        if type == .wks, tokens.count > rdata + 1 {
            let proto = tokens[rdata + 1]
            for index in tokens.indices where index > rdata + 1 && UInt16(tokens[index]) == nil {
                if let service = getservbyname(tokens[index], proto) {
                    tokens[index] = String(UInt16(bigEndian: UInt16(truncatingIfNeeded: service.pointee.s_port)))
                    applied.insert(.wellKnownServiceNames)
                }
            }
        }
        if type == .svcb || type == .https {
            for index in tokens.indices where index > rdata + 1 {
                guard let equals = tokens[index].firstIndex(of: "=") else { continue }
                let value = tokens[index][tokens[index].index(after: equals)...]
                let inner = value.dropFirst().dropLast()
                guard value.count >= 2, value.first == "\"", value.last == "\"",
                      !inner.contains("\\"), !inner.contains("\"") else { continue }
                tokens[index] = String(tokens[index][...equals] + inner)
                applied.insert(.quotedServiceParameterValues)
            }
        }
        return (tokens.joined(separator: " "), applied)
    }

    /// Splits on runs of blanks outside double quotes; a quoted string (with `\` escapes) stays
    /// one field with its inner spacing.
    static func fields(of text: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                current.append(character)
                quoted.toggle()
            } else if !quoted, character == " " || character == "\t" || character == "\n" {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }

    private static func isHex(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }
}

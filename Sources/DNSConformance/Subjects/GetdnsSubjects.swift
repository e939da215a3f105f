import Foundation

/// getdns in stub mode, through its command-line client: `getdns_query -s -j -A NAME` calls
/// `getdns_address` (A and AAAA, servers from /etc/resolv.conf) and prints the response dict as
/// JSON. getdns reduces the answers to `just_address_answers` itself.
public struct GetdnsSubject: StubSubject {
    public init() {}

    public var id: String { "getdns" }
    public var title: String { "getdns address (stub)" }
    public var family: AddressFamily { .unspecified }

    public func unavailableReason(in environment: SubjectEnvironment) -> String? {
        SubjectTools.missing([("getdns_query", "getdns-utils")])
    }

    public func prepare(in environment: SubjectEnvironment) throws {}

    public func command(resolving name: String, in environment: SubjectEnvironment) -> [String] {
        [SubjectTools.path("getdns_query"), "-s", "-j", "-A", name]
    }

    /// `just_address_answers[].address_data`; a `status` other than 900 (GETDNS_RESPSTATUS_GOOD)
    /// is the error.
    public func observation(standardOutput: String, standardError: String) -> Observation {
        guard let start = standardOutput.firstIndex(of: "{"),
              let object = try? JSONSerialization.jsonObject(with: Data(standardOutput[start...].utf8)),
              let response = object as? [String: Any] else {
            let text = standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            return Observation(addresses: [], error: text.isEmpty ? "no output" : "unreadable getdns_query output")
        }
        let answers = response["just_address_answers"] as? [[String: Any]] ?? []
        let addresses = answers.compactMap { $0["address_data"] as? String }
        let status = (response["status"] as? NSNumber)?.intValue
        return Observation(addresses: addresses, error: status == 900 ? nil : Self.statusName(status))
    }

    /// The names of getdns.h's response statuses.
    static func statusName(_ status: Int?) -> String {
        switch status {
        case 901: "GETDNS_RESPSTATUS_NO_NAME"
        case 902: "GETDNS_RESPSTATUS_ALL_TIMEOUT"
        case 903: "GETDNS_RESPSTATUS_NO_SECURE_ANSWERS"
        case 904: "GETDNS_RESPSTATUS_ALL_BOGUS_ANSWERS"
        case let status?: "getdns status \(status)"
        case nil: "no status in the response"
        }
    }
}

/// How far a cached RRset is trusted (RFC 2181 §5.4.1), lowest first. Data replaces cached data of the
/// same name, type and class only when it is at least as credible, or when the cached copy has expired.
public enum Credibility: Int, Comparable, Sendable {
    /// The additional section of any response, and the authority section of a non-authoritative one:
    /// referral NS RRsets and their glue. Used to find servers, never given to a client.
    case additional = 1
    /// The answer section of a non-authoritative response.
    case nonAuthoritativeAnswer = 2
    /// The authority section of an authoritative answer (the zone's own NS or SOA).
    case authoritativeAuthority = 3
    /// The answer section of an authoritative answer.
    case authoritativeAnswer = 4
    /// A verified local copy of the zone (RFC 8806).
    case zoneData = 5

    public static func < (lhs: Credibility, rhs: Credibility) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The least credible data a client may be given as an answer (RFC 2181 §5.4.1: glue and additional
    /// data are for finding servers only).
    public static let answerable = Credibility.nonAuthoritativeAnswer
}

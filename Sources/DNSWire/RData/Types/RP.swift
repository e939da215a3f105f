/// RP record RDATA (RFC 1183 §2.2): who is responsible for the owner.
public struct RP: RDataView {
    public static let types: [RRType] = [.rp]
    /// mbox-dname: the responsible person's mailbox, its first label the local part; `.` if none.
    public var mailbox: DomainName
    /// txt-dname: a name with TXT records about the person; `.` if none.
    public var textDomain: DomainName

    public init(mailbox: DomainName, textDomain: DomainName) {
        self.mailbox = mailbox
        self.textDomain = textDomain
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "RP") { decoder in
            RP(mailbox: try decoder.name("mbox-dname"), textDomain: try decoder.name("txt-dname"))
        }
    }

    public func rdata() -> [UInt8] { mailbox.wire + textDomain.wire }
}

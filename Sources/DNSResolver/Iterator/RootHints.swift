import DNSWire
import DNSZone

/// The root name servers to start from (RFC 1034 §5.3.2 "SBELT"; RFC 8109): the NS RRset of the root
/// and the addresses of those servers, read from a named.root-style master file.
public struct RootHints: Hashable, Sendable {
    public var servers: [DomainName]
    public var addresses: [DomainName: [ServerAddress]]

    public init(servers: [DomainName], addresses: [DomainName: [ServerAddress]]) {
        self.servers = servers
        self.addresses = addresses
    }

    /// Parses hints text. Throws `ZoneError` (file:line:column) for bad text, and when the file names no
    /// root server with an address.
    public init(text: [UInt8], file: String = "<hints>") throws {
        var parser = ZoneParser(text: text, file: file, origin: .root, defaultTTL: 3_600_000)
        var records: [ResourceRecord] = []
        while let record = try parser.next() { records.append(record) }
        try self.init(records: records, file: file)
    }

    /// Reads a hints file (named.root format).
    public init(file path: String) throws {
        try self.init(records: try ZoneParser.parseFile(path, origin: .root, defaultTTL: 3_600_000), file: path)
    }

    private init(records: [ResourceRecord], file: String) throws {
        var servers: [DomainName] = []
        var addresses: [DomainName: [ServerAddress]] = [:]
        for record in records {
            switch record.type {
            case .ns where record.name.isRoot:
                if let server = try? DomainName(wire: record.rdata), !servers.contains(server) { servers.append(server) }
            case .a, .aaaa:
                if let address = ServerAddress(addressRData: record.rdata) { addresses[record.name, default: []].append(address) }
            default:
                continue
            }
        }
        guard servers.contains(where: { addresses[$0]?.isEmpty == false }) else {
            throw ZoneError(.zoneContent, file: file, line: 0, column: 0,
                            "no root server with an address: root hints need `. NS name` and `name A address` lines")
        }
        self.servers = servers
        self.addresses = addresses
    }

    /// Every root server address, IPv4 first.
    public var allAddresses: [ServerAddress] {
        let all = servers.flatMap { addresses[$0] ?? [] }
        return all.filter { !$0.isIPv6 } + all.filter(\.isIPv6)
    }
}

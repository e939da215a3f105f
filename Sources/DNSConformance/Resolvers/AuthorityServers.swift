import DNSWire
import Foundation

/// Every server of an `Authority`, each a `ScriptedResponder` on its own address, port 53.
/// `preface conform authority` runs them inside the runner's namespace; `--target` runs them in
/// the runner itself, on the host's loopback.
public final class AuthorityServers: Sendable {
    private let responders: [ScriptedResponder]
    private let finished = DispatchGroup()

    /// Binds UDP and TCP on every address (throws a `ResponderError` naming the one that failed).
    /// `onQuery` sees every query, with the address that received it; TCP connections idle for
    /// `tcpIdleTimeout` are closed.
    public init(_ authority: Authority, port: UInt16 = 53, tcpIdleTimeout: Duration = .seconds(5),
                onQuery: (@Sendable (String, LoggedQuery) -> Void)? = nil) throws {
        var responders: [ScriptedResponder] = []
        for zone in authority.zones {
            guard let server = authority.server(at: zone.address) else { continue }
            let address = zone.address
            var logger: (@Sendable (LoggedQuery) -> Void)?
            if let onQuery { logger = { query in onQuery(address, query) } }
            responders.append(try ScriptedResponder(addresses: [address], port: port, script: server, tcpIdleTimeout: tcpIdleTimeout,
                                                      onQuery: logger))
        }
        self.responders = responders
    }

    /// Serves on background threads until `stop()`.
    public func start() {
        for responder in responders {
            finished.enter()
            let thread = Thread { [finished] in
                responder.run()
                finished.leave()
            }
            thread.name = "authority"
            thread.start()
        }
    }

    /// Serves until `stop()` is called from another thread.
    public func run() {
        start()
        finished.wait()
    }

    public func stop() {
        for responder in responders { responder.stop() }
        finished.wait()
    }
}

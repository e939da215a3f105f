import DNSWire

extension Resolver {
    /// Asks `question` of the zone's servers, lowest smoothed RTT first, until one gives a usable
    /// response; lame servers are remembered and skipped for the zone. Servers that timed out are tried
    /// again after the others (a lost datagram is not a dead server), within `serversPerStep` tries.
    func ask(_ question: Question, zone: DomainName, servers: [ServerAddress],
             _ context: inout ResolutionContext) async throws -> UpstreamResponse {
        if zone.isRoot, let copy = localRoot?.usableCopy() {
            // RFC 8806: the verified copy answers as a root server would, without a packet sent.
            var query = Message(header: Header(id: 0, flags: 0), questions: [question])
            query.edns = EDNS(udpPayloadSize: limits.upstreamUDPPayloadSize, dnssecOK: true)
            let message = copy.response(to: query)
            context.trace?(TraceEvent(server: LocalRoot.traceAddress, zone: zone, question: question, transport: .udp,
                                      outcome: Self.summary(of: message) + " (local root copy, serial \(copy.serial))", milliseconds: 0))
            let response = UpstreamResponse(message, zone: zone, question: question, chainLimit: limits.maximumChainLength)
            if case .lame = response.kind {} else { return response }
        }
        var queue = state.withLock { $0.servers.order(servers, zone: zone, at: clock.now) }
        var retries: [ServerAddress: Int] = [:]
        var problems: [String] = []
        var tries = 0
        while !queue.isEmpty, tries < limits.serversPerStep {
            let server = queue.removeFirst()
            tries += 1
            let message: Message
            do {
                message = try await sharedExchange(question, with: server, zone: zone, &context)
            } catch let error as TransportError {
                problems.append("\(server) \(error)")
                if error.code == .timeout, retries[server, default: 0] < limits.retriesAfterTimeout {
                    retries[server, default: 0] += 1
                    queue.append(server)
                }
                continue
            }
            let response = UpstreamResponse(message, zone: zone, question: question, chainLimit: limits.maximumChainLength)
            if case .lame(let why) = response.kind {
                state.withLock { $0.servers.markLame(server, zone: zone, at: clock.now) }
                problems.append("\(server) \(why)")
                continue
            }
            return response
        }
        throw ResolutionFailure(.noReachableAuthority, "no server for \(zone) answered \(question.name) \(question.type)"
            + (problems.isEmpty ? "" : ": " + problems.joined(separator: "; ")))
    }

    /// One exchange per (server, question) at a time: a resolution that needs what another is already
    /// asking waits for that answer instead of sending the same query again (a burst of client queries
    /// under one name would otherwise send the same minimised query to the same server hundreds of times).
    /// The exchange counts against the budget of the client query that sent it.
    func sharedExchange(_ question: Question, with server: ServerAddress, zone: DomainName,
                        _ context: inout ResolutionContext) async throws -> Message {
        guard context.upstreamQueries < limits.maximumUpstreamQueries else {
            throw ResolutionFailure(.limit, "more than \(limits.maximumUpstreamQueries) upstream queries (ResolverLimits.maximumUpstreamQueries) for one client query")
        }
        guard context.deadline.milliseconds > clock.now.milliseconds else {
            throw ResolutionFailure(.limit, "the overall deadline of \(limits.overallDeadline) (ResolverLimits.overallDeadline) passed")
        }
        let key = InflightExchanges.Key(server: server, question: question)
        if let shared = try await inflight.share(key) {
            context.trace?(TraceEvent(server: server, zone: zone, question: question, transport: .udp,
                                      outcome: "shared: the same question was already on its way", milliseconds: 0))
            return shared
        }
        context.upstreamQueries += 1
        let outcome: Result<Message, any Error>
        do {
            outcome = .success(try await exchange(question, with: server, zone: zone, deadline: context.deadline, trace: context.trace))
        } catch {
            outcome = .failure(error)
        }
        inflight.finish(key, with: outcome)
        return try outcome.get()
    }

    /// One query to one server: UDP with EDNS (RFC 6891, 1232 octets, DO set so RRSIGs can be cached),
    /// again over TCP when the answer is truncated (RFC 7766 §5), again without EDNS after FORMERR. The
    /// response must carry the query's ID and question; anything else is dropped as a spoofing attempt
    /// or a stray (RFC 5452 §9.1).
    func exchange(_ question: Question, with server: ServerAddress, zone: DomainName, deadline: Moment,
                  trace: (@Sendable (TraceEvent) -> Void)?) async throws -> Message {
        var useEDNS = true
        var over = TransportProtocol.udp
        while true {
            // Waiting for a turn at a busy server counts toward the deadline, not toward its RTT.
            await outstanding.acquire(server)
            defer { outstanding.release(server) }
            let started = clock.now
            let remaining = deadline.milliseconds - started.milliseconds
            guard remaining > 0 else {
                throw ResolutionFailure(.limit, "the overall deadline of \(limits.overallDeadline) (ResolverLimits.overallDeadline) passed")
            }
            let timeout = Duration.milliseconds(min(limits.serverTimeout.milliseconds, remaining))
            let id = UInt16.random(in: .min ... .max)
            var query = Message(header: Header(id: id, flags: 0), questions: [question])
            if useEDNS { query.edns = EDNS(udpPayloadSize: limits.upstreamUDPPayloadSize, dnssecOK: true) }

            func note(_ outcome: String) {
                let elapsed = clock.now.milliseconds - started.milliseconds
                trace?(TraceEvent(server: server, zone: zone, question: question, transport: over, outcome: outcome, milliseconds: elapsed))
            }
            let bytes: [UInt8]
            do {
                bytes = try await transport.exchange(query.wire(), with: server, over: over, timeout: timeout)
            } catch let error as TransportError {
                note(error.description)
                if error.code == .timeout {
                    state.withLock { $0.servers.recordTimeout(server, timeout: Double(timeout.milliseconds)) }
                }
                throw error
            }
            guard let response = try? Message(wire: bytes), response.header.isResponse, response.header.id == id,
                  response.questions.count == 1, response.questions.first == question else {
                note("response dropped: its ID or question does not match the query")
                throw TransportError(.malformed, "a response whose ID or question does not match")
            }
            let rtt = Double(clock.now.milliseconds - started.milliseconds)
            state.withLock { $0.servers.recordSuccess(server, rtt: rtt) }
            if response.header.isTruncated, over == .udp {
                note("truncated, retrying over TCP")
                over = .tcp
                continue
            }
            if response.rcode == .formErr, useEDNS {
                note("FORMERR, retrying without EDNS")
                useEDNS = false
                continue
            }
            note(Self.summary(of: response))
            return response
        }
    }

    /// `NOERROR AA 2 answers`, `NOERROR referral (3 NS)`…
    static func summary(of response: Message) -> String {
        var parts = ["\(response.rcode)"]
        if response.header.isAuthoritative { parts.append("AA") }
        if !response.answers.isEmpty { parts.append("\(response.answers.count) answer\(response.answers.count == 1 ? "" : "s")") }
        let ns = response.authorities.filter { $0.type == .ns }
        if response.answers.isEmpty, !ns.isEmpty, let owner = ns.first?.name { parts.append("referral to \(owner) (\(ns.count) NS)") }
        if response.authorities.contains(where: { $0.type == .soa }) { parts.append("SOA") }
        return parts.joined(separator: " ")
    }
}

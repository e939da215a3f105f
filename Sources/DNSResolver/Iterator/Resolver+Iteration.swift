import DNSWire

extension Resolver {
    /// Resolves exactly (name, type) iteratively, from the closest known zone cut down (RFC 1034 §5.3.3),
    /// and stores what the authoritative servers said in the cache and in `context.pinned`.
    func fill(_ key: CacheKey, _ context: inout ResolutionContext, depth: Int) async throws {
        guard depth <= limits.maximumLookupDepth else {
            throw ResolutionFailure(.limit, "server-address lookups nested deeper than \(limits.maximumLookupDepth) (ResolverLimits.maximumLookupDepth) resolving \(key.name)")
        }
        guard context.inProgress.insert(key).inserted else {
            throw ResolutionFailure(.badUpstreamData, "dependency loop: resolving \(key.name) \(key.type) needs itself")
        }
        defer { context.inProgress.remove(key) }

        // RFC 4035 §4.2 (and RFC 4034 §5): a DS RRset lives in the parent zone, so ask the parent.
        let below = key.type == .ds ? (key.name.parent ?? key.name) : key.name
        var (zone, serverNames) = closestZone(enclosing: below, context)
        var minimise = qnameMinimisation && key.type != .ds
        var knownNonCuts = 0
        var referrals = 0
        while true {
            let servers = try await addresses(ofServers: serverNames, zone: zone, &context, depth: depth)
            // RFC 9156 §2.3: one label more than the zone at a time, type A, until the full name. Names
            // already known to exist without a cut (an A RRset or NODATA cached for them) are skipped.
            while minimise, zone.labelCount + 1 + knownNonCuts < key.name.labelCount,
                  knownToExist(key.name.ancestor(labels: zone.labelCount + 1 + knownNonCuts), context) {
                knownNonCuts += 1
            }
            let queryLabels = zone.labelCount + 1 + knownNonCuts
            let minimised = minimise && queryLabels < key.name.labelCount && knownNonCuts < limits.maximumMinimisedLabels
            let question = minimised
                ? Question(key.name.ancestor(labels: queryLabels), .a, key.class)
                : Question(key.name, key.type, key.class)
            let response = try await ask(question, zone: zone, servers: servers, &context)
            switch response.kind {
            case .referral(let child):
                referrals += 1
                guard referrals <= limits.maximumReferralDepth else {
                    throw ResolutionFailure(.limit, "more than \(limits.maximumReferralDepth) referrals (ResolverLimits.maximumReferralDepth) resolving \(key.name)")
                }
                store(response, &context)
                zone = child
                serverNames = response.delegation?.rdatas.compactMap { try? DomainName(wire: $0) } ?? []
                knownNonCuts = 0
            case .answer where minimised:
                // What the minimised question found is cached too (an A RRset, or NODATA for an empty
                // non-terminal), so the next name below it need not ask again.
                if response.negative?.kind != .nameError { store(response, &context) }
                if response.negative?.kind == .nameError {
                    // Relaxed mode: some servers say NXDOMAIN for empty non-terminals (against RFC
                    // 8020), so the full name is asked rather than believing it.
                    minimise = false
                } else {
                    knownNonCuts += 1
                }
            case .answer:
                store(response, &context)
                return
            case .lame(let why):
                throw ResolutionFailure(.noReachableAuthority, "servers for \(zone) are lame: \(why)")
            }
        }
    }

    /// Whether the cache shows `name` exists (an answerable A RRset, or NODATA for A) — so it is no zone
    /// cut and QNAME minimisation can go past it without asking.
    func knownToExist(_ name: DomainName, _ context: ResolutionContext) -> Bool {
        let key = CacheKey(name, .a, .in)
        if context.pinned.rrset(key) != nil || context.pinned.negativeAnswer(key)?.kind == .noData { return true }
        let now = clock.now
        return state.withLock { state in
            state.cache.rrset(key, at: now) != nil || state.cache.negativeAnswer(key, at: now)?.kind == .noData
        }
    }

    /// The deepest zone at or above `name` whose NS RRset is known (cache, this resolution, or the root
    /// hints), and its server names.
    func closestZone(enclosing name: DomainName, _ context: ResolutionContext) -> (DomainName, [DomainName]) {
        let now = clock.now
        var candidate: DomainName? = name
        while let zone = candidate, !zone.isRoot {
            let key = CacheKey(zone, .ns, .in)
            let ns = context.pinned.rrset(key) ?? state.withLock { $0.cache.rrset(key, at: now, minimum: .additional) }
            if let ns {
                let names = ns.rdatas.compactMap { try? DomainName(wire: $0) }
                if !names.isEmpty { return (zone, names) }
            }
            candidate = zone.parent
        }
        return (.root, hints.servers)
    }

    /// Addresses of a zone's servers: known ones (glue included), else found by resolving the server
    /// names, one at a time, until one has an address.
    func addresses(ofServers names: [DomainName], zone: DomainName, _ context: inout ResolutionContext,
                   depth: Int) async throws -> [ServerAddress] {
        var found = knownAddresses(of: names, context)
        if zone.isRoot { found += hints.allAddresses.map { ServerAddress(host: $0.host, port: serverPort) }.filter { !found.contains($0) } }
        if !found.isEmpty { return found }
        var problems: [String] = []
        // A server name inside the zone it serves cannot be found without glue (RFC 1034 §4.2.1).
        for name in names where !name.isSubdomain(of: zone) {
            for type in [RRType.a, .aaaa] {
                do {
                    try await fill(CacheKey(name, type, .in), &context, depth: depth + 1)
                } catch let failure as ResolutionFailure where failure.reason != .limit {
                    problems.append("\(name): \(failure.detail)")
                    continue
                }
                let addresses = knownAddresses(of: [name], context)
                if !addresses.isEmpty { return addresses }
            }
        }
        throw ResolutionFailure(.noReachableAuthority, "no address for any server of \(zone)"
            + (problems.isEmpty ? " (the delegation has no usable glue)" : ": " + problems.joined(separator: "; ")))
    }

    private func knownAddresses(of names: [DomainName], _ context: ResolutionContext) -> [ServerAddress] {
        let now = clock.now
        var addresses: [ServerAddress] = []
        for name in names {
            for type in [RRType.a, .aaaa] {
                let key = CacheKey(name, type, .in)
                let rrset = context.pinned.rrset(key) ?? state.withLock { $0.cache.rrset(key, at: now, minimum: .additional) }
                for rdata in rrset?.rdatas ?? [] {
                    if let address = ServerAddress(addressRData: rdata, port: serverPort), !addresses.contains(address) { addresses.append(address) }
                }
            }
        }
        return addresses.filter { !$0.isIPv6 } + addresses.filter(\.isIPv6)
    }

    /// Caches and pins the RRsets and the negative answer of a scrubbed response.
    func store(_ response: UpstreamResponse, _ context: inout ResolutionContext) {
        let now = clock.now
        let received = response.rrsets + (response.delegation.map { [$0] } ?? []) + response.glue
        state.withLock { state in
            for rrset in received where !rrset.rdatas.isEmpty {
                let cached = CachedRRset(owner: rrset.owner, type: rrset.type, class: rrset.class, rdatas: rrset.rdatas,
                                         signatures: rrset.signatures, ttl: state.cache.clampedTTL(rrset.ttl),
                                         storedAt: now, credibility: rrset.credibility)
                context.pinned.pin(state.cache.insert(cached, at: now))
            }
            if let negative = response.negative {
                let ttl = min(negative.ttl, state.cache.policy.maximumNegativeTTL)
                let entry = NegativeEntry(kind: negative.kind, authority: negative.authority, ttl: ttl, storedAt: now)
                if ttl > 0 { state.cache.insertNegative(entry, for: negative.key, at: now) }
                context.pinned.pin(entry, for: negative.key)
            }
        }
    }
}

extension DomainName {
    /// The ancestor with `labels` labels (not counting the root); `self` when it has no more.
    func ancestor(labels: Int) -> DomainName {
        var name = self
        while name.labelCount > labels, let parent = name.parent { name = parent }
        return name
    }
}

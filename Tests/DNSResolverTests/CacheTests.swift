@testable import DNSResolver
import DNSWire
import Testing

/// The RRset cache on its own: TTLs, the policy's floor and ceiling, credibility, negative entries,
/// the memory budget, serve-stale retention.
struct CacheTests {
    let name = (try? DomainName("www.example.test.")) ?? .root
    let start = Moment(milliseconds: 0)

    func rrset(_ credibility: Credibility, ttl: UInt32 = 300, address: UInt8 = 1, at now: Moment? = nil,
               owner: DomainName? = nil) -> CachedRRset {
        CachedRRset(owner: owner ?? name, type: .a, class: .in, rdatas: [[192, 0, 2, address]], signatures: [],
                    ttl: ttl, storedAt: now ?? start, credibility: credibility)
    }

    @Test func ttlCountsDownAndExpires() {
        var cache = RRsetCache()
        cache.insert(rrset(.authoritativeAnswer, ttl: 10), at: start)
        let key = CacheKey(name, .a)
        #expect(cache.rrset(key, at: start)?.remainingTTL(at: start) == 10)
        #expect(cache.rrset(key, at: start.adding(seconds: 4))?.remainingTTL(at: start.adding(seconds: 4)) == 6)
        #expect(cache.rrset(key, at: start.adding(seconds: 10)) == nil)
        // RFC 8767: still there for a stale answer.
        #expect(cache.rrset(key, at: start.adding(seconds: 10), stale: true) != nil)
        #expect(cache.rrset(key, at: start.adding(seconds: 10 + 86_400), stale: true) == nil)
    }

    @Test func floorAndCeilingClampTTLs() {
        var policy = CachePolicy()
        policy.minimumTTL = 60
        policy.maximumTTL = 3600
        let cache = RRsetCache(policy: policy)
        #expect(cache.clampedTTL(2) == 60)
        #expect(cache.clampedTTL(600) == 600)
        #expect(cache.clampedTTL(86_400) == 3600)
    }

    @Test func moreCredibleDataWinsAndLessCredibleNeverReplacesFreshData() {
        var cache = RRsetCache()
        let key = CacheKey(name, .a)
        cache.insert(rrset(.additional, address: 1), at: start)
        // Glue is for finding servers, not for answers (RFC 2181 §5.4.1).
        #expect(cache.rrset(key, at: start) == nil)
        #expect(cache.rrset(key, at: start, minimum: .additional)?.rdatas == [[192, 0, 2, 1]])
        cache.insert(rrset(.authoritativeAnswer, address: 2), at: start)
        #expect(cache.rrset(key, at: start)?.rdatas == [[192, 0, 2, 2]])
        cache.insert(rrset(.additional, address: 3), at: start)
        #expect(cache.rrset(key, at: start, minimum: .additional)?.rdatas == [[192, 0, 2, 2]])
        // Once the credible copy expired, anything may replace it.
        let later = start.adding(seconds: 400)
        cache.insert(rrset(.additional, address: 4, at: later), at: later)
        #expect(cache.rrset(key, at: later, minimum: .additional)?.rdatas == [[192, 0, 2, 4]])
    }

    @Test func nameErrorCoversEveryTypeAndPositiveDataRemovesIt() {
        var cache = RRsetCache()
        let entry = NegativeEntry(kind: .nameError, authority: [], ttl: 300, storedAt: start)
        cache.insertNegative(entry, for: CacheKey(name, .a), at: start)
        #expect(cache.negativeAnswer(CacheKey(name, .aaaa), at: start)?.kind == .nameError)
        #expect(cache.negativeAnswer(CacheKey(name, .aaaa), at: start.adding(seconds: 300)) == nil)
        cache.insert(rrset(.authoritativeAnswer), at: start)
        #expect(cache.negativeAnswer(CacheKey(name, .aaaa), at: start) == nil)
    }

    @Test func noDataIsPerType() {
        var cache = RRsetCache()
        cache.insertNegative(NegativeEntry(kind: .noData, authority: [], ttl: 300, storedAt: start), for: CacheKey(name, .aaaa), at: start)
        #expect(cache.negativeAnswer(CacheKey(name, .aaaa), at: start)?.kind == .noData)
        #expect(cache.negativeAnswer(CacheKey(name, .txt), at: start) == nil)
    }

    @Test func memoryBudgetEvictsTheLeastRecentlyUsed() throws {
        var policy = CachePolicy()
        policy.memoryBudget = 20_000
        var cache = RRsetCache(policy: policy)
        var now = start
        let keep = try DomainName("keep.example.test.")
        cache.insert(rrset(.authoritativeAnswer, ttl: 3600, owner: keep), at: now)
        for index in 0..<500 {
            now = now.adding(milliseconds: 10)
            // Reading an entry makes it recent.
            _ = cache.rrset(CacheKey(keep, .a), at: now)
            cache.insert(rrset(.authoritativeAnswer, ttl: 3600, at: now, owner: try DomainName("n\(index).example.test.")), at: now)
            #expect(cache.bytes <= policy.memoryBudget)
        }
        #expect(cache.evictions > 0)
        #expect(cache.rrset(CacheKey(keep, .a), at: now) != nil)
        #expect(cache.rrset(CacheKey(try DomainName("n0.example.test."), .a), at: now) == nil)
        #expect(cache.rrset(CacheKey(try DomainName("n499.example.test."), .a), at: now) != nil)
    }
}

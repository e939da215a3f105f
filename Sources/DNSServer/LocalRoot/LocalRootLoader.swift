import DNSResolver
import DNSWire
import DNSZone
import Foundation
import Logging

/// Keeps the local root fed: loads a copy at start (the newest verified of the state directory's last
/// good copy, the configured file, AXFR from the configured servers and the configured HTTPS URLs),
/// refreshes it at the SOA refresh interval from the same sources, retries at the SOA retry interval after a failure, and
/// reloads on SIGHUP. Every copy passes `LocalRootVerifier` first; a refused copy leaves the current
/// one in place and is logged and counted with its reason.
public final class LocalRootLoader: Sendable {
    let settings: ServeConfiguration.LocalRootSettings
    let localRoot: LocalRoot
    let logger: Logger
    let metrics: ServerMetrics
    /// Used when there is no copy yet to take intervals from.
    static let retryWithoutCopy: Duration = .seconds(300)

    public init(settings: ServeConfiguration.LocalRootSettings, localRoot: LocalRoot, logger: Logger, metrics: ServerMetrics) {
        self.settings = settings
        self.localRoot = localRoot
        self.logger = logger
        self.metrics = metrics
    }

    var stateFile: String { settings.stateDirectory + "/root.zone" }

    /// Tries every source once; returns whether a new copy was installed.
    @discardableResult
    public func load(reason: String) async -> Bool {
        let anchor: TrustAnchor
        do {
            anchor = try TrustAnchor.load(path: settings.trustAnchor, at: UInt32(clamping: localRoot.now))
        } catch {
            refuse("trust-anchor", "cannot use the trust anchor \(settings.trustAnchor): \(error)")
            return false
        }
        var candidates: [(String, () async throws -> Result<LocalRootCopy, LocalRootRefusal>)] = []
        let now = localRoot.now
        let last = localRoot.lastAcceptedSerial
        for server in settings.axfr {
            candidates.append(("AXFR \(server)", {
                let records = try await ZoneTransfer.transfer(.root, from: server)
                return LocalRootVerifier.verify(records: records, source: "AXFR \(server)", trustAnchor: anchor, at: now, lastAcceptedSerial: last)
            }))
        }
        for url in settings.https {
            let caFile = settings.httpsTrustRoots
            candidates.append(("HTTPS \(url)", {
                let text = try await HTTPSZoneSource.fetch(url, extraTrustRoots: caFile)
                return LocalRootVerifier.verify(text: text, source: "HTTPS \(url)", trustAnchor: anchor, at: now, lastAcceptedSerial: last)
            }))
        }
        for path in [settings.file, localRoot.copy == nil ? stateFile : nil].compactMap({ $0 }) where FileManager.default.fileExists(atPath: path) {
            candidates.append(("file \(path)", {
                LocalRootVerifier.verify(file: path, trustAnchor: anchor, at: now, lastAcceptedSerial: last)
            }))
        }
        if candidates.isEmpty {
            refuse("absent", "no root zone copy to load (\([settings.file, stateFile].compactMap { $0 }.joined(separator: ", ")) missing, no AXFR server, no HTTPS URL)")
            return false
        }
        var best: LocalRootCopy?
        for (source, attempt) in candidates {
            do {
                switch try await attempt() {
                case .success(let copy):
                    if best.map({ SerialNumber.isLess($0.serial, than: copy.serial) }) ?? true { best = copy }
                case .failure(let refusal):
                    refuse(refusal.stage.rawValue, "\(source) refused at \(refusal)")
                }
            } catch {
                refuse("transfer", "\(source) failed: \(error)")
            }
        }
        guard let best else { return false }
        if let current = localRoot.copy, current.serial == best.serial, localRoot.usableCopy() != nil {
            return false
        }
        localRoot.install(best)
        metrics.localRootEvent("installed", reason: reason).increment()
        metrics.localRootSerial.set(Double(best.serial))
        logger.info("local root copy installed", metadata: ["serial": "\(best.serial)", "source": "\(best.source)", "trigger": "\(reason)"])
        persist(best)
        return true
    }

    /// Runs until cancelled: refresh at the SOA refresh interval, retry at the SOA retry interval.
    public func run() async {
        var succeeded = await load(reason: "start")
        while !Task.isCancelled {
            let wait: Duration
            if let copy = localRoot.copy {
                wait = .seconds(Int64(succeeded || localRoot.usableCopy() != nil ? copy.zone.soa.refresh : copy.zone.soa.retry))
            } else {
                wait = Self.retryWithoutCopy
            }
            do {
                try await Task.sleep(for: wait)
            } catch {
                return
            }
            succeeded = await load(reason: "refresh")
        }
    }

    private func refuse(_ stage: String, _ reason: String) {
        metrics.localRootEvent("refused", reason: stage).increment()
        logger.warning("local root copy not used", metadata: ["stage": "\(stage)", "reason": "\(reason)"])
        localRoot.noteRefusal("\(stage): \(reason)")
    }

    /// Writes the verified copy to the state directory, so a restart needs no network.
    private func persist(_ copy: LocalRootCopy) {
        guard !copy.source.hasSuffix(stateFile) else { return }
        do {
            try FileManager.default.createDirectory(atPath: settings.stateDirectory, withIntermediateDirectories: true)
            // The SOA first (RFC 1035 §5.2), then every RRset in canonical order.
            var text = copy.zone.soaRecord.presentation + "\n"
            for rrset in copy.zone.rrsets where rrset.type != .soa || rrset.name != copy.zone.origin {
                for record in rrset.records { text += record.presentation + "\n" }
            }
            for record in copy.zone.outOfZone { text += record.presentation + "\n" }
            try text.write(toFile: stateFile + ".tmp", atomically: false, encoding: .utf8)
            guard rename(stateFile + ".tmp", stateFile) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            logger.warning("cannot keep the verified root copy", metadata: ["path": "\(stateFile)", "error": "\(error)"])
        }
    }
}

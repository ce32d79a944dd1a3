import CompressNIO
import Foundation
public import Logging
import NIOCore

/// Exponential back-off with jitter between upload attempts.
public struct RetryPolicy: Sendable {
    /// Attempts per drain before giving up (the reports stay spooled).
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// Each delay is stretched by a random 0…`jitter` fraction.
    public var jitter: Double
    /// Deadline of one HTTP exchange.
    public var requestTimeout: Duration

    public init(
        maxAttempts: Int = 5,
        initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        jitter: Double = 0.5,
        requestTimeout: Duration = .seconds(30)
    ) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.requestTimeout = requestTimeout
    }

    /// Delay before attempt `attempt + 1` (attempt counts from 1).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let factor = Double(1 << min(max(attempt - 1, 0), 20))
        let base = min(initialDelay * factor, maxDelay)
        return base * (1 + Double.random(in: 0...max(0, jitter)))
    }
}

/// What one drain did.
public struct UploadSummary: Sendable, Hashable {
    /// Reports the collector acknowledged (accepted or duplicate), now deleted from the spool.
    public var delivered: Int = 0
    /// Reports in batches the collector refused with a 4xx other than 408/429 (kept in the spool, retried
    /// after ``RefusalBackoff``).
    public var refused: Int = 0
    /// Reports still in the spool.
    public var remaining: Int = 0
    /// False when the last attempt got no HTTP answer or a retryable one (5xx, 408, 429).
    public var collectorReachable: Bool = true
    public var lastError: String?

    /// True when everything spooled was delivered.
    public var drained: Bool { remaining == 0 }
}

/// Sends spooled reports to the collector: batches of at most ``batchSize`` as a gzip JSON array
/// (`POST /api/v1/reports`, `Authorization: Bearer`, `Idempotency-Key` = the batch's first report
/// id), deleting them from the spool only once acknowledged.
public actor ReportUploader {
    public static let maxBatchSize = 100

    let endpoint: CollectorEndpoint
    let spool: ReportSpool
    let retry: RetryPolicy
    let batchSize: Int
    let logger: Logger
    let metrics: AgentMetrics?
    let refusalBackoff: RefusalBackoff
    /// Reports refused with a 4xx: kept in the spool, skipped until their retry time.
    private var refused: [String: RefusalBackoff.Hold] = [:]

    public init(
        endpoint: CollectorEndpoint,
        spool: ReportSpool,
        retry: RetryPolicy = RetryPolicy(),
        batchSize: Int = ReportUploader.maxBatchSize,
        metrics: AgentMetrics? = nil,
        logger: Logger = Logger(label: "camprint.agent.upload") { _ in SwiftLogNoOpLogHandler() },
        refusalBackoff: RefusalBackoff = RefusalBackoff()
    ) {
        self.metrics = metrics
        self.refusalBackoff = refusalBackoff
        self.endpoint = endpoint
        self.spool = spool
        self.retry = retry
        self.batchSize = min(max(batchSize, 1), Self.maxBatchSize)
        self.logger = logger
    }

    /// Uploads everything pending, retrying failed batches with back-off up to ``RetryPolicy/maxAttempts``.
    public func drain() async -> UploadSummary {
        var summary = UploadSummary()
        var attempt = 0
        while !Task.isCancelled {
            let batch: [ReportSpool.Entry]
            do {
                let limit = batchSize + refused.count
                let window = try await spool.pending(limit: limit)
                if window.count < limit { refusalBackoff.forgetGone(&refused, present: window) }
                let now = refusalBackoff.now()
                batch = Array(
                    window.filter { refused[$0.reportId].map { $0.retryAt <= now } ?? true }.prefix(batchSize)
                )
            } catch {
                summary.lastError = "spool: \(error)"
                break
            }
            if batch.isEmpty { break }
            attempt += 1
            let outcome = await send(batch)
            switch outcome {
            case .delivered: metrics?.recordUpload(.delivered, reports: batch.count)
            case .refused: metrics?.recordUpload(.refused, reports: batch.count)
            case .retryable: metrics?.recordUpload(.failed, reports: batch.count)
            }
            switch outcome {
            case .delivered:
                do {
                    try await spool.delete(reportIds: batch.map(\.reportId))
                } catch {
                    summary.lastError = "spool: \(error)"
                    return await finish(summary)
                }
                summary.delivered += batch.count
                summary.collectorReachable = true
                attempt = 0
            case .refused(let status, let message):
                let delay = refusalBackoff.refuse(batch.map(\.reportId), in: &refused)
                summary.refused += batch.count
                summary.lastError = "collector refused a batch of \(batch.count) with HTTP \(status): \(message)"
                logger.error(
                    "agent: collector refused \(batch.count) report(s) (first \(batch[0].reportId)) with HTTP \(status): \(message); they stay spooled and are retried in \(AgentDuration.describe(delay)) in case the collector is fixed (the spool bounds still evict them)"
                )
                attempt = 0
            case .retryable(let message):
                summary.collectorReachable = false
                summary.lastError = message
                if attempt >= retry.maxAttempts {
                    logger.error("agent: upload failed \(attempt) time(s), giving up for now: \(message)")
                    return await finish(summary)
                }
                let delay = retry.delay(afterAttempt: attempt)
                logger.warning("agent: upload failed (\(message)); retry in \(AgentDuration.describe(delay))")
                do { try await Task.sleep(for: delay) } catch { return await finish(summary) }
            }
        }
        return await finish(summary)
    }

    private func finish(_ summary: UploadSummary) async -> UploadSummary {
        var summary = summary
        summary.remaining = (try? await spool.count()) ?? -1
        return summary
    }

    enum Outcome {
        case delivered
        case refused(Int, String)
        case retryable(String)
    }

    private func send(_ batch: [ReportSpool.Entry]) async -> Outcome {
        var json = ByteBuffer()
        json.writeString("[")
        for (index, entry) in batch.enumerated() {
            if index > 0 { json.writeString(",") }
            json.writeBytes(entry.json)
        }
        json.writeString("]")
        let body: ByteBuffer
        do {
            body = try json.compress(with: .gzip())
        } catch {
            return .retryable("gzip: \(error)")
        }
        let headers = [
            ("Authorization", "Bearer \(endpoint.token)"),
            ("Content-Type", "application/json"),
            ("Content-Encoding", "gzip"),
            ("Idempotency-Key", batch[0].reportId),
            ("Accept", "application/json"),
        ]
        do {
            let response = try await CollectorHTTPClient.post(
                endpoint: endpoint,
                headers: headers,
                body: body,
                timeout: retry.requestTimeout
            )
            let excerpt = String(response.body.prefix(300)).replacingOccurrences(of: "\n", with: " ")
            switch response.status {
            case 200..<300:
                logRefusedItems(response.body)
                return .delivered
            case 408, 429: return .retryable("HTTP \(response.status)")
            case 400..<500: return .refused(response.status, excerpt)
            default: return .retryable("HTTP \(response.status)")
            }
        } catch {
            return .retryable("\(error)")
        }
    }

    /// A 2xx answer may list reports the collector refused one by one (`refused: [{reportId,
    /// reason}]`, e.g. observed in the future: the gateway's clock is wrong). They are not retried
    /// — the same report would be refused again — but the operator must hear of them.
    private func logRefusedItems(_ body: String) {
        guard body.contains("\"refused\""),
            let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let items = object["refused"] as? [[String: Any]], !items.isEmpty
        else { return }
        for item in items.prefix(5) {
            let id = item["reportId"] as? String ?? "?"
            let reason = item["reason"] as? String ?? "no reason given"
            logger.error("agent: collector refused report \(id): \(reason) (check this gateway's clock)")
        }
        if items.count > 5 { logger.error("agent: collector refused \(items.count - 5) more report(s)") }
    }
}

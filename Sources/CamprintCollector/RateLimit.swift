import Synchronization

/// Per-token request rate on `POST /api/v1/reports`: a token bucket of `burst` requests refilled at
/// `requestsPerSecond`, kept in memory by each collector process (several collectors behind a load
/// balancer each allow this much). Past it: 429 with `Retry-After`, which the agent retries later.
public struct RateLimit: Codable, Hashable, Sendable {
    public var requestsPerSecond: Double
    public var burst: Int

    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }

    /// 20 requests a second, bursts of 120: far above an agent's batches (one request per upload of up
    /// to hundreds of reports), far below what it takes to keep a collector busy.
    public static let `default` = RateLimit(requestsPerSecond: 20, burst: 120)
}

/// The buckets, one per token id.
final class TokenRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Int64
    }

    let limit: RateLimit
    private let buckets = Mutex<[Int64: Bucket]>([:])
    /// Buckets idle this long are full again and are forgotten (bounds the dictionary).
    private static let forgetAfterMilliseconds: Int64 = 600_000

    init(limit: RateLimit) {
        self.limit = limit
    }

    /// Takes one request from the token's bucket at `now` (milliseconds); nil when admitted, else the
    /// whole seconds to wait before the next one fits.
    func admit(tokenId: Int64, now: Int64) -> Int? {
        let limit = self.limit
        return buckets.withLock { buckets in
            if buckets.count > 10_000 {
                buckets = buckets.filter { now - $0.value.updatedAt < Self.forgetAfterMilliseconds }
            }
            var bucket = buckets[tokenId] ?? Bucket(tokens: Double(limit.burst), updatedAt: now)
            let elapsed = Double(max(0, now - bucket.updatedAt)) / 1000
            bucket.tokens = min(Double(limit.burst), bucket.tokens + elapsed * limit.requestsPerSecond)
            bucket.updatedAt = now
            guard bucket.tokens >= 1 else {
                buckets[tokenId] = bucket
                guard limit.requestsPerSecond > 0 else { return 3600 }
                return max(1, Int(((1 - bucket.tokens) / limit.requestsPerSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            buckets[tokenId] = bucket
            return nil
        }
    }
}

import Foundation

/// The Digest nonces a camera has issued and when (RFC 2617 §3.2.1: the server decides how long
/// a nonce stays valid; a request with an expired one is answered with a fresh challenge marked
/// `stale=TRUE`). Shared by the camera's connections; bounded by ``maximumNonces``.
final class DigestNonces: @unchecked Sendable {
    enum State: Equatable {
        case fresh
        case stale
        case unknown
    }

    static let maximumNonces = 4_096

    let lifetime: Double
    private let lock = NSLock()
    private var issued: [String: Date] = [:]
    private var order: [String] = []

    init(lifetime: Double) {
        self.lifetime = lifetime
    }

    func issue(_ nonce: String, now: Date = Date()) {
        lock.withLock {
            if issued[nonce] == nil { order.append(nonce) }
            issued[nonce] = now
            while order.count > Self.maximumNonces {
                issued[order.removeFirst()] = nil
            }
        }
    }

    func state(of nonce: String, now: Date = Date()) -> State {
        lock.withLock {
            guard let at = issued[nonce] else { return .unknown }
            return now.timeIntervalSince(at) <= lifetime ? .fresh : .stale
        }
    }
}

import CamprintRTSP
import NIOCore

/// One response as it came off the wire.
struct ReceivedResponse: Sendable {
    var response: RTSPResponse
    /// Exactly the bytes of this response (head and body).
    var raw: [UInt8]
    var completedAt: NIODeadline
}

/// How waiting for a response ended without one.
enum RTSPReadFailure: Error, Sendable {
    /// The peer closed; `partial` is what arrived of the next message (at most 512 bytes).
    case closed(partial: [UInt8], receivedBytes: Int)
    case timeout(partial: [UInt8], receivedBytes: Int)
    case decode(RTSPError, prefix: [UInt8])
    case tls(String)
    case io(String)
}

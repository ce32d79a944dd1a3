public import CamprintWire

/// One unit of an RTSP TCP stream: a message, or an interleaved binary frame
/// (`$` channel length payload, RFC 2326 §10.12).
public enum RTSPFrame: Hashable, Sendable, Encodable {
    case request(RTSPRequest)
    case response(RTSPResponse)
    case interleaved(channel: UInt8, payload: HexBytes)
}

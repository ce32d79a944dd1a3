import CamprintDigest
import CamprintRTSP
import CamprintTestcam
import CamprintWire
import Foundation
import Testing

/// A camera on a loopback socket driven by a plain blocking client, for the suites that need the
/// real listener (live mode, container media, nonce freshness). The fault modes themselves are
/// tested without sockets in RTSPConnectionHandlerTests.
enum SocketCamera {
    static let url = "rtsp://127.0.0.1/Streaming/Channels/101"

    /// NAL unit types carried by RTP payloads (single NAL units and FU-A starts), H.264.
    static func h264NALTypes(_ frames: [(UInt8, [UInt8])]) -> Set<UInt8> {
        var types: Set<UInt8> = []
        for (channel, packet) in frames where channel == 0 && packet.count > 13 {
            let payload = packet[12...]
            let type = payload[payload.startIndex] & 0x1f
            if type == 28 {
                let header = payload[payload.startIndex + 1]
                if header & 0x80 != 0 { types.insert(header & 0x1f) }
            } else {
                types.insert(type)
            }
        }
        return types
    }

    static func play(_ client: SocketClient) throws {
        _ = try client.request("DESCRIBE", url, cseq: 1)
        let setup = try client.request(
            "SETUP",
            url + "/trackID=1",
            cseq: 2,
            headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
        )
        let session = String((setup.headers.value("Session") ?? "").split(separator: ";")[0])
        let play = try client.request("PLAY", url, cseq: 3, headers: [("Session", session)])
        #expect(play.statusCode == 200)
    }

    static func digest(_ challenge: RTSPResponse, password: String, method: String, uri: String) -> String {
        let params = DigestParameters.parse(challenge.headers.value("WWW-Authenticate") ?? "")
        let realm = params["realm"] ?? ""
        let nonce = params["nonce"] ?? ""
        return HTTPTestAuth.rfc2069(
            user: "admin",
            password: password,
            realm: realm,
            nonce: nonce,
            method: method,
            uri: uri
        )
    }
}

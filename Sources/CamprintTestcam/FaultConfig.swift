import Foundation

/// Misbehaviours a camera can be told to show (persona `faults:` key, fleet entries, `--fault`).
public struct FaultConfig: Sendable, Codable, Equatable {
    /// Accept the TCP connection and never answer.
    public var hang_after_accept: Bool?
    /// Answer OPTIONS, then never answer again.
    public var hang_after_options: Bool?
    /// Send every response one byte per second.
    public var drip: Bool?
    /// Answer every request with binary garbage.
    public var garbage: Bool?
    /// Add a 1 MB header to every response.
    public var huge_header: Bool?
    /// DESCRIBE returns an SDP cut off in the middle of the video section (Content-Length matches
    /// the truncated body).
    public var truncated_sdp: Bool?
    /// Close the connection this many seconds after PLAY.
    public var close_mid_stream_after: Double?
    /// Status for SETUP (453 Not Enough Bandwidth, …).
    public var setup_status: Int?
    /// Status for DESCRIBE (503 Service Unavailable, …).
    public var describe_status: Int?
    /// Status for every request (503 for a camera that is "busy").
    public var all_status: Int?
    /// 401 on every authenticated method, whatever the credentials.
    public var unauthorized_forever: Bool?
    /// After `after` failed logins, 403 Forbidden for `seconds` (Hikvision's lockout).
    public var lockout: Lockout?
    /// Send no keyframe (IDR/IRAP) for this many seconds after PLAY (the frames between keyframes
    /// are still sent).
    public var no_keyframe_seconds: Double?
    /// Strip SPS/PPS/VPS from the stream and from the SDP.
    public var no_parameter_sets: Bool?
    /// Leave the parameter sets out of the SDP only (`sprop-*` absent; still sent in band).
    public var no_sdp_parameter_sets: Bool?
    /// Answer only on the camera's own path: any other path gets 404 Not Found (OPTIONS excepted,
    /// which is answered on any URL), before authentication, as a camera whose firmware knows only
    /// its stream paths. Without it a camera alone on its port answers on every path.
    public var own_path_only: Bool?

    public struct Lockout: Sendable, Codable, Equatable {
        public var after: Int
        public var seconds: Double

        public init(after: Int, seconds: Double) {
            self.after = after
            self.seconds = seconds
        }
    }

    public init() {}

    /// `other`'s set values override this one's.
    public func merging(_ other: FaultConfig) -> FaultConfig {
        var out = self
        out.hang_after_accept = other.hang_after_accept ?? hang_after_accept
        out.hang_after_options = other.hang_after_options ?? hang_after_options
        out.drip = other.drip ?? drip
        out.garbage = other.garbage ?? garbage
        out.huge_header = other.huge_header ?? huge_header
        out.truncated_sdp = other.truncated_sdp ?? truncated_sdp
        out.close_mid_stream_after = other.close_mid_stream_after ?? close_mid_stream_after
        out.setup_status = other.setup_status ?? setup_status
        out.describe_status = other.describe_status ?? describe_status
        out.all_status = other.all_status ?? all_status
        out.unauthorized_forever = other.unauthorized_forever ?? unauthorized_forever
        out.lockout = other.lockout ?? lockout
        out.no_keyframe_seconds = other.no_keyframe_seconds ?? no_keyframe_seconds
        out.no_parameter_sets = other.no_parameter_sets ?? no_parameter_sets
        out.no_sdp_parameter_sets = other.no_sdp_parameter_sets ?? no_sdp_parameter_sets
        out.own_path_only = other.own_path_only ?? own_path_only
        return out
    }

    /// Parses a command-line `--fault` value: `NAME` or `NAME=VALUE`
    /// (`lockout=3/60` = after 3 failures, 60 s).
    public mutating func apply(flag: String) throws(PersonaError) {
        let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts[0].replacingOccurrences(of: "-", with: "_")
        let value = parts.count > 1 ? parts[1] : nil
        func number() throws(PersonaError) -> Double {
            guard let value, let number = Double(value) else { throw PersonaError("--fault \(name) needs =NUMBER") }
            return number
        }
        switch name {
        case "hang_after_accept": hang_after_accept = true
        case "hang_after_options": hang_after_options = true
        case "drip": drip = true
        case "garbage": garbage = true
        case "huge_header": huge_header = true
        case "truncated_sdp": truncated_sdp = true
        case "close_mid_stream_after": close_mid_stream_after = try number()
        case "setup_status": setup_status = Int(try number())
        case "describe_status": describe_status = Int(try number())
        case "all_status": all_status = Int(try number())
        case "unauthorized_forever": unauthorized_forever = true
        case "no_keyframe_seconds": no_keyframe_seconds = try number()
        case "no_parameter_sets": no_parameter_sets = true
        case "no_sdp_parameter_sets": no_sdp_parameter_sets = true
        case "own_path_only": own_path_only = true
        case "lockout":
            let pieces = (value ?? "").split(separator: "/").compactMap { Double($0) }
            guard pieces.count == 2 else { throw PersonaError("--fault lockout=N/SECONDS") }
            lockout = Lockout(after: Int(pieces[0]), seconds: pieces[1])
        default: throw PersonaError("unknown fault \(name)")
        }
    }
}

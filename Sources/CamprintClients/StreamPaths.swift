/// The RTSP paths a bare address (`rtsp://host[:port]`, no path) is searched for: each vendor's
/// main stream of its first channel, with the vendor it comes from. Data, not logic: a path
/// added here is tried by ``StreamPaths/ranked(vendors:)`` in its vendor's turn.
///
/// Source: docs/signals.md §1.4 (stream paths by maker), and the emulator personas written from
/// the same captures (`Samples/personas/*.yaml`, `path`).
public enum StreamPaths {
    public struct Candidate: Hashable, Sendable {
        /// Canonical vendor name as the signature database writes it (`vendor:` in
        /// Sources/CamprintSignatures/Rules); `nil` for paths many vendors share.
        public var vendor: String?
        /// Path and query, starting with `/`.
        public var path: String

        public init(vendor: String?, path: String) {
            self.vendor = vendor
            self.path = path
        }
    }

    /// Most common first: with no hint from the device, the search goes down this list.
    public static let candidates: [Candidate] = [
        // Hikvision and its OEMs: channel 1, main stream (ISAPI Streaming channel id 101).
        Candidate(vendor: "Hikvision", path: "/Streaming/Channels/101"),
        // Dahua and its OEMs: channel 1, main stream (subtype 0).
        Candidate(vendor: "Dahua", path: "/cam/realmonitor?channel=1&subtype=0"),
        // Axis VAPIX RTSP.
        Candidate(vendor: "Axis", path: "/axis-media/media.amp"),
        // Uniview (and GeoVision OEM): first video stream.
        Candidate(vendor: "Uniview", path: "/media/video1"),
        // Reolink: channel 1, main stream.
        Candidate(vendor: "Reolink", path: "/h264Preview_01_main"),
        // Hanwha (Wisenet): media profile 2, the first stream profile of the default set.
        Candidate(vendor: "Hanwha", path: "/profile2/media.smp"),
        // TP-Link Tapo/VIGI: first stream.
        Candidate(vendor: "TP-Link", path: "/stream1"),
        // Foscam: main stream.
        Candidate(vendor: "Foscam", path: "/videoMain"),
        // Hikvision's legacy layout (older firmware and OEM boards).
        Candidate(vendor: "Hikvision", path: "/h264/ch1/main/av_stream"),
        // Generic layouts of embedded RTSP servers (live555 examples, many OEM boards): no maker
        // of their own (not in docs/signals.md §1.4), tried last.
        Candidate(vendor: nil, path: "/live"),
        Candidate(vendor: nil, path: "/11"),
    ]

    /// At most this many requests (OPTIONS and DESCRIBE, authenticated or not) go to a bare
    /// address while its stream is searched; TEARDOWN for a session handed out is sent anyway.
    public static let requestLimit = 8

    /// ``candidates`` with the paths of `vendors` (most likely first, names compared without
    /// case) moved to the front; the rest keep their order. Paths that are `/` are left out:
    /// the search asks `/` itself first.
    public static func ranked(vendors: [String]) -> [Candidate] {
        var ordered: [Candidate] = []
        for vendor in vendors {
            for candidate in candidates
            where candidate.vendor?.lowercased() == vendor.lowercased() && !ordered.contains(candidate) {
                ordered.append(candidate)
            }
        }
        for candidate in candidates where !ordered.contains(candidate) { ordered.append(candidate) }
        return ordered
    }
}

/// What the search of a bare address did: the path that answered (if any) and what it cost.
public struct StreamSearchRecord: Hashable, Sendable {
    /// The path (and query) whose DESCRIBE answered with a stream, or that asked for credentials
    /// none were given for; `nil` when no path answered within the limits.
    public var foundPath: String?
    /// True when ``foundPath`` answered 401 and no credentials were given: the path exists, its
    /// stream is behind authentication.
    public var foundBehindAuthentication: Bool
    /// Requests sent to the host during the search (OPTIONS, DESCRIBE, authenticated DESCRIBE).
    public var requests: Int
    /// The cap on ``requests`` (``StreamPaths/requestLimit``).
    public var limit: Int
    /// The paths asked, in order (`/` first).
    public var tried: [String]
    /// The vendors the device's first answers pointed to, in the order used to rank paths.
    public var hintedVendors: [String]

    public init(
        foundPath: String? = nil,
        foundBehindAuthentication: Bool = false,
        requests: Int = 0,
        limit: Int = StreamPaths.requestLimit,
        tried: [String] = [],
        hintedVendors: [String] = []
    ) {
        self.foundPath = foundPath
        self.foundBehindAuthentication = foundBehindAuthentication
        self.requests = requests
        self.limit = limit
        self.tried = tried
        self.hintedVendors = hintedVendors
    }
}

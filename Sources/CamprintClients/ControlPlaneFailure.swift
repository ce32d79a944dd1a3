public import CamprintReport

/// Why a control-plane probe ended without a usable DESCRIBE answer; each case has one precise
/// line (``message``), a stable ``code`` and the ``ProbeStatus`` it reports as.
public enum ControlPlaneFailure: Error, Hashable, Sendable, CustomStringConvertible {
    case dnsFailure(host: String, reason: String)
    case resolveTimeout(host: String, after: Duration)
    case connectionRefused(address: String)
    case connectTimeout(address: String, after: Duration)
    case networkUnreachable(address: String, reason: String)
    case tlsFailure(reason: String)
    case readTimeout(step: String, receivedBytes: Int, after: Duration)
    case totalTimeout(step: String, after: Duration)
    case closedEarly(step: String, receivedBytes: Int)
    case notRTSP(firstLine: String)
    case malformed(step: String, reason: String)
    case authRequired(realm: String?)
    case authUnsupported(schemes: [String])
    case authFailed(scheme: String, realm: String?)
    /// Only Basic was offered where the password would travel in clear (see
    /// ``ControlPlaneOptions/allowBasic``); nothing was sent.
    case basicRefused(realm: String?)
    case forbidden(statusLine: String)
    case notFound(statusLine: String)
    /// A bare address (``ControlPlaneOptions/searchesStreamPath``): neither `/` nor any vendor
    /// path tried answered with a stream.
    case streamNotFound(paths: Int, requests: Int, limit: Int)
    case busy(statusLine: String)
    case unexpectedStatus(step: String, statusLine: String)
    case tooManyRedirects(count: Int)
    case invalidRedirect(reason: String)
    /// A redirect to another host, not followed (``ControlPlaneOptions/followRedirectsToOtherHosts``).
    case redirectToOtherHost(location: String)
    case noVideo(media: [String])
    case unsupportedCodec(codecs: [String])
    case invalidSDP(reason: String)

    /// How the probe reports in `camprint.report/v1`.
    public var status: ProbeStatus {
        switch self {
        case .dnsFailure, .connectionRefused, .networkUnreachable, .tlsFailure: .unreachable
        case .resolveTimeout, .connectTimeout, .readTimeout, .totalTimeout: .timeout
        case .closedEarly, .tooManyRedirects, .invalidRedirect, .unexpectedStatus, .redirectToOtherHost: .error
        case .notRTSP: .notRTSP
        case .malformed, .invalidSDP: .malformed
        case .authRequired, .authUnsupported, .basicRefused: .authRequired
        case .authFailed: .authFailed
        case .forbidden: .forbidden
        case .notFound, .streamNotFound: .notFound
        case .busy: .busy
        case .noVideo: .noVideo
        case .unsupportedCodec: .unsupported
        }
    }

    /// A stable dotted code for scripts: `rtsp.connect.refused`, `rtsp.auth.failed`, …
    public var code: String {
        switch self {
        case .dnsFailure: "rtsp.dns.failed"
        case .resolveTimeout: "rtsp.dns.timeout"
        case .connectionRefused: "rtsp.connect.refused"
        case .connectTimeout: "rtsp.connect.timeout"
        case .networkUnreachable: "rtsp.connect.unreachable"
        case .tlsFailure: "rtsp.tls.failed"
        case .readTimeout: "rtsp.read.timeout"
        case .totalTimeout: "rtsp.total.timeout"
        case .closedEarly: "rtsp.read.closed"
        case .notRTSP: "rtsp.not-rtsp"
        case .malformed: "rtsp.response.malformed"
        case .authRequired: "rtsp.auth.required"
        case .authUnsupported: "rtsp.auth.unsupported"
        case .authFailed: "rtsp.auth.failed"
        case .basicRefused: "rtsp.auth.basic-refused"
        case .forbidden: "rtsp.status.forbidden"
        case .notFound: "rtsp.status.not-found"
        case .streamNotFound: "rtsp.stream.not-found"
        case .busy: "rtsp.status.busy"
        case .unexpectedStatus: "rtsp.status.unexpected"
        case .tooManyRedirects: "rtsp.redirect.too-many"
        case .invalidRedirect: "rtsp.redirect.invalid"
        case .redirectToOtherHost: "rtsp.redirect.other-host"
        case .noVideo: "sdp.no-video"
        case .unsupportedCodec: "sdp.unsupported-codec"
        case .invalidSDP: "sdp.invalid"
        }
    }

    /// One line for a person; never contains credentials.
    public var message: String {
        switch self {
        case .dnsFailure(let host, let reason): "DNS lookup of \(host) failed: \(reason)"
        case .resolveTimeout(let host, let after): "DNS lookup of \(host) timed out after \(Self.format(after))"
        case .connectionRefused(let address): "connection refused by \(address) (nothing listens on that port)"
        case .connectTimeout(let address, let after):
            "no answer to the TCP connect to \(address) within \(Self.format(after))"
        case .networkUnreachable(let address, let reason): "cannot reach \(address): \(reason)"
        case .tlsFailure(let reason): "TLS handshake failed: \(reason)"
        case .readTimeout(let step, let received, let after):
            received == 0
                ? "connected, but no answer to \(step) within \(Self.format(after))"
                : "\(step) answer incomplete after \(Self.format(after)) (\(received) bytes received)"
        case .totalTimeout(let step, let after): "probe deadline of \(Self.format(after)) reached during \(step)"
        case .closedEarly(let step, let received):
            received == 0
                ? "the server closed the connection without answering \(step)"
                : "the server closed the connection in the middle of the \(step) answer (\(received) bytes)"
        case .notRTSP(let firstLine): "not an RTSP server: it answered \"\(firstLine)\""
        case .malformed(let step, let reason): "malformed \(step) answer: \(reason)"
        case .authRequired(let realm):
            "the server requires authentication\(realm.map { " (realm \"\($0)\")" } ?? ""); "
                + "give --credentials FILE or --username U --password-file F"
        case .authUnsupported(let schemes):
            "the server requires authentication with \(schemes.isEmpty ? "no scheme" : schemes.joined(separator: ", ")), "
                + "which camprint does not support"
        case .authFailed(let scheme, let realm):
            "\(scheme) authentication refused\(realm.map { " (realm \"\($0)\")" } ?? ""); not retried "
                + "(one attempt per credential, to avoid lockouts)"
        case .basicRefused(let realm):
            "the camera offered only Basic authentication\(realm.map { " (realm \"\($0)\")" } ?? "") over a "
                + "connection that is not TLS with a verified certificate; refusing to send the password in clear "
                + "(--allow-basic, or allow_basic: true in the agent's configuration, allows it for this target)"
        case .forbidden(let line): "access forbidden: \(line)"
        case .notFound(let line): "no stream at this path: \(line)"
        case .streamNotFound(let paths, let requests, let limit):
            "no stream found on / or the vendor paths tried (\(paths) paths, \(requests) of at most \(limit) "
                + "requests); give the stream's path in the URL"
        case .busy(let line): "the server is busy (session or bandwidth limit): \(line)"
        case .unexpectedStatus(let step, let line): "unexpected answer to \(step): \(line)"
        case .tooManyRedirects(let count): "more than \(count) redirects"
        case .invalidRedirect(let reason): "invalid redirect: \(reason)"
        case .redirectToOtherHost(let location):
            "redirected to another host (\(location)); not followed (--follow-redirects-to-other-hosts follows it, "
                + "without credentials)"
        case .noVideo(let media):
            "the stream has no video track (media: \(media.isEmpty ? "none" : media.joined(separator: ", ")))"
        case .unsupportedCodec(let codecs):
            "unsupported video codec \(codecs.joined(separator: ", ")) (camprint reads H.264 and H.265)"
        case .invalidSDP(let reason): "the DESCRIBE answer has no usable SDP: \(reason)"
        }
    }

    public var description: String { message }

    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}
